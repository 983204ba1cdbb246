"""Household inspections (checklist, notes, recommendations with a due date, re-check of the
household's open recommendations) and inspection-team records (đoàn kiểm tra liên ngành:
members, scope, findings and remedies, re-check of earlier records' recommendations).

Sweeps (đợt rà soát) are in `services/sweeps.py`; the printed biên bản in
`services/inspection_print.py` (`print_inspection`, re-exported here for the print command).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from greenzone_desktop.models import (
    Finding,
    Household,
    Inspection,
    Person,
    Recommendation,
    Sweep,
)
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import NotFoundError, ValidationError
from greenzone_desktop.services.search import person_match_clause
from greenzone_desktop.text import fold, nfc
from greenzone_desktop.vocab import InspectionKind, RecommendationStatus

CHANGED = Changes(inspections=True)
OPEN_STATUSES = (RecommendationStatus.OPEN.value, RecommendationStatus.NOT_DONE.value)

# What an inspector checks in a household (code stored in Inspection.checklist -> True/False;
# an item left out does not apply, e.g. nobody in quarantine).
CHECKLIST: tuple[tuple[str, str], ...] = (
    ("logbook", "Ghi Sổ vùng xanh hằng ngày"),
    ("visitors", "Ghi đầy đủ người đến nhà"),
    ("five_k", "Thực hiện Thông điệp 5K"),
    ("commitment_posted", "Dán bản cam kết tại nhà"),
    ("no_gathering", "Không tụ tập, tiếp khách đông người"),
    ("quarantine", "Chấp hành cách ly y tế (nếu có người cách ly)"),
)
CHECKLIST_LABELS = dict(CHECKLIST)


@dataclass(frozen=True)
class RecommendationInput:
    text: str
    due_on: date | None = None


@dataclass(frozen=True)
class HouseholdInspectionInput:
    household_id: str
    inspected_on: date | None
    inspectors: str
    checklist: dict[str, bool] = field(default_factory=dict)
    notes: str = ""
    recommendations: Sequence[RecommendationInput] = ()
    rechecks: dict[str, bool] = field(default_factory=dict)  # open rec id -> done?
    sweep_id: str | None = None


@dataclass(frozen=True)
class RecordMember:
    name: str
    title: str = ""  # position and organisation: "Phó Chủ tịch UBND phường"
    role: str = "Thành viên"  # in the team: "Trưởng đoàn", "Thư ký", "Thành viên"


@dataclass(frozen=True)
class FindingInput:
    text: str
    remedy: str = ""


@dataclass(frozen=True)
class TeamInspectionInput:
    inspected_on: date | None
    started_at: datetime | None
    ended_at: datetime | None
    place: str
    members: Sequence[RecordMember]
    chair: str
    secretary: str
    scope: str
    findings: Sequence[FindingInput] = ()
    recommendations: Sequence[RecommendationInput] = ()
    rechecks: dict[str, bool] = field(default_factory=dict)
    notes: str = ""


@dataclass(frozen=True)
class RecommendationView:
    id: str
    inspection_id: str
    inspected_on: date
    household_id: str | None
    text: str
    due_on: date | None
    status: str
    closed_on: date | None
    checked_by_id: str | None

    @property
    def status_label(self) -> str:
        return RecommendationStatus(self.status).label

    def overdue(self, today: date) -> bool:
        return self.status in OPEN_STATUSES and self.due_on is not None and self.due_on < today


@dataclass(frozen=True)
class InspectionRow:
    """One line of the inspections list."""

    id: str
    kind: str
    inspected_on: date
    household_id: str | None
    household_code: str
    head_name: str
    inspectors: str
    failed: int  # checklist items not met
    open_recommendations: int
    place: str


@dataclass(frozen=True)
class FindingView:
    text: str
    remedy: str


@dataclass(frozen=True)
class InspectionDetail:
    id: str
    kind: str
    inspected_on: date
    started_at: datetime | None
    ended_at: datetime | None
    household_id: str | None
    household_code: str
    head_name: str
    address: str
    sweep_id: str | None
    previous_id: str | None
    place: str
    inspectors: str
    members: tuple[RecordMember, ...]
    chair: str
    secretary: str
    scope: str
    checklist: dict[str, bool]
    notes: str
    findings: tuple[FindingView, ...]
    recommendations: tuple[RecommendationView, ...]  # made at this inspection
    rechecked: tuple[RecommendationView, ...]  # earlier ones this inspection checked


def _rec_view(r: Recommendation, inspected_on: date) -> RecommendationView:
    return RecommendationView(r.id, r.inspection_id, inspected_on, r.household_id, r.text,
                              r.due_on, r.status, r.closed_on, r.checked_by_id)


def _clean_recs(recs: Sequence[RecommendationInput], on: date | None,
                errors: dict[str, str]) -> list[tuple[str, date | None]]:
    out = []
    for i, r in enumerate(recs, 1):
        text = nfc(r.text) or ""
        if not text:
            continue
        if r.due_on is not None and on is not None and r.due_on < on:
            errors[f"recommendation_{i}"] = (f"Kiến nghị {i}: hạn khắc phục {r.due_on:%d/%m/%Y} "
                                             "không thể trước ngày kiểm tra.")
        out.append((text, r.due_on))
    return out


def _apply_rechecks(s: Session, rechecks: dict[str, bool], allowed: set[str],
                    inspection: Inspection, on: date) -> None:
    for rec_id, done in rechecks.items():
        if rec_id not in allowed:
            raise ValidationError({"rechecks": "Kiến nghị được kiểm tra lại không thuộc diện "
                                   "đang chờ khắc phục (có thể đã được kiểm tra ở lần khác)."})
        rec = s.get(Recommendation, rec_id)
        rec.checked_by_id = inspection.id
        if done:
            rec.status, rec.closed_on = RecommendationStatus.DONE.value, on
        else:
            rec.status, rec.closed_on = RecommendationStatus.NOT_DONE.value, None


def _open_recs_stmt():  # noqa: ANN202 - SQLAlchemy select
    return (select(Recommendation, Inspection.inspected_on)
            .join(Inspection, Inspection.id == Recommendation.inspection_id)
            .where(Recommendation.deleted.is_(False), Inspection.deleted.is_(False),
                   Recommendation.status.in_(OPEN_STATUSES))
            .order_by(Inspection.inspected_on, Recommendation.created_at))


def open_recommendations(db: Database, household_id: str) -> list[RecommendationView]:
    """The household's recommendations not yet remedied: the next inspection re-checks them."""
    with db.session() as s:
        rows = s.execute(_open_recs_stmt().where(Recommendation.household_id == household_id))
        return [_rec_view(r, on) for r, on in rows]


def open_team_recommendations(db: Database) -> list[RecommendationView]:
    """Inspection-team recommendations not yet remedied (re-checked by the next record)."""
    with db.session() as s:
        rows = s.execute(_open_recs_stmt().where(Inspection.kind == InspectionKind.TEAM.value))
        return [_rec_view(r, on) for r, on in rows]


def record_household_inspection(db: Database, inp: HouseholdInspectionInput, *,
                                today: date | None = None) -> str:
    """Record a household inspection; its re-checks close or keep open earlier
    recommendations of the same household. Returns the inspection's id."""
    today = today or date.today()
    errors: dict[str, str] = {}
    if inp.inspected_on is None:
        errors["inspected_on"] = "Chưa nhập ngày kiểm tra."
    elif inp.inspected_on > today:
        errors["inspected_on"] = "Ngày kiểm tra không thể sau hôm nay."
    inspectors = nfc(inp.inspectors) or ""
    if not inspectors:
        errors["inspectors"] = "Chưa ghi người kiểm tra."
    unknown = [k for k in inp.checklist if k not in CHECKLIST_LABELS]
    if unknown:
        errors["checklist"] = f"Mục kiểm tra không có trong danh mục: {', '.join(unknown)}."
    recs = _clean_recs(inp.recommendations, inp.inspected_on, errors)
    if errors:
        raise ValidationError(errors)
    with db.session() as s:
        h = s.get(Household, inp.household_id)
        if h is None or h.deleted:
            raise NotFoundError("Không tìm thấy hộ được kiểm tra (có thể đã bị xóa).")
        if inp.sweep_id is not None:
            sweep = s.get(Sweep, inp.sweep_id)
            if sweep is None or sweep.deleted:
                raise NotFoundError("Không tìm thấy đợt rà soát này.")
        allowed = set(s.scalars(select(Recommendation.id).where(
            Recommendation.household_id == h.id, Recommendation.deleted.is_(False),
            Recommendation.status.in_(OPEN_STATUSES))))
        previous = s.scalar(select(Inspection.id).where(
            Inspection.household_id == h.id, Inspection.deleted.is_(False))
            .order_by(Inspection.inspected_on.desc(), Inspection.created_at.desc()).limit(1))
        insp = Inspection(unit_id=h.unit_id, kind=InspectionKind.HOUSEHOLD.value,
                          inspected_on=inp.inspected_on, household_id=h.id,
                          sweep_id=inp.sweep_id, previous_id=previous, place=h.address,
                          inspectors=inspectors, checklist={k: bool(v) for k, v in
                                                            inp.checklist.items()},
                          notes=nfc(inp.notes) or "")
        s.add(insp)
        s.flush()
        _apply_rechecks(s, inp.rechecks, allowed, insp, inp.inspected_on)
        s.add_all(Recommendation(unit_id=h.unit_id, inspection_id=insp.id, household_id=h.id,
                                 text=text, due_on=due) for text, due in recs)
        return insp.id


def record_team_inspection(db: Database, inp: TeamInspectionInput, *,
                           today: date | None = None) -> str:
    """Record an inspection team's visit (biên bản); returns its id."""
    today = today or date.today()
    errors: dict[str, str] = {}
    if inp.inspected_on is None:
        errors["inspected_on"] = "Chưa nhập ngày kiểm tra."
    elif inp.inspected_on > today:
        errors["inspected_on"] = "Ngày kiểm tra không thể sau hôm nay."
    members = [RecordMember(nfc(m.name) or "", nfc(m.title) or "", nfc(m.role) or "Thành viên")
               for m in inp.members if nfc(m.name)]
    if not members:
        errors["members"] = "Biên bản cần ít nhất một thành viên đoàn kiểm tra."
    if not nfc(inp.place):
        errors["place"] = "Chưa ghi địa điểm kiểm tra."
    if not nfc(inp.scope):
        errors["scope"] = "Chưa ghi nội dung, phạm vi kiểm tra."
    if inp.started_at and inp.ended_at and inp.ended_at < inp.started_at:
        errors["ended_at"] = "Giờ kết thúc không thể trước giờ bắt đầu."
    recs = _clean_recs(inp.recommendations, inp.inspected_on, errors)
    findings = [(nfc(f.text) or "", nfc(f.remedy) or "") for f in inp.findings if nfc(f.text)]
    if errors:
        raise ValidationError(errors)
    with db.session() as s:
        allowed = set(s.scalars(select(Recommendation.id)
                                .join(Inspection, Inspection.id == Recommendation.inspection_id)
                                .where(Inspection.kind == InspectionKind.TEAM.value,
                                       Inspection.deleted.is_(False),
                                       Recommendation.deleted.is_(False),
                                       Recommendation.status.in_(OPEN_STATUSES))))
        previous = s.scalar(select(Inspection.id).where(
            Inspection.kind == InspectionKind.TEAM.value, Inspection.deleted.is_(False),
            Inspection.inspected_on <= inp.inspected_on)
            .order_by(Inspection.inspected_on.desc(), Inspection.created_at.desc()).limit(1))
        insp = Inspection(
            unit_id=db.home_unit_id, kind=InspectionKind.TEAM.value,
            inspected_on=inp.inspected_on, started_at=inp.started_at, ended_at=inp.ended_at,
            previous_id=previous, place=nfc(inp.place) or "",
            inspectors=", ".join(m.name for m in members),
            members=[{"name": m.name, "title": m.title, "role": m.role} for m in members],
            chair=nfc(inp.chair) or "", secretary=nfc(inp.secretary) or "",
            scope=nfc(inp.scope) or "", notes=nfc(inp.notes) or "")
        s.add(insp)
        s.flush()
        _apply_rechecks(s, inp.rechecks, allowed, insp, inp.inspected_on)
        s.add_all(Finding(unit_id=insp.unit_id, inspection_id=insp.id, text=t, remedy=r)
                  for t, r in findings)
        s.add_all(Recommendation(unit_id=insp.unit_id, inspection_id=insp.id, text=text,
                                 due_on=due) for text, due in recs)
        return insp.id


def delete_inspection(db: Database, inspection_id: str) -> Changes:
    """Soft-delete an inspection with its findings and recommendations; the recommendations
    it had re-checked become open again."""
    with db.session() as s:
        insp = s.get(Inspection, inspection_id)
        if insp is None or insp.deleted:
            raise NotFoundError("Không tìm thấy lần kiểm tra này (có thể đã bị xóa).")
        insp.deleted = True
        for model in (Finding, Recommendation):
            for row in s.scalars(select(model).where(model.inspection_id == inspection_id,
                                                     model.deleted.is_(False))):
                row.deleted = True
        for rec in s.scalars(select(Recommendation).where(
                Recommendation.checked_by_id == inspection_id,
                Recommendation.deleted.is_(False))):
            rec.status, rec.closed_on, rec.checked_by_id = (RecommendationStatus.OPEN.value,
                                                            None, None)
    return CHANGED


def get_inspection(db: Database, inspection_id: str) -> InspectionDetail:
    with db.session() as s:
        i = s.get(Inspection, inspection_id)
        if i is None or i.deleted:
            raise NotFoundError("Không tìm thấy lần kiểm tra này (có thể đã bị xóa).")
        h = s.get(Household, i.household_id) if i.household_id else None
        findings = tuple(FindingView(f.text, f.remedy) for f in s.scalars(
            select(Finding).where(Finding.inspection_id == i.id, Finding.deleted.is_(False))
            .order_by(Finding.created_at)))
        made = tuple(_rec_view(r, i.inspected_on) for r in s.scalars(
            select(Recommendation).where(Recommendation.inspection_id == i.id,
                                         Recommendation.deleted.is_(False))
            .order_by(Recommendation.created_at)))
        checked = tuple(_rec_view(r, on) for r, on in s.execute(
            select(Recommendation, Inspection.inspected_on)
            .join(Inspection, Inspection.id == Recommendation.inspection_id)
            .where(Recommendation.checked_by_id == i.id, Recommendation.deleted.is_(False))
            .order_by(Inspection.inspected_on, Recommendation.created_at)))
        members = tuple(RecordMember(m.get("name", ""), m.get("title", ""),
                                     m.get("role", "Thành viên")) for m in (i.members or []))
        return InspectionDetail(
            i.id, i.kind, i.inspected_on, i.started_at, i.ended_at, i.household_id,
            h.code if h else "", h.head_name if h else "", h.address if h else "", i.sweep_id,
            i.previous_id, i.place, i.inspectors, members, i.chair, i.secretary, i.scope,
            dict(i.checklist or {}), i.notes, findings, made, checked)


def _list_stmt(kind: str | None, query: str):  # noqa: ANN202 - SQLAlchemy select
    stmt = (select(Inspection.id)
            .outerjoin(Household, Household.id == Inspection.household_id)
            .where(Inspection.deleted.is_(False)))
    if kind:
        stmt = stmt.where(Inspection.kind == kind)
    if fold(query):
        # the household (code, address, a member's name, CCCD, phone) or the record's place
        members = select(Person.household_id).where(Person.deleted.is_(False),
                                                    person_match_clause(query))
        # a place is not folded in the database: match each word as typed or accent-free
        place = and_(*(or_(Inspection.place.like(f"%{raw}%"),
                           func.lower(Inspection.place).like(f"%{folded}%"))
                       for raw, folded in zip((nfc(query) or "").split(), fold(query).split(),
                                              strict=False)))
        stmt = stmt.where(Inspection.household_id.in_(members) | place)
    return stmt.order_by(Inspection.inspected_on.desc(), Inspection.created_at.desc())


def inspection_ids(db: Database, kind: str | None = None, query: str = "") -> list[str]:
    """Ids of inspections, newest first (the table fetches the rows it shows)."""
    with db.session() as s:
        return list(s.scalars(_list_stmt(kind, query)))


def inspection_rows(db: Database, ids: Sequence[str]) -> dict[str, InspectionRow]:
    """The list rows of the given inspections."""
    open_recs = (select(func.count()).where(Recommendation.inspection_id == Inspection.id,
                                            Recommendation.deleted.is_(False),
                                            Recommendation.status.in_(OPEN_STATUSES))
                 .correlate(Inspection).scalar_subquery())
    out: dict[str, InspectionRow] = {}
    with db.session() as s:
        for start in range(0, len(ids), 500):
            rows = s.execute(
                select(Inspection.id, Inspection.kind, Inspection.inspected_on,
                       Inspection.household_id, Household.code, Household.head_name,
                       Inspection.inspectors, Inspection.checklist, open_recs, Inspection.place)
                .outerjoin(Household, Household.id == Inspection.household_id)
                .where(Inspection.id.in_(ids[start:start + 500])))
            for (iid, kind, on, hid, code, head, who, checklist, n_open, place) in rows:
                failed = sum(1 for v in (checklist or {}).values() if not v)
                out[iid] = InspectionRow(iid, kind, on, hid, code or "", head or "", who,
                                         failed, n_open or 0, place)
    return out


def inspections_between(db: Database, start: date, end: date) -> int:
    """Inspections (of any kind) held from `start` to `end` inclusive."""
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Inspection).where(
            Inspection.deleted.is_(False), Inspection.inspected_on >= start,
            Inspection.inspected_on <= end)) or 0


def overdue_recommendations(db: Database, today: date) -> list[RecommendationView]:
    """Open recommendations past their due date."""
    with db.session() as s:
        rows = s.execute(_open_recs_stmt().where(Recommendation.due_on < today))
        return [_rec_view(r, on) for r, on in rows]


def print_inspection(db: Database, inspection_id: str, out: str):  # noqa: ANN201
    """Print the biên bản of one inspection to `out` (PDF); returns the PrintSummary."""
    from greenzone_desktop.services.inspection_print import print_inspection as _print

    return _print(db, inspection_id, out)
