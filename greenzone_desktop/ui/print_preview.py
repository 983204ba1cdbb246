"""The print centre's preview: a PDF shown page by page (QtPdf), sent to a printer or saved.

Printing renders each PDF page to an image at the printer's resolution (at most 300 dpi, which
office laser printers do not exceed in practice) and draws it over the whole sheet: what comes
out is exactly what the preview shows, margins included.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

MAX_DPI = 300


def page_orientation(document: QPdfDocument, page: int = 0) -> QPageLayout.Orientation:
    size = document.pagePointSize(page)
    wide = size.width() > size.height()
    return QPageLayout.Orientation.Landscape if wide else QPageLayout.Orientation.Portrait


def prepare_printer(printer: QPrinter, document: QPdfDocument) -> None:
    """A4 (the PDFs are A4 or tiled onto A4), orientation of the first page, whole sheet."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(page_orientation(document))
    printer.setFullPage(True)
    printer.setFromTo(1, max(1, document.pageCount()))


def print_document(document: QPdfDocument, printer: QPrinter, *,
                   pages: range | None = None,
                   progress: Callable[[int, int], bool] | None = None) -> int:
    """Print `pages` (0-based; all by default) of `document`; returns the pages printed.

    `progress(done, total)` after each page; returning False stops the job."""
    count = document.pageCount()
    if pages is None:
        first, last = printer.fromPage(), printer.toPage()
        pages = range(first - 1, last) if first > 0 and last > 0 else range(count)
    pages = range(max(0, pages.start), min(count, pages.stop))
    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("Không mở được máy in để in.")
    done = 0
    try:
        for i in pages:
            if done:
                printer.newPage()
            size = document.pagePointSize(i)
            image = document.render(i, QSize(round(size.width() / 72 * dpi),
                                             round(size.height() / 72 * dpi)))
            sheet = painter.viewport()
            target = image.size().scaled(sheet.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(sheet.x(), sheet.y(), target.width(), target.height()),
                              image)
            done += 1
            if progress is not None and progress(done, len(pages)) is False:
                break
    finally:
        painter.end()
    return done


class PdfPreview(QWidget):
    """A PDF shown as a continuous strip of pages, fitted to the width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("print_preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.empty = QLabel("Chọn tài liệu và phạm vi in, rồi bấm «Tạo bản in» để xem trước "
                            "từng trang ở đây.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self.view.hide()
        self.path: Path | None = None

    def load(self, path: Path) -> int:
        """Show the PDF at `path`; returns its page count."""
        self.document.close()
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            raise RuntimeError(f"Không mở được bản in để xem trước ({error.name}).")
        self.path = path
        self.empty.hide()
        self.view.show()
        self.view.pageNavigator().jump(0, QPointF(), self.view.zoomFactor())
        return self.document.pageCount()

    def clear(self) -> None:
        self.document.close()
        self.path = None
        self.view.hide()
        self.empty.show()

    def page_count(self) -> int:
        return self.document.pageCount() if self.path else 0

    def save_as(self, target: Path) -> None:
        """Copy the previewed PDF to `target`."""
        if self.path is None:
            raise RuntimeError("Chưa có bản in nào để lưu.")
        shutil.copyfile(self.path, target)
