"""Delete an organisation on its page (Delete key), undo with Ctrl+Z, delete again and restore
it from the Trash by keyboard; deleted households and people are there too."""

from __future__ import annotations

from PySide6.QtCore import Qt

from greenzone_desktop.services import history, organizations
from greenzone_desktop.services.commitments import signer_keys
from greenzone_desktop.services.register import delete_household
from greenzone_desktop.ui.organizations_page import OrganizationsPage
from greenzone_desktop.ui.trash_page import TrashPage
from tests.qt_helpers import type_text


def _pages(qtbot, ctx):  # noqa: ANN001, ANN202
    orgs_page, trash = OrganizationsPage(ctx), TrashPage(ctx)
    for page in (orgs_page, trash):
        qtbot.addWidget(page)
        ctx.changed.connect(page.on_changes)  # what the main window does
        page.resize(1200, 700)
    orgs_page.show()
    qtbot.waitUntil(orgs_page.isActiveWindow)  # shortcuts only reach the active window
    qtbot.waitUntil(lambda: orgs_page.model.rowCount() > 0)
    return orgs_page, trash


def _names(page: OrganizationsPage) -> list[str]:
    return [page.model.row_data(r).name for r in range(page.model.rowCount())]


def test_delete_undo_then_restore_from_trash(qtbot, ctx, qtmodeltester) -> None:  # noqa: ANN001
    page, trash = _pages(qtbot, ctx)
    qtmodeltester.check(page.model)
    total = page.model.rowCount()
    victim = page.model.row_data(0).name
    type_text(page.search, victim)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.model.rowCount() >= 1
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert victim not in _names(page)
    assert "Ctrl+Z" in page.message.text()
    # Ctrl+Z brings it back
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert victim in _names(page)
    assert page.message.text().startswith("Đã hoàn tác")
    # delete again, then restore it from the Trash
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert victim not in _names(page)
    page.hide()
    trash.show()
    qtmodeltester.check(trash.model)
    labels = [trash.model.row_at(r).label for r in range(trash.model.rowCount())]
    assert labels[0] == victim  # the latest deleted first
    assert history.trash(ctx.db)[0].label == victim  # the service's Trash, not a page merge
    assert trash.model.index(0, 0).data() == "Cơ quan, cơ sở"
    trash.table.selectRow(0)
    qtbot.keyClick(trash.table, Qt.Key.Key_Return)
    assert trash.message.text() == f"Đã khôi phục «{victim}»."
    assert victim not in [trash.model.row_at(r).label for r in range(trash.model.rowCount())]
    assert "organizations" not in {i.table for i in history.trash(ctx.db)}
    page.search.clear()
    page.search.fire()
    trash.hide()
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == total)
    assert victim in _names(page)


def test_trash_lists_households_and_filters_by_kind(qtbot, ctx) -> None:  # noqa: ANN001
    oid = organizations.organization_keys(ctx.db)[0]
    organizations.delete_organization(ctx.db, oid)
    hid = signer_keys(ctx.db)[0]
    delete_household(ctx.db, hid)
    trash = TrashPage(ctx)
    qtbot.addWidget(trash)
    ctx.changed.connect(trash.on_changes)
    trash.show()
    shown = [trash.model.row_at(r) for r in range(trash.model.rowCount())]
    assert shown == history.trash(ctx.db)
    assert {r.table for r in shown} == {"organizations", "households"}  # not its members
    trash.kind.setCurrentIndex(trash.kind.findData("households"))
    assert trash.model.rowCount() == 1
    assert trash.model.index(0, 1).data().startswith("Hộ ")
    qtbot.keyClick(trash.table, Qt.Key.Key_Return)
    assert trash.model.rowCount() == 0
    assert trash.count.text() == "Thùng rác trống."
    assert signer_keys(ctx.db)[0] == hid  # the household is back
