"""The print centre: pick a document and what it covers, see how many pages and sheets it takes,
generate it (with progress and Cancel), look at every page, then print it or save the PDF.

The same service functions serve `greenzone print …`; this page only gathers the choices.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QStandardPaths, QTemporaryDir, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.printing.data import PrintCancelled, PrintSummary
from greenzone_desktop.printing.signage import TEMPLATES
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.print_unit import set_sign_colour
from greenzone_desktop.services.printing_service import (
    DOCUMENTS,
    NOUNS,
    PrintPlan,
    plan,
    print_commitments,
    print_logbooks,
    print_sign,
)
from greenzone_desktop.services.roster_excel import export_roster_excel
from greenzone_desktop.services.roster_print import print_roster
from greenzone_desktop.services.settings import all_settings
from greenzone_desktop.text import format_number
from greenzone_desktop.ui.context import AppContext, error_text, show_error
from greenzone_desktop.ui.print_preview import PdfPreview, prepare_printer, print_document
from greenzone_desktop.ui.print_scope import ScopeBox
from greenzone_desktop.ui.table_views import page_heading

FORMS = ("household", "organisation", "quarantine")
ITEMS: list[tuple[str, str]] = (
    [(k, DOCUMENTS[k]) for k in ("logbook", *FORMS)]
    + [(f"signage:{k}", f"Biển: {v}") for k, v in TEMPLATES.items()]
    + [("roster", "Lịch trực các chốt (một tuần, mỗi chốt một trang)"),
       ("slips", "Phiếu báo lịch trực từng người (một tuần)")])
FILE_NAMES = {"logbook": "so-vung-xanh", "household": "cam-ket-ho-gia-dinh",
              "organisation": "cam-ket-co-quan-co-so", "quarantine": "cam-ket-cach-ly-tai-nha",
              "roster": "lich-truc", "slips": "phieu-bao-lich-truc"}
SIZES = ("A5", "A4", "A3")


# A PDF is built in memory (about 8 KB a page): past this, advise printing in parts so that an
# office PC with 4 GB of memory is not exhausted.
LARGE_JOB_PAGES = 60_000


def plan_text(p: PrintPlan, noun: str) -> str:
    """"Sẽ in 3 sổ: 54 trang, 27 tờ A4." with advice for a very large job."""
    text = f"Sẽ in {format_number(p.documents)} {noun}: {p.text} A4."
    if p.pages > LARGE_JOB_PAGES:
        text += (f" Bản in rất lớn: nên in từng phần (chọn các hộ theo tổ, khu), mỗi lần "
                 f"không quá {format_number(LARGE_JOB_PAGES)} trang.")
    return text


def monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


class PrintPage(QWidget):
    """Sổ vùng xanh, commitment forms, signs and rosters: choose, preview, print, save."""

    title = "In ấn"
    generated = Signal(int)  # pages of the new preview
    job_progress = Signal(int, int)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.tmp = QTemporaryDir()
        self._names = itertools.count(1)
        self._cancel_requested = False
        self.progress: QProgressDialog | None = None
        self.last_summary: PrintSummary | None = None
        self.sign_colour = "#0a4da2"
        self._build()
        self._plan_timer = QTimer(self)
        self._plan_timer.setSingleShot(True)
        self._plan_timer.setInterval(300)
        self._plan_timer.timeout.connect(self.update_plan)
        for signal in (self.document.currentIndexChanged, self.days.valueChanged,
                       self.booklet.toggled, self.size.currentIndexChanged,
                       self.orientation.currentIndexChanged, self.text.textChanged,
                       self.scope.changed):
            signal.connect(self._options_changed)
        self.document.currentIndexChanged.connect(self._document_changed)
        self._document_changed()
        self.load_settings()
        self.scope.refresh()

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        heading = page_heading("In ấn")
        self.document = QComboBox()
        self.document.setObjectName("print_document")
        for key, label in ITEMS:
            self.document.addItem(label, key)
        self.days = QSpinBox()
        self.days.setRange(0, 366)
        self.days.setSuffix(" ngày")
        self.booklet = QCheckBox("Khổ A5 dạng sổ (in hai mặt, gập đôi)")
        self.booklet.setToolTip("Ghép 2 trang A5 trên mỗi mặt giấy A4, in hai mặt, gập đôi "
                                "và dập ghim giữa thành quyển sổ.")
        self.logbook_box = self._form("Sổ vùng xanh", [("Số ngày ghi chép:", self.days),
                                                       ("", self.booklet)])
        self.size = QComboBox()
        self.size.addItems(SIZES)
        self.size.setCurrentText("A4")
        self.orientation = QComboBox()
        self.orientation.addItems(["Dọc", "Ngang"])
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Nội dung biển (mẫu «Nội dung tự nhập»): mỗi dòng một ý")
        self.text.setFixedHeight(64)
        self.colour_button = QPushButton("Đổi màu nền…")
        self.colour_button.clicked.connect(self._ask_colour)
        self.swatch = QLabel()
        self.swatch.setFixedSize(90, 26)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.swatch)
        colour_row.addWidget(self.colour_button)
        colour_row.addStretch(1)
        colour = QWidget()
        colour.setLayout(colour_row)
        colour_row.setContentsMargins(0, 0, 0, 0)
        self.colour_hint = QLabel("")
        self.colour_hint.setProperty("role", "error")
        self.colour_hint.setWordWrap(True)
        self.sign_box = self._form("Biển báo (nền xanh, chữ trắng)", [
            ("Khổ biển:", self.size), ("Hướng:", self.orientation), ("Nội dung:", self.text),
            ("Màu nền:", colour), ("", self.colour_hint)])
        self.week = QDateEdit()
        self.week.setDisplayFormat("dd/MM/yyyy")
        self.week.setCalendarPopup(True)
        today = monday(date.today())
        self.week.setDate(QDate(today.year, today.month, today.day))
        self.excel_button = QPushButton("Xuất lịch trực ra Excel…")
        self.excel_button.clicked.connect(self._ask_excel)
        self.week_box = self._form("Lịch trực", [("Tuần bắt đầu từ ngày:", self.week),
                                                 ("", self.excel_button)])
        self.scope = ScopeBox(self.ctx)
        self.plan_label = QLabel("")
        self.plan_label.setObjectName("print_plan")
        self.plan_label.setWordWrap(True)
        self.generate_button = QPushButton("Tạo bản in")
        self.generate_button.setObjectName("print_generate")
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)  # the heading where the other pages have theirs
        left.addWidget(heading)
        left.addWidget(QLabel("Tài liệu cần in:"))
        left.addWidget(self.document)
        for box in (self.logbook_box, self.sign_box, self.week_box):
            left.addWidget(box)
        left.addWidget(self.scope, 100)
        left.addStretch(1)  # takes the room when the scope is hidden (signs, rosters)
        left.addWidget(self.plan_label)
        left.addWidget(self.generate_button)
        panel = QWidget()
        panel.setLayout(left)
        panel.setFixedWidth(410)
        self.preview = PdfPreview()
        self.status = QLabel("")
        self.status.setObjectName("print_status")
        self.status.setWordWrap(True)  # long messages must not widen the page
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.print_button = QPushButton("In…")
        self.print_button.setObjectName("print_print")
        self.print_button.clicked.connect(self._ask_print)
        self.save_button = QPushButton("Lưu PDF…")
        self.save_button.setObjectName("print_save")
        self.save_button.clicked.connect(self._ask_save)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addLayout(bar)
        right.addWidget(self.preview, 1)
        main = QHBoxLayout(self)
        main.addWidget(panel)
        main.addLayout(right, 1)
        self._set_output_enabled(False)

    def _form(self, title: str, rows: list[tuple[str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        form = QFormLayout(box)
        for label, widget in rows:
            if label:
                form.addRow(label, widget)
            else:
                form.addRow(widget)
        return box

    # -- choices ----------------------------------------------------------------------------

    def key(self) -> str:
        return str(self.document.currentData())

    def _document_changed(self) -> None:
        key = self.key()
        self.logbook_box.setVisible(key == "logbook")
        self.sign_box.setVisible(key.startswith("signage:"))
        self.text.setEnabled(key == "signage:free_text")
        self.orientation.setEnabled(key != "signage:door_sticker")
        self.week_box.setVisible(key in ("roster", "slips"))
        self.scope.setVisible(key == "logbook" or key in FORMS)
        self.scope.set_organisations(key == "organisation")

    def _options_changed(self, *_: object) -> None:
        self._plan_timer.start()

    def load_settings(self) -> None:
        db = self.ctx.db
        self.ctx.run(lambda: all_settings(db), self._apply_settings, parent=self)

    def _apply_settings(self, settings: dict[str, Any]) -> None:
        self.days.setValue(int(settings.get("logbook_days") or 28))
        self._show_colour(str(settings.get("sign_blue") or self.sign_colour))

    def _show_colour(self, colour: str) -> None:
        self.sign_colour = colour
        self.swatch.setText(colour)
        self.swatch.setStyleSheet(f"background: {colour}; color: white; padding: 3px;"
                                  "font-weight: bold;")

    def _ask_colour(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.sign_colour), self, "Màu nền của biển")
        if chosen.isValid():
            self.set_sign_colour(chosen.name())

    def set_sign_colour(self, colour: str) -> None:
        """Store the signs' background colour (a setting shared with the CLI)."""
        db = self.ctx.db

        def done(value: str) -> None:
            self._show_colour(value)
            self.colour_hint.setText("")
            self.ctx.announce(Changes(settings=True))
        self.ctx.run(lambda: set_sign_colour(db, colour), done, parent=self,
                     on_error=lambda exc: self.colour_hint.setText(error_text(exc)))

    def on_changes(self, changes: Changes) -> None:
        if changes.settings:
            self.load_settings()
        if changes.households or changes.persons or changes.commitments:
            self.scope.refresh()

    def show_target(self, document: str | None = None, household_id: str | None = None,
                    template: str | None = None, week: date | str | None = None,
                    **_: object) -> None:
        """Open the print centre on a document (e.g. "logbook", "household", "signage" with
        a template, "roster" or "slips" with a week) and, when given, one household."""
        key = f"signage:{template or 'green_zone'}" if document == "signage" else document
        index = self.document.findData(key) if key else -1
        if index >= 0:
            self.document.setCurrentIndex(index)
        if week:
            d = date.fromisoformat(week) if isinstance(week, str) else week
            self.week.setDate(QDate(d.year, d.month, d.day))
        if household_id:
            self.scope.show_household(household_id)

    # -- plan and job -------------------------------------------------------------------------

    def _sign_options(self) -> dict[str, Any]:
        return {"template": self.key().split(":", 1)[1], "size": self.size.currentText(),
                "landscape": self.orientation.currentIndex() == 1,
                "text": self.text.toPlainText()}

    def update_plan(self) -> None:
        """Say how many pages and sheets the job takes, before it is generated."""
        key, db = self.key(), self.ctx.db
        if key in ("roster", "slips"):
            self.plan_label.setText("Lịch trực: mỗi chốt một trang A4 ngang." if key == "roster"
                                    else "Phiếu báo: nhiều phiếu trên một tờ A4, cắt rời.")
            return
        try:
            if key.startswith("signage:"):
                opts = self._sign_options()
                fn: Callable[[], Any] = lambda: plan(db, "signage", **opts)  # noqa: E731
            else:
                scope = self.scope.scope()
                days, booklet = self.days.value(), self.booklet.isChecked()
                fn = lambda: plan(db, key, scope, booklet=booklet, days=days)  # noqa: E731
        except ServiceError as exc:
            self.plan_label.setText(str(exc))
            return
        noun = NOUNS.get(key.split(":")[0], "bản")
        self.ctx.run(fn, lambda p: self.plan_label.setText(plan_text(p, noun)), parent=self,
                     on_error=lambda exc: self.plan_label.setText(error_text(exc)))

    def _job(self, path: Path) -> Callable[..., PrintSummary]:
        """The print job for the current choices (raises ServiceError when one is missing)."""
        key, db = self.key(), self.ctx.db
        scope = self.scope.scope() if (key == "logbook" or key in FORMS) else None
        days, booklet = self.days.value(), self.booklet.isChecked()
        week = self.week.date().toPython()
        sign = self._sign_options() if key.startswith("signage:") else {}

        def job(progress: Callable[[int, int], None],
                cancelled: Callable[[], bool]) -> PrintSummary:
            stop = lambda: self._cancel_requested or cancelled()  # noqa: E731
            if key == "logbook":
                return print_logbooks(db, path, scope, booklet=booklet, days=days,
                                      progress=progress, cancelled=stop)
            if key in FORMS:
                return print_commitments(db, key, path, scope, progress=progress,
                                         cancelled=stop)
            if key in ("roster", "slips"):
                return print_roster(db, week, path, slips=key == "slips", progress=progress,
                                    cancelled=stop)
            return print_sign(db, sign["template"], path, text=sign["text"] or None,
                              size=sign["size"], landscape=sign["landscape"])
        return job

    def generate(self) -> None:
        """Write the PDF on the database worker, with progress and Cancel; then preview it."""
        path = Path(self.tmp.path()) / f"ban-in-{next(self._names)}.pdf"
        try:
            job = self._job(path)
        except ServiceError as exc:
            show_error(self, exc)
            return
        self._cancel_requested = False
        self.progress = QProgressDialog("Đang tạo bản in…", "Hủy", 0, 0, self)
        self.progress.setWindowTitle("Tạo bản in")
        self.progress.setMinimumDuration(400)
        self.progress.canceled.connect(self.cancel)
        self.generate_button.setEnabled(False)
        self.status.setText("Đang tạo bản in…")
        self.ctx.run(job, lambda summary: self._generated(summary, path), parent=self,
                     on_error=self._failed, on_progress=self._progressed)

    def cancel(self) -> None:
        """Ask the running job to stop at the next document."""
        self._cancel_requested = True
        self.status.setText("Đang hủy…")

    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setLabelText(f"Đang tạo bản in: {done}/{total}…")
        self.job_progress.emit(done, total)

    def _finish_job(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.generate_button.setEnabled(True)

    def _generated(self, summary: PrintSummary, path: Path) -> None:
        self._finish_job()
        self.last_summary = summary
        try:
            pages = self.preview.load(path)
        except RuntimeError as exc:
            show_error(self, exc)
            return
        two = "in hai mặt, " if summary.sheets < summary.pages else ""
        self.status.setText(f"Bản in gồm {format_number(pages)} trang "
                            f"({two}{format_number(summary.sheets)} tờ A4). "
                            "Xem lại rồi bấm «In…» hoặc «Lưu PDF…».")
        self._set_output_enabled(True)
        self.generated.emit(pages)

    def _failed(self, exc: BaseException) -> None:
        self._finish_job()
        if isinstance(exc, PrintCancelled):
            self.status.setText("Đã hủy: không tạo bản in nào.")
            return
        self.status.setText("Không tạo được bản in.")
        show_error(self, exc)

    # -- output -------------------------------------------------------------------------------

    def _set_output_enabled(self, on: bool) -> None:
        self.print_button.setEnabled(on)
        self.save_button.setEnabled(on)

    def default_file_name(self) -> str:
        key = self.key()
        base = f"bien-{key.split(':')[1].replace('_', '-')}" if ":" in key else FILE_NAMES[key]
        if key in ("roster", "slips"):
            base += f"-{self.week.date().toPython():%Y-%m-%d}"
        elif self.scope.isVisible() and self.scope.mode() == "household" and \
                self.scope.selected():
            base += f"-{self.scope.selected()[0][1]}"
        return f"{base}.pdf"

    def _ask_save(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        target, _ = QFileDialog.getSaveFileName(self, "Lưu bản in", str(
            Path(folder) / self.default_file_name()), "Tệp PDF (*.pdf)")
        if target:
            self.save_pdf(Path(target))

    def save_pdf(self, target: Path) -> None:
        """Save the previewed PDF as `target` (".pdf" added when missing)."""
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            self.preview.save_as(target)
        except (OSError, RuntimeError) as exc:
            show_error(self, ServiceError(f"Không lưu được tệp «{target}»: {exc}"))
            return
        self.status.setText(f"Đã lưu bản in: {target}")

    def _ask_excel(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"lich-truc-{self.week.date().toPython():%Y-%m-%d}.xlsx"
        target, _ = QFileDialog.getSaveFileName(self, "Xuất lịch trực ra Excel",
                                                str(Path(folder) / name), "Tệp Excel (*.xlsx)")
        if target:
            self.export_roster_excel(Path(target))

    def export_roster_excel(self, target: Path) -> None:
        """The week's roster as an Excel workbook (a list of duties and a sheet per checkpoint)."""
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        db, week = self.ctx.db, self.week.date().toPython()
        self.ctx.run(lambda: export_roster_excel(db, week, target), lambda n: self.status.setText(
            f"Đã xuất lịch trực ra Excel ({n} lượt trực): {target}"), parent=self)

    def _ask_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.preview.document)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("In bản in")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Send the previewed pages to `printer` (page range from the print dialog)."""
        total = self.preview.page_count()
        bar = QProgressDialog("Đang gửi tới máy in…", "Dừng", 0, total, self)
        bar.setWindowTitle("In")
        bar.setMinimumDuration(500)

        def step(done: int, n: int) -> bool:
            bar.setMaximum(n)
            bar.setValue(done)
            return not bar.wasCanceled()
        try:
            done = print_document(self.preview.document, printer, progress=step)
        except RuntimeError as exc:
            show_error(self, exc)
            return 0
        finally:
            bar.close()
        self.status.setText(f"Đã gửi {format_number(done)} trang tới máy in.")
        return done
