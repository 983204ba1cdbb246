"""The USB handoff as a person does it: export to a folder at the village, import at the ward
with a preview, then decide one conflict field by field; the ward page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from greenzone_desktop.services.handoff_conflicts import REMOTE
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.handoff_import_dialog import HandoffImportDialog
from greenzone_desktop.ui.handoff_page import HandoffPage
from greenzone_desktop.ui.tasks import TaskRunner
from greenzone_desktop.ui.ward_page import WardPage
from tests.qt_helpers import type_text
from tests.services.handoff_helpers import edit_person, person, some_person, ward

PASSWORD = "Mật khẩu chung"


def _export(qtbot, page: HandoffPage, folder: Path) -> Path:  # noqa: ANN001
    page.folder_edit.setText(str(folder))
    page.password_edit.clear()
    page.confirm_edit.clear()
    type_text(page.password_edit, PASSWORD)
    type_text(page.confirm_edit, PASSWORD)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert page.export_status.text().startswith("Xong: đã ghi và đọc lại kiểm tra gói số")
    assert page.last_export is not None and page.last_export.path.parent == folder
    return page.last_export.path


def _import(qtbot, ctx: AppContext, package: Path) -> HandoffImportDialog:  # noqa: ANN001
    dialog = HandoffImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.file_edit.setText(str(package))
    type_text(dialog.password_edit, PASSWORD)
    assert not dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("Xem trước — chưa thay đổi gì.")
    assert dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.result_ is not None and dialog.status.text().startswith("Đã nhập xong.")
    return dialog


def test_export_import_and_resolve_one_conflict(qtbot, qtmodeltester: ModelTester,  # noqa: ANN001
                                                ctx: AppContext, tmp_path: Path) -> None:
    village_db = ctx.db
    page = HandoffPage(ctx)
    qtbot.addWidget(page)
    assert page.peer_combo.currentText() == "Phường Hùng Vương"
    # Mismatched confirmation: refused before anything is written.
    page.folder_edit.setText(str(tmp_path))
    type_text(page.password_edit, PASSWORD)
    type_text(page.confirm_edit, "khác")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert "không giống nhau" in page.export_status.text() and not list(tmp_path.glob("*.gzx"))
    first = _export(qtbot, page, tmp_path)

    w = ward(tmp_path)
    wctx = AppContext(w, TaskRunner(synchronous=True))
    wrong = HandoffImportDialog(wctx)
    qtbot.addWidget(wrong)
    wrong.file_edit.setText(str(first))
    type_text(wrong.password_edit, "sai")
    qtbot.mouseClick(wrong.preview_button, Qt.MouseButton.LeftButton)
    assert wrong.status.text().startswith("Sai mật khẩu") and not wrong.apply_button.isEnabled()
    dialog = _import(qtbot, wctx, first)
    qtmodeltester.check(dialog.model)
    households = next(t for t in dialog.model.rows if t.table == "households")
    assert households.new == 300

    pid = some_person(village_db, 2)
    edit_person(village_db, pid, phone="0911111111")
    edit_person(w, pid, phone="0922222222")
    second = _export(qtbot, page, tmp_path)
    assert "1 xung đột" in _import(qtbot, wctx, second).status.text()

    ward_page = HandoffPage(wctx)
    qtbot.addWidget(ward_page)
    panel = ward_page.conflicts
    qtmodeltester.check(panel.model)
    qtmodeltester.check(ward_page.log_model)
    assert panel.model.rowCount() == 1 and panel.fields.rowCount() == 1
    assert panel.fields.item(0, 1).text() == "0922222222"
    assert panel.fields.item(0, 2).text() == "0911111111"
    assert not panel.apply_button.isEnabled()
    combo = panel.combo(0)
    combo.setCurrentIndex(combo.findData(REMOTE))
    assert panel.apply_button.isEnabled()
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert person(w, pid)["phone"] == "0911111111"
    assert panel.model.rowCount() == 0 and "Đã giải quyết" in panel.status.text()


def test_ward_page_only_for_a_ward(qtbot, qtmodeltester: ModelTester,  # noqa: ANN001
                                   ctx: AppContext, tmp_path: Path) -> None:
    assert not WardPage.available(ctx)
    w = ward(tmp_path)
    wctx = AppContext(w, TaskRunner(synchronous=True))
    assert WardPage.available(wctx)
    page = HandoffPage(ctx)
    qtbot.addWidget(page)
    _import(qtbot, wctx, _export(qtbot, page, tmp_path))
    ward_page = WardPage(wctx)
    qtbot.addWidget(ward_page)
    for model in (ward_page.status_model, ward_page.figures_model, ward_page.dup_model):
        qtmodeltester.check(model)
    [village] = ward_page.status_model.rows
    assert village.name == "Tổ dân phố Xuân Mai" and village.households == 300
    assert ward_page.figures_model.rows[-1].name == "Tổng cộng"
    assert "1 thôn" in ward_page.summary.text()
    out = tmp_path / "bao-cao.xlsx"
    ward_page.export_report(str(out))
    assert out.exists() and "Đã lưu báo cáo" in ward_page.report_status.text()
