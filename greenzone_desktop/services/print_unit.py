"""The issuing unit of printed papers (names, hotlines, Zalo groups, mailboxes, signer) and the
print rules, read from the register and the settings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from greenzone_desktop.models import Channel, Hotline, Mailbox, Team, TeamMember, Unit
from greenzone_desktop.models.db import Database
from greenzone_desktop.printing.data import PrintRules, UnitInfo
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.settings import all_settings, set_setting
from greenzone_desktop.services.units import (
    COMMUNE_WORDS,
    PROVINCE_WORDS,
    VILLAGE_WORDS,
    home_unit,
)
from greenzone_desktop.text import fold
from greenzone_desktop.vocab import ChannelKind, TeamKind, UnitLevel

STEERING_BODY = "Ban Chỉ đạo phòng, chống dịch COVID-19"
MAX_HOTLINES = 6  # what fits the logbook cover and a hotline board


def phone_text(number: str | None) -> str:
    """A phone number grouped for reading: 0912 345 678, 0211 3869 115; other text as is."""
    n = (number or "").strip()
    if n.isdigit() and len(n) == 10:
        return f"{n[:4]} {n[4:7]} {n[7:]}"
    if n.isdigit() and len(n) == 11:
        return f"{n[:4]} {n[4:8]} {n[8:]}"
    return n


def bare_name(name: str, words: Iterable[str]) -> str:
    """'Phường Hùng Vương' -> 'Hùng Vương': the name without its level word."""
    key = fold(name)
    for w in sorted(words, key=len, reverse=True):
        if key.startswith(fold(w) + " "):
            return name[len(w) + 1:].strip()
    return name


def lower_level(name: str) -> str:
    """'Tổ dân phố Xuân Mai' -> 'tổ dân phố Xuân Mai' (the level word inside a sentence)."""
    key = fold(name)
    for w in sorted((*VILLAGE_WORDS, *COMMUNE_WORDS, *PROVINCE_WORDS), key=len, reverse=True):
        if key.startswith(fold(w) + " "):
            return w.lower() + name[len(w):]
    return name


def _unit_chain(s: Session, unit_id: str) -> list[Unit]:
    """The unit and its ancestors, smallest first."""
    units = {u.id: u for u in s.scalars(select(Unit))}
    chain: list[Unit] = []
    u = units.get(unit_id)
    while u is not None and u not in chain:
        chain.append(u)
        u = units.get(u.parent_id) if u.parent_id else None
    return chain


def _by_level(chain: list[Unit], level: str) -> str:
    return next((u.name for u in chain if u.level == level), "")


def unit_info(db: Database, unit_id: str | None = None, *,
              settings: dict | None = None) -> UnitInfo:
    """The body that issues papers for `unit_id` (a village of the home commune in a ward
    database), or for the home unit; contacts come from that unit and its parents."""
    home = home_unit(db)
    settings = settings if settings is not None else all_settings(db)
    with db.session() as s:
        chain = _unit_chain(s, unit_id or home.unit.id)
        if not chain:
            chain = _unit_chain(s, home.unit.id)
        ids = [u.id for u in chain]
        hotlines = _hotlines(s, ids)
        if not hotlines and chain[0].level != UnitLevel.VILLAGE:
            hotlines = _hotlines(s, None)  # a ward printing for all villages
        channels = _channels(s, ids) or ([] if chain[0].level == UnitLevel.VILLAGE
                                         else _channels(s, None))
        mailboxes = _mailboxes(s, ids) or ([] if chain[0].level == UnitLevel.VILLAGE
                                           else _mailboxes(s, None))
        signer = _signer(s, ids)
    village = _by_level(chain, UnitLevel.VILLAGE)
    commune = _by_level(chain, UnitLevel.COMMUNE)
    district = _by_level(chain, UnitLevel.DISTRICT)
    province = _by_level(chain, UnitLevel.PROVINCE)
    smallest = village or commune
    if village:
        parent = f"UBND {lower_level(commune)}" if commune else ""
    else:
        parent = f"UBND {lower_level(district or province)}" if (district or province) else ""
    parent = str(settings.get("print_parent_body") or "") or parent
    issuing = (str(settings.get("print_issuing_body") or "")
               or f"{STEERING_BODY} {lower_level(smallest)}")
    place = str(settings.get("place_name") or "") or bare_name(commune, COMMUNE_WORDS)
    return UnitInfo(
        province=bare_name(province, PROVINCE_WORDS), commune=commune, village=village,
        district=district, parent_body=parent, issuing_body=issuing, place_name=place,
        hotlines=hotlines, zalo_groups=channels, mailboxes=mailboxes, signer_name=signer,
    )


def _where_units(model: type, ids: list[str] | None):  # noqa: ANN202 - SQLAlchemy clause
    clause = model.deleted.is_(False)  # type: ignore[attr-defined]
    if ids is not None:
        clause = clause & model.unit_id.in_(ids)  # type: ignore[attr-defined]
    return clause


def _hotlines(s: Session, ids: list[str] | None) -> list[tuple[str, str]]:
    rows = s.execute(select(Hotline.name, Hotline.number).where(_where_units(Hotline, ids))
                     .order_by(Hotline.created_at)).all()
    seen: dict[str, tuple[str, str]] = {}
    for name, number in rows:
        seen.setdefault(number, (name, phone_text(number)))
    return list(seen.values())[:MAX_HOTLINES]


def _channels(s: Session, ids: list[str] | None) -> list[str]:
    rows = s.execute(select(Channel.kind, Channel.name, Channel.link)
                     .where(_where_units(Channel, ids)).order_by(Channel.created_at)).all()
    out = []
    for kind, name, link in rows:
        label = ChannelKind(kind).label if kind in ChannelKind.codes() else ""
        text = f"{label} “{name}”".strip()
        out.append(f"{text}: {link}" if link else text)
    return list(dict.fromkeys(out))[:4]


def _mailboxes(s: Session, ids: list[str] | None) -> list[str]:
    rows = s.scalars(select(Mailbox.place).where(_where_units(Mailbox, ids))
                     .order_by(Mailbox.created_at)).all()
    return list(dict.fromkeys(rows))[:6]


def _signer(s: Session, ids: list[str]) -> str:
    """The head of the steering committee of the smallest unit that has one."""
    rows = s.execute(
        select(Team.unit_id, TeamMember.full_name, TeamMember.role)
        .join(TeamMember, TeamMember.team_id == Team.id)
        .where(Team.kind == TeamKind.STEERING, Team.deleted.is_(False),
               TeamMember.deleted.is_(False), Team.unit_id.in_(ids))
    ).all()
    for uid in ids:
        for unit, name, role in rows:
            if unit == uid and fold(role) in ("truong ban", "truong ban chi dao"):
                return name
    return ""


def print_rules(db: Database, *, settings: dict | None = None, days: int | None = None,
                today: date | None = None) -> PrintRules:
    """Print rules from the settings; `days` overrides the logbook's number of daily pages."""
    st = settings if settings is not None else all_settings(db)
    n_days = int(days if days is not None else st.get("logbook_days") or 28)
    if not 0 <= n_days <= 366:
        raise ServiceError(f"Số ngày in trong sổ vùng xanh phải từ 0 đến 366 (đang là {n_days}).",
                           field="logbook_days")
    return PrintRules(
        logbook_days=n_days,
        quarantine_days=int(st.get("quarantine_days_home") or 14),
        sign_blue=str(st.get("sign_blue") or PrintRules.sign_blue),
        commitment_copies=max(1, int(st.get("commitment_copies") or 1)),
        document_date=today or date.today(),
    )


def _luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def set_sign_colour(db: Database, colour: str) -> str:
    """Store the signs' background colour ("#rrggbb"); it must be dark enough for white text
    to read from afar (contrast at least 4.5 : 1). Returns the stored value."""
    value = (colour or "").strip().lower()
    if len(value) != 7 or value[0] != "#" or any(c not in "0123456789abcdef" for c in value[1:]):
        raise ServiceError(f"Màu «{colour}» không hợp lệ; viết dạng #0a4da2.", field="sign_blue")
    contrast = 1.05 / (_luminance(value) + 0.05)
    if contrast < 4.5:
        raise ServiceError(f"Màu {value} quá sáng: chữ trắng trên nền này khó đọc (độ tương "
                           f"phản {contrast:.1f} : 1, cần ít nhất 4,5 : 1). Hãy chọn màu đậm "
                           "hơn.", field="sign_blue")
    set_setting(db, "sign_blue", value)
    return value
