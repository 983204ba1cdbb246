"""What the printing layer takes and returns: plain dataclasses, no database, no Qt.

Services fill these from the register; every printer normalises text to NFC on the way in, so
decomposed input (some keyboards, Excel) prints the same as precomposed input.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


def nfc(text: object) -> str:
    """`text` as an NFC string ("" for None)."""
    if text is None:
        return ""
    return unicodedata.normalize("NFC", str(text))


class PrintCancelled(Exception):  # noqa: N818 - the name says what happened
    """The user cancelled a print job; the partial file has been removed."""


@dataclass(frozen=True)
class PrintSummary:
    """What a print job produced: PDF pages, sheets of paper (two-sided), documents."""

    pages: int
    sheets: int
    documents: int


@dataclass
class UnitInfo:
    """The unit that issues the papers (a village, or a commune/ward)."""

    province: str
    commune: str
    village: str = ""
    district: str = ""
    parent_body: str = ""  # e.g. "UBND XÃ NGỌC THANH"
    issuing_body: str = ""  # e.g. "BAN CHỈ ĐẠO THÔN ĐỒNG CAO"
    place_name: str = ""  # the place in "Phúc Yên, ngày … tháng … năm …"
    hotlines: list[tuple[str, str]] = field(default_factory=list)  # (label, number)
    zalo_groups: list[str] = field(default_factory=list)
    mailboxes: list[str] = field(default_factory=list)  # where the "An toàn Covid-19" boxes are
    team_name: str = "Tổ COVID cộng đồng"
    signer_authority: str = ""  # "TM. BAN CHỈ ĐẠO"; derived from issuing_body when empty
    signer_title: str = "TRƯỞNG BAN"  # title in the signature block
    signer_name: str = ""

    @property
    def display_name(self) -> str:
        """"Thôn Đồng Cao – Xã Ngọc Thanh" style name, the smallest level first."""
        parts = [p for p in (self.village, self.commune) if p]
        return " – ".join(nfc(p) for p in parts)


@dataclass
class MemberRow:
    """One household member as the logbook's household page lists them."""

    full_name: str
    birth: str = ""  # already formatted: "dd/mm/yyyy" or just the year
    sex: str = ""
    cccd: str = ""
    phone: str = ""
    relation: str = ""  # to the head: "Chủ hộ", "Vợ", "Con" …
    residency: str = ""  # "Thường trú", "Tạm trú" …
    vaccination: str = ""  # "2 mũi", "1 mũi", "Chưa tiêm" …


@dataclass
class HouseholdDoc:
    """A household: the logbook's cover and household page, the household commitment."""

    code: str
    head_name: str
    address: str
    area: str = ""  # tổ/xóm/cụm the household belongs to
    members: list[MemberRow] = field(default_factory=list)
    phone: str = ""
    team_leader: str = ""  # the community COVID team member in charge of the household
    team_phone: str = ""


@dataclass
class QuarantineDoc:
    """A person isolated at home and the household that hosts them."""

    person_name: str
    birth: str
    cccd: str
    phone: str
    head_name: str
    address: str
    start: date | None = None
    end: date | None = None
    reason: str = ""  # "F1 của …", "về từ vùng dịch …"
    household_code: str = ""
    team_member: str = ""  # community COVID team member who follows the person


@dataclass
class OrganisationDoc:
    """An office, shop or workshop signing the organisation commitment."""

    name: str
    address: str
    representative: str
    title: str = ""  # the representative's position: "Giám đốc", "Chủ cơ sở" …
    phone: str = ""
    workers: int = 0
    sector: str = ""  # "Sản xuất", "Kinh doanh ăn uống" …


@dataclass
class PrintRules:
    """Campaign settings that change what is printed (editable by the unit)."""

    logbook_days: int = 28
    days_per_page: int = 2  # daily blocks per A4 page
    booklet_days_per_page: int = 1  # daily blocks per A5 booklet page
    itinerary_rows: int = 8  # ruled rows per day for members' trips (A4)
    visitor_rows: int = 4  # ruled rows per day for visitors (A4)
    logbook_start: date | None = None  # prints real dates on daily pages when set
    quarantine_days: int = 14
    sign_blue: str = "#0a4da2"
    sign_text: str = "#ffffff"
    commitment_copies: int = 1  # e.g. 2: one posted in the house, one kept by the team
    document_date: date | None = None  # date printed on forms; today when None
