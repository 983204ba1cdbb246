"""Two tabs of the health page: the households in home quarantine (flagged "đang cách ly tại
nhà", with their commitment), and vaccination coverage by area and age band."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import commitments, health, vaccination
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.text import format_decimal, format_number
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.health_dialogs import DoseDialog
from greenzone_desktop.ui.health_models import GREEN, RED, fmt_date
from greenzone_desktop.ui.lazy_table import CENTER, RIGHT, Column
from greenzone_desktop.ui.small_table import SmallTableModel, airy
from greenzone_desktop.vocab import CommitmentKind


def table(model: Any, *, stretch: int | None = None) -> QTableView:
    """A table whose columns the user may widen (`resizeColumnsToContents` after loading);
    column `stretch` takes the spare width and gives way first on a narrow window (without it,
    the last column takes the spare width and the row numbers show)."""
    view = QTableView()
    airy(view)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(24)
    if stretch is None:
        view.horizontalHeader().setStretchLastSection(True)
    else:
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


QUARANTINE_COLUMNS = [
    Column("Mã hộ", "code"),
    Column("Chủ hộ", "head_name"),
    Column("Tình trạng", "household_id", fmt=lambda _v: health.HOME_QUARANTINE_LABEL),
    Column("Cam kết cách ly tại nhà", "has_commitment", align=CENTER,
           fmt=lambda v: "Đã ký" if v else "CHƯA KÝ"),
    Column("Từ ngày", "since", align=CENTER, fmt=fmt_date),
    Column("Dự kiến đến", "until", align=CENTER, fmt=fmt_date),
    Column("Tổ/Thôn", "area"),
    Column("Người cách ly", "people", fmt=lambda v: ", ".join(v)),
    Column("Địa chỉ", "address"),
]


class QuarantineTab(QWidget):
    """Households with a member in home quarantine: the flag and the commitment they need."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = SmallTableModel(
            QUARANTINE_COLUMNS,
            colour=lambda r, c: (RED if not r.has_commitment else GREEN)
            if c.key in ("has_commitment", "household_id") else None,
            bold=lambda r, c: c.key == "has_commitment" and not r.has_commitment)
        self.view = table(self.model, stretch=7)  # the names are cut first (tooltip: all)
        self.view.doubleClicked.connect(self._open)
        self.summary = QLabel("")
        self.summary.setProperty("role", "title")
        self.open_button = QPushButton("Mở hộ…")
        self.open_button.clicked.connect(lambda: self._open(self.view.currentIndex()))
        self.sign_button = QPushButton("Ghi đã ký cam kết hôm nay")
        self.sign_button.setToolTip("Ghi các hộ đang chọn đã ký cam kết cách ly tại nhà hôm nay")
        self.sign_button.clicked.connect(self.sign_selected)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.sign_button)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)

    def refresh(self) -> None:
        self.ctx.run(lambda: health.home_quarantine_households(self.ctx.db, date.today()),
                     self._show, parent=self)

    def _show(self, rows: list[health.QuarantineHousehold]) -> None:
        self.model.set_rows(rows)
        missing = sum(1 for r in rows if not r.has_commitment)
        self.summary.setText(f"{format_number(len(rows))} hộ đang cách ly tại nhà — "
                             f"{format_number(missing)} hộ chưa ký cam kết"
                             if rows else "Không có hộ nào đang cách ly tại nhà.")
        self.view.resizeColumnsToContents()

    def select_household(self, household_id: str) -> bool:
        for i, r in enumerate(self.model.rows):
            if r.household_id == household_id:
                self.view.selectRow(i)
                return True
        return False

    def sign_selected(self) -> None:
        rows = {i.row() for i in self.view.selectionModel().selectedRows()}
        ids = [r.household_id for r in (self.model.row_at(i) for i in sorted(rows))
               if r is not None and not r.has_commitment]
        if not ids:
            return
        self.ctx.run(lambda: commitments.mark_signed(
            self.ctx.db, ids, kind=CommitmentKind.QUARANTINE.value, signed_on=date.today(),
            skip_signed=False),  # an older quarantine's commitment does not cover this one
            lambda result: self.ctx.announce(result.changes | Changes(health=True)), parent=self)

    def _open(self, index: Any) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.ctx.navigate("households", household_id=row.household_id)


def _pct(b: vaccination.BandCoverage, which: str) -> str:
    if not b.people:
        return "—"
    n, pct = (b.one_dose, b.one_dose_pct) if which == "one" else (b.full, b.full_pct)
    return f"{format_number(n)} ({format_decimal(pct)} %)"


class CoverageTab(QWidget):
    """Coverage figures: one row for the unit, one per area; per band ≥ 1 dose and full."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        columns = [Column("Địa bàn", "area")]
        for code, label, *_ in vaccination.AGE_BANDS:
            columns += [Column(f"{label}\nsố người", f"{code}:people", align=RIGHT),
                        Column(f"{label}\n≥ 1 mũi", f"{code}:one", align=RIGHT),
                        Column(f"{label}\nđủ mũi", f"{code}:full", align=RIGHT)]
        self.model = SmallTableModel(columns, bold=lambda r, _c: r["id"] == "")
        self.view = table(self.model)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.verticalHeader().setVisible(False)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        add = QPushButton("Thêm mũi tiêm…")
        add.clicked.connect(self.add_dose)
        top = QHBoxLayout()
        title = QLabel("Tỷ lệ tiêm vắc-xin theo nhóm tuổi")
        title.setProperty("role", "title")
        top.addWidget(title, 1)
        top.addWidget(add)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)

    def refresh(self) -> None:
        self.ctx.run(lambda: vaccination.coverage(self.ctx.db, date.today()), self._show,
                     parent=self)

    def _show(self, cov: vaccination.Coverage) -> None:
        rows = []
        for area in ["", *cov.area_names]:
            row: dict[str, Any] = {"id": area, "area": area or "Toàn đơn vị"}
            for code, *_ in vaccination.AGE_BANDS:
                b = cov.band(code, area)
                row[f"{code}:people"] = format_number(b.people)
                row[f"{code}:one"] = _pct(b, "one")
                row[f"{code}:full"] = _pct(b, "full")
            rows.append(row)
        self.model.set_rows(rows)
        # sized once per load (a header sizing itself while the tab was hidden drew its
        # sections out of line with the cells)
        self.view.resizeColumnsToContents()
        self.note.setText(
            f"Tính đến ngày {cov.day.strftime('%d/%m/%Y')}; tiêm đủ = {cov.full_doses} mũi "
            "(sửa trong quy định). Không tính người tạm vắng"
            + (f"; {format_number(cov.unknown_age)} người chưa rõ năm sinh." if cov.unknown_age
               else "."))

    def add_dose(self) -> None:
        dialog = DoseDialog(self.ctx, self)
        if dialog.exec():
            self.ctx.announce(Changes(health=True, persons=True))

