"""Contact points: hotlines (at least two), Zalo groups, "An toàn Covid-19" tip mailboxes (at
least two), and the log of tips received through them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from greenzone_desktop.models import Channel, Hotline, Mailbox, Tip
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import NotFoundError, ValidationError
from greenzone_desktop.text import TextError, nfc, normalize_hotline
from greenzone_desktop.vocab import ChannelKind

CHANGED = Changes(community=True)


@dataclass(frozen=True)
class HotlineView:
    id: str
    name: str
    number: str
    owner: str


@dataclass(frozen=True)
class ChannelView:
    id: str
    kind: str
    name: str
    link: str
    admin: str
    members: int

    @property
    def kind_label(self) -> str:
        return ChannelKind(self.kind).label


@dataclass(frozen=True)
class MailboxView:
    id: str
    place: str
    manager: str
    installed_on: date | None


@dataclass(frozen=True)
class TipView:
    id: str
    received_on: date
    channel: str
    content: str
    action: str
    closed: bool


def _required(errors: dict[str, str], key: str, value: str | None, what: str) -> str:
    text = nfc(value) or ""
    if not text:
        errors[key] = f"Chưa nhập {what}."
    return text


def _row(s, model: type, row_id: str, what: str):  # noqa: ANN001, ANN202 - session, ORM row
    row = s.get(model, row_id)
    if row is None or row.deleted:
        raise NotFoundError(f"Không tìm thấy {what} này (có thể đã bị xóa).")
    return row


def _save(db: Database, model: type, values: dict, row_id: str | None, what: str) -> str:
    with db.session() as s:
        if row_id is None:
            row = model(unit_id=db.home_unit_id, **values)
            s.add(row)
            s.flush()
            return row.id
        row = _row(s, model, row_id, what)
        for k, v in values.items():
            setattr(row, k, v)
        return row.id


def _delete(db: Database, model: type, row_id: str, what: str) -> Changes:
    with db.session() as s:
        _row(s, model, row_id, what).deleted = True
    return CHANGED


# -- hotlines --------------------------------------------------------------------------------

def list_hotlines(db: Database) -> list[HotlineView]:
    with db.session() as s:
        rows = s.scalars(select(Hotline).where(Hotline.deleted.is_(False))
                         .order_by(Hotline.created_at)).all()
        return [HotlineView(h.id, h.name, h.number, h.owner) for h in rows]


def save_hotline(db: Database, name: str, number: str, owner: str = "",
                 hotline_id: str | None = None) -> str:
    errors: dict[str, str] = {}
    name = _required(errors, "name", name, "tên đường dây nóng")
    digits = ""
    try:
        digits = normalize_hotline(number)
    except TextError as exc:
        errors["number"] = str(exc)
    if errors:
        raise ValidationError(errors)
    return _save(db, Hotline, {"name": name, "number": digits, "owner": nfc(owner) or ""},
                 hotline_id, "đường dây nóng")


def delete_hotline(db: Database, hotline_id: str) -> Changes:
    return _delete(db, Hotline, hotline_id, "đường dây nóng")


# -- channels --------------------------------------------------------------------------------

def list_channels(db: Database) -> list[ChannelView]:
    with db.session() as s:
        rows = s.scalars(select(Channel).where(Channel.deleted.is_(False))
                         .order_by(Channel.created_at)).all()
        return [ChannelView(c.id, c.kind, c.name, c.link, c.admin, c.members) for c in rows]


def save_channel(db: Database, kind: str, name: str, link: str = "", admin: str = "",
                 members: int = 0, channel_id: str | None = None) -> str:
    errors: dict[str, str] = {}
    if kind not in ChannelKind.codes():
        errors["kind"] = f"Loại kênh «{kind}» không có trong danh mục."
    name = _required(errors, "name", name, "tên nhóm")
    if members < 0:
        errors["members"] = "Số thành viên của nhóm không thể âm."
    if errors:
        raise ValidationError(errors)
    return _save(db, Channel, {"kind": kind, "name": name, "link": nfc(link) or "",
                               "admin": nfc(admin) or "", "members": int(members)},
                 channel_id, "nhóm")


def delete_channel(db: Database, channel_id: str) -> Changes:
    return _delete(db, Channel, channel_id, "nhóm")


# -- mailboxes -------------------------------------------------------------------------------

def list_mailboxes(db: Database) -> list[MailboxView]:
    with db.session() as s:
        rows = s.scalars(select(Mailbox).where(Mailbox.deleted.is_(False))
                         .order_by(Mailbox.created_at)).all()
        return [MailboxView(m.id, m.place, m.manager, m.installed_on) for m in rows]


def save_mailbox(db: Database, place: str, manager: str = "", installed_on: date | None = None,
                 mailbox_id: str | None = None) -> str:
    errors: dict[str, str] = {}
    place = _required(errors, "place", place, "nơi đặt hòm thư")
    if errors:
        raise ValidationError(errors)
    return _save(db, Mailbox, {"place": place, "manager": nfc(manager) or "",
                               "installed_on": installed_on}, mailbox_id, "hòm thư")


def delete_mailbox(db: Database, mailbox_id: str) -> Changes:
    return _delete(db, Mailbox, mailbox_id, "hòm thư")


# -- tips ------------------------------------------------------------------------------------

def list_tips(db: Database, *, open_only: bool = False) -> list[TipView]:
    """Tips, newest first."""
    stmt = select(Tip).where(Tip.deleted.is_(False))
    if open_only:
        stmt = stmt.where(Tip.closed.is_(False))
    with db.session() as s:
        rows = s.scalars(stmt.order_by(Tip.received_on.desc(), Tip.created_at.desc())).all()
        return [TipView(t.id, t.received_on, t.channel, t.content, t.action, t.closed)
                for t in rows]


def save_tip(db: Database, received_on: date | None, channel: str, content: str,
             action: str = "", closed: bool = False, tip_id: str | None = None) -> str:
    errors: dict[str, str] = {}
    if received_on is None:
        errors["received_on"] = "Chưa nhập ngày nhận tin báo."
    channel = _required(errors, "channel", channel, "kênh nhận tin (đường dây nóng, hòm thư…)")
    content = _required(errors, "content", content, "nội dung tin báo")
    if closed and not nfc(action):
        errors["action"] = "Tin báo đã xử lý xong cần ghi rõ cách xử lý."
    if errors:
        raise ValidationError(errors)
    return _save(db, Tip, {"received_on": received_on, "channel": channel, "content": content,
                           "action": nfc(action) or "", "closed": bool(closed)}, tip_id,
                 "tin báo")


def delete_tip(db: Database, tip_id: str) -> Changes:
    return _delete(db, Tip, tip_id, "tin báo")
