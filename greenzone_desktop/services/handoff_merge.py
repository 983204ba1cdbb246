"""Row-level merge of an incoming package: per row, what changes here, decided by version and
origin against the state both sides last agreed on (SyncBase), never by the PCs' clocks.

For an incoming row R, the local row L, and B = the last state of this row received from the
same peer (our SyncBase for it):

- no L                                  -> insert R (new)
- (L.version, L.origin) == R's          -> unchanged
- R is exactly B                        -> unchanged (the sender has not touched it since)
- R.version < B.version                 -> older: a package older than one already applied
- L is B, or L is what the sender last received from us (R's carried base)
                                        -> take R (updated, or deleted when R deletes it)
- otherwise both changed                -> field by field against B's values: a field changed
  on one side only takes that side's value; changed on both to different values is a conflict
  (the row keeps the local value, a SyncConflict keeps both for a person to decide). A deletion
  on one side with edits on the other is a conflict on «deleted». The merged row gets a version
  past both and this installation as origin, so it travels back.

Afterwards B := R (the newest state of the sender incorporated here). Everything works on stored
tuples in bulk: local rows and bases are loaded by id in one query per table (the ids passed as
one JSON array), writes are executemany. A row inserted as it came gets no SyncBase entry: it
names the sender (`received_from`) and is itself B until its first change here, when a trigger
writes the entry (models/handoff.py) — a ward's first packages write no copy of their rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import Connection

from greenzone_desktop.services.handoff_codec import TableSpec
from greenzone_desktop.services.register import person_keys
from greenzone_desktop.text import fold, name_sort_key

KINDS = ("new", "updated", "unchanged", "deleted", "conflicts", "older")
_MISSING = object()

BASE_UPSERT = ("INSERT INTO sync_base (peer_unit_id, table_name, row_id, version, origin, data) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (peer_unit_id, table_name, row_id) DO "
               "UPDATE SET version = excluded.version, origin = excluded.origin, "
               "data = excluded.data")


@dataclass
class TablePlan:
    """What applying one table of a package will do (computed without writing)."""

    spec: TableSpec
    peer_id: str = ""
    inserts: list[tuple] = field(default_factory=list)
    updates: list[tuple] = field(default_factory=list)  # values without id, then id
    replaced: list[tuple] = field(default_factory=list)  # the stored rows the updates change
    bases: list[tuple] = field(default_factory=list)  # BASE_UPSERT parameters
    received: bool = False  # the inserts name the sender: they are their own agreed state
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    @property
    def changes_rows(self) -> bool:
        return bool(self.inserts or self.updates)


def _ids_json(ids: Sequence[str]) -> str:
    return orjson.dumps(list(ids)).decode()


def load_local(conn: Connection, spec: TableSpec, ids: Sequence[str]) -> dict[str, tuple]:
    """The stored rows with these ids, by id (one query: the ids as one JSON array)."""
    sql = (f'SELECT {spec.select_sql()} FROM "{spec.name}" t '
           "WHERE t.id IN (SELECT value FROM json_each(?))")
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        return {row[0]: row for row in cursor.execute(sql, (_ids_json(ids),))}
    finally:
        cursor.close()


def load_bases(
    conn: Connection, peer_id: str, table: str, ids: Sequence[str]
) -> dict[str, tuple[int, str, str]]:
    """SyncBase (version, origin, data text) for these rows and this peer."""
    sql = ("SELECT row_id, version, origin, data FROM sync_base WHERE peer_unit_id = ? "
           "AND table_name = ? AND row_id IN (SELECT value FROM json_each(?))")
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        return {row_id: (version, origin, data) for row_id, version, origin, data
                in cursor.execute(sql, (peer_id, table, _ids_json(ids)))}
    finally:
        cursor.close()


def load_received(conn: Connection, spec: TableSpec, peer_id: str, ids: Sequence[str]
                  ) -> list[str]:
    """Those of these rows stored exactly as this peer sent them (their own agreed state)."""
    sql = (f'SELECT id FROM "{spec.name}" WHERE id IN (SELECT value FROM json_each(?)) '
           "AND received_from = ?")
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        return [rid for rid, in cursor.execute(sql, (_ids_json(ids), peer_id))]
    finally:
        cursor.close()


def _person_keys(d: dict[str, Any]) -> dict[str, Any]:
    return person_keys(d)


def _household_key(d: dict[str, Any]) -> dict[str, Any]:
    parts = (fold(d.get("code") or ""), fold(d.get("address") or ""), fold(d.get("area") or ""),
             d.get("phone") or "")
    return {"search_key": " ".join(x for x in parts if x)}


# Columns computed from others (search and sort keys, the head's name kept on the household):
# never a conflict of their own. They follow the side whose source values won, and are
# recomputed when the merged sources are a mix of both sides. `None`: copied, not computed.
Derive = Callable[[dict[str, Any]], dict[str, Any]] | None
DERIVED: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...], Derive], ...]] = {
    "persons": ((("name_key", "sort_key", "search_key"), ("full_name", "cccd", "phone"),
                 _person_keys),),
    "households": ((("search_key",), ("code", "address", "area", "phone"), _household_key),
                   (("head_name", "head_sort"), ("head_id",), None)),
    "organizations": ((("name_key",), ("name",), lambda d: {"name_key": fold(d["name"] or "")}),),
    "staff": ((("sort_key",), ("full_name",),
               lambda d: {"sort_key": name_sort_key(d["full_name"] or "")}),),
}


class _Merger:
    """Decides rows of one table; holds the positions it needs."""

    def __init__(self, spec: TableSpec, peer_id: str, installation_id: str, now: str):
        self.spec = spec
        self.peer_id = peer_id
        self.installation_id = installation_id
        self.now = now
        self.iv = spec.index("version")
        self.io = spec.index("origin")
        self.idel = spec.index("deleted")
        self.iupd = spec.index("updated_at")
        self.fields = [(f, spec.index(f)) for f in spec.merge_fields]
        positions = [i for _, i in self.fields]
        self.pick = (itemgetter(*positions) if len(positions) > 1
                     else lambda r: (r[positions[0]],))
        self.derived = [
            ([spec.index(f) for f in out], [spec.index(f) for f in src], fn)
            for out, src, fn in DERIVED.get(spec.name, ())
            if all(f in spec.columns for f in (*out, *src))
        ]
        self.derived_positions = {i for out, _, _ in self.derived for i in out}
        assert spec.columns[0] == "id"

    def base_rows(self, rows: Sequence[tuple]) -> list[tuple]:
        peer, table, iv, io, pick, dumps = (self.peer_id, self.spec.name, self.iv, self.io,
                                            self.pick, orjson.dumps)
        return [(peer, table, r[0], r[iv], r[io], dumps(pick(r)).decode()) for r in rows]

    def base_row(self, r: tuple) -> tuple:
        data = orjson.dumps(self.pick(r)).decode()  # a tuple encodes as a JSON array
        return (self.peer_id, self.spec.name, r[0], r[self.iv], r[self.io], data)

    def merge(self, lrow: tuple, rrow: tuple, base: dict[str, Any] | None
              ) -> tuple[list[Any], list[str]]:
        """Field-by-field three-way merge; returns (merged row, conflicting fields)."""
        merged = list(lrow)
        conflicts: list[str] = []
        local_other = remote_other = False
        derived = self.derived_positions
        for name, i in self.fields:
            if i in derived:
                continue
            lv, rv = lrow[i], rrow[i]
            bv = _MISSING if base is None else base.get(name, _MISSING)
            if i != self.idel:
                local_other = local_other or lv != bv
                remote_other = remote_other or rv != bv
            if lv == rv:
                continue
            if bv is _MISSING:
                conflicts.append(name)
            elif lv == bv:
                merged[i] = rv
            elif rv != bv:
                conflicts.append(name)
        self._derive(merged, lrow, rrow)
        # A deletion on one side and edits on the other: a person decides whether it stays.
        if "deleted" not in conflicts and lrow[self.idel] != rrow[self.idel]:
            remote_deleted_it = merged[self.idel] == rrow[self.idel]
            if (local_other if remote_deleted_it else remote_other):
                merged[self.idel] = lrow[self.idel]
                conflicts.append("deleted")
        return merged, conflicts

    def _derive(self, merged: list[Any], lrow: tuple, rrow: tuple) -> None:
        for out, src, fn in self.derived:
            if all(merged[i] == lrow[i] for i in src):
                continue  # local sources won: local keys stay
            if all(merged[i] == rrow[i] for i in src):
                for i in out:
                    merged[i] = rrow[i]
            elif fn is not None:
                values = fn({self.spec.columns[i]: merged[i] for i in src})
                for i in out:
                    merged[i] = values[self.spec.columns[i]]

    def same_fields(self, a: Sequence[Any], b: Sequence[Any]) -> bool:
        return all(a[i] == b[i] for _, i in self.fields)


def plan_table(
    conn: Connection,
    spec: TableSpec,
    rows: Sequence[tuple],
    carried: Sequence[tuple[Any, Any]],
    *,
    peer_id: str,
    installation_id: str,
    now: str,
    present: set[str] | None = None,
) -> TablePlan:
    """Decide every incoming row of one table (reads only). `present`: every id the table
    holds, when the caller knows them (a table a pile found empty) — only those are looked up."""
    plan = TablePlan(spec, peer_id)
    if not rows:
        return plan
    m = _Merger(spec, peer_id, installation_id, now)
    ids = [r[0] for r in rows]
    if present is not None:
        ids = [rid for rid in ids if rid in present]
    local = load_local(conn, spec, ids) if ids else {}
    counts = plan.counts
    if len(local) < len(rows):  # rows this PC does not have yet go in as they came, in bulk
        plan.inserts = [r for r in rows if r[0] not in local]
        # SQLite writes a float with 15 digits: such a table's bases are kept here, exactly.
        plan.received = spec.package_json_sql() is not None
        if not plan.received:
            plan.bases = m.base_rows(plan.inserts)
        counts["new"] = len(plan.inserts)
    if not local:
        return plan
    bases = load_bases(conn, peer_id, spec.name, list(local))
    iv, io, idel = m.iv, m.io, m.idel
    if len(bases) < len(local):  # rows stored as this peer sent them: B is the row itself
        for rid in load_received(conn, spec, peer_id, [r for r in local if r not in bases]):
            lrow = local[rid]
            bases[rid] = (lrow[iv], lrow[io], orjson.dumps(m.pick(lrow)).decode())
    for r, sent_base in zip(rows, carried, strict=True):
        rid = r[0]
        lrow = local.get(rid)
        if lrow is None:
            continue
        rkey = (r[iv], r[io])
        lkey = (lrow[iv], lrow[io])
        b = bases.get(rid)
        bkey = (b[0], b[1]) if b else None
        if rkey == lkey:
            counts["unchanged"] += 1
            if bkey != rkey:
                plan.bases.append(m.base_row(r))
            continue
        if bkey == rkey:
            counts["unchanged"] += 1  # the sender has not changed it since we last took it
            continue
        if b is not None and r[iv] < b[0]:
            counts["older"] += 1  # an older package after a newer one: never go backwards
            continue
        if bkey == lkey or tuple(sent_base) == lkey:
            plan.updates.append((*r[1:], rid))
            plan.replaced.append(lrow)
            plan.bases.append(m.base_row(r))
            counts["deleted" if r[idel] and not lrow[idel] else "updated"] += 1
            continue
        base = spec.base_data(b[2]) if b is not None else None
        merged, conflict_fields = m.merge(lrow, r, base)
        plan.bases.append(m.base_row(r))
        if not conflict_fields and m.same_fields(merged, r) and r[iv] > lrow[iv]:
            plan.updates.append((*r[1:], rid))  # the merge is exactly theirs: take it as it is
            plan.replaced.append(lrow)
        elif not m.same_fields(merged, lrow):
            merged[iv] = max(lrow[iv], r[iv]) + 1
            merged[io] = installation_id
            merged[m.iupd] = now
            plan.updates.append((*merged[1:], rid))
            plan.replaced.append(lrow)
        if conflict_fields:
            counts["conflicts"] += 1
            plan.conflicts.append({
                "table_name": spec.name, "row_id": rid, "fields": conflict_fields,
                "local": spec.data_of(lrow), "remote": spec.data_of(r), "base": base or {},
            })
        elif merged[idel] and not lrow[idel]:
            counts["deleted"] += 1
        elif m.same_fields(merged, lrow):
            counts["unchanged"] += 1
        else:
            counts["updated"] += 1
    return plan


def apply_plan(conn: Connection, plan: TablePlan) -> None:
    """Write one table's plan (inside the caller's transaction)."""
    # Updates first: a row deleted and re-created with the same CCCD or household code must
    # free the unique value before the new row takes it.
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    spec = plan.spec
    try:
        if plan.updates:
            cursor.executemany(spec.update_sql(), plan.updates)
        if plan.inserts:
            cursor.executemany(spec.insert_received_sql(plan.peer_id) if plan.received
                               else spec.insert_sql(), plan.inserts)
        if plan.bases:
            cursor.executemany(BASE_UPSERT, plan.bases)
    finally:
        cursor.close()
