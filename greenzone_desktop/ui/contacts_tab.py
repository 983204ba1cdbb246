"""Contact points (hotlines, Zalo groups, "An toàn Covid-19" tip mailboxes) and the tips log."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import contacts
from greenzone_desktop.services.print_unit import phone_text
from greenzone_desktop.services.settings import all_settings
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.form_dialog import Field, FormDialog
from greenzone_desktop.ui.small_table import (
    Col,
    SmallTableModel,
    confirm,
    current_item,
    date_text,
    submit,
    table_view,
)
from greenzone_desktop.vocab import ChannelKind


class ContactList(QGroupBox):
    """One kind of contact point: a table with add / edit / delete."""

    def __init__(self, ctx: AppContext, title: str, columns: Sequence[Col],
                 list_fn: Callable[[Any], list], fields: Callable[[Any], list[Field]],
                 save_fn: Callable[[Any, dict, str | None], Any],
                 delete_fn: Callable[[Any, str], Any], what: str,
                 parent: QWidget | None = None):
        super().__init__(title, parent)
        self.ctx, self.list_fn, self.fields = ctx, list_fn, fields
        self.save_fn, self.delete_fn, self.what = save_fn, delete_fn, what
        self.model = SmallTableModel(columns, self)
        self.view = table_view(self.model, stretch=1)
        self.view.doubleClicked.connect(lambda *_: self.edit())
        self.view.setMinimumHeight(90)
        add = QPushButton("Thêm…")
        add.clicked.connect(lambda: self.edit(new=True))
        edit = QPushButton("Sửa…")
        edit.clicked.connect(lambda: self.edit())
        remove = QPushButton("Xóa")
        remove.clicked.connect(self.remove)
        bar = QHBoxLayout()
        for b in (add, edit, remove):
            bar.addWidget(b)
        bar.addStretch(1)
        self.count = QLabel()
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.dialog: FormDialog | None = None

    def reload(self) -> None:
        db = self.ctx.db
        self.ctx.run(lambda: self.list_fn(db), self.model.set_rows, parent=self)

    def edit(self, *, new: bool = False) -> FormDialog | None:
        row = None if new else current_item(self.view)
        if not new and row is None:
            return None
        db, rid = self.ctx.db, getattr(row, "id", None)

        def save(dlg: FormDialog) -> None:
            values = dlg.values()
            submit(self.ctx, dlg, lambda: self.save_fn(db, values, rid), contacts.CHANGED)

        title = f"Sửa {self.what}" if row else f"Thêm {self.what}"
        self.dialog = FormDialog(title, self.fields(row), save, self)
        self.dialog.open()
        return self.dialog

    def remove(self) -> None:
        row = current_item(self.view)
        if row is None or not confirm(self, f"Xóa {self.what} này?"):
            return
        db = self.ctx.db
        self.ctx.run(lambda: self.delete_fn(db, row.id), self.ctx.announce, parent=self)


def _v(row: Any, attr: str, default: Any = "") -> Any:
    return getattr(row, attr) if row is not None else default


class ContactsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.hotlines = ContactList(
            ctx, "Đường dây nóng (ít nhất 2)",
            [Col("Tên", lambda h: h.name), Col("Số điện thoại", lambda h: phone_text(h.number)),
             Col("Người trực", lambda h: h.owner)],
            contacts.list_hotlines,
            lambda h: [Field("name", "Tên đường dây", value=_v(h, "name"),
                             placeholder="Ví dụ: Trạm Y tế phường"),
                       Field("number", "Số điện thoại", value=_v(h, "number")),
                       Field("owner", "Người trực", value=_v(h, "owner"))],
            lambda db, v, rid: contacts.save_hotline(db, v["name"], v["number"], v["owner"],
                                                     rid),
            contacts.delete_hotline, "đường dây nóng")
        self.channels = ContactList(
            ctx, "Nhóm Zalo và nhóm khác",
            [Col("Loại", lambda c: c.kind_label), Col("Tên nhóm", lambda c: c.name),
             Col("Quản trị", lambda c: c.admin),
             Col("Thành viên", lambda c: str(c.members), align_right=True)],
            contacts.list_channels,
            lambda c: [Field("kind", "Loại", "choice", _v(c, "kind", "zalo"),
                             [(k.label, k.value) for k in ChannelKind]),
                       Field("name", "Tên nhóm", value=_v(c, "name")),
                       Field("link", "Đường dẫn", value=_v(c, "link")),
                       Field("admin", "Người quản trị", value=_v(c, "admin")),
                       Field("members", "Số thành viên", "int", _v(c, "members", 0))],
            lambda db, v, rid: contacts.save_channel(db, v["kind"], v["name"], v["link"],
                                                     v["admin"], v["members"], rid),
            contacts.delete_channel, "nhóm")
        self.mailboxes = ContactList(
            ctx, "Hòm thư “An toàn Covid-19” (ít nhất 2)",
            [Col("Nơi đặt", lambda m: m.place), Col("Người quản lý", lambda m: m.manager),
             Col("Ngày đặt", lambda m: date_text(m.installed_on))],
            contacts.list_mailboxes,
            lambda m: [Field("place", "Nơi đặt", value=_v(m, "place")),
                       Field("manager", "Người quản lý", value=_v(m, "manager")),
                       Field("installed_on", "Ngày đặt", "optional_date",
                             _v(m, "installed_on", None))],
            lambda db, v, rid: contacts.save_mailbox(db, v["place"], v["manager"],
                                                     v["installed_on"], rid),
            contacts.delete_mailbox, "hòm thư")
        grid = QHBoxLayout()
        grid.addWidget(self.hotlines)
        grid.addWidget(self.channels)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        layout.addWidget(self.mailboxes)
        self.reload()

    def reload(self) -> None:
        for lst in (self.hotlines, self.channels, self.mailboxes):
            lst.reload()
        db = self.ctx.db
        self.ctx.run(lambda: all_settings(db), self._summary, parent=self)

    def _summary(self, settings: dict) -> None:
        have = (len(self.hotlines.model.rows),
                sum(c.kind == ChannelKind.ZALO for c in self.channels.model.rows),
                len(self.mailboxes.model.rows))
        want = (int(settings.get("min_hotlines") or 2), int(settings.get("min_zalo_groups") or 1),
                int(settings.get("min_mailboxes") or 2))
        parts = []
        for (h, w), what in zip(zip(have, want, strict=True),
                                ("đường dây nóng", "nhóm Zalo", "hòm thư"), strict=True):
            colour = "#2e7d32" if h >= w else "#c62828"
            parts.append(f"<span style='color:{colour}'><b>{h}/{w}</b> {what}</span>")
        self.summary.setText("Tiêu chí 5 (cần tối thiểu): " + " · ".join(parts))


TIP_COLUMNS = [
    Col("Ngày nhận", lambda t: date_text(t.received_on)),
    Col("Kênh", lambda t: t.channel),
    Col("Nội dung", lambda t: t.content),
    Col("Xử lý", lambda t: t.action),
    Col("Trạng thái", lambda t: "Đã xử lý xong" if t.closed else "Đang xử lý",
        colour=lambda t: "#2e7d32" if t.closed else "#c62828"),
]


class TipsTab(QWidget):
    """The log of tips received (date, channel, content, action, closed)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = SmallTableModel(TIP_COLUMNS, self)
        self.view = table_view(self.model, stretch=2)
        self.view.doubleClicked.connect(lambda *_: self.edit())
        self.open_only = QCheckBox("Chỉ hiện tin chưa xử lý xong")
        self.open_only.toggled.connect(lambda _c: self.reload())
        add = QPushButton("Ghi tin báo…")
        add.clicked.connect(lambda: self.edit(new=True))
        edit = QPushButton("Cập nhật xử lý…")
        edit.clicked.connect(lambda: self.edit())
        remove = QPushButton("Xóa")
        remove.clicked.connect(self.remove)
        bar = QHBoxLayout()
        for b in (add, edit, remove):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.open_only)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.dialog: FormDialog | None = None
        self.reload()

    def reload(self) -> None:
        db, open_only = self.ctx.db, self.open_only.isChecked()
        self.ctx.run(lambda: contacts.list_tips(db, open_only=open_only), self.model.set_rows,
                     parent=self)

    def edit(self, *, new: bool = False) -> FormDialog | None:
        t = None if new else current_item(self.view)
        if not new and t is None:
            return None
        db, tid = self.ctx.db, getattr(t, "id", None)
        fields = [Field("received_on", "Ngày nhận", "date", _v(t, "received_on", None)),
                  Field("channel", "Kênh nhận", value=_v(t, "channel"),
                        placeholder="Đường dây nóng, hòm thư, Zalo, trực tiếp…"),
                  Field("content", "Nội dung", "long", _v(t, "content")),
                  Field("action", "Cách xử lý", "long", _v(t, "action")),
                  Field("closed", "Đã xử lý xong", "check", _v(t, "closed", False))]

        def save(dlg: FormDialog) -> None:
            v = dlg.values()
            submit(self.ctx, dlg, lambda: contacts.save_tip(
                db, v["received_on"], v["channel"], v["content"], v["action"], v["closed"],
                tid), contacts.CHANGED)

        self.dialog = FormDialog("Cập nhật tin báo" if t else "Ghi tin báo", fields, save, self)
        self.dialog.open()
        return self.dialog

    def remove(self) -> None:
        t = current_item(self.view)
        if t is None or not confirm(self, "Xóa tin báo này?"):
            return
        db = self.ctx.db
        self.ctx.run(lambda: contacts.delete_tip(db, t.id), self.ctx.announce, parent=self)
