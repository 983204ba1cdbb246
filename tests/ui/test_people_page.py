"""The people page driven by keyboard: search as you type without accents, filters, Enter
opens the person's household."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from greenzone_desktop.text import name_sort_key
from greenzone_desktop.ui.people_page import PeoplePage
from tests.qt_helpers import type_text


def _page(qtbot, ctx) -> PeoplePage:  # noqa: ANN001
    page = PeoplePage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: len(page.model.ids) > 0)
    return page


def _names(page: PeoplePage) -> list[str]:
    model = page.model
    qtbot_rows = []
    for row in range(model.rowCount()):
        data = model.row_data(row)
        if data is None:  # fetched lazily: ask for the block and take it
            model._fetch_wanted()  # noqa: SLF001 - synchronous runner in tests
            data = model.row_data(row)
        qtbot_rows.append(data.full_name)
    return qtbot_rows


def test_search_tran_thi_finds_tran_thi(qtbot, ctx, qtmodeltester) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    everyone = page.model.rowCount()
    assert everyone > 900
    assert page.count.text() == f"{everyone:,} người".replace(",", ".")
    qtmodeltester.check(page.model)
    assert page.focusWidget() is page.search
    type_text(page.search, "tran thi")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # search now, focus to the table
    names = _names(page)
    assert 0 < len(names) < everyone
    assert all(n.startswith("Trần Thị ") for n in names), names[:5]
    assert page.focusWidget() is page.table
    assert page.count.text().startswith(f"{len(names)} / ")
    # the table stays in the official order: by given name
    keys = [name_sort_key(n) for n in names]
    assert keys == sorted(keys)
    qtmodeltester.check(page.model)


def test_typing_with_accents_and_waiting_also_searches(qtbot, ctx) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    everyone = page.model.rowCount()
    type_text(page.search, "Trần Thị")
    qtbot.waitUntil(lambda: page.model.rowCount() < everyone, timeout=2000)
    assert all(n.startswith("Trần Thị ") for n in _names(page))
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)  # Esc clears the search
    qtbot.waitUntil(lambda: page.model.rowCount() == everyone, timeout=2000)


def test_enter_opens_the_household(qtbot, ctx) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    type_text(page.search, "tran thi")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    first = page.model.row_data(page.table.currentIndex().row())
    with qtbot.waitSignal(ctx.navigate_requested) as blocker:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert blocker.args == ["households", {"household_id": first.household_id}]


def test_filters_narrow_the_list(qtbot, ctx, qtmodeltester) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    everyone = page.model.rowCount()
    page.age.setFocus()
    qtbot.keyClick(page.age, Qt.Key.Key_Down)  # 0–11 tuổi
    assert page.age.currentData() == "0-11"
    children = page.model.rowCount()
    assert 0 < children < everyone
    today = date.today()
    for row in range(min(children, 150)):
        person = page.model.row_data(row)
        assert person is not None and person.birth_year >= today.year - 12
    page.vaccination.setCurrentIndex(page.vaccination.findData("full"))
    assert page.model.rowCount() == 0  # no child under 12 is vaccinated in the demo
    assert "Không tìm thấy" in page.count.text()
    page.clear_button.click()
    assert page.model.rowCount() == everyone
    page.residency.setCurrentIndex(page.residency.findData("tam_tru"))
    temporary = page.model.rowCount()
    assert 0 < temporary < everyone
    assert {page.model.row_data(r).residency_label for r in range(min(temporary, 150))} == {
        "Tạm trú"}
    page.area.setCurrentIndex(1)
    assert page.area.currentText() == "Tổ 1"
    assert all(page.model.row_data(r).area == "Tổ 1" for r in range(page.model.rowCount()))
    qtmodeltester.check(page.model)


def test_header_click_sorts_in_sql(qtbot, ctx) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # Ngày sinh
    years = [page.model.row_data(r).birth_year for r in range(50)]
    assert years == sorted(years)
    assert page.model.sort_key == "birth"


def test_enter_in_the_main_window_shows_the_household(qtbot, ctx, monkeypatch) -> None:  # noqa: ANN001
    from greenzone_desktop.ui import main_window

    every = main_window.load_pages()  # only the two pages concerned: the others load data
    monkeypatch.setattr(main_window, "load_pages",
                        lambda: [(pid, cls) for pid, cls in every if pid in ("households", "people")])
    window = main_window.MainWindow(ctx, remember_geometry=False)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("people")
    assert isinstance(page, PeoplePage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    type_text(page.search, "tran thi")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    page.table.setCurrentIndex(page.model.index(0, 0))
    person = page.model.row_data(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.current_page() is window.page("households")
    assert window.sidebar.currentItem().text() == "Hộ gia đình"
    editor = window.page("households").editor  # the household opens in its editor
    assert editor is not None and editor.household_id == person.household_id
    editor.reject()


def test_history_of_the_current_person(qtbot, ctx) -> None:  # noqa: ANN001
    from greenzone_desktop.services.register import PersonInput, get_household, update_member

    page = _page(qtbot, ctx)
    person = page.model.row_data(0)
    member = next(m for m in get_household(ctx.db, person.household_id).members
                  if m.id == person.person_id)
    update_member(ctx.db, member.id, PersonInput(
        member.full_name, member.sex, member.birth_text, member.relation, cccd=member.cccd,
        phone=member.phone, residency=member.residency, occupation="Thợ xây"))
    page.table.setCurrentIndex(page.model.index(0, 0))
    dialog = page.show_history()
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and person.full_name in dialog.windowTitle()
    texts = [dialog.model.index(r, 3).data() for r in range(dialog.model.rowCount())]
    assert any(t.startswith("Nghề nghiệp:") and t.endswith("Thợ xây") for t in texts), texts


def test_navigation_target_sets_the_filters(qtbot, ctx) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    page.show_target(residency="tam_tru", age_band="18+")
    assert (page.residency.currentData(), page.age.currentData()) == ("tam_tru", "18+")
    rows = [page.model.row_data(r) for r in range(page.model.rowCount())]
    assert rows and {r.residency for r in rows} == {"tam_tru"}
    page.show_target(query="tran thi")  # the filters are cleared
    assert page.residency.currentData() == "" and page.search.text() == "tran thi"
    assert all(page.model.row_data(r).full_name.startswith("Trần Thị")
               for r in range(page.model.rowCount()))
