"""The week's duty roster as an Excel workbook: one list of every duty (to sort and filter),
then one sheet per checkpoint laid out like the printed roster (shifts × days)."""

from __future__ import annotations

import os
from datetime import date

from greenzone_desktop.exchange.excel_writer import Column, ReportTable, write_workbook
from greenzone_desktop.models.db import Database
from greenzone_desktop.printing.data import CancelledFn, ProgressFn
from greenzone_desktop.printing.roster_doc import (
    NO_SHIFT,
    RosterCell,
    RosterSheet,
    week_text,
    weekday_name,
)
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.print_unit import unit_info
from greenzone_desktop.services.roster_print import check_out_path, roster_sheets

LIST_COLUMNS = (
    Column("day", "Ngày", "date"),
    Column("weekday", "Thứ"),
    Column("checkpoint", "Chốt"),
    Column("time", "Giờ trực"),
    Column("name", "Họ và tên"),
    Column("phone", "Điện thoại", "id"),
    Column("organisation", "Đơn vị"),
    Column("note", "Ghi chú"),
)


def _list_rows(sheets: list[RosterSheet]) -> list[list[object]]:
    rows: list[list[object]] = []
    for sheet in sheets:
        for d, day in enumerate(sheet.days):
            for i, slot in enumerate(sheet.slots):
                cell = sheet.cells[i][d]
                if cell is None:
                    continue
                for p in cell.people:
                    rows.append([day, weekday_name(day), sheet.checkpoint, slot, p.name, p.phone,
                                 p.organisation, ""])
                if cell.missing and not sheet.blank:
                    rows.append([day, weekday_name(day), sheet.checkpoint, slot, "", "", "",
                                 f"Thiếu {cell.missing} người"])
    rows.sort(key=lambda r: (r[0], r[3][:5], r[2]))
    return rows


def _cell_text(cell: RosterCell | None, blank: bool) -> str:
    if cell is None:
        return NO_SHIFT
    lines = [f"{p.name} ({p.phone})" if p.phone else p.name for p in cell.people]
    if cell.missing and not blank:
        lines.append(f"Thiếu {cell.missing} người")
    return "\n".join(lines)


def _grid_table(sheet: RosterSheet, units: list[str], when: date | None) -> ReportTable:
    columns = [Column("slot", "Ca trực", width=14)] + [
        Column(f"d{i}", f"{weekday_name(d)} {d:%d/%m}", width=30) for i, d in enumerate(sheet.days)]
    rows = [[f"Ca {i + 1}: {slot}"] + [_cell_text(c, sheet.blank) for c in sheet.cells[i]]
            for i, slot in enumerate(sheet.slots)]
    return ReportTable(title=f"Lịch trực {sheet.checkpoint}", columns=columns, rows=rows,
                       unit_lines=units, date=when, subtitle=week_text(sheet.week_start),
                       sheet_name=sheet.checkpoint)


def export_roster_excel(db: Database, week_start: date, out: str | os.PathLike[str], *,
                        checkpoint_ids: list[str] | None = None, today: date | None = None,
                        progress: ProgressFn | None = None,
                        cancelled: CancelledFn | None = None) -> int:
    """Write the roster of the week from `week_start` as .xlsx; returns the number of duties
    (person × shift) listed."""
    path = check_out_path(out, ".xlsx")
    sheets = roster_sheets(db, week_start, checkpoint_ids)
    if not sheets:
        raise ServiceError(f"Không có chốt kiểm soát nào hoạt động trong tuần từ ngày "
                           f"{week_start:%d/%m/%Y}.", field="week")
    unit = unit_info(db)
    units = [u for u in (unit.parent_body, unit.issuing_body) if u]
    when = today or date.today()
    rows = _list_rows(sheets)
    tables = [ReportTable(title="Lịch trực chốt kiểm soát dịch COVID-19", columns=LIST_COLUMNS,
                          rows=rows, unit_lines=units, date=when,
                          subtitle=week_text(week_start), sheet_name="Danh sách ca trực")]
    tables += [_grid_table(s, units, when) for s in sheets]
    write_workbook(path, tables, progress=progress, cancelled=cancelled)
    return sum(1 for r in rows if r[4])
