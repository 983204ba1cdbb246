"""Find the header row of a person list and map its columns to fields, by Vietnamese synonyms.

Offices put title rows above the header ("UBND XÃ …", "DANH SÁCH …"), merge cells, split one
header over two rows ("Năm sinh" over "Nam" | "Nữ") and number the columns "(1) (2) …" under it.
Headers are compared accent- and case-insensitively, punctuation ignored.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from greenzone_desktop.exchange.excel_reader import Cell, column_letter
from greenzone_desktop.exchange.excel_writer import Column
from greenzone_desktop.text import fold
from greenzone_desktop.vocab import Labeled

__all__ = [
    "FIELDS",
    "FIELD_LABELS",
    "ColumnMapping",
    "HeaderMatch",
    "field_for_header",
    "find_header",
    "header_key",
    "person_export_columns",
    "person_export_row",
]

# Target fields, in the order a person list shows them. The last four are read from layouts where
# a value sits under a "Nam" / "Nữ" or "Thường trú" / "Tạm trú" column of its own.
FIELD_LABELS: dict[str, str] = {
    "household_no": "Số hộ",
    "full_name": "Họ và tên",
    "head_name": "Họ tên chủ hộ",
    "birth_date": "Ngày sinh",
    "birth_year": "Năm sinh",
    "sex": "Giới tính",
    "cccd": "Số CCCD",
    "phone": "Số điện thoại",
    "relation": "Quan hệ với chủ hộ",
    "is_head": "Chủ hộ",
    "address": "Địa chỉ",
    "area": "Tổ/Thôn",
    "residency": "Thường trú/Tạm trú",
    "dose1_date": "Mũi 1",
    "dose2_date": "Mũi 2",
    "dose3_date": "Mũi 3",
    "occupation": "Nghề nghiệp",
    "workplace": "Nơi làm việc",
    "ethnicity": "Dân tộc",
    "religion": "Tôn giáo",
    "notes": "Ghi chú",
    "cccd_issued_on": "Ngày cấp CCCD",
    "cccd_issued_by": "Nơi cấp CCCD",
    "residency_until": "Tạm trú đến ngày",
    "insurance_no": "Số thẻ BHYT",
    "vaccine": "Loại vắc-xin",
    "household_kind": "Loại hộ",
    "seq": "STT",
    "male": "Nam",
    "female": "Nữ",
    "permanent": "Thường trú",
    "temporary": "Tạm trú",
}
FIELDS = tuple(FIELD_LABELS)

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "household_no": ("so ho", "ma ho", "ho so", "ho", "stt ho", "so thu tu ho", "ma so ho",
                     "so ho khau", "so so ho khau", "so hk", "ma ho gia dinh", "so ho gia dinh"),
    "full_name": ("ho va ten", "ho ten", "ho va ten nhan khau", "ho ten nhan khau", "ten",
                  "ho va ten thanh vien", "ho ten thanh vien", "ho ten nguoi", "ten nhan khau",
                  "ho, ten"),
    "head_name": ("ho va ten chu ho", "ho ten chu ho", "ten chu ho", "chu ho ho ten"),
    "birth_date": ("ngay sinh", "ngay thang nam sinh", "ngay, thang, nam sinh", "ngay/thang/nam sinh",
                   "sinh ngay", "ns", "ngay sinh/nam sinh", "ngay thang nam", "nam sinh/ngay sinh"),
    "birth_year": ("nam sinh",),
    "sex": ("gioi tinh", "gioi", "nam/nu", "nam nu", "gt", "phai", "nam, nu"),
    "cccd": ("so cccd", "cccd", "cmnd/cccd", "cccd/cmnd", "so cmnd", "cmnd", "so dinh danh",
             "so dinh danh ca nhan", "ma dinh danh", "so cmnd/cccd", "so cccd/cmnd", "so can cuoc",
             "can cuoc cong dan", "cmt", "so cmt", "cmnd/cccd/dinh danh", "so cmnd/cccd/ddcn"),
    "phone": ("so dien thoai", "sdt", "dien thoai", "dt", "so dt", "dtdd", "so dt lien he",
              "dien thoai lien he", "so dien thoai lien he", "dt lien he", "sđt"),
    "relation": ("quan he voi chu ho", "qh voi ch", "quan he", "qh voi chu ho", "quan he chu ho",
                 "qhch", "moi quan he", "qh", "quan he vs chu ho", "quan he voi ch"),
    "is_head": ("chu ho", "la chu ho", "ch"),
    "address": ("dia chi", "noi o", "noi o hien nay", "dia chi thuong tru", "cho o hien nay",
                "noi cu tru", "dia chi cu tru", "dia chi noi o", "noi o hien tai", "so nha"),
    "area": ("to", "thon", "xom", "to dan pho", "thon/xom", "to/thon", "khu", "khu pho", "ap",
             "to tu quan", "to lien gia", "thon/to", "lang", "ban", "tdp"),
    "residency": ("thuong tru/tam tru", "thuong tru tam tru", "tinh trang cu tru", "cu tru",
                  "loai cu tru", "tt/tt", "hinh thuc cu tru", "thuong tru, tam tru",
                  "tam tru/thuong tru", "doi tuong cu tru"),
    "occupation": ("nghe nghiep", "nghe", "cong viec", "nghe nghiep/cong viec"),
    "workplace": ("noi lam viec", "co quan", "noi cong tac", "don vi cong tac", "noi lam viec/hoc tap",
                  "noi hoc tap/lam viec", "co quan/don vi", "noi lam viec, hoc tap"),
    "ethnicity": ("dan toc",),
    "religion": ("ton giao",),
    "notes": ("ghi chu", "chu thich", "ghi chu khac"),
    "cccd_issued_on": ("ngay cap cccd", "ngay cap", "ngay cap cmnd", "ngay cap cmnd/cccd",
                       "ngay cap cccd/cmnd"),
    "cccd_issued_by": ("noi cap cccd", "noi cap", "noi cap cmnd", "noi cap cmnd/cccd",
                       "noi cap cccd/cmnd"),
    "residency_until": ("tam tru den ngay", "tam tru den", "thoi han tam tru", "han tam tru",
                        "ngay het han tam tru"),
    "insurance_no": ("so the bhyt", "bhyt", "so bhyt", "ma the bhyt", "the bhyt"),
    "vaccine": ("loai vac-xin", "loai vac xin", "loai vacxin", "vac-xin", "vac xin", "vacxin",
                "loai vaccine", "vaccine", "ten vac xin", "ten vac-xin"),
    "household_kind": ("loai ho",),
    "seq": ("stt", "tt", "so tt", "so thu tu"),
    "male": ("nam",),
    "female": ("nu",),
    "permanent": ("thuong tru",),
    "temporary": ("tam tru",),
}  # fmt: skip
_EXACT = {key: name for name, keys in _SYNONYMS.items() for key in keys}
# Fallbacks for longer headers ("Số CCCD/CMND (nếu có)", "Ngày tiêm mũi 1"), in priority order.
_CONTAINS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), name)
    for pattern, name in (
        (r"\bngay cap\b", "cccd_issued_on"),
        (r"\bnoi cap\b", "cccd_issued_by"),
        (r"\bbhyt\b|\bbao hiem y te\b", "insurance_no"),
        (r"\btam tru den\b|\bhan tam tru\b", "residency_until"),
        (r"\bmui\s*(?:thu\s*)?1\b|\bmui\s*mot\b", "dose1_date"),
        (r"\bmui\s*(?:thu\s*)?2\b|\bmui\s*hai\b", "dose2_date"),
        (r"\bmui\s*(?:thu\s*)?3\b|\bmui\s*ba\b|\bmui\s*tang\s*cuong\b", "dose3_date"),
        (r"\bcccd\b|\bcmnd\b|\bdinh danh\b|\bcan cuoc\b", "cccd"),
        (r"\bdien thoai\b|\bsdt\b|\bdtdd\b", "phone"),
        (r"\bquan he\b", "relation"),
        (r"\bngay\b.*\bsinh\b", "birth_date"),
        (r"\bnam sinh\b", "birth_year"),
        (r"\bgioi tinh\b", "sex"),
        (r"\bchu ho\b.*\bten\b|\bten\b.*\bchu ho\b", "head_name"),
        (r"\bho\b.*\bten\b", "full_name"),
        (r"\bthuong tru\b.*\btam tru\b|\btam tru\b.*\bthuong tru\b", "residency"),
        (r"\bdia chi\b|\bnoi o\b", "address"),
        (r"\bnghe nghiep\b", "occupation"),
        (r"\bnoi (?:lam viec|cong tac|hoc tap)\b", "workplace"),
        (r"\bdan toc\b", "ethnicity"),
        (r"\bton giao\b", "religion"),
        (r"\bghi chu\b", "notes"),
        (r"\b(?:so|ma) ho\b", "household_no"),
    )
)
# Headers that announce sub-columns in the row below them ("Năm sinh" over "Nam" | "Nữ").
_GROUPS = re.compile(
    r"^(?:nam sinh|ngay sinh|ngay thang nam sinh|gioi tinh|tiem vac ?xin|tiem chung|vac ?xin"
    r"|mui tiem|so mui tiem|ngay tiem|tinh trang tiem|cu tru|tinh trang cu tru|noi cu tru"
    r"|thuong tru/tam tru|thong tin tiem chung|tiem phong)\b"
)
_SPACES = re.compile(r"[\s_]+")
_STRIP = re.compile(r"[^\w/,]+")
_NUMBERING = re.compile(r"\(?\d{1,2}\)?")
SUB_SEPARATOR = " / "
SCAN_ROWS = 30


def header_key(text: object) -> str:
    """A header as compared: folded, punctuation but "/" and "," dropped, spaces collapsed."""
    key = _STRIP.sub(" ", fold(str(text)) if text is not None else "")
    key = key.replace(" /", "/").replace("/ ", "/").replace(" ,", ",")
    return _SPACES.sub(" ", key).strip(" ,/")


def field_for_header(text: object) -> str | None:
    """The field a header names, or None."""
    key = header_key(text)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    if SUB_SEPARATOR.strip() in str(text) and SUB_SEPARATOR in str(text):
        sub = field_for_header(str(text).rsplit(SUB_SEPARATOR, 1)[1])
        if sub is not None:
            return sub
    return next((name for pattern, name in _CONTAINS if pattern.search(key)), None)


@dataclass(frozen=True)
class ColumnMapping:
    """Which column (0-based) holds each field, and the header texts it was found under."""

    columns: dict[str, int]
    headers: tuple[str, ...] = ()

    @property
    def signature(self) -> str:
        """A stable key of the header texts, to remember a mapping for sheets laid out alike."""
        keys = "\x1f".join(header_key(h) for h in self.headers).rstrip("\x1f")
        return hashlib.sha1(keys.encode("utf-8")).hexdigest()[:16]

    def header_of(self, name: str) -> str:
        index = self.columns.get(name)
        if index is None:
            return FIELD_LABELS.get(name, name)
        if index < len(self.headers) and self.headers[index]:
            return self.headers[index]
        return FIELD_LABELS.get(name, name)

    def letter_of(self, name: str) -> str:
        index = self.columns.get(name)
        return column_letter(index) if index is not None else ""

    def with_columns(self, columns: Mapping[str, int]) -> ColumnMapping:
        """The same headers with the caller's choice of columns (manual override)."""
        return ColumnMapping(dict(columns), self.headers)


@dataclass
class HeaderMatch:
    """Where a sheet's header is and what its columns hold."""

    header_row: int  # 1-based, as Excel shows it; the last header row if it spans two
    first_data_row: int  # 1-based
    mapping: ColumnMapping
    score: int
    unmapped: list[str] = field(default_factory=list)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    return " ".join(str(cell).split()) if isinstance(cell, str) else ""


def _map_row(texts: Sequence[str]) -> dict[str, int]:
    """Fields found in one header row; the first column wins for a field named twice."""
    found: dict[str, int] = {}
    for index, text in enumerate(texts):
        name = field_for_header(text) if text else None
        if name is not None and name not in found:
            found[name] = index
    return found


def _score(found: Mapping[str, int]) -> int:
    names = set(found) - {"seq", "male", "female", "permanent", "temporary"}
    score = len(names) + (2 if names & {"full_name", "head_name"} else 0)
    return score + (1 if {"male", "female"} <= set(found) else 0)


def _is_sub_header(header: Sequence[str], below: Sequence[Cell]) -> bool:
    """True if `below` holds sub-column titles of `header` rather than data."""
    filled = [i for i, cell in enumerate(below) if cell is not None]
    if not filled or not all(isinstance(below[i], str) for i in filled):
        return False
    parent = ""
    parents: list[str] = []
    for text in header:
        parent = text or parent
        parents.append(parent)
    for i in filled:
        above = header[i] if i < len(header) else ""
        group = parents[i] if i < len(parents) else ""
        if above and not _GROUPS.match(header_key(above)):
            return False
        if not above and group and not _GROUPS.match(header_key(group)):
            return False
        if field_for_header(below[i]) is None:
            return False
    return True


def _is_numbering(cells: Sequence[Cell]) -> bool:
    """A row "(1) (2) (3) …" or "1 2 3 …" that numbers the columns under the header."""
    values = [c for c in cells if c is not None]
    if len(values) < 3:
        return False
    numbers = []
    for value in values:
        text = str(value).strip()
        if not _NUMBERING.fullmatch(text):
            return False
        numbers.append(int(text.strip("()")))
    return all(b > a for a, b in zip(numbers, numbers[1:], strict=False))


def find_header(rows: Sequence[Sequence[Cell]], first_row_number: int = 1) -> HeaderMatch | None:
    """The best header among the first rows of a sheet, or None if no row looks like one."""
    best: tuple[int, int] | None = None  # (score, index)
    for index, cells in enumerate(rows[:SCAN_ROWS]):
        found = _map_row([_text(c) for c in cells])
        score = _score(found)
        if (
            found.keys() & {"full_name", "head_name"}
            and score >= 4
            and (best is None or score > best[0])
        ):
            best = (score, index)
    if best is None:
        return None
    score, index = best
    header = [_text(c) for c in rows[index]]
    texts = list(header)
    data_index = index + 1
    if data_index < len(rows) and _is_sub_header(header, rows[data_index]):
        below = rows[data_index]
        parent = ""
        for i, text in enumerate(header):
            parent = text or parent
            sub = _text(below[i]) if i < len(below) else ""
            if sub:
                texts[i] = f"{parent}{SUB_SEPARATOR}{sub}" if parent else sub
        data_index += 1
    last_header = data_index - 1
    while data_index < len(rows) and _is_numbering(rows[data_index]):
        data_index += 1
    columns = _map_row(texts)
    columns.pop("seq", None)
    if "full_name" not in columns and "head_name" in columns:
        columns["full_name"] = columns.pop("head_name")  # a list of households, one row each
    unmapped = [t for t in texts if t and field_for_header(t) is None]
    mapping = ColumnMapping(columns, tuple(texts))
    return HeaderMatch(
        header_row=first_row_number + last_header,
        first_data_row=first_row_number + data_index,
        mapping=mapping,
        score=score,
        unmapped=unmapped,
    )


# The persons export: headers the import maps back to the same fields (a round trip is lossless).
_EXPORT: tuple[tuple[str, str, str], ...] = (
    ("household_no", "Số hộ", "text"),
    ("full_name", "Họ và tên", "text"),
    ("birth", "Ngày sinh", "date"),
    ("sex", "Giới tính", "text"),
    ("cccd", "Số CCCD", "id"),
    ("phone", "Số điện thoại", "id"),
    ("relation", "Quan hệ với chủ hộ", "text"),
    ("address", "Địa chỉ", "text"),
    ("area", "Tổ/Thôn", "text"),
    ("residency", "Thường trú/Tạm trú", "text"),
    ("dose1_date", "Mũi 1", "date"),
    ("dose2_date", "Mũi 2", "date"),
    ("dose3_date", "Mũi 3", "date"),
    ("occupation", "Nghề nghiệp", "text"),
    ("workplace", "Nơi làm việc", "text"),
    ("ethnicity", "Dân tộc", "text"),
    ("religion", "Tôn giáo", "text"),
    ("vaccine", "Loại vắc-xin", "text"),
    ("cccd_issued_on", "Ngày cấp CCCD", "date"),
    ("cccd_issued_by", "Nơi cấp CCCD", "text"),
    ("residency_until", "Tạm trú đến ngày", "date"),
    ("insurance_no", "Số thẻ BHYT", "id"),
    ("household_kind", "Loại hộ", "text"),
    ("notes", "Ghi chú", "text"),
)


def person_export_columns() -> list[Column]:
    """Report columns of a persons export that re-imports field for field."""
    return [Column(key, header, kind) for key, header, kind in _EXPORT]


def person_export_row(values: Mapping[str, object]) -> list[object]:
    """Cells for `person_export_columns` from a person's values (the keys parsing produces):
    codes become their labels, a birth date falls back to the year alone."""
    row: list[object] = []
    for key, _, _ in _EXPORT:
        if key == "birth":
            value = values.get("birth_date") or values.get("birth_year")
        else:
            value = values.get(key)
        row.append(value.label if isinstance(value, Labeled) else value)
    return row
