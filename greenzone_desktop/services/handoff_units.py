"""Who exchanges packages with whom: a village with its ward, a ward with its villages.

A village database and its ward database were each created on their own PC, so their commune
and province rows have different ids; only the village row (and everything below it) is shared.
The sender's unit chain travels in the manifest, and the receiver matches the sender's commune
and province to its own by level and name (accent-insensitive), then translates those ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from greenzone_desktop.models import Unit
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.units import (
    COMMUNE_WORDS,
    PROVINCE_WORDS,
    HomeUnit,
    UnitInfo,
    child_units,
    home_unit,
)
from greenzone_desktop.text import fold
from greenzone_desktop.vocab import UnitLevel


@dataclass(frozen=True)
class Peer:
    """The other side of an exchange, as this database knows it."""

    unit_id: str  # id of the peer's unit in this database
    name: str
    level: str
    village_id: str  # the village whose rows travel between the two (its subtree)


@dataclass(frozen=True)
class Sender:
    """An incoming package's sender, resolved against this database."""

    peer: Peer
    id_map: dict[str, str]  # the sender's ids for shared ancestors -> ours
    new_village: dict[str, Any] | None  # ward mode: a village seen for the first time
    local_parent_id: str  # what the village row's parent must be here


def unit_chain(db: Database) -> dict[str, Any]:
    """The home unit with its ancestors, as the manifest's `source_unit`."""
    with db.session() as s:
        units = {u.id: u for u in s.scalars(select(Unit))}
    home = units[db.home_unit_id or ""]
    parents = []
    u = units.get(home.parent_id) if home.parent_id else None
    while u is not None:
        parents.append({"id": u.id, "name": u.name, "level": u.level, "code": u.code or ""})
        u = units.get(u.parent_id) if u.parent_id else None
    return {"id": home.id, "name": home.name, "level": home.level, "code": home.code or "",
            "parents": parents}


def peers(db: Database) -> list[Peer]:
    """Village: its ward. Ward: its villages."""
    home = home_unit(db)
    if home.is_ward:
        return [Peer(v.id, v.name, v.level, v.id) for v in child_units(db)]
    if home.commune is None:
        raise ServiceError("Đơn vị của máy này không thuộc xã/phường nào: không có nơi gửi gói.")
    return [Peer(home.commune.id, home.commune.name, home.commune.level, home.unit.id)]


def peer_for_export(db: Database, to_unit_id: str | None) -> Peer:
    """The receiver of an export (a ward must say which village when it has several)."""
    options = peers(db)
    if to_unit_id:
        for p in options:
            if to_unit_id in (p.unit_id, p.village_id) or fold(to_unit_id) == fold(p.name):
                return p
        raise ServiceError(f"Không có thôn/tổ dân phố «{to_unit_id}» trong đơn vị này.")
    if len(options) == 1:
        return options[0]
    if not options:
        raise ServiceError("Xã/phường chưa có thôn nào: chỉ gửi gói về được cho thôn đã gửi lên.")
    names = ", ".join(p.name for p in options)
    raise ServiceError(f"Hãy chọn thôn nhận gói (--to): {names}.")


@contextmanager
def _reading(db: Database, conn: Connection | None) -> Iterator[Connection]:
    """`conn` (an import's open transaction, whose own writes count), or a fresh connection."""
    if conn is not None:
        yield conn
        return
    with db.engine.connect() as fresh:
        yield fresh


def subtree(db: Database, root_id: str, conn: Connection | None = None) -> set[str]:
    """A unit and every unit below it (as `conn` sees them, when given)."""
    with _reading(db, conn) as c:
        links = c.execute(select(Unit.id, Unit.parent_id)).all()
    children: dict[str, list[str]] = {}
    for uid, parent in links:
        children.setdefault(parent or "", []).append(uid)
    found, todo = {root_id}, [root_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


_PREFIXES = tuple(fold(w) + " " for w in (*COMMUNE_WORDS, *PROVINCE_WORDS, "Quận", "Huyện",
                                           "Thị xã"))


def _name_key(name: str) -> str:
    """'Phường Hùng Vương' and 'Xã Hùng Vương' (one PC typed the prefix, one did not) match."""
    key = " ".join(fold(name).split())
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


def _same(a: dict[str, Any] | UnitInfo | None, b: UnitInfo | None) -> bool:
    if a is None or b is None:
        return False
    aid, aname = (a["id"], a["name"]) if isinstance(a, dict) else (a.id, a.name)
    return aid == b.id or _name_key(str(aname)) == _name_key(b.name)


def _ancestor(chain: dict[str, Any], level: str) -> dict[str, Any] | None:
    for p in chain.get("parents") or []:
        if isinstance(p, dict) and p.get("level") == level:
            return p
    return None


def _check_province(chain: dict[str, Any], home: HomeUnit, who: str) -> None:
    theirs = _ancestor(chain, UnitLevel.PROVINCE)
    if theirs and home.province and not _same(theirs, home.province):
        raise ServiceError(
            f"Gói của {who} thuộc {theirs.get('name')}, không thuộc {home.province.name}: "
            "không nhập."
        )


def _id_map(chain: dict[str, Any], home: HomeUnit) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for level, ours in ((UnitLevel.COMMUNE, home.commune), (UnitLevel.DISTRICT, home.district),
                        (UnitLevel.PROVINCE, home.province)):
        theirs = _ancestor(chain, level) if level != chain.get("level") else chain
        if theirs and ours and isinstance(theirs.get("id"), str) and _same(theirs, ours):
            mapping[theirs["id"]] = ours.id
    return {k: v for k, v in mapping.items() if k != v}


def resolve_sender(db: Database, manifest: dict[str, Any], conn: Connection | None = None
                   ) -> Sender:
    """Check that the package comes from this unit's ward or one of its villages (the villages
    as `conn` sees them, when given: a pile's earlier packages may have added this one)."""
    home = home_unit(db)
    chain = manifest.get("source_unit") or {}
    level, name, sid = chain.get("level"), str(chain.get("name", "")), chain.get("id")
    if sid == home.unit.id:
        raise ServiceError(f"Gói này do chính {home.unit.name} xuất ra; hãy nhập ở nơi nhận.")
    if home.is_ward:
        if level != UnitLevel.VILLAGE:
            raise ServiceError(
                f"Gói này do «{name}» gửi; xã/phường chỉ nhận gói của các thôn, tổ dân phố "
                "thuộc mình."
            )
        commune = _ancestor(chain, UnitLevel.COMMUNE)
        if not _same(commune, home.unit):
            where = commune.get("name") if commune else "không rõ xã/phường"
            raise ServiceError(
                f"«{name}» thuộc {where}, không thuộc {home.unit.name}: gói không được nhập."
            )
        _check_province(chain, home, name)
        return _ward_sender(db, home, chain, conn)
    if level != UnitLevel.COMMUNE:
        raise ServiceError(
            f"Gói này do «{name}» gửi; {home.unit.name} chỉ nhận gói từ xã/phường của mình."
        )
    if not _same(chain, home.commune):
        theirs = home.commune.name if home.commune else "?"
        raise ServiceError(f"Gói này do «{name}» gửi, không phải {theirs}: không nhập.")
    _check_province(chain, home, name)
    target = manifest.get("target_unit") or {}
    if target.get("id") != home.unit.id:
        to = str(target.get("name", "?"))
        if fold(to) == fold(home.unit.name):  # the same village's name, another database
            raise ServiceError(
                f"Gói này {name} gửi cho «{to}» của một cơ sở dữ liệu khác (mã đơn vị khác), "
                "không phải cơ sở dữ liệu này: không nhập. Có thể máy của thôn đã được cài "
                f"lại. Hãy nhập gói ở máy đã gửi dữ liệu cho {name}, hoặc liên hệ người quản "
                "trị."
            )
        raise ServiceError(
            f"Gói này {name} gửi cho «{to}», không phải cho {home.unit.name}: không nhập."
        )
    assert home.commune is not None
    peer = Peer(home.commune.id, home.commune.name, UnitLevel.COMMUNE, home.unit.id)
    return Sender(peer, _id_map(chain, home), None, home.commune.id)


def _ward_sender(db: Database, home: HomeUnit, chain: dict[str, Any],
                 conn: Connection | None) -> Sender:
    sid, name = str(chain["id"]), str(chain.get("name", ""))
    with _reading(db, conn) as c:
        known = c.execute(select(Unit.id, Unit.parent_id).where(Unit.id == sid)).first()
        if known is not None and known.parent_id != home.unit.id:
            raise ServiceError(f"«{name}» không phải thôn của {home.unit.name}: không nhập.")
        villages = c.execute(select(Unit.id, Unit.name).where(
            Unit.parent_id == home.unit.id, Unit.deleted.is_(False))).all()
    same_name = sorted(v.name for v in villages if fold(v.name) == fold(name) and v.id != sid)
    if known is None and same_name:
        raise ServiceError(
            f"{home.unit.name} đã có «{same_name[0]}» nhưng là một cơ sở dữ liệu khác "
            "(mã đơn vị khác). Có thể máy của thôn đã được cài lại: nhập gói này sẽ làm mỗi "
            "người bị ghi hai lần, nên không nhập. Hãy liên hệ người quản trị."
        )
    peer = Peer(sid, name, UnitLevel.VILLAGE, sid)
    new = None if known is not None else {"id": sid, "name": name, "code": chain.get("code", "")}
    return Sender(peer, _id_map(chain, home), new, home.unit.id)
