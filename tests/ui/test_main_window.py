"""The app shell: pages from the registry, unavailable pages left out, status bar, navigation,
first start."""

from __future__ import annotations

import sys
import types
from pathlib import Path

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from greenzone_desktop.models.db import Database
from greenzone_desktop.models.migrations import open_database
from greenzone_desktop.services.units import home_unit
from greenzone_desktop.ui import app as app_module
from greenzone_desktop.ui import main_window
from greenzone_desktop.ui.context import AppContext
from greenzone_desktop.ui.main_window import MainWindow


class _ShownPage(QWidget):
    title = "Trang thử"

    def __init__(self, ctx):  # noqa: ANN001
        super().__init__()
        self.targets: list[dict] = []
        QVBoxLayout(self).addWidget(QLabel("trang thử"))

    def show_target(self, **target) -> None:  # noqa: ANN003
        self.targets.append(target)


class _HiddenPage(QWidget):
    title = "Trang ẩn"

    @classmethod
    def available(cls, ctx) -> bool:  # noqa: ANN001
        return False


def _fake_pages(monkeypatch) -> None:  # noqa: ANN001
    module = types.ModuleType("greenzone_desktop_test_pages")
    module.ShownPage = _ShownPage
    module.HiddenPage = _HiddenPage
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(main_window, "PAGES", [
        ("shown", module.__name__, "ShownPage"),
        ("hidden", module.__name__, "HiddenPage"),
        ("absent", "greenzone_desktop.ui.no_such_page", "NoSuchPage"),
    ])


def test_sidebar_lists_present_and_available_pages(qtbot, ctx, monkeypatch) -> None:  # noqa: ANN001
    _fake_pages(monkeypatch)
    window = MainWindow(ctx, remember_geometry=False)
    qtbot.addWidget(window)
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles == ["Trang thử"]
    unit = home_unit(ctx.db)
    assert window.unit_label.text() == unit.display_name
    assert window.path_label.text() == str(ctx.db.path)
    assert unit.display_name in window.windowTitle()


def test_navigation_reaches_the_page(qtbot, ctx, monkeypatch) -> None:  # noqa: ANN001
    _fake_pages(monkeypatch)
    window = MainWindow(ctx, remember_geometry=False)
    qtbot.addWidget(window)
    ctx.navigate("shown", household_id="abc")
    page = window.pages["shown"]
    assert page.targets == [{"household_id": "abc"}]
    assert window.current_page() is page
    assert window.show_page("absent") is None


def test_every_registered_page_builds(qtbot, ctx) -> None:  # noqa: ANN001
    """The real pages present in this build open on the demo village without error."""
    window = MainWindow(ctx, remember_geometry=False)
    qtbot.addWidget(window)
    for row in range(window.sidebar.count()):
        window.sidebar.setCurrentRow(row)
        assert window.stack.currentIndex() == row
        assert window.sidebar.item(row).text()  # a Vietnamese title, never a bare id
    assert len(window.pages) == window.sidebar.count()
    assert not {"shown", "hidden"} & set(window.pages)


def test_first_start_without_asking_opens_the_demo(tmp_path: Path) -> None:
    db = app_module.prepare_database(tmp_path / "new.sqlite", ask=False)
    assert db is not None and db.home_unit_id
    db.dispose()


def test_first_start_dialog_creates_a_unit(qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    def fill(dialog: app_module.FirstStartDialog) -> int:
        dialog.create.setChecked(True)
        dialog.province.setText("Vĩnh Phúc")
        dialog.commune.setText("Phường Hùng Vương")
        dialog.village.setText("Tổ dân phố Xuân Mai")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(app_module.FirstStartDialog, "exec", fill)
    db = app_module.prepare_database(tmp_path / "new.sqlite")
    assert db is not None
    assert "Xuân Mai" in home_unit(db).display_name
    db.dispose()
    # opening again asks nothing: the unit is there
    again = open_database(tmp_path / "new.sqlite")
    assert again.home_unit_id
    again.dispose()


def test_first_start_cancelled_leaves_no_unit(qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(app_module.FirstStartDialog, "exec",
                        lambda self: QDialog.DialogCode.Rejected)
    assert app_module.prepare_database(tmp_path / "new.sqlite") is None


def test_quitting_the_app_closes_the_database(qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Its connections closed, SQLite folds the write-ahead log into the file (after waiting
    for a checkpoint a bulk import left running)."""
    path = tmp_path / "v.sqlite"
    app_module.prepare_database(path, ask=False).dispose()
    disposed: list[Path] = []
    real_dispose = Database.dispose

    def dispose(db: Database) -> None:
        disposed.append(db.path)
        real_dispose(db)

    monkeypatch.setattr(Database, "dispose", dispose)
    windows: list[MainWindow] = []

    def window(ctx: AppContext) -> MainWindow:
        windows.append(MainWindow(ctx, remember_geometry=False))
        qtbot.addWidget(windows[-1])
        return windows[-1]

    monkeypatch.setattr(main_window, "MainWindow", window)
    app_module.setup_application()
    monkeypatch.setattr(app_module, "setup_application",  # the event loop: quit at once
                        lambda: types.SimpleNamespace(exec=lambda: 0))
    assert app_module.run_app(path) == 0
    assert len(windows) == 1 and disposed == [path]
