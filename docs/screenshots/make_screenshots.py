"""Screenshots of every page of the app for the README, at 1366×768, on a 20 000-household demo.

    mkdir -p ~/.local/share/GreenZone
    .venv/bin/greenzone demo --households 20000 --seed 1          # the default database path
    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python docs/screenshots/make_screenshots.py \
        ~/.local/share/GreenZone/greenzone.sqlite [page ...]

The app is built as it starts for a user (stylesheet, bundled fonts, MainWindow over a real
worker thread); each page is grabbed once its database jobs are done. With page names
(e.g. `households roster`) only those are taken. Writes to the database (the roster is
filled for the current week, one gate-log entry is typed and saved, the member form with the
CCCD error is left unsaved): use a demo. `keyboard` (not in the default list) checks the
households page by keyboard only and prints what happened (it saves a new household).
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QEvent, QIODevice, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QKeyEvent, QPainter  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from greenzone_desktop.models import GateEntry, Household, Person  # noqa: E402
from greenzone_desktop.models.migrations import open_database  # noqa: E402
from greenzone_desktop.ui.app import setup_application  # noqa: E402
from greenzone_desktop.ui.context import AppContext  # noqa: E402
from greenzone_desktop.ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent
SIZE = (1366, 768)
MAX_BYTES = 300 * 1024


def key(key: Qt.Key, text: str = "", mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
        ) -> None:
    """A key press on the focused widget, as from the keyboard (any Unicode text)."""
    # as from a keyboard: an open popup (the name completer) gets the keys first
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    if target is None:
        raise SystemExit("nothing has the keyboard focus (is the window active?)")
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, mods, text))
    QApplication.processEvents()


def type_text(text: str) -> None:
    for ch in text:
        key(Qt.Key.Key_unknown, ch)


def focused() -> str:
    w = QApplication.focusWidget()
    return f"{type(w).__name__} {w.objectName() or ''}".strip() if w else "none"


class Shooter:
    def __init__(self, db_path: Path) -> None:
        self.app = setup_application([sys.argv[0]])
        self.db = open_database(db_path)
        self.ctx = AppContext(self.db)
        self.window = MainWindow(self.ctx, remember_geometry=False)
        self.window.stack.setMinimumSize(1, 1)  # a page's minimum size must not grow the window
        self.window.setGeometry(0, 0, *SIZE)
        self.window.show()
        self.watchdog = QTimer()  # a message box would stop the script: report and close it
        self.watchdog.timeout.connect(self.close_modal)
        self.watchdog.start(3000)
        self.settle()

    def close_modal(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            print(f"  message box: {box.windowTitle()}: {box.text()}")
            box.reject()

    # -- waiting ------------------------------------------------------------------------------

    def busy(self) -> bool:
        runner = self.ctx.runner
        return bool(runner._live) or runner.pool.activeThreadCount() > 0

    def pump(self, ms: int) -> None:
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def settle(self, until: Callable[[], bool] | None = None, *, timeout: float = 120) -> None:
        """Process events until the worker has no job left (debounce timers may start new
        ones, so the worker must stay idle for a while) and `until()` holds."""
        start, idle_since = time.monotonic(), None
        while time.monotonic() - start < timeout:
            self.pump(50)
            if self.busy() or (until is not None and not until()):
                idle_since = None
                continue
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since > 0.6:
                return
        print("  (timed out waiting for the page)")

    # -- grabbing -----------------------------------------------------------------------------

    def grab(self) -> QImage:
        if QGuiApplication.platformName() != "offscreen":
            return QGuiApplication.primaryScreen().grabWindow(0, 0, 0, *SIZE).toImage()
        image = self.window.grab().toImage()  # offscreen: paint open dialogs over the window
        painter = QPainter(image)
        for w in QApplication.topLevelWidgets():
            if w is not self.window and w.isVisible() and w.isWindow() \
                    and w.windowType() in (Qt.WindowType.Dialog, Qt.WindowType.Window):
                painter.drawPixmap(w.pos() - self.window.pos(), w.grab())
        painter.end()
        return image

    def shoot(self, name: str) -> None:
        image = self.grab().convertToFormat(QImage.Format.Format_RGB32)
        assert (image.width(), image.height()) == SIZE, (image.width(), image.height())
        buf = QBuffer()
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buf, "PNG")
        picture = Image.open(io.BytesIO(bytes(buf.data()))).convert("RGB")
        data = io.BytesIO()
        picture.save(data, "PNG", optimize=True)
        if data.tell() > MAX_BYTES:  # 256 colours keep the text crisp on these flat pages
            data = io.BytesIO()
            picture.convert("P", palette=Image.Palette.ADAPTIVE, colors=256) \
                .save(data, "PNG", optimize=True)
        path = OUT / f"{name}.png"
        path.write_bytes(data.getvalue())
        print(f"{path.name}: {image.width()}×{image.height()}, {data.tell() // 1024} KB")

    def activate(self) -> None:
        """Keyboard focus and shortcuts need the window to be the active one."""
        self.window.raise_()
        self.window.activateWindow()
        if not QTest.qWaitForWindowActive(self.window, 3000):
            QApplication.setActiveWindow(self.window)  # no window manager under xvfb
        self.pump(200)

    def page(self, page_id: str) -> QWidget:
        page = self.window.show_page(page_id)
        assert page is not None, page_id
        self.settle()
        return page

    # -- the pages ----------------------------------------------------------------------------

    def households(self) -> None:
        page = self.page("households")
        page.search.setFocus()
        page.search.setText("tran thi")
        self.settle(lambda: page.model.query.text == "tran thi" and not page.model.loading)
        page.table.setFocus()
        page.select_row(1)  # a head whose name shows the match
        self.settle()
        self.shoot("households")

    def family_of_five(self) -> str:
        with self.db.session() as s:
            sizes = (select(Person.household_id, func.count().label("n"))
                     .where(Person.deleted.is_(False)).group_by(Person.household_id).subquery())
            return s.scalars(select(Household.id)
                             .join(sizes, sizes.c.household_id == Household.id)
                             .where(sizes.c.n == 5, Household.kind == "family",
                                    Household.deleted.is_(False))
                             .order_by(Household.code).limit(1)).one()

    def household_editor(self) -> None:
        page = self.page("households")
        page.search.clear()
        self.settle(lambda: not page.model.loading)
        editor = page.open_editor(self.family_of_five())
        editor.move(133, 20)
        self.settle(lambda: editor.view is not None)
        editor.edit_member(2)
        self.settle()
        self.shoot("household-editor")
        form = editor.form  # a CCCD one digit short: the inline message
        form.cccd.setFocus()
        form.cccd.selectAll()
        form.cccd.setText("00120300456")
        editor.save_member()
        self.settle()
        self.shoot("error-cccd")
        editor.cancel_member()
        self.settle()
        editor.close_editor()
        self.settle()

    def roster(self) -> None:
        page = self.page("roster")
        page.auto_fill()
        self.settle()
        self.shoot("roster")

    def gate_log(self) -> None:
        """The checkpoint with the most entries today, and one more typed from the keyboard:
        name, Tab, CCCD, Tab … Enter."""
        page = self.page("gate_log")
        with self.db.session() as s:
            busiest = s.scalars(select(GateEntry.checkpoint_id).where(GateEntry.deleted.is_(False))
                                .group_by(GateEntry.checkpoint_id)
                                .order_by(func.count().desc()).limit(1)).first()
        if busiest:
            page.checkpoint.setCurrentIndex(page.checkpoint.findData(busiest))
            self.settle()
        self.activate()
        page.edits["full_name"].setFocus()
        before = page.model.rowCount()
        for text in ("Đặng Thị Huyền", "001186012345", "0912345678", "Hà Nội", "Tổ 12",
                     "Thăm người nhà", "", "30A-123.45"):
            type_text(text)
            self.settle()
            key(Qt.Key.Key_Tab if text != "30A-123.45" else Qt.Key.Key_Return)
        self.settle()
        print(f"  gate log by keyboard: {before} → {page.model.rowCount()} rows, "
              f"focus on {focused()}")
        self.shoot("gate-log")

    def keyboard(self) -> None:
        """Households by keyboard only: Ctrl+N, type a member's name, Tab, Enter (writes a
        household: not in the default list)."""
        page = self.page("households")
        self.activate()
        page.table.setFocus()
        key(Qt.Key.Key_N, "", Qt.KeyboardModifier.ControlModifier)
        self.settle()
        editor = page.editor
        print(f"  Ctrl+N: editor {'open' if editor and editor.isVisible() else 'NOT open'}, "
              f"focus on {focused()}")
        if editor is None:
            return
        editor.form.full_name.setFocus()
        type_text("Phùng Thị Ngọc Ánh")
        key(Qt.Key.Key_Tab)
        print(f"  Tab: focus on {focused()}")
        key(Qt.Key.Key_Return)
        self.settle()
        print(f"  Enter: {editor.members_model.rowCount()} member(s), "
              f"message «{editor.message.text()}», household {editor.household_id}")
        editor.close_editor()
        self.settle()

    def inspections(self) -> None:
        page = self.page("inspections")
        page.households.view.selectRow(0)
        self.settle()
        self.shoot("inspections")

    def print_centre(self) -> None:
        page = self.page("print")
        page.show_target(document="logbook", household_id=self.family_of_five())
        self.settle()
        page.generate()
        self.settle(lambda: page.last_summary is not None)
        self.shoot("print-centre")

    def plain(self, page_id: str, name: str) -> Callable[[], None]:
        def take() -> None:
            self.page(page_id)
            self.shoot(name)
        return take

    def shots(self) -> dict[str, Callable[[], None]]:
        plain = {n: self.plain(p, n) for p, n in (
            ("dashboard", "dashboard"), ("people", "people"), ("organizations", "organizations"),
            ("commitments", "commitments"), ("health", "health"), ("testing", "testing"),
            ("checkpoints", "checkpoints"), ("teams", "teams"),
            ("risk", "risk"), ("handoff", "handoff"), ("trash", "trash"))}
        special = {"households": self.households, "household-editor": self.household_editor,
                   "roster": self.roster, "inspections": self.inspections,
                   "print-centre": self.print_centre, "gate-log": self.gate_log}
        order = ["dashboard", "households", "household-editor", "people", "organizations",
                 "commitments", "health", "testing", "checkpoints", "roster", "gate-log",
                 "inspections", "teams", "risk", "print-centre", "handoff", "trash"]
        both = plain | special
        return {name: both[name] for name in order} | {"keyboard": self.keyboard}

    def close(self) -> None:
        self.settle()
        self.window.close()
        self.db.dispose()


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    shooter = Shooter(Path(sys.argv[1]).expanduser())
    shots = shooter.shots()
    wanted = sys.argv[2:] or [name for name in shots if name != "keyboard"]
    for name in wanted:
        if name not in shots:
            sys.exit(f"unknown screenshot {name!r}: {', '.join(shots)}")
        print(f"{name}…", flush=True)
        shots[name]()
    shooter.close()


if __name__ == "__main__":
    main()
