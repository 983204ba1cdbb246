"""A realistic, deterministic demo village (or ward): households, people, vaccinations, health,
commitments, organisations, checkpoints, teams and contact points, then the running campaign
around them (`demo_activity`: rosters, gate log, testing, inspections, assessments, reports).
Same seed, same data."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, func, insert, select, update

from greenzone_desktop.models import (
    Channel,
    Checkpoint,
    Commitment,
    HealthStatus,
    Hotline,
    Household,
    Mailbox,
    Organization,
    Person,
    ShiftPattern,
    Staff,
    Team,
    TeamHousehold,
    TeamMember,
    Unit,
    Vaccination,
)
from greenzone_desktop.models.db import Database
from greenzone_desktop.models.search_keys import refresh_members_key
from greenzone_desktop.services import demo_names as N
from greenzone_desktop.services.demo_activity import generate_activity
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.units import child_units, home_unit, init_units
from greenzone_desktop.text import fold, name_sort_key
from greenzone_desktop.vocab import UnitLevel

HOUSEHOLD_SIZES = [(1, 6), (2, 12), (3, 20), (4, 28), (5, 18), (6, 10), (7, 4), (8, 2)]
DEMO_PLACE = {"province": "Vĩnh Phúc", "district": "Thành phố Phúc Yên",
              "commune": "Phường Hùng Vương", "village": "Tổ dân phố Xuân Mai"}
CCCD_PROVINCE = "026"  # Vĩnh Phúc


@dataclass(frozen=True)
class DemoSummary:
    households: int
    persons: int
    seconds: float


class _Gen:
    """Holds the random stream and the rows being built."""

    def __init__(self, seed: int, origin: str, today: date):
        self.rng = random.Random(seed)
        self.origin = origin
        self.today = today
        self.now = datetime(today.year, today.month, today.day, 8, 0)
        self.rows: dict[type, list[dict]] = {}
        self.cccds: set[str] = set()
        self.phones: set[str] = set()
        self.families = [n for n, _ in N.FAMILY_NAMES]
        self.family_w = [w for _, w in N.FAMILY_NAMES]
        self.prefixes = ["032", "033", "034", "035", "036", "037", "038", "039", "086", "096",
                         "097", "098", "081", "082", "083", "084", "085", "088", "091", "094",
                         "070", "076", "077", "078", "079", "089", "090", "093", "056", "058"]

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, model: type, unit_id: str, **values: object) -> str:
        rid = values.pop("id", None) or self.uid()
        row = {"id": rid, "unit_id": unit_id, "created_at": self.now, "updated_at": self.now,
               "version": 1, "origin": self.origin, "deleted": False, **values}
        self.rows.setdefault(model, []).append(row)
        return rid

    def name(self, sex: str, family: str | None = None) -> str:
        family = family or self.rng.choices(self.families, self.family_w)[0]
        if sex == "nam":
            return f"{family} {self.rng.choice(N.MIDDLE_MALE)} {self.rng.choice(N.GIVEN_MALE)}"
        return f"{family} {self.rng.choice(N.MIDDLE_FEMALE)} {self.rng.choice(N.GIVEN_FEMALE)}"

    def birth(self, age: int) -> date:
        start = date(self.today.year - age - 1, self.today.month, 1) + timedelta(days=1)
        return start + timedelta(days=self.rng.randrange(360))

    def cccd(self, birth: date, sex: str) -> str:
        century = (birth.year // 100) - 19
        digit = century * 2 + (1 if sex == "nu" else 0)
        while True:
            c = f"{CCCD_PROVINCE}{digit}{birth.year % 100:02d}{self.rng.randrange(10**6):06d}"
            if c not in self.cccds:
                self.cccds.add(c)
                return c

    def phone(self) -> str:
        while True:
            p = self.rng.choice(self.prefixes) + f"{self.rng.randrange(10**7):07d}"
            if p not in self.phones:
                self.phones.add(p)
                return p


def _age(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _person(g: _Gen, unit_id: str, household_id: str, full_name: str, sex: str, age: int,
            relation: str, *, residency: str = "thuong_tru", occupation: str = "",
            workplace: str = "") -> str:
    rng = g.rng
    birth = g.birth(age)
    year_only = age > 60 and rng.random() < 0.15
    cccd = g.cccd(birth, sex) if age >= 14 and rng.random() < 0.88 else None
    phone = g.phone() if age >= 16 and rng.random() < 0.82 else None
    if not occupation:
        if age < 6:
            occupation = ""
        elif age < 18:
            occupation = "Học sinh"
        elif age < 23 and rng.random() < 0.5:
            occupation = "Sinh viên"
        elif age >= 60 and rng.random() < 0.6:
            occupation = "Hưu trí"
        else:
            occupation = rng.choice(N.OCCUPATIONS_ADULT)
    if not workplace and occupation not in ("", "Học sinh", "Sinh viên", "Hưu trí", "Nội trợ"):
        workplace = rng.choice(N.WORKPLACES)
    until = None
    if residency == "tam_tru":
        until = g.today + timedelta(days=rng.randrange(-20, 365))
    pid = g.add(
        Person, unit_id, household_id=household_id, full_name=full_name, name_key=fold(full_name),
        sort_key=name_sort_key(full_name), birth_date=None if year_only else birth,
        birth_year=birth.year, sex=sex, relation=relation, cccd=cccd,
        cccd_issued_on=date(2021, rng.randrange(1, 13), rng.randrange(1, 29)) if cccd else None,
        cccd_issued_by="Cục Cảnh sát QLHC về TTXH" if cccd else "", phone=phone,
        residency=residency, residency_until=until, ethnicity="Kinh", religion="",
        occupation=occupation, workplace=workplace, insurance_no="", notes="",
        search_key=" ".join(x for x in (fold(full_name), cccd, phone) if x),
    )
    _vaccinate(g, unit_id, pid, age)
    return pid


def _vaccinate(g: _Gen, unit_id: str, pid: str, age: int) -> None:
    rng = g.rng
    if age < 12:
        return
    r = rng.random()
    doses = (3 if r < 0.35 else 2 if r < 0.86 else 1 if r < 0.95 else 0) if age >= 18 else (
        2 if r < 0.6 else 1 if r < 0.82 else 0)
    day = date(2021, 7, 1) + timedelta(days=rng.randrange(90))
    vaccine = rng.choice(N.VACCINES)
    for no in range(1, doses + 1):
        g.add(Vaccination, unit_id, person_id=pid, dose_no=no, given_on=day, vaccine=vaccine,
              place="Trạm Y tế phường")
        day += timedelta(days=rng.randrange(28, 100) if no == 1 else rng.randrange(120, 200))


def _family(g: _Gen, unit_id: str, hid: str, size: int) -> tuple[str, str]:
    """Members of a family household of `size`; returns (head id, head name)."""
    rng = g.rng
    head_sex = "nam" if rng.random() < 0.78 else "nu"
    family = rng.choices(g.families, g.family_w)[0]
    head_age = rng.randint(24, 80) if size > 1 else rng.randint(20, 90)
    head_name = g.name(head_sex, family)
    head = _person(g, unit_id, hid, head_name, head_sex, head_age, "chu_ho")
    left = size - 1
    if left and head_age < 85:
        sex = "nu" if head_sex == "nam" else "nam"
        _person(g, unit_id, hid, g.name(sex), sex, max(20, head_age + rng.randint(-6, 4)),
                "vo" if sex == "nu" else "chong")
        left -= 1
    if left and head_age > 55 and rng.random() < 0.4:
        # a married son's family living with his parents
        sex = "nam"
        son_age = head_age - rng.randint(24, 32)
        _person(g, unit_id, hid, g.name(sex, family), sex, son_age, "con")
        left -= 1
        if left:
            _person(g, unit_id, hid, g.name("nu"), "nu", son_age - rng.randint(0, 4), "con_dau_re")
            left -= 1
        while left:
            sex = rng.choice(["nam", "nu"])
            _person(g, unit_id, hid, g.name(sex, family), sex, rng.randint(0, max(0, son_age - 20)),
                    "chau")
            left -= 1
    while left:
        sex = rng.choice(["nam", "nu"])
        if head_age < 45 and left == 1 and rng.random() < 0.15:
            _person(g, unit_id, hid, g.name(sex), sex, head_age + rng.randint(22, 32),
                    "me" if sex == "nu" else "bo")
        else:
            age = rng.randint(0, max(0, min(head_age - 20, 45)))
            _person(g, unit_id, hid, g.name(sex, family), sex, age, "con")
        left -= 1
    return head, head_name


def _boarding_house(g: _Gen, unit_id: str, hid: str) -> tuple[str, str]:
    rng = g.rng
    sex = rng.choice(["nam", "nu"])
    owner_name = g.name(sex)
    head = _person(g, unit_id, hid, owner_name, sex, rng.randint(40, 70), "chu_ho")
    for _ in range(rng.randint(4, 10)):
        s = rng.choice(["nam", "nu"])
        _person(g, unit_id, hid, g.name(s), s, rng.randint(18, 40), "o_tro", residency="tam_tru",
                occupation="Công nhân", workplace=rng.choice(N.WORKPLACES[:4]))
    return head, owner_name


def _households(g: _Gen, unit_id: str, code_prefix: str, n: int, progress: Callable | None,
                offset: int, total: int) -> list[tuple[str, str]]:
    rng = g.rng
    sizes, weights = zip(*HOUSEHOLD_SIZES, strict=True)
    areas = max(1, round(n / 70))
    made: list[tuple[str, str]] = []
    for i in range(n):
        hid = g.uid()
        boarding = rng.random() < 0.02
        if boarding:
            head, head_name = _boarding_house(g, unit_id, hid)
        else:
            head, head_name = _family(g, unit_id, hid, rng.choices(sizes, weights)[0])
        area = f"Tổ {1 + i * areas // n}"
        number = rng.randint(1, 200)
        street = rng.choice(N.STREETS)
        code = f"{code_prefix}-{i + 1:04d}"
        address = f"Số {number}, {street}"
        phone = None
        g.add(Household, unit_id, id=hid, code=code,
              kind="boarding_house" if boarding else "family", head_id=head,
              head_name=head_name, head_sort=name_sort_key(head_name), address=address,
              area=area, phone=phone, notes="",
              search_key=" ".join((fold(code), fold(address), fold(area))))
        made.append((hid, area))
        if rng.random() < 0.86:
            g.add(Commitment, unit_id, kind="household", household_id=hid,
                  signed_on=g.today - timedelta(days=rng.randrange(1, 60)),
                  signed_by=head_name, notes="")
        if progress and (offset + i) % 500 == 0:
            progress(offset + i, total)
    return made


def _health(g: _Gen, unit_id: str) -> None:
    """A few F0 with their F1 contacts, some in home quarantine, some recovered."""
    rng = g.rng
    persons = g.rows.get(Person, [])
    if not persons:
        return
    n_f0 = max(1, len(persons) // 2500)
    by_household: dict[str, list[dict]] = {}
    for p in persons:
        by_household.setdefault(p["household_id"], []).append(p)
    for _ in range(n_f0):
        f0 = rng.choice(persons)
        start = g.today - timedelta(days=rng.randrange(0, 20))
        recovered = start + timedelta(days=14) if start + timedelta(days=14) < g.today else None
        place = rng.choice(["home", "facility"])
        g.add(HealthStatus, unit_id, person_id=f0["id"], kind="F0", start_date=start,
              planned_end=start + timedelta(days=14), end_date=recovered, place=place,
              source_person_id=None, zone_id=None, notes="")
        for contact in by_household[f0["household_id"]]:
            if contact is f0:
                continue
            q_end = start + timedelta(days=14)
            g.add(HealthStatus, unit_id, person_id=contact["id"], kind="F1", start_date=start,
                  planned_end=q_end, end_date=q_end if q_end < g.today else None, place="home",
                  source_person_id=f0["id"], zone_id=None, notes="Cùng hộ gia đình")
            g.add(HealthStatus, unit_id, person_id=contact["id"], kind="quarantine",
                  start_date=start, planned_end=q_end,
                  end_date=q_end if q_end < g.today else None, place="home",
                  source_person_id=None, zone_id=None, notes="")


def _community(g: _Gen, unit_id: str, households: list[tuple[str, str]]) -> None:
    rng = g.rng
    persons = g.rows.get(Person, [])
    adults = [p for p in persons if p["birth_year"] and g.today.year - p["birth_year"] in range(20, 60)]
    n_org = max(3, len(households) // 60)
    for i in range(n_org):
        business = rng.random() < 0.8
        base = rng.choice(N.BUSINESSES if business else N.AGENCIES)
        name = f"{base} {g.name(rng.choice(['nam', 'nu'])).split()[-1]}" if business else \
            f"{base} {i + 1}"
        org = g.add(Organization, unit_id, name=name, name_key=fold(name),
                    kind="business" if business else "agency",
                    address=f"Số {rng.randint(1, 300)}, {rng.choice(N.STREETS)}",
                    area=rng.choice(households)[1], contact_person=g.name("nam"),
                    phone=g.phone(), workers=rng.randint(2, 60), notes="")
        if rng.random() < 0.7:
            g.add(Commitment, unit_id, kind="organisation", organization_id=org,
                  signed_on=g.today - timedelta(days=rng.randrange(1, 40)),
                  signed_by="Chủ cơ sở", notes="")
    pattern = g.add(ShiftPattern, unit_id, name="3 ca × 8 giờ",
                    slots=[["06:00", "14:00"], ["14:00", "22:00"], ["22:00", "06:00"]])
    n_cp = max(2, min(12, len(households) // 150))
    for i in range(n_cp):
        g.add(Checkpoint, unit_id, name=f"Chốt số {i + 1}",
              location=f"Đầu {rng.choice(N.STREETS)}", kind="hard" if i % 2 == 0 else "soft",
              opens_at=None, closes_at=None, min_staff=2, phone=g.phone(),
              active_from=g.today - timedelta(days=30), active_to=None, pattern_id=pattern)
    for p in rng.sample(adults, min(len(adults), n_cp * 10)):
        g.add(Staff, unit_id, person_id=p["id"], full_name=p["full_name"],
              sort_key=p["sort_key"], phone=p["phone"] or g.phone(),
              organisation=rng.choice(["Đoàn thanh niên", "Dân quân", "Công an khu vực",
                                       "Tình nguyện viên", "Hội Cựu chiến binh"]),
              doses=rng.choice([1, 2, 2, 3]), max_hours_week=48.0, active=True, notes="")

    def team(kind: str, name: str, members: list[tuple[str, str]], area: str = "") -> str:
        tid = g.add(Team, unit_id, kind=kind, name=name, area=area, notes="")
        for role, org in members:
            p = rng.choice(adults)
            g.add(TeamMember, unit_id, team_id=tid, person_id=p["id"], full_name=p["full_name"],
                  role=role, organisation=org, phone=p["phone"] or g.phone())
        return tid

    team("steering", "Ban chỉ đạo phòng, chống dịch", [
        ("Trưởng ban", "Chi bộ"), ("Phó trưởng ban", "Trưởng thôn"), ("Thành viên", "Y tế"),
        ("Thành viên", "Công an"), ("Thành viên", "Mặt trận Tổ quốc")])
    team("rapid_response", "Tổ phản ứng nhanh", [
        ("Tổ trưởng", "Phó trưởng Công an"), ("Thành viên", "Quân sự"), ("Thành viên", "Y tế"),
        ("Thành viên", "Tình nguyện viên"), ("Thành viên", "Đoàn thanh niên")])
    per_team = 70
    for t, start in enumerate(range(0, len(households), per_team)):
        tid = team("community", f"Tổ Covid cộng đồng số {t + 1}",
                   [("Tổ trưởng", "Trưởng khu"), ("Thành viên", "Hội Phụ nữ"),
                    ("Thành viên", "Đoàn thanh niên")], households[start][1])
        for hid, _area in households[start:start + per_team]:
            g.add(TeamHousehold, unit_id, team_id=tid, household_id=hid)
    g.add(Hotline, unit_id, name="Đường dây nóng Ban chỉ đạo", number="0211" + "3869115",
          owner="Trưởng ban chỉ đạo")
    g.add(Hotline, unit_id, name="Trạm Y tế phường", number=g.phone(), owner="Trạm trưởng")
    g.add(Channel, unit_id, kind="zalo", name="Vùng xanh an toàn", link="", admin=g.name("nu"),
          members=min(900, len(households)))
    for place in ("Nhà văn hóa", "Cổng chợ"):
        g.add(Mailbox, unit_id, place=place, manager=g.name("nam"),
              installed_on=g.today - timedelta(days=45))


def _write(db: Database, g: _Gen) -> None:
    order = [Household, Person, Vaccination, HealthStatus, Organization, Commitment,
             ShiftPattern, Checkpoint, Staff, Team, TeamMember, TeamHousehold, Hotline, Channel,
             Mailbox]
    # Households and their heads reference each other: households go in without a head,
    # members next, then each household gets its head.
    heads = [{"hid": r["id"], "head": r["head_id"]} for r in g.rows.get(Household, [])]
    for r in g.rows.get(Household, []):
        r["head_id"] = None
    with db.session(raw=True) as s:
        for model in order:
            rows = g.rows.get(model)
            if not rows:
                continue
            for start in range(0, len(rows), 5000):
                s.execute(insert(model), rows[start:start + 5000])
        if heads:
            s.connection().execute(
                update(Household.__table__)
                .where(Household.__table__.c.id == bindparam("hid"))
                .values(head_id=bindparam("head")),
                heads,
            )
        refresh_members_key(s.connection())  # rows went in as plain inserts: no session hook


def generate_demo(
    db: Database, *, households: int = 300, seed: int = 1, today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill the home unit (creating a demo unit if the database has none) with demo data.

    In a ward database the households are spread over demo villages under it."""
    import time

    if households < 1 or households > 50_000:
        raise ServiceError("Số hộ mẫu phải từ 1 đến 50 000.")
    t0 = time.perf_counter()
    if not db.home_unit_id:
        init_units(db, **DEMO_PLACE)
        db.set_local("demo", "1")
    home = home_unit(db)
    with db.session() as s:
        existing = s.scalar(select(func.count()).select_from(Household)) or 0
    if existing:
        raise ServiceError(
            f"Đơn vị {home.unit.name} đã có {existing} hộ; chỉ tạo dữ liệu mẫu cho đơn vị trống."
        )
    g = _Gen(seed, db.installation_id, today or date.today())
    targets: list[tuple[str, str, int]] = []
    if home.unit.level == UnitLevel.VILLAGE:
        targets.append((home.unit.id, home.unit.code or "HG", households))
    else:
        villages = child_units(db) or _make_villages(db, max(2, min(20, households // 1000)))
        share = households // len(villages)
        for i, v in enumerate(villages):
            n = share + (1 if i < households - share * len(villages) else 0)
            targets.append((v.id, v.code or f"T{i + 1}", n))
    offset = 0
    for unit_id, prefix, n in targets:
        made = _households(g, unit_id, prefix, n, progress, offset, households)
        offset += n
        _community(g, unit_id, made)
    main_unit = home.unit.id if home.unit.level == UnitLevel.VILLAGE else targets[0][0]
    _health(g, main_unit)
    _write(db, g)
    generate_activity(db, g.rows, seed=seed, today=g.today, unit_id=main_unit)
    if progress:
        progress(households, households)
    return DemoSummary(households, len(g.rows.get(Person, [])), time.perf_counter() - t0)


def _make_villages(db: Database, n: int) -> list:
    from greenzone_desktop.models import new_id

    with db.session() as s:
        for i in range(n):
            uid = new_id()
            s.add(Unit(id=uid, unit_id=uid, parent_id=db.home_unit_id, level="village",
                       name=f"Thôn {i + 1}", code=f"T{i + 1:02d}"))
    return child_units(db)
