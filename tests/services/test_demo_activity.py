"""The demo as a running campaign: deterministic, every page has something to show, the
criteria and the dashboard are worked out with real figures, the roster breaks no rule."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from greenzone_desktop.cli import main
from greenzone_desktop.models import (
    DailyReport,
    GateEntry,
    HealthStatus,
    Inspection,
    Organization,
    Recommendation,
    RiskAssessment,
    Sweep,
    Team,
    TeamHousehold,
    TestingRound,
    TestResult,
    Tip,
    Violation,
    Zone,
    ZoneHousehold,
)
from greenzone_desktop.models.base import Base
from greenzone_desktop.models.db import Database
from greenzone_desktop.models.migrations import open_database
from greenzone_desktop.services import demo_activity
from greenzone_desktop.services.dashboard import dashboard_data
from greenzone_desktop.services.demo import generate_demo
from greenzone_desktop.services.roster import monday, validate_week
from greenzone_desktop.services.sweeps import active_sweep
from greenzone_desktop.services.testing import current_round, round_progress
from tests.conftest import DEMO_TODAY

# Rows that differ between two runs by nature: the unit made by `init`, settings, the log.
SKIPPED = {"units", "settings", "audit_log", "local_state"}
STAMPS = {"created_at", "updated_at", "origin"}


def digest(db: Database) -> str:
    """A hash of every generated row, with the ids only a database of its own can have (its
    unit, the roster's shifts and assignments) replaced by what they stand for."""
    h = hashlib.sha256()
    with db.engine.connect() as c:
        canon = {i: f"unit:{n}" for i, n in c.exec_driver_sql("SELECT id, name FROM units")}
        canon |= {i: f"shift:{cp}|{at}" for i, cp, at in
                  c.exec_driver_sql("SELECT id, checkpoint_id, starts_at FROM shifts")}
        for table in sorted(Base.metadata.tables.values(), key=lambda t: t.name):
            if table.name in SKIPPED or "origin" not in table.c:
                continue
            cols = [col for col in table.c if col.name not in STAMPS
                    and not (col.name == "id" and table.name in ("shifts", "assignments"))]
            rows = sorted(repr(tuple(canon.get(v, v) if isinstance(v, str) else v for v in r))
                          for r in c.execute(select(*cols)))
            h.update(f"{table.name}:{len(rows)}\n".encode())
            for r in rows:
                h.update(r.encode())
    return h.hexdigest()


def _demo(path: Path, seed: int) -> Database:
    db = open_database(path, actor="kiểm thử")
    generate_demo(db, households=40, seed=seed, today=DEMO_TODAY)
    return db


def test_same_seed_same_campaign(tmp_path: Path) -> None:
    dbs = [_demo(tmp_path / f"{i}.sqlite", seed=3) for i in range(2)]
    try:
        with dbs[0].session() as s:
            results = s.scalar(select(func.count()).select_from(TestResult))
            entries = s.scalar(select(func.count()).select_from(GateEntry))
        assert results and entries
        assert digest(dbs[0]) == digest(dbs[1])
        with dbs[1].session(raw=True) as s:  # the digest sees a single changed time
            entry = s.scalars(select(GateEntry).limit(1)).one()
            entry.time_in = entry.time_in - timedelta(minutes=1)
        assert digest(dbs[0]) != digest(dbs[1])
    finally:
        for db in dbs:
            db.dispose()


def test_a_demo_made_just_after_midnight_records_no_assessment_later_than_that(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Today's assessment is stamped no later than the moment the demo is made: the current
    level is the latest assessment recorded on the latest day, and one stamped 09:30 at 00:10
    outranked the assessment the person recorded next."""
    made = datetime.combine(DEMO_TODAY, time(0, 10))
    monkeypatch.setattr(demo_activity, "utcnow", lambda: made)
    db = _demo(tmp_path / "d.sqlite", seed=3)
    try:
        with db.session() as s:
            stamps = s.scalars(select(RiskAssessment.created_at)).all()
        assert len(stamps) >= 3 and max(stamps) == made
    finally:
        db.dispose()


def count(db: Database, model: type, *where: object) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)
                        .where(model.deleted.is_(False), *where)) or 0


def test_every_page_has_activity(demo_db: Database) -> None:
    today = date.today()  # the session's demo is made for today
    db = demo_db
    assert count(db, Organization) >= 12
    with db.session() as s:
        kinds = set(s.scalars(select(Organization.kind).distinct()))
    assert {"agency", "business", "school"} <= kinds
    for kind, low, high in (("community", 60, 70), ("self_managed", 1, 400)):
        with db.session() as s:
            sizes = s.execute(select(func.count()).select_from(TeamHousehold)
                              .join(Team, Team.id == TeamHousehold.team_id)
                              .where(Team.kind == kind).group_by(Team.id)).scalars().all()
        assert sizes and max(sizes) <= high and sorted(sizes)[len(sizes) // 2] >= low
    assert count(db, Team, Team.kind == "steering") == 1
    assert count(db, Team, Team.kind == "rapid_response") == 1
    assert count(db, Tip) >= 3 and count(db, Tip, Tip.closed.is_(False)) >= 1
    # the in/out log: a few dozen yesterday and this morning, a couple flagged
    for day in (today - timedelta(days=1), today):
        n = count(db, GateEntry, func.date(GateEntry.time_in) == day.isoformat())
        assert 10 <= n <= 60
    assert 1 <= count(db, GateEntry, GateEntry.flagged.is_(True)) <= 12
    # testing: one closed round with results, the current one mostly ticked
    assert count(db, TestingRound, TestingRound.closed.is_(True)) == 1
    rnd = current_round(db, today)
    assert rnd is not None and rnd.held_on == today - timedelta(days=2)
    progress = round_progress(db, rnd.id)
    assert 0.7 < progress.tested / progress.expected < 0.95
    assert progress.untested > 0 and progress.pending > 0 and progress.negative > 0
    assert count(db, TestResult, TestResult.outcome == "positive") == 1
    # the new case: F0 at a facility, household F1 in home quarantine, a zone around it
    assert count(db, Zone, Zone.lifted_on.is_(None)) == 1
    assert 2 <= count(db, ZoneHousehold) <= 7
    assert count(db, HealthStatus, HealthStatus.zone_id.is_not(None),
                 HealthStatus.kind == "quarantine") >= 2
    # inspections: a sweep under way, a few dozen visits, a team record, violations
    sweep = active_sweep(db)
    assert sweep is not None and sweep.ended_on is None
    assert 30 <= count(db, Inspection, Inspection.kind == "household") <= 80
    assert count(db, Inspection, Inspection.kind == "team") == 1
    assert count(db, Inspection, Inspection.sweep_id == sweep.id) >= 25
    assert count(db, Sweep) == 1
    assert count(db, Recommendation, Recommendation.status == "open") >= 2
    assert 2 <= count(db, Violation) <= 3
    # assessments over the weeks, the current one today; reports of the past days, sent
    assert count(db, RiskAssessment) >= 3
    with db.session() as s:
        latest = s.scalar(select(func.max(RiskAssessment.assessed_on)))
        reports = s.scalars(select(DailyReport.report_on)).all()
    assert latest == today
    assert sorted(reports)[-1] == today - timedelta(days=1) and len(reports) >= 5
    assert count(db, DailyReport, DailyReport.sent_at.is_(None)) == 0


def test_roster_has_no_conflicts(demo_db: Database) -> None:
    this_week = monday(date.today())
    for week in (this_week - timedelta(days=7), this_week, this_week + timedelta(days=7)):
        issues = validate_week(demo_db, week)
        assert issues == [], [i.message for i in issues[:5]]


def test_status_json_every_criterion(demo_db: Database,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_db.path), "status", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    criteria = {c["code"]: c for c in out["criteria"]}
    assert set(criteria) == {"health", "commitments", "teams", "rules", "contacts"}
    assert out["risk_level"]["assessed_on"] == date.today().isoformat()
    assert criteria["teams"]["met"] and criteria["contacts"]["met"]
    health = [m["label"] for m in criteria["health"]["missing"]]
    assert any(x.startswith("F0 đang điều trị") for x in health)
    assert any(x.startswith("F1 đang cách ly") for x in health)
    unsigned = [m["label"] for m in criteria["commitments"]["missing"]]
    assert any("hộ khác chưa ký" in x for x in unsigned)
    assert any("cơ sở" in x or "chưa ký cam kết" in x for x in unsigned)
    rules = [m["label"] for m in criteria["rules"]["missing"]]
    assert any(x.startswith("Vi phạm chưa xử lý xong") for x in rules)
    assert not any(x.startswith("Chưa có buổi kiểm tra") for x in rules)
    assert not out["green"]


def test_dashboard_figures_are_not_zero(demo_db: Database) -> None:
    data = dashboard_data(demo_db, date.today())
    for f in data.figures:
        digits = [int(x) for x in f.value.replace(" ", "").replace(",", ".").replace("%", "")
                  .replace(".", "/").split("/") if x.isdigit()]
        assert digits and digits[0] > 0, (f.label, f.value)
    staffed, shifts = (int(x) for x in data.figures[-1].value.replace(" ", "").split("/"))
    assert staffed == shifts > 0
    assert any(v > 0 for v in data.trends.inspections.values)
    assert all(max(s.values) > 0 for s in data.trends.health)
    assert data.risk_figures.cases_14d >= 1
