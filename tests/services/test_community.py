"""Teams with members and households, contact points and tips, violations."""

from __future__ import annotations

from datetime import timedelta

import pytest

from greenzone_desktop.services import contacts, teams
from greenzone_desktop.services.errors import ValidationError
from greenzone_desktop.services.violations import ViolationInput, list_violations, save_violation
from tests.printing.pdfutil import flat, page_texts
from tests.services.green_helpers import TODAY, add_household


def test_households_move_between_teams_of_one_kind(db) -> None:  # noqa: ANN001
    homes = [add_household(db, n) for n in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")]
    one = teams.save_team(db, teams.TeamInput("community", "Tổ Covid cộng đồng số 1"))
    two = teams.save_team(db, teams.TeamInput("community", "Tổ Covid cộng đồng số 2"))
    own = teams.save_team(db, teams.TeamInput("self_managed", "Tổ tự quản số 1"))
    teams.assign_households(db, one, homes)
    teams.assign_households(db, own, homes[:1])
    teams.assign_households(db, two, homes[:1])  # leaves team one, stays in the self-managed team
    assert [h.head_name for h in teams.team_households(db, one)] == ["Trần Thị Bình",
                                                                   "Lê Văn Cường"]
    assert [h.id for h in teams.team_households(db, two)] == homes[:1]
    assert [h.id for h in teams.team_households(db, own)] == homes[:1]
    assert teams.uncovered_households(db) == []
    assert len(teams.uncovered_households(db, "self_managed")) == 2
    teams.unassign_households(db, one, homes[1:2])
    assert [h.id for h in teams.uncovered_households(db)] == [homes[1]]
    rapid = teams.save_team(db, teams.TeamInput("rapid_response", "Tổ phản ứng nhanh"))
    with pytest.raises(ValidationError):
        teams.assign_households(db, rapid, homes)


def test_auto_assign_fills_teams_of_about_seventy(db) -> None:  # noqa: ANN001
    for i in range(150):
        add_household(db, f"Nguyễn Văn Hộ{i}", signed=False)
    result = teams.auto_assign_community(db, per_team=70)
    assert result == teams.AutoAssignResult(3, 150)
    sizes = [(t.name, t.households) for t in teams.list_teams(db, "community")]
    assert sizes == [("Tổ Covid cộng đồng số 1", 70), ("Tổ Covid cộng đồng số 2", 70),
                     ("Tổ Covid cộng đồng số 3", 10)]
    assert teams.auto_assign_community(db, per_team=70) == teams.AutoAssignResult(0, 0)


def test_members_leaders_first_warning_and_printed_list(db, tmp_path) -> None:  # noqa: ANN001
    tid = teams.save_team(db, teams.TeamInput("rapid_response", "Tổ phản ứng nhanh"))
    for name, role, org in [("Trần Văn Em", "Thành viên", "Quân sự"),
                            ("Lê Thị Hoa", "Thành viên", "Trạm Y tế"),
                            ("Phạm Văn Giang", "Tổ trưởng", "Phó trưởng Công an phường")]:
        teams.save_member(db, tid, teams.MemberInput(name, role, org, "0912 345 678"))
    members = teams.team_members(db, tid)
    assert members[0].full_name == "Phạm Văn Giang" and members[0].phone == "0912345678"
    assert "5–7 người" in teams.list_teams(db, "rapid_response")[0].warning
    with pytest.raises(ValidationError):
        teams.save_member(db, tid, teams.MemberInput("Võ Văn Ích", phone="12345"))
    out = tmp_path / "to.pdf"
    teams.print_team_lists(db, [tid], out, today=TODAY)
    text = flat(" ".join(page_texts(out)))
    assert "Phạm Văn Giang" in text and "Phó trưởng Công an phường" in text


def test_contact_points_and_tips(db) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError):
        contacts.save_hotline(db, "Trạm Y tế", "12")
    hid = contacts.save_hotline(db, "Trạm Y tế", "0912.345.678")
    assert contacts.list_hotlines(db)[0].number == "0912345678"
    contacts.save_hotline(db, "Trạm Y tế phường", "0912345678", hotline_id=hid)
    assert [h.name for h in contacts.list_hotlines(db)] == ["Trạm Y tế phường"]
    contacts.save_mailbox(db, "Nhà văn hóa", "Nguyễn Văn An", TODAY)
    assert contacts.list_mailboxes(db)[0].installed_on == TODAY
    with pytest.raises(ValidationError) as exc:
        contacts.save_tip(db, TODAY, "Hòm thư Nhà văn hóa", "Nhà số 5 tụ tập", closed=True)
    assert "action" in exc.value.errors
    tip = contacts.save_tip(db, TODAY, "Hòm thư Nhà văn hóa", "Nhà số 5 tụ tập")
    assert [t.id for t in contacts.list_tips(db, open_only=True)] == [tip]
    contacts.save_tip(db, TODAY, "Hòm thư Nhà văn hóa", "Nhà số 5 tụ tập",
                      "Tổ Covid cộng đồng đến nhắc nhở", closed=True, tip_id=tip)
    assert contacts.list_tips(db, open_only=True) == []


def test_violations_handling_rules(db) -> None:  # noqa: ANN001
    on = TODAY - timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        save_violation(db, ViolationInput("Nguyễn Văn An", "Không đeo khẩu trang", on,
                                          handling="reminder", fine_amount=2_000_000),
                       today=TODAY)
    assert "fine_amount" in exc.value.errors
    with pytest.raises(ValidationError) as exc:
        save_violation(db, ViolationInput("Nguyễn Văn An", "Không đeo khẩu trang", on,
                                          status="closed"), today=TODAY)
    assert "handling" in exc.value.errors
    vid = save_violation(db, ViolationInput("Nguyễn Văn An", "Không đeo khẩu trang", on,
                                            "Chợ Xuân Mai"), today=TODAY)
    assert list_violations(db, open_only=True)[0].handling_label == "Chưa xử lý"
    save_violation(db, ViolationInput("Nguyễn Văn An", "Không đeo khẩu trang", on,
                                      "Chợ Xuân Mai", "fine", 2_000_000, "closed"), vid,
                   today=TODAY)
    v = list_violations(db)[0]
    assert (v.handling_label, v.status_label, v.fine_amount) == \
        ("Xử phạt hành chính", "Đã xử lý xong", 2_000_000)
    assert list_violations(db, open_only=True) == []
