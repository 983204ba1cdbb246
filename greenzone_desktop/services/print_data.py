"""The register as the printing layer's plain data: households with their members, people in
home quarantine, organisations; chosen by a scope (one household, a selection, all, unsigned).

Every list is read with a handful of bulk queries (households, members, dose counts, teams),
never one query per household: a ward of 20 000 households is read in a few seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from greenzone_desktop.models import (
    Commitment,
    HealthStatus,
    Household,
    Organization,
    Person,
    Team,
    TeamHousehold,
    TeamMember,
    Unit,
    Vaccination,
)
from greenzone_desktop.models.db import Database
from greenzone_desktop.printing.data import HouseholdDoc, MemberRow, OrganisationDoc, QuarantineDoc
from greenzone_desktop.services.errors import NotFoundError, ServiceError
from greenzone_desktop.services.print_unit import phone_text
from greenzone_desktop.services.stats import active_health_clause
from greenzone_desktop.text import fold, format_birth, nfc
from greenzone_desktop.vocab import (
    CarePlace,
    CommitmentKind,
    HealthKind,
    OrganizationKind,
    Relation,
    Residency,
    Sex,
    TeamKind,
)

SCOPES = ("household", "selection", "all", "unsigned")
MAX_SELECTION = 30_000  # SQLite binds at most 32 766 values in one statement
ORG_TITLES = {
    OrganizationKind.AGENCY: "Thủ trưởng đơn vị",
    OrganizationKind.BUSINESS: "Chủ cơ sở",
    OrganizationKind.SCHOOL: "Hiệu trưởng",
    OrganizationKind.RELIGIOUS: "Người đại diện",
}


@dataclass(frozen=True)
class Scope:
    """What a print job covers: one household by code, a selection of ids, all, or those whose
    commitment is not signed yet (households, or organisations for organisation forms)."""

    kind: str = "all"
    code: str = ""
    ids: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.kind not in SCOPES:
            raise ValueError(f"phạm vi in không hợp lệ: {self.kind!r}")

    @classmethod
    def household(cls, code: str) -> Scope:
        return cls("household", code=code)

    @classmethod
    def selection(cls, ids: Sequence[str]) -> Scope:
        return cls("selection", ids=tuple(ids))

    @property
    def label(self) -> str:
        """How the scope reads in a message."""
        return {"household": f"hộ {self.code}", "selection": f"{len(self.ids)} mục đã chọn",
                "all": "tất cả", "unsigned": "chưa ký cam kết"}[self.kind]


@dataclass(frozen=True)
class HouseholdChoice:
    """A household as the print centre lists it for picking."""

    id: str
    code: str
    head_name: str
    address: str
    members: int
    signed: bool


def _signed_household():  # noqa: ANN202 - SQLAlchemy clause
    # an uncorrelated IN: SQLite builds the set once; a correlated EXISTS was planned on the
    # "deleted" index and scanned every commitment for each household (minutes at 20 000)
    return Household.id.in_(select(Commitment.household_id).where(
        Commitment.kind == CommitmentKind.HOUSEHOLD, Commitment.deleted.is_(False),
        Commitment.household_id.is_not(None)))


def household_clause(db: Database, scope: Scope):  # noqa: ANN201 - SQLAlchemy clause
    """The households of `scope` as a WHERE clause on Household (checks the code exists)."""
    live = Household.deleted.is_(False)
    if scope.kind == "all":
        return live
    if scope.kind == "unsigned":
        return and_(live, ~_signed_household())
    if scope.kind == "selection":
        if len(scope.ids) > MAX_SELECTION:
            raise ServiceError(f"Chọn tối đa {MAX_SELECTION} hộ cho một lần in; hãy in «tất cả».")
        return and_(live, Household.id.in_(scope.ids))
    code = (nfc(scope.code) or "").upper()  # nfc trims, and gives None for ""
    if not code:
        raise ServiceError("Thiếu mã hộ cần in.", field="household")
    with db.session() as s:
        found = s.scalars(select(Household.id).where(live, func.upper(Household.code) == code)
                          ).all()
    if not found:
        raise NotFoundError(f"Không có hộ nào mang mã «{scope.code}» trong sổ hộ.",
                            field="household")
    return and_(live, Household.id.in_(found))


def household_ids(db: Database, scope: Scope) -> list[str]:
    """Ids of the households of `scope`, in household-code order."""
    clause = household_clause(db, scope)
    with db.session() as s:
        return list(s.scalars(select(Household.id).where(clause).order_by(Household.code)))


def member_counts(db: Database, scope: Scope) -> list[int]:
    """Members of each household of `scope` (one number per household, in code order; the
    very large case in table order), for page planning."""
    clause = household_clause(db, scope)
    with db.session() as s:
        ids = list(s.scalars(select(Household.id).where(clause).order_by(Household.code)))
        if len(ids) > MAX_SELECTION:
            counts = (select(Person.household_id, func.count().label("n"))
                      .where(Person.deleted.is_(False)).group_by(Person.household_id).subquery())
            return [n or 0 for n in s.scalars(
                select(counts.c.n).select_from(Household)
                .outerjoin(counts, counts.c.household_id == Household.id).where(clause))]
        # by household id (indexed), "deleted" checked here: see _dose_counts
        n: dict[str, int] = dict.fromkeys(ids, 0)
        for hid, deleted in s.execute(select(Person.household_id, Person.deleted)
                                      .where(Person.household_id.in_(ids))):
            if not deleted:
                n[hid] += 1
    return [n[h] for h in ids]


def _team_leaders(s: Session, hh_filter) -> dict[str, tuple[str, str]]:  # noqa: ANN001
    """household id -> (name, phone) of the leader of its community COVID team."""
    teams = {}
    rows = s.execute(select(TeamMember.team_id, TeamMember.full_name, TeamMember.phone,
                            TeamMember.role)
                     .join(Team, Team.id == TeamMember.team_id)
                     .where(Team.kind == TeamKind.COMMUNITY, Team.deleted.is_(False),
                            TeamMember.deleted.is_(False))
                     .order_by(TeamMember.created_at)).all()
    for team_id, name, phone, role in rows:
        leads = fold(role).startswith(("to truong", "truong"))
        if team_id not in teams or (leads and not teams[team_id][2]):
            teams[team_id] = (name, phone_text(phone), leads)
    out: dict[str, tuple[str, str]] = {}
    for hid, team_id in s.execute(select(TeamHousehold.household_id, TeamHousehold.team_id)
                                  .where(TeamHousehold.deleted.is_(False),
                                         TeamHousehold.household_id.in_(hh_filter))):
        if team_id in teams and hid not in out:
            out[hid] = teams[team_id][:2]
    return out


def _dose_counts(s: Session, pids: list[str]) -> dict[str, int]:
    """person id -> doses received (distinct dose numbers of live vaccinations)."""
    if len(pids) > MAX_SELECTION:  # most of the register: one pass over the table
        return dict(s.execute(
            select(Vaccination.person_id, func.count(func.distinct(Vaccination.dose_no)))
            .where(Vaccination.deleted.is_(False)).group_by(Vaccination.person_id)).all())
    # by person id only, "deleted" checked here: with it in the WHERE clause SQLite walks the
    # "deleted" index over every vaccination (0.2–0.9 s for one household of 20 000)
    seen: dict[str, set[int]] = {}
    for pid, dose, deleted in s.execute(
            select(Vaccination.person_id, Vaccination.dose_no, Vaccination.deleted)
            .where(Vaccination.person_id.in_(pids))):
        if not deleted:
            seen.setdefault(pid, set()).add(dose)
    return {pid: len(d) for pid, d in seen.items()}


def _label(vocab: type, code: str) -> str:
    try:
        return vocab(code).label
    except ValueError:
        return code or ""


def _doses_text(n: int) -> str:
    return f"{n} mũi" if n else "Chưa tiêm"


def household_docs(db: Database, scope: Scope, *, full_address: bool = False
                   ) -> list[HouseholdDoc]:
    """The households of `scope` with their members (head first, then by age), in code order.

    `full_address` adds the area, village and commune to the street address (forms print no
    separate area line)."""
    clause = household_clause(db, scope)
    hh_ids = select(Household.id).where(clause).scalar_subquery()
    with db.session() as s:
        units = {u.id: u.name for u in s.scalars(select(Unit))}
        parents = {u.id: u.parent_id for u in s.scalars(select(Unit))}
        houses = s.execute(select(Household.id, Household.code, Household.head_id,
                                  Household.head_name, Household.address, Household.area,
                                  Household.phone, Household.unit_id)
                           .where(clause).order_by(Household.code)).all()
        members: dict[str, list[tuple]] = {}
        pids: list[str] = []
        for row in s.execute(select(Person.household_id, Person.id, Person.full_name,
                                    Person.birth_date, Person.birth_year, Person.sex, Person.cccd,
                                    Person.phone, Person.relation, Person.residency,
                                    Person.sort_key)
                             .where(Person.deleted.is_(False), Person.household_id.in_(hh_ids))):
            members.setdefault(row[0], []).append(row)
            pids.append(row[1])
        doses = _dose_counts(s, pids)
        leaders = _team_leaders(s, hh_ids)
    out = []
    for hid, code, head_id, head_name, address, area, phone, unit_id in houses:
        people = sorted(members.get(hid, []),
                        key=lambda p, h=head_id: (p[1] != h, p[4] or 9999, p[10]))
        rows = [MemberRow(
            full_name=p[2], birth=format_birth(p[3], p[4]), sex=_label(Sex, p[5]),
            cccd=p[6] or "", phone=phone_text(p[7]),
            relation=Relation.HEAD.label if p[1] == head_id else _label(Relation, p[8]),
            residency=_label(Residency, p[9]), vaccination=_doses_text(doses.get(p[1], 0)),
        ) for p in people]
        village = units.get(unit_id, "")
        commune = units.get(parents.get(unit_id) or "", "") if full_address else ""
        parts = [address, area if full_address else "", village, commune]
        leader, leader_phone = leaders.get(hid, ("", ""))
        if not phone:  # most households have no fixed line: the head's mobile is the contact
            phone = next((p[7] for p in people if p[1] == head_id and p[7]), None)
        out.append(HouseholdDoc(
            code=code, head_name=head_name, address=", ".join(p for p in parts if p),
            area=area, members=rows, phone=phone_text(phone), team_leader=leader,
            team_phone=leader_phone))
    return out


def household_units(db: Database, scope: Scope) -> list[str]:
    """The distinct units (villages) the households of `scope` belong to."""
    clause = household_clause(db, scope)
    with db.session() as s:
        return list(s.scalars(select(Household.unit_id).where(clause).distinct()))


def quarantine_docs(db: Database, scope: Scope, *, today: date | None = None,
                    quarantine_days: int = 14) -> list[QuarantineDoc]:
    """People in home quarantine on `today` (of one household, a selection of households, all,
    or those whose household has no quarantine commitment signed since the start)."""
    today = today or date.today()
    if scope.kind in ("household", "selection"):
        where = Household.id.in_(select(Household.id).where(household_clause(db, scope)))
    else:
        where = Household.deleted.is_(False)
    if scope.kind == "unsigned":
        where = and_(where, ~exists().where(
            Commitment.household_id == Household.id,
            Commitment.kind == CommitmentKind.QUARANTINE, Commitment.deleted.is_(False),
            Commitment.signed_on >= HealthStatus.start_date))
    stmt = (select(HealthStatus.person_id, HealthStatus.start_date, HealthStatus.planned_end,
                   HealthStatus.end_date, HealthStatus.notes, Person.full_name,
                   Person.birth_date, Person.birth_year, Person.cccd, Person.phone,
                   Household.id, Household.code, Household.head_name, Household.address,
                   Household.area, Household.phone)
            .join(Person, Person.id == HealthStatus.person_id)
            .join(Household, Household.id == Person.household_id)
            .where(active_health_clause(today), HealthStatus.kind == HealthKind.QUARANTINE,
                   HealthStatus.place == CarePlace.HOME, Person.deleted.is_(False), where)
            .order_by(Household.code, Person.sort_key))
    with db.session() as s:
        rows = s.execute(stmt).all()
        pids = [r[0] for r in rows]
        sources = {}
        if pids:
            src = Person.__table__.alias("src")
            for pid, name in s.execute(
                    select(HealthStatus.person_id, src.c.full_name)
                    .join(src, src.c.id == HealthStatus.source_person_id)
                    .where(HealthStatus.person_id.in_(pids), HealthStatus.kind == HealthKind.F1,
                           active_health_clause(today))):
                sources[pid] = name
        leaders = _team_leaders(s, [r[10] for r in rows]) if rows else {}
    out = []
    seen: set[str] = set()
    for (pid, start, planned, end, notes, name, bdate, byear, cccd, phone, hid, code, head,
         address, area, hphone) in rows:
        if pid in seen:  # two overlapping periods: one form
            continue
        seen.add(pid)
        reason = f"F1 của {sources[pid]}" if pid in sources else notes
        out.append(QuarantineDoc(
            person_name=name, birth=format_birth(bdate, byear), cccd=cccd or "",
            phone=phone_text(phone or hphone), head_name=head,
            address=", ".join(p for p in (address, area) if p), start=start,
            end=end or planned or start + timedelta(days=quarantine_days), reason=reason or "",
            household_code=code, team_member=leaders.get(hid, ("", ""))[0]))
    return out


def organisation_docs(db: Database, scope: Scope) -> list[OrganisationDoc]:
    """Organisations: all, a selection of ids, or those without a signed commitment."""
    where = Organization.deleted.is_(False)
    if scope.kind == "household":
        raise ServiceError("Bản cam kết của cơ quan, cơ sở in theo danh sách cơ sở (tất cả, "
                           "đã chọn hoặc chưa ký), không theo mã hộ.", field="household")
    if scope.kind == "selection":
        where = and_(where, Organization.id.in_(scope.ids))
    elif scope.kind == "unsigned":
        where = and_(where, Organization.id.not_in(select(Commitment.organization_id).where(
            Commitment.organization_id.is_not(None), Commitment.deleted.is_(False))))
    with db.session() as s:
        rows = s.execute(select(Organization.name, Organization.address, Organization.area,
                                Organization.contact_person, Organization.kind,
                                Organization.phone, Organization.workers)
                         .where(where).order_by(Organization.name_key)).all()
    return [OrganisationDoc(
        name=name, address=", ".join(p for p in (address, area) if p), representative=contact,
        title=ORG_TITLES.get(kind, ""), phone=phone_text(phone), workers=workers or 0,
        sector=_label(OrganizationKind, kind)) for name, address, area, contact, kind, phone,
        workers in rows]


def find_households(db: Database, query: str = "", *, limit: int = 200
                    ) -> list[HouseholdChoice]:
    """Households whose code, address, area or a member's name/CCCD/phone matches every word
    of `query` (accent-insensitive), in code order; all households when `query` is empty."""
    words = fold(query).split()
    clauses = []
    for w in words:
        like = "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(or_(
            Household.search_key.like(like, escape="\\"),
            Household.id.in_(select(Person.household_id).where(
                Person.deleted.is_(False), Person.search_key.like(like, escape="\\")))))
    # pick the page of ids first: SQLite computes the select list before sorting
    page = (select(Household.id).where(Household.deleted.is_(False), *clauses)
            .order_by(Household.code).limit(limit).subquery())
    # the live-member count as a sum: with "deleted" in the WHERE clause SQLite would walk the
    # search index (deleted, …) instead of the household_id index
    members = (select(func.coalesce(func.sum(case((Person.deleted.is_(False), 1), else_=0)), 0))
               .where(Person.household_id == Household.id)
               .correlate(Household).scalar_subquery())
    stmt = (select(Household.id, Household.code, Household.head_name, Household.address,
                   members, _signed_household())
            .join(page, page.c.id == Household.id).order_by(Household.code))
    with db.session() as s:
        return [HouseholdChoice(hid, code, head, address, n, bool(signed))
                for hid, code, head, address, n, signed in s.execute(stmt)]


def household_choice(db: Database, household_id: str) -> HouseholdChoice | None:
    """One live household as the picker lists it (None when it does not exist)."""
    members = (select(func.coalesce(func.sum(case((Person.deleted.is_(False), 1), else_=0)), 0))
               .where(Person.household_id == Household.id)
               .correlate(Household).scalar_subquery())
    stmt = (select(Household.id, Household.code, Household.head_name, Household.address,
                   members, _signed_household())
            .where(Household.id == household_id, Household.deleted.is_(False)))
    with db.session() as s:
        row = s.execute(stmt).first()
    return None if row is None else HouseholdChoice(row[0], row[1], row[2], row[3], row[4],
                                                    bool(row[5]))
