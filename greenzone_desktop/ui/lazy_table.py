"""A table model for big registers: it holds only the ordered ids, and fetches rows in blocks.

How a page uses it:

    model = LazyTableModel(
        ctx, COLUMNS,
        ids_fn=lambda query, sort, desc: household_list.household_ids(ctx.db, query, sort, desc),
        rows_fn=lambda ids: household_list.household_rows(ctx.db, ids),
    )
    model.set_query(HouseholdQuery(text="tran thi"))   # re-queries ids (SQL filter + ORDER BY)
    view.setModel(model); view.setSortingEnabled(True)  # header click → sort() → new ORDER BY

`ids_fn(query, sort, descending)` and `rows_fn(ids)` must be service functions (Qt-free, one short
session each). The model never touches the database on the GUI thread: every call runs on the
single database worker through `ctx.run`.

- A (re)query is ONE worker job that returns the ids *and* the rows of the first block, so the
  table shows real rows after a single round trip (what "keystroke → updated table" measures).
- Rows further down are fetched when the view first asks for them: `data()` returns a
  placeholder, notes the block, and one coalesced job (next event-loop turn) fetches every block
  asked for; `dataChanged` then repaints them. Blocks live in a small LRU cache.
- Every query bumps a generation number; results of an older query are dropped, so a slow
  answer to "tran" never overwrites the answer to "tran thi".
- Sorting is a column's `sort` key handed to `ids_fn`; the service maps it to an ORDER BY on an
  indexed sort-key column (Vietnamese order), never a Python or proxy sort.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

Index = QModelIndex | QPersistentModelIndex

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
PLACEHOLDER = "…"
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
FONT = int(Qt.ItemDataRole.FontRole.value)
ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
USER = int(Qt.ItemDataRole.UserRole.value)
_ROLES_SHOWN = frozenset((DISPLAY, TOOLTIP, FOREGROUND, FONT, ALIGN, USER))


@dataclass(frozen=True)
class Column:
    """One column: header text, the row attribute (or dict key) it shows, its alignment, the
    header tooltip, the sort key handed to `ids_fn` (None: not sortable) and an optional
    formatter from the raw value to the text shown."""

    header: str
    key: str
    align: Qt.AlignmentFlag = LEFT
    tooltip: str = ""
    sort: str | None = None
    fmt: Callable[[Any], str] | None = None

    @cached_property
    def align_int(self) -> int:
        return int(self.align.value)


IdsFn = Callable[[Any, str | None, bool], Sequence[str]]
RowsFn = Callable[[Sequence[str]], Sequence[Any]]


def row_id(row: Any) -> str:
    return row["id"] if isinstance(row, dict) else row.id


def row_value(row: Any, key: str) -> Any:
    return row.get(key) if isinstance(row, dict) else getattr(row, key, None)


class LazyTableModel(QAbstractTableModel):
    """Ids in SQL order; rows fetched by id, `block_size` at a time, on the database worker."""

    loading_changed = Signal(bool)
    reloaded = Signal(int)  # number of rows after a (re)query
    shown = Signal()  # the rows on screen are the latest query's (first screen or all)
    rows_loaded = Signal()  # some block arrived

    def __init__(
        self,
        ctx: Any,  # AppContext (only `run` is used, so tests may pass a stand-in)
        columns: Sequence[Column],
        *,
        ids_fn: IdsFn,
        rows_fn: RowsFn,
        block_size: int = 200,
        cache_blocks: int = 16,
        first_screen: bool = False,
        parent: Any = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.columns = list(columns)
        self.ids_fn = ids_fn
        self.rows_fn = rows_fn
        self.block_size = block_size
        self.cache_blocks = max(2, cache_blocks)
        # First screen: `ids_fn` also takes `limit=`; a query first fetches one block of ids
        # and rows (what the table shows), then every id in a second job.
        self.first_screen = first_screen
        self._has_font = type(self).font is not LazyTableModel.font
        self._last_block = -1
        self.query: Any = None
        self.sort_key: str | None = next((c.sort for c in self.columns if c.sort), None)
        self.sort_column = next((i for i, c in enumerate(self.columns) if c.sort), -1)
        self.descending = False
        self._ids: list[str] = []
        self._pos: dict[str, int] | None = None  # id → row, built on demand
        self._blocks: OrderedDict[int, dict[str, Any]] = OrderedDict()
        self._wanted: set[int] = set()
        self._in_flight: set[int] = set()
        self._generation = 0  # bumped by every id query
        self._block_gen = 0  # bumped whenever cached rows become stale
        self._loading = False
        self._fetch_timer = QTimer(self)
        self._fetch_timer.setSingleShot(True)
        self._fetch_timer.setInterval(0)
        self._fetch_timer.timeout.connect(self._fetch_wanted)

    # -- queries ----------------------------------------------------------------------------

    def set_query(self, query: Any) -> None:
        """Filter with a new query object (whatever `ids_fn` understands) and re-query."""
        self.query = query
        self.reload()

    def reload(self) -> None:
        """Re-query the ids (same query and order) and the first block of rows."""
        self._generation += 1
        self._block_gen += 1
        gen, block_gen = self._generation, self._block_gen
        query, sort, desc, size = self.query, self.sort_key, self.descending, self.block_size
        ids_fn, rows_fn = self.ids_fn, self.rows_fn

        self._set_loading(True)
        if self.first_screen:
            self._reload_first_screen(gen, block_gen)
            return

        def job() -> tuple[list[str], list[Any]]:
            ids = list(ids_fn(query, sort, desc))
            return ids, list(rows_fn(ids[:size])) if ids else []

        self.ctx.run(job, lambda result: self._apply_ids(gen, block_gen, *result),
                     on_error=lambda exc: self._failed(gen, exc))

    def _reload_first_screen(self, gen: int, block_gen: int) -> None:
        """One job for the first block of ids and its rows (the table shows them at once); when
        there are more, a second job for every id, whose rows then extend the table."""
        query, sort, desc, size = self.query, self.sort_key, self.descending, self.block_size
        ids_fn, rows_fn = self.ids_fn, self.rows_fn

        def first() -> tuple[list[str], list[Any], bool]:
            ids = list(ids_fn(query, sort, desc, limit=size + 1))
            more = len(ids) > size
            ids = ids[:size]
            return ids, list(rows_fn(ids)) if ids else [], more

        def rest() -> list[str]:
            return list(ids_fn(query, sort, desc))

        def first_done(result: tuple[list[str], list[Any], bool]) -> None:
            ids, rows, more = result
            if gen != self._generation:
                return
            if not more:
                self._apply_ids(gen, block_gen, ids, rows)
                return
            self._show_first(block_gen, ids, rows)

            def list_the_rest() -> None:
                if gen == self._generation:
                    self.ctx.run(rest, lambda all_ids: self._apply_rest(gen, block_gen, all_ids),
                                 on_error=lambda exc: self._failed(gen, exc))

            runner = getattr(self.ctx, "runner", None)
            if runner is None or getattr(runner, "synchronous", False):
                list_the_rest()
            else:  # after the first screen is painted: the paint does not wait for the CPU
                QTimer.singleShot(0, self, list_the_rest)

        self.ctx.run(first, first_done, on_error=lambda exc: self._failed(gen, exc))

    def _show_first(self, block_gen: int, ids: list[str], rows: list[Any]) -> None:
        if ids == self._ids[:len(ids)] and block_gen == self._block_gen \
                and self._same_first_block(rows):  # fmt: skip
            self.shown.emit()  # the screen already shows these rows
            return
        self._reset(ids, rows if block_gen == self._block_gen else None)
        self.shown.emit()

    def _apply_rest(self, gen: int, block_gen: int, ids: list[str]) -> None:
        if gen != self._generation:
            return
        old = len(self._ids)
        if ids != self._ids:
            if ids[:old] == self._ids and block_gen == self._block_gen:
                self.beginInsertRows(QModelIndex(), old, len(ids) - 1)  # the rest, under them
                self._ids = ids
                self._pos = None
                self.endInsertRows()
            else:  # the first screen changed meanwhile (or was kept from the last query)
                first = self._blocks.get(0) if block_gen == self._block_gen else None
                keep = first is not None and all(i in first for i in ids[:self.block_size])
                self._reset(ids, list(first.values()) if keep and first else None)
        self._set_loading(False)
        self.reloaded.emit(len(ids))

    def _reset(self, ids: list[str], first_rows: list[Any] | None) -> None:
        self.beginResetModel()
        self._ids = ids
        self._pos = None
        self._blocks.clear()
        self._wanted.clear()
        self._in_flight.clear()
        if ids and first_rows is not None:
            self._store_block(0, first_rows)
        self.endResetModel()

    def invalidate_rows(self) -> None:
        """Forget the cached rows (their content changed) but keep the ids and order."""
        self._blocks.clear()
        self._in_flight.clear()
        self._block_gen += 1
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(self.columns) - 1))

    def _apply_ids(self, gen: int, block_gen: int, ids: list[str], first_rows: list[Any]) -> None:
        if gen != self._generation:
            return
        if ids == self._ids and block_gen == self._block_gen and self._same_first_block(first_rows):
            # "nguyen va" → "nguyen van": the same households, the same rows: nothing to redraw
            self._set_loading(False)
            self.shown.emit()
            self.reloaded.emit(len(ids))
            return
        # rows fetched before a change to them are not kept: the view asks again
        self._reset(ids, first_rows if block_gen == self._block_gen else None)
        self._set_loading(False)
        self.shown.emit()
        self.reloaded.emit(len(ids))

    def _same_first_block(self, rows: list[Any]) -> bool:
        cached = self._blocks.get(0)
        return cached is not None and len(cached) == len(rows) and all(
            cached.get(row_id(r)) == r for r in rows)

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._generation:
            self._set_loading(False)
        from greenzone_desktop.ui.context import show_error

        show_error(None, exc)

    def _set_loading(self, value: bool) -> None:
        if value != self._loading:
            self._loading = value
            self.loading_changed.emit(value)

    @property
    def loading(self) -> bool:
        return self._loading

    # -- blocks -----------------------------------------------------------------------------

    def _store_block(self, block: int, rows: Sequence[Any]) -> None:
        self._blocks[block] = {row_id(r): r for r in rows}
        self._blocks.move_to_end(block)
        while len(self._blocks) > self.cache_blocks:
            self._blocks.popitem(last=False)

    def _row(self, row: int) -> Any | None:
        """The fetched row at `row`, or None (then its block is asked for)."""
        block = row // self.block_size
        cached = self._blocks.get(block)
        if cached is None:
            if block not in self._in_flight:
                self._wanted.add(block)
                if not self._fetch_timer.isActive():
                    self._fetch_timer.start()
            return None
        self._blocks.move_to_end(block)
        return cached.get(self._ids[row])

    def _fetch_wanted(self) -> None:
        blocks = sorted(self._wanted - self._in_flight)
        self._wanted.clear()
        if not blocks:
            return
        gen = self._block_gen
        self._in_flight.update(blocks)
        spans = {b: self._ids[b * self.block_size:(b + 1) * self.block_size] for b in blocks}
        rows_fn = self.rows_fn

        def job() -> dict[int, list[Any]]:
            return {b: list(rows_fn(ids)) for b, ids in spans.items()}

        self.ctx.run(job, lambda result: self._apply_blocks(gen, result),
                     on_error=lambda exc: self._failed(-1, exc))

    def _apply_blocks(self, gen: int, result: dict[int, list[Any]]) -> None:
        if gen != self._block_gen:
            return
        last_col = len(self.columns) - 1
        for block, rows in result.items():
            self._in_flight.discard(block)
            self._store_block(block, rows)
            first = block * self.block_size
            last = min(len(self._ids), first + self.block_size) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, last_col))
        self.rows_loaded.emit()

    def is_loaded(self, row: int) -> bool:
        block = self._blocks.get(row // self.block_size)
        return block is not None and 0 <= row < len(self._ids) and self._ids[row] in block

    # -- ids --------------------------------------------------------------------------------

    @property
    def ids(self) -> list[str]:
        return self._ids

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, item_id: str) -> int:
        """The row showing `item_id`, or -1."""
        if self._pos is None:
            self._pos = {i: n for n, i in enumerate(self._ids)}
        return self._pos.get(item_id, -1)

    def row_data(self, row: int) -> Any | None:
        """The fetched row object at `row` (None if not fetched yet)."""
        return self._row(row) if 0 <= row < len(self._ids) else None

    # -- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Qt's own index() asks rowCount() and columnCount() (two calls into Python) for every
        # cell a paint visits; one call here does the same check.
        if parent.isValid() or not (0 <= row < len(self._ids) and 0 <= column < len(self.columns)):
            return QModelIndex()
        return self.createIndex(row, column)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # Paints go through `table_views.LazyDelegate` (one call a cell); this serves the rest
        # (tooltips, tests, accessibility, copying). Plain int roles, common ones first.
        if role not in _ROLES_SHOWN:
            return None
        r = index.row()  # -1 for an invalid index
        ids = self._ids
        if not 0 <= r < len(ids):
            return None
        column = self.columns[index.column()]
        if role == ALIGN:
            return column.align_int
        if role == USER:
            return ids[r]
        if role == FONT and not self._has_font:
            return None
        row = self._shown_row(r)
        if row is None:
            if role == DISPLAY:
                return PLACEHOLDER if index.column() == 0 else ""
            return None
        if role == DISPLAY:
            return self.display(row, column)
        if role == FOREGROUND:
            return self.foreground(row, column)
        if role == TOOLTIP:
            return self.tooltip(row, column)
        return self.font(row, column)

    def _shown_row(self, r: int) -> Any | None:
        """The row at `r` for a view (None: not fetched yet, and now asked for)."""
        block = r // self.block_size
        cached = self._blocks.get(block)
        row = cached.get(self._ids[r]) if cached is not None else None
        if row is None:
            return self._row(r)
        if block != self._last_block:  # LRU: once per block, not once per cell
            self._blocks.move_to_end(block)
            self._last_block = block
        return row

    def cell(self, r: int, c: int) -> tuple[str, Column, Any]:
        """What a paint needs of one cell: its text, its column, its foreground (or None)."""
        column = self.columns[c]
        row = self._shown_row(r) if 0 <= r < len(self._ids) else None
        if row is None:
            return (PLACEHOLDER if c == 0 else ""), column, None
        return self.display(row, column), column, self.foreground(row, column)

    def display(self, row: Any, column: Column) -> str:
        """The text of one cell (subclasses may override)."""
        value = row_value(row, column.key)
        if column.fmt is not None:
            return column.fmt(value)
        return "" if value is None else str(value)

    def tooltip(self, row: Any, column: Column) -> str | None:  # noqa: ARG002
        return None

    def foreground(self, row: Any, column: Column) -> Any:  # noqa: ARG002
        return None

    def font(self, row: Any, column: Column) -> Any:  # noqa: ARG002
        return None

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        if not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = column.tooltip or column.header
            return tip if column.sort else f"{tip} (không sắp xếp theo cột này)"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align.value)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header click: re-query the ids with the column's ORDER BY (unsortable: ignored)."""
        if not 0 <= column < len(self.columns) or not self.columns[column].sort:
            return
        desc = order == Qt.SortOrder.DescendingOrder
        if column == self.sort_column and desc == self.descending and self._ids:
            return
        self.sort_column, self.sort_key, self.descending = column, self.columns[column].sort, desc
        self.reload()

