"""Risk levels proposed from known figures under each preset, editable thresholds, recorded
assessments with confirmation or override, the printed record, and the daily report."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import openpyxl
import pytest

from greenzone_desktop.models import HealthStatus, Person
from greenzone_desktop.services import daily_report
from greenzone_desktop.services.errors import ValidationError
from greenzone_desktop.services.risk import (
    AssessmentInput,
    compute_figures,
    current_assessment,
    presets,
    propose_level,
    record_assessment,
    reset_preset,
    save_preset,
)
from greenzone_desktop.services.risk_print import print_assessment
from tests.printing.pdfutil import flat, page_texts
from tests.services.green_helpers import TODAY, add_household


def _fig(per14: float = 0, cases14: int = 0, per7: float = 0, one_dose: float = 90) -> dict:
    return {"per_100k_14d": per14, "cases_14d": cases14, "per_100k_7d": per7, "cases_7d": 0,
            "coverage_one_dose": one_dose, "coverage_full_50": 90}


@pytest.mark.parametrize(("figures", "level"), [
    (_fig(), "1"),
    (_fig(per14=10, cases14=1), "2"),
    (_fig(per14=19.9, cases14=3), "2"),
    (_fig(per14=20, cases14=4), "3"),
    (_fig(per14=49.9, cases14=9), "3"),
    (_fig(per14=50, cases14=10), "4"),
    (_fig(per14=0, cases14=0, one_dose=10), "1"),  # QĐ 2686 presets ignore coverage
])
def test_qd2686_levels(figures: dict, level: str) -> None:
    assert propose_level(figures, "qd2686").level == level


@pytest.mark.parametrize(("figures", "level"), [
    (_fig(per7=0), "1"),
    (_fig(per7=19.9), "1"),
    (_fig(per7=20), "2"),
    (_fig(per7=50), "3"),
    (_fig(per7=149), "3"),
    (_fig(per7=150), "4"),
    (_fig(per7=10, one_dose=69.9), "2"),  # low coverage raises one level
    (_fig(per7=60, one_dose=50), "4"),
    (_fig(per7=300, one_dose=50), "4"),  # never above 4
])
def test_nq128_levels(figures: dict, level: str) -> None:
    assert propose_level(figures, "nq128").level == level


def test_proposal_gives_its_reasons() -> None:
    p = propose_level(_fig(per7=60, one_dose=50), "nq128")
    assert p.reasons == ("ca cộng đồng/100.000 dân trong 7 ngày: 60 ≥ 50",
                         "% người từ 18 tuổi đã tiêm ít nhất 1 mũi: 50 < 70")


def test_edited_thresholds_change_the_proposal(db) -> None:  # noqa: ANN001
    edited = presets(db)["qd2686"] | {"rules": [
        {"level": "4", "figure": "per_100k_14d", "min": 100},
        {"level": "3", "figure": "per_100k_14d", "min": 60},
        {"level": "2", "figure": "cases_14d", "min": 1}]}
    save_preset(db, "qd2686", edited)
    assert propose_level(_fig(per14=55, cases14=5), "qd2686", db).level == "2"
    assert propose_level(_fig(per14=55, cases14=5), "qd2686").level == "4"  # shipped
    with pytest.raises(ValidationError):
        save_preset(db, "qd2686", {"rules": [{"level": "9", "figure": "x", "min": -1}]})
    reset_preset(db, "qd2686")
    assert propose_level(_fig(per14=55, cases14=5), "qd2686", db).level == "4"


def _f0(db, name: str, start: date) -> None:  # noqa: ANN001
    hid = add_household(db, name)
    with db.session() as s:
        pid = s.query(Person.id).filter(Person.household_id == hid).scalar()
        s.add(HealthStatus(unit_id=db.home_unit_id, person_id=pid, kind="F0", start_date=start))


def test_figures_from_the_register_and_an_override(db, tmp_path) -> None:  # noqa: ANN001
    for i in range(3):
        add_household(db, f"Nguyễn Văn Hộ{i}")
    _f0(db, "Trần Văn Bệnh", TODAY - timedelta(days=3))
    f = compute_figures(db, TODAY)
    assert (f.population, f.cases_14d, f.cases_7d, f.days_since_last_case) == (4, 1, 1, 3)
    assert f.per_100k_14d == 25000.0
    with pytest.raises(ValidationError) as exc:
        record_assessment(db, AssessmentInput(TODAY, "Tổ đánh giá", "qd2686", "2"), today=TODAY)
    assert "cần ghi lý do" in exc.value.errors["override_reason"]
    aid = record_assessment(db, AssessmentInput(
        TODAY, "Tổ đánh giá", "qd2686", "2", "Ca bệnh đã cách ly từ trước, không lây lan"),
        today=TODAY)
    a = current_assessment(db)
    assert (a.id, a.proposed_level, a.level, a.overridden, a.colour) == \
        (aid, "4", "2", True, "#f2c811")
    out = tmp_path / "danh-gia.pdf"
    print_assessment(db, aid, out)
    text = flat(" ".join(page_texts(out)))
    for phrase in ("Nguy cơ rất cao", "Nguy cơ", "Ca bệnh đã cách ly từ trước", "vàng"):
        assert phrase in text, phrase


def test_daily_report_pdf_excel_history_and_reminder(db, tmp_path) -> None:  # noqa: ANN001
    add_household(db, "Nguyễn Văn An")
    add_household(db, "Trần Thị Bình", signed=False)
    at = datetime(2021, 9, 15, 17, 0)
    assert "chưa gửi" in daily_report.report_reminder(db, at)
    assert daily_report.report_reminder(db, at.replace(hour=9)) == ""
    rec = daily_report.make_daily_report(db, tmp_path, TODAY)
    pdf, xlsx = (tmp_path / "bao-cao-ngay-2021-09-15.pdf", tmp_path / "bao-cao-ngay-2021-09-15.xlsx")
    assert rec.files == (str(pdf), str(xlsx))
    assert "Hộ chưa ký cam kết" in flat(" ".join(page_texts(pdf)))
    cells = [c for row in openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True)
             for c in row]
    assert "Số hộ" in cells and "Hộ chưa ký cam kết" in cells
    assert rec.figures["Số hộ"] == "2"
    assert "chưa gửi" in daily_report.report_reminder(db, at)  # made, not yet sent
    daily_report.mark_sent(db, rec.id, at)
    assert daily_report.report_reminder(db, at) == ""
    assert [(r.report_on, r.sent_at) for r in daily_report.report_history(db)] == [(TODAY, at)]
