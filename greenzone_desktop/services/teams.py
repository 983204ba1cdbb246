"""Teams (Ban chỉ đạo, Tổ Covid cộng đồng, Tổ tự quản, Tổ phản ứng nhanh), their members and
the households each community or self-management team covers; printable member lists."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from greenzone_desktop.models import Household, Person, Team, TeamHousehold, TeamMember
from greenzone_desktop.models.db import Database
from greenzone_desktop.printing.data import PrintSummary
from greenzone_desktop.printing.team_list import TeamListDoc, TeamMemberRow, write_team_list
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import NotFoundError, ValidationError
from greenzone_desktop.services.settings import get_setting
from greenzone_desktop.text import TextError, fold, name_sort_key, nfc, normalize_phone
from greenzone_desktop.vocab import TeamKind

CHANGED = Changes(community=True)
# Teams that cover households; a household belongs to at most one team of each of these kinds.
COVERING_KINDS = (TeamKind.COMMUNITY.value, TeamKind.SELF_MANAGED.value)
# Rapid response team: 5–7 people (deputy police chief leads; military, health, volunteers).
RAPID_RESPONSE_SIZE = (5, 7)
LEADER_WORDS = ("truong ban", "to truong", "truong", "pho truong ban", "to pho", "pho")


@dataclass(frozen=True)
class TeamInput:
    kind: str
    name: str
    area: str = ""
    notes: str = ""


@dataclass(frozen=True)
class MemberInput:
    full_name: str
    role: str = "Thành viên"
    organisation: str = ""
    phone: str | None = None
    person_id: str | None = None


@dataclass(frozen=True)
class TeamView:
    id: str
    kind: str
    name: str
    area: str
    notes: str
    members: int
    households: int

    @property
    def kind_label(self) -> str:
        return TeamKind(self.kind).label

    @property
    def warning(self) -> str:
        """What a person should fix about this team ("" when nothing)."""
        low, high = RAPID_RESPONSE_SIZE
        if self.kind == TeamKind.RAPID_RESPONSE and not low <= self.members <= high:
            return f"Tổ phản ứng nhanh cần {low}–{high} người (đang có {self.members})."
        if self.kind in COVERING_KINDS and self.households == 0:
            return "Tổ chưa được giao hộ nào."
        if self.members == 0:
            return "Tổ chưa có thành viên."
        return ""


@dataclass(frozen=True)
class TeamMemberView:
    id: str
    team_id: str
    person_id: str | None
    full_name: str
    role: str
    organisation: str
    phone: str | None


@dataclass(frozen=True)
class CoveredHousehold:
    id: str
    code: str
    head_name: str
    address: str
    area: str


@dataclass(frozen=True)
class AutoAssignResult:
    teams_created: int
    households_assigned: int


def _clean_team(team: TeamInput) -> dict:
    errors: dict[str, str] = {}
    if team.kind not in TeamKind.codes():
        errors["kind"] = f"Loại tổ «{team.kind}» không có trong danh mục."
    name = nfc(team.name)
    if not name:
        errors["name"] = "Chưa nhập tên tổ/ban."
    if errors:
        raise ValidationError(errors)
    return {"kind": team.kind, "name": name, "area": nfc(team.area) or "",
            "notes": nfc(team.notes) or ""}


def _team(s: Session, team_id: str) -> Team:
    t = s.get(Team, team_id)
    if t is None or t.deleted:
        raise NotFoundError("Không tìm thấy tổ/ban này (có thể đã bị xóa).")
    return t


def list_teams(db: Database, kind: str | None = None) -> list[TeamView]:
    """Teams in kind order (steering, community, self-managed, rapid response), then by name."""
    members = (select(func.count()).where(TeamMember.team_id == Team.id,
                                          TeamMember.deleted.is_(False))
               .correlate(Team).scalar_subquery())
    covered = (select(func.count()).select_from(TeamHousehold)
               .join(Household, Household.id == TeamHousehold.household_id)
               .where(TeamHousehold.team_id == Team.id, TeamHousehold.deleted.is_(False),
                      Household.deleted.is_(False))
               .correlate(Team).scalar_subquery())
    stmt = select(Team.id, Team.kind, Team.name, Team.area, Team.notes, members, covered).where(
        Team.deleted.is_(False))
    if kind:
        stmt = stmt.where(Team.kind == kind)
    with db.session() as s:
        rows = [TeamView(*r) for r in s.execute(stmt)]
    order = {k: i for i, k in enumerate(TeamKind.codes())}
    return sorted(rows, key=lambda t: (order.get(t.kind, 9), _number_key(t.name)))


def _number_key(name: str) -> tuple:
    """'Tổ số 10' after 'Tổ số 9': digits compare as numbers."""
    parts: list[tuple[int, object]] = []
    for word in fold(name).split():
        parts.append((0, int(word)) if word.isdigit() else (1, word))
    return tuple(parts)


def save_team(db: Database, team: TeamInput, team_id: str | None = None) -> str:
    """Create a team (no id) or update one; returns its id."""
    values = _clean_team(team)
    with db.session() as s:
        if team_id is None:
            t = Team(unit_id=db.home_unit_id, **values)
            s.add(t)
            s.flush()
            return t.id
        t = _team(s, team_id)
        for k, v in values.items():
            setattr(t, k, v)
        return t.id


def delete_team(db: Database, team_id: str) -> Changes:
    """Soft-delete a team with its members and household links (restorable from the trash)."""
    with db.session() as s:
        t = _team(s, team_id)
        t.deleted = True
        for model in (TeamMember, TeamHousehold):
            for row in s.scalars(select(model).where(model.team_id == team_id,
                                                     model.deleted.is_(False))):
                row.deleted = True
    return CHANGED


def restore_team(db: Database, team_id: str) -> Changes:
    """Undo delete_team: the team and the members and household links deleted with it."""
    with db.session() as s:
        t = s.get(Team, team_id)
        if t is None:
            raise NotFoundError("Không tìm thấy tổ/ban này.")
        if not t.deleted:
            return Changes()
        stamp = t.updated_at
        t.deleted = False
        for model in (TeamMember, TeamHousehold):
            for row in s.scalars(select(model).where(model.team_id == team_id, model.deleted)):
                if row.updated_at is not None and stamp is not None and row.updated_at >= stamp:
                    row.deleted = False
    return CHANGED


def deleted_teams(db: Database, *, limit: int = 500) -> list[Team]:
    """Teams in the Trash, the latest deleted first (detached rows)."""
    with db.session() as s:
        rows = list(s.scalars(select(Team).where(Team.deleted)
                              .order_by(Team.updated_at.desc()).limit(limit)))
        s.expunge_all()
    return rows


def _role_rank(role: str) -> int:
    key = fold(role)
    for i, word in enumerate(LEADER_WORDS):
        if key.startswith(word):
            return i
    return len(LEADER_WORDS)


def team_members(db: Database, team_id: str) -> list[TeamMemberView]:
    """Leaders first, then members in given-name order."""
    with db.session() as s:
        rows = s.scalars(select(TeamMember).where(TeamMember.team_id == team_id,
                                                  TeamMember.deleted.is_(False))).all()
        views = [TeamMemberView(m.id, m.team_id, m.person_id, m.full_name, m.role,
                                m.organisation, m.phone) for m in rows]
    return sorted(views, key=lambda m: (_role_rank(m.role), name_sort_key(m.full_name)))


def save_member(db: Database, team_id: str, member: MemberInput,
                member_id: str | None = None) -> str:
    """Add a member to a team (no id) or update one; returns the member's id."""
    errors: dict[str, str] = {}
    name = nfc(member.full_name)
    if not name:
        errors["full_name"] = "Chưa nhập họ và tên thành viên."
    phone = None
    try:
        phone = normalize_phone(member.phone)
    except TextError as exc:
        errors["phone"] = str(exc)
    if errors:
        raise ValidationError(errors)
    values = {"full_name": name, "role": nfc(member.role) or "Thành viên",
              "organisation": nfc(member.organisation) or "", "phone": phone,
              "person_id": member.person_id}
    with db.session() as s:
        _team(s, team_id)
        if member.person_id is not None and s.get(Person, member.person_id) is None:
            raise NotFoundError("Không tìm thấy người được chọn trong sổ hộ.")
        if member_id is None:
            m = TeamMember(unit_id=db.home_unit_id, team_id=team_id, **values)
            s.add(m)
            s.flush()
            return m.id
        m = s.get(TeamMember, member_id)
        if m is None or m.deleted:
            raise NotFoundError("Không tìm thấy thành viên này.")
        for k, v in values.items():
            setattr(m, k, v)
        return m.id


def delete_member(db: Database, member_id: str) -> Changes:
    with db.session() as s:
        m = s.get(TeamMember, member_id)
        if m is None or m.deleted:
            raise NotFoundError("Không tìm thấy thành viên này.")
        m.deleted = True
    return CHANGED


# -- households covered ----------------------------------------------------------------------

def team_households(db: Database, team_id: str) -> list[CoveredHousehold]:
    with db.session() as s:
        rows = s.execute(
            select(Household.id, Household.code, Household.head_name, Household.address,
                   Household.area)
            .join(TeamHousehold, TeamHousehold.household_id == Household.id)
            .where(TeamHousehold.team_id == team_id, TeamHousehold.deleted.is_(False),
                   Household.deleted.is_(False))
            .order_by(Household.code)).all()
    return [CoveredHousehold(*r) for r in rows]


def _covered_clause(kind: str):  # noqa: ANN202 - SQLAlchemy clause
    return (select(TeamHousehold.household_id)
            .join(Team, Team.id == TeamHousehold.team_id)
            .where(TeamHousehold.deleted.is_(False), Team.deleted.is_(False), Team.kind == kind))


def uncovered_households(db: Database, kind: str = TeamKind.COMMUNITY.value, *,
                         limit: int | None = None) -> list[CoveredHousehold]:
    """Households no team of `kind` covers yet, in code order."""
    stmt = (select(Household.id, Household.code, Household.head_name, Household.address,
                   Household.area)
            .where(Household.deleted.is_(False), Household.id.not_in(_covered_clause(kind)))
            .order_by(Household.code))
    if limit is not None:
        stmt = stmt.limit(limit)
    with db.session() as s:
        return [CoveredHousehold(*r) for r in s.execute(stmt)]


def assign_households(db: Database, team_id: str, household_ids: Iterable[str]) -> Changes:
    """Give households to a team; a household leaves any other team of the same kind."""
    ids = list(dict.fromkeys(household_ids))
    with db.session() as s:
        t = _team(s, team_id)
        if t.kind not in COVERING_KINDS:
            raise ValidationError({"team": f"{TeamKind(t.kind).label} không phụ trách hộ; chỉ "
                                   "Tổ Covid cộng đồng và Tổ tự quản được giao hộ."})
        found = set(s.scalars(select(Household.id).where(Household.id.in_(ids),
                                                         Household.deleted.is_(False))))
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFoundError(f"Không tìm thấy {len(missing)} hộ được chọn (có thể đã bị xóa).")
        same_kind = select(Team.id).where(Team.kind == t.kind)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for link in s.scalars(select(TeamHousehold).where(
                    TeamHousehold.household_id.in_(chunk), TeamHousehold.deleted.is_(False),
                    TeamHousehold.team_id.in_(same_kind))):
                if link.team_id != team_id:
                    link.deleted = True
            have = set(s.scalars(select(TeamHousehold.household_id).where(
                TeamHousehold.team_id == team_id, TeamHousehold.deleted.is_(False),
                TeamHousehold.household_id.in_(chunk))))
            s.add_all(TeamHousehold(unit_id=t.unit_id, team_id=team_id, household_id=h)
                      for h in chunk if h not in have)
    return CHANGED


def unassign_households(db: Database, team_id: str, household_ids: Iterable[str]) -> Changes:
    ids = list(household_ids)
    with db.session() as s:
        _team(s, team_id)
        s.execute(update(TeamHousehold)
                  .where(TeamHousehold.team_id == team_id, TeamHousehold.household_id.in_(ids),
                         TeamHousehold.deleted.is_(False))
                  .values(deleted=True)
                  .execution_options(synchronize_session=False))
    return CHANGED


def auto_assign_community(db: Database, per_team: int | None = None) -> AutoAssignResult:
    """Give every household without a community team to one: existing teams are filled up to
    `per_team` (setting `households_per_covid_team`, ~60–70), then new teams are made."""
    per_team = int(per_team or get_setting(db, "households_per_covid_team") or 70)
    if not 10 <= per_team <= 500:
        raise ValidationError({"per_team": "Số hộ mỗi Tổ Covid cộng đồng phải từ 10 đến 500."})
    kind = TeamKind.COMMUNITY.value
    waiting = uncovered_households(db, kind)
    if not waiting:
        return AutoAssignResult(0, 0)
    teams = list_teams(db, kind)
    created = 0
    plan: list[tuple[str, list[str]]] = []
    queue = [h.id for h in waiting]
    for t in teams:
        room = per_team - t.households
        if room > 0 and queue:
            plan.append((t.id, queue[:room]))
            queue = queue[room:]
    number = len(teams)
    while queue:
        number += 1
        chunk = queue[:per_team]
        queue = queue[per_team:]
        area = next((h.area for h in waiting if h.id == chunk[0]), "")
        tid = save_team(db, TeamInput(kind, f"Tổ Covid cộng đồng số {number}", area))
        created += 1
        plan.append((tid, chunk))
    for tid, ids in plan:
        assign_households(db, tid, ids)
    return AutoAssignResult(created, len(waiting))


# -- printing --------------------------------------------------------------------------------

def team_list_doc(db: Database, team_id: str, *, today: date | None = None) -> TeamListDoc:
    """The plain data of a team's printed member list."""
    with db.session() as s:
        t = _team(s, team_id)
        kind, name, area = t.kind, t.name, t.area
    members = team_members(db, team_id)
    households = len(team_households(db, team_id)) if kind in COVERING_KINDS else 0
    return TeamListDoc(
        kind_label=TeamKind(kind).label, name=name, area=area, households=households,
        members=[TeamMemberRow(m.full_name, m.role, m.organisation, _phone_text(m.phone))
                 for m in members],
        when=today or date.today())


def _phone_text(number: str | None) -> str:
    from greenzone_desktop.services.print_unit import phone_text

    return phone_text(number)


def print_team_lists(db: Database, team_ids: Sequence[str], out: str | os.PathLike[str], *,
                     today: date | None = None) -> PrintSummary:
    """Member lists of the given teams in one PDF, each on its own pages."""
    from greenzone_desktop.services.print_unit import unit_info

    if not team_ids:
        raise ValidationError({"teams": "Chưa chọn tổ/ban nào để in danh sách."})
    docs = [team_list_doc(db, tid, today=today) for tid in team_ids]
    return write_team_list(out, docs, unit_info(db))
