"""The organisation register: validation, edit, soft delete and restore, list with status."""

from __future__ import annotations

from datetime import date

import pytest

from greenzone_desktop.services import organizations as orgs
from greenzone_desktop.services.commitments import mark_signed, undo_commitments
from greenzone_desktop.services.errors import NotFoundError, ValidationError
from greenzone_desktop.services.history import history
from greenzone_desktop.services.organizations import OrganizationInput


def _add(db, name: str, **kw) -> str:  # noqa: ANN001
    return orgs.create_organization(db, OrganizationInput(name, **kw))


def test_create_reads_back_with_vietnamese_labels(db) -> None:  # noqa: ANN001
    oid = _add(db, "  Công ty  TNHH May Đức Giang ", kind="Cơ sở sản xuất, kinh doanh",
               contact_person="Đỗ Văn Nam", phone="0912 345 678", address="Số 5, Đường 2/9",
               area="Tổ 3", workers="1.200", notes="Ca đêm")
    view = orgs.get_organization(db, oid)
    assert view.name == "Công ty TNHH May Đức Giang"
    assert (view.kind, view.kind_label) == ("business", "Cơ sở sản xuất, kinh doanh")
    assert view.phone == "0912345678"
    assert view.workers == 1200
    assert not view.signed and view.signed_on is None


def test_bad_input_names_every_field(db) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as err:
        _add(db, " ", kind="nhà máy", phone="12345", workers="-3")
    assert set(err.value.errors) == {"name", "kind", "phone", "workers"}
    assert "Tên cơ quan, cơ sở không được để trống." in str(err.value)
    assert orgs.list_organizations(db) == []


def test_update_delete_restore_with_history(db) -> None:  # noqa: ANN001
    oid = _add(db, "Trường Tiểu học Xuân Mai", kind="school", workers=40)
    orgs.update_organization(db, oid, OrganizationInput("Trường Tiểu học Xuân Mai A",
                                                        kind="school", workers=42))
    assert orgs.get_organization(db, oid).name == "Trường Tiểu học Xuân Mai A"
    changes = orgs.delete_organization(db, oid)
    assert changes.organizations
    assert orgs.list_organizations(db) == []
    (gone,) = orgs.deleted_organizations(db)
    assert (gone.id, gone.name) == (oid, "Trường Tiểu học Xuân Mai A")
    orgs.restore_organization(db, oid)
    assert [o.id for o in orgs.list_organizations(db)] == [oid]
    assert orgs.deleted_organizations(db) == []
    actions = [e.action for e in history(db, "organizations", oid)]
    assert actions == ["restore", "delete", "update", "create"]
    with pytest.raises(NotFoundError):
        orgs.update_organization(db, "khong-co", OrganizationInput("X"))


def test_list_search_and_commitment_status(db) -> None:  # noqa: ANN001
    a = _add(db, "Chợ Đồng Xuân", contact_person="Lê Thị Hà", area="Tổ 1")
    b = _add(db, "Ủy ban nhân dân phường", kind="agency", address="Số 1, Đường Hùng Vương")
    c = _add(db, "Tiệm tạp hóa Bình An", phone="0987654321")
    assert [o.name for o in orgs.list_organizations(db)] == [
        "Chợ Đồng Xuân", "Tiệm tạp hóa Bình An", "Ủy ban nhân dân phường"]
    assert [o.id for o in orgs.list_organizations(db, "dong xuan")] == [a]
    assert [o.id for o in orgs.list_organizations(db, "le thi ha")] == [a]  # contact person
    assert [o.id for o in orgs.list_organizations(db, "hung vuong")] == [b]
    assert [o.id for o in orgs.list_organizations(db, "0987")] == [c]
    assert [o.id for o in orgs.list_organizations(db, kind="agency")] == [b]
    result = mark_signed(db, [a, c], kind="organisation", signed_on="02/09/2021",
                         signed_by="Chủ cơ sở")
    signed = orgs.list_organizations(db, status="signed")
    assert [o.id for o in signed] == [a, c]
    assert signed[0].signed_on == date(2021, 9, 2) and signed[0].signed_by == "Chủ cơ sở"
    assert [o.id for o in orgs.list_organizations(db, status="unsigned")] == [b]
    undo_commitments(db, result.created)
    assert orgs.list_organizations(db, status="signed") == []
    with pytest.raises(ValueError):
        orgs.list_organizations(db, status="maybe")


def test_keys_sorted_in_sql_and_rows_in_key_order(db) -> None:  # noqa: ANN001
    a = _add(db, "Bưu điện văn hóa xã", kind="agency", workers=3, area="Tổ 2")
    b = _add(db, "Xưởng gỗ An Phát", workers=25, contact_person="Đặng Văn Phát", area="Tổ 1")
    c = _add(db, "Đại lý gas Minh Anh", workers=2, area="Tổ 1")
    assert orgs.organization_keys(db) == [a, c, b]  # name order: B, Đ, X
    assert orgs.organization_keys(db, None, "workers", True) == [b, a, c]
    assert orgs.organization_keys(db, orgs.OrganizationQuery(text="dang van")) == [b]
    assert orgs.organization_keys(db, orgs.OrganizationQuery(kind="agency")) == [a]
    mark_signed(db, [c], kind="organisation", signed_on="10/09/2021")
    assert orgs.organization_keys(db, orgs.OrganizationQuery(status="unsigned")) == [a, b]
    assert orgs.organization_keys(db, None, "signed_on", True)[0] == c
    rows = orgs.organization_rows(db, [b, c])
    assert [r.id for r in rows] == [b, c]
    assert rows[1].signed_on == date(2021, 9, 10) and rows[0].signed_on is None
    with pytest.raises(ValueError):
        orgs.organization_keys(db, None, "name; --")
