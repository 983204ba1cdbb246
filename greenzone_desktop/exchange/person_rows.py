"""One row of a person sheet read into field values and problems, for a given column mapping.

`RowReader.read` sees every row of a sheet, so what depends only on the mapping (which readers,
which columns) is worked out once when it is made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

from greenzone_desktop.exchange.excel_reader import Cell, column_letter
from greenzone_desktop.exchange.person_columns import FIELD_LABELS, ColumnMapping
from greenzone_desktop.exchange.person_values import (
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
from greenzone_desktop.text import TextError, fold
from greenzone_desktop.vocab import Relation, Residency, Sex

__all__ = ["ParsedRow", "Problem", "RowReader"]

_TEXT_FIELDS = ("address", "area", "occupation", "workplace", "ethnicity", "religion", "notes",
                "cccd_issued_by", "insurance_no", "vaccine", "household_kind")
_DOSES = ("dose1_date", "dose2_date", "dose3_date")
_DATES = ("cccd_issued_on", "residency_until")

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
        return problems_text(self.problems)


def problems_text(problems: Iterable[Problem]) -> str:
    """Problems in one line, each with its column: "cột D (Ngày sinh): …; …"."""
    return "; ".join(
        f"cột {p.column_letter} ({p.column_header}): {p.message}" if p.column_letter
        else p.message
        for p in problems
    )  # fmt: skip


class RowReader:
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
        self.sex_columns = tuple((name, marked) for name, marked in (
            ("male", Sex.MALE), ("female", Sex.FEMALE)) if name in columns)  # fmt: skip
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

    def read(self, row: int, cells: Sequence[Cell]) -> ParsedRow:
        # Every row of a sheet comes through here: readers are called inline, not through a
        # helper per field (80 000 rows, a dozen fields each).
        values: dict[str, object] = {}
        problems: list[Problem] = []
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
                try:
                    birth = read_birth(cell, self.today)
                except TextError as exc:
                    problems.append(self.problem(row, name, str(exc)))
        sex = None
        if self.has_sex:
            try:
                sex = read_sex(get("sex"))
            except TextError as exc:
                problems.append(self.problem(row, "sex", str(exc)))
        for name, marked in self.sex_columns:
            cell = get(name)
            if cell is None:
                continue
            if sex is not None and sex != marked:
                problems.append(self.problem(row, name, "ghi ở cả cột Nam và cột Nữ."))
                continue
            sex = marked
            if read_flag(cell) is None and birth is None:
                try:
                    birth = read_birth(cell, self.today)
                except TextError as exc:
                    problems.append(self.problem(row, name, str(exc)))
        values["birth_date"], values["birth_year"] = birth or (None, None)
        relation_cell = get("relation")
        relation = None
        if relation_cell:
            try:
                relation = read_relation(relation_cell)
            except TextError as exc:
                problems.append(self.problem(row, "relation", str(exc)))
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
            cccd = None
            if (cell := get("cccd")) is not None:
                try:
                    cccd = read_cccd(cell, values["birth_year"], sex)  # type: ignore[arg-type]
                except TextError as exc:
                    problems.append(self.problem(row, "cccd", str(exc)))
            values["cccd"] = cccd
            if sex is None and isinstance(cccd, str) and len(cccd) == 12:
                sex = Sex.FEMALE if int(cccd[3]) % 2 else Sex.MALE
        values["sex"] = sex
        for name, reader in self.simple_first:
            value = None
            if (cell := get(name)) is not None:
                try:
                    value = reader(cell)
                except TextError as exc:
                    problems.append(self.problem(row, name, str(exc)))
            values[name] = value
        residency = None
        if self.has_residency and (cell := get("residency")) is not None:
            try:
                residency = read_residency(cell)
            except TextError as exc:
                problems.append(self.problem(row, "residency", str(exc)))
        for name, kind in self.flags:
            if read_flag(get(name)):
                residency = residency or kind
        if residency is not None or self.has_residency:
            values["residency"] = residency
        for name, reader in self.simple_last:
            value = None
            if (cell := get(name)) is not None:
                try:
                    value = reader(cell)
                except TextError as exc:
                    problems.append(self.problem(row, name, str(exc)))
            values[name] = value
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
