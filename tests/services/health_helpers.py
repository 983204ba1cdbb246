"""A small village with known people, ages and doses, for the health and testing tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from greenzone_desktop.models.db import Database
from greenzone_desktop.services.register import (
    DoseInput,
    HouseholdInput,
    PersonInput,
    create_household,
    get_household,
)

TODAY = date(2021, 9, 15)


def doses(n: int) -> list[DoseInput]:
    return [DoseInput(date(2021, 6 + i, 1), "AstraZeneca", "Trạm Y tế") for i in range(n)]


@dataclass
class Village:
    households: dict[str, str]  # code -> id
    people: dict[str, str]  # full name -> id


# (code, area, [(name, sex, birth, relation, doses, cccd, residency)])
LAYOUT = [
    ("XM-0001", "Tổ 1", [
        ("Nguyễn Văn An", "nam", "01/03/1960", "chu_ho", 2, "026060001234", "thuong_tru"),
        ("Trần Thị Bình", "nu", "1965", "vo", 1, None, "thuong_tru"),
        ("Nguyễn Văn Cường", "nam", "10/05/2006", "con", 1, None, "thuong_tru"),  # 15
    ]),
    ("XM-0002", "Tổ 1", [
        ("Lê Văn Dũng", "nam", "20/09/1971", "chu_ho", 0, "026071005678", "thuong_tru"),  # 49
        ("Lê Thị Hoa", "nu", "16/09/2003", "con", 2, None, "thuong_tru"),  # 17
        ("Lê Văn Hùng", "nam", "2012", "con", 0, None, "thuong_tru"),  # 9: no band
    ]),
    ("XM-0003", "Tổ 2", [
        ("Phạm Thị Lan", "nu", "15/09/1971", "chu_ho", 2, None, "thuong_tru"),  # 50 today
        ("Phạm Văn Minh", "nam", "2000", "con", 0, None, "tam_vang"),  # away: not counted
        ("Đỗ Văn Nam", "nam", "1999", "o_tro", 1, None, "tam_tru"),
    ]),
]


def village(db: Database) -> Village:
    homes: dict[str, str] = {}
    people: dict[str, str] = {}
    for code, area, members in LAYOUT:
        hid = create_household(db, HouseholdInput(code=code, area=area, address=f"Số {code[-1]}"), [
            PersonInput(name, sex=sex, birth=birth, relation=rel, doses=doses(n), cccd=cccd,
                        residency=res)
            for name, sex, birth, rel, n, cccd, res in members])
        homes[code] = hid
        for m in get_household(db, hid).members:
            people[m.full_name] = m.id
    return Village(homes, people)
