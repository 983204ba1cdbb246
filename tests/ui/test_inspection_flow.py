"""Inspect a household with a recommendation, re-inspect it and close the recommendation; run a
sweep to 100 %; the dashboard follows every change without a restart."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from greenzone_desktop.services import sweeps
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.inspections import open_recommendations
from greenzone_desktop.services.print_data import find_households
from greenzone_desktop.ui.inspections_page import InspectionsPage
from greenzone_desktop.ui.main_window import MainWindow
from tests.qt_helpers import type_text


@pytest.fixture
def window(qtbot, ctx):  # noqa: ANN001, ANN201
    w = MainWindow(ctx, remember_geometry=False)
    qtbot.addWidget(w)
    w.show()
    return w


def _save(dlg) -> None:  # noqa: ANN001
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def _inspected_this_week(window) -> int:  # noqa: ANN001
    """The dashboard's "inspections this week" figure."""
    figure = window.page("dashboard").data.figures[7]
    assert figure.label == "Kiểm tra tuần này"
    return int(figure.value.replace(" ", ""))


def _fresh_household(db):  # noqa: ANN001, ANN202
    """A household with no recommendation waiting (the demo has inspections of its own)."""
    return next(h for h in find_households(db, "", limit=100)
                if not open_recommendations(db, h.id))


def test_inspect_recommend_reinspect_close(qtbot, window, ctx) -> None:  # noqa: ANN001
    before = _inspected_this_week(window)
    page: InspectionsPage = window.show_page("inspections")
    listed = page.households.model.rowCount()
    home = _fresh_household(ctx.db)
    dlg = page.inspect_household()
    type_text(dlg.search, home.code)
    dlg.find(home.code)  # what the typing timer does
    assert dlg.results.count() >= 1
    dlg.results.setCurrentRow(0)
    assert dlg.household_id == home.id and dlg.recheck_box.isHidden()
    type_text(dlg.inspectors, "Lê Văn Cường")
    dlg.set_check("visitors", False)
    dlg.recs.add("Ghi đầy đủ người đến nhà vào Sổ vùng xanh", date.today() + timedelta(days=3))
    _save(dlg)
    assert not dlg.isVisible()
    [rec] = open_recommendations(ctx.db, home.id)
    assert rec.text == "Ghi đầy đủ người đến nhà vào Sổ vùng xanh"
    # the list shows it, the dashboard (hidden) refreshes when shown again
    qtbot.waitUntil(lambda: page.households.model.rowCount() == listed + 1)
    first = page.last_saved
    qtbot.waitUntil(lambda: page.households.selected_id() == first)
    row = page.households.model.row_data(page.households.model.row_of(first))
    assert (row.household_code, row.failed, row.open_recommendations) == (home.code, 1, 1)
    window.show_page("dashboard")
    qtbot.waitUntil(lambda: _inspected_this_week(window) == before + 1)
    assert f"<b>{before + 1}</b>" in window.page("dashboard").cards[7].label.text()

    # the next inspection shows the open recommendation and closes it
    window.show_page("inspections")
    dlg = page.inspect_household(home.id, f"{home.code} – {home.head_name}")
    assert not dlg.recheck_box.isHidden() and dlg.rechecks.rowCount() == 1
    assert "Ghi đầy đủ người đến nhà" in dlg.rechecks.item(0, 0).text()
    assert dlg.inspectors.text() == "Lê Văn Cường"  # remembered from the last one
    dlg.rechecks.set_result(0, True)
    _save(dlg)
    assert open_recommendations(ctx.db, home.id) == []
    qtbot.waitUntil(lambda: page.households.model.rowCount() == listed + 2)
    assert page.last_saved != first
    qtbot.waitUntil(lambda: page.households.selected_id() == page.last_saved)
    qtbot.waitUntil(lambda: "Kiểm tra lại" in page.households.detail.text())
    assert "đã khắc phục" in page.households.detail.text()


def test_other_pages_open_an_inspection_of_a_household(qtbot, window, ctx) -> None:  # noqa: ANN001
    home = _fresh_household(ctx.db)
    ctx.navigate("inspections", household_id=home.id)
    page: InspectionsPage = window.page("inspections")
    assert page.isVisible()
    assert page.dialog.household_id == home.id and home.code in page.dialog.chosen.text()
    page.dialog.reject()


def test_bad_input_keeps_the_dialog_open(qtbot, window, ctx) -> None:  # noqa: ANN001
    page: InspectionsPage = window.show_page("inspections")
    dlg = page.inspect_household()
    _save(dlg)
    assert dlg.isVisible() and "Chưa chọn hộ" in dlg.error.text()
    home = _fresh_household(ctx.db)
    dlg.find(home.code)
    dlg.results.setCurrentRow(0)
    _save(dlg)  # no inspector
    assert dlg.isVisible() and "người kiểm tra" in dlg.error.text()
    dlg.reject()


def test_sweep_to_full_with_dashboard_following(qtbot, window, ctx, monkeypatch) -> None:  # noqa: ANN001
    # a small village: keep 3 households, soft-delete the rest
    from greenzone_desktop.models import Household

    with ctx.db.session() as s:
        keep = [h.id for h in s.query(Household).order_by(Household.code).limit(3)]
        s.query(Household).filter(Household.id.not_in(keep)).update(
            {"deleted": True}, synchronize_session=False)
    ctx.announce(Changes(households=True))
    page: InspectionsPage = window.show_page("inspections")
    page.tabs.setCurrentWidget(page.sweeps)
    sweeps_before = page.sweeps.model.rowCount()
    page.sweeps.create("Rà soát toàn bộ hộ đợt 1", date.today())
    qtbot.waitUntil(lambda: page.sweeps.model.rowCount() == sweeps_before + 1)
    assert page.sweeps.current().name == "Rà soát toàn bộ hộ đợt 1"
    qtbot.waitUntil(lambda: page.sweeps.missing.rowCount() == 3)
    assert page.sweeps.progress.value() == 0
    window.show_page("dashboard")
    before = _inspected_this_week(window)
    window.show_page("inspections")
    for visited in range(1, 4):
        page.sweeps.missing_view.selectRow(0)
        with qtbot.waitSignal(page.sweeps.inspect_requested):
            page.sweeps.inspect_btn.click()
        dlg = page.dialog
        assert dlg.sweep.currentData() == page.sweeps.sweep_id
        type_text(dlg.inspectors, "Tổ Covid cộng đồng số 1")
        _save(dlg)
        qtbot.waitUntil(lambda v=visited: page.sweeps.progress.value() == v)
        qtbot.waitUntil(lambda v=visited: page.sweeps.missing.rowCount() == 3 - v)
        # the dashboard, shown again, has the new inspections without a restart
        window.show_page("dashboard")
        qtbot.waitUntil(lambda v=visited: _inspected_this_week(window) == before + v)
        window.show_page("inspections")
    sw = sweeps.list_sweeps(ctx.db)[0]
    assert (sw.visited, sw.total, sw.percent) == (3, 3, 100.0)
    assert page.sweeps.model.data(page.sweeps.model.index(0, 4)) == "100,0 %"
    assert page.sweeps.missing.rowCount() == 0


def test_team_record_and_print(qtbot, window, ctx, tmp_path) -> None:  # noqa: ANN001
    page: InspectionsPage = window.show_page("inspections")
    page.tabs.setCurrentWidget(page.teams)
    listed = page.teams.model.rowCount()
    dlg = page.new_team_record()
    type_text(dlg.place, "Nhà văn hóa")
    type_text(dlg.scope, "Việc thực hiện các tiêu chí vùng xanh")
    dlg.members.add("Đỗ Minh Tuấn", "Phó Chủ tịch UBND phường", "Trưởng đoàn")
    dlg.findings.add("Chốt số 2 ca đêm thiếu người", "Bổ sung người trực")
    _save(dlg)
    assert not dlg.isVisible(), dlg.error.text()
    qtbot.waitUntil(lambda: page.teams.model.rowCount() == listed + 1)
    qtbot.waitUntil(lambda: page.teams.selected_id() == page.last_saved)
    page.teams.setProperty("quiet_pdf", True)
    out = tmp_path / "bb.pdf"
    page.teams.print_selected(path=str(out))
    assert out.stat().st_size > 1000


def test_models_pass_the_model_tester(qtbot, window, ctx, qtmodeltester) -> None:  # noqa: ANN001
    page: InspectionsPage = window.show_page("inspections")
    n = page.sweeps.model.rowCount()
    page.sweeps.create("Rà soát", date.today())
    qtbot.waitUntil(lambda: page.sweeps.model.rowCount() == n + 1)
    for model in (page.households.model, page.teams.model, page.sweeps.model,
                  page.sweeps.missing, page.violations.model):
        qtmodeltester.check(model)
