"""What every page shares: its heading (the sidebar name, in the title style)."""

from __future__ import annotations

from datetime import date

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


def test_counts_read_with_the_dot_between_thousands(qtbot) -> None:  # noqa: ANN001
    from greenzone_desktop.services.vaccination import BandCoverage
    from greenzone_desktop.ui.coverage_bar import _Part
    from greenzone_desktop.ui.health_tabs import _pct

    part = _Part("Hộ gia đình")
    qtbot.addWidget(part)
    part.show_value(17265, 20000, 86.3, "hộ")
    assert "<b>17.265</b>/20.000 hộ" in part.label.text()
    assert part.label.toolTip() == "Còn 2.735 hộ chưa ký"
    assert _pct(BandCoverage(people=57600, one_dose=54825, full=49598), "one") == "54.825 (95,2 %)"


def test_small_table_shows_lazy_columns_and_a_totals_row(qtmodeltester) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    from greenzone_desktop.text import format_number
    from greenzone_desktop.ui.lazy_table import RIGHT, Column
    from greenzone_desktop.ui.small_table import Col, SmallTableModel

    rows = [{"name": "Tổ 1", "people": 1234}, {"name": "Tổng cộng", "people": 20000}]
    lazy = SmallTableModel([Column("Tổ", "name"), Column("Số người", "people", align=RIGHT,
                                                          fmt=format_number)],
                           colour=lambda r, _c: QColor("red") if r["people"] > 5000 else None,
                           bold_last=True)
    lazy.set_rows(rows)
    qtmodeltester.check(lazy)
    assert lazy.data(lazy.index(1, 1)) == "20.000"
    assert lazy.data(lazy.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) == RIGHT.value
    assert lazy.data(lazy.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert lazy.data(lazy.index(1, 0), Qt.ItemDataRole.ForegroundRole).color() == QColor("red")
    assert lazy.data(lazy.index(1, 0), Qt.ItemDataRole.FontRole).bold()
    assert lazy.data(lazy.index(0, 0), Qt.ItemDataRole.FontRole) is None

    plain = SmallTableModel([Col("Tổ", lambda r: r["name"], colour=lambda r: "#b3261e")])
    plain.set_rows(rows)
    qtmodeltester.check(plain)
    assert plain.data(plain.index(0, 0), Qt.ItemDataRole.ForegroundRole).color() == \
        QColor("#b3261e")


def test_columns_sized_to_their_contents_leave_air(qtbot) -> None:  # noqa: ANN001
    from PySide6.QtGui import QFontMetrics

    from greenzone_desktop.ui.small_table import AIR, Col, SmallTableModel, table_view

    model = SmallTableModel([Col("Loại", lambda r: r), Col("Tên", lambda r: r + " số 1")])
    model.set_rows(["Tổ Covid cộng đồng"])
    view = table_view(model, stretch=1)
    qtbot.addWidget(view)
    view.resize(600, 200)
    view.show()
    text = QFontMetrics(view.font()).horizontalAdvance("Tổ Covid cộng đồng")
    assert view.columnWidth(0) >= text + AIR + 6


def test_wide_lists_keep_their_last_column_in_view(qtbot, ctx) -> None:  # noqa: ANN001
    """At 1366×768 (the page about 1160 px wide, the application's font) a long text column
    gives way, not the last."""
    from PySide6.QtWidgets import QApplication

    from greenzone_desktop.services import checkpoints as cps
    from greenzone_desktop.ui.app import setup_application
    from greenzone_desktop.ui.checkpoints_page import CheckpointsPage

    patterns = cps.ensure_preset_patterns(ctx.db)
    cps.save_checkpoint(ctx.db, cps.CheckpointInput(
        "Chốt số 13", "Đầu Đường Hai Bà Trưng, cạnh chợ Xuân Mai", phone="0912345678",
        active_from=date(2021, 9, 1), active_to=date(2021, 12, 31), pattern_id=patterns[0].id))
    app = QApplication.instance()
    font, style = app.font(), app.styleSheet()
    setup_application()
    try:
        page = CheckpointsPage(ctx)
        qtbot.addWidget(page)
        page.resize(1160, 700)
        page.show()
        qtbot.waitExposed(page)
        for tab, view in ((page.checkpoints, page.checkpoints.view),
                          (page.staff, page.staff.view)):
            page.tabs.setCurrentWidget(tab)
            header, last = view.horizontalHeader(), view.model().columnCount() - 1
            assert view.model().rowCount() > 0
            assert header.sectionViewportPosition(last) + header.sectionSize(last) \
                <= view.viewport().width()
    finally:
        app.setFont(font)
        app.setStyleSheet(style)


def test_risk_thresholds_show_a_decimal_comma(qtbot, ctx) -> None:  # noqa: ANN001
    from greenzone_desktop.ui.risk_page import RiskPage

    page = RiskPage(ctx)
    qtbot.addWidget(page)
    th = page.thresholds
    spin = th.rules.cellWidget(0, 2)
    spin.setValue(23.5)
    assert spin.text() == "23,5"
    th.cov_min.setValue(70)
    assert th.cov_min.text() == "70,00 %"
