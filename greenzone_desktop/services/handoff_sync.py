"""The bookkeeping behind "what does the peer already have": pending rows, sent markers, acks.

Per peer and row, `sync_base` keeps the state both sides last agreed on (version, origin and
the merge fields as a JSON array in `TableSpec.merge_fields` order) — or the row itself is that
state, when it is stored exactly as the peer sent it (`received_from` names the peer and
sync_base has no entry). A row is pending for the peer when its (version, origin) differs
from that. Rows sent in package N are remembered under
the table name "sent:<table>" with N; when the peer's next package acknowledges N, the rows
that have not changed since become agreed. Nothing here trusts a clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import Connection, func, select, update

from greenzone_desktop.exchange.package import EncodedRows
from greenzone_desktop.models import HandoffLog
from greenzone_desktop.services.handoff_codec import SPECS, TableSpec, sql_text

SENT = "sent:"


def agreed_sql(peer_id: str) -> tuple[str, str]:
    """SQL for the (version, origin) row t last agreed with the peer (b: its sync_base entry,
    joined), NULL when none."""
    received = f"b.row_id IS NULL AND t.received_from = {sql_text(peer_id)}"
    return (f"CASE WHEN {received} THEN t.version ELSE b.version END",
            f"CASE WHEN {received} THEN t.origin ELSE b.origin END")


def pending_where(spec: TableSpec, peer_id: str, scope: list[str], everything: bool
                  ) -> tuple[str, tuple[Any, ...]]:
    """FROM/WHERE selecting the table's rows in scope (not yet agreed unless `everything`)."""
    marks = ",".join("?" * len(scope))
    sql = (f'FROM "{spec.name}" t LEFT JOIN sync_base b ON b.peer_unit_id = ? '
           f"AND b.table_name = ? AND b.row_id = t.id WHERE t.unit_id IN ({marks})")
    if not everything:
        sql += " AND " + _not_agreed(peer_id)
    return sql, (peer_id, spec.name, *scope)


def _not_agreed(peer_id: str) -> str:
    """SQL true for a row whose agreed state with the peer is unknown or differs."""
    return (f"NOT ((b.row_id IS NULL AND t.received_from IS {sql_text(peer_id)}) "
            "OR (b.version IS t.version AND b.origin IS t.origin))")


def pending_rows(conn: Connection, spec: TableSpec, peer_id: str, scope: list[str],
                 everything: bool, counts: dict[str, int],
                 started: Callable[[], None] | None = None,
                 sent: list[bytes] | None = None,
                 ) -> Iterator[EncodedRows | dict[str, Any]]:
    """Stream the rows to send, each with the agreed (version, origin): blocks of package
    lines SQLite writes itself (json_object), or dicts for a table it cannot write exactly.

    `sent` receives, per block, the rows the peer had not agreed to as a JSON array of
    [id, version, origin] — read in the same pass, so exactly the rows written."""
    if started:
        started()
    where, params = pending_where(spec, peer_id, scope, everything)
    base = agreed_sql(peer_id)
    sql = spec.package_json_sql(base=base)
    # The agreed state is unknown or differs: the row goes into the "sent" markers.
    new = _not_agreed(peer_id)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    n = 0
    try:
        if sql is None:
            cursor.execute(f"SELECT {spec.select_sql()}, {base[0]}, {base[1]}, {new} {where}",
                           params)
            make = spec.package_row_with_base
            iv, io = spec.index("version"), spec.index("origin")
        else:
            cursor.execute(f"SELECT {sql}, t.id, t.version, t.origin, {new} {where}", params)
        while True:
            block = cursor.fetchmany(2000)
            if not block:
                break
            n += len(block)
            if sql is None:
                if sent is not None:
                    sent.append(orjson.dumps([(r[0], r[iv], r[io]) for r in block if r[-1]]))
                yield from (make(r[:-1]) for r in block)
            else:
                if sent is not None:
                    sent.append(orjson.dumps([r[1:4] for r in block if r[4]]))
                lines = list(map(itemgetter(0), block))
                lines.append(b"")
                yield EncodedRows(b"\n".join(lines), len(block))
    finally:
        cursor.close()
    counts[spec.name] = n


def remember_sent(conn: Connection, peer_id: str, sequence: int,
                  sent: dict[str, list[bytes]]) -> None:
    """Keep which rows (id, version, origin) package `sequence` carried that the peer had not
    agreed to, per table, as `pending_rows` gathered them (JSON arrays of [id, version,
    origin]), in blocks: table name "sent:<table>", row id "<sequence>:<block>", data
    {"seq": N, "rows": [[id, version, origin], ...]} — not one entry per row (a first package
    of a whole village is 270 000 rows)."""
    params = []
    for table, blocks in sent.items():
        for k, block in enumerate(b for b in blocks if b != b"[]"):
            data = b'{"seq":%d,"rows":%s}' % (sequence, block)
            params.append((peer_id, SENT + table, f"{sequence}:{k}", sequence, "",
                           data.decode()))
    conn.connection.driver_connection.executemany(  # type: ignore[union-attr]
        "INSERT INTO sync_base (peer_unit_id, table_name, row_id, version, origin, data) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (peer_unit_id, table_name, row_id) DO UPDATE SET "
        "version = excluded.version, origin = excluded.origin, data = excluded.data", params)


_AGREE = (
    "INSERT INTO sync_base (peer_unit_id, table_name, row_id, version, origin, data) "
    "SELECT m.peer_unit_id, ?, t.id, t.version, t.origin, {data} FROM {source} "
    "WHERE m.peer_unit_id = ? AND m.table_name = ? AND json_extract(m.data, '$.seq') <= ? "
    "ON CONFLICT (peer_unit_id, table_name, row_id) DO UPDATE SET "
    "version = excluded.version, origin = excluded.origin, data = excluded.data"
)
# The rows a package carried (blocks of [id, version, origin]) ...
_FROM_BLOCKS = (
    "sync_base m, json_each(m.data, '$.rows') j JOIN \"{table}\" t "
    "ON t.id = json_extract(j.value, '$[0]') AND t.version = json_extract(j.value, '$[1]') "
    "AND t.origin = json_extract(j.value, '$[2]')"
)
# ... and one marker per row, as databases kept them before the blocks.
_FROM_MARKERS = (
    'sync_base m JOIN "{table}" t ON t.id = m.row_id AND t.version = m.version '
    "AND t.origin = m.origin"
)


def acknowledge(conn: Connection, peer_id: str, acked: int) -> None:
    """The peer has our packages up to `acked`: rows sent then and unchanged since are agreed."""
    if acked < 1:
        return
    for spec in SPECS:
        for source in (_FROM_BLOCKS, _FROM_MARKERS):
            conn.exec_driver_sql(
                _AGREE.format(data=spec.json_array_sql(), source=source.format(table=spec.name)),
                (spec.name, peer_id, SENT + spec.name, acked),
            )
    conn.exec_driver_sql(
        "DELETE FROM sync_base WHERE peer_unit_id = ? AND table_name LIKE 'sent:%' "
        "AND json_extract(data, '$.seq') <= ?", (peer_id, acked))
    conn.execute(update(HandoffLog).where(
        HandoffLog.direction == "out", HandoffLog.peer_unit_id == peer_id,
        HandoffLog.sequence <= acked).values(acknowledged=True))


def last_sequences(conn: Connection, peer_id: str) -> tuple[int, int, int]:
    """(last sent, last sent that the peer acknowledged, last received) with this peer."""
    def one(stmt: Any) -> int:
        return int(conn.execute(stmt).scalar() or 0)

    base = select(func.max(HandoffLog.sequence)).where(HandoffLog.peer_unit_id == peer_id)
    return (one(base.where(HandoffLog.direction == "out")),
            one(base.where(HandoffLog.direction == "out", HandoffLog.acknowledged.is_(True))),
            one(base.where(HandoffLog.direction == "in")))
