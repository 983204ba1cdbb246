"""Shared register widgets: only the latest query runs after a busy one; the search box."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from greenzone_desktop.ui.table_views import LatestQuery, SearchBox
from tests.qt_helpers import type_text


class BusyModel(QObject):
    loading_changed = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.loading = False
        self.queries: list[str] = []

    def set_query(self, query: str) -> None:
        self.queries.append(query)
        self.loading = True
        self.loading_changed.emit(True)

    def finish(self) -> None:
        self.loading = False
        self.loading_changed.emit(False)


def test_only_the_latest_query_waits_for_a_busy_model(qtbot) -> None:  # noqa: ANN001
    model = BusyModel()
    latest = LatestQuery(model)
    for text in ("t", "tr", "tra", "tran"):
        latest.set_query(text)
    assert model.queries == ["t"]  # the others wait
    model.finish()
    assert model.queries == ["t", "tran"]  # "tr" and "tra" never ran
    model.finish()
    assert model.queries == ["t", "tran"]


def test_search_box_fires_once_after_typing_and_at_once_on_enter(qtbot) -> None:  # noqa: ANN001
    box = SearchBox("Tìm")
    qtbot.addWidget(box)
    seen: list[str] = []
    box.search.connect(seen.append)
    type_text(box, "Trần")
    assert seen == []  # waits for the typing to stop
    qtbot.waitUntil(lambda: seen == ["Trần"], timeout=1000)
    type_text(box, " Thị")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert seen == ["Trần", "Trần Thị"]
    qtbot.wait(200)
    assert seen == ["Trần", "Trần Thị"]  # no second emission for the same text
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and seen[-1] == ""
