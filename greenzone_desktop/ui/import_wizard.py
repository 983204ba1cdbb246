"""Import a person list from Excel, step by step: file → sheet and header → columns →
households → preview with problems and duplicate choices → import → result.

All reading and writing runs through `ctx.run` (the database worker); the wizard only shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from greenzone_desktop.services.import_apply import ImportResult, apply_import
from greenzone_desktop.services.importing import (
    ACTION_LABELS,
    ImportOptions,
    ImportPlan,
    SheetChoice,
    inspect_sheet,
    plan_import,
    write_rejected_rows,
)
from greenzone_desktop.text import format_number
from greenzone_desktop.ui.context import AppContext, show_error
from greenzone_desktop.ui.import_models import FILTERS, PreviewModel
from greenzone_desktop.ui.import_pages import FilePage, GroupingPage, MappingPage, SheetPage


class PreviewPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Bước 5: Xem trước và chọn cách xử lý dòng trùng")
        self.setButtonText(QWizard.WizardButton.NextButton, "Nhập vào sổ")
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.filter = QComboBox()
        for code, label in FILTERS.items():
            self.filter.addItem(label, code)
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Hiện:"))
        top.addWidget(self.filter)
        top.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(QLabel("Dòng trùng đang chọn:"))
        self.action_buttons: dict[str, QPushButton] = {}
        for code, label in ACTION_LABELS.items():
            button = QPushButton(label)
            button.setObjectName(f"action_{code}")
            button.clicked.connect(lambda _=False, c=code: self.set_selected(c))
            self.action_buttons[code] = button
            actions.addWidget(button)
        actions.addSpacing(24)
        actions.addWidget(QLabel("Tất cả dòng trùng:"))
        self.all_action = QComboBox()
        for code, label in ACTION_LABELS.items():
            self.all_action.addItem(label, code)
        self.all_action.activated.connect(lambda _: self.set_all(self.all_action.currentData()))
        actions.addWidget(self.all_action)
        actions.addStretch(1)
        self.detail = QLabel()  # the current row's problems in full
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(actions)
        self.filter.currentIndexChanged.connect(lambda _: self.show_plan())
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self.show_row(
            current.row()))  # fmt: skip
        self._ready = False

    def show_row(self, row: int) -> None:
        plan = self.model.row_at(row)
        if plan is None:
            self.detail.setText("")
            return
        name = plan.values.get("full_name") or ""
        text = plan.problem_text or "không có vấn đề."
        self.detail.setText(f"Dòng {plan.sheet_row} ({name}): {text}")

    def wiz(self) -> ImportWizard:
        return self.wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self._ready = False
        self.all_action.setCurrentIndex(self.all_action.findData("skip"))
        self.show_plan()

    def show_plan(self) -> None:
        plan = self.wiz().plan
        self.model.set_plan(plan, self.filter.currentData())
        self.show_row(-1)
        for column, width in enumerate((48, 60, 170, 86, 64, 110, 90, 130)):
            self.table.setColumnWidth(column, width)
        self.update_counts()

    def update_counts(self) -> None:
        plan = self.wiz().plan
        if plan is None:
            return
        c, n = plan.counts, format_number
        self.counts.setText(
            f"Tệp «{plan.file}», trang «{plan.sheet}», tiêu đề ở dòng {plan.header_row}: "
            f"{n(len(plan.rows))} dòng. Sẽ nhập {n(c['new'])} người mới ({n(c['households'])} hộ "
            f"mới), cập nhật {n(c['update'])}, bỏ qua {n(c['skip'])}; {n(c['error'])} dòng lỗi "
            "không nhập (lưu ra tệp để sửa ở bước cuối)."
        )
        for button in self.action_buttons.values():
            button.setEnabled(c["duplicates"] > 0)
        self.all_action.setEnabled(c["duplicates"] > 0)

    def selected_rows(self) -> list[int]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return sorted(r.sheet_row for i in rows if (r := self.model.row_at(i)) is not None)

    def set_selected(self, action: str) -> None:
        plan = self.wiz().plan
        if plan is None:
            return
        try:
            for number in self.selected_rows():
                if plan.row(number).is_duplicate:
                    plan.set_action(number, action)
        except ValueError as exc:
            show_error(self, exc)
        self.model.refresh()
        self.update_counts()

    def set_all(self, action: str) -> None:
        plan = self.wiz().plan
        if plan is not None:
            plan.set_all_duplicates(action)
            self.model.refresh()
            self.update_counts()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self._ready:
            return True
        self.wiz().apply(self._go)
        return False

    def _go(self) -> None:
        self._ready = True
        self.wiz().advance()


class ResultPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Kết quả")
        self.setFinalPage(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.save = QPushButton("Lưu các dòng lỗi ra tệp Excel để sửa…")
        self.save.clicked.connect(lambda: self.wiz().save_rejected())
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(self.save)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.saved)
        layout.addStretch(1)

    def wiz(self) -> ImportWizard:
        return self.wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        result, plan = self.wiz().result, self.wiz().plan
        self.summary.setText(result.summary if result else "")
        errors = plan.counts["error"] if plan else 0
        self.save.setEnabled(errors > 0)
        self.saved.setText(f"{format_number(errors)} dòng lỗi chưa nhập: lưu ra tệp, sửa các ô "
                           "theo cột «Lỗi cần sửa» rồi nhập lại tệp đó." if errors else "")


class ImportWizard(QWizard):
    """The steps of an Excel import. `choice`, `plan` and `result` hold what each step found."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Nhập danh sách nhân khẩu từ Excel")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, "Tiếp >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< Quay lại")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Hủy")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Xong")
        self.choice: SheetChoice | None = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.file_page, self.sheet_page = FilePage(), SheetPage()
        self.mapping_page, self.grouping_page = MappingPage(), GroupingPage()
        self.preview_page, self.result_page = PreviewPage(), ResultPage()
        for page in (self.file_page, self.sheet_page, self.mapping_page, self.grouping_page,
                     self.preview_page, self.result_page):  # fmt: skip
            self.addPage(page)
        self.resize(1100, 680)

    def advance(self) -> None:
        QTimer.singleShot(0, self.next)

    def _progress(self, text: str) -> QProgressDialog:
        dialog = QProgressDialog(text, "Dừng", 0, 0, self)
        dialog.setWindowTitle("Đang làm")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        return dialog

    def _run(self, fn: Callable[..., Any], done: Callable[[Any], None], text: str) -> None:
        dialog = self._progress(text)

        def finished(value: Any) -> None:
            dialog.close()
            done(value)

        def failed(exc: BaseException) -> None:
            dialog.close()
            show_error(self, exc)

        def progress(n: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(n, max(total, 1)))

        handle = self.ctx.run(fn, finished, parent=self, on_error=failed, on_progress=progress)
        dialog.canceled.connect(handle.cancel)

    def inspect(self, path: str, sheet: str | None, then: Callable[[], None]) -> None:
        db = self.ctx.db

        def done(choice: SheetChoice) -> None:
            self.choice = choice
            then()

        self._run(lambda: inspect_sheet(db, path, sheet), done, "Đang mở tệp…")

    def options(self) -> ImportOptions:
        assert self.choice is not None
        header_row = self.sheet_page.header.value()
        return ImportOptions(
            sheet=self.choice.sheet,
            header_row=None if header_row == self.choice.header_row else header_row,
            columns=self.mapping_page.columns(),
            grouping=self.grouping_page.grouping(),
        )

    def make_plan(self, then: Callable[[], None]) -> None:
        db, path, options = self.ctx.db, self.choice.path if self.choice else "", self.options()

        def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> ImportPlan:
            return plan_import(db, path, options, progress=progress, cancelled=cancelled)

        def done(plan: ImportPlan) -> None:
            self.plan = plan
            then()

        self._run(job, done, "Đang đọc và kiểm tra từng dòng…")

    def apply(self, then: Callable[[], None]) -> None:
        plan, db = self.plan, self.ctx.db
        if plan is None:
            return
        remember = (self.mapping_page.remember.isChecked() and self.choice is not None
                    and dict(plan.mapping.columns) != self.choice.detected)  # fmt: skip

        def job(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> ImportResult:
            return apply_import(db, plan, remember=remember, progress=progress,
                                cancelled=cancelled)  # fmt: skip

        def done(result: ImportResult) -> None:
            self.result = result
            self.ctx.announce(result.changes)
            then()

        self._run(job, done, "Đang nhập vào sổ…")

    def ask_rejected_path(self) -> str:
        plan = self.plan
        suggested = str(Path(plan.path).with_name(f"{Path(plan.path).stem} - dòng lỗi.xlsx")) \
            if plan else ""  # fmt: skip
        path, _ = QFileDialog.getSaveFileName(self, "Lưu các dòng lỗi", suggested,
                                              "Excel (*.xlsx)")  # fmt: skip
        if path and not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        return path

    def save_rejected(self, path: str | None = None) -> None:
        plan = self.plan
        path = path or self.ask_rejected_path()
        if plan is None or not path:
            return

        def done(count: int) -> None:
            self.result_page.saved.setText(
                f"Đã lưu {format_number(count)} dòng lỗi vào «{Path(path).name}». Sửa các ô "
                "theo cột «Lỗi cần sửa» rồi nhập lại tệp đó."
            )

        self._run(lambda: write_rejected_rows(plan, path), done, "Đang lưu các dòng lỗi…")
