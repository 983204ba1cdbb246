"""Today's tasks for the home page: quarantines ending today or overdue, F1s due a test, people
not yet tested in the current round, home-quarantine commitments missing. Each task names the
page that shows what it is about (page id + navigation target)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from greenzone_desktop.models import HealthStatus, Household, Person, TestResult
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.health import home_quarantine_households
from greenzone_desktop.services.settings import all_settings
from greenzone_desktop.services.stats import active_health_clause
from greenzone_desktop.services.testing import current_round, round_progress
from greenzone_desktop.text import format_date
from greenzone_desktop.vocab import CarePlace, HealthKind

MAX_PER_KIND = 30  # beyond this a kind is summed up in one last task

QUARANTINE_END = "quarantine_end"
F1_TEST = "f1_test"
UNTESTED = "untested"
COMMITMENT = "commitment"

KIND_LABELS = {
    QUARANTINE_END: "Kết thúc cách ly",
    F1_TEST: "F1 cần xét nghiệm",
    UNTESTED: "Chưa xét nghiệm",
    COMMITMENT: "Thiếu cam kết cách ly tại nhà",
}


@dataclass(frozen=True)
class Task:
    kind: str
    text: str
    detail: str
    page: str
    target: dict[str, Any] = field(default_factory=dict)
    overdue: bool = False

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def _capped(tasks: list[Task], kind: str, page: str, noun: str) -> list[Task]:
    if len(tasks) <= MAX_PER_KIND:
        return tasks
    rest = len(tasks) - MAX_PER_KIND + 1
    return [*tasks[:MAX_PER_KIND - 1],
            Task(kind, f"… và {rest} {noun} khác", "Mở trang để xem hết.", page, {})]


def _quarantine_ends(db: Database, today: date) -> list[Task]:
    with db.session() as s:
        rows = s.execute(
            select(HealthStatus.person_id, HealthStatus.place, HealthStatus.planned_end,
                   Person.full_name, Household.code)
            .join(Person, Person.id == HealthStatus.person_id)
            .join(Household, Household.id == Person.household_id)
            .where(active_health_clause(today), HealthStatus.end_date.is_(None),
                   HealthStatus.kind == HealthKind.QUARANTINE.value,
                   HealthStatus.planned_end <= today, Person.deleted.is_(False))
            .order_by(HealthStatus.planned_end, Person.sort_key)).all()
    tasks = []
    for pid, place, planned, name, code in rows:
        where = "tại nhà" if place == CarePlace.HOME else "tập trung"
        late = (today - planned).days
        when = "hết hạn hôm nay" if late == 0 else f"quá hạn {late} ngày"
        tasks.append(Task(QUARANTINE_END, f"{name} (hộ {code}): cách ly {where} {when}",
                          f"Dự kiến kết thúc {format_date(planned)}: ghi ngày kết thúc cách ly.",
                          "health", {"person_id": pid}, overdue=late > 0))
    return _capped(tasks, QUARANTINE_END, "health", "người")


def _f1_tests(db: Database, today: date) -> list[Task]:
    try:
        days = sorted({int(d) for d in all_settings(db).get("f1_test_days") or []})
    except (TypeError, ValueError):
        days = []
    if not days:
        return []
    with db.session() as s:
        rows = s.execute(
            select(HealthStatus.person_id, HealthStatus.start_date, Person.full_name,
                   Household.code)
            .join(Person, Person.id == HealthStatus.person_id)
            .join(Household, Household.id == Person.household_id)
            .where(active_health_clause(today), HealthStatus.kind == HealthKind.F1.value,
                   Person.deleted.is_(False))
            .order_by(Person.sort_key)).all()
        ids = [r[0] for r in rows]
        last_test = dict(s.execute(
            select(TestResult.person_id, func.max(TestResult.tested_on))
            .where(TestResult.deleted.is_(False), TestResult.person_id.in_(ids))
            .group_by(TestResult.person_id)).all()) if ids else {}
    tasks = []
    for pid, start, name, code in rows:
        tested = last_test.get(pid)
        due = [start + timedelta(days=d) for d in days if start + timedelta(days=d) <= today]
        # due: the latest test day reached that no test on or after it covers
        missed = [d for d in due if tested is None or tested < d]
        if not missed:
            continue
        day = missed[-1]
        n = days[len(due) - 1]
        late = (today - day).days
        when = "hôm nay" if late == 0 else f"từ {format_date(day)}, quá {late} ngày"
        tasks.append(Task(F1_TEST, f"{name} (hộ {code}): xét nghiệm ngày thứ {n} {when}",
                          f"F1 từ {format_date(start)}; lần xét nghiệm gần nhất: "
                          f"{format_date(tested) or 'chưa có'}.",
                          "health", {"person_id": pid}, overdue=late > 0))
    return _capped(tasks, F1_TEST, "health", "người")


def _untested(db: Database, today: date) -> list[Task]:
    r = current_round(db, today)
    if r is None:
        return []
    p = round_progress(db, r.id)
    if not p.untested:
        return []
    return [Task(UNTESTED, f"{p.untested} người chưa xét nghiệm — {r.name}",
                 f"Đã xét nghiệm {p.tested}/{p.expected} người ({r.scope_text}).",
                 "testing", {"round_id": r.id}, overdue=r.held_on < today)]


def _commitments(db: Database, today: date) -> list[Task]:
    tasks = [Task(COMMITMENT, f"Hộ {q.code} ({q.head_name}): chưa ký cam kết cách ly tại nhà",
                  f"Đang cách ly tại nhà từ {format_date(q.since)}: {', '.join(q.people)}.",
                  "households", {"household_id": q.household_id}, overdue=q.since < today)
             for q in home_quarantine_households(db, today) if not q.has_commitment]
    return _capped(tasks, COMMITMENT, "households", "hộ")


def today_tasks(db: Database, today: date | None = None) -> list[Task]:
    """Every task for `today`, grouped by kind in a fixed order."""
    today = today or date.today()
    return [*_quarantine_ends(db, today), *_f1_tests(db, today), *_untested(db, today),
            *_commitments(db, today)]
