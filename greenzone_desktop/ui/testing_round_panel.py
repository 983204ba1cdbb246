"""The fast tick screen of one testing round: type or scan a household code and press Enter to
tick all its members, or find people by search; the "chưa xét nghiệm" list stays in view and
shrinks as people are ticked; results are recorded on the tested list."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import testing, testing_lists, testing_marks
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.text import format_number
from greenzone_desktop.ui.context import AppContext, error_text
from greenzone_desktop.ui.health_tabs import table
from greenzone_desktop.ui.lazy_table import CENTER, RIGHT, Column, LazyTableModel
from greenzone_desktop.ui.small_table import SmallTableModel
from greenzone_desktop.vocab import TestOutcome

PEOPLE = [Column("Họ và tên", "full_name"), Column("Ngày sinh", "birth_text", align=CENTER),
          Column("Mã hộ", "household_code"), Column("Địa chỉ", "address"),
          Column("Tổ/Thôn", "area")]
TESTED = [*PEOPLE, Column("Kết quả", "outcome",
                          fmt=lambda v: TestOutcome(v).label if v else ""),
          Column("Mã ống mẫu", "pool_code")]
LEFT_COLUMNS = [Column("Mã hộ", "code"), Column("Chủ hộ", "head_name"), Column("Tổ/Thôn", "area"),
                Column("Còn thiếu", "left", align=RIGHT, fmt=lambda v: f"{v} người")]


class RoundPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.round_id: str | None = None
        self.round: testing.RoundView | None = None
        self.title = QLabel("Chọn hoặc tạo một đợt xét nghiệm.")
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.untested_label = QLabel("")
        big = QFont()
        big.setPointSize(16)
        big.setBold(True)
        self.untested_label.setFont(big)
        self.untested_label.setStyleSheet("color: #c0392b;")
        self.progress = QLabel("")
        self.code = QLineEdit()
        self.code.setPlaceholderText("Gõ hoặc quét mã hộ rồi nhấn Enter: đánh dấu cả hộ đã xét nghiệm")
        self.code.returnPressed.connect(self.tick_code)
        self.feedback = QLabel("")
        self.feedback.setWordWrap(True)
        db = ctx.db
        self.untested = LazyTableModel(
            ctx, PEOPLE, ids_fn=lambda q, _s, _d: testing_lists.untested_ids(db, *q) if q and q[0] else [],
            rows_fn=lambda ids: testing_lists.round_rows(db, self._rid(), list(ids)))
        self.tested = LazyTableModel(
            ctx, TESTED, ids_fn=lambda q, _s, _d: testing_lists.tested_ids(db, *q) if q and q[0] else [],
            rows_fn=lambda ids: testing_lists.round_rows(db, self._rid(), list(ids)))
        self.left = SmallTableModel(LEFT_COLUMNS)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._untested_tab(), "Chưa xét nghiệm")
        self.tabs.addTab(self._tested_tab(), "Đã xét nghiệm")
        self.left_view = table(self.left)
        self.left_view.doubleClicked.connect(self._tick_left)
        self.tabs.addTab(self.left_view, "Hộ còn thiếu")
        self.tabs.currentChanged.connect(lambda _i: self._load_left())
        tick_row = QHBoxLayout()
        tick_row.addWidget(QLabel("Mã hộ:"))
        tick_row.addWidget(self.code, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.untested_label)
        layout.addWidget(self.progress)
        layout.addLayout(tick_row)
        layout.addWidget(self.feedback)
        layout.addWidget(self.tabs, 1)
        self.setEnabled(False)

    def _rid(self) -> str:
        return self.round_id or ""

    def _untested_tab(self) -> QWidget:
        box = QWidget()
        self.untested_search = QLineEdit()
        self.untested_search.setPlaceholderText("Tìm người chưa xét nghiệm (tên, CCCD, mã hộ)…")
        self.untested_search.setClearButtonEnabled(True)
        self.untested_search.textChanged.connect(lambda _t: self._query_untested())
        mark = QPushButton("Đánh dấu đã xét nghiệm")
        mark.clicked.connect(self.tick_selected)
        self.untested_view = self._lazy_view(self.untested, fit=True)
        self.untested_view.doubleClicked.connect(lambda _i: self.tick_selected())
        bar = QHBoxLayout()
        bar.addWidget(self.untested_search, 1)
        bar.addWidget(mark)
        layout = QVBoxLayout(box)
        layout.addLayout(bar)
        layout.addWidget(self.untested_view, 1)
        return box

    def _tested_tab(self) -> QWidget:
        box = QWidget()
        self.tested_search = QLineEdit()
        self.tested_search.setPlaceholderText("Tìm người đã xét nghiệm…")
        self.tested_search.setClearButtonEnabled(True)
        self.tested_search.textChanged.connect(lambda _t: self._query_tested())
        self.pool_code = QLineEdit()
        self.pool_code.setPlaceholderText("Mã ống mẫu")
        self.pool_code.setMaximumWidth(130)
        bar = QHBoxLayout()
        bar.addWidget(self.tested_search, 1)
        bar.addWidget(self.pool_code)
        for outcome in (TestOutcome.NEGATIVE, TestOutcome.POSITIVE, TestOutcome.PENDING):
            b = QPushButton(outcome.label)
            b.clicked.connect(lambda _c=False, o=outcome.value: self.record(o))
            bar.addWidget(b)
        undo = QPushButton("Bỏ đánh dấu")
        undo.clicked.connect(self.untick_selected)
        bar.addWidget(undo)
        to_f0 = QPushButton("Ghi F0…")
        to_f0.setToolTip("Ghi những người dương tính đã chọn là F0 từ ngày lấy mẫu")
        to_f0.clicked.connect(self.positives_to_f0)
        bar.addWidget(to_f0)
        self.tested_view = self._lazy_view(self.tested)
        layout = QVBoxLayout(box)
        layout.addLayout(bar)
        layout.addWidget(self.tested_view, 1)
        return box

    @staticmethod
    def _lazy_view(model: LazyTableModel, *, fit: bool = False) -> QTableView:
        """`fit`: the address gives way so that every column shows without scrolling."""
        view = table(model, stretch=3) if fit else table(model)
        view.setWordWrap(False)
        for i, w in enumerate((180, 85, 80, 200, 70)):
            if not (fit and i == 3):
                view.setColumnWidth(i, w)
        return view

    # -- loading ----------------------------------------------------------------------------

    def show_round(self, round_id: str | None) -> None:
        self.round_id = round_id
        self.setEnabled(round_id is not None)
        self.feedback.setText("")
        self.refresh()

    def refresh(self) -> None:
        if not self.round_id:
            self.round = None
            self.title.setText("Chọn hoặc tạo một đợt xét nghiệm.")
            self.untested_label.setText("")
            self.progress.setText("")
            self.untested.set_query(("", ""))
            self.tested.set_query(("", ""))
            self.left.set_rows([])
            return
        rid = self.round_id
        self.ctx.run(lambda: (testing.get_round(self.ctx.db, rid),
                              testing.round_progress(self.ctx.db, rid)),
                     self._show_progress, parent=self)
        self._query_untested()
        self._query_tested()
        self._load_left()

    def _query_untested(self) -> None:
        self.untested.set_query((self._rid(), self.untested_search.text()))

    def _query_tested(self) -> None:
        self.tested.set_query((self._rid(), self.tested_search.text()))

    def _load_left(self) -> None:
        if self.tabs.currentWidget() is not self.left_view or not self.round_id:
            return
        rid = self.round_id
        self.ctx.run(lambda: testing_lists.households_left(self.ctx.db, rid),
                     self.left.set_rows, parent=self)

    def _show_progress(self, result: tuple[testing.RoundView, testing.RoundProgress]) -> None:
        r, p = result
        if r.id != self.round_id:
            return
        self.round = r
        closed = " — ĐÃ ĐÓNG" if r.closed else ""
        self.title.setText(f"{r.name}{closed}<br><small>{r.method_text}; {r.scope_text}</small>")
        if p.untested:
            self.untested_label.setStyleSheet("color: #c0392b;")
            self.untested_label.setText(f"Chưa xét nghiệm: {format_number(p.untested)} người")
        else:
            self.untested_label.setStyleSheet("color: #1e8449;")
            self.untested_label.setText("Đã xét nghiệm đủ, không bỏ sót ai.")
        self.progress.setText(
            f"Đã xét nghiệm {format_number(p.tested)}/{format_number(p.expected)} người · "
            f"âm tính {format_number(p.negative)} · "
            f"dương tính {format_number(p.positive)} · chờ kết quả {format_number(p.pending)}"
            + (f" · ngoài danh sách {format_number(p.outside)}" if p.outside else ""))
        self.tabs.setTabText(0, f"Chưa xét nghiệm ({format_number(p.untested)})")
        self.tabs.setTabText(1, f"Đã xét nghiệm ({format_number(p.tested + p.outside)})")
        self.code.setEnabled(not r.closed)

    # -- ticking ----------------------------------------------------------------------------

    def _say(self, text: str, ok: bool) -> None:
        self.feedback.setStyleSheet("color: #1e8449;" if ok else "color: #c0392b;")
        self.feedback.setText(text)

    def tick_code(self) -> None:
        code, rid = self.code.text().strip(), self.round_id
        if not code or not rid:
            return
        self.ctx.run(lambda: testing_marks.tick_household(self.ctx.db, rid, code), self._ticked,
                     parent=self, on_error=lambda exc: self._failed(exc))

    def _ticked(self, tick: testing_marks.HouseholdTick) -> None:
        self._say(tick.message, True)
        self.code.clear()
        self.code.setFocus()
        self.ctx.announce(Changes(testing=True))

    def _failed(self, exc: BaseException) -> None:
        self._say(error_text(exc), False)
        self.code.selectAll()
        self.code.setFocus()

    def _selected(self, view: QTableView, model: LazyTableModel) -> list[str]:
        rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
        if not rows and view.currentIndex().isValid():
            rows = [view.currentIndex().row()]
        return [pid for pid in (model.id_at(r) for r in rows) if pid]

    def tick_selected(self) -> None:
        ids, rid = self._selected(self.untested_view, self.untested), self.round_id
        if ids and rid:
            self.ctx.run(lambda: testing_marks.mark_tested(self.ctx.db, rid, ids),
                         lambda c: self._done(c, f"Đã đánh dấu {format_number(len(ids))} người."),
                         parent=self, on_error=self._failed)

    def _tick_left(self, index: Any) -> None:
        row = self.left.row_at(index.row())
        if row is not None:
            self.code.setText(row.code)
            self.tick_code()

    def untick_selected(self) -> None:
        ids, rid = self._selected(self.tested_view, self.tested), self.round_id
        if ids and rid:
            self.ctx.run(lambda: testing_marks.unmark_tested(self.ctx.db, rid, ids),
                         lambda c: self._done(
                             c, f"Đã bỏ đánh dấu {format_number(len(ids))} người."),
                         parent=self, on_error=self._failed)

    def record(self, outcome: str) -> None:
        ids, rid = self._selected(self.tested_view, self.tested), self.round_id
        pool = self.pool_code.text().strip() or None
        if ids and rid:
            label = TestOutcome(outcome).label.lower()
            self.ctx.run(lambda: testing_marks.record_results(self.ctx.db, rid, ids, outcome,
                                                              pool_code=pool),
                         lambda c: self._done(
                             c, f"Đã ghi kết quả {label} cho {format_number(len(ids))} người."),
                         parent=self, on_error=self._failed)

    def positives_to_f0(self) -> None:
        ids, rid = self._selected(self.tested_view, self.tested), self.round_id
        if not ids or not rid:
            return

        def done(result: tuple[int, int]) -> None:
            added, already = result
            text = f"Đã ghi {format_number(added)} người là F0"
            text += f"; {format_number(already)} người đã là F0 từ trước." if already else "."
            self._done(Changes(health=True, households=True), text)

        self.ctx.run(lambda: testing_marks.positives_to_f0(self.ctx.db, rid, ids), done,
                     parent=self, on_error=self._failed)

    def _done(self, changes: Changes, text: str) -> None:
        self._say(text, True)
        self.ctx.announce(changes)
