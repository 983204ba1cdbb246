"""Checkpoints, roster and in/out log pages, driven as a user would: create two checkpoints, a
3 × 8 h pattern and twelve staff, auto-fill a week without conflicts, mark someone unavailable,
see the conflict and take a suggested replacement; a keyboard entry in the in/out log flagged
for an arrival from a risk area."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from greenzone_desktop.services import checkpoints as cps
from greenzone_desktop.services import gate_log
from greenzone_desktop.services.register import HouseholdInput, PersonInput, create_household
from greenzone_desktop.ui.checkpoints_page import CheckpointsPage
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.gate_log_page import GateLogPage
from greenzone_desktop.ui.roster_models import CONFLICT_BG
from greenzone_desktop.ui.roster_page import RosterPage
from greenzone_desktop.ui.tasks import TaskRunner
from tests.qt_helpers import type_text

WEEK = date(2021, 9, 13)
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em",
         "Vũ Thị Giang", "Đặng Văn Hải", "Bùi Thị Lan", "Đỗ Văn Minh", "Hồ Thị Ngọc",
         "Ngô Văn Phúc", "Dương Thị Quỳnh"]


@pytest.fixture
def village_ctx(qtbot, db):  # noqa: ANN001, ANN201
    """An empty village with a synchronous database runner."""
    return AppContext(db, TaskRunner(synchronous=True))


def _enter(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _make_setup(qtbot, ctx) -> CheckpointsPage:  # noqa: ANN001
    page = CheckpointsPage(ctx)
    qtbot.addWidget(page)
    # A 3 × 8 h pattern, typed.
    tab = page.patterns
    type_text(tab.name, "3 ca × 8 giờ")
    qtbot.keyClicks(tab.slots, "06:00-14:00, 14:00-22:00, 22:00-06:00")
    _enter(qtbot, tab.slots)
    assert tab.list.count() == 1
    # Two checkpoints, one person per shift.
    form = page.checkpoints
    for name in ("Chốt số 1", "Chốt số 2"):
        form.clear()
        type_text(form.name, name)
        assert form.pattern.currentText().startswith("3 ca × 8 giờ")
        form.min_staff.selectAll()
        qtbot.keyClicks(form.min_staff, "1")
        _enter(qtbot, form.name)
    assert [c.name for c in form.model.rows] == ["Chốt số 1", "Chốt số 2"]
    assert {c.min_staff for c in form.model.rows} == {1}
    # Twelve vaccinated staff from outside the register.
    staff = page.staff
    for name in NAMES:
        type_text(staff.name, name)
        staff.organisation.setCurrentText("Đoàn viên thanh niên")
        staff.doses.setValue(2)
        _enter(qtbot, staff.name)
    assert staff.model.rowCount() == 12
    assert all(s.vaccinated for s in staff.model.rows)
    return page


def _issues(page: RosterPage) -> list[str]:
    return [page.issues.item(i).text() for i in range(page.issues.count())]


def test_roster_flow(qtbot, qtmodeltester, village_ctx) -> None:  # noqa: ANN001
    ctx = village_ctx
    setup = _make_setup(qtbot, ctx)
    roster = RosterPage(ctx, today=WEEK)
    qtbot.addWidget(roster)
    ctx.changed.connect(roster.on_changes)  # what the main window does
    ctx.changed.connect(setup.on_changes)
    roster.set_week(WEEK)
    assert roster.model.rowCount() == 3 and roster.model.columnCount() == 7

    qtbot.mouseClick(roster.fill_button, Qt.MouseButton.LeftButton)
    assert "42/42" in roster.status.text()
    assert _issues(roster) == [] and "Không có vướng mắc" in roster.issues_label.text()
    cells = list(roster.week.cells.values())
    assert len(cells) == 21 and all(len(c.people) == 1 for c in cells)
    qtmodeltester.check(roster.model)
    qtmodeltester.check(roster.staff_model)
    qtmodeltester.check(setup.checkpoints.model)
    qtmodeltester.check(setup.staff.model)

    # Mark the person on Wednesday's morning shift unavailable that day, on the staff tab.
    wednesday = roster.model.index(0, 2)
    out_id, out_name = roster.model.cell(wednesday).people[0]
    staff = setup.staff
    staff.view.selectRow(next(i for i, s in enumerate(staff.model.rows) if s.id == out_id))
    assert staff.name.text() == out_name
    qtbot.keyClicks(staff.away_from, "15/09/2021")
    type_text(staff.away_reason, "Ốm")
    _enter(qtbot, staff.away_reason)
    assert staff.away.count() == 1 and "15/09/2021" in staff.away.item(0).text()

    issues = _issues(roster)
    assert len(issues) == 1 and out_name in issues[0] and "báo bận" in issues[0]
    assert roster.model.data(wednesday, Qt.ItemDataRole.BackgroundRole).color() == CONFLICT_BG
    assert "báo bận" in roster.model.data(wednesday, Qt.ItemDataRole.ToolTipRole)

    # The suggested replacement: select the issue, ask for a replacement, take the first.
    roster.issues.setCurrentRow(0)
    assert roster.grid.currentIndex() == wednesday
    seen: dict[str, object] = {}

    def choose() -> None:
        picker = roster.picker
        seen["first"] = picker.list.item(0).text()
        seen["bold"] = picker.list.item(0).font().bold()
        seen["out"] = [picker.list.item(i).text() for i in range(picker.list.count())
                       if out_name in picker.list.item(i).text()]
        _enter(qtbot, picker.filter)

    QTimer.singleShot(0, choose)
    qtbot.mouseClick(roster.replace_button, Qt.MouseButton.LeftButton)
    assert seen["bold"] and out_name not in str(seen["first"])
    assert seen["out"] and "báo bận" in seen["out"][0]  # the person out is listed, with why
    assert _issues(roster) == []
    replaced = roster.model.cell(roster.model.index(0, 2)).names
    assert replaced and out_name not in replaced and replaced[0] in str(seen["first"])


def test_keyboard_and_drop_assignment(qtbot, qtmodeltester, village_ctx) -> None:  # noqa: ANN001
    ctx = village_ctx
    _make_setup(qtbot, ctx)
    roster = RosterPage(ctx, today=WEEK)
    qtbot.addWidget(roster)
    roster.set_week(WEEK)
    roster.grid.setFocus()
    target = roster.model.index(1, 4)
    roster.grid.setCurrentIndex(target)

    def pick() -> None:
        type_text(roster.picker.filter, "lan")  # type-ahead, accents optional
        assert roster.picker.list.count() == 1
        _enter(qtbot, roster.picker.filter)

    QTimer.singleShot(0, pick)
    qtbot.keyClick(roster.grid, Qt.Key.Key_Return)
    assert roster.model.cell(target).names == ["Bùi Thị Lan"]

    # Drop someone from the staff list on the same cell: the model takes the staff id.
    row = next(i for i, p in enumerate(roster.staff_model.people) if p[1] == "Hồ Thị Ngọc")
    mime = roster.staff_model.mimeData([roster.staff_model.index(row)])
    assert roster.model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, target)
    assert roster.model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, target)
    assert roster.model.cell(target).names == ["Bùi Thị Lan", "Hồ Thị Ngọc"]

    # Delete takes someone off (a picker asks whom when there are several).
    def remove() -> None:
        type_text(roster.picker.filter, "ngoc")
        _enter(qtbot, roster.picker.filter)

    QTimer.singleShot(0, remove)
    qtbot.keyClick(roster.grid, Qt.Key.Key_Delete)
    assert roster.model.cell(target).names == ["Bùi Thị Lan"]
    roster.tabs.setCurrentIndex(1)
    roster.day.setDate(roster.day.date().addDays(0))
    roster.reload_day()
    qtmodeltester.check(roster.day_model)
    assert roster.day_model.rowCount() == 6  # 2 checkpoints × 3 shifts on the day shown


def test_gate_log_keyboard_entry(qtbot, qtmodeltester, village_ctx) -> None:  # noqa: ANN001
    ctx = village_ctx
    db = ctx.db
    cps.save_checkpoint(db, cps.CheckpointInput("Chốt số 1"))
    create_household(db, HouseholdInput(address="Số 3, Đường Xuân Mai"), [PersonInput(
        "Lê Thị Hoa", sex="nu", relation="chu_ho", birth="1985", cccd="026185012345",
        phone="0987654321")])
    gate_log.set_risk_areas(db, ["Bắc Giang"])
    page = GateLogPage(ctx)
    qtbot.addWidget(page)
    page.show()
    e = page.edits
    e["full_name"].setFocus()
    type_text(e["full_name"], "Trần Văn Khách")
    qtbot.keyClick(e["full_name"], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is e["cccd"]  # Tab walks the entry row
    type_text(e["from_place"], "Lục Nam, Bắc Giang")
    assert "Đến từ vùng có nguy cơ: Bắc Giang" in page.flags.text()  # shown before saving
    assert "chưa khai báo y tế" in page.flags.text()
    qtbot.keyClicks(e["time"], "07:45")
    _enter(qtbot, e["from_place"])
    assert page.model.rowCount() == 1
    row = page.model.row_at(0)
    assert row.flagged and row.time_in.strftime("%H:%M") == "07:45"
    assert "CẦN CHÚ Ý" in page.status.text() and e["full_name"].text() == ""
    assert page.model.data(page.model.index(0, 2), Qt.ItemDataRole.ForegroundRole) is not None

    # A resident picked from the autocomplete is not an outsider.
    e["full_name"].setFocus()
    type_text(e["full_name"], "hoa")
    page.completer.search_now()
    texts = page.completer.model.stringList()
    assert texts and texts[0].startswith("Lê Thị Hoa")
    page.completer.completer.activated[str].emit(texts[0])
    assert e["cccd"].text() == "026185012345" and page.person_id is not None
    type_text(e["from_place"], "Chợ Phúc Yên")
    assert page.flags.text() == ""
    _enter(qtbot, e["from_place"])
    assert page.model.rowCount() == 2
    resident = next(r for r in page.model.rows if r.full_name == "Lê Thị Hoa")
    assert resident.resident and not resident.flagged
    assert "2 lượt" in page.summary.text() and "1 lượt cần chú ý" in page.summary.text()
    page.view.selectRow(page.model.rows.index(resident))
    qtbot.keyClick(page.view, Qt.Key.Key_F4)
    assert next(r for r in page.model.rows if r.full_name == "Lê Thị Hoa").time_out is not None
    qtmodeltester.check(page.model)


def test_staff_from_the_register_by_autocomplete(qtbot, village_ctx) -> None:  # noqa: ANN001
    ctx = village_ctx
    create_household(ctx.db, HouseholdInput(address="Số 3, Đường Xuân Mai"), [PersonInput(
        "Lê Thị Hoa", sex="nu", relation="chu_ho", birth="1985", cccd="026185012345",
        phone="0987654321")])
    page = CheckpointsPage(ctx)
    qtbot.addWidget(page)
    staff = page.staff
    type_text(staff.lookup, "le thi hoa")  # accents optional
    staff.completer.search_now()
    texts = staff.completer.model.stringList()
    assert len(texts) == 1 and "026185012345" in texts[0]
    staff.completer.completer.activated[str].emit(texts[0])
    assert (staff.name.text(), staff.phone.text(), staff.origin.text()) == (
        "Lê Thị Hoa", "0987654321", "Trong sổ hộ")
    staff.organisation.setCurrentText("Hội Phụ nữ")
    qtbot.mouseClick(staff.save_button, Qt.MouseButton.LeftButton)
    (row,) = staff.model.rows
    assert row.person_id is not None and row.origin_text == "Trong sổ hộ"
    assert not row.vaccinated and row.doses_text == "Chưa tiêm"
    assert staff.model.data(staff.model.index(0, 3), Qt.ItemDataRole.ForegroundRole) is not None
