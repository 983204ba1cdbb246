"""A new risk assessment (figures from the register, the proposed level, confirm or override
with a reason) and the editable threshold presets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services import risk
from greenzone_desktop.services.risk_print import figure_rows
from greenzone_desktop.ui.context import AppContext, error_text
from greenzone_desktop.ui.small_table import date_edit, edit_date
from greenzone_desktop.vocab import RISK_COLOUR_NAMES, RISK_COLOURS, RiskLevel

TEXT_ON = {"1": "white", "2": "black", "3": "black", "4": "white"}
# thresholds read and typed the Vietnamese way: 23,5 (a dot would be a thousands separator)
DECIMAL_COMMA = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def level_style(level: str) -> str:
    return (f"background:{RISK_COLOURS[level]}; color:{TEXT_ON[level]}; padding:4px 10px; "
            "border-radius:4px; font-weight:bold;")


class AssessmentDialog(QDialog):
    def __init__(self, ctx: AppContext, presets: dict[str, dict], default_preset: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.presets = presets
        self.on_save: Callable[[AssessmentDialog], None] | None = None
        self.figures: risk.RiskFigures | None = None
        self.proposal: risk.Proposal | None = None
        self.setWindowTitle("Đánh giá mức độ nguy cơ")
        self.resize(640, 600)
        self.day = date_edit(date.today())
        self.day.dateChanged.connect(lambda _d: self.recompute())
        self.assessors = QLineEdit()
        self.assessors.setPlaceholderText("Ví dụ: Ban Chỉ đạo phòng, chống dịch tổ dân phố")
        self.preset = QComboBox()
        for code, p in presets.items():
            self.preset.addItem(p.get("name", code), code)
        self.preset.setCurrentIndex(max(0, self.preset.findData(default_preset)))
        self.preset.currentIndexChanged.connect(lambda _i: self._propose())
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Chỉ số", "Giá trị"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.proposed = QLabel("Đang tính…")
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.level = QComboBox()
        for lv in RiskLevel:
            self.level.addItem(lv.label, lv.value)
        self.level.currentIndexChanged.connect(lambda _i: self._level_changed())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Bắt buộc khi chọn mức khác mức đề xuất")
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu kết quả đánh giá")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Ngày đánh giá", self.day)
        form.addRow("Người (tổ) đánh giá", self.assessors)
        form.addRow("Căn cứ (bộ ngưỡng)", self.preset)
        decide = QFormLayout()
        decide.addRow("Mức đề xuất", self.proposed)
        decide.addRow("", self.reasons)
        decide.addRow("Mức quyết định", self.level)
        decide.addRow("Lý do điều chỉnh", self.reason)
        box = QGroupBox("Kết luận")
        box.setLayout(decide)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Số liệu tính từ sổ hộ:"))
        layout.addWidget(self.table, 1)
        layout.addWidget(box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.recompute()

    def recompute(self) -> None:
        db, day = self.ctx.db, edit_date(self.day)
        self.ctx.run(lambda: risk.compute_figures(db, day), self._figures, parent=self)

    def _figures(self, f: risk.RiskFigures) -> None:
        self.figures = f
        rows = figure_rows(f.as_dict())
        self.table.setRowCount(len(rows))
        for i, (label, value) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(label))
            self.table.setItem(i, 1, QTableWidgetItem(value))
        self._propose()

    def _propose(self) -> None:
        if self.figures is None:
            return
        preset = self.presets[self.preset.currentData()]
        self.proposal = risk.propose_level(self.figures, preset)
        lv = self.proposal.level
        self.proposed.setText(f"{preset.get('names', {}).get(lv, RiskLevel(lv).label)} "
                              f"({RISK_COLOUR_NAMES[lv]})")
        self.proposed.setStyleSheet(level_style(lv))
        self.reasons.setText("Vì: " + "; ".join(self.proposal.reasons))
        self.level.setCurrentIndex(self.level.findData(lv))
        self._level_changed()

    def _level_changed(self) -> None:
        overridden = bool(self.proposal and self.level.currentData() != self.proposal.level)
        self.reason.setEnabled(overridden)

    def value(self) -> risk.AssessmentInput:
        return risk.AssessmentInput(edit_date(self.day), self.assessors.text(),
                                    self.preset.currentData(), self.level.currentData(),
                                    self.reason.text() if self.reason.isEnabled() else "")

    def save(self) -> None:
        if self.on_save is not None:
            self.on_save(self)
        else:
            self.accept()


class ThresholdsTab(QWidget):
    """Edit a preset's rules (level, figure, minimum) and its coverage rule; back to shipped."""

    def __init__(self, ctx: AppContext, on_saved: Callable[[Any], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.on_saved = on_saved
        self.presets: dict[str, dict] = {}
        self.preset = QComboBox()
        self.preset.currentIndexChanged.connect(lambda _i: self._show_preset())
        self.rules = QTableWidget(0, 3)
        self.rules.setHorizontalHeaderLabels(["Mức", "Chỉ số", "Từ (≥)"])
        self.rules.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rules.setColumnWidth(0, 200)  # "4 – Nguy cơ rất cao" in full
        self.rules.setColumnWidth(2, 120)
        self.rules.verticalHeader().setVisible(False)
        self.cov_figure = QComboBox()
        self.cov_figure.addItem("Không xét tỷ lệ tiêm chủng", None)
        for code, label in risk.FIGURES.items():
            if code.startswith("coverage"):
                self.cov_figure.addItem(label, code)
        self.cov_min = QDoubleSpinBox()
        self.cov_min.setLocale(DECIMAL_COMMA)
        self.cov_min.setRange(0, 100)
        self.cov_min.setSuffix(" %")
        self.cov_raise = QSpinBox()
        self.cov_raise.setRange(0, 2)
        self.cov_raise.setSuffix(" mức")
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        add = QPushButton("Thêm quy tắc")
        add.clicked.connect(lambda: self._add_rule({"level": "2", "figure": "cases_14d",
                                                    "min": 1}))
        remove = QPushButton("Bỏ quy tắc đang chọn")
        remove.clicked.connect(lambda: self.rules.removeRow(self.rules.currentRow()))
        save = QPushButton("Lưu bộ ngưỡng")
        save.clicked.connect(self.save)
        reset = QPushButton("Trở về ngưỡng mặc định")
        reset.clicked.connect(self.reset)
        bar = QHBoxLayout()
        for b in (add, remove, save, reset):
            bar.addWidget(b)
        bar.addStretch(1)
        cov = QFormLayout()
        cov.addRow("Khi chỉ số", self.cov_figure)
        cov.addRow("thấp hơn", self.cov_min)
        cov.addRow("thì tăng", self.cov_raise)
        cov_box = QGroupBox("Tỷ lệ tiêm chủng")
        cov_box.setLayout(cov)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Quy tắc xét từ mức cao xuống; quy tắc đầu tiên thỏa mãn cho ra "
                                "mức nguy cơ (không quy tắc nào: mức 1). Tỉnh, thành phố có thể "
                                "quy định ngưỡng riêng."))
        layout.addWidget(self.preset)
        layout.addWidget(self.rules, 1)
        layout.addLayout(bar)
        layout.addWidget(cov_box)
        layout.addWidget(self.error)

    def set_presets(self, presets: dict[str, dict]) -> None:
        current = self.preset.currentData()
        self.presets = presets
        self.preset.blockSignals(True)
        self.preset.clear()
        for code, p in presets.items():
            self.preset.addItem(p.get("name", code), code)
        self.preset.setCurrentIndex(max(0, self.preset.findData(current)))
        self.preset.blockSignals(False)
        self._show_preset()

    def _add_rule(self, rule: dict) -> None:
        row = self.rules.rowCount()
        self.rules.insertRow(row)
        level = QComboBox()
        for lv in RiskLevel:
            level.addItem(f"{lv.value} – {lv.label}", lv.value)
        level.setCurrentIndex(max(0, level.findData(rule.get("level"))))
        figure = QComboBox()
        for code, label in risk.FIGURES.items():
            figure.addItem(label, code)
        figure.setCurrentIndex(max(0, figure.findData(rule.get("figure"))))
        minimum = QDoubleSpinBox()
        minimum.setLocale(DECIMAL_COMMA)
        minimum.setRange(0, 1_000_000)
        minimum.setDecimals(1)
        minimum.setValue(float(rule.get("min", 0)))
        self.rules.setCellWidget(row, 0, level)
        self.rules.setCellWidget(row, 1, figure)
        self.rules.setCellWidget(row, 2, minimum)

    def _show_preset(self) -> None:
        p = self.presets.get(self.preset.currentData())
        self.rules.setRowCount(0)
        if p is None:
            return
        for rule in p.get("rules", []):
            self._add_rule(rule)
        cov = p.get("coverage") or {}
        self.cov_figure.setCurrentIndex(max(0, self.cov_figure.findData(cov.get("figure"))))
        self.cov_min.setValue(float(cov.get("min", 70)))
        self.cov_raise.setValue(int(cov.get("raise", 1)))
        self.error.clear()

    def edited(self) -> dict:
        """The preset as shown in the form."""
        rules = []
        for row in range(self.rules.rowCount()):
            value = self.rules.cellWidget(row, 2).value()
            rules.append({"level": self.rules.cellWidget(row, 0).currentData(),
                          "figure": self.rules.cellWidget(row, 1).currentData(),
                          "min": int(value) if value.is_integer() else value})
        cov = None
        if self.cov_figure.currentData():
            cov = {"figure": self.cov_figure.currentData(), "min": self.cov_min.value(),
                   "raise": self.cov_raise.value()}
        base = self.presets.get(self.preset.currentData(), {})
        return {**base, "rules": rules, "coverage": cov}

    def save(self) -> None:
        db, code, preset = self.ctx.db, self.preset.currentData(), self.edited()
        self.ctx.run(lambda: risk.save_preset(db, code, preset), self._saved, parent=self,
                     on_error=lambda exc: self.error.setText(error_text(exc)))

    def reset(self) -> None:
        db, code = self.ctx.db, self.preset.currentData()
        self.ctx.run(lambda: risk.reset_preset(db, code), self._saved, parent=self)

    def _saved(self, changes: Any) -> None:
        self.error.clear()
        self.on_saved(changes)
