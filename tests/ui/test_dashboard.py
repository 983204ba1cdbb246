"""The home page: criteria with clickable missing items, key figures, risk colour, charts,
refresh on changes without a restart, and the daily-report reminder."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt

from greenzone_desktop.services import contacts
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.daily_report import make_daily_report, mark_sent
from greenzone_desktop.services.risk import AssessmentInput, record_assessment
from greenzone_desktop.ui.dashboard_page import DashboardPage


def _page(qtbot, ctx) -> DashboardPage:  # noqa: ANN001
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 740)
    page.show()
    ctx.changed.connect(page.on_changes)  # what the main window does for every page
    return page


def test_criteria_figures_and_navigation(qtbot, ctx) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    assert page.data is not None
    met = [c.met for c in page.data.status.criteria]
    assert len(met) == 5 and "đạt" in page.verdict.text().lower()
    # the demo has unsigned households: criterion 2 lists them, a click opens the household
    box = page.criteria[1]
    assert not box.criterion.met and box.missing.count() > 0
    item = box.missing.item(0)
    assert "chưa ký cam kết" in item.text()
    with qtbot.waitSignal(ctx.navigate_requested) as sig:
        box.missing.itemClicked.emit(item)
    assert sig.args[0] == "households" and "household_id" in sig.args[1]
    labels = [c.label.text() for c in page.cards]
    assert any("Hộ gia đình" in t and "300" in t for t in labels)
    assert any("Ca trực đủ người" in t for t in labels)
    assert page.charts.health.series_names == ["F0 đang điều trị", "F1 đang cách ly"]
    assert page.risk.text().startswith("Mức nguy cơ: ")
    with qtbot.waitSignal(ctx.navigate_requested) as sig:
        qtbot.mouseClick(page.risk, Qt.MouseButton.LeftButton)
    assert sig.args[0] == "risk"


def test_refreshes_after_changes_without_restart(qtbot, ctx) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    contacts_box = page.criteria[4]
    loads = page.loads
    for hotline in contacts.list_hotlines(ctx.db)[1:]:  # one hotline left
        ctx.announce(contacts.delete_hotline(ctx.db, hotline.id))
    qtbot.waitUntil(lambda: page.loads > loads)
    assert not contacts_box.criterion.met
    assert contacts_box.missing.item(0).text() == "• Mới có 1/2 đường dây nóng"
    record_assessment(ctx.db, AssessmentInput(date.today(), "Tổ đánh giá", "qd2686", "2",
                                              "Có ca bệnh ở phường bên cạnh"))
    ctx.announce(Changes(community=True))
    qtbot.waitUntil(lambda: "Nguy cơ (vàng)" in page.risk.text())
    assert "#f2c811" in page.risk.styleSheet()


def test_hidden_page_refreshes_when_shown(qtbot, ctx) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    page.hide()
    loads = page.loads
    ctx.announce(Changes(households=True))
    assert page.loads == loads  # not recomputed while nobody looks at it
    page.show()
    qtbot.waitUntil(lambda: page.loads == loads + 1)


def test_daily_report_reminder_once_a_day(qtbot, ctx, tmp_path) -> None:  # noqa: ANN001
    from greenzone_desktop.models import DailyReport

    with ctx.db.session() as s:  # the demo's own reports: none made today yet
        s.query(DailyReport).update({"deleted": True})
    page = _page(qtbot, ctx)
    page.reminder.hide()
    page._reminded_on = None
    today = date.today()
    page.check_reminder(datetime.combine(today, datetime.min.time()).replace(hour=7))
    assert page.reminder.isHidden()
    evening = datetime.combine(today, datetime.min.time()).replace(hour=20)
    page.check_reminder(evening)
    assert page.reminder.isVisible() and "chưa gửi" in page.reminder_text.text()
    page.reminder.hide()
    page.check_reminder(evening)  # dismissed: not again the same day
    assert page.reminder.isHidden()
    page._reminded_on = None
    report = make_daily_report(ctx.db, tmp_path, today)
    mark_sent(ctx.db, report.id, evening)
    page.check_reminder(evening)
    assert page.reminder.isHidden()
