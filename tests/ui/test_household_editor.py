"""The household editor driven by the keyboard: a new household with three members, editing a
birth date, inline validation, the duplicate-CCCD warning, remove/undo, head, move, history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from greenzone_desktop.models import Household, Person, Vaccination
from greenzone_desktop.services import register as reg
from greenzone_desktop.ui.household_editor import HouseholdEditor
from greenzone_desktop.ui.households_page import HouseholdsPage
from tests.qt_helpers import type_text


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def tab(qtbot, times: int = 1) -> None:  # noqa: ANN001
    for _ in range(times):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def key(qtbot, k: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    qtbot.keyClick(focused(), k, modifier)


def type_here(text: str) -> None:
    type_text(focused(), text)


@pytest.fixture
def page(qtbot, ctx):  # noqa: ANN001, ANN201
    p = HouseholdsPage(ctx)
    ctx.changed.connect(p.on_changes)
    qtbot.addWidget(p)
    p.show()
    qtbot.waitExposed(p)
    return p


def open_editor(qtbot, ctx, household_id: str | None) -> HouseholdEditor:  # noqa: ANN001
    editor = HouseholdEditor(ctx, household_id)
    qtbot.addWidget(editor)
    editor.open()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def first_household(db) -> reg.HouseholdView:  # noqa: ANN001
    with db.session() as s:
        hid = s.scalars(select(Household.id).where(Household.deleted.is_(False))
                        .order_by(Household.code)).first()
    return reg.get_household(db, hid)


def test_add_a_household_with_three_members_by_keyboard(qtbot, page, demo_db) -> None:  # noqa: ANN001
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = page.editor
    assert editor is not None and editor.household_id is None
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.area.setFocus()
    type_here("Tổ 9")
    tab(qtbot)
    assert focused() is editor.address
    type_here("Số 12, ngõ Hòa Bình")
    tab(qtbot, 4)  # phone, notes, members table, then the member's name
    assert focused() is editor.form.full_name
    assert editor.form.relation.currentData() == "chu_ho"  # the first member is the head
    type_here("Trần Văn Quyết")
    tab(qtbot, 2)  # sex (Nam), birth
    assert focused() is editor.form.birth
    type_here("03/04/1968")
    key(qtbot, Qt.Key.Key_Return)
    hid = editor.household_id
    assert hid is not None and editor.members_model.rowCount() == 1
    assert focused() is editor.form.full_name  # ready for the next member

    type_here("Lê Thị Hồng")
    tab(qtbot)
    key(qtbot, Qt.Key.Key_Down)  # Nữ
    tab(qtbot)
    type_here("1970")  # year only
    tab(qtbot)
    type_here("Vợ")  # the relation list jumps to the typed label
    key(qtbot, Qt.Key.Key_Return)
    type_here("Trần Thị Mai")
    tab(qtbot)
    key(qtbot, Qt.Key.Key_Down)
    tab(qtbot)
    type_here("21/12/2001")
    tab(qtbot)
    type_here("Con")
    key(qtbot, Qt.Key.Key_Return)
    assert editor.members_model.rowCount() == 3

    editor.close_editor()
    view = reg.get_household(demo_db, hid)
    assert (view.area, view.address) == ("Tổ 9", "Số 12, ngõ Hòa Bình")
    people = {m.full_name: m for m in view.members}
    assert set(people) == {"Trần Văn Quyết", "Lê Thị Hồng", "Trần Thị Mai"}
    assert view.head_name == "Trần Văn Quyết"
    hong = people["Lê Thị Hồng"]
    assert (hong.sex, hong.birth_date, hong.birth_year, hong.relation) == ("nu", None, 1970, "vo")
    assert people["Trần Thị Mai"].birth_text == "21/12/2001"
    assert people["Trần Thị Mai"].relation == "con"
    assert page.model.row_of(hid) >= 0  # the new household is in the list


def test_edit_a_birth_date(qtbot, ctx, demo_db) -> None:  # noqa: ANN001
    view = first_household(demo_db)
    editor = open_editor(qtbot, ctx, view.id)
    assert focused() is editor.members
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)  # edit the second member
    member = view.members[1]
    assert editor.form.member is not None and editor.form.member.id == member.id
    assert focused() is editor.form.full_name
    tab(qtbot, 2)
    assert focused() is editor.form.birth
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    new_birth = f"15/08/{member.birth_year}"  # same year: the CCCD encodes the century
    assert new_birth != member.birth_text
    type_here(new_birth)
    key(qtbot, Qt.Key.Key_Return)
    assert not editor.form.errors["birth"].text() and not editor.form.errors["cccd"].text()
    after = {m.id: m for m in reg.get_household(demo_db, view.id).members}[member.id]
    assert after.birth_text == new_birth and after.full_name == member.full_name
    assert after.cccd is None or after.cccd == member.cccd


def test_inline_validation_messages(qtbot, ctx, demo_db) -> None:  # noqa: ANN001
    view = first_household(demo_db)
    editor = open_editor(qtbot, ctx, view.id)
    key(qtbot, Qt.Key.Key_Return)
    tab(qtbot, 2)
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_here("31/02/1990")
    tab(qtbot)  # leaving the field checks it
    message = editor.form.errors["birth"]
    assert message.isVisible() and "Ngày sinh" in message.text()
    editor.form.phone.setFocus()
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_here("12345")
    key(qtbot, Qt.Key.Key_Return)  # refused: both messages stay, nothing saved
    assert editor.form.errors["phone"].isVisible()
    assert focused() is editor.form.birth  # the first bad field gets the focus
    again = {m.id: m for m in reg.get_household(demo_db, view.id).members}
    assert again[view.members[0].id].birth_text == view.members[0].birth_text


def test_duplicate_cccd_warning_links_to_the_other_household(qtbot, ctx, demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        other = s.scalars(select(Person).where(  # a man: the CCCD's 4th digit tells the sex
            Person.cccd.is_not(None), Person.deleted.is_(False), Person.sex == "nam")
            .order_by(Person.sort_key)).first()
        other_cccd, other_hid, other_name = other.cccd, other.household_id, other.full_name
    view = first_household(demo_db)
    assert view.id != other_hid
    editor = open_editor(qtbot, ctx, view.id)
    opened: list[str] = []
    editor.open_household.connect(opened.append)
    qtbot.keyClick(editor.members, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_here("Hoàng Văn Khánh")
    editor.form.cccd.setFocus()
    type_here(other_cccd)
    qtbot.waitUntil(editor.form.duplicate_label.isVisible, timeout=2000)
    text = editor.form.duplicate_label.text()
    assert other_cccd in text and other_name in text and f'href="{other_hid}"' in text
    editor.form.duplicate_label.linkActivated.emit(other_hid)  # following the link
    assert opened == [other_hid]
    key(qtbot, Qt.Key.Key_Return)  # saving is refused next to the CCCD field
    assert editor.form.errors["cccd"].isVisible()
    assert "không thể đăng ký trùng" in editor.form.errors["cccd"].text()
    assert editor.members_model.rowCount() == len(view.members)


def test_same_name_and_birth_elsewhere_is_flagged(qtbot, ctx, demo_db) -> None:  # noqa: ANN001
    view = first_household(demo_db)
    with demo_db.session() as s:
        p = s.scalars(select(Person).where(Person.household_id != view.id,
                                           Person.birth_date.is_not(None))).first()
        name, birth = p.full_name, p.birth_date.strftime("%d/%m/%Y")
    editor = open_editor(qtbot, ctx, view.id)
    editor.new_member()
    type_here(name)
    editor.form.birth.setFocus()
    type_here(birth)
    qtbot.waitUntil(editor.form.duplicate_label.isVisible, timeout=2000)
    assert "Có thể trùng người" in editor.form.duplicate_label.text()


def test_remove_member_and_undo(qtbot, ctx, demo_db) -> None:  # noqa: ANN001
    view = first_household(demo_db)
    editor = open_editor(qtbot, ctx, view.id)
    n = len(view.members)
    key(qtbot, Qt.Key.Key_Down)
    gone = editor.current_member()
    key(qtbot, Qt.Key.Key_Delete)
    assert editor.members_model.rowCount() == n - 1 and "Ctrl+Z" in editor.message.text()
    key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.members_model.rowCount() == n
    with demo_db.session() as s:
        assert not s.get(Person, gone.id).deleted


def test_change_head_and_move_member(qtbot, ctx, demo_db) -> None:  # noqa: ANN001
    view = first_household(demo_db)
    editor = open_editor(qtbot, ctx, view.id)
    key(qtbot, Qt.Key.Key_Down)
    new_head = editor.current_member()
    editor.head_button.click()
    assert reg.get_household(demo_db, view.id).head_id == new_head.id
    assert editor.windowTitle().endswith(new_head.full_name)
    # move the (new) head's first fellow member to another household picked by typing
    editor.members.selectRow(1)
    moving = editor.current_member()
    target = reg.get_household(demo_db, reg_second_id(demo_db, view.id))
    editor.move_button.click()
    picker = editor.picker
    qtbot.waitExposed(picker)
    picker.search.setFocus()
    type_text(picker.search, target.code)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.result() == picker.DialogCode.Accepted
    with demo_db.session() as s:
        assert s.get(Person, moving.id).household_id == target.id
    assert editor.members_model.row_of(moving.id) == -1


def reg_second_id(db, not_this: str) -> str:  # noqa: ANN001
    with db.session() as s:
        return s.scalars(select(Household.id).where(Household.id != not_this,
                                                    Household.deleted.is_(False))
                         .order_by(Household.code.desc())).first()


def test_doses_are_saved_and_history_shows(qtbot, ctx, demo_db) -> None:  # noqa: ANN001
    view = first_household(demo_db)
    editor = open_editor(qtbot, ctx, view.id)
    key(qtbot, Qt.Key.Key_Return)
    member = editor.form.member
    for d, v in zip(editor.form.dose_dates, editor.form.dose_vaccines, strict=True):
        d.setFocus()
        key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        key(qtbot, Qt.Key.Key_Delete)
        v.setFocus()
        key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        key(qtbot, Qt.Key.Key_Delete)
    editor.form.dose_dates[0].setFocus()
    type_here("02/08/2021")
    tab(qtbot)
    type_here("AstraZeneca")
    key(qtbot, Qt.Key.Key_Return)
    with demo_db.session() as s:
        doses = s.scalars(select(Vaccination).where(Vaccination.person_id == member.id,
                                                    Vaccination.deleted.is_(False))).all()
    assert [(d.dose_no, d.given_on.isoformat(), d.vaccine) for d in doses] == \
        [(1, "2021-08-02", "AstraZeneca")]
    editor.address.setFocus()
    key(qtbot, Qt.Key.Key_End)
    type_here(" (cũ)")
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert reg.get_household(demo_db, view.id).address.endswith("(cũ)")
    editor.history_button.click()
    dialog = editor.history_dialog
    assert dialog.model.rowCount() > 0
    assert any("(cũ)" in line[3] for line in dialog.model.lines)


def test_members_and_picker_models(qtmodeltester, qtbot, ctx, demo_db) -> None:  # noqa: ANN001
    editor = open_editor(qtbot, ctx, first_household(demo_db).id)
    qtmodeltester.check(editor.members_model)
    editor.move_button.click()
    type_text(editor.picker.search, "tran")
    editor.picker.run_search()
    assert editor.picker.model.rowCount() > 0
    qtmodeltester.check(editor.picker.model)


def test_temporary_resident_until(qtbot, ctx, demo_db) -> None:  # noqa: ANN001
    view = first_household(demo_db)
    editor = open_editor(qtbot, ctx, view.id)
    qtbot.keyClick(editor.members, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    type_here("Đỗ Văn Tâm")
    tab(qtbot, 2)
    type_here("1999")
    tab(qtbot, 2)  # relation, then residency
    assert focused() is editor.form.residency
    type_here("Tạm trú")
    editor.form.residency_until.setFocus()
    type_here("45/13/2026")
    tab(qtbot)
    assert "Tạm trú đến ngày" in editor.form.errors["residency_until"].text()
    editor.form.residency_until.setFocus()
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_here("31/12/2026")
    key(qtbot, Qt.Key.Key_Return)
    tam = next(m for m in reg.get_household(demo_db, view.id).members if m.full_name == "Đỗ Văn Tâm")
    assert (tam.residency, tam.residency_until.isoformat(), tam.birth_year) == \
        ("tam_tru", "2026-12-31", 1999)
