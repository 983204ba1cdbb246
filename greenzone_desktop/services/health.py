"""Health-status periods (F0, F1, F2, quarantine) per person: add, edit, end, delete, list.

Rules: no two periods of the same kind overlap for one person; no end before the start; an F1's
source must have an F0 period (an F2's source an F1 period); the planned end is the start plus the
number of days set in the rules. A household is "đang cách ly tại nhà" while any member is in home
quarantine, and then needs a signed home-quarantine commitment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from greenzone_desktop.models import (
    Commitment,
    HealthStatus,
    Household,
    Person,
    Zone,
    ZoneHousehold,
)
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import NotFoundError, ServiceError, ValidationError
from greenzone_desktop.services.settings import all_settings
from greenzone_desktop.services.stats import active_health_clause
from greenzone_desktop.text import TextError, fold, format_birth, format_date, nfc, parse_date
from greenzone_desktop.vocab import CarePlace, HealthKind

HOME_QUARANTINE_LABEL = "đang cách ly tại nhà"

# Which places each kind accepts ("" = not said).
PLACES: dict[str, tuple[str, ...]] = {
    HealthKind.F0: (CarePlace.HOME, CarePlace.FACILITY),
    HealthKind.F1: ("", CarePlace.HOME, CarePlace.CENTRALISED),
    HealthKind.F2: ("", CarePlace.HOME, CarePlace.CENTRALISED),
    HealthKind.QUARANTINE: (CarePlace.HOME, CarePlace.CENTRALISED),
}
# The kind a source person must have been: F1 come from an F0, F2 from an F1.
SOURCE_KIND = {HealthKind.F1: HealthKind.F0, HealthKind.F2: HealthKind.F1}


@dataclass
class PeriodInput:
    """A period as typed (dates may be text: dd/mm/yyyy)."""

    kind: str
    start: date | str | None
    planned_end: date | str | None = None  # None: start + the rule's days
    end: date | str | None = None
    place: str = ""
    source_person_id: str | None = None
    zone_id: str | None = None
    notes: str = ""
    quarantine_place: str = ""  # for F0/F1/F2: also open a quarantine period at this place


@dataclass(frozen=True)
class PeriodView:
    id: str
    person_id: str
    full_name: str
    birth_text: str
    household_id: str
    household_code: str
    area: str
    kind: str
    start_date: date
    planned_end: date | None
    end_date: date | None
    place: str
    source_person_id: str | None
    source_name: str
    zone_id: str | None
    notes: str

    def active_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    @property
    def kind_label(self) -> str:
        return HealthKind(self.kind).label

    @property
    def place_label(self) -> str:
        return CarePlace(self.place).label if self.place else ""


@dataclass(frozen=True)
class QuarantineHousehold:
    """A household with at least one member in home quarantine on the day asked."""

    household_id: str
    code: str
    head_name: str
    address: str
    area: str
    people: tuple[str, ...]
    since: date
    until: date | None
    has_commitment: bool


def rule_days(settings: dict, kind: str, place: str) -> int:
    """How many days a period of `kind` at `place` lasts by the rules in force."""
    if kind == HealthKind.F0:
        key = "f0_recovery_days"
    elif kind == HealthKind.F1:
        key = "quarantine_days_f1"
    elif kind == HealthKind.F2:
        key = "f2_days"
    elif place == CarePlace.CENTRALISED:
        key = "quarantine_days_centralised"
    else:
        key = "quarantine_days_home"
    try:
        return int(settings[key])
    except (KeyError, TypeError, ValueError) as exc:
        raise ServiceError(f"Quy định «{key}» (số ngày) không hợp lệ: {settings.get(key)!r}.") from exc


def planned_end_for(db: Database, kind: str, start: date, place: str = "") -> date:
    """The planned end of a period starting on `start` (start + the rule's days)."""
    return start + timedelta(days=rule_days(all_settings(db), kind, place))


def _span(start: date, end: date | None) -> str:
    return f"từ {format_date(start)} " + (f"đến {format_date(end)}" if end else "đến nay (chưa kết thúc)")


def clean_period(p: PeriodInput, settings: dict) -> dict:
    """Validated column values; raises ValidationError naming every bad field."""
    errors: dict[str, str] = {}
    kind = HealthKind.from_label(p.kind or "")
    if kind is None:
        errors["kind"] = f"Loại «{p.kind}» không hợp lệ: chọn F0, F1, F2 hoặc Cách ly."
    dates: dict[str, date | None] = {}
    for key, value, label in (("start", p.start, "Ngày bắt đầu"),
                              ("planned_end", p.planned_end, "Ngày dự kiến kết thúc"),
                              ("end", p.end, "Ngày kết thúc")):
        try:
            dates[key] = parse_date(value, field=label)
        except TextError as exc:
            errors[key] = str(exc)
            dates[key] = None
    if dates["start"] is None and "start" not in errors:
        errors["start"] = "Chưa nhập ngày bắt đầu."
    place = CarePlace.from_label(p.place) if p.place else None
    place_code = place.value if place else ""
    if p.place and place is None:
        errors["place"] = f"Nơi «{p.place}» không hợp lệ."
    elif kind is not None and place_code not in PLACES[kind]:
        allowed = " hoặc ".join(CarePlace(c).label.lower() for c in PLACES[kind] if c)
        errors["place"] = f"{kind.label}: nơi phải là {allowed}."
    quarantine_place = ""
    if p.quarantine_place:
        q = CarePlace.from_label(p.quarantine_place)
        if q is None or q.value not in PLACES[HealthKind.QUARANTINE]:
            errors["quarantine_place"] = "Nơi cách ly phải là tại nhà hoặc tập trung."
        else:
            quarantine_place = q.value
    start, end, planned = dates["start"], dates["end"], dates["planned_end"]
    if start and end and end < start:
        errors["end"] = (f"Ngày kết thúc {format_date(end)} trước ngày bắt đầu "
                         f"{format_date(start)}.")
    if start and planned and planned < start:
        errors["planned_end"] = (f"Ngày dự kiến kết thúc {format_date(planned)} trước ngày bắt "
                                 f"đầu {format_date(start)}.")
    if errors:
        raise ValidationError(errors)
    assert kind is not None and start is not None
    if planned is None:
        planned = start + timedelta(days=rule_days(settings, kind, place_code))
    return {"kind": kind.value, "start_date": start, "planned_end": planned, "end_date": end,
            "place": place_code, "source_person_id": p.source_person_id or None,
            "zone_id": p.zone_id or None, "notes": nfc(p.notes) or "",
            "_quarantine_place": quarantine_place}


def check_period(s: Session, person: Person, values: dict, exclude_id: str | None = None) -> None:
    """Refuse an overlap with another period of the same kind, or a source that is not F0/F1."""
    kind = values["kind"]
    start, end = values["start_date"], values["end_date"]
    q = select(HealthStatus).where(
        HealthStatus.person_id == person.id, HealthStatus.kind == kind,
        HealthStatus.deleted.is_(False), HealthStatus.start_date <= (end or date.max),
        or_(HealthStatus.end_date.is_(None), HealthStatus.end_date >= start))
    if exclude_id:
        q = q.where(HealthStatus.id != exclude_id)
    other = s.scalars(q.order_by(HealthStatus.start_date)).first()
    if other is not None:
        label = HealthKind(kind).label
        raise ServiceError(
            f"{person.full_name} đã có giai đoạn {label} {_span(other.start_date, other.end_date)}"
            f", trùng với giai đoạn mới {_span(start, end)}. Hãy kết thúc hoặc sửa giai đoạn cũ "
            "trước.", field="start")
    source_id = values.get("source_person_id")
    if not source_id:
        return
    if source_id == person.id:
        raise ServiceError("Người nguồn lây không thể là chính người này.", field="source")
    needed = SOURCE_KIND.get(HealthKind(kind))
    if needed is None:
        values["source_person_id"] = None  # only F1 and F2 have a source
        return
    source = s.get(Person, source_id)
    if source is None or source.deleted:
        raise ServiceError("Không tìm thấy người nguồn lây (có thể đã bị xóa).", field="source")
    has = s.scalar(select(func.count()).select_from(HealthStatus).where(
        HealthStatus.person_id == source_id, HealthStatus.kind == needed.value,
        HealthStatus.deleted.is_(False)))
    if not has:
        raise ServiceError(
            f"{HealthKind(kind).value} phải gắn với một {needed.value} đã có: {source.full_name} "
            f"chưa có giai đoạn {needed.value} nào. Hãy ghi {needed.value} cho người này trước.",
            field="source")


def _person(s: Session, person_id: str) -> Person:
    p = s.get(Person, person_id)
    if p is None or p.deleted:
        raise NotFoundError("Không tìm thấy nhân khẩu này (có thể đã bị xóa).")
    return p


def _touch_zones(s: Session, person: Person, values: dict) -> None:
    """An F0 in a household inside a running zone moves the zone's last-F0 date forward."""
    if values["kind"] != HealthKind.F0:
        return
    zones = s.scalars(select(Zone).join(ZoneHousehold, ZoneHousehold.zone_id == Zone.id).where(
        ZoneHousehold.household_id == person.household_id, ZoneHousehold.deleted.is_(False),
        Zone.deleted.is_(False), Zone.lifted_on.is_(None)))
    for zone in zones:
        values["zone_id"] = values["zone_id"] or zone.id
        start = values["start_date"]
        if start >= zone.started_on and (zone.last_f0_on is None or start > zone.last_f0_on):
            zone.last_f0_on = start


def add_period(db: Database, person_id: str, period: PeriodInput) -> str:
    """Record a new period (and, if asked, its quarantine period); returns the period id."""
    settings = all_settings(db)
    values = clean_period(period, settings)
    quarantine_place = values.pop("_quarantine_place")
    with db.session() as s:
        person = _person(s, person_id)
        check_period(s, person, values)
        return add_period_rows(s, person, values, quarantine_place, settings)


def add_period_rows(
    s: Session, person: Person, values: dict, quarantine_place: str, settings: dict,
    *, keep_running_quarantine: bool = False,
) -> str:
    """Insert a checked period (and its quarantine period); returns the period's id.

    With `keep_running_quarantine`, a quarantine already running is left as it is instead of
    refused (a ward list naming someone already quarantined)."""
    _touch_zones(s, person, values)
    row = HealthStatus(unit_id=person.unit_id, person_id=person.id, **values)
    s.add(row)
    if quarantine_place and values["kind"] != HealthKind.QUARANTINE:
        q = {"kind": HealthKind.QUARANTINE.value, "start_date": values["start_date"],
             "planned_end": values["start_date"] + timedelta(
                 days=rule_days(settings, HealthKind.QUARANTINE, quarantine_place)),
             "end_date": None, "place": quarantine_place, "source_person_id": None,
             "zone_id": values["zone_id"], "notes": ""}
        try:
            check_period(s, person, q)
        except ServiceError:
            if not keep_running_quarantine:
                raise
        else:
            s.add(HealthStatus(unit_id=person.unit_id, person_id=person.id, **q))
    s.flush()
    return row.id


def _period(s: Session, period_id: str) -> HealthStatus:
    row = s.get(HealthStatus, period_id)
    if row is None or row.deleted:
        raise NotFoundError("Không tìm thấy giai đoạn này (có thể đã bị xóa).")
    return row


def update_period(db: Database, period_id: str, period: PeriodInput) -> Changes:
    values = clean_period(period, all_settings(db))
    values.pop("_quarantine_place")
    with db.session() as s:
        row = _period(s, period_id)
        person = _person(s, row.person_id)
        check_period(s, person, values, exclude_id=row.id)
        _touch_zones(s, person, values)
        for k, v in values.items():
            setattr(row, k, v)
    return Changes(health=True, households=True)


def end_period(db: Database, period_id: str, end: date | str) -> Changes:
    """Close a period on `end` (recovery, end of quarantine)."""
    try:
        day = parse_date(end, field="Ngày kết thúc")
    except TextError as exc:
        raise ValidationError({"end": str(exc)}) from None
    if day is None:
        raise ValidationError({"end": "Chưa nhập ngày kết thúc."})
    with db.session() as s:
        row = _period(s, period_id)
        if day < row.start_date:
            raise ValidationError({"end": f"Ngày kết thúc {format_date(day)} trước ngày bắt đầu "
                                          f"{format_date(row.start_date)}."})
        values = {"kind": row.kind, "start_date": row.start_date, "end_date": day,
                  "source_person_id": None}
        check_period(s, _person(s, row.person_id), values, exclude_id=row.id)
        row.end_date = day
    return Changes(health=True, households=True)


def delete_period(db: Database, period_id: str) -> Changes:
    with db.session() as s:
        _period(s, period_id).deleted = True
    return Changes(health=True, households=True)


def _views(s: Session, stmt) -> list[PeriodView]:  # noqa: ANN001 - a select of HealthStatus
    source = Person.__table__.alias("source")
    q = (stmt.add_columns(Person.full_name, Person.birth_date, Person.birth_year,
                          Person.household_id, Household.code, Household.area,
                          source.c.full_name)
         .join(Person, Person.id == HealthStatus.person_id)
         .join(Household, Household.id == Person.household_id)
         .outerjoin(source, source.c.id == HealthStatus.source_person_id))
    out = []
    for h, name, bdate, byear, hid, code, area, src in s.execute(q):
        out.append(PeriodView(h.id, h.person_id, name, format_birth(bdate, byear), hid, code, area,
                              h.kind, h.start_date, h.planned_end, h.end_date, h.place,
                              h.source_person_id, src or "", h.zone_id, h.notes))
    return out


def person_periods(db: Database, person_id: str) -> list[PeriodView]:
    """Every period of one person, latest first."""
    with db.session() as s:
        return _views(s, select(HealthStatus).where(
            HealthStatus.person_id == person_id, HealthStatus.deleted.is_(False))
            .order_by(HealthStatus.start_date.desc()))


def list_periods(
    db: Database, *, today: date | None = None, kind: str = "", active_only: bool = True,
    query: str = "", limit: int = 5000,
) -> list[PeriodView]:
    """Periods (running on `today` unless active_only=False), in the official name order."""
    today = today or date.today()
    stmt = select(HealthStatus).where(HealthStatus.deleted.is_(False), Person.deleted.is_(False))
    if active_only:
        stmt = stmt.where(active_health_clause(today))
    if kind:
        stmt = stmt.where(HealthStatus.kind == kind)
    for word in fold(query).split():
        stmt = stmt.where(or_(Person.search_key.contains(word, autoescape=True),
                              Household.search_key.contains(word, autoescape=True)))
    stmt = stmt.order_by(Person.sort_key, HealthStatus.start_date.desc()).limit(limit)
    with db.session() as s:
        return _views(s, stmt)


def _home_quarantine(s: Session, today: date, household_ids: list[str] | None = None):  # noqa: ANN202
    q = (select(Person.household_id, Person.full_name, HealthStatus.start_date,
                HealthStatus.planned_end)
         .join(Person, Person.id == HealthStatus.person_id)
         .where(active_health_clause(today), HealthStatus.kind == HealthKind.QUARANTINE.value,
                HealthStatus.place == CarePlace.HOME.value, Person.deleted.is_(False)))
    if household_ids is not None:
        q = q.where(Person.household_id.in_(household_ids))
    return s.execute(q.order_by(Person.sort_key)).all()


def home_quarantine_households(db: Database, today: date | None = None) -> list[QuarantineHousehold]:
    """Households with a member in home quarantine, and whether their commitment is signed."""
    today = today or date.today()
    grace = int(all_settings(db).get("quarantine_commitment_grace_days") or 0)
    with db.session() as s:
        rows = _home_quarantine(s, today)
        people: dict[str, list] = {}
        for hid, name, start, planned in rows:
            people.setdefault(hid, []).append((name, start, planned))
        if not people:
            return []
        households = {h.id: h for h in s.scalars(select(Household).where(
            Household.id.in_(people), Household.deleted.is_(False)))}
        signed: dict[str, list[date]] = {}
        for hid, on in s.execute(select(Commitment.household_id, Commitment.signed_on).where(
                Commitment.household_id.in_(people), Commitment.deleted.is_(False),
                Commitment.kind == "quarantine")):
            signed.setdefault(hid, []).append(on)
    out = []
    for hid, members in people.items():
        h = households.get(hid)
        if h is None:
            continue
        since = min(m[1] for m in members)
        ends = [m[2] for m in members if m[2]]
        ok = any(on >= since - timedelta(days=grace) for on in signed.get(hid, []))
        out.append(QuarantineHousehold(
            hid, h.code, h.head_name, h.address, h.area,
            tuple(dict.fromkeys(m[0] for m in members)), since, max(ends) if ends else None, ok))
    out.sort(key=lambda q: (q.has_commitment, q.area, q.code))
    return out


def household_flags(
    db: Database, household_ids: list[str], today: date | None = None,
) -> dict[str, str]:
    """For the households asked: id → "đang cách ly tại nhà" when a member is quarantined at home."""
    today = today or date.today()
    with db.session() as s:
        found = {row[0] for row in _home_quarantine(s, today, household_ids)}
    return {hid: HOME_QUARANTINE_LABEL for hid in household_ids if hid in found}


def active_counts(db: Database, today: date | None = None) -> dict[str, int]:
    """People by running status: F0, F1, F2, quarantine_home, quarantine_centralised."""
    today = today or date.today()
    out = {"F0": 0, "F1": 0, "F2": 0, "quarantine_home": 0, "quarantine_centralised": 0}
    with db.session() as s:
        rows = s.execute(
            select(HealthStatus.kind, HealthStatus.place,
                   func.count(func.distinct(HealthStatus.person_id)))
            .join(Person, and_(Person.id == HealthStatus.person_id, Person.deleted.is_(False)))
            .where(active_health_clause(today))
            .group_by(HealthStatus.kind, HealthStatus.place)).all()
    for kind, place, n in rows:
        if kind == HealthKind.QUARANTINE:
            out["quarantine_home" if place == CarePlace.HOME else "quarantine_centralised"] += n
        else:
            out[kind] += n
    return out
