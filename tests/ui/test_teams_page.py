"""Teams page: a team with members and households, printed member list, contact points and
tips; every table model passes the model tester."""

from __future__ import annotations

from greenzone_desktop.services import contacts, teams
from greenzone_desktop.ui.teams_page import TeamsPage
from tests.printing.pdfutil import flat, page_texts


def _page(qtbot, ctx) -> TeamsPage:  # noqa: ANN001
    page = TeamsPage(ctx)
    qtbot.addWidget(page)
    ctx.changed.connect(page.on_changes)
    page.show()
    return page


def test_team_members_households_and_print(qtbot, ctx, tmp_path) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    tab = page.teams
    n = tab.model.rowCount()
    dlg = tab.edit_team(new=True)
    dlg.set_value("kind", "self_managed")
    dlg.set_value("name", "Tổ tự quản liên gia số 1")
    dlg.set_value("area", "Tổ 1")
    dlg.save()
    assert not dlg.isVisible(), dlg.error.text()
    qtbot.waitUntil(lambda: tab.model.rowCount() == n + 1)
    assert tab.current().name == "Tổ tự quản liên gia số 1"
    assert tab.current().warning == "Tổ chưa được giao hộ nào."
    dlg = tab.edit_member(new=True)
    dlg.set_value("full_name", "Nguyễn Thị Huệ")
    dlg.set_value("role", "Tổ trưởng")
    dlg.set_value("phone", "0912 345 678")
    dlg.save()
    assert not dlg.isVisible(), dlg.error.text()
    qtbot.waitUntil(lambda: tab.members.rowCount() == 1)
    assert tab.members.data(tab.members.index(0, 3)) == "0912 345 678"
    bad = tab.edit_member(new=True)
    bad.set_value("full_name", "Lê Văn Sai")
    bad.set_value("phone", "123")
    bad.save()
    assert bad.isVisible() and bad.error.text()
    bad.reject()
    # two households no self-management team covers yet
    from greenzone_desktop.services.register import HouseholdInput, PersonInput, create_household

    for name in ("Võ Văn Một", "Võ Văn Hai"):
        create_household(ctx.db, HouseholdInput(address="Ngõ Mới", area="Khu tái định cư"),
                         [PersonInput(name, relation="chu_ho")])
    assign = tab.assign()
    assign.filter.setText("khu tai dinh cu")
    assert assign.model.rowCount() == 2
    assign.view.selectAll()
    chosen = len(assign.chosen_ids())
    assert chosen == 2
    assign.save()
    assert not assign.isVisible()
    qtbot.waitUntil(lambda: tab.households.rowCount() == chosen)
    assert tab.current().households == chosen and tab.current().warning == ""
    out = tmp_path / "to.pdf"
    tab.setProperty("quiet_pdf", True)
    tab.print_lists(path=str(out))
    text = flat(" ".join(page_texts(out)))
    assert "Nguyễn Thị Huệ" in text and "Tổ tự quản liên gia số 1" in text


def test_auto_assign_covers_new_households(qtbot, ctx) -> None:  # noqa: ANN001
    from greenzone_desktop.services.register import HouseholdInput, PersonInput, create_household

    create_household(ctx.db, HouseholdInput(address="Số 9"), [PersonInput("Võ Văn Mới",
                                                                          relation="chu_ho")])
    assert len(teams.uncovered_households(ctx.db)) == 1
    page = _page(qtbot, ctx)
    page.teams.auto_assign(quiet=True)
    assert teams.uncovered_households(ctx.db) == []


def test_contact_points_summary_and_tips(qtbot, ctx) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    page.show_target(tab="contacts")
    c = page.contacts
    n = len(contacts.list_hotlines(ctx.db))
    assert f"{n}/2</b> đường dây nóng" in c.summary.text()
    for h in contacts.list_hotlines(ctx.db)[1:]:
        ctx.announce(contacts.delete_hotline(ctx.db, h.id))
    qtbot.waitUntil(lambda: "1/2</b> đường dây nóng" in c.summary.text())
    assert "color:#c62828'><b>1/2" in c.summary.text()
    dlg = c.hotlines.edit(new=True)
    dlg.set_value("name", "Công an phường")
    dlg.set_value("number", "0211 3869 116")
    dlg.save()
    qtbot.waitUntil(lambda: "2/2</b> đường dây nóng" in c.summary.text())
    page.show_target(tab="tips")
    tips = page.tips.model.rowCount()
    dlg = page.tips.edit(new=True)
    dlg.set_value("channel", "Hòm thư Nhà văn hóa")
    dlg.set_value("content", "Nhà số 12 có khách từ tỉnh khác đến")
    dlg.set_value("closed", True)
    dlg.save()
    assert dlg.isVisible() and "cách xử lý" in dlg.error.text()
    dlg.set_value("action", "Tổ Covid cộng đồng đã đến hướng dẫn khai báo y tế")
    dlg.save()
    qtbot.waitUntil(lambda: page.tips.model.rowCount() == tips + 1)
    row = next(r for r, t in enumerate(page.tips.model.rows) if t.content.startswith("Nhà số 12"))
    assert page.tips.model.data(page.tips.model.index(row, 4)) == "Đã xử lý xong"


def test_models_pass_the_model_tester(qtbot, ctx, qtmodeltester) -> None:  # noqa: ANN001
    page = _page(qtbot, ctx)
    dlg = page.teams.assign()
    for model in (page.teams.model, page.teams.members, page.teams.households,
                  page.contacts.hotlines.model, page.contacts.channels.model,
                  page.contacts.mailboxes.model, page.tips.model):
        qtmodeltester.check(model)
    if dlg is not None:
        qtmodeltester.check(dlg.model)
