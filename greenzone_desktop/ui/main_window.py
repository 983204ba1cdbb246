"""The main window: a sidebar of pages, the page stack, and a status bar naming the unit."""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.units import home_unit
from greenzone_desktop.ui import ui_settings
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.pages import PAGES


def load_pages() -> list[tuple[str, type[QWidget]]]:
    """The page classes whose modules exist, in sidebar order."""
    found = []
    for page_id, module_name, class_name in PAGES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        found.append((page_id, getattr(module, class_name)))
    return found


def _scroll_area() -> QScrollArea:
    """A frameless scroll area for a page: a page wider or taller than a small screen
    (1366×768 with the sidebar) scrolls instead of pushing the window off the screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, *, remember_geometry: bool = True):
        super().__init__()
        self.ctx = ctx
        self.remember_geometry = remember_geometry
        unit = home_unit(ctx.db)
        self.setWindowTitle(f"Sổ Vùng Xanh — {unit.display_name}")
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(200)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}  # built so far: a page is built when first shown
        self._classes: dict[str, type[QWidget]] = {}
        self._areas: dict[str, QScrollArea] = {}
        for page_id, cls in load_pages():
            available = getattr(cls, "available", None)
            if available is not None and not available(ctx):
                continue  # e.g. the ward page in a village database
            self._classes[page_id] = cls
            self._areas[page_id] = _scroll_area()
            self.stack.addWidget(self._areas[page_id])
            item = QListWidgetItem(getattr(cls, "title", page_id))
            item.setData(Qt.ItemDataRole.UserRole, page_id)
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self._show_row)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.unit_label = QLabel(unit.display_name)
        self.path_label = QLabel(str(ctx.db.path))
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.unit_label)
        self.statusBar().addPermanentWidget(self.path_label)
        ctx.changed.connect(self._broadcast)
        ctx.navigate_requested.connect(self.show_page)
        self._shortcuts()
        if self.sidebar.count():
            self.sidebar.setCurrentRow(0)
        if remember_geometry:
            geometry = ui_settings.get("window/geometry")
            if isinstance(geometry, QByteArray | bytes) and geometry:
                self.restoreGeometry(geometry)
            else:
                self.resize(1366, 740)

    def _shortcuts(self) -> None:
        for i in range(min(9, self.sidebar.count())):
            act = QAction(self)
            act.setShortcut(QKeySequence(f"Alt+{i + 1}"))
            act.triggered.connect(lambda _=False, row=i: self.sidebar.setCurrentRow(row))
            self.addAction(act)

    def _broadcast(self, changes: Changes) -> None:
        for page in self.pages.values():
            handler = getattr(page, "on_changes", None)
            if handler:
                handler(changes)

    def page(self, page_id: str) -> QWidget | None:
        """The page, built now if it has not been shown yet (None if not in this build)."""
        page = self.pages.get(page_id)
        if page is None and page_id in self._classes:
            page = self._classes[page_id](self.ctx)
            page.setObjectName(f"page_{page_id}")
            self.pages[page_id] = page
            self._areas[page_id].setWidget(page)
        return page

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        self.page(self.sidebar.item(row).data(Qt.ItemDataRole.UserRole))
        self.stack.setCurrentIndex(row)

    def show_page(self, page_id: str, target: dict[str, Any] | None = None) -> QWidget | None:
        page = self.page(page_id)
        if page is None:
            return None
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == page_id:
                self.sidebar.setCurrentRow(row)
        if target and hasattr(page, "show_target"):
            page.show_target(**target)
        return page

    def current_page(self) -> QWidget | None:
        area = self.stack.currentWidget()
        return area.widget() if isinstance(area, QScrollArea) else None

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if self.remember_geometry:
            ui_settings.put("window/geometry", self.saveGeometry())
        self.ctx.runner.wait(10000)
        super().closeEvent(event)
