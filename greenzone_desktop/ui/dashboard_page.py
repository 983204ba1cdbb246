"""The home page: the five green-zone criteria with what is missing (click to go and fix it),
the key figures, the current risk level in its colour, trend charts, today's panel when
present, and the daily-report reminder."""

from __future__ import annotations

import importlib
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.daily_report import report_reminder
from greenzone_desktop.services.dashboard import DashboardData, KeyFigure, dashboard_data
from greenzone_desktop.services.green_zone import Criterion
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.dashboard_charts import TrendCharts
from greenzone_desktop.vocab import RISK_COLOUR_NAMES

MET_COLOUR, NOT_MET_COLOUR = "#2e7d32", "#c62828"
REMINDER_EVERY_MS = 60_000
TEXT_ON = {"1": "white", "2": "black", "3": "black", "4": "white"}


class CriterionBox(QFrame):
    """One criterion: ✓/✗, its title, and what is missing as a clickable list."""

    def __init__(self, number: int, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.number = number
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.mark = QLabel()
        self.mark.setFixedWidth(26)
        self.mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.missing = QListWidget()
        self.missing.setObjectName(f"missing_{number}")
        self.missing.setCursor(Qt.CursorShape.PointingHandCursor)
        self.missing.setFrameShape(QFrame.Shape.NoFrame)
        self.missing.setWordWrap(True)
        self.missing.setToolTip("Bấm vào một mục để mở trang cần bổ sung")
        self.missing.itemClicked.connect(self._go)
        self.missing.itemActivated.connect(self._go)
        head = QHBoxLayout()
        head.addWidget(self.mark)
        head.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.missing)

    def set_criterion(self, c: Criterion) -> None:
        self.criterion = c
        colour = MET_COLOUR if c.met else NOT_MET_COLOUR
        self.mark.setText(f"<span style='font-size:15pt; color:{colour}'>"
                          f"{'✓' if c.met else '✗'}</span>")
        state = "Đạt" if c.met else "Chưa đạt"
        self.title.setText(f"<b>{self.number}. {c.title}</b> — "
                           f"<span style='color:{colour}'><b>{state}</b></span>")
        self.missing.clear()
        for m in c.missing:
            item = QListWidgetItem(f"• {m.label}")
            item.setData(Qt.ItemDataRole.UserRole, (m.target_page, dict(m.target)))
            item.setForeground(Qt.GlobalColor.darkBlue)
            self.missing.addItem(item)
        self.missing.setVisible(bool(c.missing))
        rows = min(len(c.missing), 5)
        height = sum(self.missing.sizeHintForRow(i) for i in range(rows))
        self.missing.setFixedHeight(height + 2 * self.missing.frameWidth() + 8 if rows else 0)

    def _go(self, item: QListWidgetItem) -> None:
        page, target = item.data(Qt.ItemDataRole.UserRole)
        self.ctx.navigate(page, **target)


class FigureCard(QPushButton):
    """A key figure: big value, label, note; a click opens its page."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFlat(True)
        self.setMinimumHeight(64)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("QPushButton { text-align: left; border: 1px solid #c8d3c8; "
                           "border-radius: 4px; background: #f6fbf6; padding: 4px 8px; }"
                           "QPushButton:hover { background: #e8f5e9; }")
        self.label = QLabel()
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.addWidget(self.label)
        self.page = ""

    def set_figure(self, f: KeyFigure) -> None:
        self.page = f.page
        note = f"<br><span style='color:#555'>{f.note}</span>" if f.note else ""
        self.label.setText(f"<span style='color:#333'>{f.label}</span><br>"
                           f"<span style='font-size:15pt'><b>{f.value}</b></span>{note}")


class DashboardPage(QWidget):
    title = "Tổng quan"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.data: DashboardData | None = None
        self.today_panel: QWidget | None = None
        self._generation = 0
        self._stale = True
        self._reminded_on: date | None = None
        self.loads = 0  # finished refreshes (tests wait on it)

        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.risk = QPushButton()
        self.risk.setObjectName("risk_level")
        self.risk.setCursor(Qt.CursorShape.PointingHandCursor)
        self.risk.clicked.connect(lambda: ctx.navigate("risk"))
        self.loading = QLabel("Đang tính…")
        self.loading.setStyleSheet("color:#777")
        top = QHBoxLayout()
        top.addWidget(self.verdict, 1)
        top.addWidget(self.loading)
        top.addWidget(self.risk)

        self.reminder = QFrame()
        self.reminder.setObjectName("reminder")
        self.reminder.setStyleSheet("#reminder { background: #fff4c4; border: 1px solid #e0c050;"
                                    " border-radius: 4px; }")
        self.reminder_text = QLabel()
        go = QPushButton("Lập báo cáo ngày")
        go.clicked.connect(lambda: ctx.navigate("risk", tab="report"))
        later = QPushButton("Để sau")
        later.clicked.connect(self.reminder.hide)
        rl = QHBoxLayout(self.reminder)
        rl.setContentsMargins(8, 4, 8, 4)
        rl.addWidget(self.reminder_text, 1)
        rl.addWidget(go)
        rl.addWidget(later)
        self.reminder.hide()

        self.criteria = [CriterionBox(i + 1, ctx) for i in range(5)]
        left = QVBoxLayout()
        left.setSpacing(4)
        for box in self.criteria:
            left.addWidget(box)
        self._add_today_panel(left)
        left.addStretch(1)

        self.cards = [FigureCard() for _ in range(9)]
        grid = QGridLayout()
        grid.setSpacing(6)
        for i, card in enumerate(self.cards):
            card.clicked.connect(lambda _=False, c=card: c.page and ctx.navigate(c.page))
            grid.addWidget(card, i // 3, i % 3)
        self.charts = TrendCharts()
        right = QVBoxLayout()
        right.addLayout(grid)
        right.addWidget(self.charts, 1)

        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addLayout(right, 6)
        # no page scroll: the lists scroll inside, so the charts keep their legend in view
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.addLayout(top)
        outer.addWidget(self.reminder)
        outer.addLayout(body, 1)

        self.reminder_timer = QTimer(self)
        self.reminder_timer.setInterval(REMINDER_EVERY_MS)
        self.reminder_timer.timeout.connect(self.check_reminder)
        self.reminder_timer.start()
        self.refresh()

    def heightForWidth(self, _width: int) -> int:  # noqa: N802 - Qt override
        """No preferred height for a width: the main window's scroll area would take it as
        the page's least height (the wrapped criteria are tall) and scroll the whole page,
        hiding the bottom of the charts. The lists scroll inside instead."""
        return -1

    def _add_today_panel(self, layout: QVBoxLayout) -> None:
        """Embed today's panel when that module is present (it is built separately)."""
        name = "greenzone_desktop.ui.today_panel"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            return
        self.today_panel = module.TodayPanel(self.ctx)
        layout.addWidget(self.today_panel)

    # -- refreshing -------------------------------------------------------------------------

    def refresh(self, today: date | None = None) -> None:
        """Recompute everything on the worker; an older answer arriving late is dropped."""
        self._generation += 1
        gen = self._generation
        self._stale = False
        self.loading.show()
        db = self.ctx.db
        self.ctx.run(lambda: dashboard_data(db, today), lambda d: self._show(gen, d),
                     parent=self)

    def on_changes(self, changes: Changes) -> None:
        if not changes.any():
            return
        if self.isVisible() or self.data is None:
            self.refresh()
        else:
            self._stale = True  # refreshed when shown again
        handler = getattr(self.today_panel, "on_changes", None)
        if handler is not None:
            handler(changes)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def show_target(self, **_target: Any) -> None:
        self.refresh()

    def _show(self, gen: int, d: DashboardData) -> None:
        if gen != self._generation:
            return
        self.data = d
        self.loading.hide()
        met = sum(c.met for c in d.status.criteria)
        if d.status.green:
            verdict = (f"<span style='color:{MET_COLOUR}'>ĐẠT “vùng xanh”</span> — "
                       f"đủ {met}/5 tiêu chí")
        else:
            verdict = (f"<span style='color:{NOT_MET_COLOUR}'>CHƯA ĐẠT “vùng xanh”</span> — "
                       f"đạt {met}/5 tiêu chí")
        self.verdict.setText(f"<span style='font-size:14pt'><b>{verdict}</b></span>"
                             f"&nbsp;&nbsp;ngày {d.on:%d/%m/%Y}")
        for box, c in zip(self.criteria, d.status.criteria, strict=True):
            box.set_criterion(c)
        for card, f in zip(self.cards, d.figures, strict=False):
            card.set_figure(f)
        self._show_risk(d)
        self.charts.set_trends(d.trends)
        self.loads += 1
        self.check_reminder()

    def _show_risk(self, d: DashboardData) -> None:
        r = d.status.risk
        if r is None:
            self.risk.setText("Mức nguy cơ: chưa đánh giá — bấm để đánh giá")
            self.risk.setStyleSheet("QPushButton { background: #eeeeee; padding: 6px 12px; "
                                    "border-radius: 4px; font-weight: bold; }")
            return
        self.risk.setText(f"Mức nguy cơ: {r.label} ({RISK_COLOUR_NAMES[r.level]}) — "
                          f"đánh giá {r.assessed_on:%d/%m/%Y}")
        self.risk.setStyleSheet(f"QPushButton {{ background: {r.colour}; "
                                f"color: {TEXT_ON[r.level]}; padding: 6px 12px; "
                                "border-radius: 4px; font-weight: bold; }")

    # -- daily report reminder --------------------------------------------------------------

    def check_reminder(self, now: datetime | None = None) -> None:
        """Once a day, after the configured hour, a notice when today's report is not sent."""
        now = now or datetime.now()
        if self._reminded_on == now.date():
            return
        db = self.ctx.db
        self.ctx.run(lambda: report_reminder(db, now), lambda text: self._remind(now, text),
                     on_error=lambda _exc: None)

    def _remind(self, now: datetime, text: str) -> None:
        if not text or self._reminded_on == now.date():
            return
        self._reminded_on = now.date()
        self.reminder_text.setText(text)  # no emoji: the bundled font has none (a box showed)
        self.reminder.show()
