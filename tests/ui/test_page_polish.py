"""What every page shares: its heading (the sidebar name, in the title style)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from greenzone_desktop.ui.main_window import MainWindow
from greenzone_desktop.ui.table_views import page_heading


def _headings(page) -> list[str]:  # noqa: ANN001
    return [label.text() for label in page.findChildren(QLabel)
            if label.property("role") == "title"]


def test_page_heading_uses_the_title_style(qtbot) -> None:  # noqa: ANN001
    heading = page_heading("Kiểm tra")
    qtbot.addWidget(heading)
    assert heading.text() == "Kiểm tra" and heading.property("role") == "title"


def test_every_page_opens_with_its_heading(qtbot, ctx) -> None:  # noqa: ANN001
    window = MainWindow(ctx, remember_geometry=False)
    qtbot.addWidget(window)
    missing = []
    for page_id, cls in window._classes.items():
        if page_id == "dashboard":  # its heading is the green-zone verdict
            continue
        page = window.page(page_id)
        if cls.title not in _headings(page):
            missing.append(page_id)
    assert missing == []
