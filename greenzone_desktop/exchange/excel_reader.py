"""Open the spreadsheets offices keep (.xlsx, .xlsm, .xls, .ods) and read their cells.

Reading goes through python-calamine (a Rust reader, many times faster than openpyxl on large
sheets). Every failure becomes a `SpreadsheetError` whose message names the file (and sheet) and
says, in Vietnamese, what the user can do about it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import TracebackType

import python_calamine as calamine

__all__ = [
    "MAX_ROWS",
    "SUPPORTED_SUFFIXES",
    "Cell",
    "SpreadsheetError",
    "Workbook",
    "column_letter",
    "list_sheets",
    "read_rows",
]

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
# A ward has a few tens of thousands of people; a sheet past this is not a population list.
MAX_ROWS = 200_000

Cell = str | int | float | bool | date | datetime | time | timedelta | None

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_OTHER_FORMATS = (
    (b"\x89PNG", "một tệp ảnh (PNG)"),
    (b"\xff\xd8\xff", "một tệp ảnh (JPEG)"),
    (b"GIF8", "một tệp ảnh (GIF)"),
    (b"%PDF", "một tệp PDF"),
    (b"Rar!", "một tệp nén RAR"),
    (b"7z\xbc\xaf", "một tệp nén 7z"),
)
_RESAVE = "hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx"


class SpreadsheetError(ValueError):
    """A file that cannot be read as a spreadsheet; the message (Vietnamese) says why and where."""

    def __init__(self, message: str, *, file: str = "", sheet: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.sheet = sheet


def column_letter(index: int) -> str:
    """Excel's column name for a 0-based column index (0 -> "A", 27 -> "AB")."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _clean(value: object) -> Cell:
    """Empty text -> None; whole floats -> int (calamine gives 1985.0 for a typed 1985)."""
    if value == "":
        return None
    if type(value) is float:
        if value.is_integer():
            return int(value)
        if math.isnan(value):
            return None
    return value  # type: ignore[return-value]


def _sniff(path: Path, name: str) -> None:
    """Refuse files that are plainly not a spreadsheet, before calamine guesses at them."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise SpreadsheetError(f"Không tìm thấy tệp «{name}».", file=name) from None
    except IsADirectoryError:
        raise SpreadsheetError(f"«{name}» là một thư mục, không phải tệp.", file=name) from None
    except OSError as exc:
        raise SpreadsheetError(f"Không mở được tệp «{name}»: {exc.strerror}.", file=name) from None
    if size == 0:
        raise SpreadsheetError(f"Tệp «{name}» rỗng (0 byte).", file=name)
    if head.startswith(_OLE2) and _is_encrypted_ooxml(path):
        raise _password_error(name)
    if head.startswith((_ZIP, _OLE2)):
        return
    for magic, what in _OTHER_FORMATS:
        if head.startswith(magic):
            raise SpreadsheetError(
                f"Tệp «{name}» là {what}, không phải bảng tính Excel (.xlsx, .xls) hay .ods.",
                file=name,
            )
    if path.suffix.lower() == ".ods":
        return  # a flat-XML spreadsheet saved under .ods is rare; let calamine judge
    raise SpreadsheetError(
        f"Tệp «{name}» không phải bảng tính Excel (.xlsx, .xls) hay .ods: có thể là tệp văn "
        f"bản (CSV) đã đổi tên; {_RESAVE}.",
        file=name,
    )


def _is_encrypted_ooxml(path: Path) -> bool:
    """Excel saves a password-protected .xlsx as an OLE2 container with an EncryptionInfo stream."""
    tail = b""
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            if _ENCRYPTION_INFO in tail + chunk:
                return True
            tail = chunk[-len(_ENCRYPTION_INFO) :]
    return False


def _password_error(name: str) -> SpreadsheetError:
    return SpreadsheetError(
        f"Tệp «{name}» được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại.", file=name
    )


def _open_error(exc: Exception, name: str) -> SpreadsheetError:
    if isinstance(exc, calamine.PasswordError):
        return _password_error(name)
    if isinstance(exc, calamine.ZipError):
        return SpreadsheetError(
            f"Tệp «{name}» bị hỏng hoặc chưa chép hết (phần nén bên trong không đọc được); "
            "hãy chép lại tệp từ máy gốc.",
            file=name,
        )
    if "not found" in str(exc).lower():
        return SpreadsheetError(
            f"Tệp «{name}» là tệp nén nhưng không chứa bảng tính Excel hay .ods (hoặc đã bị "
            f"hỏng); {_RESAVE}.",
            file=name,
        )
    return SpreadsheetError(
        f"Tệp «{name}» bị hỏng, không đọc được như một bảng tính ({exc}); {_RESAVE}.", file=name
    )


def _open(path: Path) -> calamine.CalamineWorkbook:
    """Open by extension; if that fails, by content (an .xlsx saved under .xls, and so on)."""
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        raise
    except (calamine.CalamineError, ValueError) as first:
        try:
            with path.open("rb") as f:
                return calamine.CalamineWorkbook.from_filelike(f)
        except (calamine.CalamineError, ValueError):
            raise first from None


@dataclass(frozen=True, slots=True)
class SheetInfo:
    name: str
    visible: bool
    is_worksheet: bool


class Workbook:
    """An open spreadsheet file; use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = self.path.name
        _sniff(self.path, self.name)
        try:
            self._book = _open(self.path)
            metadata = self._book.sheets_metadata
        except (calamine.CalamineError, OSError, ValueError) as exc:
            raise _open_error(exc, self.name) from None
        self.sheets = [
            SheetInfo(
                m.name,
                m.visible == calamine.SheetVisibleEnum.Visible,
                m.typ == calamine.SheetTypeEnum.WorkSheet,
            )
            for m in metadata
        ]
        self._loaded: dict[str, calamine.CalamineSheet] = {}  # calamine reads a sheet whole
        if not any(s.is_worksheet for s in self.sheets):
            raise SpreadsheetError(f"Tệp «{self.name}» không có trang tính nào.", file=self.name)

    def __enter__(self) -> Workbook:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._loaded.clear()
        self._book.close()

    @property
    def sheet_names(self) -> list[str]:
        """Names of the visible worksheets, in workbook order."""
        return [s.name for s in self.sheets if s.visible and s.is_worksheet]

    def _sheet(self, sheet: str | None) -> calamine.CalamineSheet:
        name = sheet if sheet is not None else (self.sheet_names or [self.sheets[0].name])[0]
        if name not in {s.name for s in self.sheets}:
            shown = ", ".join(f"«{n}»" for n in self.sheet_names)
            raise SpreadsheetError(
                f"Tệp «{self.name}» không có trang «{name}» (các trang: {shown}).",
                file=self.name,
                sheet=name,
            )
        if name in self._loaded:
            return self._loaded[name]
        try:
            self._loaded[name] = self._book.get_sheet_by_name(name)
            return self._loaded[name]
        except (calamine.CalamineError, ValueError) as exc:
            raise SpreadsheetError(
                f"Trang «{name}» của tệp «{self.name}» bị hỏng, không đọc được ({exc}).",
                file=self.name,
                sheet=name,
            ) from None

    def sheet_height(self, sheet: str | None = None) -> int:
        """The number of rows of a sheet, counting from row 1."""
        data = self._sheet(sheet)
        return 0 if data.start is None else data.start[0] + data.height

    def rows(
        self, sheet: str | None = None, *, max_rows: int = MAX_ROWS, limit: int | None = None
    ) -> Iterator[tuple[int, list[Cell]]]:
        """(row number as Excel shows it, cells from column A) for each row of a sheet.

        Empty cells are None, whole numbers int. Raises SpreadsheetError if the sheet is empty
        or longer than `max_rows`; `limit` reads only the first rows (for previews).
        """
        data = self._sheet(sheet)
        name = data.name
        if data.height == 0 or data.start is None:
            raise SpreadsheetError(
                f"Trang «{name}» của tệp «{self.name}» trống, không có dữ liệu.",
                file=self.name,
                sheet=name,
            )
        first_col = data.start[1]
        if limit is None and data.height > max_rows:
            raise SpreadsheetError(
                f"Trang «{name}» của tệp «{self.name}» có {_thousands(data.height)} dòng, quá "
                f"nhiều so với danh sách một xã, phường (tối đa {_thousands(max_rows)} dòng). "
                "Hãy kiểm tra lại tệp: có thể trang này có nhiều dòng trống đã được định dạng.",
                file=self.name,
                sheet=name,
            )
        clean = _clean
        if limit is not None:
            for number, raw in enumerate(data.to_python(skip_empty_area=False, nrows=limit), 1):
                yield number, list(map(clean, raw))
            return
        # iter_rows counts rows from row 1 but columns from the first used column.
        pad = [None] * first_col
        for number, raw in enumerate(data.iter_rows(), start=1):
            # _clean inlined: this loop sees every cell of the sheet
            cells = [
                None
                if v == ""
                else (int(v) if v.is_integer() else clean(v))
                if type(v) is float
                else v
                for v in raw
            ]
            yield number, [*pad, *cells] if pad else cells

    def merged_ranges(self, sheet: str | None = None) -> list[tuple[tuple[int, int], ...]]:
        """Merged cell ranges ((row, col), (row, col)), 0-based; [] where the format hides them."""
        return list(self._sheet(sheet).merged_cell_ranges or [])


def list_sheets(path: str | Path) -> list[str]:
    """The visible worksheet names of a spreadsheet file."""
    with Workbook(path) as book:
        return book.sheet_names


def read_rows(
    path: str | Path, sheet: str | None = None, *, max_rows: int = MAX_ROWS
) -> list[list[Cell]]:
    """All rows of a sheet (the first visible one by default) as lists of cleaned values."""
    with Workbook(path) as book:
        return [cells for _, cells in book.rows(sheet, max_rows=max_rows)]
