"""Sample data for the printing tests and the sample images: a village of Phúc Yên."""

from __future__ import annotations

import random
import unicodedata
from datetime import date

from greenzone_desktop.printing.data import (
    HouseholdDoc,
    MemberRow,
    OrganisationDoc,
    PrintRules,
    QuarantineDoc,
    UnitInfo,
)

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đoàn", "Trịnh", "Lương", "Khổng", "Quách", "Tạ",
          "Ứng", "Ông", "Âu", "Giáp", "Kiều", "Lã", "Mạc", "Nghiêm", "Thân", "Từ"]
MIDDLE_M = ["Văn", "Đức", "Hữu", "Quốc", "Minh", "Xuân", "Trọng", "Đình", "Thế", "Công"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Mỹ", "Diệu", "Bích", "Hồng", "Kiều", "Tuyết"]
GIVEN_M = ["Dũng", "Đạt", "Hưng", "Khải", "Lộc", "Mạnh", "Nghĩa", "Phúc", "Quyết", "Sỹ",
           "Thắng", "Tuấn", "Việt", "Vỹ", "Dưỡng", "Hoàng", "Khoa", "Trường", "Ước", "Hiếu",
           "Đặng", "Thưởng", "Kỷ", "Tuệ", "Ẩn", "Ỷ"]
GIVEN_F = ["Hằng", "Hương", "Lụa", "Ngọc", "Nhung", "Phượng", "Quỳnh", "Thảo", "Trang", "Yến",
           "Ánh", "Duyên", "Hạnh", "Huyền", "Mỹ", "Nguyệt", "Thủy", "Uyên", "Vân", "Xuân",
           "Dịu", "Ỷ Lan", "Hoè", "Thoả", "Nữ", "Ngữ"]
TRICKY = ["Đặng Thị Ỹ", "Nguyễn Văn Ở", "Lê Thị Ữu", "Vũ Đức Ặn", "Trần Thị Mỹ Dữu",
          "Hoàng Ỵ", "Phạm Thị Ẫm", "Đỗ Văn Ừng", "Quách Thị Ỡm"]

UNIT = UnitInfo(
    province="Vĩnh Phúc",
    commune="Phường Phúc Thắng",
    village="Tổ dân phố Đồng Đầm",
    district="Thành phố Phúc Yên",
    parent_body="UBND phường Phúc Thắng",
    issuing_body="Ban Chỉ đạo phòng, chống dịch COVID-19 tổ dân phố Đồng Đầm",
    place_name="Phúc Yên",
    hotlines=[("Trạm Y tế phường", "0211 3869 115"), ("Tổ COVID cộng đồng", "0912 345 678"),
              ("Công an phường", "0211 3868 113"), ("Đường dây nóng thành phố", "1900 9095")],
    zalo_groups=["“Vùng xanh Đồng Đầm” – quét mã tại nhà văn hóa tổ dân phố"],
    mailboxes=["Cổng nhà văn hóa tổ dân phố Đồng Đầm", "Chốt kiểm soát đầu ngõ 5, đường Trưng Trắc"],
    signer_title="Trưởng ban",
    signer_name="Nguyễn Hữu Đặng",
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def person_name(rng: random.Random, female: bool) -> str:
    mid = MIDDLE_F if female else MIDDLE_M
    given = GIVEN_F if female else GIVEN_M
    return f"{rng.choice(FAMILY)} {rng.choice(mid)} {rng.choice(given)}"


def all_names(n: int = 2000, seed: int = 7) -> list[str]:
    """A large sample of names, including every tricky one."""
    rng = random.Random(seed)
    names = [person_name(rng, rng.random() < 0.5) for _ in range(n)]
    return names + TRICKY + [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE_F[:2] for g in GIVEN_F]


def households(n: int, seed: int = 1) -> list[HouseholdDoc]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        head = TRICKY[i] if i < len(TRICKY) else person_name(rng, rng.random() < 0.3)
        members = [MemberRow(head, f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/"
                             f"{rng.randint(1950, 1990)}", "Nam", f"026{rng.randint(0, 1)}"
                             f"{rng.randint(50, 90)}{rng.randint(0, 999999):06d}",
                             f"09{rng.randint(10000000, 99999999)}", "Chủ hộ", "Thường trú",
                             "2 mũi")]
        for _ in range(rng.randint(1, 6)):
            female = rng.random() < 0.5
            members.append(MemberRow(person_name(rng, female), str(rng.randint(1940, 2020)),
                                     "Nữ" if female else "Nam", "", "",
                                     rng.choice(["Vợ", "Con", "Cháu", "Mẹ", "Con dâu"]),
                                     rng.choice(["Thường trú", "Tạm trú"]),
                                     rng.choice(["2 mũi", "1 mũi", "Chưa tiêm"])))
        out.append(HouseholdDoc(
            code=f"DD-{i + 1:04d}", head_name=head,
            address=f"Số {rng.randint(1, 200)}, ngõ {rng.randint(1, 20)}, đường Trưng Trắc, "
                    "tổ dân phố Đồng Đầm",
            area=f"Cụm {rng.randint(1, 6)}", members=members,
            phone=f"09{rng.randint(10000000, 99999999)}",
            team_leader="Lê Thị Ữu", team_phone="0912 345 678"))
    return out


def quarantines() -> list[QuarantineDoc]:
    return [
        QuarantineDoc("Đặng Thị Ỹ", "12/03/1988", "026188001234", "0912000111",
                      "Nguyễn Văn Ở", "Số 12, ngõ 3, đường Trưng Trắc, tổ dân phố Đồng Đầm",
                      date(2021, 9, 6), date(2021, 9, 19), "Trở về từ Hà Nội (vùng có dịch)",
                      "DD-0002", "Lê Thị Ữu"),
        QuarantineDoc("Vũ Đức Ặn", "01/01/1975", "026075004321", "0987654321",
                      "Vũ Đức Ặn", "Số 40, ngõ 7, đường Trưng Trắc, tổ dân phố Đồng Đầm",
                      None, None, "F1 của ca bệnh BN-1234", "DD-0004", ""),
    ]


def organisations() -> list[OrganisationDoc]:
    return [
        OrganisationDoc("Công ty TNHH May mặc Phúc Thắng", "Đường Trưng Trắc, phường Phúc Thắng",
                        "Trần Thị Mỹ Dữu", "Giám đốc", "0211 3860 000", 120, "Sản xuất"),
        OrganisationDoc("Quán phở Đồng Đầm", "Số 5, đường Trưng Trắc", "Hoàng Ỵ", "Chủ cơ sở",
                        "0913 111 222", 4, "Kinh doanh ăn uống"),
    ]


RULES = PrintRules(logbook_days=28, document_date=date(2021, 9, 5))


def roster_sheet():  # noqa: ANN201 - RosterSheet (imported late: samples stay import-light)
    """A checkpoint's week on 3 × 8 h shifts, two people a shift, one night a person short."""
    from datetime import timedelta

    from greenzone_desktop.printing.roster_doc import DutyPerson, RosterCell, RosterSheet

    rng = random.Random(5)
    people = [DutyPerson(n, f"09{rng.randint(10, 99)} {rng.randint(100, 999)} "
                            f"{rng.randint(100, 999)}") for n in TRICKY + [
        person_name(rng, rng.random() < 0.4) for _ in range(9)]]
    slots = ["06:00–14:00", "14:00–22:00", "22:00–06:00"]
    cells, k = [], 0
    for s in range(3):
        row = []
        for d in range(7):
            n = 1 if (s, d) == (2, 3) else 2
            row.append(RosterCell(tuple(people[(k + i) % len(people)] for i in range(n)),
                                  2 - n))
            k += n
        cells.append(row)
    start = date(2021, 9, 13)
    assert start + timedelta(days=6) == date(2021, 9, 19)
    return RosterSheet("Chốt số 1", start, slots, cells, location="Đầu ngõ 5, đường Trưng Trắc",
                       kind="chốt cứng", phone="0912 345 678", min_staff=2)
