"""Zones (khu phong tỏa / cách ly y tế): households inside, last F0, proposed lifting date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from greenzone_desktop.models import HealthStatus, Household, Person, Zone, ZoneHousehold
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import NotFoundError, ServiceError, ValidationError
from greenzone_desktop.services.settings import get_setting
from greenzone_desktop.text import TextError, fold, format_date, nfc, parse_date
from greenzone_desktop.vocab import ZoneKind


@dataclass
class ZoneInput:
    name: str
    started_on: date | str | None
    kind: str = ZoneKind.LOCKDOWN.value
    last_f0_on: date | str | None = None
    lifted_on: date | str | None = None
    notes: str = ""


@dataclass(frozen=True)
class ZoneView:
    id: str
    name: str
    kind: str
    started_on: date
    last_f0_on: date | None
    lifted_on: date | None
    notes: str
    households: int
    persons: int
    days_since_f0: int | None  # days since the last F0 (or since the start when none)
    proposed_lift: date | None  # last F0 (or start) + the rule's days; None once lifted

    @property
    def kind_label(self) -> str:
        return ZoneKind(self.kind).label


@dataclass(frozen=True)
class ZoneHouseholdRow:
    household_id: str
    code: str
    head_name: str
    address: str
    area: str


def lift_days(db: Database) -> int:
    try:
        return int(get_setting(db, "zone_lift_days"))
    except (TypeError, ValueError) as exc:
        raise ServiceError("Quy định «zone_lift_days» (số ngày gỡ phong tỏa) không hợp lệ.") from exc


def proposed_lift_date(last_f0_on: date | None, started_on: date, days: int) -> date:
    """Lifting is proposed `days` after the last F0 (after the start while there is none)."""
    return (last_f0_on or started_on) + timedelta(days=days)


def _clean(z: ZoneInput) -> dict:
    errors: dict[str, str] = {}
    name = nfc(z.name) or ""
    if not name:
        errors["name"] = "Tên khu không được để trống."
    kind = ZoneKind.from_label(z.kind or "")
    if kind is None:
        errors["kind"] = f"Loại khu «{z.kind}» không hợp lệ."
    dates: dict[str, date | None] = {}
    for key, value, label in (("started_on", z.started_on, "Ngày bắt đầu"),
                              ("last_f0_on", z.last_f0_on, "Ngày có F0 cuối cùng"),
                              ("lifted_on", z.lifted_on, "Ngày gỡ phong tỏa")):
        try:
            dates[key] = parse_date(value, field=label)
        except TextError as exc:
            errors[key] = str(exc)
            dates[key] = None
    start = dates["started_on"]
    if start is None and "started_on" not in errors:
        errors["started_on"] = "Chưa nhập ngày bắt đầu phong tỏa."
    if start and dates["lifted_on"] and dates["lifted_on"] < start:
        errors["lifted_on"] = (f"Ngày gỡ {format_date(dates['lifted_on'])} trước ngày bắt đầu "
                               f"{format_date(start)}.")
    if start and dates["last_f0_on"] and dates["last_f0_on"] < start:
        errors["last_f0_on"] = (f"Ngày có F0 cuối cùng {format_date(dates['last_f0_on'])} trước "
                                f"ngày bắt đầu {format_date(start)}: ghi ngày bắt đầu là ngày "
                                "phong tỏa, F0 trước đó không tính.")
    if errors:
        raise ValidationError(errors)
    assert kind is not None
    return {"name": name, "kind": kind.value, "notes": nfc(z.notes) or "", **dates}


def _zone(s: Session, zone_id: str) -> Zone:
    z = s.get(Zone, zone_id)
    if z is None or z.deleted:
        raise NotFoundError("Không tìm thấy khu này (có thể đã bị xóa).")
    return z


def create_zone(db: Database, zone: ZoneInput, household_ids: list[str] | None = None) -> str:
    values = _clean(zone)
    with db.session() as s:
        z = Zone(unit_id=db.home_unit_id, **values)
        s.add(z)
        s.flush()
        _set_households(s, z, household_ids or [])
        _refresh_last_f0(s, z)
        return z.id


def update_zone(db: Database, zone_id: str, zone: ZoneInput) -> Changes:
    values = _clean(zone)
    with db.session() as s:
        z = _zone(s, zone_id)
        for k, v in values.items():
            setattr(z, k, v)
    return Changes(health=True)


def lift_zone(db: Database, zone_id: str, on: date | str) -> Changes:
    try:
        day = parse_date(on, field="Ngày gỡ phong tỏa")
    except TextError as exc:
        raise ValidationError({"lifted_on": str(exc)}) from None
    with db.session() as s:
        z = _zone(s, zone_id)
        if day is None or day < z.started_on:
            raise ValidationError({"lifted_on": "Ngày gỡ phong tỏa phải từ ngày bắt đầu "
                                                f"{format_date(z.started_on)} trở đi."})
        z.lifted_on = day
    return Changes(health=True)


def delete_zone(db: Database, zone_id: str) -> Changes:
    with db.session() as s:
        _zone(s, zone_id).deleted = True
    return Changes(health=True)


def _set_households(s: Session, z: Zone, household_ids: list[str]) -> None:
    wanted = set(household_ids)
    current = {zh.household_id: zh for zh in s.scalars(select(ZoneHousehold).where(
        ZoneHousehold.zone_id == z.id))}
    for hid, zh in current.items():
        keep = hid in wanted
        if zh.deleted == keep:
            zh.deleted = not keep
    for hid in wanted - set(current):
        s.add(ZoneHousehold(unit_id=z.unit_id, zone_id=z.id, household_id=hid))


def _refresh_last_f0(s: Session, z: Zone) -> None:
    """Move the last-F0 date to the latest F0 recorded in the zone's households since its start."""
    s.flush()
    latest = s.scalar(select(func.max(HealthStatus.start_date))
                      .join(Person, Person.id == HealthStatus.person_id)
                      .join(ZoneHousehold, ZoneHousehold.household_id == Person.household_id)
                      .where(ZoneHousehold.zone_id == z.id, ZoneHousehold.deleted.is_(False),
                             HealthStatus.deleted.is_(False), HealthStatus.kind == "F0",
                             Person.deleted.is_(False), HealthStatus.start_date >= z.started_on))
    if latest is not None and (z.last_f0_on is None or latest > z.last_f0_on):
        z.last_f0_on = latest


def set_zone_households(db: Database, zone_id: str, household_ids: list[str]) -> Changes:
    """The households inside the zone become exactly `household_ids`."""
    with db.session() as s:
        z = _zone(s, zone_id)
        _set_households(s, z, household_ids)
        _refresh_last_f0(s, z)
    return Changes(health=True)


def households_by_codes(db: Database, text: str) -> tuple[list[str], list[str]]:
    """Household ids for codes typed or pasted (comma, space or line separated); unknown codes."""
    codes = [c for c in text.replace(",", " ").replace(";", " ").split() if c]
    if not codes:
        return [], []
    with db.session() as s:
        found = dict(s.execute(select(func.upper(Household.code), Household.id).where(
            Household.deleted.is_(False), func.upper(Household.code).in_([c.upper() for c in codes]))
        ).all())
    return ([found[c.upper()] for c in codes if c.upper() in found],
            [c for c in codes if c.upper() not in found])


def households_in_area(db: Database, area: str) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(Household.id).where(
            Household.deleted.is_(False), Household.area == area)))


def zone_households(db: Database, zone_id: str) -> list[ZoneHouseholdRow]:
    with db.session() as s:
        rows = s.execute(select(Household.id, Household.code, Household.head_name,
                                Household.address, Household.area)
                         .join(ZoneHousehold, ZoneHousehold.household_id == Household.id)
                         .where(ZoneHousehold.zone_id == zone_id, ZoneHousehold.deleted.is_(False),
                                Household.deleted.is_(False))
                         .order_by(Household.area, Household.code)).all()
    return [ZoneHouseholdRow(*r) for r in rows]


def list_zones(db: Database, today: date | None = None, *, query: str = "") -> list[ZoneView]:
    """Every zone, running ones first, with its counts and proposed lifting date."""
    today = today or date.today()
    days = lift_days(db)
    with db.session() as s:
        hh = dict(s.execute(select(ZoneHousehold.zone_id, func.count())
                            .join(Household, Household.id == ZoneHousehold.household_id)
                            .where(ZoneHousehold.deleted.is_(False), Household.deleted.is_(False))
                            .group_by(ZoneHousehold.zone_id)).all())
        pp = dict(s.execute(select(ZoneHousehold.zone_id, func.count())
                            .join(Person, Person.household_id == ZoneHousehold.household_id)
                            .where(ZoneHousehold.deleted.is_(False), Person.deleted.is_(False))
                            .group_by(ZoneHousehold.zone_id)).all())
        zones = list(s.scalars(select(Zone).where(Zone.deleted.is_(False))))
    out = []
    key = fold(query)
    for z in zones:
        if key and key not in fold(z.name):
            continue
        ref = z.last_f0_on or z.started_on
        out.append(ZoneView(
            z.id, z.name, z.kind, z.started_on, z.last_f0_on, z.lifted_on, z.notes,
            hh.get(z.id, 0), pp.get(z.id, 0), (today - ref).days if z.lifted_on is None else None,
            None if z.lifted_on else proposed_lift_date(z.last_f0_on, z.started_on, days)))
    out.sort(key=lambda v: (v.lifted_on is not None, -v.started_on.toordinal(), v.name))
    return out


def get_zone(db: Database, zone_id: str, today: date | None = None) -> ZoneView:
    for z in list_zones(db, today):
        if z.id == zone_id:
            return z
    raise NotFoundError("Không tìm thấy khu này (có thể đã bị xóa).")
