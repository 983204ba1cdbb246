"""Health page flows: put a person in home quarantine and see the household flagged and the
task appear in today's panel; the vaccination and zones tabs; the ward list dialog."""

from __future__ import annotations

from datetime import date, timedelta

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.modeltest import ModelTester
from sqlalchemy import select

from greenzone_desktop.models import Commitment, HealthStatus, Household, Person
from greenzone_desktop.services import health
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.text import format_date
from greenzone_desktop.ui.health_page import HealthPage
from greenzone_desktop.ui.today_panel import TodayPanel
from tests.qt_helpers import type_text


def _quiet_adult(db, skip: int = 0):  # noqa: ANN001, ANN202
    """An adult with a CCCD whose household has no health period and no commitment of home
    quarantine."""
    with db.session() as s:
        busy = select(Person.household_id).join(HealthStatus, HealthStatus.person_id == Person.id)
        signed = select(Commitment.household_id).where(Commitment.kind == "quarantine")
        row = s.execute(select(Person.id, Person.full_name, Person.cccd, Person.household_id,
                               Household.code)
                        .join(Household, Household.id == Person.household_id)
                        .where(Person.cccd.is_not(None), Person.deleted.is_(False),
                               Person.household_id.not_in(busy),
                               Person.household_id.not_in(signed))
                        .order_by(Household.code).offset(skip).limit(1)).one()
    return row


def _page(qtbot, ctx) -> HealthPage:  # noqa: ANN001
    page = HealthPage(ctx)
    qtbot.addWidget(page)
    ctx.changed.connect(page.on_changes)  # what the main window does
    return page


def test_home_quarantine_flags_the_household_and_adds_a_task(qtbot, ctx):
    pid, name, cccd, hid, code = _quiet_adult(ctx.db)
    page = _page(qtbot, ctx)
    panel = TodayPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()  # a hidden panel waits until shown to reload
    before = [t.text for t in panel.tasks]
    assert not any(code in t for t in before)

    dialog = page.add_period()
    type_text(dialog.person.search, cccd)
    qtbot.keyClick(dialog.person.search, Qt.Key.Key_Return)
    assert dialog.person.person_id == pid  # one hit: chosen at once
    dialog.kind.setCurrentIndex(dialog.kind.findData("quarantine"))
    dialog.place.setCurrentIndex(dialog.place.findData("home"))
    planned = format_date(date.today() + timedelta(days=14))
    assert planned in dialog.planned.text()  # the rule's 14 days
    dialog.days.setValue(10)
    assert format_date(date.today() + timedelta(days=10)) in dialog.planned.text()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible() and dialog.error.text() == ""

    # the person is listed with the planned end
    rows = [r for r in page.model.rows if r.person_id == pid]
    assert [(r.kind, r.place, r.planned_end) for r in rows] == [
        ("quarantine", "home", date.today() + timedelta(days=10))]
    # the household is flagged and shown without a commitment
    page.tabs.setCurrentWidget(page.quarantine)
    flagged = {r.household_id: r for r in page.quarantine.model.rows}
    assert hid in flagged and not flagged[hid].has_commitment
    qm = page.quarantine.model
    row = [r.household_id for r in qm.rows].index(hid)
    texts = [qm.index(row, c).data() for c in range(qm.columnCount())]
    assert "đang cách ly tại nhà" in texts and "CHƯA KÝ" in texts
    assert health.household_flags(ctx.db, [hid]) == {hid: "đang cách ly tại nhà"}
    # today's panel has the commitment task, and a click opens the household
    task_rows = [i for i, t in enumerate(panel.tasks) if t.target == {"household_id": hid}]
    assert len(task_rows) == 1
    item = panel.list.item(task_rows[0])
    assert f"Hộ {code}" in item.text() and "chưa ký cam kết cách ly tại nhà" in item.text()
    with qtbot.waitSignal(ctx.navigate_requested) as sig:
        rect = panel.list.visualItemRect(item)
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args == ["households", {"household_id": hid}]
    ModelTester(qtbot).check(page.model)
    ModelTester(qtbot).check(qm)
    # signing the commitment from the flagged list clears the task
    page.quarantine.view.selectRow(row)
    page.quarantine.sign_selected()
    [done] = [r for r in qm.rows if r.household_id == hid]
    assert done.has_commitment and qm.index(row, 3).data() == "Đã ký"
    assert not [t for t in panel.tasks if t.target == {"household_id": hid}]


def test_end_of_quarantine_removes_the_flag_and_show_target_selects(qtbot, ctx):
    pid, _name, _cccd, hid, _code = _quiet_adult(ctx.db)
    start = date.today() - timedelta(days=14)
    health.add_period(ctx.db, pid, health.PeriodInput("quarantine", start, place="home"))
    page = _page(qtbot, ctx)
    panel = TodayPanel(ctx)
    qtbot.addWidget(panel)
    ending = [t for t in panel.tasks if t.target == {"person_id": pid}]
    assert len(ending) == 1 and "hết hạn hôm nay" in ending[0].text
    page.show_target(person_id=pid)
    current = page.current_period()
    assert current is not None and current.person_id == pid
    health.end_period(ctx.db, current.id, date.today())
    ctx.announce(Changes(health=True))
    assert ending == [t for t in panel.tasks if t.target == {"person_id": pid}]  # hidden: later
    panel.show()
    assert not [t for t in panel.tasks if t.target == {"person_id": pid}]
    assert [r.end_date for r in page.model.rows if r.person_id == pid] == [date.today()]
    health.end_period(ctx.db, current.id, date.today() - timedelta(days=1))
    ctx.announce(Changes(health=True))
    assert all(r.person_id != pid for r in page.model.rows)  # ended: no longer listed


def test_coverage_and_zone_tabs(qtbot, ctx):
    page = _page(qtbot, ctx)
    page.tabs.setCurrentWidget(page.coverage)
    cm = page.coverage.model
    ModelTester(qtbot).check(cm)
    assert cm.index(0, 0).data() == "Toàn đơn vị" and cm.rowCount() > 2
    headers = [cm.headerData(c, Qt.Orientation.Horizontal) for c in range(cm.columnCount())]
    assert "Từ 50 tuổi\nđủ mũi" in headers and "12–17 tuổi\n≥ 1 mũi" in headers
    assert "%" in cm.index(0, 2).data()

    page.tabs.setCurrentWidget(page.zones)
    from greenzone_desktop.ui.zones_tab import ZoneDialog

    with ctx.db.session() as s:
        codes = list(s.scalars(select(Household.code).order_by(Household.code).limit(3)))
    dialog = ZoneDialog(ctx, page.zones.areas, page)
    type_text(dialog.name, "Ngõ 5 Xuân Mai")
    dialog.codes.setPlainText(", ".join(codes))
    dialog.save()
    assert dialog.zone_id, dialog.error.text()
    ctx.announce(Changes(health=True))
    zm = page.zones.model
    ModelTester(qtbot).check(zm)
    [z] = [z for z in zm.rows if z.name == "Ngõ 5 Xuân Mai"]
    assert z.households == 3 and z.proposed_lift == date.today() + timedelta(days=14)
    page.show_target(zone_id=dialog.zone_id)
    assert page.zones.current().id == dialog.zone_id
    assert page.zones.households.rowCount() == 3
    assert "Lịch xét nghiệm đề xuất" in page.zones.schedule.text()


def test_ward_list_dialog_previews_then_applies(qtbot, ctx, tmp_path):
    pid, name, cccd, hid, _code = _quiet_adult(ctx.db)
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH F1"])
    ws.append(["STT", "Họ và tên", "Năm sinh", "Số CCCD", "Phân loại", "Ngày tiếp xúc",
               "Nơi cách ly"])
    ws.append([1, name, None, cccd, "F1", format_date(date.today()), "Tại nhà"])
    ws.append([2, "Hoàng Văn Không Có", 1980, None, "F1", format_date(date.today()), ""])
    other = _quiet_adult(ctx.db, skip=40)
    ws.append([3, other.full_name, None, None, "F1", format_date(date.today()), ""])
    wb.save(tmp_path / "f1.xlsx")
    page = _page(qtbot, ctx)
    dialog = page.import_ward_list(str(tmp_path / "f1.xlsx"))
    assert not dialog.confirm.isEnabled()
    dialog.read()
    assert "1 khớp, 1 cần chọn, 1 không tìm thấy" in dialog.summary.text()
    assert dialog.table.item(0, 7).text().startswith("Khớp")
    assert dialog.table.item(1, 7).text() == "Không tìm thấy"
    assert dialog.table.item(2, 7).text().startswith("Cần chọn")  # a name alone: confirm
    chooser = dialog.choosers[5]  # Excel row 5
    found = chooser.findData(other.id)
    assert found > 0
    chooser.setCurrentIndex(found)
    assert health.person_periods(ctx.db, pid) == []  # nothing written before confirming
    dialog.confirm.click()
    assert dialog.applied is not None and dialog.applied.created == 2
    assert [p.kind for p in health.person_periods(ctx.db, other.id)] == ["F1"]
    assert {p.kind for p in health.person_periods(ctx.db, pid)} == {"F1", "quarantine"}
    assert any(r.person_id == pid and r.kind == "F1" for r in page.model.rows)


def test_edit_a_period_and_see_a_refused_overlap(qtbot, ctx):
    pid, name, _cccd, _hid, _code = _quiet_adult(ctx.db)
    today = date.today()
    health.add_period(ctx.db, pid, health.PeriodInput("F2", today - timedelta(days=30),
                                                      end=today - timedelta(days=20)))
    health.add_period(ctx.db, pid, health.PeriodInput("F2", today - timedelta(days=2)))
    page = _page(qtbot, ctx)
    page.show_target(person_id=pid)
    dialog = page.edit_period()
    assert dialog is not None and dialog.editing.person_id == pid
    assert dialog.start.text() == format_date(today - timedelta(days=2))
    assert not dialog.kind.isEnabled() and dialog.days.value() == 7  # F2: the rule's 7 days
    # moving the start back onto the earlier period is refused, with the reason shown
    dialog.start.setText(format_date(today - timedelta(days=25)))
    dialog.save()
    assert "trùng" in dialog.error.text() and name in dialog.error.text()
    dialog.start.setText(format_date(today - timedelta(days=3)))
    dialog.days.setValue(10)
    type_text(dialog.notes, "Đã gọi điện nhắc")
    dialog.save()
    assert dialog.error.text() == "" and dialog.result() == dialog.DialogCode.Accepted
    [row] = [r for r in page.model.rows if r.person_id == pid]
    assert row.planned_end == today + timedelta(days=7) and row.notes == "Đã gọi điện nhắc"


def test_dose_dialog_records_the_next_dose(qtbot, ctx):
    from greenzone_desktop.services import vaccination
    from greenzone_desktop.ui.health_dialogs import DoseDialog

    pid, _name, cccd, _hid, _code = _quiet_adult(ctx.db)
    before = vaccination.person_doses(ctx.db, pid)
    dialog = DoseDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.vaccine.findText("Sinopharm (Vero Cell)") >= 0  # the rules' list
    type_text(dialog.person.search, cccd)
    qtbot.keyClick(dialog.person.search, Qt.Key.Key_Return)
    assert dialog.person.person_id == pid
    assert dialog.doses.text()  # what the person already had is shown
    dialog.given.setText("31/02/2026")
    dialog.save()
    assert "không tồn tại" in dialog.error.text()
    dialog.given.setText(format_date(date.today()))
    dialog.vaccine.setCurrentText("Abdala")
    type_text(dialog.place, "Trạm Y tế phường")
    dialog.save()
    after = vaccination.person_doses(ctx.db, pid)
    assert len(after) == len(before) + 1
    assert (after[-1].vaccine, after[-1].place, after[-1].given_on) == (
        "Abdala", "Trạm Y tế phường", date.today())
