"""The history dialog lists a row's changes from the audit log, newest first."""

from __future__ import annotations

from greenzone_desktop.services.register import (
    HouseholdInput,
    PersonInput,
    create_household,
    get_household,
    update_member,
)
from greenzone_desktop.ui.history_dialog import HistoryDialog, change_text


def test_history_of_a_person(qtbot, ctx, qtmodeltester) -> None:  # noqa: ANN001
    hid = create_household(ctx.db, HouseholdInput(address="Số 3, Ngõ Chợ"),
                           [PersonInput("Trần Văn A", "nam", "01/02/1980", "chu_ho")])
    pid = get_household(ctx.db, hid).members[0].id
    update_member(ctx.db, pid, PersonInput("Trần Văn An", "nam", "01/02/1981", "chu_ho"))
    dialog = HistoryDialog(ctx, "persons", pid, "Trần Văn An")
    qtbot.addWidget(dialog)
    model = dialog.model
    qtmodeltester.check(model)
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    assert rows[0][2] == "Sửa"
    edits = [r[3] for r in rows[:next(i for i, r in enumerate(rows) if r[2] == "Thêm")]]
    assert "Họ và tên: Trần Văn A → Trần Văn An" in edits
    assert "Ngày sinh: 01/02/1980 → 01/02/1981" in edits
    created = next(r for r in rows if r[2] == "Thêm")
    assert created[0].count("/") == 2  # dd/mm/yyyy HH:MM
    assert "2 lần thay đổi" in dialog.status.text()


def test_no_history(qtbot, ctx) -> None:  # noqa: ANN001
    dialog = HistoryDialog(ctx, "persons", "khong-co", "Không có")
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert dialog.status.text() == "Chưa có thay đổi nào được ghi lại."
    assert change_text("Số CCCD", "", "001") == "Số CCCD: 001"
    assert change_text("Số CCCD", "001", "") == "Số CCCD: bỏ «001»"
