"""Testing page flows: create a round, tick households by code until the untested list is empty,
tick by search, record results, the schedule helper for a zone."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.modeltest import ModelTester

from greenzone_desktop.services import health, testing, testing_lists, zones
from greenzone_desktop.ui.testing_page import TestingPage


def _page(qtbot, ctx) -> TestingPage:  # noqa: ANN001
    page = TestingPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    ctx.changed.connect(page.on_changes)  # what the main window does
    return page


def _settle(qtbot, page: TestingPage) -> None:  # noqa: ANN001
    """Let the debounced reload run (the runner is synchronous)."""
    qtbot.waitUntil(lambda: not page._timer.isActive(), timeout=3000)


def _untested(page: TestingPage) -> int:
    return page.panel.untested.rowCount()


def _zone_of(ctx, n: int) -> tuple[str, list[str]]:  # noqa: ANN001
    """A zone of the first `n` households (a round over it is quick to walk in a test)."""
    with ctx.db.session() as s:
        from sqlalchemy import select

        from greenzone_desktop.models import Household

        codes = list(s.scalars(select(Household.code).order_by(Household.code).limit(n)))
    ids, _ = zones.households_by_codes(ctx.db, " ".join(codes))
    return zones.create_zone(ctx.db, zones.ZoneInput("Ngõ 1", date.today()), ids), codes


def test_ticking_households_empties_the_untested_list(qtbot, ctx):
    zid, zone_codes = _zone_of(ctx, 6)
    page = _page(qtbot, ctx)
    page._timer.setInterval(0)
    before = page.model.rowCount()
    page.new_round()
    dialog = page.dialog
    assert dialog.area.count() == 4  # the demo's areas are offered
    dialog.scope.setCurrentIndex(dialog.scope.findData("zone"))
    assert dialog.zone.currentData() == zid
    assert dialog.pool.isEnabled()  # pooled RT-PCR by default
    dialog.method.setCurrentIndex(dialog.method.findData("rapid"))
    assert not dialog.pool.isEnabled()
    dialog.method.setCurrentIndex(dialog.method.findData("pcr_pooled"))
    dialog.pool.setValue(5)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.round_id, dialog.error.text()
    _settle(qtbot, page)
    panel = page.panel
    assert panel.round_id == dialog.round_id and panel.isEnabled()
    assert page.model.rowCount() == before + 1
    r = testing.get_round(ctx.db, dialog.round_id)
    assert (r.zone_id, r.pool_size, r.method) == (zid, 5, "pcr_pooled")
    start = _untested(page)
    assert start > 0 and f"Chưa xét nghiệm: {start} người" == panel.untested_label.text()
    ModelTester(qtbot).check(panel.untested)
    ModelTester(qtbot).check(page.model)

    codes = [h.code for h in testing_lists.households_left(ctx.db, r.id)]
    assert sorted(codes) == sorted(zone_codes)
    # a wrong code says so and keeps the text for correcting
    qtbot.keyClicks(panel.code, "XM-9999")
    qtbot.keyClick(panel.code, Qt.Key.Key_Return)
    assert "Không tìm thấy hộ có mã «XM-9999»" in panel.feedback.text()
    panel.code.clear()
    seen = [start]
    for code in codes[:-1]:
        qtbot.keyClicks(panel.code, code.lower())  # codes are matched whatever the case
        qtbot.keyClick(panel.code, Qt.Key.Key_Return)
        assert panel.feedback.text().startswith(f"Hộ {code} ")
        assert panel.code.text() == ""
        _settle(qtbot, page)
        seen.append(_untested(page))
    assert all(b < a for a, b in zip(seen, seen[1:], strict=False))  # it shrinks at each tick
    # the last household by search: tick its members from the list
    panel.untested_search.setText(codes[-1])
    _settle(qtbot, page)
    left = _untested(page)
    assert left > 0 and all(panel.untested.row_data(i).household_code == codes[-1]
                            for i in range(left))
    panel.untested_view.selectAll()
    panel.tick_selected()
    _settle(qtbot, page)
    panel.untested_search.clear()
    _settle(qtbot, page)
    assert _untested(page) == 0
    assert panel.untested_label.text() == "Đã xét nghiệm đủ, không bỏ sót ai."
    assert panel.tabs.tabText(0) == "Chưa xét nghiệm (0)"
    [mine] = [x for x in page.model.rows if x.id == r.id]
    assert mine.tested == start


def test_results_and_closing(qtbot, ctx):
    rid = testing.create_round(ctx.db, testing.RoundInput(date.today(), pool_size=5,
                                                          area=testing.areas(ctx.db)[0]))
    page = _page(qtbot, ctx)
    page._timer.setInterval(0)
    panel = page.panel
    page.show_target(round_id=rid)  # as today's task "chưa xét nghiệm" opens it
    assert panel.round_id == rid
    code = testing_lists.households_left(ctx.db, rid)[0].code
    qtbot.keyClicks(panel.code, code)
    qtbot.keyClick(panel.code, Qt.Key.Key_Return)
    _settle(qtbot, page)
    panel.tabs.setCurrentIndex(1)
    assert panel.tested.rowCount() > 0
    panel.tested_view.selectRow(0)
    panel.pool_code.setText("G-07")
    panel.record("negative")
    _settle(qtbot, page)
    first = panel.tested.row_data(0)
    assert (first.outcome, first.pool_code) == ("negative", "G-07")
    assert "âm tính 1" in panel.progress.text()
    ModelTester(qtbot).check(panel.tested)
    # a positive person is recorded as F0 from the sampling day
    panel.tested_view.selectRow(0)
    panel.record("positive")
    _settle(qtbot, page)
    panel.tested_view.selectRow(0)
    panel.positives_to_f0()
    assert panel.feedback.text() == "Đã ghi 1 người là F0."
    [f0] = [p for p in health.person_periods(ctx.db, first.person_id) if p.kind == "F0"]
    assert f0.start_date == date.today()
    page.toggle_closed()
    _settle(qtbot, page)
    assert "ĐÃ ĐÓNG" in panel.title.text() and not panel.code.isEnabled()
    panel.tabs.setCurrentIndex(2)
    assert panel.left.rowCount() > 0


def test_schedule_helper_proposes_rounds_from_the_last_f0(qtbot, ctx):
    with ctx.db.session() as s:
        from sqlalchemy import select

        from greenzone_desktop.models import Household, Person

        hid, pid = s.execute(select(Household.id, Person.id)
                             .join(Person, Person.household_id == Household.id)
                             .order_by(Household.code).limit(1)).one()
    today = date.today()
    zid = zones.create_zone(ctx.db, zones.ZoneInput("Khu phong tỏa số 1", today - timedelta(days=4)),
                            [hid])
    health.add_period(ctx.db, pid, health.PeriodInput("F0", today - timedelta(days=3),
                                                      place="facility"))
    page = _page(qtbot, ctx)
    page.show_target(zone_id=zid)
    dialog = page.dialog
    assert "F0 cuối cùng ngày" in dialog.info.text()
    items = [dialog.rounds.item(i).text() for i in range(dialog.rounds.count())]
    assert len(items) == 3 and "Ngày thứ 1 sau F0 cuối cùng (đã qua)" in items[0]
    assert dialog.chosen_days() == [today + timedelta(days=4), today + timedelta(days=11)]
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    _settle(qtbot, page)
    assert len(dialog.created) == 2
    made = [r for r in page.model.rows if r.id in dialog.created]
    assert sorted(r.held_on for r in made) == dialog.chosen_days()
    assert all(r.zone_id == zid for r in made)
