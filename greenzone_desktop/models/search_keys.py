"""`households.members_key`: the live members' search keys of each household, joined.

The households list searches "a member named …" in this one column instead of a subquery over
every person (20 000 households: 150 ms → 25 ms a keystroke). It is derived, so it is kept here,
in one place: the session hook below refreshes the households whose members a flush touched, and
bulk writers (Excel import, USB merge, demo) call `refresh_members_key` for what they wrote. Both
also bring the households' trigram index up to date (models/search_index.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, inspect
from sqlalchemy.orm import Session

from greenzone_desktop.models.search_index import sync_search_index

SEPARATOR = " | "  # never inside a folded key, so a phrase cannot span two members

# `+deleted`: look members up by household, never by the live flag.
_REFRESH = (
    "UPDATE households SET members_key = coalesce((SELECT group_concat(p.search_key, "
    f"'{SEPARATOR}') FROM persons AS p WHERE p.household_id = households.id "
    "AND +p.deleted = 0), '')"
)
_CHUNK = 500


def refresh_members_key(conn: Connection, household_ids: Iterable[str | None] | None = None
                        ) -> None:
    """Recompute the key of these households (every household when `household_ids` is None)."""
    if household_ids is None:
        conn.exec_driver_sql(_REFRESH)
    else:
        ids = sorted({h for h in household_ids if h})
        for start in range(0, len(ids), _CHUNK):
            part = ids[start:start + _CHUNK]
            marks = ",".join("?" * len(part))
            conn.exec_driver_sql(f"{_REFRESH} WHERE id IN ({marks})", tuple(part))
    sync_search_index(conn)  # the households written so far, into the trigram index


def _touched_households(session: Session) -> set[str]:
    from greenzone_desktop.models.register import Person

    touched: set[str] = set()
    for obj in (*session.new, *session.deleted):
        if isinstance(obj, Person):
            touched.add(obj.household_id)
    for obj in session.dirty:
        if not isinstance(obj, Person):
            continue
        state = inspect(obj)
        if any(state.attrs[k].history.has_changes() for k in ("search_key", "deleted")):
            touched.add(obj.household_id)
        moved = state.attrs["household_id"].history
        if moved.has_changes():  # a member moved: both households change
            touched.add(obj.household_id)
            touched.update(h for h in moved.deleted if h)
    return touched


def after_flush(session: Session, _flush_context: object) -> None:
    """Session hook: refresh the households whose members this flush added, changed or moved;
    bring the trigram index up to date with the households it wrote."""
    touched = _touched_households(session)
    if touched:
        refresh_members_key(session.connection(), touched)
    else:
        sync_search_index(session.connection())
