"""Vaccination: doses per person (date, vaccine from the editable list, place) and coverage
figures by age band (12–17, 18+, 50+; at least one dose, fully vaccinated) for the unit and
each area.

Coverage counts the people living in the unit: people registered "tạm vắng" (away) are left out.
Age is taken on the day asked: full years from the birth date, or the year's difference when only
the birth year is known (what the ward's own lists do)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, func, or_, select

from greenzone_desktop.models import Household, Person, Vaccination
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import NotFoundError, ServiceError, ValidationError
from greenzone_desktop.services.settings import all_settings
from greenzone_desktop.text import TextError, format_date, nfc, parse_date
from greenzone_desktop.vocab import Residency

# (code, label, lowest age, highest age or None)
AGE_BANDS: tuple[tuple[str, str, int, int | None], ...] = (
    ("12-17", "12–17 tuổi", 12, 17),
    ("18+", "Từ 18 tuổi", 18, None),
    ("50+", "Từ 50 tuổi", 50, None),
)
UNIT_ROW = ""  # the area key of the whole unit's figures


@dataclass(frozen=True)
class DoseView:
    id: str
    dose_no: int
    given_on: date | None
    vaccine: str
    place: str


@dataclass
class BandCoverage:
    people: int = 0
    one_dose: int = 0  # at least one dose
    full: int = 0  # the number of doses the rules call full

    @staticmethod
    def _pct(n: int, of: int) -> float:
        return round(100 * n / of, 1) if of else 0.0

    @property
    def one_dose_pct(self) -> float:
        return self._pct(self.one_dose, self.people)

    @property
    def full_pct(self) -> float:
        return self._pct(self.full, self.people)

    def as_dict(self) -> dict:
        return {"people": self.people, "one_dose": self.one_dose, "full": self.full,
                "one_dose_percent": self.one_dose_pct, "full_percent": self.full_pct}


@dataclass
class Coverage:
    """Figures by area ("" = the whole unit) then by band code; people with no birth year are
    counted in `unknown_age` only."""

    day: date
    full_doses: int
    areas: dict[str, dict[str, BandCoverage]] = field(default_factory=dict)
    unknown_age: int = 0

    def band(self, code: str, area: str = UNIT_ROW) -> BandCoverage:
        return self.areas.get(area, {}).get(code) or BandCoverage()

    @property
    def area_names(self) -> list[str]:
        return [a for a in self.areas if a != UNIT_ROW]

    def as_dict(self) -> dict:
        return {
            "date": self.day.isoformat(), "full_doses": self.full_doses,
            "unknown_age": self.unknown_age,
            "unit": {code: self.band(code).as_dict() for code, *_ in AGE_BANDS},
            "areas": {a: {code: self.band(code, a).as_dict() for code, *_ in AGE_BANDS}
                      for a in self.area_names},
        }


def age_on(day: date, birth_date: date | None, birth_year: int | None) -> int | None:
    if birth_date is not None:
        return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
    return day.year - birth_year if birth_year is not None else None


def _natural(area: str) -> tuple:
    head, _, tail = area.rpartition(" ")
    return (head, int(tail), "") if tail.isdigit() else (area, 0, area)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def _age_at_least(day: date, years: int):  # noqa: ANN202 - SQLAlchemy expression
    """The person is `years` old or more on `day` (see `age_on`), in SQL."""
    return or_(Person.birth_date <= _years_before(day, years),
               and_(Person.birth_date.is_(None), Person.birth_year <= day.year - years))


def coverage(db: Database, today: date | None = None) -> Coverage:
    """Vaccination coverage on `today` by age band, for the unit and each area.

    Counted in SQL, one row per area: the database does the ward's 80 000 people in one pass."""
    today = today or date.today()
    try:
        full_doses = max(1, int(all_settings(db).get("full_doses") or 2))
    except (TypeError, ValueError) as exc:
        raise ServiceError("Quy định «full_doses» (số mũi tiêm đủ) không hợp lệ.") from exc
    # live doses are unique per (person, dose number): a plain count is the number of doses
    doses = (select(Vaccination.person_id, func.count().label("n"))
             .where(Vaccination.deleted.is_(False),
                    or_(Vaccination.given_on.is_(None), Vaccination.given_on <= today))
             .group_by(Vaccination.person_id).subquery())
    n = func.coalesce(doses.c.n, 0)
    cols = [Household.area, func.sum(case((and_(Person.birth_date.is_(None),
                                                Person.birth_year.is_(None)), 1), else_=0))]
    for _code, _label, low, high in AGE_BANDS:
        band = _age_at_least(today, low)
        if high is not None:
            band = and_(band, ~_age_at_least(today, high + 1))
        cols += [func.sum(case((band, 1), else_=0)),
                 func.sum(case((and_(band, n >= 1), 1), else_=0)),
                 func.sum(case((and_(band, n >= full_doses), 1), else_=0))]
    stmt = (select(*cols).select_from(Person).join(Household, Household.id == Person.household_id)
            .outerjoin(doses, doses.c.person_id == Person.id)
            .where(Person.deleted.is_(False), Household.deleted.is_(False),
                   Person.residency != Residency.AWAY.value)
            .group_by(Household.area))
    with db.session() as s:
        rows = s.execute(stmt).all()
    result = Coverage(today, full_doses)
    areas = sorted({r[0] or "" for r in rows} - {UNIT_ROW}, key=_natural)
    for key in (UNIT_ROW, *areas):
        result.areas[key] = {code: BandCoverage() for code, *_ in AGE_BANDS}
    for area, unknown, *figures in rows:
        result.unknown_age += unknown or 0
        for i, (code, *_rest) in enumerate(AGE_BANDS):
            people, one, full = (int(x or 0) for x in figures[3 * i:3 * i + 3])
            for key in {UNIT_ROW, area or UNIT_ROW}:
                b = result.areas[key][code]
                b.people += people
                b.one_dose += one
                b.full += full
    return result


# -- doses -------------------------------------------------------------------------------------

def person_doses(db: Database, person_id: str) -> list[DoseView]:
    with db.session() as s:
        rows = s.scalars(select(Vaccination).where(
            Vaccination.person_id == person_id, Vaccination.deleted.is_(False))
            .order_by(Vaccination.dose_no))
        return [DoseView(v.id, v.dose_no, v.given_on, v.vaccine, v.place) for v in rows]


def vaccines(db: Database) -> list[str]:
    """The vaccine names offered (editable in the rules: «vaccines»)."""
    return [str(v) for v in all_settings(db).get("vaccines") or []]


def add_dose(
    db: Database, person_id: str, given_on: date | str | None, vaccine: str = "", place: str = "",
) -> Changes:
    """Record the person's next dose; its date must follow the previous dose's."""
    try:
        day = parse_date(given_on, field="Ngày tiêm")
    except TextError as exc:
        raise ValidationError({"given_on": str(exc)}) from None
    if day is None:
        raise ValidationError({"given_on": "Chưa nhập ngày tiêm."})
    with db.session() as s:
        p = s.get(Person, person_id)
        if p is None or p.deleted:
            raise NotFoundError("Không tìm thấy nhân khẩu này (có thể đã bị xóa).")
        have = list(s.scalars(select(Vaccination).where(
            Vaccination.person_id == person_id, Vaccination.deleted.is_(False))
            .order_by(Vaccination.dose_no)))
        if len(have) >= 6:
            raise ServiceError(f"{p.full_name} đã có 6 mũi tiêm.")
        last = have[-1] if have else None
        if last is not None and last.given_on is not None and day < last.given_on:
            raise ValidationError({"given_on": (
                f"Ngày tiêm {format_date(day)} trước mũi {last.dose_no} "
                f"({format_date(last.given_on)}).")})
        s.add(Vaccination(unit_id=p.unit_id, person_id=p.id,
                          dose_no=(last.dose_no if last else 0) + 1, given_on=day,
                          vaccine=nfc(vaccine) or "", place=nfc(place) or ""))
    return Changes(health=True, persons=True)


def delete_dose(db: Database, dose_id: str) -> Changes:
    """Remove a dose recorded by mistake (only the latest one, so numbering stays whole)."""
    with db.session() as s:
        v = s.get(Vaccination, dose_id)
        if v is None or v.deleted:
            raise NotFoundError("Không tìm thấy mũi tiêm này.")
        later = s.scalar(select(func.count()).select_from(Vaccination).where(
            Vaccination.person_id == v.person_id, Vaccination.deleted.is_(False),
            Vaccination.dose_no > v.dose_no))
        if later:
            raise ServiceError(f"Chỉ xóa được mũi cuối cùng: hãy xóa các mũi sau mũi {v.dose_no} "
                               "trước.")
        v.deleted = True
    return Changes(health=True, persons=True)
