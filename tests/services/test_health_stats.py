"""`greenzone stats --json` includes the health figures: statuses, coverage, current round."""

from __future__ import annotations

import json
from datetime import date, timedelta

from greenzone_desktop.cli import main
from greenzone_desktop.services import health, testing, testing_marks
from greenzone_desktop.services.health_stats import health_stats
from tests.services.health_helpers import TODAY, village


def test_health_stats_figures(db):
    v = village(db)
    an = v.people["Nguyễn Văn An"]
    health.add_period(db, an, health.PeriodInput("F0", "10/09/2021", place="facility"))
    health.add_period(db, v.people["Trần Thị Bình"], health.PeriodInput(
        "F1", "10/09/2021", source_person_id=an, quarantine_place="home"))
    health.add_period(db, v.people["Lê Văn Dũng"], health.PeriodInput(
        "quarantine", "12/09/2021", place="centralised"))
    rid = testing.create_round(db, testing.RoundInput(TODAY, pool_size=5))
    testing_marks.tick_household(db, rid, "XM-0002")
    stats = health_stats(db, TODAY)
    assert stats["health"] == {"F0": 1, "F1": 1, "F2": 0, "quarantine_home": 1,
                               "quarantine_centralised": 1}
    assert stats["vaccination"]["by_age_band"]["18+"]["one_dose"] == 4
    assert stats["vaccination"]["by_area"]["Tổ 2"]["50+"]["people"] == 1
    current = stats["testing"]["current_round"]
    assert (current["id"], current["tested"], current["untested"]) == (rid, 3, 4)  # An is F0
    assert health_stats(db, date(2021, 9, 1))["testing"] == {"current_round": None}


def test_stats_json_cli_merges_the_health_figures(db, capsys):
    v = village(db)
    today = date.today()
    health.add_period(db, v.people["Lê Văn Dũng"], health.PeriodInput(
        "quarantine", today - timedelta(days=2), place="home"))
    rid = testing.create_round(db, testing.RoundInput(today, pool_size=5, area="Tổ 1"))
    testing_marks.tick_household(db, rid, "XM-0001")
    assert main(["--db", str(db.path), "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["households"] == 3
    assert stats["health"]["quarantine_home"] == 1
    assert set(stats["vaccination"]["by_age_band"]) == {"12-17", "18+", "50+"}
    assert stats["testing"]["current_round"]["tested"] == 3
    assert stats["testing"]["current_round"]["untested"] == 3
    assert main(["--db", str(db.path), "stats"]) == 0
    assert "Cách ly tại nhà:           1" in capsys.readouterr().out
