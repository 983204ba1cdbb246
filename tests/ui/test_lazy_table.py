"""The lazy table model: ids in query order, rows fetched in blocks on the worker, SQL-side sort."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.lazy_table import PLACEHOLDER, RIGHT, Column, LazyTableModel
from greenzone_desktop.ui.tasks import TaskRunner


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    size: int


DATA = {f"id{n:04d}": Row(f"id{n:04d}", f"Tên {n % 37:02d}", n % 11) for n in range(1000)}
COLUMNS = [
    Column("Tên", "name", sort="name", tooltip="Họ và tên"),
    Column("Số người", "size", align=RIGHT, sort="size", fmt=lambda v: f"{v} người"),
    Column("Mã", "id"),
]


class FakeService:
    """Stands in for a service: filters and orders in the 'database', counts its calls."""

    def __init__(self) -> None:
        self.id_calls: list[tuple] = []
        self.row_calls: list[int] = []

    def ids(self, query: str | None, sort: str | None, desc: bool) -> list[str]:
        self.id_calls.append((query, sort, desc))
        rows = [r for r in DATA.values() if not query or query in r.name]
        rows.sort(key=lambda r: (getattr(r, sort or "id"), r.id), reverse=desc)
        return [r.id for r in rows]

    def rows(self, ids: list[str]) -> list[Row]:
        self.row_calls.append(len(ids))
        return [DATA[i] for i in reversed(ids)]  # any order: the model maps by id


@pytest.fixture
def service() -> FakeService:
    return FakeService()


@pytest.fixture
def model(qtbot, service: FakeService) -> LazyTableModel:  # noqa: ANN001
    ctx = AppContext(None, TaskRunner(synchronous=True))  # type: ignore[arg-type]
    m = LazyTableModel(ctx, COLUMNS, ids_fn=service.ids, rows_fn=service.rows, block_size=100,
                       cache_blocks=3)
    m.reload()
    return m


def test_model_tester(qtmodeltester, model: LazyTableModel) -> None:  # noqa: ANN001
    qtmodeltester.check(model)


def test_first_block_comes_with_the_ids(model: LazyTableModel, service: FakeService) -> None:
    assert model.rowCount() == 1000
    assert service.row_calls == [100]  # one job: ids + the first block, nothing else
    assert model.index(0, 0).data() == "Tên 00"
    assert model.index(0, 1).data() == "0 người"
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT.value)
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "Họ và tên"


def test_rows_further_down_are_fetched_in_one_block(qtbot, model: LazyTableModel,  # noqa: ANN001
                                                    service: FakeService) -> None:
    assert model.index(550, 0).data() == PLACEHOLDER
    assert model.index(560, 1).data() == ""
    with qtbot.waitSignal(model.dataChanged, timeout=1000):
        pass
    assert service.row_calls == [100, 100]
    assert model.is_loaded(550) and model.is_loaded(599) and not model.is_loaded(600)
    assert model.index(550, 2).data() == model.id_at(550)


def test_cache_keeps_only_the_recent_blocks(qtbot, model: LazyTableModel,  # noqa: ANN001
                                             service: FakeService) -> None:
    for row in (150, 250, 350, 450):
        model.index(row, 0).data()
        qtbot.waitUntil(lambda row=row: model.is_loaded(row), timeout=1000)
    assert not model.is_loaded(0) and not model.is_loaded(150)
    assert model.is_loaded(250) and model.is_loaded(450)


def test_sort_requeries_with_another_order(model: LazyTableModel, service: FakeService) -> None:
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert service.id_calls[-1] == (None, "size", True)
    assert model.index(0, 1).data() == "10 người"
    model.sort(2, Qt.SortOrder.AscendingOrder)  # not sortable: ignored
    assert len(service.id_calls) == 2


def test_query_filters_and_keeps_ids(model: LazyTableModel, service: FakeService) -> None:
    with_signal = []
    model.reloaded.connect(with_signal.append)
    model.set_query("Tên 05")
    assert with_signal == [len([r for r in DATA.values() if "Tên 05" in r.name])]
    assert all(model.index(r, 0).data() == "Tên 05" for r in range(model.rowCount()))
    first = model.id_at(3)
    assert first is not None and model.row_of(first) == 3
    assert model.id_at(10_000) is None and model.row_of("nope") == -1


def test_stale_answers_are_dropped(qtbot, service: FakeService) -> None:  # noqa: ANN001
    """A slow answer to an earlier query never replaces the answer to the latest one."""
    pending: list = []

    class Deferred:
        def run(self, fn, on_done, **_kw):  # noqa: ANN001, ANN003, ANN201
            pending.append((fn, on_done))

    m = LazyTableModel(Deferred(), COLUMNS, ids_fn=service.ids, rows_fn=service.rows)
    m.set_query("Tên 01")
    m.set_query("Tên 02")
    assert m.loading
    latest = pending.pop()
    latest[1](latest[0]())
    old = pending.pop()
    old[1](old[0]())
    assert not m.loading
    assert {m.index(r, 0).data() for r in range(m.rowCount())} == {"Tên 02"}


def test_invalidate_refetches_visible_rows(qtbot, model: LazyTableModel,  # noqa: ANN001
                                           service: FakeService) -> None:
    model.invalidate_rows()
    assert model.index(0, 0).data() == PLACEHOLDER
    qtbot.waitUntil(lambda: model.is_loaded(0), timeout=1000)
    assert model.index(0, 0).data() == "Tên 00"


def test_threaded_runner(qtbot, service: FakeService) -> None:  # noqa: ANN001
    runner = TaskRunner()
    ctx = AppContext(None, runner)  # type: ignore[arg-type]
    m = LazyTableModel(ctx, COLUMNS, ids_fn=service.ids, rows_fn=service.rows)
    with qtbot.waitSignal(m.reloaded, timeout=5000):
        m.set_query("Tên 1")
    assert m.rowCount() > 0 and m.index(0, 0).data().startswith("Tên 1")
    runner.wait()


class LimitedService(FakeService):
    """`ids` also answers the first screen (`limit=`), as the households list does."""

    def ids(self, query: str | None, sort: str | None, desc: bool,  # type: ignore[override]
            limit: int | None = None) -> list[str]:
        ids = super().ids(query, sort, desc)
        self.id_calls[-1] = (query, sort, desc, limit)
        return ids if limit is None else ids[:limit]


@pytest.fixture
def screen_model(qtbot, qtmodeltester) -> tuple[LazyTableModel, LimitedService]:  # noqa: ANN001
    service = LimitedService()
    ctx = AppContext(None, TaskRunner(synchronous=True))  # type: ignore[arg-type]
    m = LazyTableModel(ctx, COLUMNS, ids_fn=service.ids, rows_fn=service.rows, block_size=100,
                       cache_blocks=3, first_screen=True)
    qtmodeltester.check(m)
    return m, service


def test_first_screen_is_shown_before_every_id_is_listed(
        screen_model: tuple[LazyTableModel, LimitedService]) -> None:
    model, service = screen_model
    events: list[tuple[str, int]] = []
    model.shown.connect(lambda: events.append(("shown", model.rowCount())))
    model.rowsInserted.connect(lambda _p, first, last: events.append(("inserted", last + 1)))
    model.reloaded.connect(lambda n: events.append(("reloaded", n)))
    model.reload()
    assert events == [("shown", 100), ("inserted", 1000), ("reloaded", 1000)]
    assert [c[3] for c in service.id_calls] == [101, None]  # one block (+1: are there more?)
    assert service.row_calls == [100]  # the first screen's rows are kept under the rest
    assert model.is_loaded(99) and model.index(0, 0).data() == "Tên 00"
    assert not model.loading


def test_a_short_result_takes_one_job(screen_model: tuple[LazyTableModel, LimitedService]
                                      ) -> None:
    model, service = screen_model
    shown: list[int] = []
    model.shown.connect(lambda: shown.append(model.rowCount()))
    model.set_query("Tên 05 ")  # matches nothing
    model.set_query("Tên 0")  # 10 names × 27 rows: more than a screen
    model.set_query("Tên 36")
    assert shown == [0, 100, 27] and model.rowCount() == 27
    assert [c[3] for c in service.id_calls] == [101, 101, None, 101]


def test_same_first_screen_keeps_its_rows_and_the_rest_replaces_the_list(
        screen_model: tuple[LazyTableModel, LimitedService]) -> None:
    model, service = screen_model
    model.set_query("Tên")  # every row
    assert model.rowCount() == 1000
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    n0 = len(service.ids("Tên 0", "name", False))
    model.set_query("Tên 0")  # the same first screen ("Tên 00" …): only the list is replaced
    assert resets == [n0] and model.rowCount() == n0
    resets.clear()
    n1 = len(service.ids("Tên 1", "name", False))
    model.set_query("Tên 1")  # starts differently: first screen replaced, then the rest added
    assert resets == [100] and model.rowCount() == n1
    assert model.index(0, 0).data() == "Tên 10" and model.is_loaded(0)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 1).data() == "10 người" and model.rowCount() == n1
