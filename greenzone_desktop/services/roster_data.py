"""What the roster service reads and writes: shifts generated from a checkpoint's pattern, the
assignments and staff of a period as the solver's plain values, and issues with checkpoint names.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from greenzone_desktop.models import (
    Assignment,
    AuditEntry,
    Checkpoint,
    Shift,
    ShiftPattern,
    Staff,
    Unavailability,
)
from greenzone_desktop.models.base import new_id, utcnow
from greenzone_desktop.services import roster_solver as rs
from greenzone_desktop.services import shift_patterns as sp
from greenzone_desktop.services.checkpoints import register_doses
from greenzone_desktop.services.errors import ServiceError

DAY = timedelta(days=1)


def monday(day: date) -> date:
    """The Monday of `day`'s week: rosters run Monday to Sunday (ISO weeks)."""
    return day - timedelta(days=day.weekday())


def at(day: date) -> datetime:
    return datetime.combine(day, time())


@dataclass(frozen=True)
class Issue:
    """A broken rule or an understaffed shift, with a Vietnamese reason."""

    shift_id: str
    staff_id: str | None
    kind: str  # roster_solver.ConflictKind values
    message: str
    checkpoint_id: str = ""
    checkpoint_name: str = ""

    @property
    def understaffed(self) -> bool:
        return self.kind == rs.ConflictKind.UNDERSTAFFED


@dataclass
class Period:
    """Every live shift touching a time span (all checkpoints), its assignments and the staff."""

    shifts: list[sp.ShiftSlot]
    assignments: list[tuple[str, str]]
    locked: set[tuple[str, str]]
    staff: list[rs.Staff]  # live staff, active first (the solver's order); inactive ones after
    active: set[str]
    names: dict[str, str]  # checkpoint id -> name
    by_id: dict[str, sp.ShiftSlot] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {s.id: s for s in self.shifts}

    @property
    def staff_names(self) -> dict[Hashable, str]:
        return {p.id: p.name for p in self.staff}

    @property
    def active_staff(self) -> list[rs.Staff]:
        return [p for p in self.staff if p.id in self.active]


def slot_of(row: Shift) -> sp.ShiftSlot:
    return sp.ShiftSlot(row.id, row.checkpoint_id, row.starts_at, row.ends_at, row.min_staff,
                        f"{row.starts_at:%H:%M}–{row.ends_at:%H:%M}")


def load_period(s: Session, start: datetime, end: datetime) -> Period:
    """Shifts overlapping [start, end), their assignments, and the staff with their windows."""
    rows = s.execute(select(Shift.id, Shift.checkpoint_id, Shift.starts_at, Shift.ends_at,
                            Shift.min_staff)
                     .where(Shift.deleted.is_(False), Shift.starts_at < end, Shift.ends_at > start))
    shifts = sorted((sp.ShiftSlot(sid, cid, a, b, n, f"{a:%H:%M}–{b:%H:%M}")
                     for sid, cid, a, b, n in rows), key=lambda x: (x.start, x.end, x.id))
    ids = [x.id for x in shifts]
    assignments: list[tuple[str, str]] = []
    locked: set[tuple[str, str]] = set()
    for chunk in range(0, len(ids), 500):
        for sid, pid, lock in s.execute(
                select(Assignment.shift_id, Assignment.staff_id, Assignment.locked)
                .where(Assignment.deleted.is_(False),
                       Assignment.shift_id.in_(ids[chunk:chunk + 500]))):
            assignments.append((sid, pid))
            if lock:
                locked.add((sid, pid))
    people = s.scalars(select(Staff).where(Staff.deleted.is_(False))
                       .order_by(Staff.active.desc(), Staff.sort_key, Staff.id)).all()
    doses = register_doses(s, [p.person_id for p in people if p.person_id])
    windows: dict[str, list[tuple[datetime, datetime]]] = {}
    for u in s.scalars(select(Unavailability).where(
            Unavailability.deleted.is_(False), Unavailability.starts_at < end,
            Unavailability.ends_at > start)):
        windows.setdefault(u.staff_id, []).append((u.starts_at, u.ends_at))
    staff = [rs.Staff(p.id, p.full_name, max(p.doses, doses.get(p.person_id or "", 0)),
                      p.max_hours_week, tuple(sorted(windows.get(p.id, ()))), p.organisation)
             for p in people]
    names = dict(s.execute(select(Checkpoint.id, Checkpoint.name)).tuples().all())
    return Period(shifts, assignments, locked, staff, {p.id for p in people if p.active}, names)


def issues_of(conflicts: Iterable[rs.Conflict], period: Period) -> list[Issue]:
    out = []
    for c in conflicts:
        shift = period.by_id.get(c.shift_id)
        cid = str(shift.checkpoint_id) if shift else ""
        out.append(Issue(c.shift_id, None if c.staff_id is None else str(c.staff_id),
                         str(c.kind), c.message, cid, period.names.get(cid, "")))
    return out


def short_names(names: dict[str, str]) -> dict[Hashable, str]:
    """Checkpoint names for messages that say "tại chốt …": "Chốt số 2" → "số 2"."""
    out: dict[Hashable, str] = {}
    for cid, name in names.items():
        head, _, rest = name.partition(" ")
        out[cid] = rest if head.lower() == "chốt" and rest else name
    return out


def validate_period(period: Period, rules: rs.Rules) -> list[Issue]:
    conflicts = rs.validate(period.assignments, period.shifts, period.staff, rules,
                            checkpoint_names=short_names(period.names))
    return issues_of(conflicts, period)


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date | datetime | time) else value


def insert_rows(s: Session, model: type, rows: list[dict]) -> list[str]:
    """Insert many new rows in one statement, stamped and audited as a flush would do it.

    A month's roster is about 750 shifts and 1 500 assignments: one by one through the ORM's
    flush hook that is seconds; as one executemany it is a few hundredths.
    """
    if not rows:
        return []
    now, actor = utcnow(), s.info.get("actor", "")
    origin = s.info.get("origin", "")
    full, audit = [], []
    for values in rows:
        row = {**values, "id": new_id(), "created_at": now, "updated_at": now, "version": 1,
               "origin": origin, "deleted": False}
        full.append(row)
        if not s.info.get("raw"):
            changes = {k: [None, _plain(v)] for k, v in values.items() if v not in (None, "")}
            changes["deleted"] = [None, False]
            audit.append({"id": new_id(), "at": now, "actor": actor,
                          "unit_id": values.get("unit_id"), "table_name": model.__tablename__,
                          "row_id": row["id"], "action": "create", "changes": changes})
    conn = s.connection()
    conn.execute(insert(model.__table__), full)
    if audit:
        conn.execute(insert(AuditEntry.__table__), audit)
    return [r["id"] for r in full]


def insert_assignments(s: Session, unit_id: str | None, rows: Iterable[tuple[str, str]],
                       *, locked: bool) -> int:
    values = [{"unit_id": unit_id, "shift_id": sid, "staff_id": pid, "locked": locked}
              for sid, pid in rows]
    return len(insert_rows(s, Assignment, values))


# -- generating shifts ------------------------------------------------------------------------

def _pattern(s: Session, cp: Checkpoint) -> sp.ShiftPattern:
    row = s.get(ShiftPattern, cp.pattern_id) if cp.pattern_id else None
    if row is None or row.deleted:
        raise ServiceError(f"{cp.name} chưa chọn mẫu ca trực: hãy chọn mẫu ca ở trang "
                           "«Chốt kiểm soát».")
    return sp.ShiftPattern.from_json(row.name, row.slots)


def expected_shifts(s: Session, cp: Checkpoint, first: date, days: int) -> list[sp.ShiftSlot]:
    """The shifts `cp`'s pattern asks for on `days` days from `first`, within its active dates."""
    opening = (cp.opens_at, cp.closes_at) if cp.opens_at and cp.closes_at else None
    slots = sp.generate_shifts(cp.id, _pattern(s, cp), first, days, cp.min_staff, opening)
    return [x for x in slots
            if (cp.active_from is None or cp.active_from <= x.start.date())
            and (cp.active_to is None or x.start.date() <= cp.active_to)]


def generate_shifts(s: Session, unit_id: str | None, checkpoints: Iterable[Checkpoint],
                    first: date, days: int) -> int:
    """Create the missing shifts of the checkpoints (those with a pattern) for `days` days from
    `first`, in one statement; returns how many."""
    rows = [r for cp in checkpoints if cp.pattern_id for r in plan_shifts(s, unit_id, cp, first, days)]
    s.flush()
    return len(insert_rows(s, Shift, rows))


def plan_shifts(s: Session, unit_id: str | None, cp: Checkpoint, first: date,
                days: int) -> list[dict]:
    """The missing shifts of `cp` for `days` days from `first`, as rows to insert.

    Shifts of the span that the pattern no longer asks for are removed when nobody stands them
    (the pattern changed); staffed ones stay and are shown as they are.
    """
    wanted = expected_shifts(s, cp, first, days)
    start, end = at(first), at(first + timedelta(days=days))
    have = s.scalars(select(Shift).where(Shift.checkpoint_id == cp.id, Shift.deleted.is_(False),
                                         Shift.starts_at >= start, Shift.starts_at < end)).all()
    keys = {(x.start, x.end) for x in wanted}
    existing = {(r.starts_at, r.ends_at): r for r in have}
    staffed = set()
    stale = [r for r in have if (r.starts_at, r.ends_at) not in keys]
    if stale:
        staffed = set(s.scalars(select(Assignment.shift_id).where(
            Assignment.deleted.is_(False), Assignment.shift_id.in_([r.id for r in stale]))))
    for r in stale:
        if r.id not in staffed:
            r.deleted = True
    new = []
    for x in wanted:
        row = existing.get((x.start, x.end))
        if row is None:
            new.append({"unit_id": unit_id, "checkpoint_id": cp.id, "starts_at": x.start,
                        "ends_at": x.end, "min_staff": cp.min_staff})
        elif row.min_staff != cp.min_staff:
            row.min_staff = cp.min_staff
    return new


def live_checkpoints(s: Session, ids: Iterable[str] | None, first: date,
                     last: date) -> list[Checkpoint]:
    """Live checkpoints (all, or those in `ids`) active on some day of [first, last]."""
    stmt = select(Checkpoint).where(Checkpoint.deleted.is_(False))
    if ids is not None:
        stmt = stmt.where(Checkpoint.id.in_(list(ids)))
    return [c for c in s.scalars(stmt)
            if (c.active_from is None or c.active_from <= last)
            and (c.active_to is None or c.active_to >= first)]
