"""The printed risk-assessment record: plain data from a recorded assessment."""

from __future__ import annotations

import os

from greenzone_desktop.models.db import Database
from greenzone_desktop.printing.data import PrintSummary
from greenzone_desktop.printing.risk_record import RiskRecordDoc, write_risk_records
from greenzone_desktop.services.print_unit import lower_level, unit_info
from greenzone_desktop.services.risk import AssessmentView, get_assessment, level_name, presets
from greenzone_desktop.text import format_number
from greenzone_desktop.vocab import RISK_COLOUR_NAMES, RISK_COLOURS


def _num(x: object, suffix: str = "") -> str:
    if x is None:
        return "không có ca nào"
    if isinstance(x, float):
        return f"{x:.1f}".replace(".", ",").removesuffix(",0") + suffix
    return format_number(x) + suffix


def figure_rows(f: dict) -> list[tuple[str, str]]:
    """The figures of an assessment as (label, value shown)."""
    return [
        ("Dân số trên địa bàn (không kể người tạm vắng)", _num(f.get("population"))),
        ("Số ca mắc mới trong cộng đồng trong 14 ngày", _num(f.get("cases_14d"))),
        ("Số ca mắc mới trong cộng đồng trong 7 ngày", _num(f.get("cases_7d"))),
        ("Số ca cộng đồng/100.000 dân trong 14 ngày", _num(f.get("per_100k_14d"))),
        ("Số ca cộng đồng/100.000 dân trong 7 ngày", _num(f.get("per_100k_7d"))),
        ("Số ngày kể từ ca mắc gần nhất", _num(f.get("days_since_last_case"))),
        ("Tỷ lệ người từ 18 tuổi đã tiêm ít nhất 1 mũi", _num(f.get("coverage_one_dose"), " %")),
        ("Tỷ lệ người từ 50 tuổi đã tiêm đủ liều", _num(f.get("coverage_full_50"), " %")),
    ]


def risk_doc(db: Database, a: AssessmentView) -> RiskRecordDoc:
    unit = unit_info(db)
    preset = presets(db).get(a.preset, {"name": a.preset})
    return RiskRecordDoc(
        when=a.assessed_on, area=lower_level(unit.village or unit.commune),
        assessors=a.assessors, basis=a.figures.get("preset_name") or preset.get("name", ""),
        figures=figure_rows(a.figures), proposed=level_name(a.proposed_level, preset),
        reasons=tuple(a.figures.get("reasons", ())), level=level_name(a.level, preset),
        colour=RISK_COLOURS[a.level], colour_name=RISK_COLOUR_NAMES[a.level],
        override_reason=a.override_reason)


def print_assessment(db: Database, assessment_id: str,
                     out: str | os.PathLike[str]) -> PrintSummary:
    """Print the record of one risk assessment to a PDF."""
    doc = risk_doc(db, get_assessment(db, assessment_id))
    return write_risk_records(out, [doc], unit_info(db))
