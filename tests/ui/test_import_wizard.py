"""The Excel page: the import wizard driven by clicks and keys, and a report export."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from greenzone_desktop.models import Person
from greenzone_desktop.ui.excel_page import ExcelPage
from greenzone_desktop.ui.import_wizard import ImportWizard

DATA = Path(__file__).resolve().parent.parent / "data"


def _count(ctx) -> int:  # noqa: ANN001
    with ctx.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Person).where(~Person.deleted)))


def _next(qtbot, wizard: ImportWizard, page) -> None:  # noqa: ANN001
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is page, timeout=10_000)


def _to_preview(qtbot, page: ExcelPage, path: Path) -> ImportWizard:  # noqa: ANN001
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wizard = page.wizard
    assert wizard is not None and wizard.currentPage() is wizard.file_page
    wizard.file_page.path.setFocus()
    qtbot.keyClicks(wizard.file_page.path, str(path))  # an ASCII path
    _next(qtbot, wizard, wizard.sheet_page)
    _next(qtbot, wizard, wizard.mapping_page)
    _next(qtbot, wizard, wizard.grouping_page)
    _next(qtbot, wizard, wizard.preview_page)
    return wizard


def test_wizard_imports_a_libreoffice_sheet_and_saves_its_rejected_rows(
    qtbot, qtmodeltester, ctx, tmp_path: Path  # noqa: ANN001
) -> None:
    page = ExcelPage(ctx)
    qtbot.addWidget(page)
    before = _count(ctx)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wizard = page.wizard
    assert wizard is not None
    qtbot.keyClicks(wizard.file_page.path, str(DATA / "danh_sach_ho.xlsx"))
    _next(qtbot, wizard, wizard.sheet_page)
    sheet = wizard.sheet_page
    assert sheet.sheet.currentText() == "Danh sách" and sheet.header.value() == 7
    assert "dòng 7" in sheet.found.text()
    qtmodeltester.check(sheet.model)
    _next(qtbot, wizard, wizard.mapping_page)
    combos = wizard.mapping_page.combos
    assert combos["full_name"].currentData() == 2 and combos["cccd"].currentData() == 5
    assert combos["occupation"].currentData() == -1
    _next(qtbot, wizard, wizard.grouping_page)
    assert wizard.grouping_page.buttons["number"].isChecked()
    _next(qtbot, wizard, wizard.preview_page)
    preview = wizard.preview_page
    qtmodeltester.check(preview.model)
    assert preview.model.rowCount() == 8
    assert "Sẽ nhập 6 người mới (2 hộ mới)" in preview.counts.text()
    assert "2 dòng lỗi" in preview.counts.text()
    preview.filter.setCurrentIndex(preview.filter.findData("error"))
    assert [preview.model.row_at(i).sheet_row for i in range(preview.model.rowCount())] == [15, 16]
    assert "31/02/1970" in preview.model.index(0, 8).data()
    _next(qtbot, wizard, wizard.result_page)
    assert "Đã nhập 6 nhân khẩu mới (2 hộ mới)" in wizard.result_page.summary.text()
    assert _count(ctx) == before + 6
    assert wizard.result_page.save.isEnabled()
    out = tmp_path / "loi.xlsx"
    wizard.ask_rejected_path = lambda: str(out)  # type: ignore[method-assign]
    qtbot.mouseClick(wizard.result_page.save, Qt.MouseButton.LeftButton)
    assert "Đã lưu 2 dòng lỗi" in wizard.result_page.saved.text()
    assert openpyxl.load_workbook(out).active["N1"].value == "Lỗi cần sửa"


def test_duplicates_are_chosen_row_by_row(qtbot, ctx) -> None:  # noqa: ANN001
    page = ExcelPage(ctx)
    qtbot.addWidget(page)
    wizard = _to_preview(qtbot, page, DATA / "nam_nu.xlsx")
    _next(qtbot, wizard, wizard.result_page)
    wizard.close()
    before = _count(ctx)
    wizard = _to_preview(qtbot, page, DATA / "nam_nu.xlsx")
    preview = wizard.preview_page
    assert "bỏ qua 5" in preview.counts.text()
    preview.filter.setCurrentIndex(preview.filter.findData("duplicate"))
    assert preview.model.rowCount() == 5
    preview.table.setFocus()
    preview.table.selectRow(1)  # Vũ Thị Mai: same name and year, no CCCD
    qtbot.mouseClick(preview.action_buttons["keep"], Qt.MouseButton.LeftButton)
    assert preview.model.index(1, 7).data() == "Trùng — Giữ cả hai"
    assert "Sẽ nhập 1 người mới" in preview.counts.text()
    _next(qtbot, wizard, wizard.result_page)
    assert _count(ctx) == before + 1


def test_reports_export_from_the_page(qtbot, ctx, tmp_path: Path) -> None:  # noqa: ANN001
    page = ExcelPage(ctx)
    qtbot.addWidget(page)
    assert page.title == "Nhập/xuất Excel"
    page.reports.setFocus()
    qtbot.keyClick(page.reports, Qt.Key.Key_Home)
    assert page.chosen_report() == "households"
    out = tmp_path / "ho.xlsx"
    page.ask_path = lambda report: str(out)  # type: ignore[method-assign]
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert "Đã ghi «Danh sách hộ gia đình» (300 dòng)" in page.status.text()
    assert out.exists()
