"""The commitments page by keyboard: select ten unsigned households, mark them signed, watch
the coverage bar change, undo with Ctrl+Z; organisations too."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from greenzone_desktop.services import commitments
from greenzone_desktop.ui.commitments_page import CommitmentsPage
from greenzone_desktop.ui.sign_dialog import SignDialog
from tests.qt_helpers import type_text


def _page(qtbot, ctx) -> CommitmentsPage:  # noqa: ANN001
    page = CommitmentsPage(ctx)
    qtbot.addWidget(page)
    ctx.changed.connect(page.on_changes)  # what the main window does
    page.resize(1300, 700)
    page.show()
    qtbot.waitUntil(page.isActiveWindow)  # shortcuts only reach the active window
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def _sign_when_asked(qtbot, signer: str) -> None:  # noqa: ANN001
    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, SignDialog) and w.isVisible())
        assert dialog.date_edit.text().count("/") == 2  # today, dd/mm/yyyy
        dialog.date_edit.selectAll()
        type_text(dialog.date_edit, "14/09/2021")
        type_text(dialog.signer, signer)
        qtbot.keyClick(dialog.signer, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def test_mark_ten_households_signed_and_see_coverage(qtbot, ctx, qtmodeltester) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    qtmodeltester.check(page.model)
    before = commitments.coverage(ctx.db)
    unsigned = page.model.rowCount()
    assert unsigned == before.households - before.households_signed
    assert f"{before.households_signed}/{before.households} hộ đã ký" in page.coverage.text()
    assert page.count.text() == f"{unsigned} hộ chưa ký"
    # from the search box into the table, then Shift+Down nine times: ten rows
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    for _ in range(9):
        qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    chosen = page.selected_ids()
    assert len(chosen) == 10
    _sign_when_asked(qtbot, "Tổ trưởng")
    qtbot.keyClick(page.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    after = before.households_signed + 10
    assert f"{after}/{before.households} hộ đã ký" in page.coverage.text()
    pct = f"{100 * after / before.households:.1f}".replace(".", ",")
    assert f"({pct} %)" in page.coverage.text()
    assert page.model.rowCount() == unsigned - 10  # they left the "chưa ký" list
    assert page.message.text().startswith("Đã đánh dấu 10 hộ đã ký")
    rows = commitments.signer_rows(ctx.db, chosen)
    assert all(r.signed_by == "Tổ trưởng" and r.signed_on.isoformat() == "2021-09-14"
               for r in rows)
    # the signed list shows them, with the date
    page.status.setCurrentIndex(page.status.findData("signed"))
    assert page.model.rowCount() == after
    qtmodeltester.check(page.model)
    # Ctrl+Z takes the round back
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert f"{before.households_signed}/{before.households} hộ đã ký" in page.coverage.text()
    assert page.message.text() == "Đã hoàn tác: đánh dấu 10 hộ đã ký."


def test_organisations_and_search(qtbot, ctx) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    page.kind.setCurrentIndex(page.kind.findData("organisation"))
    assert page.table.model() is page.models["organisation"]
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Tên cơ quan, cơ sở"
    unsigned = page.model.rowCount()
    assert page.count.text() == f"{unsigned} cơ sở chưa ký"
    page.status.setCurrentIndex(page.status.findData(""))
    total = page.model.rowCount()
    assert total > unsigned
    name = page.model.row_data(0).name
    type_text(page.search, name.split()[-1])
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert 1 <= page.model.rowCount() <= total
    with qtbot.waitSignal(ctx.navigate_requested) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args[0] == "organizations"


def test_nothing_selected_says_what_to_do(qtbot, ctx) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    page.table.clearSelection()
    page.table.setCurrentIndex(page.model.index(-1, -1))
    page.mark_selected()
    assert "Chọn các hộ" in page.message.text()
