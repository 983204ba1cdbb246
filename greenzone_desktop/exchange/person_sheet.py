"""Read a person list (nhân khẩu) from a spreadsheet into validated rows grouped by household.

`parse_person_sheet` finds the header under the title rows, maps the columns, reads each row as
offices type it, reports every problem with its row and column, and groups people into
households. It never touches the database: services take the rows and store them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from greenzone_desktop.exchange.excel_reader import (
    MAX_ROWS,
    Cell,
    SpreadsheetError,
    Workbook,
    column_letter,
)
from greenzone_desktop.exchange.person_columns import (
    FIELD_LABELS,
    SCAN_ROWS,
    ColumnMapping,
    HeaderMatch,
    find_header,
)
from greenzone_desktop.exchange.person_values import (
    clear_caches,
    read_birth,
    read_cccd,
    read_date,
    read_dose,
    read_flag,
    read_key,
    read_phone,
    read_relation,
    read_residency,
    read_sex,
    read_text,
    sex_from_relation,
)
from greenzone_desktop.text import TextError, fold, format_date, nfc
from greenzone_desktop.vocab import Relation, Residency, Sex

__all__ = [
    "ImportCancelled",
    "ParsedHousehold",
    "ParsedRow",
    "ParsedSheet",
    "Problem",
    "SheetPreview",
    "parse_person_rows",
    "parse_person_sheet",
    "preview_sheet",
    "read_source_rows",
]

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]

_TEXT_FIELDS = ("address", "area", "occupation", "workplace", "ethnicity", "religion", "notes",
                "cccd_issued_by", "insurance_no", "vaccine", "household_kind")
_DOSES = ("dose1_date", "dose2_date", "dose3_date")
_DATES = ("cccd_issued_on", "residency_until")
_TOTALS = re.compile(r"^(?:tổng cộng|tổng số|tổng|cộng)(?:\W|$)")
_STEP = 2000


class ImportCancelled(Exception):  # noqa: N818 - the name says what happened
    """The user stopped reading the sheet; nothing was returned."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in the file, with where it is as the user sees it (row 1-based, column A…)."""

    row: int
    column_letter: str
    column_header: str
    message: str
    kind: str = "error"  # "error": the row cannot be imported as is; "duplicate": user decides
    other_row: int | None = None

    def __str__(self) -> str:
        where = f"Dòng {self.row}" if self.row else "Trang tính"
        if self.column_letter:
            where += f", cột {self.column_letter} ({self.column_header})"
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ParsedRow:
    """One person row: its values by field, its problems, and its cells as read (for re-export)."""

    sheet_row: int
    values: dict[str, object]
    problems: list[Problem]
    cells: tuple[Cell, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(p.kind == "error" for p in self.problems)

    @property
    def error_text(self) -> str:
        """The row's problems in one line, for the error column of a rejected-rows file."""
        return "; ".join(
            f"cột {p.column_letter} ({p.column_header}): {p.message}" if p.column_letter
            else p.message
            for p in self.problems
        )  # fmt: skip


@dataclass(slots=True)
class ParsedHousehold:
    key: str
    rows: list[ParsedRow]

    @property
    def head(self) -> ParsedRow | None:
        return next((r for r in self.rows if r.values.get("is_head")), None)


@dataclass
class ParsedSheet:
    file: str
    sheet: str
    header_row: int
    mapping: ColumnMapping
    households: list[ParsedHousehold]
    rows: list[ParsedRow]
    problems: list[Problem]
    first_data_row: int = 0
    sheets: list[str] = field(default_factory=list)

    @property
    def header(self) -> tuple[str, ...]:
        return self.mapping.headers

    def rejected(self) -> list[tuple[Sequence[Cell], str]]:
        """(cells, reason) for every row with an error, ready for `write_rejected`."""
        return [(r.cells, r.error_text) for r in self.rows if not r.ok]


@dataclass
class SheetPreview:
    """What the import wizard shows before parsing: the sheets, the chosen one, its first rows."""

    file: str
    sheets: list[str]
    sheet: str
    match: HeaderMatch | None
    rows: list[list[Cell]]


def _best_sheet(book: Workbook, sheet: str | None) -> tuple[str, HeaderMatch | None, list]:
    names = [sheet] if sheet is not None else book.sheet_names
    best: tuple[str, HeaderMatch | None, list] | None = None
    for name in names:
        try:
            rows = [cells for _, cells in book.rows(name, limit=SCAN_ROWS)]
        except SpreadsheetError:
            if sheet is not None or len(names) == 1:
                raise
            continue
        match = find_header(rows)
        if best is None or (match and (best[1] is None or match.score > best[1].score)):
            best = (name, match, rows)
    if best is None:
        raise SpreadsheetError(f"Tệp «{book.name}» chỉ có trang trống.", file=book.name)
    return best


def preview_sheet(path: str | Path, sheet: str | None = None) -> SheetPreview:
    """The sheets of a file, the one that looks most like a person list, and its first rows."""
    with Workbook(path) as book:
        name, match, rows = _best_sheet(book, sheet)
        return SheetPreview(book.name, book.sheet_names, name, match, rows)


def _no_header(file: str, sheet: str) -> SpreadsheetError:
    expected = (
        "«Họ và tên», «Ngày sinh» (hoặc «Năm sinh»), «Giới tính», «Số CCCD», «Quan hệ với chủ hộ»"
    )
    return SpreadsheetError(
        f"Không tìm thấy dòng tiêu đề trong {SCAN_ROWS} dòng đầu của trang «{sheet}» (tệp «{file}»): "
        f"cần một dòng có các cột như {expected}. Hãy sửa tiêu đề cột hoặc chọn cột bằng tay.",
        file=file,
        sheet=sheet,
    )  # fmt: skip


def parse_person_sheet(
    path: str | Path,
    sheet: str | None = None,
    mapping: ColumnMapping | Mapping[str, int] | None = None,
    *,
    header_row: int | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
    max_rows: int = MAX_ROWS,
    keep_cells: bool = False,
) -> ParsedSheet:
    """Read a person list. `mapping` (field -> 0-based column) overrides the detected columns and
    `header_row` (1-based) the detected header; without `sheet` the likeliest sheet is used."""
    with Workbook(path) as book:
        name, match, _ = _best_sheet(book, sheet)
        if match is None and (mapping is None or header_row is None):
            raise _no_header(book.name, name)
        first_data = header_row + 1 if header_row is not None else match.first_data_row  # type: ignore[union-attr]
        headers = match.mapping.headers if match is not None else ()
        if mapping is None:
            chosen = match.mapping  # type: ignore[union-attr]
        elif isinstance(mapping, ColumnMapping):
            chosen = mapping
        else:
            chosen = ColumnMapping(dict(mapping), headers)
        if "full_name" not in chosen.columns:
            raise SpreadsheetError(
                f"Trang «{name}» (tệp «{book.name}»): chưa chọn cột «Họ và tên».",
                file=book.name,
                sheet=name,
            )
        total = book.sheet_height(name)
        rows = (item for item in book.rows(name, max_rows=max_rows) if item[0] >= first_data)
        parsed, households, problems = parse_person_rows(
            rows, chosen, progress=progress, cancelled=cancelled, total=total,
            keep_cells=keep_cells,
        )  # fmt: skip
        return ParsedSheet(
            file=book.name,
            sheet=name,
            header_row=header_row or match.header_row,  # type: ignore[union-attr]
            mapping=chosen,
            households=households,
            rows=parsed,
            problems=problems,
            first_data_row=first_data,
            sheets=book.sheet_names,
        )


class _RowReader:
    """Reads the cells of one row into values and problems, for a given mapping.

    What depends only on the mapping (which readers, which columns) is worked out once here:
    `read` sees every row of the sheet."""

    def __init__(self, mapping: ColumnMapping, keep_cells: bool = False) -> None:
        self.mapping = mapping
        self.columns = mapping.columns
        self.items = tuple(mapping.columns.items())
        self.keep_cells = keep_cells
        self.where = {
            name: (column_letter(i), mapping.header_of(name)) for name, i in self.columns.items()
        }
        self.today = date.today()
        columns = self.columns
        self.has_number = "household_no" in columns
        self.has_sex = "sex" in columns
        self.has_cccd = "cccd" in columns
        self.has_head = "is_head" in columns
        self.has_residency = "residency" in columns
        self.flags = tuple((name, kind) for name, kind in (
            ("permanent", Residency.PERMANENT), ("temporary", Residency.TEMPORARY))
            if name in columns)  # fmt: skip
        # Fields read from their cell alone, in the order they were always read.
        readers: list[tuple[str, Callable[[Cell], object]]] = []
        if "phone" in columns:
            readers.append(("phone", read_phone))
        self.simple_first = tuple(readers)
        readers = [(name, read_dose) for name in _DOSES if name in columns]
        readers += [(name, partial(_read_date, label=FIELD_LABELS[name]))
                    for name in _DATES if name in columns]  # fmt: skip
        readers += [(name, read_text) for name in _TEXT_FIELDS if name in columns]
        self.simple_last = tuple(readers)

    def cell(self, cells: Sequence[Cell], name: str) -> Cell:
        index = self.columns.get(name)
        if index is None or index >= len(cells):
            return None
        value = cells[index]
        return value.strip() or None if isinstance(value, str) else value

    def problem(self, row: int, name: str, message: str, **extra: object) -> Problem:
        letter, header = self.where.get(name, ("", FIELD_LABELS.get(name, name)))
        return Problem(row, letter, header, message, **extra)  # type: ignore[arg-type]

    def _simple(self, readers: tuple, got: dict[str, Cell], values: dict[str, object],
                row: int, problems: list[Problem]) -> None:  # fmt: skip
        for name, reader in readers:
            cell = got.get(name)
            if cell is None:
                values[name] = None
                continue
            try:
                values[name] = reader(cell)
            except TextError as exc:
                values[name] = None
                problems.append(self.problem(row, name, str(exc)))

    def read(self, row: int, cells: Sequence[Cell]) -> ParsedRow:
        values: dict[str, object] = {}
        problems: list[Problem] = []

        def attempt(name: str, reader: Callable[..., object], *args: object) -> object:
            try:
                return reader(*args)
            except TextError as exc:
                problems.append(self.problem(row, name, str(exc)))
                return None

        got: dict[str, Cell] = {}
        size = len(cells)
        for name, index in self.items:
            if index < size and (value := cells[index]) is not None:
                if type(value) is str and not (value := value.strip()):
                    continue
                got[name] = value
        get = got.get
        values["full_name"] = read_text(get("full_name"))
        if self.has_number:
            values["household_no"] = read_key(get("household_no"))
        birth: tuple[date | None, int | None] | None = None
        for name in ("birth_date", "birth_year"):
            if birth is None and (cell := get(name)) is not None:
                birth = attempt(name, read_birth, cell, self.today)  # type: ignore[assignment]
        sex = attempt("sex", read_sex, get("sex")) if self.has_sex else None
        for name, marked in (("male", Sex.MALE), ("female", Sex.FEMALE)):
            cell = get(name)
            if cell is None:
                continue
            if sex is not None and sex != marked:
                problems.append(self.problem(row, name, "ghi ở cả cột Nam và cột Nữ."))
                continue
            sex = marked
            if read_flag(cell) is None and birth is None:
                birth = attempt(name, read_birth, cell, self.today)  # type: ignore[assignment]
        values["birth_date"], values["birth_year"] = birth or (None, None)
        relation_cell = get("relation")
        relation = attempt("relation", read_relation, relation_cell) if relation_cell else None
        is_head = relation == Relation.HEAD
        if self.has_head and (cell := get("is_head")) is not None:
            flag = read_flag(cell)
            if flag is None:  # the column holds the head's name
                values["head_name"] = read_text(cell)
                flag = fold(str(cell)) == fold(values["full_name"])  # type: ignore[arg-type]
            is_head = is_head or flag
            if relation is None and flag:
                relation = Relation.HEAD
        values["relation"], values["is_head"] = relation, is_head
        if sex is None and relation_cell is not None:
            sex = sex_from_relation(relation_cell)
        if self.has_cccd:
            cell = get("cccd")
            cccd = None if cell is None else attempt(
                "cccd", read_cccd, cell, values["birth_year"], sex)  # fmt: skip
            values["cccd"] = cccd
            if sex is None and isinstance(cccd, str) and len(cccd) == 12:
                sex = Sex.FEMALE if int(cccd[3]) % 2 else Sex.MALE
        values["sex"] = sex
        self._simple(self.simple_first, got, values, row, problems)
        residency = None
        if self.has_residency and (cell := get("residency")) is not None:
            residency = attempt("residency", read_residency, cell)
        for name, kind in self.flags:
            if read_flag(get(name)):
                residency = residency or kind
        if residency is not None or self.has_residency:
            values["residency"] = residency
        self._simple(self.simple_last, got, values, row, problems)
        kept = tuple(cells) if problems or self.keep_cells else ()
        return ParsedRow(row, values, problems, kept)

    def is_blank(self, cells: Sequence[Cell]) -> bool:
        """True when no mapped column but the numbering ones holds text (STT-only, totals)."""
        return not any(
            name != "household_no"
            and index < len(cells)
            and isinstance(cells[index], str)
            and cells[index].strip()
            for name, index in self.columns.items()
        )


def _read_date(cell: Cell, label: str) -> date | None:
    return read_date(cell, label)


def _is_totals(cells: Sequence[Cell]) -> bool:
    for cell in cells:
        if type(cell) is str and (text := cell.lstrip()):
            # "Tổng …" / "Cộng …" in any normal form start with a plain T or C
            return text[0] in "TtCc" and bool(_TOTALS.match((nfc(text) or "").lower()))
    return False


def parse_person_rows(
    rows: Iterable[tuple[int, Sequence[Cell]]],
    mapping: ColumnMapping,
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
    total: int = 0,
    keep_cells: bool = False,
) -> tuple[list[ParsedRow], list[ParsedHousehold], list[Problem]]:
    """Rows (Excel row number, cells) under the header -> (rows, households, all problems).

    Rows keep their cells only when they have a problem, unless `keep_cells`."""
    try:
        return _parse_rows(rows, _RowReader(mapping, keep_cells), progress, cancelled, total)
    finally:
        clear_caches()


def _parse_rows(
    rows: Iterable[tuple[int, Sequence[Cell]]],
    reader: _RowReader,
    progress: ProgressFn | None,
    cancelled: CancelledFn | None,
    total: int,
) -> tuple[list[ParsedRow], list[ParsedHousehold], list[Problem]]:
    parsed: list[ParsedRow] = []
    pending: list[ParsedRow] = []  # rows without a name: an error if a named row follows
    for count, (number, cells) in enumerate(rows, start=1):
        if count % _STEP == 0:
            if cancelled is not None and cancelled():
                raise ImportCancelled()
            if progress is not None:
                progress(number, max(total, number))
        if not any(c is not None and c != "" for c in cells):
            continue
        if _is_totals(cells):
            break  # "Tổng cộng" and the signatures under it
        if reader.cell(cells, "full_name") is None:
            if not reader.is_blank(cells):
                problem = reader.problem(number, "full_name", "thiếu họ và tên.")
                pending.append(ParsedRow(number, {}, [problem], tuple(cells)))
            continue
        if pending:
            parsed.extend(pending)
            pending.clear()
        parsed.append(reader.read(number, cells))
    if progress is not None:
        progress(total, total)
    _mark_duplicates(parsed, reader)
    households = _group(parsed, reader.mapping)
    problems = [p for row in parsed for p in row.problems]
    return parsed, households, problems


def _mark_duplicates(rows: list[ParsedRow], reader: _RowReader) -> None:
    """Same CCCD, or same name (accents aside: lists are often typed without them) and full
    birth date unless both rows carry different CCCDs (a year alone is too common to tell)."""
    by_cccd: dict[str, int] = {}
    by_person: dict[tuple[str, date], tuple[int, object]] = {}
    folded: dict[str, str] = {}
    for row in rows:
        values = row.values
        cccd = values.get("cccd")
        if isinstance(cccd, str):
            first = by_cccd.setdefault(cccd, row.sheet_row)
            if first != row.sheet_row:
                message = f"trùng số CCCD {cccd} với dòng {first}."
                row.problems.append(reader.problem(row.sheet_row, "cccd", message,
                                                   kind="duplicate", other_row=first))  # fmt: skip
                continue
        name, birth = values.get("full_name"), values.get("birth_date")
        if isinstance(name, str) and isinstance(birth, date):
            key = folded.get(name)
            if key is None:
                key = folded[name] = fold(name)  # a few thousand names among 80 000 rows
            first, other = by_person.setdefault((key, birth), (row.sheet_row, cccd))
            if first != row.sheet_row and not (cccd and other and cccd != other):
                message = (
                    f"trùng họ tên và ngày sinh ({name}, {format_date(birth)}) với dòng {first}."
                )
                row.problems.append(reader.problem(row.sheet_row, "full_name", message,
                                                   kind="duplicate", other_row=first))  # fmt: skip


def _group(rows: list[ParsedRow], mapping: ColumnMapping) -> list[ParsedHousehold]:
    """By household number (blank cells continue the one above); else a head row starts a new
    household; else each row is a household."""
    columns = mapping.columns
    households: dict[str, ParsedHousehold] = {}
    current: ParsedHousehold | None = None
    by_number = "household_no" in columns
    by_head = not by_number and ("relation" in columns or "is_head" in columns)
    for row in rows:
        if not row.values:
            continue  # a row without a name belongs to no household
        if by_number:
            number = row.values.get("household_no")
            if number is None and current is not None:
                row.values["household_no"] = current.key
                current.rows.append(row)
                continue
            key = str(number) if number is not None else f"dòng {row.sheet_row}"
        elif by_head:
            if current is not None and not row.values.get("is_head"):
                current.rows.append(row)
                continue
            key = f"dòng {row.sheet_row}"
        else:
            key = f"dòng {row.sheet_row}"
        current = households.get(key)
        if current is None:
            current = households[key] = ParsedHousehold(key, [])
        current.rows.append(row)
    return list(households.values())


def read_source_rows(path: str | Path, sheet: str, numbers: Iterable[int]) -> dict[int, list[Cell]]:
    """The cells of the given rows (1-based) of a sheet, e.g. to write rows a service refused."""
    wanted = set(numbers)
    with Workbook(path) as book:
        return {n: cells for n, cells in book.rows(sheet) if n in wanted}


def iter_rejected(rows: Iterable[ParsedRow]) -> Iterator[tuple[Sequence[Cell], str]]:
    """(cells, reason) for each row that has an error."""
    for row in rows:
        if not row.ok:
            yield row.cells, row.error_text
