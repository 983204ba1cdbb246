"""Fixed Vietnamese wording shared by the printed documents (from the 2021 plans)."""

from __future__ import annotations

# Thông điệp 5K của Bộ Y tế
FIVE_K = ("Khẩu trang", "Khử khuẩn", "Khoảng cách", "Không tụ tập", "Khai báo y tế")

# 5T của tỉnh Vĩnh Phúc (Kế hoạch xây dựng "Vùng xanh", TP Phúc Yên, 2021)
FIVE_T = (
    "Tuân thủ đúng các quy định về phòng, chống dịch",
    "Tự giác khai báo khi có người thân, khách từ tỉnh có dịch đến nhà",
    "Tố giác tổ chức, cá nhân vi phạm qua đường dây nóng",
    "Tích cực, tự nguyện tham gia các hoạt động phòng, chống dịch tại địa phương",
    "Tự bảo vệ mình và gia đình, bạn bè, người thân, cơ quan, hàng xóm an toàn, khỏe mạnh",
)

# 5K của tỉnh Vĩnh Phúc (cùng kế hoạch)
FIVE_K_VINH_PHUC = (
    "Không đi ra ngoài tỉnh khi không thật sự cần thiết",
    "Không gặp gỡ, tiếp xúc với người lạ, nhất là người tỉnh ngoài",
    "Không vi phạm các quy định phòng, chống dịch",
    "Không lơ là, chủ quan coi thường dịch",
    "Không lợi dụng tình hình dịch để trục lợi",
)

SYMPTOMS = "sốt, ho, đau họng, khó thở, mệt mỏi, mất vị giác hoặc khứu giác"
