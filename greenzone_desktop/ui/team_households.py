"""Give households to a community or self-management team: those no team of its kind covers
yet, filtered by area (or code, head, address), picked one by one or all shown at once."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import teams
from greenzone_desktop.text import fold
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.small_table import Col, SmallTableModel, selected_rows, submit, table_view

COLUMNS = [
    Col("Mã hộ", lambda h: h.code),
    Col("Chủ hộ", lambda h: h.head_name),
    Col("Địa chỉ", lambda h: h.address),
    Col("Khu vực", lambda h: h.area),
]


class AssignDialog(QDialog):
    def __init__(self, ctx: AppContext, team: teams.TeamView, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.team = ctx, team
        self.setWindowTitle(f"Giao hộ cho {team.name}")
        self.resize(760, 560)
        self.all: list[teams.CoveredHousehold] = []
        self.model = SmallTableModel(COLUMNS, self)
        self.view = table_view(self.model, stretch=2, multi=True)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._count())
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Lọc theo khu vực, địa chỉ, mã hộ, chủ hộ…")
        self.filter.textChanged.connect(self._apply_filter)
        pick_all = QPushButton("Chọn tất cả hộ đang hiện")
        pick_all.clicked.connect(self.view.selectAll)
        self.info = QLabel()
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Giao cho tổ")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(pick_all)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Hộ chưa có {team.kind_label} phụ trách. Tổ đang phụ trách "
                                f"{team.households} hộ (mỗi Tổ Covid cộng đồng khoảng 60–70 hộ)."))
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.info)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        db, kind = ctx.db, team.kind
        ctx.run(lambda: teams.uncovered_households(db, kind), self._loaded, parent=self)

    def _loaded(self, rows: list[teams.CoveredHousehold]) -> None:
        self.all = rows
        self._apply_filter(self.filter.text())

    def _apply_filter(self, text: str) -> None:
        words = fold(text).split()
        shown = [h for h in self.all
                 if all(w in fold(f"{h.code} {h.head_name} {h.address} {h.area}")
                        for w in words)]
        self.model.set_rows(shown)
        self._count()

    def _count(self) -> None:
        n = len(selected_rows(self.view))
        self.info.setText(f"Đang hiện {len(self.model.rows)} hộ; đã chọn {n} hộ → tổ sẽ phụ "
                          f"trách {self.team.households + n} hộ.")

    def chosen_ids(self) -> list[str]:
        return [self.model.row_at(r).id for r in selected_rows(self.view)]

    def save(self) -> None:
        ids = self.chosen_ids()
        if not ids:
            self.error.setText("Chưa chọn hộ nào.")
            return
        db, tid = self.ctx.db, self.team.id
        submit(self.ctx, self, lambda: teams.assign_households(db, tid, ids), teams.CHANGED)
