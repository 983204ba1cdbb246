"""Write reports the ward can file and print as they are, and rejected import rows to fix.

Every sheet has a title block (unit names, title, "Ngày dd/mm/yyyy"), a bold header row that
stays in view and repeats on every printed page, an autofilter, columns wide enough for their
content, CCCD and phone numbers as text (so Excel keeps the leading zero), real dates shown
dd/mm/yyyy, an optional totals row, and A4 landscape fit-to-width page set-up. Sheets are
streamed with openpyxl's write-only mode, so 80 000 rows need little memory.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain, islice
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from greenzone_desktop.text import format_date

__all__ = [
    "KINDS",
    "Column",
    "ExportCancelled",
    "ReportTable",
    "write_rejected",
    "write_report",
    "write_workbook",
]

KINDS = ("text", "id", "date", "datetime", "int", "number", "percent")
DATE_FORMAT = "dd/mm/yyyy"
_FORMATS = {
    "id": "@",
    "date": DATE_FORMAT,
    "datetime": "dd/mm/yyyy hh:mm",
    "int": "#,##0",
    "number": "#,##0.##",
    "percent": "0.0%",
}
_DEFAULT_WIDTHS = {"id": 15, "date": 12, "datetime": 17, "int": 9, "number": 10, "percent": 9}
_SAMPLE_ROWS = 500  # rows measured to size the columns before streaming the rest
_MAX_WIDTH = 60
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
ERROR_HEADER = "Lỗi cần sửa"

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


class ExportCancelled(Exception):  # noqa: N818 - the name says what happened
    """The user stopped an export; no file was written (an older one is left as it was)."""


@dataclass(frozen=True)
class Column:
    """A report column: `kind` is one of KINDS ("id" is text that looks like a number)."""

    key: str
    header: str
    kind: str = "text"
    width: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}; expected one of {KINDS}")


@dataclass
class ReportTable:
    """One sheet of a report. Rows are sequences in column order, or mappings by column key.

    `totals`: True sums the int and number columns; a mapping gives the totals row's values by
    column key; False writes no totals row.
    """

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[object] | Mapping[str, object]]
    unit_lines: Sequence[str] = ()
    date: date | None = None
    totals: bool | Mapping[str, object] = False
    sheet_name: str | None = None
    subtitle: str | None = None
    total_rows: int = 0  # for progress reports, when known


@contextlib.contextmanager
def _atomic(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside `path`, moved over it when the block succeeds, removed otherwise."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.part")
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _shown_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _sheet_title(name: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("-", name).strip("'") or "Trang"
    title, n = base[:31], 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


class _SheetWriter:
    """Streams one ReportTable into a write-only worksheet."""

    def __init__(self, book: Workbook, table: ReportTable, title: str) -> None:
        self.table = table
        self.columns = list(table.columns)
        self.keys = [c.key for c in self.columns]
        self.ws: Worksheet = book.create_sheet(title)
        self.width = max(len(self.columns), 1)
        self.date_columns = {
            i for i, c in enumerate(self.columns) if c.kind in ("date", "datetime")
        }
        # One styled cell per column kind; data cells share its style array (cheap to copy).
        self.styles: list[object | None] = []
        for column in self.columns:
            fmt = _FORMATS.get(column.kind)
            if fmt is None:
                self.styles.append(None)
                continue
            template = WriteOnlyCell(self.ws)
            template.number_format = fmt
            self.styles.append(template._style)

    def _row_values(self, row: Sequence[object] | Mapping[str, object]) -> list[object]:
        if isinstance(row, Mapping):
            return [row.get(k) for k in self.keys]
        return list(row)

    def _cell(self, value: object, index: int, *, bold: bool = False) -> object:
        style = self.styles[index] if index < len(self.styles) else None
        if style is not None and index in self.date_columns and not isinstance(value, date):
            style = None  # a year alone (1985) or a note in a date column is shown as typed
        if style is None and not bold:
            return value
        cell = WriteOnlyCell(self.ws, value)
        if style is not None:
            # Data cells share their column's style (read only once streamed); the bold totals
            # row changes its copy.
            cell._style = style.__copy__() if bold else style  # type: ignore[attr-defined]
        if bold:
            cell.font = Font(bold=True)
            cell.border = _BOX
        return cell

    def _layout(self, sample: list[list[object]], header_row: int) -> None:
        ws = self.ws
        for i, column in enumerate(self.columns):
            width = column.width
            if width is None:
                longest = max((_shown_width(r[i]) for r in sample if i < len(r)), default=0)
                header = max((len(w) for w in column.header.split()), default=0)
                width = max(longest + 2, header + 2, _DEFAULT_WIDTHS.get(column.kind, 8))
                width = min(width, _MAX_WIDTH)
            ws.column_dimensions[get_column_letter(i + 1)].width = width
        ws.freeze_panes = f"A{header_row + 1}"
        ws.print_title_rows = f"{header_row}:{header_row}"
        setup = ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = Worksheet.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_options.gridLines = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.HeaderFooter.oddFooter.center.text = "Trang &P/&N"

    def _header_row(self) -> int:
        table = self.table
        units = len(table.unit_lines) + 1 if table.unit_lines else 0
        return units + 1 + bool(table.subtitle) + (table.date is not None) + 2

    def _title_block(self) -> int:
        """Writes unit lines, title, subtitle and date; returns the header row number."""
        ws, last = self.ws, get_column_letter(self.width)
        table, row = self.table, 0

        def line(text: str, font: Font, align: str, merge: bool) -> None:
            nonlocal row
            row += 1
            cell = WriteOnlyCell(ws, text)
            cell.font = font
            cell.alignment = Alignment(horizontal=align, vertical="center")
            ws.append([cell])
            if merge and self.width > 1:
                ws.merged_cells.add(f"A{row}:{last}{row}")

        for unit in table.unit_lines:
            line(unit, Font(bold=True), "left", False)
        if table.unit_lines:
            ws.append([])
            row += 1
        line(table.title.upper(), Font(bold=True, size=14), "center", True)
        if table.subtitle:
            line(table.subtitle, Font(italic=True), "center", True)
        if table.date is not None:
            line(f"Ngày {format_date(table.date)}", Font(italic=True), "center", True)
        ws.append([])
        return row + 2

    def write(self, progress: ProgressFn | None, cancelled: CancelledFn | None) -> int:
        table, ws = self.table, self.ws
        rows = iter(table.rows)
        sample = [self._row_values(r) for r in islice(rows, _SAMPLE_ROWS)]
        # Column widths, panes and page set-up go before the first row in write-only mode.
        self._layout(sample, self._header_row())
        header_row = self._title_block()
        header = []
        for column in self.columns:
            cell = WriteOnlyCell(ws, column.header)
            cell.font = Font(bold=True)
            cell.border = _BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            header.append(cell)
        ws.append(header)
        sums = [0.0] * len(self.columns)
        summed = [c.kind in ("int", "number") for c in self.columns]
        do_sum = table.totals is True
        count = 0
        styles, cell_of = self.styles, self._cell
        plain = all(s is None for s in styles)
        total = table.total_rows or len(sample)
        for values in chain(sample, (self._row_values(r) for r in rows)):
            count += 1
            if count % 2000 == 0:
                if cancelled is not None and cancelled():
                    raise ExportCancelled()
                if progress is not None:
                    progress(count, max(total, count))
            if do_sum:
                for i, value in enumerate(values):
                    if summed[i] and isinstance(value, int | float) and not isinstance(value, bool):
                        sums[i] += value
            if plain:
                ws.append(values)
            else:
                ws.append([v if v is None or styles[i] is None else cell_of(v, i)
                           for i, v in enumerate(values)])  # fmt: skip
        last_row = header_row + count
        if table.totals:
            last_row += 1
            self._totals(sums, summed)
        ws.auto_filter = AutoFilter(
            ref=f"A{header_row}:{get_column_letter(self.width)}{max(last_row, header_row)}"
        )
        if progress is not None:
            progress(count, count)
        return count

    def _totals(self, sums: list[float], summed: list[bool]) -> None:
        given = self.table.totals if isinstance(self.table.totals, Mapping) else None
        values: list[object] = []
        for i, column in enumerate(self.columns):
            if given is not None:
                value = given.get(column.key)
            elif summed[i]:
                value = int(sums[i]) if math.isclose(sums[i], round(sums[i])) else sums[i]
            else:
                value = None
            values.append(value)
        if values and values[0] is None:
            values[0] = "Tổng cộng"
        self.ws.append([self._cell(v, i, bold=True) for i, v in enumerate(values)])


def write_workbook(
    path: str | os.PathLike[str],
    tables: Sequence[ReportTable],
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> list[int]:
    """Write several report sheets into one .xlsx; returns the number of data rows of each."""
    if not tables:
        raise ValueError("a workbook needs at least one table")
    counts: list[int] = []
    used: set[str] = set()
    with _atomic(path) as tmp:
        book = Workbook(write_only=True)
        try:
            for table in tables:
                title = _sheet_title(table.sheet_name or table.title, used)
                counts.append(_SheetWriter(book, table, title).write(progress, cancelled))
        except BaseException:
            for sheet in book.worksheets:  # close the streams so nothing writes after we leave
                with contextlib.suppress(Exception):
                    sheet.close()
            raise
        book.save(tmp)
    return counts


def write_report(
    path: str | os.PathLike[str],
    report: ReportTable,
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> int:
    """Write one report sheet as .xlsx; returns the number of data rows written."""
    return write_workbook(path, [report], progress=progress, cancelled=cancelled)[0]


def write_rejected(
    path: str | os.PathLike[str],
    rows_with_errors: Iterable[tuple[Sequence[object], str]],
    header: Sequence[str],
    *,
    sheet_name: str = "Dòng bị lỗi",
) -> int:
    """The rows an import refused, under the file's own headers plus an error column.

    The user fixes the cells and imports the file again: the same headers map the same way.
    Dates are written as dates (dd/mm/yyyy); other values as they were read.
    """
    headers = [str(h or "") for h in header]
    count = 0
    with _atomic(path) as tmp:
        book = Workbook(write_only=True)
        ws = book.create_sheet(_sheet_title(sheet_name, set()))
        width = len(headers)
        rows = list(rows_with_errors)
        for i in range(width):
            longest = max([len(headers[i]), *(_shown_width(r[i]) for r, _ in rows if i < len(r))])
            ws.column_dimensions[get_column_letter(i + 1)].width = min(longest + 2, _MAX_WIDTH)
        ws.column_dimensions[get_column_letter(width + 1)].width = _MAX_WIDTH
        ws.freeze_panes = "A2"
        bold = Font(bold=True)
        red = Font(bold=True, color="C00000")
        heading = []
        for text in [*headers, ERROR_HEADER]:
            cell = WriteOnlyCell(ws, text)
            cell.font = red if text == ERROR_HEADER else bold
            heading.append(cell)
        ws.append(heading)
        for cells, message in rows:
            values: list[object] = []
            for value in list(cells)[:width] + [None] * (width - len(cells)):
                if isinstance(value, date | datetime):
                    cell = WriteOnlyCell(ws, value)
                    cell.number_format = DATE_FORMAT
                    value = cell
                values.append(value)
            note = WriteOnlyCell(ws, message)
            note.font = Font(color="C00000")
            ws.append([*values, note])
            count += 1
        ws.auto_filter = AutoFilter(ref=f"A1:{get_column_letter(width + 1)}{count + 1}")
        book.save(tmp)
    return count
