"""Risk page: a new assessment with figures from the register and the proposed level,
confirmed or overridden with a reason; edited thresholds; printed record; daily report."""

from __future__ import annotations

from datetime import date, timedelta

from greenzone_desktop.models import HealthStatus, Person
from greenzone_desktop.services import daily_report, risk
from greenzone_desktop.ui.risk_page import RiskPage
from tests.printing.pdfutil import flat, page_texts
from tests.qt_helpers import type_text


def _page(qtbot, ctx) -> RiskPage:  # noqa: ANN001
    page = RiskPage(ctx)
    qtbot.addWidget(page)
    ctx.changed.connect(page.on_changes)
    page.show()
    return page


def test_assessment_proposed_override_and_print(qtbot, ctx, tmp_path) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    tab = page.assessments
    listed = tab.model.rowCount()
    dlg = tab.new_assessment()
    figures = risk.compute_figures(ctx.db)
    proposed = risk.propose_level(figures, "qd2686", ctx.db).level
    assert dlg.proposal.level == proposed
    assert dlg.level.currentData() == proposed and not dlg.reason.isEnabled()
    assert dlg.table.rowCount() == 8
    type_text(dlg.assessors, "Ban Chỉ đạo tổ dân phố")
    other = "1" if proposed != "1" else "2"
    dlg.level.setCurrentIndex(dlg.level.findData(other))
    assert dlg.reason.isEnabled()
    dlg.save()
    assert dlg.isVisible() and "cần ghi lý do" in dlg.error.text()
    type_text(dlg.reason, "Các ca bệnh đều đã được cách ly từ trước")
    dlg.save()
    assert not dlg.isVisible(), dlg.error.text()
    qtbot.waitUntil(lambda: tab.model.rowCount() == listed + 1)
    a = risk.current_assessment(ctx.db)
    assert tab.model.row_at(0).id == a.id
    assert (a.proposed_level, a.level) == (proposed, other)
    assert "Mức hiện tại" in tab.current_level.text()
    assert "Lý do: Các ca bệnh" in tab.detail.text()
    tab.setProperty("quiet_pdf", True)
    out = tmp_path / "dg.pdf"
    tab.print_selected(path=str(out))
    assert "Các ca bệnh đều đã được cách ly từ trước" in flat(" ".join(page_texts(out)))


def test_nq128_preset_and_edited_thresholds(qtbot, ctx) -> None:  # noqa: ANN001
    with ctx.db.session() as s:
        pids = [p for (p,) in s.query(Person.id).limit(3)]
        for pid in pids:
            s.add(HealthStatus(unit_id=ctx.db.home_unit_id, person_id=pid, kind="F0",
                               start_date=date.today() - timedelta(days=2)))
    page = _page(qtbot, ctx)
    th = page.thresholds
    th.preset.setCurrentIndex(th.preset.findData("nq128"))
    assert th.rules.rowCount() == 3
    # 3 community cases in ~1 200 people: ~250 per 100 000 in 7 days -> level 4
    dlg = page.assessments.new_assessment()
    dlg.preset.setCurrentIndex(dlg.preset.findData("nq128"))
    assert dlg.proposal.level == "4"
    dlg.reject()
    # the province raises every bar: the proposal follows
    for row in range(th.rules.rowCount()):
        th.rules.cellWidget(row, 2).setValue(th.rules.cellWidget(row, 2).value() * 10)
    th.save()
    assert th.error.text() == ""
    assert risk.presets(ctx.db)["nq128"]["rules"][0]["min"] == 1500
    dlg = page.assessments.new_assessment()
    dlg.preset.setCurrentIndex(dlg.preset.findData("nq128"))
    assert dlg.proposal.level == "2"
    dlg.reject()
    th.reset()
    assert risk.presets(ctx.db)["nq128"]["rules"][0]["min"] == 150


def test_daily_report_made_and_marked_sent(qtbot, ctx, tmp_path) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    page.show_target(tab="report")
    rep = page.report
    assert rep.figures.rowCount() > 10
    made = rep.history.rowCount()
    rep.make(str(tmp_path))
    qtbot.waitUntil(lambda: rep.history.rowCount() == made + 1)
    assert (tmp_path / f"bao-cao-ngay-{date.today():%Y-%m-%d}.xlsx").exists()
    assert rep.history.data(rep.history.index(0, 1)) == "chưa gửi"
    rep.mark_sent()
    qtbot.waitUntil(lambda: rep.history.data(rep.history.index(0, 1)) != "chưa gửi")
    assert daily_report.report_history(ctx.db)[0].files[0].startswith(str(tmp_path))
    assert daily_report.report_history(ctx.db)[0].sent_at is not None
    rep.hour.setValue(9)
    rep.save_hour()
    from greenzone_desktop.services.settings import get_setting

    assert get_setting(ctx.db, "daily_report_hour") == 9


def test_models_pass_the_model_tester(qtbot, ctx, qtmodeltester) -> None:  # noqa: ANN001
    risk.record_assessment(ctx.db, risk.AssessmentInput(
        date.today(), "Tổ", "qd2686", risk.propose_level(risk.compute_figures(ctx.db),
                                                         "qd2686").level))
    page = _page(qtbot, ctx)
    for model in (page.assessments.model, page.report.figures, page.report.history):
        qtmodeltester.check(model)
