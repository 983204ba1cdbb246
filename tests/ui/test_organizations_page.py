"""The organisation register by keyboard: add with inline errors, edit, mark signed, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from greenzone_desktop.services import organizations
from greenzone_desktop.ui.organization_dialog import OrganizationDialog
from greenzone_desktop.ui.organizations_page import OrganizationsPage
from greenzone_desktop.ui.sign_dialog import SignDialog
from tests.qt_helpers import type_text


def test_dialog_shows_errors_next_to_fields_then_saves(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = OrganizationDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.phone, "09123")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)  # Enter = Lưu: refused
    assert dialog.isVisible() and dialog.saved_id is None
    assert dialog.errors["name"].text() == "Tên cơ quan, cơ sở không được để trống."
    assert not dialog.errors["name"].isHidden()
    assert dialog.errors["phone"].text()
    assert dialog.focusWidget() is dialog.name
    type_text(dialog.name, "Tiệm may Hồng Nhung")
    dialog.phone.clear()
    type_text(dialog.phone, "0912 345 678")
    dialog.workers.setValue(4)
    with qtbot.waitSignal(ctx.changed):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter = Lưu
    view = organizations.get_organization(ctx.db, dialog.saved_id)
    assert (view.name, view.phone, view.workers) == ("Tiệm may Hồng Nhung", "0912345678", 4)
    assert dialog.errors["name"].isHidden()


def test_mark_selected_signed_and_undo(qtbot, ctx, qtmodeltester) -> None:  # noqa: ANN001
    for name in ("Quán phở Hà Nội", "Xưởng in Minh Khai"):
        organizations.create_organization(ctx.db, organizations.OrganizationInput(name))
    page = OrganizationsPage(ctx)
    qtbot.addWidget(page)
    ctx.changed.connect(page.on_changes)
    page.show()
    qtbot.waitUntil(page.isActiveWindow)  # shortcuts only reach the active window
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.status.setCurrentIndex(page.status.findData("unsigned"))
    unsigned = page.model.rowCount()
    assert unsigned >= 3
    qtmodeltester.check(page.model)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)  # from the search box into the table
    assert page.focusWidget() is page.table
    page.table.selectRow(0)
    page.table.selectionModel().select(
        page.model.index(1, 0), page.table.selectionModel().SelectionFlag.Select
        | page.table.selectionModel().SelectionFlag.Rows)
    assert len(page.selected()) == 2

    def fill_and_accept() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, SignDialog) and w.isVisible())
        dialog.date_edit.setText("31/02/2021")
        dialog.accept()  # refused: a bad date
        assert dialog.isVisible() and dialog.date_error.text()
        dialog.date_edit.setText("10/09/2021")
        type_text(dialog.signer, "Chủ cơ sở")
        qtbot.keyClick(dialog.signer, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill_and_accept)
    qtbot.keyClick(page.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert page.model.rowCount() == unsigned - 2
    assert page.message.text() == "Đã đánh dấu 2 cơ sở đã ký cam kết."
    page.activateWindow()  # back from the dialog
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.model.rowCount() == unsigned
