"""Each green-zone criterion flips from met to not met on the data change that should flip it."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta

import pytest

from greenzone_desktop.cli import main
from greenzone_desktop.models import Channel, Commitment, HealthStatus, Person
from greenzone_desktop.services import contacts
from greenzone_desktop.services.green_zone import green_zone_status
from greenzone_desktop.services.risk import (
    AssessmentInput,
    compute_figures,
    propose_level,
    record_assessment,
)
from greenzone_desktop.services.violations import ViolationInput, save_violation
from greenzone_desktop.vocab import RISK_COLOUR_NAMES, RISK_COLOURS, RiskLevel
from tests.services.green_helpers import TODAY, add_household, add_shift, green_village


def _met(db) -> dict[str, bool]:  # noqa: ANN001
    return {c.code: c.met for c in green_zone_status(db, TODAY).criteria}


@pytest.fixture
def village(db):  # noqa: ANN001, ANN201
    facts = green_village(db)
    assert _met(db) == dict.fromkeys(("health", "commitments", "teams", "rules", "contacts"),
                                     True)
    assert green_zone_status(db, TODAY).green
    return facts


def _only_broken(db, code: str) -> None:  # noqa: ANN001
    met = _met(db)
    assert met.pop(code) is False
    assert all(met.values()), met


def test_one_unsigned_household_breaks_commitments(db, village) -> None:  # noqa: ANN001
    hid = add_household(db, "Võ Mạnh Hòa", signed=False)
    from greenzone_desktop.services.teams import assign_households, list_teams

    for t in list_teams(db):
        assign_households(db, t.id, [hid])
    _only_broken(db, "commitments")
    item = green_zone_status(db, TODAY).criteria[1].missing[0]
    assert "Võ Mạnh Hòa" in item.label
    assert (item.target_page, item.target) == ("households", {"household_id": hid})
    # a home-quarantine commitment is not the household's commitment
    with db.session() as s:
        s.add(Commitment(unit_id=db.home_unit_id, kind="quarantine", household_id=hid,
                         signed_on=TODAY, signed_by="Võ Mạnh Hòa"))
    _only_broken(db, "commitments")


def test_one_f1_breaks_health(db, village) -> None:  # noqa: ANN001
    hid = village["households"][0]
    with db.session() as s:
        pid = s.query(Person.id).filter(Person.household_id == hid).scalar()
        s.add(HealthStatus(unit_id=db.home_unit_id, person_id=pid, kind="F1",
                           start_date=TODAY - timedelta(days=2), place="home",
                           end_date=TODAY + timedelta(days=12)))
    _only_broken(db, "health")
    assert green_zone_status(db, TODAY).criteria[0].missing[0].label.startswith("F1")
    # the period over, the criterion holds again
    assert all(c.met for c in green_zone_status(db, TODAY + timedelta(days=30)).criteria[:1])


def test_one_unstaffed_shift_breaks_teams(db, village) -> None:  # noqa: ANN001
    add_shift(db, village["checkpoint"], TODAY + timedelta(days=2), 10, village["staff"][:1])
    _only_broken(db, "teams")
    labels = [m.label for m in green_zone_status(db, TODAY).criteria[2].missing]
    assert labels == ["Chốt số 1: 1/22 ca trong 7 ngày tới chưa đủ người"]


def test_one_hotline_removed_breaks_contacts(db, village) -> None:  # noqa: ANN001
    contacts.delete_hotline(db, village["hotlines"][1])
    _only_broken(db, "contacts")
    assert green_zone_status(db, TODAY).criteria[4].missing[0].label == \
        "Mới có 1/2 đường dây nóng"


def test_open_violation_and_old_inspections_break_rules(db, village) -> None:  # noqa: ANN001
    vid = save_violation(db, ViolationInput("Nguyễn Văn An", "Tụ tập ăn uống đông người", TODAY),
                         today=TODAY)
    _only_broken(db, "rules")
    item = green_zone_status(db, TODAY).criteria[3].missing[0]
    assert (item.target_page, item.target) == ("inspections",
                                               {"tab": "violations", "violation_id": vid})
    save_violation(db, ViolationInput("Nguyễn Văn An", "Tụ tập ăn uống đông người", TODAY,
                                      handling="reminder", status="closed"), vid, today=TODAY)
    assert _met(db)["rules"]
    # eight days later nobody has inspected anything
    later = TODAY + timedelta(days=7)
    rules = green_zone_status(db, later).criteria[3]
    assert not rules.met and "7 ngày qua" in rules.missing[0].label


def test_screening_needed_at_risk_level(db, village) -> None:  # noqa: ANN001
    record_assessment(db, AssessmentInput(TODAY, "Tổ đánh giá", "qd2686", "2",
                                          "Có ca bệnh ở phường bên cạnh"), today=TODAY)
    _only_broken(db, "health")


def test_missing_items_are_capped_with_a_summary(db, village) -> None:  # noqa: ANN001
    for i in range(12):
        add_household(db, f"Nguyễn Văn Hộ{i}", signed=False)
    missing = green_zone_status(db, TODAY).criteria[1].missing
    assert len(missing) == 9
    assert missing[-1].label == "… và 4 hộ khác chưa ký cam kết"
    assert missing[-1].target_page == "commitments"


def test_zalo_group_counts_only_zalo(db, village) -> None:  # noqa: ANN001
    with db.session() as s:
        s.query(Channel).update({"kind": "facebook"})
    _only_broken(db, "contacts")


def test_status_json_on_the_demo(demo_db, capsys) -> None:  # noqa: ANN001
    level = propose_level(compute_figures(demo_db), "nq128").level
    record_assessment(demo_db, AssessmentInput(date.today(), "Tổ đánh giá", "nq128", level))
    assert main(["--db", str(demo_db.path), "status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["code"] for c in data["criteria"]] == ["health", "commitments", "teams", "rules",
                                                     "contacts"]
    for c in data["criteria"]:
        assert isinstance(c["met"], bool) and c["title"]
        assert c["met"] == (not c["missing"])
        assert all(m["label"] and m["page"] for m in c["missing"])
    assert data["risk_level"]["level"] == level
    assert data["risk_level"]["label"] == RiskLevel(level).label
    assert data["risk_level"]["colour"] == RISK_COLOURS[level]
    assert main(["--db", str(demo_db.path), "status"]) == 0
    out = capsys.readouterr().out
    assert f"Mức nguy cơ: {RiskLevel(level).label} ({RISK_COLOUR_NAMES[level]})" in out
    assert "✗ 2." in out  # the demo leaves some households unsigned


def test_status_is_fast_enough(demo_db) -> None:  # noqa: ANN001
    # CPU time, not wall time: a busy test machine must not fail it, a slow query plan will
    green_zone_status(demo_db)
    t0 = time.process_time()
    green_zone_status(demo_db)
    assert time.process_time() - t0 < 0.5
