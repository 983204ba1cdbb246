"""Screenshots of the households page and the household editor at 1366×768.

    cp /tmp/gz/demo20k.sqlite /tmp/shots.sqlite   # a copy: the app opens it for writing
    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python docs/screenshots/shoot_households.py /tmp/shots.sqlite
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from greenzone_desktop.models import Household, Person, Vaccination  # noqa: E402
from greenzone_desktop.models.migrations import open_database  # noqa: E402
from greenzone_desktop.ui.app import setup_application  # noqa: E402
from greenzone_desktop.ui.context import AppContext  # noqa: E402
from greenzone_desktop.ui.main_window import MainWindow  # noqa: E402
from greenzone_desktop.ui.tasks import TaskRunner  # noqa: E402

OUT = Path(__file__).resolve().parent


def settle(ms: int = 600) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def settle_until(done, ms: int = 60000) -> None:  # noqa: ANN001
    """Let the worker finish (the other pages load too) until `done()`."""
    waited = 0
    while not done() and waited < ms:
        settle(100)
        waited += 100
    settle(300)


def shoot(name: str) -> None:
    screen = QGuiApplication.primaryScreen()
    image = screen.grabWindow(0).toImage()
    path = OUT / name
    image.save(str(path), "PNG", 9)
    print(f"{path} {image.width()}×{image.height()} {path.stat().st_size // 1024} KB")


def busy_household(db) -> str:  # noqa: ANN001
    """A family of five with vaccinations: shows the members grid well."""
    with db.session() as s:
        sizes = (select(Person.household_id, func.count().label("n"))
                 .where(Person.deleted.is_(False)).group_by(Person.household_id).subquery())
        hid = s.scalars(select(Household.id).join(sizes, sizes.c.household_id == Household.id)
                        .where(sizes.c.n == 5, Household.kind == "family")
                        .order_by(Household.code).limit(1)).first()
        assert s.scalar(select(func.count()).select_from(Vaccination)) > 0
        return hid


def main() -> None:
    app = setup_application([])
    db = open_database(Path(sys.argv[1]))
    ctx = AppContext(db, TaskRunner())
    window = MainWindow(ctx, remember_geometry=False)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    page = window.show_page("households")
    settle_until(lambda: page.model.rowCount() > 0 and not page.model.loading)
    page.search.setFocus()
    page.search.setText("tran thi")
    settle_until(lambda: page.model.query.text == "tran thi" and not page.model.loading)
    page.table.setFocus()
    page.select_row(2)
    settle(500)
    shoot("households.png")
    page.search.clear()
    settle_until(lambda: not page.model.loading)
    editor = page.open_editor(busy_household(db))
    editor.move(133, 34)
    settle_until(lambda: editor.view is not None)
    editor.members.selectRow(2)
    editor.edit_member()
    settle(800)
    shoot("household-editor.png")
    editor.accept()
    ctx.runner.wait()
    window.close()
    app.quit()


if __name__ == "__main__":
    main()
