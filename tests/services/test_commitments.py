"""Commitments: record, who has not signed, marking many at once, undo, coverage."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from greenzone_desktop.models import Commitment, HealthStatus, Household, Person
from greenzone_desktop.services import commitments as cm
from greenzone_desktop.services.errors import ServiceError, ValidationError
from greenzone_desktop.services.organizations import OrganizationInput, create_organization
from greenzone_desktop.services.register import (
    HouseholdInput,
    PersonInput,
    create_household,
    delete_household,
)
from greenzone_desktop.services.stats import register_stats

TODAY = date(2021, 9, 15)


@pytest.fixture
def village(db):  # noqa: ANN001, ANN201
    hh = [create_household(db, HouseholdInput(address=f"Số {i}, Ngõ Chùa", area=f"Tổ {i % 2 + 1}"),
                           [PersonInput(name, "nam", 1970 + i, "chu_ho"),
                            PersonInput(f"Con {name}", "nu", 2000 + i, "con")])
          for i, name in enumerate(["Trần Văn An", "Lê Văn Bảo", "Phạm Thị Chi", "Đỗ Văn Dũng"])]
    org = create_organization(db, OrganizationInput("Xưởng mộc Hòa Bình",
                                                    contact_person="Vũ Văn Hòa"))
    return {"households": hh, "org": org}


def test_record_one_and_read_it_back(db, village) -> None:  # noqa: ANN001
    hid = village["households"][1]
    cid = cm.record_commitment(db, kind="household", household_id=hid, signed_on="01/09/2021")
    (view,) = cm.commitments_of(db, household_id=hid)
    assert view.id == cid and view.signed_on == date(2021, 9, 1)
    assert view.signed_by == "Lê Văn Bảo"  # no signer typed: the head of household
    assert view.kind_label == "Cam kết hộ gia đình"
    with pytest.raises(ServiceError):  # an organisation's commitment for a household
        cm.record_commitment(db, kind="organisation", household_id=hid, signed_on="01/09/2021")
    with pytest.raises(ValidationError) as err:
        cm.record_commitment(db, kind="household", household_id=hid, signed_on="31/02/2021")
    assert err.value.field == "signed_on"
    with pytest.raises(ValidationError):
        cm.mark_signed(db, [hid], kind="household", signed_on="")


def test_who_has_not_signed_and_mark_many(db, village) -> None:  # noqa: ANN001
    hh = village["households"]
    unsigned = cm.CommitmentQuery(status="unsigned")
    assert cm.signer_keys(db, unsigned) == hh  # code order
    result = cm.mark_signed(db, hh[:3], kind="household", signed_on=TODAY,
                            signed_by="Tổ trưởng thu")
    assert len(result.created) == 3 and result.skipped == 0 and result.changes.commitments
    assert cm.signer_keys(db, unsigned) == [hh[3]]
    assert cm.signer_keys(db, cm.CommitmentQuery(status="signed")) == hh[:3]
    rows = cm.signer_rows(db, hh)
    assert [r.signed for r in rows] == [True, True, True, False]
    assert rows[0].signed_by == "Tổ trưởng thu" and rows[0].size == 2
    assert rows[0].name == "Trần Văn An"
    # marking again skips those already signed
    again = cm.mark_signed(db, hh, kind="household", signed_on=TODAY)
    assert (len(again.created), again.skipped) == (1, 3)
    cov = cm.coverage(db, TODAY)
    assert (cov.households, cov.households_signed, cov.households_percent) == (4, 4, 100.0)
    # undo the second round: the fourth household is unsigned again
    cm.undo_commitments(db, again.created)
    assert cm.signer_keys(db, unsigned) == [hh[3]]
    cm.restore_commitments(db, again.created)
    assert cm.signer_keys(db, unsigned) == []


def test_coverage_matches_the_ward_stats(db, village) -> None:  # noqa: ANN001
    hh = village["households"]
    cov = cm.coverage(db, TODAY)
    assert (cov.households_signed, cov.households_percent) == (0, 0.0)
    assert (cov.organizations, cov.organizations_signed) == (1, 0)
    cm.mark_signed(db, hh[:1], kind="household", signed_on=TODAY)
    cm.mark_signed(db, [village["org"]], kind="organisation", signed_on=TODAY)
    cov = cm.coverage(db, TODAY)
    assert cov.households_percent == 25.0 and cov.organizations_percent == 100.0
    stats = register_stats(db, TODAY)["commitments"]
    assert stats["households_signed"] == cov.households_signed
    assert stats["households_percent"] == cov.households_percent
    assert stats["organizations_signed"] == cov.organizations_signed
    # a deleted household leaves the count
    delete_household(db, hh[1])
    assert cm.coverage(db, TODAY).households == 3
    assert cm.coverage(db, TODAY).households_percent == pytest.approx(33.3)


def test_organisations_listed_with_contact_and_sorted(db, village) -> None:  # noqa: ANN001
    other = create_organization(db, OrganizationInput("Cửa hàng Ánh Dương", workers=3))
    q = cm.CommitmentQuery(kind="organisation")
    assert q.target == "organizations"
    assert cm.signer_keys(db, q) == [other, village["org"]]  # by name
    assert cm.signer_keys(db, q, "workers", True)[0] == other
    assert cm.signer_keys(db, cm.CommitmentQuery(kind="organisation", text="hoa binh")) == [
        village["org"]]
    cm.mark_signed(db, [village["org"]], kind="organisation", signed_on=TODAY)
    (row,) = cm.signer_rows(db, [village["org"]], "organisation")
    assert row.signed_by == "Vũ Văn Hòa" and row.contact == "Vũ Văn Hòa"
    assert cm.signer_keys(db, cm.CommitmentQuery(kind="organisation", status="unsigned")) == [
        other]


def test_household_search_and_area(db, village) -> None:  # noqa: ANN001
    hh = village["households"]
    assert cm.signer_keys(db, cm.CommitmentQuery(text="pham thi")) == [hh[2]]  # a member
    # "so 3": the address "Số 3" and the code "…-0003" (every word somewhere)
    assert cm.signer_keys(db, cm.CommitmentQuery(text="so 3")) == [hh[2], hh[3]]
    assert cm.signer_keys(db, cm.CommitmentQuery(text="ngo chua")) == hh
    assert cm.signer_keys(db, cm.CommitmentQuery(area="Tổ 1")) == [hh[0], hh[2]]
    assert cm.signer_keys(db, None, "head")[0] == hh[0]  # An
    cm.mark_signed(db, [hh[2]], kind="household", signed_on=TODAY)
    assert cm.signer_keys(db, None, "signed_on", True)[0] == hh[2]


def test_home_quarantine_commitments(db, village) -> None:  # noqa: ANN001
    hid = village["households"][0]
    with db.session() as s:
        pid = s.scalar(select(Person.id).where(Person.household_id == hid).limit(1))
        s.add(HealthStatus(unit_id=db.home_unit_id, person_id=pid, kind="quarantine",
                           place="home", start_date=TODAY - timedelta(days=3)))
    q = cm.CommitmentQuery(kind="quarantine", status="unsigned", today=TODAY)
    assert cm.signer_keys(db, q) == [hid]
    cov = cm.coverage(db, TODAY)
    assert (cov.quarantine_households, cov.quarantine_signed) == (1, 0)
    # signed long before the quarantine started: does not count
    cm.mark_signed(db, [hid], kind="quarantine", signed_on=TODAY - timedelta(days=30))
    assert cm.coverage(db, TODAY).quarantine_signed == 0
    cm.mark_signed(db, [hid], kind="quarantine", signed_on=TODAY - timedelta(days=3),
                   skip_signed=False)
    assert cm.coverage(db, TODAY).quarantine_signed == 1
    assert cm.signer_keys(db, q) == []


def test_marking_a_deleted_household_changes_nothing(db, village) -> None:  # noqa: ANN001
    hh = village["households"]
    delete_household(db, hh[3])
    with pytest.raises(ServiceError):
        cm.mark_signed(db, hh, kind="household", signed_on=TODAY)
    with db.session() as s:
        assert s.scalar(select(Commitment.id)) is None


def test_mark_all_unsigned_on_the_demo_reports_progress(demo_db) -> None:  # noqa: ANN001
    before = cm.coverage(demo_db)
    ids = cm.signer_keys(demo_db, cm.CommitmentQuery(status="unsigned"))
    assert len(ids) == before.households - before.households_signed > 0
    seen: list[tuple[int, int]] = []
    result = cm.mark_signed(demo_db, ids, kind="household", signed_on="15/09/2021",
                            progress=lambda d, t: seen.append((d, t)))
    assert len(result.created) == len(ids)
    assert seen[-1] == (len(ids), len(ids))
    assert cm.coverage(demo_db).households_percent == 100.0
    with demo_db.session() as s:
        live = s.scalar(select(Household.id).where(Household.deleted.is_(False)).limit(1))
    assert cm.signer_keys(demo_db, cm.CommitmentQuery(status="signed"))[0] is not None
    assert live is not None
