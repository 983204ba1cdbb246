"""Ward lists in: the F0/F1 list the ward sends as a spreadsheet, matched to the register.

People are matched by CCCD, else by accent-free name and birth date (or year). Each row comes
out matched, ambiguous (several people fit, or only the name was given: a person chooses) or not
found. Nothing is written until `apply_ward_list`, which adds every chosen period in one
transaction and skips people who already have a period of that kind over those days."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import or_, select

from greenzone_desktop.exchange.excel_reader import SpreadsheetError, Workbook
from greenzone_desktop.exchange.person_columns import SCAN_ROWS, field_for_header, header_key
from greenzone_desktop.exchange.person_values import read_birth, read_cccd, read_text
from greenzone_desktop.models import HealthStatus, Household, Person
from greenzone_desktop.models.db import Database
from greenzone_desktop.services import health
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.settings import all_settings
from greenzone_desktop.text import TextError, fold, format_birth, format_date, parse_date
from greenzone_desktop.vocab import CarePlace, HealthKind

MATCHED, AMBIGUOUS, NOT_FOUND, INVALID = "matched", "ambiguous", "not_found", "invalid"
STATUS_LABELS = {MATCHED: "Khớp", AMBIGUOUS: "Cần chọn", NOT_FOUND: "Không tìm thấy",
                 INVALID: "Dòng lỗi"}

# Columns a ward list has beyond a person list's, by their folded header.
_EXTRA = (
    ("kind", re.compile(r"\bphan loai\b|\bf0/f1\b|\bdoi tuong\b|\bphan nhom\b|\btinh trang\b"
                        r"|^loai\b|^f$")),
    ("start", re.compile(r"\bngay\b.*\b(?:duong tinh|phat hien|tiep xuc|xet nghiem|bat dau"
                         r"|cach ly|lay mau|mac)\b")),
    ("place", re.compile(r"\bnoi\b.*\b(?:cach ly|dieu tri)\b|\bhinh thuc\b|\bcach ly tai\b"
                         r"|\bdieu tri tai\b")),
    ("source", re.compile(r"\bnguon lay\b|\btiep xuc voi\b|\blien quan\b|\bf0 nguon\b")),
)
_PERSON_FIELDS = {"full_name", "head_name", "birth_date", "birth_year", "sex", "cccd", "phone",
                  "address", "notes"}


@dataclass(frozen=True)
class WardRow:
    row: int  # as Excel numbers it
    full_name: str
    birth: date | None
    birth_year: int | None
    cccd: str | None
    kind: str
    start: date | None
    place: str
    address: str
    notes: str

    @property
    def birth_text(self) -> str:
        return format_birth(self.birth, self.birth_year)


@dataclass(frozen=True)
class Candidate:
    person_id: str
    full_name: str
    birth_text: str
    cccd: str | None
    household_code: str
    address: str

    @property
    def text(self) -> str:
        bits = [self.full_name, self.birth_text, f"hộ {self.household_code}", self.address]
        return ", ".join(b for b in bits if b)


@dataclass
class WardMatch:
    row: WardRow
    status: str
    candidates: tuple[Candidate, ...] = ()
    by: str = ""  # "CCCD" | "họ tên + ngày sinh" | "họ tên + năm sinh" | "họ tên"
    problem: str = ""
    already: bool = False  # the person already has such a period: skipped when applied

    @property
    def person_id(self) -> str | None:
        return self.candidates[0].person_id if self.status == MATCHED else None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class WardPreview:
    file: str
    sheet: str
    header_row: int
    rows: list[WardMatch] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for m in self.rows if m.status == status)

    @property
    def summary(self) -> str:
        return (f"{self.count(MATCHED)} khớp, {self.count(AMBIGUOUS)} cần chọn, "
                f"{self.count(NOT_FOUND)} không tìm thấy"
                + (f", {self.count(INVALID)} dòng lỗi" if self.count(INVALID) else ""))


@dataclass(frozen=True)
class WardApplied:
    created: int
    skipped: int
    changes: Changes


# -- reading -------------------------------------------------------------------------------------

def _columns(cells: Sequence[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if not isinstance(cell, str) or not cell.strip():
            continue
        key = header_key(cell)
        name = next((n for n, pattern in _EXTRA if pattern.search(key)), None)
        if name is None:
            name = field_for_header(cell)
            if name not in _PERSON_FIELDS:
                continue
            if name == "head_name":
                name = "full_name"
        found.setdefault(name, i)
    return found


def _kind(text: str, default: str) -> str | None:
    key = fold(text).replace(" ", "")
    if not key:
        return default
    for code in ("F0", "F1", "F2"):
        if fold(code) in key:
            return code
    if "duongtinh" in key or "cabenh" in key:
        return HealthKind.F0.value
    if "tiepxucgan" in key:
        return HealthKind.F1.value
    return None


def _place(text: str) -> str:
    key = fold(text)
    if "tap trung" in key:
        return CarePlace.CENTRALISED.value
    if "nha" in key and "nha may" not in key:
        return CarePlace.HOME.value
    if any(w in key for w in ("benh vien", "dieu tri", "co so", "bv")):
        return CarePlace.FACILITY.value
    return ""


def read_ward_list(
    path: str | Path, *, default_kind: str = HealthKind.F1.value, default_start: date | None = None,
) -> tuple[str, str, int, list[WardRow], list[tuple[int, str]]]:
    """(file, sheet, header row, rows, problems as (row, message)) from a ward's list."""
    with Workbook(path) as book:
        best: tuple[int, str, int, dict[str, int]] | None = None
        for sheet in book.sheet_names:
            try:
                head = list(book.rows(sheet, limit=SCAN_ROWS))
            except SpreadsheetError:
                continue
            for number, cells in head:
                cols = _columns(cells)
                score = len(cols)
                if "full_name" in cols and score >= 3 and (best is None or score > best[0]):
                    best = (score, sheet, number, cols)
        if best is None:
            raise SpreadsheetError(
                f"Không tìm thấy dòng tiêu đề trong tệp «{book.name}»: cần các cột như «Họ và tên», "
                "«Ngày sinh» (hoặc «Năm sinh»), «Số CCCD», «Phân loại» (F0/F1), «Ngày phát hiện».",
                file=book.name)
        _, sheet, header_row, cols = best
        rows: list[WardRow] = []
        problems: list[tuple[int, str]] = []
        for number, cells in book.rows(sheet):
            if number <= header_row:
                continue
            item = _read_row(number, cells, cols, default_kind, default_start, problems)
            if item is not None:
                rows.append(item)
        return book.name, sheet, header_row, rows, problems


def _read_row(
    number: int, cells: Sequence[object], cols: dict[str, int], default_kind: str,
    default_start: date | None, problems: list[tuple[int, str]],
) -> WardRow | None:
    def cell(name: str) -> object:
        i = cols.get(name)
        return cells[i] if i is not None and i < len(cells) else None

    name = read_text(cell("full_name")) or ""
    if not name or re.fullmatch(r"\(?\d+\)?", name) or fold(name).startswith(("tong", "cong")):
        return None  # blank, a column-numbering row or a totals row
    bad: list[str] = []
    birth, year = None, None
    raw_birth = cell("birth_date") if cell("birth_date") is not None else cell("birth_year")
    try:
        birth, year = read_birth(raw_birth)
    except TextError as exc:
        bad.append(str(exc))
    cccd = None
    try:
        cccd = read_cccd(cell("cccd"), None, None)  # the list's birth year may be wrong
    except TextError as exc:
        bad.append(str(exc))
    kind = _kind(read_text(cell("kind")) or "", default_kind)
    if kind is None:
        bad.append(f"Phân loại «{read_text(cell('kind'))}» không rõ: ghi F0, F1 hoặc F2.")
    start = default_start
    try:
        start = parse_date(cell("start"), field="Ngày") or default_start
    except TextError as exc:
        bad.append(str(exc))
    if start is None and not bad:
        bad.append("Thiếu ngày (phát hiện / tiếp xúc) và chưa chọn ngày mặc định.")
    notes = "; ".join(x for x in (read_text(cell("source")), read_text(cell("notes"))) if x)
    row = WardRow(number, name, birth, year, cccd, kind or "", start,
                  _place(read_text(cell("place")) or ""), read_text(cell("address")) or "", notes)
    if bad:
        problems.append((number, " ".join(bad)))
    return row


# -- matching ------------------------------------------------------------------------------------

def _candidates(s, rows: list[WardRow]) -> tuple[dict, dict]:  # noqa: ANN001
    cccds = [r.cccd for r in rows if r.cccd]
    names = list({fold(r.full_name) for r in rows})
    cols = (Person.id, Person.full_name, Person.birth_date, Person.birth_year, Person.cccd,
            Person.name_key, Household.code, Household.address)
    stmt = (select(*cols).join(Household, Household.id == Person.household_id)
            .where(Person.deleted.is_(False), Household.deleted.is_(False),
                   or_(Person.cccd.in_(cccds), Person.name_key.in_(names))))
    by_cccd: dict[str, tuple] = {}
    by_name: dict[str, list[tuple]] = {}
    for r in s.execute(stmt):
        if r.cccd:
            by_cccd[r.cccd] = r
        by_name.setdefault(r.name_key, []).append(r)
    return by_cccd, by_name


def _cand(r) -> Candidate:  # noqa: ANN001
    return Candidate(r.id, r.full_name, format_birth(r.birth_date, r.birth_year), r.cccd, r.code,
                     r.address)


def _match(row: WardRow, by_cccd: dict, by_name: dict) -> WardMatch:
    if row.cccd and row.cccd in by_cccd:
        return WardMatch(row, MATCHED, (_cand(by_cccd[row.cccd]),), "CCCD")
    same = by_name.get(fold(row.full_name), [])
    if row.birth is not None:
        fit = [r for r in same if r.birth_date == row.birth
               or (r.birth_date is None and r.birth_year == row.birth.year)]
        how = "họ tên + ngày sinh"
    elif row.birth_year is not None:
        fit = [r for r in same if r.birth_year == row.birth_year]
        how = "họ tên + năm sinh"
    else:
        fit, how = same, "họ tên"
    if row.cccd:
        fit = [r for r in fit if not r.cccd]  # a different CCCD on record is someone else
    if not fit:
        return WardMatch(row, NOT_FOUND)
    if len(fit) == 1 and how != "họ tên":
        return WardMatch(row, MATCHED, (_cand(fit[0]),), how)
    note = ("Chỉ có họ tên, không có ngày sinh: hãy xác nhận đúng người." if how == "họ tên"
            else f"{len(fit)} người cùng họ tên và ngày sinh: hãy chọn đúng người.")
    return WardMatch(row, AMBIGUOUS, tuple(_cand(r) for r in fit), how, note)


def _has_period(s, person_id: str, row: WardRow) -> bool:  # noqa: ANN001
    return s.scalar(select(HealthStatus.id).where(
        HealthStatus.person_id == person_id, HealthStatus.kind == row.kind,
        HealthStatus.deleted.is_(False), HealthStatus.start_date <= row.start,
        or_(HealthStatus.end_date.is_(None), HealthStatus.end_date >= row.start)).limit(1)) is not None


def preview_ward_list(
    db: Database, path: str | Path, *, default_kind: str = HealthKind.F1.value,
    default_start: date | None = None,
) -> WardPreview:
    """Read the list and match every row; writes nothing."""
    file, sheet, header_row, rows, problems = read_ward_list(
        path, default_kind=default_kind, default_start=default_start)
    bad = dict(problems)
    preview = WardPreview(file, sheet, header_row)
    with db.session() as s:
        by_cccd, by_name = _candidates(s, [r for r in rows if r.row not in bad])
        for row in rows:
            if row.row in bad:
                preview.rows.append(WardMatch(row, INVALID, problem=bad[row.row]))
                continue
            m = _match(row, by_cccd, by_name)
            if m.status == MATCHED and _has_period(s, m.candidates[0].person_id, row):
                m.already = True
                m.problem = (f"Đã có giai đoạn {row.kind} trùng ngày {format_date(row.start)}: "
                             "sẽ bỏ qua.")
            preview.rows.append(m)
    return preview


# -- applying ------------------------------------------------------------------------------------

def _period_for(row: WardRow) -> health.PeriodInput:
    place = row.place
    quarantine = ""
    if row.kind == HealthKind.F0:
        place = place if place in (CarePlace.HOME, CarePlace.FACILITY) else CarePlace.FACILITY.value
    else:
        quarantine = place if place in (CarePlace.HOME, CarePlace.CENTRALISED) else ""
        place = quarantine
    note = f"Theo danh sách phường gửi (dòng {row.row})" + (f": {row.notes}" if row.notes else "")
    return health.PeriodInput(row.kind, row.start, place=place, notes=note,
                              quarantine_place=quarantine)


def apply_ward_list(
    db: Database, preview: WardPreview, choices: dict[int, str] | None = None,
) -> WardApplied:
    """Add the periods of the matched rows and of the ambiguous rows a person chose
    (`choices`: Excel row → person id), all in one transaction."""
    choices = choices or {}
    settings = all_settings(db)
    created = skipped = 0
    with db.session() as s:
        for m in preview.rows:
            pid = m.person_id if m.status == MATCHED else choices.get(m.row.row)
            if m.status == AMBIGUOUS and pid and pid not in {c.person_id for c in m.candidates}:
                raise ServiceError(f"Dòng {m.row.row}: người được chọn không nằm trong danh sách "
                                   "gợi ý.")
            if not pid:
                continue
            try:
                values = health.clean_period(_period_for(m.row), settings)
                quarantine = values.pop("_quarantine_place")
                person = s.get(Person, pid)
                if person is None or person.deleted:
                    raise ServiceError("Nhân khẩu này đã bị xóa.")
                if _has_period(s, pid, m.row):
                    skipped += 1
                    continue
                health.check_period(s, person, values)
                health.add_period_rows(s, person, values, quarantine, settings,
                                       keep_running_quarantine=True)
                created += 1
            except ServiceError as exc:
                raise ServiceError(f"Dòng {m.row.row} ({m.row.full_name}): {exc.message} "
                                   "Chưa ghi dòng nào.") from exc
    return WardApplied(created, skipped, Changes(health=True, households=True))
