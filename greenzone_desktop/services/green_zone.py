"""The five green-zone criteria (DESIGN.md), each computed from the register with what is
missing as items a person can click to fix, and the current risk level."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from greenzone_desktop.models import (
    Assignment,
    Channel,
    Checkpoint,
    Commitment,
    HealthStatus,
    Hotline,
    Household,
    Mailbox,
    Organization,
    Person,
    Shift,
    Team,
    TeamHousehold,
    TestingRound,
    Violation,
)
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.inspections import inspections_between, overdue_recommendations
from greenzone_desktop.services.risk import AssessmentView, current_assessment
from greenzone_desktop.services.settings import all_settings
from greenzone_desktop.services.stats import active_health_clause
from greenzone_desktop.text import format_date, format_number
from greenzone_desktop.vocab import (
    ChannelKind,
    CommitmentKind,
    RiskLevel,
    TeamKind,
    ViolationStatus,
)

MAX_ITEMS = 8  # items listed per criterion; the rest are summed up in one last item
STAFFING_DAYS = 7

TITLES = {
    "health": "Không có F0, F1 đang điều trị, cách ly; xét nghiệm tầm soát định kỳ",
    "commitments": "100 % hộ gia đình, cơ quan, cơ sở ký cam kết",
    "teams": "Có Tổ Covid cộng đồng, Tổ tự quản; chốt trực đủ người mọi ca",
    "rules": "Thực hiện nghiêm quy định: kiểm tra thường xuyên, xử lý vi phạm",
    "contacts": "Ít nhất 2 đường dây nóng, nhóm Zalo; ít nhất 2 hòm thư “An toàn Covid-19”",
}


@dataclass(frozen=True)
class MissingItem:
    label: str
    target_page: str
    target: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Criterion:
    code: str
    title: str
    met: bool
    missing: tuple[MissingItem, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "title": self.title, "met": self.met,
                "missing": [{"label": m.label, "page": m.target_page, "target": m.target}
                            for m in self.missing]}


@dataclass(frozen=True)
class GreenZoneStatus:
    on: date
    criteria: tuple[Criterion, ...]
    risk: AssessmentView | None

    @property
    def green(self) -> bool:
        return all(c.met for c in self.criteria)

    def as_dict(self) -> dict[str, Any]:
        risk = None
        if self.risk is not None:
            risk = {"level": self.risk.level, "label": self.risk.label,
                    "colour": self.risk.colour, "assessed_on": self.risk.assessed_on.isoformat(),
                    "preset": self.risk.preset}
        return {"date": self.on.isoformat(), "green": self.green,
                "criteria": [c.as_dict() for c in self.criteria], "risk_level": risk}


class _Items:
    """Collects missing items, listing the first MAX_ITEMS of a kind and summing the rest."""

    def __init__(self) -> None:
        self.items: list[MissingItem] = []

    def add(self, label: str, page: str, **target: Any) -> None:
        self.items.append(MissingItem(label, page, target))

    def listed(self, rows: list[tuple[str, str, dict]], total: int, rest: str, page: str,
               **target: Any) -> None:
        for label, p, t in rows[:MAX_ITEMS]:
            self.add(label, p, **t)
        if total > MAX_ITEMS:
            self.add(rest.format(n=_count(total - MAX_ITEMS)), page, **target)


def _count(n: int) -> str:
    return format_number(n)


def _health(s: Session, today: date, settings: dict, risk: AssessmentView | None) -> Criterion:
    out = _Items()
    base = (select(HealthStatus.kind, Person.full_name, Person.household_id, Household.code,
                   HealthStatus.start_date)
            .join(Person, Person.id == HealthStatus.person_id)
            .join(Household, Household.id == Person.household_id)
            .where(active_health_clause(today), Person.deleted.is_(False),
                   HealthStatus.kind.in_(("F0", "F1"))))
    total = s.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = s.execute(base.order_by(HealthStatus.kind, HealthStatus.start_date)
                     .limit(MAX_ITEMS)).all()
    listed = [(f"{kind} đang {'điều trị' if kind == 'F0' else 'cách ly'}: {name} (hộ {code}), "
               f"từ {format_date(start)}", "households", {"household_id": hid})
              for kind, name, hid, code, start in rows]
    out.listed(listed, total, "… và {n} trường hợp F0, F1 khác", "health")
    every = int(settings.get("screening_interval_days") or 14)
    if risk is not None and risk.level != RiskLevel.NEW_NORMAL:
        last = s.scalar(select(func.max(TestingRound.held_on)).where(
            TestingRound.deleted.is_(False), TestingRound.held_on <= today))
        if last is None or (today - last).days >= every:
            when = f"lần gần nhất {format_date(last)}" if last else "chưa có đợt nào"
            out.add(f"Mức {risk.label.lower()}: cần xét nghiệm tầm soát ít nhất {every} ngày/lần "
                    f"({when})", "testing")
    return Criterion("health", TITLES["health"], not out.items, tuple(out.items))


def _commitments(s: Session) -> Criterion:
    out = _Items()
    # the household commitment itself: a home-quarantine commitment does not stand in for it
    signed = select(Commitment.household_id).where(Commitment.deleted.is_(False),
                                                   Commitment.kind == CommitmentKind.HOUSEHOLD,
                                                   Commitment.household_id.is_not(None))
    unsigned = (select(Household.id, Household.code, Household.head_name)
                .where(Household.deleted.is_(False), Household.id.not_in(signed)))
    total = s.scalar(select(func.count()).select_from(unsigned.subquery())) or 0
    rows = s.execute(unsigned.order_by(Household.code).limit(MAX_ITEMS)).all()
    out.listed([(f"Hộ {code} – {head or 'chưa có chủ hộ'}: chưa ký cam kết", "households",
                 {"household_id": hid}) for hid, code, head in rows],
               total, "… và {n} hộ khác chưa ký cam kết", "commitments", unsigned=True)
    org_signed = select(Commitment.organization_id).where(
        Commitment.deleted.is_(False), Commitment.organization_id.is_not(None))
    orgs = (select(Organization.id, Organization.name)
            .where(Organization.deleted.is_(False), Organization.id.not_in(org_signed)))
    total = s.scalar(select(func.count()).select_from(orgs.subquery())) or 0
    rows = s.execute(orgs.order_by(Organization.name_key).limit(MAX_ITEMS)).all()
    out.listed([(f"{name}: chưa ký cam kết", "organizations", {"organization_id": oid})
                for oid, name in rows], total, "… và {n} cơ quan, cơ sở khác chưa ký cam kết",
               "commitments", unsigned=True)
    return Criterion("commitments", TITLES["commitments"], not out.items, tuple(out.items))


def unstaffed_shifts(s: Session, today: date) -> tuple[int, int, list[tuple[str, str, int, int]]]:
    """(staffed shifts, all shifts, per checkpoint: (id, name, shifts short of staff, shifts))
    for active checkpoints over the next STAFFING_DAYS days from `today`."""
    start = datetime.combine(today, time())
    end = start + timedelta(days=STAFFING_DAYS)
    active = and_(Checkpoint.deleted.is_(False),
                  or_(Checkpoint.active_from.is_(None), Checkpoint.active_from <= today),
                  or_(Checkpoint.active_to.is_(None), Checkpoint.active_to >= today))
    staff = (select(func.count()).where(Assignment.shift_id == Shift.id,
                                        Assignment.deleted.is_(False))
             .correlate(Shift).scalar_subquery())
    rows = s.execute(
        select(Checkpoint.id, Checkpoint.name, func.count(Shift.id),
               func.sum(func.coalesce(staff, 0) < Shift.min_staff))
        .select_from(Checkpoint)
        .outerjoin(Shift, and_(Shift.checkpoint_id == Checkpoint.id, Shift.deleted.is_(False),
                               Shift.starts_at < end, Shift.ends_at > start))
        .where(active).group_by(Checkpoint.id, Checkpoint.name).order_by(Checkpoint.name)).all()
    per = [(cid, name, int(short or 0), int(n)) for cid, name, n, short in rows]
    total = sum(n for *_, n in per)
    return total - sum(short for _, _, short, _ in per), total, per


def staffing(db: Database, today: date) -> tuple[int, int]:
    """(shifts staffed, shifts) over the next days: the roster service's figure when it has
    one, else counted from the shifts and assignments."""
    try:
        roster = importlib.import_module("greenzone_desktop.services.roster")
    except ModuleNotFoundError as exc:
        if exc.name != "greenzone_desktop.services.roster":
            raise
        roster = None
    fn = getattr(roster, "staffing_figure", None)
    if fn is not None:
        result = fn(db, today)
        if isinstance(result, tuple):
            return int(result[0]), int(result[1])
        return int(result.staffed), int(result.total)
    with db.session() as s:
        staffed, total, _ = unstaffed_shifts(s, today)
    return staffed, total


def _teams(s: Session, db: Database, today: date) -> Criterion:
    out = _Items()
    kinds = set(s.scalars(select(Team.kind).where(Team.deleted.is_(False)).distinct()))
    if TeamKind.COMMUNITY.value not in kinds:
        out.add("Chưa có Tổ Covid cộng đồng", "teams", tab="teams")
    if TeamKind.SELF_MANAGED.value not in kinds:
        out.add("Chưa có Tổ tự quản (tổ liên gia tự quản)", "teams", tab="teams")
    covered = (select(TeamHousehold.household_id).join(Team, Team.id == TeamHousehold.team_id)
               .where(TeamHousehold.deleted.is_(False), Team.deleted.is_(False),
                      Team.kind == TeamKind.COMMUNITY.value))
    if TeamKind.COMMUNITY.value in kinds:
        loose = s.scalar(select(func.count()).select_from(Household).where(
            Household.deleted.is_(False), Household.id.not_in(covered))) or 0
        if loose:
            out.add(f"{_count(loose)} hộ chưa được giao cho Tổ Covid cộng đồng nào", "teams",
                    tab="teams")
    staffed, total, per = unstaffed_shifts(s, today)
    for cid, name, short, n in per:
        if n == 0:
            out.add(f"{name}: chưa xếp ca trực {STAFFING_DAYS} ngày tới", "roster",
                    checkpoint_id=cid)
        elif short:
            out.add(f"{name}: {short}/{n} ca trong {STAFFING_DAYS} ngày tới chưa đủ người",
                    "roster", checkpoint_id=cid)
    roster_staffed, roster_total = staffing(db, today)
    if roster_staffed < roster_total and not any(i.target_page == "roster" for i in out.items):
        out.add(f"Mới có {roster_staffed}/{roster_total} ca trực đủ người", "roster")
    return Criterion("teams", TITLES["teams"], not out.items, tuple(out.items))


def _rules(s: Session, db: Database, today: date, settings: dict) -> Criterion:
    out = _Items()
    every = int(settings.get("inspection_interval_days") or 7)
    if inspections_between(db, today - timedelta(days=every - 1), today) == 0:
        out.add(f"Chưa có buổi kiểm tra nào trong {every} ngày qua", "inspections")
    overdue = overdue_recommendations(db, today)
    out.listed([(f"Kiến nghị quá hạn {format_date(r.due_on)}: {r.text}", "inspections",
                 {"inspection_id": r.inspection_id}) for r in overdue], len(overdue),
               "… và {n} kiến nghị quá hạn khác", "inspections")
    rows = s.execute(select(Violation.id, Violation.full_name, Violation.what,
                            Violation.occurred_on)
                     .where(Violation.deleted.is_(False),
                            Violation.status == ViolationStatus.OPEN.value)
                     .order_by(Violation.occurred_on)).all()
    out.listed([(f"Vi phạm chưa xử lý xong ({format_date(on)}): {name} – {what}", "inspections",
                 {"tab": "violations", "violation_id": vid}) for vid, name, what, on in rows],
               len(rows), "… và {n} vi phạm khác chưa xử lý xong", "inspections",
               tab="violations")
    return Criterion("rules", TITLES["rules"], not out.items, tuple(out.items))


def _contacts(s: Session, settings: dict) -> Criterion:
    out = _Items()

    def count(model: type, *where: Any) -> int:
        return s.scalar(select(func.count()).select_from(model)
                        .where(model.deleted.is_(False), *where)) or 0

    need = (("min_hotlines", count(Hotline), "đường dây nóng"),
            ("min_zalo_groups", count(Channel, Channel.kind == ChannelKind.ZALO.value),
             "nhóm Zalo"),
            ("min_mailboxes", count(Mailbox), "hòm thư “An toàn Covid-19”"))
    for key, have, what in need:
        want = int(settings.get(key) or 0)
        if have < want:
            out.add(f"Mới có {have}/{want} {what}", "teams", tab="contacts")
    return Criterion("contacts", TITLES["contacts"], not out.items, tuple(out.items))


def green_zone_status(db: Database, today: date | None = None) -> GreenZoneStatus:
    """The five criteria on `today`, each met or not with what is missing; the risk level."""
    today = today or date.today()
    settings = all_settings(db)
    risk = current_assessment(db)
    with db.session() as s:
        criteria = (_health(s, today, settings, risk), _commitments(s), _teams(s, db, today),
                    _rules(s, db, today, settings), _contacts(s, settings))
    return GreenZoneStatus(today, criteria, risk)
