"""Tổ, đội, liên lạc: teams with members, roles and phones, the households each community or
self-management team covers, printable member lists; contact points and the tips log."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import teams
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.print_unit import phone_text
from greenzone_desktop.ui.contacts_tab import ContactsTab, TipsTab
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.form_dialog import Field, FormDialog
from greenzone_desktop.ui.small_table import (
    Col,
    SmallTableModel,
    confirm,
    current_item,
    save_pdf,
    selected_rows,
    submit,
    table_view,
)
from greenzone_desktop.ui.table_views import page_heading
from greenzone_desktop.ui.team_households import AssignDialog
from greenzone_desktop.vocab import TeamKind

TEAM_COLUMNS = [
    Col("Loại", lambda t: t.kind_label),
    Col("Tên tổ, ban", lambda t: t.name),
    Col("Địa bàn", lambda t: t.area),
    Col("Thành viên", lambda t: str(t.members), align_right=True),
    Col("Số hộ", lambda t: str(t.households) if t.kind in teams.COVERING_KINDS else "",
        align_right=True),
    Col("Cần lưu ý", lambda t: t.warning, colour=lambda _t: "#c62828"),
]
MEMBER_COLUMNS = [
    Col("Họ và tên", lambda m: m.full_name),
    Col("Nhiệm vụ", lambda m: m.role),
    Col("Chức vụ, đơn vị", lambda m: m.organisation),
    Col("Điện thoại", lambda m: phone_text(m.phone)),
]
HOUSEHOLD_COLUMNS = [
    Col("Mã hộ", lambda h: h.code),
    Col("Chủ hộ", lambda h: h.head_name),
    Col("Địa chỉ", lambda h: h.address),
    Col("Khu vực", lambda h: h.area),
]


def _v(row: Any, attr: str, default: Any = "") -> Any:
    return getattr(row, attr) if row is not None else default


class TeamsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: Any = None
        self.model = SmallTableModel(TEAM_COLUMNS, self)
        self.view = table_view(self.model, stretch=1, multi=True)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._team_chosen())
        self.view.doubleClicked.connect(lambda *_: self.edit_team())
        buttons = []
        for text, slot in (("Thêm tổ, ban…", lambda: self.edit_team(new=True)),
                           ("Sửa…", lambda: self.edit_team()),
                           ("Xóa", self.delete_team),
                           ("Tự chia hộ cho Tổ Covid cộng đồng", self.auto_assign),
                           ("In danh sách thành viên…", lambda: self.print_lists())):
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, f=slot: f())
            buttons.append(b)
        bar = QHBoxLayout()
        for b in buttons:
            bar.addWidget(b)
        bar.addStretch(1)
        self.members = SmallTableModel(MEMBER_COLUMNS, self)
        self.members_view = table_view(self.members, stretch=2)
        self.members_view.doubleClicked.connect(lambda *_: self.edit_member())
        mbar = QHBoxLayout()
        for text, slot in (("Thêm thành viên…", lambda: self.edit_member(new=True)),
                           ("Sửa…", lambda: self.edit_member()),
                           ("Xóa", self.delete_member)):
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, f=slot: f())
            mbar.addWidget(b)
        mbar.addStretch(1)
        self.households = SmallTableModel(HOUSEHOLD_COLUMNS, self)
        self.households_view = table_view(self.households, stretch=2, multi=True)
        hbar = QHBoxLayout()
        self.assign_btn = QPushButton("Giao thêm hộ…")
        self.assign_btn.clicked.connect(lambda: self.assign())
        self.unassign_btn = QPushButton("Bỏ hộ đã chọn khỏi tổ")
        self.unassign_btn.clicked.connect(self.unassign)
        hbar.addWidget(self.assign_btn)
        hbar.addWidget(self.unassign_btn)
        hbar.addStretch(1)
        self.team_title = QLabel()
        members_box = QWidget()
        ml = QVBoxLayout(members_box)
        ml.addLayout(mbar)
        ml.addWidget(self.members_view)
        homes_box = QWidget()
        hl = QVBoxLayout(homes_box)
        hl.addLayout(hbar)
        hl.addWidget(self.households_view)
        self.detail = QTabWidget()
        self.detail.addTab(members_box, "Thành viên")
        self.detail.addTab(homes_box, "Hộ phụ trách")
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.team_title)
        rl.addWidget(self.detail)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(right)
        splitter.setSizes([610, 530])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.team_id: str | None = None
        self.reload()

    # -- teams -------------------------------------------------------------------------------

    def reload(self) -> None:
        db = self.ctx.db
        self.ctx.run(lambda: teams.list_teams(db), self._show, parent=self)

    def _show(self, rows: list[teams.TeamView]) -> None:
        keep = self.team_id
        self.model.set_rows(rows)
        ids = [r.id for r in rows]
        if keep in ids:
            self.view.selectRow(ids.index(keep))
        elif rows:
            self.view.selectRow(0)
        else:
            self._team_chosen()

    def current(self) -> teams.TeamView | None:
        rows = selected_rows(self.view)
        return self.model.row_at(rows[0]) if rows else None

    def _team_chosen(self) -> None:
        t = self.current()
        self.team_id = t.id if t else None
        covering = bool(t and t.kind in teams.COVERING_KINDS)
        self.detail.setTabEnabled(1, covering)
        self.team_title.setText(f"<b>{t.name}</b> ({t.kind_label})" if t else "")
        if t is None:
            self.members.set_rows([])
            self.households.set_rows([])
            return
        db, tid = self.ctx.db, t.id
        self.ctx.run(lambda: teams.team_members(db, tid), self.members.set_rows, parent=self)
        self.ctx.run(lambda: teams.team_households(db, tid) if covering else [],
                     self.households.set_rows, parent=self)

    def select(self, team_id: str) -> None:
        for row, t in enumerate(self.model.rows):
            if t.id == team_id:
                self.view.selectRow(row)

    def edit_team(self, *, new: bool = False) -> FormDialog | None:
        t = None if new else self.current()
        if not new and t is None:
            return None
        db, tid = self.ctx.db, getattr(t, "id", None)
        fields = [Field("kind", "Loại", "choice", _v(t, "kind", TeamKind.COMMUNITY.value),
                        [(k.label, k.value) for k in TeamKind]),
                  Field("name", "Tên", value=_v(t, "name"),
                        placeholder="Ví dụ: Tổ Covid cộng đồng số 1"),
                  Field("area", "Địa bàn", value=_v(t, "area")),
                  Field("notes", "Ghi chú", value=_v(t, "notes"))]

        def save(dlg: FormDialog) -> None:
            v = dlg.values()
            team = teams.TeamInput(v["kind"], v["name"], v["area"], v["notes"])
            submit(self.ctx, dlg, lambda: teams.save_team(db, team, tid), teams.CHANGED,
                   then=self._saved)

        self.dialog = FormDialog("Sửa tổ, ban" if t else "Thêm tổ, ban", fields, save, self)
        self.dialog.open()
        return self.dialog

    def _saved(self, team_id: str) -> None:
        self.team_id = team_id  # kept when the list comes back
        self.select(team_id)

    def delete_team(self) -> None:
        t = self.current()
        if t is None or not confirm(self, f"Xóa {t.name} cùng danh sách thành viên và hộ "
                                          "phụ trách? (Có thể khôi phục trong Thùng rác.)"):
            return
        db = self.ctx.db
        self.ctx.run(lambda: teams.delete_team(db, t.id), self.ctx.announce, parent=self)

    def auto_assign(self, *, quiet: bool = False) -> None:
        db = self.ctx.db

        def done(r: teams.AutoAssignResult) -> None:
            self.ctx.announce(teams.CHANGED)
            if quiet:
                return
            text = ("Mọi hộ đã có Tổ Covid cộng đồng phụ trách." if not r.households_assigned
                    else f"Đã giao {r.households_assigned} hộ; lập thêm {r.teams_created} tổ.")
            QMessageBox.information(self, "Chia hộ cho Tổ Covid cộng đồng", text)

        self.ctx.run(lambda: teams.auto_assign_community(db), done, parent=self)

    def print_lists(self, *, path: str | None = None) -> None:
        ids = [self.model.row_at(r).id for r in selected_rows(self.view)]
        if not ids:
            QMessageBox.information(self, "In danh sách", "Chọn một hoặc nhiều tổ để in.")
            return
        db = self.ctx.db
        save_pdf(self, self.ctx, "danh-sach-to.pdf",
                 lambda out: teams.print_team_lists(db, ids, out), path=path)

    # -- members -----------------------------------------------------------------------------

    def edit_member(self, *, new: bool = False) -> FormDialog | None:
        m = None if new else current_item(self.members_view)
        if self.team_id is None or (not new and m is None):
            return None
        db, tid, mid = self.ctx.db, self.team_id, getattr(m, "id", None)
        fields = [Field("full_name", "Họ và tên", value=_v(m, "full_name")),
                  Field("role", "Nhiệm vụ", value=_v(m, "role", "Thành viên"),
                        placeholder="Tổ trưởng, Tổ phó, Thành viên…"),
                  Field("organisation", "Chức vụ, đơn vị", value=_v(m, "organisation")),
                  Field("phone", "Điện thoại", value=_v(m, "phone") or "")]

        def save(dlg: FormDialog) -> None:
            v = dlg.values()
            member = teams.MemberInput(v["full_name"], v["role"], v["organisation"],
                                       v["phone"] or None, _v(m, "person_id", None))
            submit(self.ctx, dlg, lambda: teams.save_member(db, tid, member, mid),
                   teams.CHANGED)

        self.dialog = FormDialog("Sửa thành viên" if m else "Thêm thành viên", fields, save,
                                 self)
        self.dialog.open()
        return self.dialog

    def delete_member(self) -> None:
        m = current_item(self.members_view)
        if m is None or not confirm(self, f"Xóa {m.full_name} khỏi tổ?"):
            return
        db = self.ctx.db
        self.ctx.run(lambda: teams.delete_member(db, m.id), self.ctx.announce, parent=self)

    # -- households --------------------------------------------------------------------------

    def assign(self) -> AssignDialog | None:
        t = self.current()
        if t is None or t.kind not in teams.COVERING_KINDS:
            return None
        self.dialog = AssignDialog(self.ctx, t, self)
        self.dialog.open()
        return self.dialog

    def unassign(self) -> None:
        ids = [self.households.row_at(r).id for r in selected_rows(self.households_view)]
        if not ids or self.team_id is None:
            return
        db, tid = self.ctx.db, self.team_id
        self.ctx.run(lambda: teams.unassign_households(db, tid, ids), self.ctx.announce,
                     parent=self)


class TeamsPage(QWidget):
    title = "Tổ, đội, liên lạc"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.teams = TeamsTab(ctx)
        self.contacts = ContactsTab(ctx)
        self.tips = TipsTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.teams, "Tổ, đội")
        self.tabs.addTab(self.contacts, "Đường dây nóng, nhóm Zalo, hòm thư")
        self.tabs.addTab(self.tips, "Tin báo")
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.title))
        layout.addWidget(self.tabs, 1)

    def on_changes(self, changes: Changes) -> None:
        if changes.community or changes.households:
            self.teams.reload()
        if changes.community or changes.settings:
            self.contacts.reload()
            self.tips.reload()

    def show_target(self, **target: Any) -> None:
        tab = target.get("tab")
        if tab == "contacts":
            self.tabs.setCurrentWidget(self.contacts)
        elif tab == "tips":
            self.tabs.setCurrentWidget(self.tips)
        else:
            self.tabs.setCurrentWidget(self.teams)
            if "team_id" in target:
                self.teams.select(target["team_id"])
