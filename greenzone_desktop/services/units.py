"""The unit tree: creating a village or ward database, the home unit and its names."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from greenzone_desktop.models import Unit, new_id
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.text import fold, nfc
from greenzone_desktop.vocab import UnitLevel

VILLAGE_WORDS = ("Thôn", "Xóm", "Làng", "Tổ dân phố", "Khu phố", "Ấp", "Bản", "Khu dân cư")
COMMUNE_WORDS = ("Xã", "Phường", "Thị trấn", "Đặc khu")
PROVINCE_WORDS = ("Tỉnh", "Thành phố")


@dataclass(frozen=True)
class UnitInfo:
    id: str
    level: str
    name: str
    code: str
    parent_id: str | None


@dataclass(frozen=True)
class HomeUnit:
    """The PC's own unit with its ancestors, for titles and printed headers."""

    unit: UnitInfo
    commune: UnitInfo | None
    district: UnitInfo | None
    province: UnitInfo | None

    @property
    def is_ward(self) -> bool:
        return self.unit.level == UnitLevel.COMMUNE

    @property
    def display_name(self) -> str:
        parts = [u.name for u in (self.unit, self.commune, self.province) if u]
        return ", ".join(dict.fromkeys(parts))


def _info(u: Unit) -> UnitInfo:
    return UnitInfo(u.id, u.level, u.name, u.code or "", u.parent_id)


def _with_prefix(name: str, words: tuple[str, ...], default: str) -> str:
    """'Phúc Yên' -> 'Thành phố Phúc Yên' unless the name already says what it is."""
    key = fold(name)
    if any(key.startswith(fold(w) + " ") for w in words):
        return name
    return f"{default} {name}"


def unit_code(name: str) -> str:
    """A short ASCII code from a unit name: 'Thôn Đông Sơn' -> 'DS', 'Tổ dân phố 5' -> 'TDP5'."""
    words = fold(name).upper().split()
    for w in VILLAGE_WORDS:
        wf = fold(w).upper().split()
        if words[: len(wf)] == wf and len(words) > len(wf):
            if all(x.isdigit() for x in words[len(wf) :]):
                return "".join(x[0] for x in wf) + "".join(words[len(wf) :])
            words = words[len(wf) :]
            break
    return "".join(w[0] if not w.isdigit() else w for w in words)[:8] or "U"


def _get_or_create(s: Session, level: str, name: str, parent_id: str | None) -> Unit:
    same_parent = Unit.parent_id.is_(None) if parent_id is None else Unit.parent_id == parent_id
    existing = s.scalars(select(Unit).where(Unit.level == level, Unit.name == name, same_parent))
    found = existing.first()
    if found:
        return found
    uid = new_id()
    unit = Unit(id=uid, unit_id=uid, level=level, name=name, parent_id=parent_id,
                code=unit_code(name))
    s.add(unit)
    s.flush()
    return unit


def init_units(
    db: Database, *, province: str, commune: str, village: str | None = None,
    district: str | None = None,
) -> HomeUnit:
    """Create the unit chain and make the village (or, without one, the commune) home."""
    if db.home_unit_id:
        raise ServiceError(
            f"Cơ sở dữ liệu «{db.path}» đã được khởi tạo cho {home_unit(db).display_name}."
        )
    names = {"province": nfc(province), "commune": nfc(commune)}
    for key, label in (("province", "tỉnh/thành phố"), ("commune", "xã/phường")):
        if not names[key]:
            raise ServiceError(f"Thiếu tên {label}.", field=key)
    with db.session() as s:
        p = _get_or_create(s, UnitLevel.PROVINCE, _with_prefix(names["province"], PROVINCE_WORDS, "Tỉnh"), None)
        parent = p
        if district and nfc(district):
            parent = _get_or_create(s, UnitLevel.DISTRICT, nfc(district) or "", p.id)
        c = _get_or_create(s, UnitLevel.COMMUNE, _with_prefix(names["commune"], COMMUNE_WORDS, "Xã"), parent.id)
        home = c
        if village and nfc(village):
            home = _get_or_create(
                s, UnitLevel.VILLAGE, _with_prefix(nfc(village) or "", VILLAGE_WORDS, "Thôn"), c.id
            )
        home_id = home.id
    db.set_local("home_unit_id", home_id)
    return home_unit(db)


def home_unit(db: Database) -> HomeUnit:
    if not db.home_unit_id:
        raise ServiceError(
            "Cơ sở dữ liệu chưa được khởi tạo: hãy chạy «greenzone init --province … --commune …»."
        )
    with db.session() as s:
        units = {u.id: u for u in s.scalars(select(Unit))}
    home = units[db.home_unit_id]
    chain: dict[str, UnitInfo] = {}
    u: Unit | None = home
    while u is not None:
        chain.setdefault(u.level, _info(u))
        u = units.get(u.parent_id) if u.parent_id else None
    return HomeUnit(
        unit=_info(home),
        commune=chain.get(UnitLevel.COMMUNE),
        district=chain.get(UnitLevel.DISTRICT),
        province=chain.get(UnitLevel.PROVINCE),
    )


def child_units(db: Database, parent_id: str | None = None) -> list[UnitInfo]:
    """Villages under the home commune (ward mode), or any unit's children."""
    parent_id = parent_id or db.home_unit_id
    with db.session() as s:
        rows = s.scalars(select(Unit).where(Unit.parent_id == parent_id, Unit.deleted.is_(False)))
        return sorted((_info(u) for u in rows), key=lambda u: u.name)
