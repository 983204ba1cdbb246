"""Risk assessment: the figures behind it (computed from the register), level presets as
data (QĐ 2686/QĐ-BCĐQG four levels; NQ 128/NQ-CP levels 1–4) that a province may edit, the
proposed level, and each assessment recorded with the user's confirmation or override.

The thresholds below are the commonly cited ones and are NOT verified against the full legal
texts (see DOMAIN-FACTS.md): they are defaults, edited in settings (`risk_thresholds`).
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import case, func, select

from greenzone_desktop.models import HealthStatus, Person, RiskAssessment, Vaccination
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import NotFoundError, ValidationError
from greenzone_desktop.services.settings import get_setting, set_setting
from greenzone_desktop.text import format_decimal, nfc
from greenzone_desktop.vocab import RISK_COLOURS, RiskLevel

CHANGED = Changes(community=True)

# The figures a rule may test, with how people read them.
FIGURES: dict[str, str] = {
    "cases_14d": "ca mắc mới trong cộng đồng trong 14 ngày",
    "cases_7d": "ca mắc mới trong cộng đồng trong 7 ngày",
    "per_100k_14d": "ca cộng đồng/100.000 dân trong 14 ngày",
    "per_100k_7d": "ca cộng đồng/100.000 dân trong 7 ngày",
    "coverage_one_dose": "% người từ 18 tuổi đã tiêm ít nhất 1 mũi",
    "coverage_full_50": "% người từ 50 tuổi đã tiêm đủ liều",
}

# Presets: rules checked from the highest level down, the first met gives the level (default
# level 1); `coverage`: when a coverage figure is below `min`, the level goes up by `raise`.
PRESETS: dict[str, dict[str, Any]] = {
    "qd2686": {
        "name": "QĐ 2686/QĐ-BCĐQG (31/5/2021): 4 mức nguy cơ",
        "names": {"1": "Bình thường mới", "2": "Nguy cơ", "3": "Nguy cơ cao",
                  "4": "Nguy cơ rất cao"},
        "rules": [
            {"level": "4", "figure": "per_100k_14d", "min": 50},
            {"level": "3", "figure": "per_100k_14d", "min": 20},
            {"level": "2", "figure": "cases_14d", "min": 1},
        ],
        "coverage": None,
    },
    "nq128": {
        "name": "NQ 128/NQ-CP (11/10/2021), QĐ 4800/QĐ-BYT: cấp độ 1–4",
        "names": {"1": "Cấp 1 – Nguy cơ thấp (bình thường mới)",
                  "2": "Cấp 2 – Nguy cơ trung bình", "3": "Cấp 3 – Nguy cơ cao",
                  "4": "Cấp 4 – Nguy cơ rất cao"},
        "rules": [
            {"level": "4", "figure": "per_100k_7d", "min": 150},
            {"level": "3", "figure": "per_100k_7d", "min": 50},
            {"level": "2", "figure": "per_100k_7d", "min": 20},
        ],
        "coverage": {"figure": "coverage_one_dose", "min": 70, "raise": 1},
    },
}


@dataclass(frozen=True)
class RiskFigures:
    on: date
    population: int
    cases_14d: int
    cases_7d: int
    per_100k_14d: float
    per_100k_7d: float
    days_since_last_case: int | None  # None: no case recorded
    coverage_one_dose: float
    coverage_full_50: float

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["on"] = self.on.isoformat()
        return d


@dataclass(frozen=True)
class Proposal:
    level: str
    reasons: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class AssessmentInput:
    assessed_on: date | None
    assessors: str
    preset: str
    level: str  # the level decided (== proposed to confirm it)
    override_reason: str = ""


@dataclass(frozen=True)
class AssessmentView:
    id: str
    assessed_on: date
    assessors: str
    preset: str
    proposed_level: str
    level: str
    override_reason: str
    figures: dict[str, Any]

    @property
    def label(self) -> str:
        return RiskLevel(self.level).label

    @property
    def colour(self) -> str:
        return RISK_COLOURS[self.level]

    @property
    def overridden(self) -> bool:
        return self.level != self.proposed_level


def presets(db: Database | None = None) -> dict[str, dict[str, Any]]:
    """The presets, with the unit's edits (setting `risk_thresholds`) applied."""
    out = copy.deepcopy(PRESETS)
    if db is not None:
        edited = get_setting(db, "risk_thresholds") or {}
        for code, preset in edited.items():
            out[code] = {**out.get(code, {}), **preset}
    return out


def _validate_preset(preset: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for i, rule in enumerate(preset.get("rules", []), 1):
        if rule.get("level") not in RiskLevel.codes():
            errors[f"rule_{i}"] = f"Quy tắc {i}: mức nguy cơ «{rule.get('level')}» không hợp lệ."
        if rule.get("figure") not in FIGURES:
            errors[f"rule_{i}_figure"] = f"Quy tắc {i}: chỉ số «{rule.get('figure')}» không có."
        value = rule.get("min")
        if not isinstance(value, int | float) or value < 0:
            errors[f"rule_{i}_min"] = f"Quy tắc {i}: ngưỡng phải là số không âm."
    cov = preset.get("coverage")
    if cov is not None:
        if cov.get("figure") not in FIGURES or not 0 <= float(cov.get("min", -1)) <= 100:
            errors["coverage"] = "Ngưỡng tỷ lệ tiêm chủng phải từ 0 đến 100 %."
        if int(cov.get("raise", 0)) not in (0, 1, 2):
            errors["coverage_raise"] = "Mức tăng khi tỷ lệ tiêm chủng thấp chỉ từ 0 đến 2."
    return errors


def save_preset(db: Database, code: str, preset: dict[str, Any]) -> Changes:
    """Store a province's own thresholds for preset `code` (a new code makes a new preset)."""
    if not code or not code.isidentifier():
        raise ValidationError({"code": "Mã bộ ngưỡng chỉ gồm chữ không dấu, số và dấu gạch dưới."})
    errors = _validate_preset(preset)
    if errors:
        raise ValidationError(errors)
    edited = dict(get_setting(db, "risk_thresholds") or {})
    edited[code] = preset
    set_setting(db, "risk_thresholds", edited)
    return Changes(settings=True)


def reset_preset(db: Database, code: str) -> Changes:
    """Back to the shipped thresholds of `code`."""
    edited = dict(get_setting(db, "risk_thresholds") or {})
    edited.pop(code, None)
    set_setting(db, "risk_thresholds", edited)
    return Changes(settings=True)


def _preset(preset: dict[str, Any] | str, db: Database | None = None) -> dict[str, Any]:
    if isinstance(preset, dict):
        return preset
    found = presets(db).get(preset)
    if found is None:
        raise ValidationError({"preset": f"Không có bộ ngưỡng «{preset}»."})
    return found


def propose_level(figures: RiskFigures | dict[str, Any], preset: dict[str, Any] | str,
                  db: Database | None = None) -> Proposal:
    """The level the preset's rules give for `figures`, with the reasons in Vietnamese."""
    p = _preset(preset, db)
    values = figures.as_dict() if isinstance(figures, RiskFigures) else dict(figures)
    level, reasons = 1, []
    for rule in sorted(p.get("rules", []), key=lambda r: r["level"], reverse=True):
        value = values.get(rule["figure"])
        if value is not None and value >= rule["min"]:
            level = int(rule["level"])
            reasons.append(f"{FIGURES[rule['figure']]}: {_num(value)} ≥ {_num(rule['min'])}")
            break
    cov = p.get("coverage")
    if cov and cov.get("raise"):
        value = values.get(cov["figure"])
        if value is not None and value < cov["min"]:
            level = min(4, level + int(cov["raise"]))
            reasons.append(f"{FIGURES[cov['figure']]}: {_num(value)} < {_num(cov['min'])}")
    if not reasons:
        reasons.append("không có chỉ số nào vượt ngưỡng")
    return Proposal(str(level), tuple(reasons))


def _num(x: float) -> str:
    return format_decimal(x).removesuffix(",0")


def level_name(level: str, preset: dict[str, Any] | str = "qd2686",
               db: Database | None = None) -> str:
    return _preset(preset, db).get("names", {}).get(level) or RiskLevel(level).label


def _community_cases(rows: list[tuple[str, date]], earlier: dict[str, list[tuple]],
                     since: date) -> int:
    """F0 found outside quarantine (not an F1/quarantined person on the day before)."""
    n = 0
    for pid, start in rows:
        if start < since:
            continue
        before = start - timedelta(days=1)
        watched = any(s <= before and (e is None or e >= before) for s, e in earlier.get(pid, []))
        n += not watched
    return n


def compute_figures(db: Database, today: date | None = None) -> RiskFigures:
    """The figures of the home unit on `today`, from the register."""
    today = today or date.today()
    full = int(get_setting(db, "full_doses") or 2)
    live = Person.deleted.is_(False)
    with db.session() as s:
        population = s.scalar(select(func.count()).select_from(Person).where(
            live, Person.residency != "tam_vang")) or 0
        f0 = s.execute(select(HealthStatus.person_id, HealthStatus.start_date)
                       .join(Person, Person.id == HealthStatus.person_id)
                       .where(live, HealthStatus.deleted.is_(False), HealthStatus.kind == "F0",
                              HealthStatus.start_date <= today)).all()
        recent = [(p, d) for p, d in f0 if d > today - timedelta(days=14)]
        earlier: dict[str, list[tuple]] = {}
        if recent:
            for pid, st, en in s.execute(select(HealthStatus.person_id, HealthStatus.start_date,
                                                HealthStatus.end_date).where(
                    HealthStatus.deleted.is_(False),
                    HealthStatus.kind.in_(("F1", "quarantine")),
                    HealthStatus.person_id.in_([p for p, _ in recent]))):
                earlier.setdefault(pid, []).append((st, en))
        adult_year = today.year - 18
        senior_year = today.year - 50
        doses = (select(Vaccination.person_id, func.count().label("n"))
                 .where(Vaccination.deleted.is_(False)).group_by(Vaccination.person_id)
                 .subquery())
        adults, one, seniors, full50 = s.execute(
            select(func.count(), func.count(doses.c.person_id),
                   func.sum(case((Person.birth_year <= senior_year, 1), else_=0)),
                   func.sum(case(((Person.birth_year <= senior_year) & (doses.c.n >= full), 1),
                                 else_=0)))
            .select_from(Person).outerjoin(doses, doses.c.person_id == Person.id)
            .where(live, Person.residency != "tam_vang", Person.birth_year <= adult_year)).one()
    last = max((d for _, d in f0), default=None)
    cases_14 = _community_cases(recent, earlier, today - timedelta(days=13))
    cases_7 = _community_cases(recent, earlier, today - timedelta(days=6))

    def per(n: int) -> float:
        return round(n * 100_000 / population, 1) if population else 0.0

    return RiskFigures(
        on=today, population=population, cases_14d=cases_14, cases_7d=cases_7,
        per_100k_14d=per(cases_14), per_100k_7d=per(cases_7),
        days_since_last_case=(today - last).days if last else None,
        coverage_one_dose=round(100 * one / adults, 1) if adults else 0.0,
        coverage_full_50=round(100 * (full50 or 0) / seniors, 1) if seniors else 0.0)


def record_assessment(db: Database, inp: AssessmentInput, figures: RiskFigures | None = None, *,
                      today: date | None = None) -> str:
    """Record an assessment: figures computed now, the proposed level, and the level decided
    (an override needs a reason). Returns its id."""
    today = today or date.today()
    errors: dict[str, str] = {}
    if inp.assessed_on is None:
        errors["assessed_on"] = "Chưa nhập ngày đánh giá."
    elif inp.assessed_on > today:
        errors["assessed_on"] = "Ngày đánh giá không thể sau hôm nay."
    assessors = nfc(inp.assessors) or ""
    if not assessors:
        errors["assessors"] = "Chưa ghi người (tổ) đánh giá."
    if inp.level not in RiskLevel.codes():
        errors["level"] = f"Mức nguy cơ «{inp.level}» không hợp lệ."
    if errors:
        raise ValidationError(errors)
    preset = _preset(inp.preset, db)
    figures = figures or compute_figures(db, inp.assessed_on)
    proposal = propose_level(figures, preset)
    reason = nfc(inp.override_reason) or ""
    if inp.level != proposal.level and not reason:
        raise ValidationError({"override_reason": (
            f"Mức đã chọn ({RiskLevel(inp.level).label}) khác mức đề xuất "
            f"({RiskLevel(proposal.level).label}): cần ghi lý do.")})
    data = figures.as_dict() | {"reasons": list(proposal.reasons),
                                "preset_name": preset.get("name", inp.preset)}
    with db.session() as s:
        row = RiskAssessment(unit_id=db.home_unit_id, assessed_on=inp.assessed_on,
                             assessors=assessors, preset=inp.preset,
                             proposed_level=proposal.level, level=inp.level,
                             override_reason=reason if inp.level != proposal.level else "",
                             figures=data)
        s.add(row)
        s.flush()
        return row.id


def _view(r: RiskAssessment) -> AssessmentView:
    return AssessmentView(r.id, r.assessed_on, r.assessors, r.preset, r.proposed_level, r.level,
                          r.override_reason, dict(r.figures or {}))


def list_assessments(db: Database) -> list[AssessmentView]:
    """Assessments, newest first."""
    with db.session() as s:
        rows = s.scalars(select(RiskAssessment).where(RiskAssessment.deleted.is_(False))
                         .order_by(RiskAssessment.assessed_on.desc(),
                                   RiskAssessment.created_at.desc())).all()
        return [_view(r) for r in rows]


def current_assessment(db: Database) -> AssessmentView | None:
    """The latest assessment: the village's current risk level."""
    with db.session() as s:
        r = s.scalars(select(RiskAssessment).where(RiskAssessment.deleted.is_(False))
                      .order_by(RiskAssessment.assessed_on.desc(),
                                RiskAssessment.created_at.desc()).limit(1)).first()
        return _view(r) if r else None


def get_assessment(db: Database, assessment_id: str) -> AssessmentView:
    with db.session() as s:
        r = s.get(RiskAssessment, assessment_id)
        if r is None or r.deleted:
            raise NotFoundError("Không tìm thấy lần đánh giá này (có thể đã bị xóa).")
        return _view(r)


def delete_assessment(db: Database, assessment_id: str) -> Changes:
    with db.session() as s:
        r = s.get(RiskAssessment, assessment_id)
        if r is None or r.deleted:
            raise NotFoundError("Không tìm thấy lần đánh giá này.")
        r.deleted = True
    return CHANGED
