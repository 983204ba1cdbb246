"""The households page driven by the keyboard: search, filters, sort, open, delete and undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from greenzone_desktop.models import Household, Person
from greenzone_desktop.services.household_list import (
    HouseholdQuery,
    household_ids,
    household_view,
)
from greenzone_desktop.ui.households_page import HouseholdsPage
from tests.qt_helpers import type_text


@pytest.fixture
def page(qtbot, ctx):  # noqa: ANN001, ANN201
    p = HouseholdsPage(ctx)
    ctx.changed.connect(p.on_changes)  # what the main window does for every page
    qtbot.addWidget(p)
    p.resize(1166, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


def _shown_names(page: HouseholdsPage) -> list[str]:
    return [page.model.index(r, 1).data() for r in range(page.model.rowCount())]


def test_model_passes_the_model_tester(qtmodeltester, page: HouseholdsPage) -> None:  # noqa: ANN001
    assert page.model.rowCount() == 300
    qtmodeltester.check(page.model)


def test_search_tran_thi_finds_tran_thi(qtbot, page: HouseholdsPage, demo_db) -> None:  # noqa: ANN001
    page.search.setFocus()
    type_text(page.search, "tran thi")
    qtbot.waitUntil(lambda: page.model.query.text == "tran thi", timeout=2000)
    n = page.model.rowCount()
    assert 0 < n < 300
    assert page.count_label.text() == f"{n} hộ"
    # every household shown has a member named Trần Thị …
    with demo_db.session() as s:
        for hid in page.model.ids:
            names = s.scalars(select(Person.full_name).where(Person.household_id == hid))
            assert any(name.startswith("Trần Thị") for name in names)
    # Down moves to the table, Esc in the search box clears it
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.table.currentIndex().row() == 0
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.model.rowCount() == 300


def test_vietnamese_query_and_filters(qtbot, page: HouseholdsPage) -> None:  # noqa: ANN001
    type_text(page.search, "Trần Thị")
    qtbot.waitUntil(lambda: page.model.query.text == "Trần Thị", timeout=2000)
    with_accents = list(page.model.ids)
    assert with_accents == household_ids(page.ctx.db, HouseholdQuery(text="tran thi"))
    page.search.clear()
    page.unsigned.setChecked(True)
    unsigned = page.model.rowCount()
    assert 0 < unsigned < 300
    assert all(page.model.index(r, 7).data() == "Chưa ký" for r in range(unsigned))
    page.area.setCurrentIndex(1)
    area = page.area.currentData()
    assert all(page.model.index(r, 2).data() == area for r in range(page.model.rowCount()))


def test_header_click_sorts_by_head_in_vietnamese_order(qtbot, page: HouseholdsPage) -> None:  # noqa: ANN001
    from greenzone_desktop.text import name_sort_key

    page.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    names = [n for n in _shown_names(page)[:100] if n]
    assert page.model.sort_key == "head"
    assert [name_sort_key(n) for n in names] == sorted(name_sort_key(n) for n in names)


def test_delete_and_undo(qtbot, page: HouseholdsPage, demo_db) -> None:  # noqa: ANN001
    page.table.setFocus()
    page.select_row(4)
    hid = page.current_id()
    after = page.model.id_at(5)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.rowCount() == 299 and page.model.row_of(hid) == -1
    assert "Ctrl+Z" in page.message.text() and page.undo_button.isVisible()
    assert page.current_id() == after  # the selection moves to the next household
    with demo_db.session() as s:
        assert s.get(Household, hid).deleted
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.model.rowCount() == 300 and page.model.row_of(hid) >= 0
    assert page.message.text().startswith("Đã khôi phục hộ")
    with demo_db.session() as s:
        h = s.get(Household, hid)
        members = s.scalars(select(Person).where(Person.household_id == hid)).all()
        assert not h.deleted and members and not any(p.deleted for p in members)


def test_enter_opens_the_editor_and_show_target(qtbot, page: HouseholdsPage) -> None:  # noqa: ANN001
    page.table.setFocus()
    page.select_row(2)
    hid = page.current_id()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.editor is not None and page.editor.household_id == hid
    assert page.editor.members_model.rowCount() > 0
    page.editor.close_editor()
    assert page.editor is None
    first_editor = page._spare_editor
    other = page.model.id_at(7)
    page.show_target(household_id=other)
    assert page.editor is first_editor  # the window is reused, showing the other household
    assert page.editor.household_id == other and page.current_id() == other
    assert [m.id for m in page.editor.members_model.members] == \
        [m.id for m in household_view(page.ctx.db, other).members]
    assert page.editor.form.member is None and not page.editor.message.text()
    # the duplicate warning's link opens the other household in the editor
    third = page.model.id_at(9)
    page.editor.open_household.emit(third)
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.household_id == third,
                    timeout=2000)
    assert page.editor.windowTitle().startswith("Hộ ")
