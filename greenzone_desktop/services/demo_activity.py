"""The demo village as a running campaign: rosters, the checkpoints' in/out log, testing rounds,
a lockdown zone, self-managed teams, tips, a sweep with household inspections, an inspection
team's record, violations, risk assessments, daily reports and a few more organisations.

Everything is drawn from its own random stream (seeded from the demo's seed), so the register
the demo generator made stays the same and the same seed gives the same campaign. Rows go in
the way the demo's register does (stamped, in bulk); the roster is filled by the roster service
and the figures of assessments and reports come from the services that compute them."""

from __future__ import annotations

import random
import uuid
from contextlib import suppress
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert

from greenzone_desktop.models import (
    Checkpoint,
    Commitment,
    DailyReport,
    Finding,
    GateEntry,
    HealthStatus,
    Household,
    Inspection,
    Organization,
    Person,
    Recommendation,
    RiskAssessment,
    Shift,
    Sweep,
    Team,
    TeamHousehold,
    TeamMember,
    TestingRound,
    TestResult,
    Tip,
    Violation,
    Zone,
    ZoneHousehold,
)
from greenzone_desktop.models.base import utcnow
from greenzone_desktop.models.db import Database
from greenzone_desktop.services import demo_names as N
from greenzone_desktop.services.daily_report import day_figures
from greenzone_desktop.services.demo_inspections import inspections
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.gate_log import (
    GateEntryInput,
    flags_for,
    risk_areas,
    set_risk_areas,
)
from greenzone_desktop.services.risk import compute_figures, presets, propose_level
from greenzone_desktop.services.roster import auto_fill, monday
from greenzone_desktop.services.roster_data import live_checkpoints, plan_shifts
from greenzone_desktop.services.settings import get_setting
from greenzone_desktop.text import fold

Rows = dict[type, list[dict]]
ORDER = [Organization, Commitment, Team, TeamMember, TeamHousehold, Tip, Zone, ZoneHousehold,
         HealthStatus, TestingRound, TestResult, GateEntry, Sweep, Inspection, Finding,
         Recommendation, Violation, Shift, RiskAssessment, DailyReport]
BULKY = (TestResult, TeamHousehold)
REPORT_DAYS = 5  # daily reports made for the days before today
ASSESSMENT_AGES = (14, 7, 0)  # days before today
# A village of a few thousand: one case is already "50 per 100 000"; the steering committee
# records the level it judges right, with its reason (the override the risk page offers).
SMALL_POPULATION = 10_000
OVERRIDE_REASON = ("Địa bàn nhỏ: ca bệnh đã được khoanh vùng, cách ly ngay, không lây lan trong "
                   "cộng đồng; tỷ lệ trên 100.000 dân không phản ánh đúng mức nguy cơ.")


class Act:
    """The campaign being built: its random stream, its day, and the rows to write."""

    def __init__(self, seed: int, origin: str, today: date, unit_id: str, register: Rows):
        self.rng = random.Random(f"greenzone-demo-activity-{seed}")
        self.origin = origin
        self.today = today
        self.now = datetime.combine(today, time(8, 0))
        self.unit_id = unit_id
        self.reg = register
        self.rows: Rows = {}
        self.persons = register.get(Person, [])
        self.households = register.get(Household, [])
        self.household_by_id = {h["id"]: h for h in self.households}
        self.adults = [p for p in self.persons
                       if p["birth_year"] and 20 <= today.year - p["birth_year"] < 65]

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, model: type, unit_id: str | None = None, **values: object) -> str:
        rid = values.pop("id", None) or self.uid()
        stamp = values.pop("stamp", None) or self.now
        row = {"id": rid, "unit_id": unit_id or self.unit_id, "created_at": stamp,
               "updated_at": stamp, "version": 1, "origin": self.origin, "deleted": False,
               **values}
        self.rows.setdefault(model, []).append(row)
        return rid

    def day(self, ago: int) -> date:
        return self.today - timedelta(days=ago)

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute))

    def adult(self) -> dict:
        return self.rng.choice(self.adults or self.persons)

    def name(self) -> str:
        rng = self.rng
        family = rng.choices([n for n, _ in N.FAMILY_NAMES], [w for _, w in N.FAMILY_NAMES])[0]
        if rng.random() < 0.55:
            return f"{family} {rng.choice(N.MIDDLE_MALE)} {rng.choice(N.GIVEN_MALE)}"
        return f"{family} {rng.choice(N.MIDDLE_FEMALE)} {rng.choice(N.GIVEN_FEMALE)}"

    def address(self, household_id: str) -> str:
        h = self.household_by_id[household_id]
        return f"{h['address']} ({h['area']})"


# -- organisations and teams ------------------------------------------------------------------

def organisations(a: Act) -> None:
    """Schools, agencies and a market beside the demo's businesses; most have signed."""
    rng = a.rng
    for kind, name in N.EXTRA_ORGANISATIONS:
        org = a.add(Organization, name=name, name_key=fold(name), kind=kind,
                    address=f"Số {rng.randint(1, 300)}, {rng.choice(N.STREETS)}",
                    area=rng.choice(a.households)["area"] if a.households else "",
                    contact_person=a.name(),
                    phone=rng.choice(("098", "097", "091", "094", "088")) + f"{rng.randrange(10**7):07d}",
                    workers=rng.randint(8, 70), notes="")
        if rng.random() < 0.6:
            a.add(Commitment, kind="organisation", organization_id=org,
                  signed_on=a.day(rng.randrange(2, 30)), signed_by="Thủ trưởng đơn vị",
                  notes="")


def self_managed_teams(a: Act) -> None:
    """A Tổ tự quản for each residential group (tổ), led by one of its residents."""
    by_area: dict[tuple[str, str], list[dict]] = {}
    for h in a.households:
        by_area.setdefault((h["unit_id"], h["area"]), []).append(h)
    people: dict[str, list[dict]] = {}
    for p in a.adults:
        people.setdefault(p["household_id"], []).append(p)
    for (unit_id, area), members in by_area.items():
        tid = a.add(Team, unit_id, kind="self_managed", name=f"Tổ tự quản {area}", area=area,
                    notes="")
        leaders = [p for h in members[:20] for p in people.get(h["id"], [])]
        for role, p in zip(("Tổ trưởng", "Tổ phó"), a.rng.sample(leaders, min(2, len(leaders))),
                           strict=False):
            a.add(TeamMember, unit_id, team_id=tid, person_id=p["id"], full_name=p["full_name"],
                  role=role, organisation="Tổ tự quản", phone=p["phone"])
        for h in members:
            a.add(TeamHousehold, unit_id, team_id=tid, household_id=h["id"])


def tips(a: Act) -> None:
    channels = ["Đường dây nóng Ban chỉ đạo", "Nhóm Zalo Vùng xanh an toàn",
                "Hòm thư Nhà văn hóa", "Hòm thư Cổng chợ", "Trạm Y tế phường"]
    for i, (content, action) in enumerate(N.TIPS):
        h = a.rng.choice(a.households)
        a.add(Tip, received_on=a.day(i * 2 + a.rng.randrange(2)),
              channel=a.rng.choice(channels), content=content.format(addr=a.address(h["id"])),
              action=action, closed=bool(action))


# -- health: zone and testing -----------------------------------------------------------------

def new_case(a: Act) -> dict | None:
    """An F0 found by the current screening round two days ago (treated at a facility), the
    household's members F1 in home quarantine: the campaign's latest case."""
    watched = {r["person_id"] for r in a.reg.get(HealthStatus, [])}
    members: dict[str, list[dict]] = {}
    for p in a.persons:
        members.setdefault(p["household_id"], []).append(p)
    homes = [h for h in a.households if h["kind"] == "family"
             and 3 <= len(members[h["id"]]) <= 6
             and not any(p["id"] in watched for p in members[h["id"]])]
    if not homes:
        return None
    home = a.rng.choice(homes)
    people = members[home["id"]]
    case = a.rng.choice([p for p in people if p["relation"] != "chu_ho"] or people)
    start = a.day(2)
    end = start + timedelta(days=14)
    a.add(HealthStatus, case["unit_id"], person_id=case["id"], kind="F0", start_date=start,
          planned_end=end, end_date=None, place="facility", source_person_id=None,
          zone_id=None, notes="Dương tính khi xét nghiệm tầm soát; chuyển cơ sở thu dung.")
    for p in people:
        if p is case:
            continue
        for kind in ("F1", "quarantine"):
            a.add(HealthStatus, p["unit_id"], person_id=p["id"], kind=kind, start_date=start,
                  planned_end=end, end_date=None, place="home",
                  source_person_id=case["id"] if kind == "F1" else None, zone_id=None,
                  notes="Cùng hộ gia đình" if kind == "F1" else "")
    a.add(Commitment, home["unit_id"], kind="quarantine", household_id=home["id"],
          signed_on=start, signed_by=home["head_name"], notes="")
    return case


def zone(a: Act, case: dict | None) -> None:
    """A lockdown around the newest F0 under treatment: the household and its neighbours."""
    if case is None:
        return
    home = a.household_by_id[case["household_id"]]
    same = [h for h in a.households if h["unit_id"] == home["unit_id"]]
    i = same.index(home)
    around = same[max(0, i - 3):i + 4]
    start = a.day(2)
    zid = a.add(Zone, home["unit_id"], name=f"Khu phong tỏa {home['address']}", kind="lockdown",
                started_on=start, last_f0_on=start, lifted_on=None,
                notes=f"Quanh hộ {home['code']} có F0 ngày {start:%d/%m/%Y}.")
    for h in around:
        a.add(ZoneHousehold, home["unit_id"], zone_id=zid, household_id=h["id"])
    for r in a.rows.get(HealthStatus, []):
        r["zone_id"] = zid


def _in_scope(a: Act, day: date) -> list[dict]:
    periods = a.reg.get(HealthStatus, []) + a.rows.get(HealthStatus, [])
    treated = {r["person_id"] for r in periods
               if r["kind"] == "F0" and r["start_date"] <= day
               and (r["end_date"] is None or r["end_date"] >= day)}
    return [p for p in a.persons if p["residency"] != "tam_vang" and p["id"] not in treated]


def testing(a: Act, db: Database, case: dict | None) -> None:
    """A closed screening round of the risk group two weeks ago (pooled PCR, results in) and
    the current round for everyone (rapid tests from two days ago, most people ticked, a few
    results awaited, the new case positive)."""
    rng = a.rng
    past_day = a.day(16)
    past = a.add(TestingRound, name="Xét nghiệm tầm soát nhóm nguy cơ", held_on=past_day,
                 method="pcr_pooled", pool_size=10, target="risk_group", area="", zone_id=None,
                 closed=True, notes="Người buôn bán, lái xe, nhân viên y tế; mẫu gộp 10.")
    words = [w for w in get_setting(db, "testing_risk_occupations") or [] if w]
    group = [p for p in _in_scope(a, past_day) if any(w in p["occupation"] for w in words)]
    tested = [p for p in group if rng.random() < 0.95]
    for i, p in enumerate(tested):
        a.add(TestResult, p["unit_id"], round_id=past, person_id=p["id"], tested_on=past_day,
              outcome="negative", pool_code=f"M{i // 10 + 1:04d}")
    now_day = a.day(2)
    current = a.add(TestingRound, name="Xét nghiệm tầm soát toàn dân", held_on=now_day,
                    method="rapid", pool_size=None, target="everyone", area="", zone_id=None,
                    closed=False, notes="Test nhanh kháng nguyên tại các điểm lấy mẫu của tổ.")
    for p in _in_scope(a, now_day):
        if rng.random() < 0.86:
            on = a.day(rng.choice((2, 2, 1, 1, 0)))
            outcome = "pending" if on == a.today and rng.random() < 0.5 else "negative"
            a.add(TestResult, p["unit_id"], round_id=current, person_id=p["id"], tested_on=on,
                  outcome=outcome, pool_code="")
    if case is not None:
        a.add(TestResult, case["unit_id"], round_id=current, person_id=case["id"],
              tested_on=now_day, outcome="positive", pool_code="")


# -- checkpoints: the in/out log ----------------------------------------------------------------

def _plate(rng: random.Random) -> str:
    return f"{rng.choice(N.PLATE_PREFIXES)}-{rng.randrange(100, 1000)}.{rng.randrange(10, 100)}"


def gate_log(a: Act, db: Database) -> None:
    """About thirty people a day through the checkpoints, yesterday and this morning; arrivals
    from risk areas and undeclared visitors flagged the way the gate log flags them."""
    set_risk_areas(db, N.RISK_AREAS)
    areas = risk_areas(db)
    checkpoints = a.reg.get(Checkpoint, [])
    if not checkpoints or not a.adults:
        return
    rng = a.rng
    for ago, last_hour in ((1, 21), (0, 11)):
        day = a.day(ago)
        n = 26 + rng.randrange(10) if ago else 14 + rng.randrange(6)
        for k in range(n):
            cp = rng.choice(checkpoints)
            time_in = a.at(day, rng.randint(6, last_hour), rng.randrange(60))
            row: dict[str, Any] = {"checkpoint_id": cp["id"], "plate": "", "declared": False,
                                   "vaccine": "", "place": cp["location"], "person_id": None}
            if k not in (3, 5, 7) and rng.random() < 0.55:  # 3, 5, 7: to be flagged
                p = a.adult()
                row |= {"person_id": p["id"], "full_name": p["full_name"], "cccd": p["cccd"],
                        "phone": p["phone"], "from_place": rng.choice(N.OUT_PLACES),
                        "to_place": a.address(p["household_id"]),
                        "purpose": rng.choice(N.RESIDENT_PURPOSES), "declared": True}
            else:
                risky = k == 3 or (ago == 0 and k == 5)
                row |= {"full_name": a.name(), "cccd": None, "phone": None,
                        "from_place": rng.choice(N.RISK_PLACES if risky else N.OUT_PLACES),
                        "to_place": a.address(rng.choice(a.households)["id"]),
                        "purpose": rng.choice(N.VISIT_PURPOSES), "plate": _plate(rng),
                        "declared": k != 7, "vaccine": rng.choice(["2 mũi", "2 mũi", "1 mũi"])}
            stay = rng.randint(15, 240 if row["person_id"] else 120)
            leaves = time_in + timedelta(minutes=stay)
            out_ok = leaves.hour < last_hour and leaves.date() == day
            row["time_out"] = leaves if out_ok and rng.random() < 0.75 else None
            entry = GateEntryInput(
                checkpoint_id=row["checkpoint_id"], full_name=row["full_name"], cccd=row["cccd"],
                phone=row["phone"], from_place=row["from_place"], to_place=row["to_place"],
                purpose=row["purpose"], time_in=time_in, time_out=row["time_out"],
                plate=row["plate"], declared=row["declared"], person_id=row["person_id"])
            reasons = flags_for(db, entry, areas)
            a.add(GateEntry, cp["unit_id"], stamp=time_in, time_in=time_in, **row,
                  flagged=bool(reasons), flag_reason="; ".join(reasons))


def violations(a: Act) -> None:
    for i, (what, handling, fine, status) in enumerate(N.VIOLATIONS):
        p = a.adult()
        a.add(Violation, p["unit_id"], person_id=p["id"], full_name=p["full_name"], what=what,
              occurred_on=a.day(12 - i * 5), place=a.address(p["household_id"]),
              handling=handling, fine_amount=fine, status=status)


# -- writing, then what the services fill in ------------------------------------------------

def _plain(value: object) -> object:
    """A value as SQLAlchemy's SQLite types store it (dates as ISO text, booleans as 0/1)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _write(db: Database, a: Act) -> int:
    """Insert the rows built so far and start afresh; returns how many.

    The bulky tables (one row per person tested, per household covered: ids, dates, codes,
    nothing to normalise) go straight to the driver; it is most of the demo's extra time."""
    with db.session(raw=True) as s:
        for model in ORDER:
            batch = a.rows.get(model) or []
            if model in BULKY and batch:
                cols = list(batch[0])
                sql = (f"INSERT INTO {model.__tablename__} ({', '.join(cols)}) "
                       f"VALUES ({', '.join('?' * len(cols))})")
                s.connection().exec_driver_sql(
                    sql, [tuple(_plain(r[c]) for c in cols) for r in batch])
                continue
            for start in range(0, len(batch), 5000):
                s.execute(insert(model), batch[start:start + 5000])
    n = sum(len(r) for r in a.rows.values())
    a.rows = {}
    return n


def _roster(a: Act, db: Database) -> None:
    """Last week's, this week's and next week's shifts, filled by the roster's auto-fill.

    The shifts are planned from the checkpoints' patterns the way the roster plans them, with
    ids from the demo's stream, so that the auto-fill meets them in the same order each time."""
    first, days = monday(a.today) - timedelta(days=7), 21
    with db.session(raw=True) as s:
        live = live_checkpoints(s, None, first, first + timedelta(days=days - 1))
        for cp in live:
            if cp.pattern_id:
                for row in plan_shifts(s, db.home_unit_id, cp, first, days):
                    a.add(Shift, row.pop("unit_id"), **row)
    _write(db, a)
    with suppress(ServiceError):  # no checkpoint with a pattern: nothing to roster
        auto_fill(db, first, weeks=days // 7)


def _assess(a: Act, db: Database, on: date) -> None:
    preset = presets(db)["qd2686"]
    figures = compute_figures(db, on)
    proposal = propose_level(figures, preset)
    level, reason = proposal.level, ""
    if level in ("3", "4") and figures.population < SMALL_POPULATION:
        level, reason = "2", OVERRIDE_REASON
    # The current level is the latest assessment recorded on the latest day: one of today
    # stamped later than the moment the demo is made would outrank what the person records
    # next (09:30 is hours ahead of a clock at midnight).
    a.add(RiskAssessment, stamp=min(a.at(on, 9, 30), utcnow()), assessed_on=on,
          assessors="Ban chỉ đạo phòng, chống dịch; Trạm Y tế phường", preset="qd2686",
          proposed_level=proposal.level, level=level, override_reason=reason,
          figures=figures.as_dict() | {"reasons": list(proposal.reasons),
                                       "preset_name": preset.get("name", "qd2686")})


def _report(a: Act, db: Database, day: date) -> None:
    sent = a.at(day, 16, a.rng.randrange(10, 55))
    stem = f"bao-cao-ngay-{day:%Y-%m-%d}"
    a.add(DailyReport, stamp=sent, report_on=day, sent_at=sent,
          figures={f.item: f.shown for f in day_figures(db, day)},
          files=[f"{stem}.pdf", f"{stem}.xlsx"])


def assessments_and_reports(a: Act, db: Database) -> int:
    """Day by day: the risk assessments, and the reports sent each afternoon (a report names
    the level assessed last before it)."""
    added = 0
    for ago in range(max(*ASSESSMENT_AGES, REPORT_DAYS), -1, -1):
        if ago in ASSESSMENT_AGES:
            _assess(a, db, a.day(ago))
            added += _write(db, a)
        if 0 < ago <= REPORT_DAYS:
            _report(a, db, a.day(ago))
    return added + _write(db, a)


def generate_activity(db: Database, register: Rows, *, seed: int, today: date,
                      unit_id: str) -> int:
    """Add the running campaign to a freshly generated demo; returns the rows added."""
    a = Act(seed, db.installation_id, today, unit_id, register)
    if not a.persons:
        return 0
    organisations(a)
    self_managed_teams(a)
    tips(a)
    case = new_case(a)
    zone(a, case)
    testing(a, db, case)
    gate_log(a, db)
    inspections(a)
    violations(a)
    added = _write(db, a)
    _roster(a, db)  # the figures below count the shifts staffed
    return added + assessments_and_reports(a, db)
