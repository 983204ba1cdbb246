"""Screenshot of a ward importing every village's USB package at once, at 1366×768: the import
dialog after «Nhập dữ liệu» (the pile previewed, then applied in one go after one backup).

    .venv/bin/python bench/bench_handoff.py --keep /tmp/packages   # makes 20 village packages
    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python docs/screenshots/shoot_handoff_pile.py /tmp/ward.sqlite /tmp/packages

The ward database is made empty first (`greenzone init --province … --commune …`); the
packages' password is the bench's.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

PASSWORD = "Mật khẩu chung của phường"  # bench/bench_handoff.py


def main() -> None:
    # Imported here: the pile's reading process starts by importing this script.
    from shoot_import_wizard import open_page, settle_until, shoot  # beside this script

    from greenzone_desktop.models.migrations import open_database
    from greenzone_desktop.services.units import init_units
    from greenzone_desktop.ui.app import setup_application
    from greenzone_desktop.ui.handoff_import_dialog import HandoffImportDialog

    ward_path, folder = Path(sys.argv[1]), Path(sys.argv[2])
    for old in ward_path.parent.glob(ward_path.name + "*"):
        old.unlink()
    app = setup_application([])
    db = open_database(ward_path)
    init_units(db, province="Vĩnh Phúc", commune="Phường Hùng Vương")
    ctx, _window, page = open_page(db, "handoff")
    dialog = HandoffImportDialog(ctx, page, start_dir=str(folder))
    dialog.setGeometry(200, 60, 960, 660)
    dialog.show()
    dialog.choose(sorted(str(p) for p in folder.glob("*.gzx")))
    dialog.password_edit.setText(PASSWORD)
    dialog.preview()
    settle_until(lambda: dialog.apply_button.isEnabled(), 120_000)
    dialog.apply()
    settle_until(lambda: bool(dialog.results), 120_000)
    shoot("handoff-pile.png")
    app.quit()


if __name__ == "__main__":
    main()
