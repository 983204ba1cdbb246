"""Signed commitments of households and organisations: record one, list who has signed and who
has not, mark many at once after a round of signing (and undo it), and the coverage (% signed).

A household counts as signed with a live "household" commitment, an organisation with a live
"organisation" one (as in stats.register_stats and the green-zone criterion). A home-quarantine
commitment concerns the households with someone in home quarantine today; it counts when signed
at most `quarantine_commitment_grace_days` before the quarantine started.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, false, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from greenzone_desktop.models import Commitment, HealthStatus, Household, Organization, Person
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ServiceError, ValidationError
from greenzone_desktop.services.settings import get_setting
from greenzone_desktop.text import TextError, fold, nfc, parse_date
from greenzone_desktop.vocab import CarePlace, CommitmentKind, HealthKind

STATUSES = {"": "Tất cả", "unsigned": "Chưa ký", "signed": "Đã ký"}
HOUSEHOLD_SORTS = ("code", "head", "address", "area", "members", "signed_on")
ORGANIZATION_SORTS = ("name", "address", "area", "workers", "signed_on")
CHANGES = Changes(commitments=True, households=True, organizations=True)
CHUNK = 500


@dataclass(frozen=True)
class CommitmentQuery:
    """Which signers to list: the kind of commitment decides households or organisations."""

    kind: str = CommitmentKind.HOUSEHOLD.value
    status: str = ""  # STATUSES key
    text: str = ""
    area: str = ""
    today: date | None = None  # for home quarantine (default: today)

    @property
    def target(self) -> str:
        return "organizations" if self.kind == CommitmentKind.ORGANISATION else "households"


@dataclass(frozen=True)
class SignerRow:
    """One household or organisation with its commitment of the listed kind."""

    id: str
    target: str  # "households" | "organizations"
    code: str  # household code; "" for organisations
    name: str  # head of household, or the organisation's name
    address: str
    area: str
    size: int  # members, or workers
    contact: str  # the organisation's contact person; "" for households
    signed_on: date | None
    signed_by: str
    commitment_id: str | None

    @property
    def signed(self) -> bool:
        return self.signed_on is not None


@dataclass(frozen=True)
class Coverage:
    households: int
    households_signed: int
    organizations: int
    organizations_signed: int
    quarantine_households: int
    quarantine_signed: int

    @staticmethod
    def percent(signed: int, total: int) -> float:
        return round(100 * signed / total, 1) if total else 100.0

    @property
    def households_percent(self) -> float:
        return self.percent(self.households_signed, self.households)

    @property
    def organizations_percent(self) -> float:
        return self.percent(self.organizations_signed, self.organizations)

    @property
    def quarantine_percent(self) -> float:
        return self.percent(self.quarantine_signed, self.quarantine_households)


@dataclass(frozen=True)
class CommitmentView:
    id: str
    kind: str
    household_id: str | None
    organization_id: str | None
    signed_on: date
    signed_by: str
    notes: str

    @property
    def kind_label(self) -> str:
        return CommitmentKind(self.kind).label


@dataclass(frozen=True)
class MarkResult:
    created: tuple[str, ...]  # the new commitments (undo deletes them)
    skipped: int  # already signed
    changes: Changes


# -- which households / organisations count as signed -------------------------------------------

def _kind(kind: str) -> CommitmentKind:
    found = CommitmentKind.from_label(kind or "")
    if found is None:
        raise ValidationError({"kind": f"Loại cam kết «{kind}» không có trong danh mục."})
    return found  # type: ignore[return-value]


def _signed_households(kind: str):  # noqa: ANN202 - a select of household ids
    # an uncorrelated IN: SQLite builds the set once (see print_data._signed_household)
    return select(Commitment.household_id).where(
        Commitment.kind == kind, Commitment.deleted.is_(False),
        Commitment.household_id.is_not(None))


def _signed_organizations():  # noqa: ANN202
    return select(Commitment.organization_id).where(
        Commitment.kind == CommitmentKind.ORGANISATION, Commitment.deleted.is_(False),
        Commitment.organization_id.is_not(None))


def _quarantine_starts(s: Session, today: date) -> dict[str, date]:
    """Household id → start of the earliest home quarantine running today in it."""
    rows = s.execute(
        select(Person.household_id, func.min(HealthStatus.start_date))
        .join(Person, Person.id == HealthStatus.person_id)
        .where(HealthStatus.deleted.is_(False), HealthStatus.kind == HealthKind.QUARANTINE,
               HealthStatus.place == CarePlace.HOME, HealthStatus.start_date <= today,
               or_(HealthStatus.end_date.is_(None), HealthStatus.end_date >= today),
               Person.deleted.is_(False))
        .group_by(Person.household_id)).all()
    return dict(rows)


def _quarantine_signed(s: Session, db: Database, starts: dict[str, date]) -> set[str]:
    if not starts:
        return set()
    grace = int(get_setting(db, "quarantine_commitment_grace_days") or 0)
    signed: set[str] = set()
    for hid, on in s.execute(select(Commitment.household_id, Commitment.signed_on).where(
            Commitment.kind == CommitmentKind.QUARANTINE, Commitment.deleted.is_(False),
            Commitment.household_id.in_(list(starts)))):
        if on >= starts[hid] - timedelta(days=grace):
            signed.add(hid)
    return signed


def coverage(db: Database, today: date | None = None) -> Coverage:
    """How many households and organisations have signed (and home-quarantine households)."""
    today = today or date.today()
    with db.session() as s:
        live_h = Household.deleted.is_(False)
        households = s.scalar(select(func.count()).select_from(Household).where(live_h)) or 0
        h_signed = s.scalar(select(func.count()).select_from(Household).where(
            live_h, Household.id.in_(_signed_households(CommitmentKind.HOUSEHOLD)))) or 0
        live_o = Organization.deleted.is_(False)
        orgs = s.scalar(select(func.count()).select_from(Organization).where(live_o)) or 0
        o_signed = s.scalar(select(func.count()).select_from(Organization).where(
            live_o, Organization.id.in_(_signed_organizations()))) or 0
        starts = _quarantine_starts(s, today)
        q_signed = len(_quarantine_signed(s, db, starts))
    return Coverage(households, h_signed, orgs, o_signed, len(starts), q_signed)


# -- listing ------------------------------------------------------------------------------------

def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _household_text(query: str) -> list[ColumnElement]:
    """Every word in the household's code/address/area/phone or a member's name/CCCD/phone."""
    out = []
    for w in fold(query).split():
        like = _like(w)
        out.append(or_(
            Household.search_key.like(like, escape="\\"),
            Household.id.in_(select(Person.household_id).where(
                Person.deleted == false(), Person.search_key.like(like, escape="\\")))))
    return out


def signer_keys(db: Database, query: CommitmentQuery | None = None, sort: str | None = None,
                descending: bool = False) -> list[str]:
    """Ids of the households (or organisations) of `query`, in SQL order."""
    q = query or CommitmentQuery()
    kind = _kind(q.kind)
    if q.status not in STATUSES:
        raise ValueError(f"trạng thái cam kết không hợp lệ: {q.status!r}")
    if q.target == "organizations":
        return _organization_keys(db, q, sort or "name", descending)
    return _household_keys(db, q, kind, sort or "code", descending)


def _latest(kind: str, column: ColumnElement):  # noqa: ANN202 - a subquery
    return (select(column.label("sid"), func.max(Commitment.signed_on).label("signed_on"))
            .where(Commitment.kind == kind, Commitment.deleted.is_(False), column.is_not(None))
            .group_by(column).subquery())


def _household_keys(db: Database, q: CommitmentQuery, kind: str, sort: str,
                    descending: bool) -> list[str]:
    if sort not in HOUSEHOLD_SORTS:
        raise ValueError(f"cột sắp xếp không hợp lệ: {sort!r}")
    where = [Household.deleted.is_(False), *_household_text(q.text)]
    if q.area:
        where.append(Household.area == q.area)
    with db.session() as s:
        if kind == CommitmentKind.QUARANTINE:
            starts = _quarantine_starts(s, q.today or date.today())
            signed = _quarantine_signed(s, db, starts)
            where.append(Household.id.in_(list(starts)))
            if q.status:
                chosen = signed if q.status == "signed" else set(starts) - signed
                where.append(Household.id.in_(list(chosen)))
        elif q.status:
            inside = Household.id.in_(_signed_households(kind))
            where.append(inside if q.status == "signed" else ~inside)
        stmt = select(Household.id).where(*where)
        latest = _latest(kind, Commitment.household_id)
        if sort == "signed_on":
            stmt = stmt.outerjoin(latest, latest.c.sid == Household.id)
        members = (select(func.count()).where(Person.household_id == Household.id,
                                              Person.deleted.is_not(True))
                   .correlate(Household).scalar_subquery())
        columns = {"code": [Household.code], "head": [Household.head_sort],
                   "address": [Household.address], "area": [Household.area],
                   "members": [members], "signed_on": [latest.c.signed_on]}[sort]
        order = [c.desc() if descending else c for c in columns]
        return list(s.connection().execute(  # Core: no ORM handling of 20 000 ids
            stmt.order_by(*order, Household.code, Household.id)).scalars())


def _organization_keys(db: Database, q: CommitmentQuery, sort: str, descending: bool
                       ) -> list[str]:
    if sort not in ORGANIZATION_SORTS:
        raise ValueError(f"cột sắp xếp không hợp lệ: {sort!r}")
    where = [Organization.deleted.is_(False)]
    words = fold(q.text).split()
    if words:  # a few hundred organisations: fold their text here rather than in SQL
        with db.session() as s:
            rows = s.execute(select(Organization.id, Organization.name_key,
                                    Organization.contact_person, Organization.address,
                                    Organization.area, Organization.phone)
                             .where(Organization.deleted.is_(False))).all()
        hits = [r[0] for r in rows
                if all(w in " ".join(fold(x or "") for x in r[1:]) for w in words)]
        where.append(Organization.id.in_(hits))
    if q.area:
        where.append(Organization.area == q.area)
    if q.status:
        inside = Organization.id.in_(_signed_organizations())
        where.append(inside if q.status == "signed" else ~inside)
    latest = _latest(CommitmentKind.ORGANISATION, Commitment.organization_id)
    stmt = select(Organization.id).outerjoin(latest, latest.c.sid == Organization.id)
    columns = {"name": Organization.name_key, "address": Organization.address,
               "area": Organization.area, "workers": Organization.workers,
               "signed_on": latest.c.signed_on}[sort]
    with db.session() as s:
        return list(s.scalars(stmt.where(*where).order_by(
            columns.desc() if descending else columns, Organization.name_key, Organization.id)))


def signer_rows(db: Database, ids: Sequence[str], kind: str = CommitmentKind.HOUSEHOLD.value
                ) -> list[SignerRow]:
    """The rows of `ids` (same order) with their latest live commitment of `kind`."""
    kind = _kind(kind)
    if not ids:
        return []
    ids = list(ids)
    by_id: dict[str, SignerRow] = {}
    with db.session() as s:
        latest = _latest_commitments(s, kind, ids)
        if kind == CommitmentKind.ORGANISATION:
            for o in s.scalars(select(Organization).where(Organization.id.in_(ids))):
                on, by, cid = latest.get(o.id, (None, "", None))
                by_id[o.id] = SignerRow(o.id, "organizations", "", o.name, o.address, o.area,
                                        o.workers, o.contact_person, on, by, cid)
        else:
            members = dict(s.execute(
                select(Person.household_id,
                       func.sum(case((Person.deleted.is_(False), 1), else_=0)))
                .where(Person.household_id.in_(ids)).group_by(Person.household_id)).all())
            for h in s.execute(select(Household.id, Household.code, Household.head_name,
                                      Household.address, Household.area)
                               .where(Household.id.in_(ids))):
                on, by, cid = latest.get(h.id, (None, "", None))
                by_id[h.id] = SignerRow(h.id, "households", h.code, h.head_name, h.address,
                                        h.area, int(members.get(h.id) or 0), "", on, by, cid)
    return [by_id[i] for i in ids if i in by_id]


def _latest_commitments(s: Session, kind: str, ids: list[str]
                        ) -> dict[str, tuple[date, str, str]]:
    column = (Commitment.organization_id if kind == CommitmentKind.ORGANISATION
              else Commitment.household_id)
    out: dict[str, tuple[date, str, str]] = {}
    for sid, on, by, cid in s.execute(
            select(column, Commitment.signed_on, Commitment.signed_by, Commitment.id)
            .where(column.in_(ids), Commitment.kind == kind, Commitment.deleted.is_(False))
            .order_by(Commitment.signed_on, Commitment.created_at)):
        out[sid] = (on, by, cid)  # the latest wins
    return out


def commitments_of(db: Database, *, household_id: str | None = None,
                   organization_id: str | None = None) -> list[CommitmentView]:
    """Every live commitment of one household or organisation, the latest first."""
    if (household_id is None) == (organization_id is None):
        raise ValueError("cần đúng một trong household_id, organization_id")
    where = (Commitment.household_id == household_id if household_id
             else Commitment.organization_id == organization_id)
    with db.session() as s:
        return [CommitmentView(c.id, c.kind, c.household_id, c.organization_id, c.signed_on,
                               c.signed_by, c.notes)
                for c in s.scalars(select(Commitment).where(where, Commitment.deleted.is_(False))
                                   .order_by(Commitment.signed_on.desc()))]


# -- writing ------------------------------------------------------------------------------------

def _signed_on(value: date | str | None) -> date:
    try:
        on = parse_date(value, field="Ngày ký")
    except TextError as exc:
        raise ValidationError({"signed_on": str(exc)}) from exc
    if on is None:
        raise ValidationError({"signed_on": "Cần nhập ngày ký cam kết (dd/mm/yyyy)."})
    return on


def record_commitment(db: Database, *, kind: str, signed_on: date | str,
                      household_id: str | None = None, organization_id: str | None = None,
                      signed_by: str = "", notes: str = "") -> str:
    """Record one signed commitment; an empty signer means the head / the contact person."""
    k = _kind(kind)
    if (household_id is None) == (organization_id is None):
        raise ServiceError("Cam kết phải do đúng một hộ gia đình hoặc một cơ sở ký.")
    target = "organizations" if organization_id else "households"
    ids = [organization_id or household_id or ""]
    _check_target(k, target)
    result = mark_signed(db, ids, kind=k, signed_on=signed_on, signed_by=signed_by,
                         notes=notes, skip_signed=False)
    return result.created[0]


def _check_target(kind: str, target: str) -> None:
    if (kind == CommitmentKind.ORGANISATION) != (target == "organizations"):
        raise ServiceError("Cam kết cơ quan, cơ sở chỉ dành cho cơ quan, cơ sở; cam kết hộ gia "
                           "đình và cách ly tại nhà chỉ dành cho hộ gia đình.", field="kind")


def mark_signed(db: Database, ids: Sequence[str], *, kind: str, signed_on: date | str,
                signed_by: str = "", notes: str = "", skip_signed: bool = True,
                progress: Callable[[int, int], None] | None = None) -> MarkResult:
    """Record that each household (or organisation, for kind "organisation") of `ids` signed
    on `signed_on`. Those already signed are skipped unless `skip_signed` is False. An empty
    signer means the head of household / the organisation's contact person."""
    k = _kind(kind)
    on = _signed_on(signed_on)
    signer = nfc(signed_by) or ""
    note = nfc(notes) or ""
    ids = list(dict.fromkeys(ids))
    if not ids:
        raise ServiceError("Chưa chọn hộ hoặc cơ sở nào để đánh dấu đã ký.")
    orgs = k == CommitmentKind.ORGANISATION
    created: list[str] = []
    skipped = 0
    with db.session() as s:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            if orgs:
                found = {o.id: (o.contact_person, o.unit_id) for o in s.scalars(
                    select(Organization).where(Organization.id.in_(chunk),
                                               Organization.deleted.is_(False)))}
                signed = set(s.scalars(_signed_organizations().where(
                    Commitment.organization_id.in_(chunk)))) if skip_signed else set()
            else:
                found = {h.id: (h.head_name, h.unit_id) for h in s.execute(
                    select(Household.id, Household.head_name, Household.unit_id).where(
                        Household.id.in_(chunk), Household.deleted.is_(False)))}
                signed = set(s.scalars(_signed_households(k).where(
                    Commitment.household_id.in_(chunk)))) if skip_signed else set()
            missing = [i for i in chunk if i not in found]
            if missing:
                raise ServiceError("Có hộ hoặc cơ sở đã bị xóa trong danh sách chọn; hãy tải lại "
                                   "danh sách rồi đánh dấu lại.")
            for target_id in chunk:
                if target_id in signed:
                    skipped += 1
                    continue
                default_signer, unit_id = found[target_id]
                c = Commitment(unit_id=unit_id, kind=k.value, signed_on=on,
                               signed_by=signer or default_signer or "", notes=note,
                               organization_id=target_id if orgs else None,
                               household_id=None if orgs else target_id)
                s.add(c)
                s.flush()
                created.append(c.id)
            if progress:
                progress(min(start + CHUNK, len(ids)), len(ids))
    return MarkResult(tuple(created), skipped, CHANGES)


def undo_commitments(db: Database, commitment_ids: Sequence[str]) -> Changes:
    """Undo a marking: the commitments it created are deleted (soft, like every delete)."""
    ids = list(commitment_ids)
    with db.session() as s:
        for start in range(0, len(ids), CHUNK):
            for c in s.scalars(select(Commitment).where(
                    Commitment.id.in_(ids[start:start + CHUNK]), Commitment.deleted.is_(False))):
                c.deleted = True
    return CHANGES


def restore_commitments(db: Database, commitment_ids: Sequence[str]) -> Changes:
    """Redo: bring back commitments deleted by undo_commitments."""
    ids = list(commitment_ids)
    with db.session() as s:
        for start in range(0, len(ids), CHUNK):
            for c in s.scalars(select(Commitment).where(
                    Commitment.id.in_(ids[start:start + CHUNK]), Commitment.deleted.is_(True))):
                c.deleted = False
    return CHANGES

