"""Conflicts left by imports, decided field by field: for each field both sides changed, keep
this PC's value or take the one received. Nothing is dropped until a person chooses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.handoff_conflicts import (
    LOCAL,
    REMOTE,
    ConflictView,
    list_conflicts,
    resolve_conflict,
)
from greenzone_desktop.ui.context import AppContext, error_text
from greenzone_desktop.ui.handoff_models import RED
from greenzone_desktop.ui.small_table import Col, SmallTableModel, airy, table_view

CONFLICT_COLUMNS = [
    Col("Dữ liệu", lambda c: c.table_label),
    Col("Dòng", lambda c: c.row_label),
    Col("Trường xung đột", lambda c: ", ".join(f.label for f in c.fields)),
]
CHOICES = (("Giữ bản ở máy này", LOCAL), ("Lấy bản nhận được", REMOTE))


class ConflictsPanel(QWidget):
    """The list of open conflicts and, for the selected one, a choice per field."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.heading = QLabel("Xung đột chờ quyết định")
        self.heading.setStyleSheet("font-weight: bold;")
        self.model = SmallTableModel(CONFLICT_COLUMNS, self)
        self.list_view = table_view(self.model, stretch=2)
        self.list_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_fields())
        self.fields = QTableWidget(0, 5)
        airy(self.fields)
        self.fields.setHorizontalHeaderLabels(
            ["Trường", "Máy này", "Nhận được", "Trước đây", "Chọn giữ bản nào"])
        self.fields.verticalHeader().setVisible(False)
        self.fields.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.fields.setWordWrap(True)
        header = self.fields.horizontalHeader()
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       *[QHeaderView.ResizeMode.Stretch] * 3,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.apply_button = QPushButton("Áp dụng lựa chọn")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.all_remote = QPushButton("Lấy bản nhận được cho cả dòng")
        self.all_remote.setEnabled(False)
        self.all_remote.clicked.connect(lambda: self._choose_all(REMOTE))
        self.status = QLabel("")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.all_remote)
        buttons.addWidget(self.apply_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.fields, 1)
        lower_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list_view)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)

    def reload(self) -> None:
        self.ctx.run(lambda: list_conflicts(self.ctx.db), self._loaded, parent=self)

    def _loaded(self, conflicts: list[ConflictView]) -> None:
        self.model.set_rows(conflicts)
        n = len(conflicts)
        self.heading.setText(f"Xung đột chờ quyết định: {n}" if n else
                             "Không có xung đột nào chờ quyết định.")
        if n:
            self.list_view.selectRow(0)
        self._show_fields()

    def current(self) -> ConflictView | None:
        index = self.list_view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_fields(self) -> None:
        conflict = self.current()
        fields = conflict.fields if conflict else ()
        for row in range(self.fields.rowCount()):
            old = self.fields.cellWidget(row, 4)
            if old is not None:
                old.hide()  # deleted later by the view; hidden now so it never shows stale
        self.fields.setRowCount(0)
        self.fields.setRowCount(len(fields))
        for i, f in enumerate(fields):
            for j, text in enumerate((f.label, f.local, f.remote, f.base)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.fields.setItem(i, j, item)
            combo = QComboBox()
            combo.addItem("— chọn —", None)
            for label, value in CHOICES:
                combo.addItem(label, value)
            combo.currentIndexChanged.connect(self._update_buttons)
            self.fields.setCellWidget(i, 4, combo)
        self.fields.resizeRowsToContents()
        self.all_remote.setEnabled(bool(fields))
        self._update_buttons()

    def combo(self, row: int) -> QComboBox:
        widget = self.fields.cellWidget(row, 4)
        assert isinstance(widget, QComboBox)
        return widget

    def _choices(self) -> dict[str, str]:
        conflict = self.current()
        if conflict is None:
            return {}
        return {f.field: self.combo(i).currentData() for i, f in enumerate(conflict.fields)
                if self.combo(i).currentData()}

    def _update_buttons(self) -> None:
        conflict = self.current()
        ready = conflict is not None and len(self._choices()) == len(conflict.fields)
        self.apply_button.setEnabled(ready)

    def _choose_all(self, side: str) -> None:
        for i in range(self.fields.rowCount()):
            combo = self.combo(i)
            combo.setCurrentIndex(combo.findData(side))

    def apply(self) -> None:
        conflict = self.current()
        if conflict is None:
            return
        choices = self._choices()

        def done(changes: object) -> None:
            self.status.setStyleSheet("")
            self.status.setText(f"Đã giải quyết: {conflict.row_label}. Lựa chọn sẽ được gửi "
                                "đi trong gói tới.")
            self.ctx.announce(changes)  # type: ignore[arg-type]
            self.reload()

        def failed(exc: BaseException) -> None:
            self.status.setStyleSheet(f"color: {RED};")
            self.status.setText(error_text(exc))

        self.ctx.run(lambda: resolve_conflict(self.ctx.db, conflict.id, choices), done,
                     parent=self, on_error=failed)
