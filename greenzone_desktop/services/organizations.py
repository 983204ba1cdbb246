"""The register of organisations and businesses (cơ quan, đơn vị, cơ sở sản xuất kinh doanh):
create, edit, delete and restore; the list with search and commitment status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from greenzone_desktop.models import Commitment, Organization
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import NotFoundError, ValidationError
from greenzone_desktop.text import TextError, fold, nfc, normalize_phone
from greenzone_desktop.vocab import OrganizationKind

STATUSES = {"": "Tất cả", "signed": "Đã ký cam kết", "unsigned": "Chưa ký cam kết"}
ORG_CHANGES = Changes(organizations=True, commitments=True)


@dataclass
class OrganizationInput:
    """What a person typed for one organisation (raw text is fine: it is checked here)."""

    name: str
    kind: str = OrganizationKind.BUSINESS.value
    contact_person: str = ""
    phone: str | int | None = None
    address: str = ""
    area: str = ""
    workers: int | str | None = 0
    notes: str = ""


@dataclass(frozen=True)
class OrganizationView:
    id: str
    name: str
    kind: str
    contact_person: str
    phone: str | None
    address: str
    area: str
    workers: int
    notes: str
    signed_on: date | None = None  # the latest live commitment
    signed_by: str = ""

    @property
    def kind_label(self) -> str:
        try:
            return OrganizationKind(self.kind).label
        except ValueError:
            return self.kind

    @property
    def signed(self) -> bool:
        return self.signed_on is not None


@dataclass(frozen=True)
class DeletedOrganization:
    """An organisation in the Trash."""

    id: str
    name: str
    address: str
    deleted_at: datetime | None


def clean_organization(o: OrganizationInput) -> dict:
    """Validated column values; raises ValidationError naming every bad field."""
    errors: dict[str, str] = {}
    name = nfc(o.name) or ""
    if not name:
        errors["name"] = "Tên cơ quan, cơ sở không được để trống."
    kind = OrganizationKind.from_label(o.kind or "") if o.kind else OrganizationKind.BUSINESS
    if kind is None:
        errors["kind"] = f"Loại cơ sở «{o.kind}» không có trong danh mục."
    phone = None
    try:
        phone = normalize_phone(o.phone)
    except TextError as exc:
        errors["phone"] = str(exc)
    workers = 0
    raw = o.workers
    if isinstance(raw, str):
        raw = raw.strip().replace(".", "").replace(" ", "") or "0"
    try:
        workers = int(raw or 0)
        if workers < 0:
            raise ValueError
    except (TypeError, ValueError):
        errors["workers"] = f"Số lao động «{o.workers}» phải là một số nguyên không âm."
    if errors:
        raise ValidationError(errors)
    return {
        "name": name, "name_key": fold(name),
        "kind": kind.value if kind else OrganizationKind.BUSINESS.value,
        "contact_person": nfc(o.contact_person) or "", "phone": phone,
        "address": nfc(o.address) or "", "area": nfc(o.area) or "",
        "workers": workers, "notes": nfc(o.notes) or "",
    }


def _get(s: Session, organization_id: str) -> Organization:
    org = s.get(Organization, organization_id)
    if org is None:
        raise NotFoundError("Không tìm thấy cơ quan, cơ sở này.")
    return org


def create_organization(db: Database, data: OrganizationInput) -> str:
    values = clean_organization(data)
    with db.session() as s:
        org = Organization(unit_id=db.home_unit_id, **values)
        s.add(org)
        s.flush()
        return org.id


def update_organization(db: Database, organization_id: str, data: OrganizationInput) -> Changes:
    values = clean_organization(data)
    with db.session() as s:
        org = _get(s, organization_id)
        for key, value in values.items():
            setattr(org, key, value)
    return ORG_CHANGES


def delete_organization(db: Database, organization_id: str) -> Changes:
    """Soft delete (the Trash restores it); its commitments stay and come back with it."""
    with db.session() as s:
        _get(s, organization_id).deleted = True
    return ORG_CHANGES


def restore_organization(db: Database, organization_id: str) -> Changes:
    with db.session() as s:
        _get(s, organization_id).deleted = False
    return ORG_CHANGES


def _latest_commitments():  # noqa: ANN202 - a subquery
    """organisation id → date and signer of its latest live commitment."""
    latest = (select(Commitment.organization_id.label("oid"),
                     func.max(Commitment.signed_on).label("signed_on"))
              .where(Commitment.deleted.is_(False), Commitment.organization_id.is_not(None))
              .group_by(Commitment.organization_id).subquery())
    return latest


def list_organizations(db: Database, query: str = "", *, status: str = "", kind: str = ""
                       ) -> list[OrganizationView]:
    """Live organisations whose name, contact, address, area or phone holds every word of
    `query` (accent-insensitive), by name; `status` "signed"/"unsigned" filters on the
    commitment."""
    keys = organization_keys(db, OrganizationQuery(query, status, kind))
    return organization_rows(db, keys)


def _signers(s: Session, ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    if not ids:
        return out
    for oid, by in s.execute(select(Commitment.organization_id, Commitment.signed_by)
                             .where(Commitment.organization_id.in_(ids),
                                    Commitment.deleted.is_(False))
                             .order_by(Commitment.signed_on, Commitment.created_at)):
        out[oid] = by  # the latest wins
    return out


def _view(org: Organization, signed_on: date | None, signed_by: str) -> OrganizationView:
    return OrganizationView(org.id, org.name, org.kind, org.contact_person, org.phone,
                            org.address, org.area, org.workers, org.notes, signed_on, signed_by)


def get_organization(db: Database, organization_id: str) -> OrganizationView:
    latest = _latest_commitments()
    with db.session() as s:
        org = _get(s, organization_id)
        signed_on = s.scalar(select(latest.c.signed_on).where(latest.c.oid == org.id))
        return _view(org, signed_on, _signers(s, [org.id]).get(org.id, ""))


def deleted_organizations(db: Database, *, limit: int = 500) -> list[DeletedOrganization]:
    """Organisations in the Trash, the latest deleted first."""
    with db.session() as s:
        rows = s.scalars(select(Organization).where(Organization.deleted.is_(True))
                         .order_by(Organization.updated_at.desc()).limit(limit))
        return [DeletedOrganization(o.id, o.name, o.address, o.updated_at) for o in rows]


# -- the lazy table of the organisations page -----------------------------------------------------

ORG_SORTS = ("name", "kind", "contact", "address", "area", "workers", "signed_on")


@dataclass(frozen=True)
class OrganizationQuery:
    text: str = ""
    status: str = ""  # STATUSES key
    kind: str = ""  # OrganizationKind code


def organization_keys(db: Database, query: OrganizationQuery | None = None,
                      sort: str | None = "name", descending: bool = False) -> list[str]:
    """Ids of the organisations of `query`, ordered in SQL by `sort` (ORG_SORTS)."""
    q = query or OrganizationQuery()
    sort = sort or "name"
    if sort not in ORG_SORTS:
        raise ValueError(f"cột sắp xếp không hợp lệ: {sort!r}")
    if q.status not in STATUSES:
        raise ValueError(f"trạng thái cam kết không hợp lệ: {q.status!r}")
    latest = _latest_commitments()
    stmt = (select(Organization.id).outerjoin(latest, latest.c.oid == Organization.id)
            .where(Organization.deleted.is_(False)))
    if q.kind:
        stmt = stmt.where(Organization.kind == q.kind)
    if q.status == "signed":
        stmt = stmt.where(latest.c.signed_on.is_not(None))
    elif q.status == "unsigned":
        stmt = stmt.where(latest.c.signed_on.is_(None))
    words = fold(q.text).split()
    with db.session() as s:
        if words:  # a few hundred rows: fold their text here (SQL lower() keeps the accents)
            rows = s.execute(select(Organization.id, Organization.name_key,
                                    Organization.contact_person, Organization.address,
                                    Organization.area, Organization.phone)
                             .where(Organization.deleted.is_(False))).all()
            hits = [r[0] for r in rows
                    if all(w in " ".join(fold(x or "") for x in r[1:]) for w in words)]
            stmt = stmt.where(Organization.id.in_(hits))
        column = {"name": Organization.name_key, "kind": Organization.kind,
                  "contact": Organization.contact_person, "address": Organization.address,
                  "area": Organization.area, "workers": Organization.workers,
                  "signed_on": latest.c.signed_on}[sort]
        return list(s.scalars(stmt.order_by(column.desc() if descending else column,
                                            Organization.name_key, Organization.id)))


def organization_rows(db: Database, ids: list[str] | tuple[str, ...]) -> list[OrganizationView]:
    """The organisations of `ids` (same order) with their latest commitment."""
    if not ids:
        return []
    latest = _latest_commitments()
    with db.session() as s:
        rows = s.execute(select(Organization, latest.c.signed_on)
                         .outerjoin(latest, latest.c.oid == Organization.id)
                         .where(Organization.id.in_(list(ids)))).all()
        signers = _signers(s, [o.id for o, on in rows if on is not None])
        found = {o.id: _view(o, on, signers.get(o.id, "")) for o, on in rows}
    return [found[i] for i in ids if i in found]
