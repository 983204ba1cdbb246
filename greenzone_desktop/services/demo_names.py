"""Name and place data for the demo village: Vietnamese family names at their real frequencies.

Family-name shares follow the commonly cited national survey figures (Nguyễn ≈ 38 %, Trần ≈ 11 %,
Lê ≈ 9.5 %, …); given names are common ones for each sex.
"""

from __future__ import annotations

FAMILY_NAMES: list[tuple[str, float]] = [
    ("Nguyễn", 38.4), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.1), ("Hoàng", 3.6),
    ("Huỳnh", 1.5), ("Phan", 4.5), ("Vũ", 2.5), ("Võ", 1.4), ("Đặng", 2.1), ("Bùi", 2.0),
    ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đào", 0.9),
    ("Đinh", 0.8), ("Trịnh", 0.7), ("Lương", 0.5), ("Mai", 0.5), ("Cao", 0.4), ("Tạ", 0.3),
    ("Lưu", 0.3), ("Quách", 0.2), ("Kiều", 0.2), ("Văn", 0.2), ("Tô", 0.2), ("Hà", 0.4),
    ("Khổng", 0.1), ("Ông", 0.1), ("Thái", 0.2), ("Chu", 0.3), ("Triệu", 0.3), ("Phùng", 0.4),
]

MIDDLE_MALE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Ngọc", "Thanh",
               "Xuân", "Trọng", "Tiến", "Duy", "Mạnh", "Bá", "Đình", "Quốc"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Phương",
                 "Kim", "Bích", "Thúy", "Diệu", "Khánh", "Mai"]

GIVEN_MALE = ["An", "Anh", "Bảo", "Bình", "Cường", "Chiến", "Dũng", "Duy", "Đạt", "Đức", "Giang",
              "Hải", "Hào", "Hiếu", "Hòa", "Hoàng", "Hùng", "Huy", "Khang", "Khánh", "Khoa",
              "Kiên", "Lâm", "Long", "Lộc", "Lực", "Mạnh", "Minh", "Nam", "Nghĩa", "Ngọc",
              "Nhân", "Phong", "Phúc", "Quang", "Quân", "Sơn", "Tài", "Tâm", "Thái", "Thắng",
              "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Ước",
              "Ơn", "Hưng", "Lợi", "Tú", "Quyết", "Kỳ", "Hữu", "Đông", "Tuyền"]
GIVEN_FEMALE = ["An", "Anh", "Ánh", "Bích", "Chi", "Dung", "Duyên", "Đào", "Giang", "Hà",
                "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huệ", "Hương", "Hường", "Huyền", "Lan",
                "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nguyệt", "Nhung",
                "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thơ", "Thủy", "Thúy", "Trang",
                "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến", "Ư", "Ổn", "Nụ", "Lụa",
                "Hảo", "Thắm", "Gấm", "Nhàn", "Diệp", "Mỹ", "Ngát"]

STREETS = ["Ngõ 1", "Ngõ 2", "Ngõ 3", "Ngõ 5", "Ngõ 7", "Đường Trần Phú", "Đường Lê Lợi",
           "Đường Nguyễn Trãi", "Xóm Giữa", "Xóm Đình", "Xóm Chùa", "Đường Hai Bà Trưng"]

OCCUPATIONS_ADULT = ["Làm ruộng", "Công nhân", "Buôn bán", "Giáo viên", "Cán bộ hưu trí",
                     "Lao động tự do", "Thợ xây", "Nhân viên văn phòng", "Kinh doanh",
                     "Lái xe", "Nội trợ", "Thợ may", "Y tá", "Bộ đội"]
WORKPLACES = ["KCN Bình Xuyên", "KCN Quang Minh", "Công ty TNHH Honda Việt Nam",
              "Công ty Toyota Việt Nam", "Chợ Phúc Yên", "Trường THCS Hùng Vương", "Tại nhà",
              "UBND phường", "Bệnh viện Đa khoa khu vực Phúc Yên"]

VACCINES = ["AstraZeneca", "AstraZeneca", "Pfizer", "Moderna", "Sinopharm (Vero Cell)",
            "Sinopharm (Vero Cell)", "Sputnik V", "Abdala"]

BUSINESSES = ["Cửa hàng tạp hóa", "Quán cà phê", "Xưởng may", "Cơ sở sản xuất gạch",
              "Nhà hàng", "Hiệu thuốc", "Tiệm cắt tóc", "Xưởng cơ khí", "Quán ăn", "Đại lý gas"]
AGENCIES = ["Trường Mầm non", "Trường Tiểu học", "Trạm Y tế", "Nhà văn hóa", "Bưu điện"]

# -- the running campaign (demo_activity) -------------------------------------------------------
EXTRA_ORGANISATIONS = [
    ("school", "Trường Mầm non Hoa Sen"), ("school", "Trường Tiểu học Hùng Vương"),
    ("school", "Trường THCS Xuân Hòa"), ("agency", "Trạm Y tế phường Hùng Vương"),
    ("agency", "Nhà văn hóa tổ dân phố"), ("agency", "Bưu điện văn hóa phường"),
    ("business", "Chợ Xuân Mai"), ("business", "Siêu thị mini Phúc Lộc"),
]
OUT_PLACES = ["Xã Tiền Phong, Mê Linh, Hà Nội", "Phường Xuân Hòa, Phúc Yên",
              "Thị trấn Gia Khánh, Bình Xuyên", "Phường Đồng Xuân, Phúc Yên",
              "Xã Nam Viêm, Phúc Yên", "Thành phố Vĩnh Yên", "Xã Thanh Lâm, Mê Linh, Hà Nội",
              "Phường Trưng Trắc, Phúc Yên", "Xã Cao Minh, Phúc Yên"]
RISK_PLACES = ["Quận Bình Tân, TP. Hồ Chí Minh", "Thành phố Thuận An, Bình Dương",
               "Thành phố Biên Hòa, Đồng Nai"]
RISK_AREAS = ["TP. Hồ Chí Minh", "Bình Dương", "Đồng Nai", "Long An"]
VISIT_PURPOSES = ["Giao hàng", "Thăm người thân", "Sửa chữa điện nước", "Giao hàng thực phẩm",
                  "Công tác", "Thu mua nông sản", "Lắp đặt mạng internet"]
RESIDENT_PURPOSES = ["Đi làm", "Đi chợ", "Mua thuốc", "Đưa đón con", "Đi khám bệnh",
                     "Đi làm ca"]
PLATE_PREFIXES = ["88B1", "88H1", "29T1", "88D1", "30H", "88A"]
TIPS = [
    ("Có người từ TP. Hồ Chí Minh về nhà ở {addr} chưa khai báo y tế.",
     "Tổ Covid cộng đồng đã đến hộ, hướng dẫn khai báo và cách ly tại nhà."),
    ("Quán ăn ở {addr} vẫn bán tại chỗ, khách ngồi đông.",
     "Công an khu vực đã nhắc nhở, chủ quán cam kết chỉ bán mang về."),
    ("Nhóm thanh niên tụ tập uống rượu buổi tối gần {addr}.", ""),
    ("Người đang cách ly tại nhà ở {addr} ra ngoài đi chợ.",
     "Tổ phản ứng nhanh đã nhắc nhở, lập biên bản lần đầu."),
    ("Rác thải y tế của hộ cách ly để ngoài cổng ở {addr}.", ""),
    ("Hỏi lịch tiêm mũi 2 cho người trên 50 tuổi ở {addr}.",
     "Trạm Y tế đã trả lời qua điện thoại."),
]
VIOLATIONS = [
    ("Không đeo khẩu trang nơi công cộng", "reminder", 0, "closed"),
    ("Tụ tập đông người uống rượu", "fine", 2_000_000, "closed"),
    ("Ra khỏi nhà khi đang cách ly tại nhà", "record", 0, "open"),
]
HOUSEHOLD_RECOMMENDATIONS = {
    "logbook": "Ghi Sổ vùng xanh hằng ngày, đủ người ra vào",
    "visitors": "Ghi tên, số điện thoại người đến nhà",
    "five_k": "Nhắc người trong hộ đeo khẩu trang khi ra ngoài",
    "commitment_posted": "Dán bản cam kết vùng xanh ở cửa",
    "no_gathering": "Không tổ chức ăn uống đông người",
    "quarantine": "Người cách ly không ra khỏi nhà; nhận đồ qua Tổ Covid cộng đồng",
}
TEAM_FINDINGS = [
    ("Một số hộ chưa ghi Sổ vùng xanh hằng ngày",
     "Tổ Covid cộng đồng kiểm tra, nhắc nhở từng hộ trong tuần"),
    ("Chốt kiểm soát ca đêm có lúc chỉ một người trực",
     "Bổ sung lực lượng dân quân, đoàn viên cho ca đêm"),
    ("Cửa hàng tạp hóa chưa bố trí nước rửa tay sát khuẩn",
     "Chủ cơ sở bố trí ngay; Tổ Covid cộng đồng kiểm tra lại"),
]
TEAM_RECOMMENDATIONS = ["Hoàn thành rà soát toàn bộ hộ trong đợt",
                        "Cập nhật danh sách người về từ vùng dịch hằng ngày"]
