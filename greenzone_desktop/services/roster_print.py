"""Printing the duty roster: a week's shifts and assignments read from the database as the
printing layer's plain data (one sheet per checkpoint, one slip per person), then the PDF.

A checkpoint with no shifts planned for the week prints its shift pattern with empty cells: a
blank roster to fill in by hand is still what many villages want on the wall.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import and_, or_, select

from greenzone_desktop.models import Assignment, Checkpoint, Shift, Staff
from greenzone_desktop.models import ShiftPattern as PatternRow
from greenzone_desktop.models.db import Database
from greenzone_desktop.printing.data import CancelledFn, PrintSummary, ProgressFn
from greenzone_desktop.printing.duty_slip import write_duty_slips
from greenzone_desktop.printing.roster_doc import (
    Duty,
    DutyPerson,
    DutySlip,
    RosterCell,
    RosterSheet,
    write_roster,
)
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.print_unit import phone_text, print_rules, unit_info
from greenzone_desktop.services.settings import all_settings
from greenzone_desktop.services.shift_patterns import (
    THREE_BY_EIGHT,
    ShiftPattern,
    generate_shifts,
)
from greenzone_desktop.text import fold
from greenzone_desktop.vocab import CheckpointKind

WEEK = timedelta(days=7)


def parse_week(text: str) -> date:
    """The first day of a week from "YYYY-MM-DD" (the CLI) or "dd/mm/yyyy"."""
    raw = (text or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ServiceError(f"Ngày đầu tuần «{raw}» không hợp lệ; viết dạng 2021-09-13 hoặc "
                       "13/09/2021.", field="week")


def name_order(name: str) -> str:
    """Sort key of a checkpoint name: accent-folded, numbers by value ("Chốt số 2" before
    "Chốt số 10", "Chốt Đồng Đầm" among the D's)."""
    return re.sub(r"\d+", lambda m: m.group().zfill(6), fold(name or ""))


def _slot_label(start: datetime, end: datetime) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def _hours_text(cp: Checkpoint) -> str:
    if cp.opens_at is None or cp.closes_at is None:
        return "24/24 giờ"
    return f"từ {cp.opens_at:%H:%M} đến {cp.closes_at:%H:%M}"


def _active_in(week_start: date):  # noqa: ANN202 - SQLAlchemy clause
    end = week_start + timedelta(days=6)
    return and_(Checkpoint.deleted.is_(False),
                or_(Checkpoint.active_from.is_(None), Checkpoint.active_from <= end),
                or_(Checkpoint.active_to.is_(None), Checkpoint.active_to >= week_start))


def _pattern_of(cp: Checkpoint, patterns: dict[str, PatternRow]) -> ShiftPattern:
    row = patterns.get(cp.pattern_id or "")
    if row is None:
        return THREE_BY_EIGHT
    try:
        return ShiftPattern.from_json(row.name, row.slots)
    except (ValueError, TypeError):
        return THREE_BY_EIGHT


def _week_rows(db: Database, week_start: date, checkpoint_ids: list[str] | None):  # noqa: ANN202
    """Checkpoints, patterns, the week's shifts and who stands each (staff rows by id)."""
    start = datetime.combine(week_start, time())
    with db.session() as s:
        where = _active_in(week_start)
        if checkpoint_ids is not None:
            where = and_(Checkpoint.deleted.is_(False), Checkpoint.id.in_(checkpoint_ids))
        cps = sorted(s.scalars(select(Checkpoint).where(where)), key=lambda c: name_order(c.name))
        ids = [c.id for c in cps]
        patterns = {p.id: p for p in s.scalars(select(PatternRow))}
        shifts = list(s.scalars(select(Shift).where(
            Shift.deleted.is_(False), Shift.checkpoint_id.in_(ids), Shift.starts_at >= start,
            Shift.starts_at < start + WEEK).order_by(Shift.starts_at, Shift.ends_at)))
        by_shift: dict[str, list[Staff]] = defaultdict(list)
        for shift_id, staff in s.execute(
                select(Assignment.shift_id, Staff).join(Staff, Staff.id == Assignment.staff_id)
                .where(Assignment.deleted.is_(False), Staff.deleted.is_(False),
                       Assignment.shift_id.in_([x.id for x in shifts]))
                .order_by(Staff.sort_key)):
            by_shift[shift_id].append(staff)
        s.expunge_all()
    return cps, patterns, shifts, by_shift


def _person(st: Staff) -> DutyPerson:
    return DutyPerson(st.full_name, phone_text(st.phone), st.organisation or "")


def _sheet(cp: Checkpoint, week_start: date, shifts: list[Shift],
           by_shift: dict[str, list[Staff]], pattern: ShiftPattern) -> RosterSheet:
    kind = CheckpointKind(cp.kind).label.lower() if cp.kind in CheckpointKind.codes() else ""
    sheet = RosterSheet(checkpoint=cp.name, week_start=week_start, slots=[], cells=[],
                        location=cp.location or "", kind=kind, phone=phone_text(cp.phone),
                        hours=_hours_text(cp), min_staff=cp.min_staff or 0)
    if shifts:
        cells = {(_slot_label(x.starts_at, x.ends_at), (x.starts_at.date() - week_start).days):
                 RosterCell(tuple(_person(p) for p in by_shift.get(x.id, [])),
                            max(0, x.min_staff - len(by_shift.get(x.id, []))))
                 for x in shifts}
    else:
        opening = (cp.opens_at, cp.closes_at) if cp.opens_at and cp.closes_at else None
        generated = generate_shifts(cp.id, pattern, week_start, opening=opening)
        cells = {(_slot_label(g.start, g.end), (g.start.date() - week_start).days):
                 RosterCell() for g in generated}
        sheet.blank = True
    labels = sorted({label for label, _ in cells}, key=lambda t: (t[:5], t))
    sheet.slots = labels
    sheet.cells = [[cells.get((label, d)) for d in range(7)] for label in labels]
    return sheet


def roster_sheets(db: Database, week_start: date,
                  checkpoint_ids: list[str] | None = None) -> list[RosterSheet]:
    """The week from `week_start` (7 days) of every checkpoint active in it, or of the
    checkpoints `checkpoint_ids`, in name order."""
    cps, patterns, shifts, by_shift = _week_rows(db, week_start, checkpoint_ids)
    per_cp: dict[str, list[Shift]] = defaultdict(list)
    for x in shifts:
        per_cp[x.checkpoint_id].append(x)
    return [_sheet(cp, week_start, per_cp.get(cp.id, []), by_shift, _pattern_of(cp, patterns))
            for cp in cps]


def duty_slips(db: Database, week_start: date,
               checkpoint_ids: list[str] | None = None) -> list[DutySlip]:
    """One slip per person on duty in the week, in the official name order."""
    cps, _, shifts, by_shift = _week_rows(db, week_start, checkpoint_ids)
    names = {c.id: c for c in cps}
    slips: dict[str, DutySlip] = {}
    order: dict[str, str] = {}
    for x in shifts:
        people = by_shift.get(x.id, [])
        cp = names[x.checkpoint_id]
        for p in people:
            slip = slips.setdefault(p.id, DutySlip(p.full_name, week_start, phone_text(p.phone),
                                                   p.organisation or ""))
            order[p.id] = p.sort_key or p.full_name
            slip.duties.append(Duty(
                x.starts_at.date(), _slot_label(x.starts_at, x.ends_at), cp.name,
                cp.location or "", phone_text(cp.phone),
                tuple(o.full_name for o in people if o.id != p.id),
                (x.ends_at - x.starts_at).total_seconds() / 3600))
    return [slips[k] for k in sorted(slips, key=lambda k: order[k])]


def check_out_path(out: str | os.PathLike[str], suffix: str) -> Path:
    path = Path(out)
    if path.suffix.lower() != suffix:
        raise ServiceError(f"Tệp phải có đuôi {suffix}: «{path}».", field="out")
    if not path.parent.exists():
        raise ServiceError(f"Không có thư mục «{path.parent}» để lưu tệp.", field="out")
    return path


def print_roster(db: Database, week_start: date, out: str | os.PathLike[str], *,
                 slips: bool = False, checkpoint_ids: list[str] | None = None,
                 today: date | None = None, progress: ProgressFn | None = None,
                 cancelled: CancelledFn | None = None) -> PrintSummary:
    """The roster (one landscape page per checkpoint) or, with `slips`, every person's duty
    slip, for the week from `week_start`."""
    path = check_out_path(out, ".pdf")
    settings = all_settings(db)
    unit = unit_info(db, settings=settings)
    if slips:
        items = duty_slips(db, week_start, checkpoint_ids)
        if not items:
            raise ServiceError(f"Chưa có ai được phân công trực trong tuần từ ngày "
                               f"{week_start:%d/%m/%Y}: không có phiếu nào để in.", field="week")
        return write_duty_slips(path, items, unit, progress=progress, cancelled=cancelled)
    sheets = roster_sheets(db, week_start, checkpoint_ids)
    if not sheets:
        raise ServiceError(f"Không có chốt kiểm soát nào hoạt động trong tuần từ ngày "
                           f"{week_start:%d/%m/%Y}.", field="week")
    when = print_rules(db, settings=settings, today=today).document_date
    return write_roster(path, sheets, unit, when=when, progress=progress, cancelled=cancelled)
