"""Testing rounds: who each round covers, its progress, the current round, and the schedule
helper that proposes rounds after the last F0 in a zone (Bắc Ninh's rule, editable in settings).

Ticking people tested and recording results live in `testing_marks.py`; the lists the testing
screen shows in `testing_lists.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from greenzone_desktop.models import (
    HealthStatus,
    Household,
    Person,
    TestingRound,
    TestResult,
    Zone,
    ZoneHousehold,
)
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import NotFoundError, ServiceError, ValidationError
from greenzone_desktop.services.settings import all_settings
from greenzone_desktop.services.zones import lift_days, proposed_lift_date
from greenzone_desktop.text import TextError, format_date, nfc, parse_date
from greenzone_desktop.vocab import HealthKind, TestMethod, TestOutcome, TestTarget

BEFORE_LIFT = "before_lift"


@dataclass
class RoundInput:
    held_on: date | str | None
    method: str = TestMethod.PCR_POOLED.value
    pool_size: int | None = None
    target: str = TestTarget.EVERYONE.value
    area: str = ""
    zone_id: str | None = None
    name: str = ""  # empty: "Đợt xét nghiệm dd/mm/yyyy" (+ the area or zone)
    notes: str = ""


@dataclass(frozen=True)
class RoundView:
    id: str
    name: str
    held_on: date
    method: str
    pool_size: int | None
    target: str
    area: str
    zone_id: str | None
    zone_name: str
    closed: bool
    notes: str
    tested: int

    @property
    def scope_text(self) -> str:
        where = f"khu {self.zone_name}" if self.zone_id else (self.area or "toàn đơn vị")
        return f"{where} — {TestTarget(self.target).label.lower()}"

    @property
    def method_text(self) -> str:
        label = TestMethod(self.method).label
        return f"{label} (gộp {self.pool_size})" if self.pool_size else label


@dataclass(frozen=True)
class RoundProgress:
    round_id: str
    expected: int
    tested: int  # people in scope with a result row
    untested: int
    negative: int
    positive: int
    pending: int
    outside: int  # tested although not in the round's scope (moved out since, say)


@dataclass(frozen=True)
class ProposedRound:
    on: date
    label: str  # "Ngày thứ 7 sau F0 cuối cùng", "Trước khi gỡ phong tỏa"
    is_past: bool


# -- rounds --------------------------------------------------------------------------------

def _clean(r: RoundInput, s: Session) -> dict:
    errors: dict[str, str] = {}
    try:
        held = parse_date(r.held_on, field="Ngày xét nghiệm")
    except TextError as exc:
        errors["held_on"], held = str(exc), None
    if held is None and "held_on" not in errors:
        errors["held_on"] = "Chưa nhập ngày xét nghiệm."
    method = TestMethod.from_label(r.method or "")
    if method is None:
        errors["method"] = f"Phương pháp «{r.method}» không hợp lệ."
    pool = r.pool_size
    if method == TestMethod.PCR_POOLED:
        if not pool or not 2 <= int(pool) <= 20:
            errors["pool_size"] = "Mẫu gộp: số mẫu mỗi ống phải từ 2 đến 20."
    else:
        pool = None
    target = TestTarget.from_label(r.target or "")
    if target is None:
        errors["target"] = f"Đối tượng «{r.target}» không hợp lệ."
    area, zone_name = nfc(r.area) or "", ""
    if r.zone_id:
        zone = s.get(Zone, r.zone_id)
        if zone is None or zone.deleted:
            errors["zone"] = "Không tìm thấy khu phong tỏa đã chọn."
        else:
            zone_name, area = zone.name, ""
    elif area and not s.scalar(select(Household.id).where(
            Household.area == area, Household.deleted.is_(False)).limit(1)):
        errors["area"] = f"Không có hộ nào ở địa bàn «{area}»."
    if errors:
        raise ValidationError(errors)
    assert held is not None and method is not None and target is not None
    where = f" — khu {zone_name}" if zone_name else (f" — {area}" if area else "")
    name = nfc(r.name) or f"Đợt xét nghiệm {format_date(held)}{where}"
    return {"name": name, "held_on": held, "method": method.value,
            "pool_size": int(pool) if pool else None, "target": target.value, "area": area,
            "zone_id": r.zone_id or None, "notes": nfc(r.notes) or ""}


def create_round(db: Database, round_: RoundInput) -> str:
    with db.session() as s:
        row = TestingRound(unit_id=db.home_unit_id, **_clean(round_, s))
        s.add(row)
        s.flush()
        return row.id


def update_round(db: Database, round_id: str, round_: RoundInput) -> Changes:
    with db.session() as s:
        row = get_round_row(s, round_id)
        for k, v in _clean(round_, s).items():
            setattr(row, k, v)
    return Changes(testing=True)


def close_round(db: Database, round_id: str, closed: bool = True) -> Changes:
    with db.session() as s:
        get_round_row(s, round_id).closed = closed
    return Changes(testing=True)


def delete_round(db: Database, round_id: str) -> Changes:
    """Delete a round and its results (soft, reversible from the history)."""
    with db.session() as s:
        get_round_row(s, round_id).deleted = True
        for r in s.scalars(select(TestResult).where(TestResult.round_id == round_id,
                                                    TestResult.deleted.is_(False))):
            r.deleted = True
    return Changes(testing=True)


def get_round_row(s: Session, round_id: str) -> TestingRound:
    row = s.get(TestingRound, round_id)
    if row is None or row.deleted:
        raise NotFoundError("Không tìm thấy đợt xét nghiệm này (có thể đã bị xóa).")
    return row


def _round_views(s: Session, stmt) -> list[RoundView]:  # noqa: ANN001
    tested = dict(s.execute(select(TestResult.round_id, func.count()).where(
        TestResult.deleted.is_(False)).group_by(TestResult.round_id)).all())
    rows = s.execute(stmt.add_columns(Zone.name).outerjoin(Zone, Zone.id == TestingRound.zone_id))
    return [RoundView(r.id, r.name, r.held_on, r.method, r.pool_size, r.target, r.area, r.zone_id,
                      zone or "", r.closed, r.notes, tested.get(r.id, 0)) for r, zone in rows]


def list_rounds(db: Database) -> list[RoundView]:
    """Every round, latest first."""
    with db.session() as s:
        return _round_views(s, select(TestingRound).where(TestingRound.deleted.is_(False))
                            .order_by(TestingRound.held_on.desc(), TestingRound.created_at.desc()))


def get_round(db: Database, round_id: str) -> RoundView:
    with db.session() as s:
        get_round_row(s, round_id)
        return _round_views(s, select(TestingRound).where(TestingRound.id == round_id))[0]


def current_round(db: Database, today: date | None = None) -> RoundView | None:
    """The latest open round already under way (held on or before `today`)."""
    today = today or date.today()
    with db.session() as s:
        views = _round_views(s, select(TestingRound).where(
            TestingRound.deleted.is_(False), TestingRound.closed.is_(False),
            TestingRound.held_on <= today)
            .order_by(TestingRound.held_on.desc(), TestingRound.created_at.desc()).limit(1))
    return views[0] if views else None


def areas(db: Database) -> list[str]:
    """The areas (tổ, xóm…) households are in, in natural order ("Tổ 2" before "Tổ 10")."""
    with db.session() as s:
        found = s.scalars(select(Household.area).where(Household.deleted.is_(False),
                                                       Household.area != "").distinct())
        names = list(found)

    def natural(a: str) -> tuple:
        head, _, tail = a.rpartition(" ")
        return (head, int(tail), "") if tail.isdigit() else (a, 0, a)
    return sorted(names, key=natural)


# -- who a round covers ---------------------------------------------------------------------

def scope_clauses(r: TestingRound, settings: dict) -> list:
    """WHERE clauses on Person (joined to Household) selecting the people a round covers.

    People temporarily away and people under F0 treatment on the day are not screened."""
    day = r.held_on
    running = and_(HealthStatus.deleted.is_(False), HealthStatus.start_date <= day,
                   or_(HealthStatus.end_date.is_(None), HealthStatus.end_date >= day))
    clauses = [
        Person.deleted.is_(False), Household.deleted.is_(False), Person.residency != "tam_vang",
        Person.id.not_in(select(HealthStatus.person_id).where(
            running, HealthStatus.kind == HealthKind.F0.value)),
    ]
    if r.zone_id:
        clauses.append(Person.household_id.in_(select(ZoneHousehold.household_id).where(
            ZoneHousehold.zone_id == r.zone_id, ZoneHousehold.deleted.is_(False))))
    elif r.area:
        clauses.append(Household.area == r.area)
    if r.target == TestTarget.WORKERS:
        clauses.append(or_(Household.kind == "boarding_house", Person.relation == "o_tro",
                           Person.occupation.contains("Công nhân", autoescape=True)))
    elif r.target == TestTarget.RISK_GROUP:
        words = [w for w in settings.get("testing_risk_occupations") or [] if w]
        if not words:
            raise ServiceError("Chưa khai báo nghề nghiệp của nhóm nguy cơ "
                               "(quy định «testing_risk_occupations»).")
        clauses.append(or_(*[Person.occupation.contains(w, autoescape=True) for w in words]))
    elif r.target == TestTarget.F1:
        clauses.append(Person.id.in_(select(HealthStatus.person_id).where(
            running, HealthStatus.kind == HealthKind.F1.value)))
    return clauses


def scope_select(s: Session, round_id: str, *columns):  # noqa: ANN001, ANN201
    """SELECT `columns` FROM persons JOIN households WHERE in the round's scope."""
    r = get_round_row(s, round_id)
    return (select(*columns).select_from(Person)
            .join(Household, Household.id == Person.household_id)
            .where(*scope_clauses(r, all_settings_in(s))))


def all_settings_in(s: Session) -> dict:
    """The rules, read inside an open session (no second connection)."""
    from greenzone_desktop.services.settings import settings_in

    return settings_in(s)


def tested_ids_select(round_id: str):  # noqa: ANN201
    return select(TestResult.person_id).where(TestResult.round_id == round_id,
                                              TestResult.deleted.is_(False))


def round_progress(db: Database, round_id: str) -> RoundProgress:
    with db.session() as s:
        expected = s.scalar(scope_select(s, round_id, func.count())) or 0
        untested = s.scalar(scope_select(s, round_id, func.count()).where(
            Person.id.not_in(tested_ids_select(round_id)))) or 0
        outcomes = dict(s.execute(select(TestResult.outcome, func.count()).where(
            TestResult.round_id == round_id, TestResult.deleted.is_(False))
            .group_by(TestResult.outcome)).all())
    total = sum(outcomes.values())
    tested = expected - untested
    return RoundProgress(round_id, expected, tested, untested,
                         outcomes.get(TestOutcome.NEGATIVE.value, 0),
                         outcomes.get(TestOutcome.POSITIVE.value, 0),
                         outcomes.get(TestOutcome.PENDING.value, 0), total - tested)


# -- schedule after the last F0 --------------------------------------------------------------

def propose_rounds(
    last_f0: date, today: date, schedule: list[dict], lift_on: date,
) -> list[ProposedRound]:
    """The rounds the rule asks for, given the last F0 date and the day asked.

    `schedule` is a list of {"max_days": n | None, "test_days": [d, …]}: the first entry whose
    max_days is at least the days since the last F0 applies; a test day is a number of days after
    the last F0, or "before_lift" for the day before `lift_on` (never before tomorrow)."""
    since = (today - last_f0).days
    rule = None
    for entry in schedule:
        try:
            limit = entry.get("max_days")
            if limit is None or since <= int(limit):
                rule = entry
                break
        except (AttributeError, TypeError, ValueError):
            raise ServiceError(f"Quy định lịch xét nghiệm không hợp lệ: {entry!r}.") from None
    if rule is None:
        return []
    out: list[ProposedRound] = []
    for d in rule.get("test_days") or []:
        if d == BEFORE_LIFT:
            on = max(lift_on - timedelta(days=1), today)
            label = f"Trước khi gỡ phong tỏa (dự kiến gỡ {format_date(max(lift_on, on + timedelta(days=1)))})"
        else:
            try:
                n = int(d)
            except (TypeError, ValueError):
                raise ServiceError(f"Ngày xét nghiệm «{d}» trong quy định không hợp lệ.") from None
            on, label = last_f0 + timedelta(days=n), f"Ngày thứ {n} sau F0 cuối cùng"
        out.append(ProposedRound(on, label, on < today))
    return sorted(out, key=lambda p: p.on)


def zone_schedule(db: Database, zone_id: str, today: date | None = None) -> list[ProposedRound]:
    """Proposed rounds for a zone from its last F0 (its start while no F0 is recorded)."""
    today = today or date.today()
    settings = all_settings(db)
    with db.session() as s:
        zone = s.get(Zone, zone_id)
        if zone is None or zone.deleted:
            raise NotFoundError("Không tìm thấy khu này (có thể đã bị xóa).")
        last, started = zone.last_f0_on, zone.started_on
    lift_on = proposed_lift_date(last, started, lift_days(db))
    return propose_rounds(last or started, today, settings.get("testing_schedule") or [], lift_on)


def create_proposed_rounds(
    db: Database, zone_id: str, days: list[date], *, method: str = TestMethod.PCR_POOLED.value,
    pool_size: int | None = 10,
) -> list[str]:
    """Create one round for the zone on each day (skipping days that already have one)."""
    with db.session() as s:
        have = set(s.scalars(select(TestingRound.held_on).where(
            TestingRound.zone_id == zone_id, TestingRound.deleted.is_(False))))
        made = []
        for day in sorted(set(days) - have):
            row = TestingRound(unit_id=db.home_unit_id, **_clean(RoundInput(
                held_on=day, method=method, pool_size=pool_size, zone_id=zone_id), s))
            s.add(row)
            s.flush()
            made.append(row.id)
        return made
