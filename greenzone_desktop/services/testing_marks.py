"""Ticking who was tested in a round (one by one, a whole household by its code) and recording
results. A closed round refuses changes; a person outside the round's scope is not ticked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from greenzone_desktop.models import Household, Person, TestingRound, TestResult
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.testing import get_round_row, scope_select
from greenzone_desktop.text import nfc
from greenzone_desktop.vocab import TestOutcome


@dataclass(frozen=True)
class HouseholdTick:
    """What ticking a household did."""

    household_id: str
    code: str
    head_name: str
    ticked: tuple[str, ...]  # names newly ticked
    already: int  # members already ticked before
    not_in_scope: int  # members the round does not cover (away, under treatment, other group)

    @property
    def message(self) -> str:
        parts = [f"Hộ {self.code} ({self.head_name}): "]
        if self.ticked:
            parts.append(f"đã đánh dấu {len(self.ticked)} người")
        else:
            parts.append("không có ai mới")
        if self.already:
            parts.append(f", {self.already} người đã đánh dấu từ trước")
        if self.not_in_scope:
            parts.append(f", {self.not_in_scope} người không thuộc đợt này")
        return "".join(parts) + "."


def _open_round(s: Session, round_id: str) -> TestingRound:
    r = get_round_row(s, round_id)
    if r.closed:
        raise ServiceError(f"Đợt «{r.name}» đã đóng: mở lại đợt trước khi sửa danh sách.")
    return r


def _existing(s: Session, round_id: str, person_ids: list[str]) -> dict[str, TestResult]:
    """The round's result rows for these people (a soft-deleted row is reused)."""
    rows = s.scalars(select(TestResult).where(TestResult.round_id == round_id,
                                              TestResult.person_id.in_(person_ids)))
    out: dict[str, TestResult] = {}
    for row in rows:
        if row.person_id not in out or not row.deleted:
            out[row.person_id] = row
    return out


def _mark(s: Session, r: TestingRound, person_ids: list[str], tested_on: date | None) -> list[str]:
    have = _existing(s, r.id, person_ids)
    made = []
    for pid in dict.fromkeys(person_ids):
        row = have.get(pid)
        if row is not None and not row.deleted:
            continue
        if row is not None:
            row.deleted = False
            row.tested_on = tested_on or r.held_on
            row.outcome = TestOutcome.PENDING.value
            row.pool_code = ""
        else:
            s.add(TestResult(unit_id=r.unit_id, round_id=r.id, person_id=pid,
                             tested_on=tested_on or r.held_on,
                             outcome=TestOutcome.PENDING.value, pool_code=""))
        made.append(pid)
    return made


def mark_tested(
    db: Database, round_id: str, person_ids: list[str], *, tested_on: date | None = None,
) -> Changes:
    """Tick people as tested (sample taken); people already ticked stay as they are."""
    with db.session() as s:
        r = _open_round(s, round_id)
        in_scope = set(s.scalars(scope_select(s, round_id, Person.id).where(
            Person.id.in_(person_ids))))
        outside = [pid for pid in person_ids if pid not in in_scope]
        if outside:
            names = s.scalars(select(Person.full_name).where(Person.id.in_(outside))).all()
            raise ServiceError(f"Không thuộc đối tượng của đợt «{r.name}»: {', '.join(names)}.")
        _mark(s, r, person_ids, tested_on)
    return Changes(testing=True)


def unmark_tested(db: Database, round_id: str, person_ids: list[str]) -> Changes:
    """Untick people (a tick made by mistake)."""
    with db.session() as s:
        _open_round(s, round_id)
        for row in _existing(s, round_id, person_ids).values():
            row.deleted = True
    return Changes(testing=True)


def tick_household(db: Database, round_id: str, code: str) -> HouseholdTick:
    """Tick every member of the household with this code whom the round covers."""
    code = (nfc(code) or "").strip()
    if not code:
        raise ServiceError("Chưa nhập mã hộ.")
    with db.session() as s:
        r = _open_round(s, round_id)
        h = s.scalars(select(Household).where(
            Household.deleted.is_(False), func.upper(Household.code) == code.upper())).first()
        if h is None:
            raise ServiceError(f"Không tìm thấy hộ có mã «{code}».")
        members = s.scalar(select(func.count()).select_from(Person).where(
            Person.household_id == h.id, Person.deleted.is_(False))) or 0
        covered = s.execute(scope_select(s, round_id, Person.id, Person.full_name).where(
            Person.household_id == h.id).order_by(Person.sort_key)).all()
        if not covered:
            raise ServiceError(f"Hộ {h.code} ({h.head_name}) không có ai thuộc đối tượng của "
                               f"đợt «{r.name}».")
        names = dict(covered)
        made = _mark(s, r, list(names), None)
        return HouseholdTick(h.id, h.code, h.head_name, tuple(names[p] for p in made),
                             len(names) - len(made), members - len(names))


def record_results(
    db: Database, round_id: str, person_ids: list[str], outcome: str, *, pool_code: str | None = None,
) -> Changes:
    """Record the outcome (and the pooled tube's code) for people already ticked."""
    result = TestOutcome.from_label(outcome or "")
    if result is None:
        raise ServiceError(f"Kết quả «{outcome}» không hợp lệ: chọn Âm tính, Dương tính hoặc "
                           "Chờ kết quả.")
    with db.session() as s:
        r = _open_round(s, round_id)
        have = {pid: row for pid, row in _existing(s, round_id, person_ids).items()
                if not row.deleted}
        missing = [pid for pid in person_ids if pid not in have]
        if missing:
            names = s.scalars(select(Person.full_name).where(Person.id.in_(missing))).all()
            raise ServiceError(f"Chưa đánh dấu đã xét nghiệm trong đợt «{r.name}»: "
                               f"{', '.join(names)}. Hãy đánh dấu trước khi ghi kết quả.")
        for row in have.values():
            row.outcome = result.value
            if pool_code is not None:
                row.pool_code = nfc(pool_code) or ""
    return Changes(testing=True)


def positives_to_f0(
    db: Database, round_id: str, person_ids: list[str], *, place: str = "facility",
) -> tuple[int, int]:
    """Record the round's positive people as F0 from the sampling day; (added, already F0).

    People with an F0 period already running on that day are left as they are."""
    from greenzone_desktop.services import health

    with db.session() as s:
        r = get_round_row(s, round_id)
        positive = set(s.scalars(select(TestResult.person_id).where(
            TestResult.round_id == round_id, TestResult.deleted.is_(False),
            TestResult.outcome == TestOutcome.POSITIVE.value, TestResult.person_id.in_(person_ids))))
        day = r.held_on
    if not positive:
        raise ServiceError("Chưa có ai được ghi kết quả dương tính trong số người đã chọn.")
    added = already = 0
    for pid in person_ids:
        if pid not in positive:
            continue
        try:
            health.add_period(db, pid, health.PeriodInput(
                "F0", day, place=place, notes=f"Dương tính trong đợt xét nghiệm {day:%d/%m/%Y}"))
            added += 1
        except ServiceError:
            already += 1  # an F0 period already covers the day
    return added, already
