"""Import a person list from a spreadsheet: plan, preview every row, choose per duplicate, apply.

`inspect_sheet` shows the sheets of a file, the header it found and the column mapping (a mapping
remembered for sheets with the same headers wins). `plan_import` reads every row, groups people
into households, and lists each row's problems: bad values, duplicates within the file and people
already in the database. The caller sets an action per duplicate (`ImportPlan.set_action`), then
`services.import_apply.apply_import` writes everything in one transaction, and
`write_rejected_rows` saves the refused rows with an error column to fix and import again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from greenzone_desktop.exchange.excel_reader import Cell, SpreadsheetError
from greenzone_desktop.exchange.excel_writer import write_rejected
from greenzone_desktop.exchange.person_columns import FIELD_LABELS, ColumnMapping
from greenzone_desktop.exchange.person_rows import problems_text
from greenzone_desktop.exchange.person_sheet import (
    ImportCancelled,
    Problem,
    parse_person_sheet,
    preview_sheet,
    read_source_rows,
)
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.import_checks import (
    RowChecks,
    known_people,
    mark_known,
    paused_gc,
    regroup,
)
from greenzone_desktop.services.settings import get_setting, set_setting
from greenzone_desktop.text import format_birth, format_date
from greenzone_desktop.vocab import Relation

__all__ = [
    "ACTIONS",
    "ACTION_LABELS",
    "GROUPINGS",
    "HouseholdPlan",
    "ImportOptions",
    "ImportPlan",
    "RowPlan",
    "SheetChoice",
    "inspect_sheet",
    "plan_import",
    "remember_mapping",
    "write_rejected_rows",
]

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]

ACTIONS = ("update", "keep", "skip")
ACTION_LABELS = {"update": "Cập nhật", "keep": "Giữ cả hai", "skip": "Bỏ qua"}
GROUPINGS = {
    "auto": "Tự nhận biết",
    "number": "Theo cột số hộ",
    "head": "Dòng «Chủ hộ» bắt đầu một hộ mới",
    "single": "Mỗi dòng là một hộ",
}
MAPPINGS_KEY = "excel_import_mappings"  # settings: header signature -> remembered choices


def _service_error(exc: SpreadsheetError) -> ServiceError:
    return ServiceError(exc.message)


@dataclass
class ImportOptions:
    """The user's choices: sheet, header row, columns (field -> 0-based), grouping, duplicates."""

    sheet: str | None = None
    header_row: int | None = None
    columns: dict[str, int] | None = None
    grouping: str = "auto"
    on_duplicate: str = "skip"


@dataclass
class SheetChoice:
    """What the wizard shows before reading every row."""

    path: str
    file: str
    sheets: list[str]
    sheet: str
    header_row: int | None
    first_rows: list[list[Cell]]
    headers: tuple[str, ...]
    columns: dict[str, int]
    detected: dict[str, int]
    grouping: str = "auto"
    remembered: bool = False

    @property
    def signature(self) -> str:
        return ColumnMapping({}, self.headers).signature


def inspect_sheet(db: Database, path: str | Path, sheet: str | None = None) -> SheetChoice:
    """The sheets of a file, the likeliest person sheet, its header and column mapping."""
    try:
        preview = preview_sheet(path, sheet)
    except SpreadsheetError as exc:
        raise _service_error(exc) from None
    match = preview.match
    headers = match.mapping.headers if match else ()
    if match is None and preview.rows:
        headers = tuple("" if c is None else str(c) for c in preview.rows[0])
    detected = dict(match.mapping.columns) if match else {}
    choice = SheetChoice(
        str(path), preview.file, preview.sheets, preview.sheet,
        match.header_row if match else None, preview.rows, headers, dict(detected), detected,
    )  # fmt: skip
    saved = (get_setting(db, MAPPINGS_KEY) or {}).get(choice.signature) if headers else None
    if isinstance(saved, dict) and saved.get("columns"):
        choice.columns = {k: int(v) for k, v in saved["columns"].items()}
        choice.grouping = saved.get("grouping", "auto")
        choice.remembered = True
    return choice


def remember_mapping(db: Database, headers: tuple[str, ...], columns: dict[str, int],
                     grouping: str) -> None:  # fmt: skip
    """Keep the columns chosen for sheets with these headers (used next time automatically)."""
    saved = dict(get_setting(db, MAPPINGS_KEY) or {})
    saved[ColumnMapping({}, headers).signature] = {"columns": dict(columns), "grouping": grouping}
    set_setting(db, MAPPINGS_KEY, saved)


# -- the plan -------------------------------------------------------------------------------


@dataclass(slots=True)
class RowPlan:
    """One row of the sheet as it will be imported, with its problems and its action.

    action: "new" (imported), "error" (refused), or for a duplicate "update" | "keep" | "skip".
    """

    sheet_row: int
    household: str
    values: dict[str, object]
    problems: list[Problem]
    cells: tuple[Cell, ...] = ()
    action: str = "new"
    existing_id: str | None = None  # the person already in the database
    other_row: int | None = None  # the earlier row of the file it repeats
    cccd_duplicate: bool = False

    @property
    def is_error(self) -> bool:
        return bool(self.problems) and any(p.kind == "error" for p in self.problems)

    @property
    def is_duplicate(self) -> bool:
        return not self.is_error and (self.existing_id is not None or self.other_row is not None)

    @property
    def problem_text(self) -> str:
        return problems_text(self.problems)

    @property
    def status(self) -> str:
        if self.is_error:
            return "Lỗi"
        if self.is_duplicate:
            return f"Trùng — {ACTION_LABELS[self.action]}"
        return "Nhập mới"

    def shown(self, name: str) -> str:
        """A value as the preview shows it."""
        if name == "birth":
            return format_birth(self.values.get("birth_date"), self.values.get("birth_year"))  # type: ignore[arg-type]
        value = self.values.get(name)
        if value is None:
            return ""
        if isinstance(value, date):
            return format_date(value)
        return getattr(value, "label", None) or str(value)


@dataclass
class HouseholdPlan:
    key: str  # the household number in the file, or "dòng N"
    rows: list[RowPlan]
    existing_id: str | None = None  # a household already in the database with this code
    code: str = ""


@dataclass
class ImportPlan:
    path: str
    file: str
    sheet: str
    sheets: list[str]
    header_row: int
    first_data_row: int
    mapping: ColumnMapping
    grouping: str
    rows: list[RowPlan]
    households: list[HouseholdPlan]
    problems: list[Problem] = field(default_factory=list)

    @property
    def headers(self) -> tuple[str, ...]:
        return self.mapping.headers

    def row(self, sheet_row: int) -> RowPlan:
        for row in self.rows:
            if row.sheet_row == sheet_row:
                return row
        raise ServiceError(f"Không có dòng {sheet_row} trong trang «{self.sheet}».")

    def set_action(self, sheet_row: int, action: str) -> None:
        """Choose what to do with one duplicate row: update, keep both, or skip."""
        row = self.row(sheet_row)
        if not row.is_duplicate:
            raise ServiceError(f"Dòng {sheet_row} không trùng với ai; không cần chọn cách xử lý.")
        if action not in ACTIONS:
            raise ServiceError(f"Cách xử lý «{action}» không có; chọn: {', '.join(ACTIONS)}.")
        if action == "keep" and row.cccd_duplicate:
            raise ServiceError(
                f"Dòng {sheet_row}: không thể giữ cả hai người vì trùng số CCCD "
                f"{row.values.get('cccd')}; hãy chọn Cập nhật hoặc Bỏ qua."
            )
        row.action = action

    def set_all_duplicates(self, action: str) -> None:
        for row in self.rows:
            if row.is_duplicate:
                self.set_action(row.sheet_row, _allowed(row, action))

    @property
    def counts(self) -> dict[str, int]:
        """Rows to create, to update, skipped, refused; households to create."""
        counts = {"new": 0, "update": 0, "skip": 0, "error": 0}
        duplicates = 0
        for row in self.rows:  # one pass: an import plan has a row per person of a ward
            if row.problems and row.is_error:
                counts["error"] += 1
                continue
            action = row.action
            counts["new" if action == "new" or action == "keep" else action] += 1
            if row.existing_id is not None or row.other_row is not None:  # `is_duplicate`
                duplicates += 1
        counts["households"] = sum(
            1 for h in self.households
            if h.existing_id is None and any(r.action in ("new", "keep") for r in h.rows)
        )  # fmt: skip
        counts["duplicates"] = duplicates
        return counts

    def rejected_numbers(self) -> list[int]:
        return [r.sheet_row for r in self.rows if r.is_error]


def _allowed(row: RowPlan, action: str) -> str:
    return "skip" if action == "keep" and row.cccd_duplicate else action


def plan_import(
    db: Database,
    path: str | Path,
    options: ImportOptions | None = None,
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> ImportPlan:
    """Read every row of the sheet and say what importing it would do; changes nothing."""
    with paused_gc():
        return _plan_import(db, path, options or ImportOptions(), progress, cancelled)


def _plan_import(
    db: Database,
    path: str | Path,
    options: ImportOptions,
    progress: ProgressFn | None,
    cancelled: CancelledFn | None,
) -> ImportPlan:
    if options.grouping not in GROUPINGS:
        raise ServiceError(f"Cách nhóm hộ «{options.grouping}» không có.")
    if options.on_duplicate not in ACTIONS:
        raise ServiceError(f"Cách xử lý trùng «{options.on_duplicate}» không có.")
    mapping: ColumnMapping | dict[str, int] | None = options.columns
    try:
        if options.columns is not None and options.header_row is not None:
            mapping = _mapping_under(path, options.sheet, options.header_row, options.columns)
        sheet = parse_person_sheet(
            path, options.sheet, mapping, header_row=options.header_row,
            progress=progress, cancelled=cancelled,
        )  # fmt: skip
    except SpreadsheetError as exc:
        raise _service_error(exc) from None
    except ImportCancelled:
        raise ServiceError("Đã dừng đọc tệp; chưa nhập gì.") from None
    if options.grouping == "number" and "household_no" not in sheet.mapping.columns:
        raise ServiceError(
            f"Trang «{sheet.sheet}» (tệp «{sheet.file}»): chưa chọn cột «Số hộ» để nhóm theo số hộ."
        )
    if not any(r.values for r in sheet.rows):
        raise ServiceError(
            f"Trang «{sheet.sheet}» (tệp «{sheet.file}») không có dòng nhân khẩu nào dưới dòng "
            f"tiêu đề {sheet.header_row}."
        )
    known = known_people(db)
    plans: dict[int, RowPlan] = {}
    households: list[HouseholdPlan] = []
    checks = RowChecks(sheet.mapping)
    if options.grouping == "auto":  # the reader's own grouping
        groups = [(h.key, h.rows) for h in sheet.households]
    else:
        groups = regroup(sheet.rows, options.grouping, sheet.mapping)
    for key, rows in groups:
        members = []
        for parsed in rows:
            checks.check(parsed)
            # Empty fields are left out: 80 000 rows of mostly empty columns add up.
            parsed.values = {k: v for k, v in parsed.values.items() if v is not None}
            plan = RowPlan(parsed.sheet_row, key, parsed.values, parsed.problems, parsed.cells)
            members.append(plans.setdefault(parsed.sheet_row, plan))
        code = key if not key.startswith("dòng ") else ""
        existing = known.codes.get(code) if code and not code.isdigit() else None
        households.append(HouseholdPlan(key, members, existing, code))
    for parsed in sheet.rows:  # rows without a name belong to no household but are reported
        if parsed.sheet_row not in plans:
            plans[parsed.sheet_row] = RowPlan(parsed.sheet_row, "", parsed.values,
                                              parsed.problems, parsed.cells)  # fmt: skip
    ordered = [plans[r.sheet_row] for r in sheet.rows]
    anyone = bool(known.by_cccd or known.by_name)  # an empty register has nobody to repeat
    for row in ordered:
        twin = None
        if row.problems:  # most rows have none
            if row.is_error:
                row.action = "error"
                continue
            twin = next((p for p in row.problems if p.kind == "duplicate"), None)
        if twin is not None:
            row.other_row = twin.other_row
            row.cccd_duplicate = twin.message.startswith("trùng số CCCD")
        elif anyone:
            mark_known(row, known, sheet.mapping)
        if row.existing_id is not None or row.other_row is not None:  # a duplicate
            row.action = _allowed(row, options.on_duplicate)
    problems = [p for row in ordered for p in row.problems]
    return ImportPlan(
        str(path), sheet.file, sheet.sheet, sheet.sheets, sheet.header_row, sheet.first_data_row,
        sheet.mapping, options.grouping, ordered, households, problems,
    )  # fmt: skip


def _mapping_under(path: str | Path, sheet: str | None, header_row: int,
                   columns: dict[str, int]) -> ColumnMapping:  # fmt: skip
    """The user's columns with the header texts of the row they chose (for messages)."""
    unknown = sorted(set(columns) - set(FIELD_LABELS))
    if unknown:
        raise ServiceError(f"Trường không có: {', '.join(unknown)}.")
    preview = preview_sheet(path, sheet)
    if preview.match is not None and preview.match.header_row == header_row:
        headers = preview.match.mapping.headers
    elif header_row - 1 < len(preview.rows):
        headers = tuple("" if c is None else str(c) for c in preview.rows[header_row - 1])
    else:
        headers = ()
    return ColumnMapping(dict(columns), headers)


def write_rejected_rows(plan: ImportPlan, out: str | Path) -> int:
    """The refused rows, under the sheet's own headers plus an error column; returns the count."""
    rows = [r for r in plan.rows if r.is_error]
    missing = [r.sheet_row for r in rows if not r.cells]
    if missing:
        try:
            found = read_source_rows(plan.path, plan.sheet, missing)
        except SpreadsheetError as exc:
            raise _service_error(exc) from None
        for row in rows:
            if not row.cells:
                row.cells = tuple(found.get(row.sheet_row, ()))
    try:
        return write_rejected(out, [(r.cells, r.problem_text) for r in rows], plan.headers)
    except OSError as exc:
        raise ServiceError(f"Không ghi được tệp «{Path(out).name}»: {exc.strerror}.") from None


def relation_of(values: dict[str, object]) -> Relation:
    relation = values.get("relation")
    if isinstance(relation, Relation):
        return relation
    return Relation.HEAD if values.get("is_head") else Relation.OTHER
