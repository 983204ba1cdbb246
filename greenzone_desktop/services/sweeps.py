"""Sweeps (đợt rà soát): rounds in which every household is to be visited, with progress and
the list of households not yet visited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from greenzone_desktop.models import Household, Inspection, Sweep
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import NotFoundError, ValidationError
from greenzone_desktop.text import nfc
from greenzone_desktop.vocab import InspectionKind

CHANGED = Changes(inspections=True)


@dataclass(frozen=True)
class SweepView:
    id: str
    name: str
    started_on: date
    ended_on: date | None
    notes: str
    visited: int
    total: int

    @property
    def percent(self) -> float:
        return round(100 * self.visited / self.total, 1) if self.total else 0.0

    @property
    def closed(self) -> bool:
        return self.ended_on is not None


@dataclass(frozen=True)
class HouseholdLine:
    id: str
    code: str
    head_name: str
    address: str
    area: str


def _visited_ids(sweep_id: str):  # noqa: ANN202 - SQLAlchemy select
    return select(Inspection.household_id).where(
        Inspection.sweep_id == sweep_id, Inspection.deleted.is_(False),
        Inspection.kind == InspectionKind.HOUSEHOLD.value)


def create_sweep(db: Database, name: str, started_on: date | None, notes: str = "") -> str:
    errors: dict[str, str] = {}
    name = nfc(name) or ""
    if not name:
        errors["name"] = "Chưa nhập tên đợt rà soát."
    if started_on is None:
        errors["started_on"] = "Chưa nhập ngày bắt đầu đợt rà soát."
    if errors:
        raise ValidationError(errors)
    with db.session() as s:
        sw = Sweep(unit_id=db.home_unit_id, name=name, started_on=started_on,
                   notes=nfc(notes) or "")
        s.add(sw)
        s.flush()
        return sw.id


def close_sweep(db: Database, sweep_id: str, ended_on: date | None) -> Changes:
    """End a sweep on `ended_on` (None reopens it)."""
    with db.session() as s:
        sw = s.get(Sweep, sweep_id)
        if sw is None or sw.deleted:
            raise NotFoundError("Không tìm thấy đợt rà soát này.")
        if ended_on is not None and ended_on < sw.started_on:
            raise ValidationError({"ended_on": "Ngày kết thúc không thể trước ngày bắt đầu "
                                   f"({sw.started_on:%d/%m/%Y})."})
        sw.ended_on = ended_on
    return CHANGED


def delete_sweep(db: Database, sweep_id: str) -> Changes:
    """Soft-delete a sweep; its inspections stay (as inspections outside any sweep)."""
    with db.session() as s:
        sw = s.get(Sweep, sweep_id)
        if sw is None or sw.deleted:
            raise NotFoundError("Không tìm thấy đợt rà soát này.")
        sw.deleted = True
    return CHANGED


def list_sweeps(db: Database) -> list[SweepView]:
    """Sweeps, newest first, with how many households have been visited."""
    with db.session() as s:
        total = s.scalar(select(func.count()).select_from(Household)
                         .where(Household.deleted.is_(False))) or 0
        visited = dict(s.execute(
            select(Inspection.sweep_id, func.count(func.distinct(Inspection.household_id)))
            .join(Household, Household.id == Inspection.household_id)
            .where(Inspection.deleted.is_(False), Inspection.sweep_id.is_not(None),
                   Household.deleted.is_(False))
            .group_by(Inspection.sweep_id)).all())
        rows = s.scalars(select(Sweep).where(Sweep.deleted.is_(False))
                         .order_by(Sweep.started_on.desc(), Sweep.created_at.desc())).all()
        return [SweepView(w.id, w.name, w.started_on, w.ended_on, w.notes,
                          visited.get(w.id, 0), total) for w in rows]


def get_sweep(db: Database, sweep_id: str) -> SweepView:
    for sw in list_sweeps(db):
        if sw.id == sweep_id:
            return sw
    raise NotFoundError("Không tìm thấy đợt rà soát này (có thể đã bị xóa).")


def active_sweep(db: Database) -> SweepView | None:
    """The newest sweep still running (no end date), if any."""
    return next((sw for sw in list_sweeps(db) if not sw.closed), None)


def not_visited_ids(db: Database, sweep_id: str) -> list[str]:
    """Households the sweep has not visited yet, in code order."""
    with db.session() as s:
        return list(s.scalars(select(Household.id).where(
            Household.deleted.is_(False), Household.id.not_in(_visited_ids(sweep_id)))
            .order_by(Household.code)))


def household_lines(db: Database, ids: Sequence[str]) -> dict[str, HouseholdLine]:
    """Code, head, address and area of the given households (for lists fetched lazily)."""
    out: dict[str, HouseholdLine] = {}
    with db.session() as s:
        for start in range(0, len(ids), 500):
            for row in s.execute(select(Household.id, Household.code, Household.head_name,
                                        Household.address, Household.area)
                                 .where(Household.id.in_(ids[start:start + 500]))):
                out[row[0]] = HouseholdLine(*row)
    return out
