"""The USB handoff as a person does it: export to a folder at the village, import at the ward
with a preview, then decide one conflict field by field; the ward page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from greenzone_desktop.services.handoff_conflicts import REMOTE
from greenzone_desktop.text import format_number
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.handoff_import_dialog import HandoffImportDialog, pile_text
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


def test_a_ward_imports_every_village_package_at_once(qtbot, qtmodeltester: ModelTester,  # noqa: ANN001
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from greenzone_desktop.services.demo import generate_demo
    from greenzone_desktop.services.handoff import export_package
    from tests.services.handoff_helpers import digest, village

    packages = []
    for i, name in enumerate(("Thôn Một", "Thôn Hai", "Thôn Ba")):
        db = village(tmp_path, f"v{i}", name)
        generate_demo(db, households=5, seed=9200 + i)
        packages.append(str(export_package(db, tmp_path / f"v{i}.gzx", PASSWORD,
                                           scrypt_n=2**10).path))
        db.dispose()
    w = ward(tmp_path)
    wctx = AppContext(w, TaskRunner(synchronous=True))
    cut = tmp_path / "v2-cut.gzx"
    cut.write_bytes(Path(packages[2]).read_bytes()[:-200])
    dialog = HandoffImportDialog(wctx)
    qtbot.addWidget(dialog)
    type_text(dialog.password_edit, PASSWORD)
    # A cut package among them: refused by name, nothing goes in.
    before = digest(w)
    dialog.choose([*packages[:2], str(cut)])
    assert dialog.file_edit.text() == "3 gói: v0.gzx, v1.gzx, v2-cut.gzx"
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("Gói «v2-cut.gzx»: Tệp bị cắt cụt")
    assert not dialog.apply_button.isEnabled() and digest(w) == before
    # Chosen together in the file dialog: previewed one after the other, applied together.
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *_args: (packages, "Gói dữ liệu (*.gzx)"))
    dialog._browse()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    text = dialog.status.text()
    assert text.startswith("Xem trước — chưa thay đổi gì. 3 gói:\n• Thôn Một, gói số 1:"), text
    assert text.count("thôn mới được thêm") == 3 and digest(w) == before
    qtmodeltester.check(dialog.model)
    households = next(t for t in dialog.model.rows if t.table == "households")
    assert households.new == 15
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("Đã nhập xong. 3 gói:")
    assert "Bản sao lưu trước khi nhập:" in dialog.status.text()
    assert len(dialog.results) == 3 and not dialog.apply_button.isEnabled()
    # A long pile lists its first packages, then the rest together (the table keeps its room).
    short = pile_text(dialog.results, shown=2).splitlines()
    rest = sum(r.total("new") for r in dialog.results[1:])
    assert short[1].startswith("• Thôn Một, gói số 1:") and short[2:] == [
        f"• 2 gói khác: {format_number(rest)} mới, 0 cập nhật, 0 xung đột; "
        "2 thôn mới được thêm."]
    with w.session() as s:
        count = s.connection().exec_driver_sql("SELECT count(*) FROM households").scalar()
    assert count == 15
    # Typing one path again means that one file.
    dialog.file_edit.setText(packages[0])
    assert dialog.paths == [packages[0]]
