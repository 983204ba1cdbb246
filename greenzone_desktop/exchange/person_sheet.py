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
from pathlib import Path

from greenzone_desktop.exchange.excel_reader import MAX_ROWS, Cell, SpreadsheetError, Workbook
from greenzone_desktop.exchange.person_columns import (
    SCAN_ROWS,
    ColumnMapping,
    HeaderMatch,
    find_header,
)
from greenzone_desktop.exchange.person_rows import ParsedRow, Problem, RowReader
from greenzone_desktop.exchange.person_values import clear_caches
from greenzone_desktop.text import fold, format_date, nfc

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

_TOTALS = re.compile(r"^(?:tổng cộng|tổng số|tổng|cộng)(?:\W|$)")
_STEP = 2000


class ImportCancelled(Exception):  # noqa: N818 - the name says what happened
    """The user stopped reading the sheet; nothing was returned."""


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
        return _parse_rows(rows, RowReader(mapping, keep_cells), progress, cancelled, total)
    finally:
        clear_caches()


def _parse_rows(
    rows: Iterable[tuple[int, Sequence[Cell]]],
    reader: RowReader,
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
        if cells.count(None) + cells.count("") == len(cells):  # a blank row
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


def _mark_duplicates(rows: list[ParsedRow], reader: RowReader) -> None:
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
