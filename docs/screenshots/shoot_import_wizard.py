"""Screenshot of the Excel import wizard's preview step (rows with problems) at 1366×768.

    cp DEMO.sqlite /tmp/shots.sqlite   # a copy of a 20 000-household demo: the app writes to it
    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python docs/screenshots/shoot_import_wizard.py /tmp/shots.sqlite
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from openpyxl import Workbook  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from greenzone_desktop.models import Household, Person  # noqa: E402
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
    """Let the worker finish until `done()`."""
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


HEADER = ["STT", "Số hộ", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Số điện thoại",
          "Quan hệ với chủ hộ", "Địa chỉ", "Thường trú/Tạm trú", "Mũi 1"]  # fmt: skip
NEW = [
    [1, "Nguyễn Văn Thắng", "12/3/1978", "Nam", 26078012345, "0912 345 678", "Chủ hộ"],
    [1, "Lê Thị Hạnh", "05-06-80", "Nữ", "026 180 012 346", "", "Vợ"],
    [1, "Nguyễn Minh Khôi", 2009, "Nam", "", "", "Con trai"],
    [2, "Trần Văn Lộc", "31/02/1969", "Nam", "12345", "", "Chủ hộ"],
    [2, "Phạm Thị Mận", "1971", "Nữ", 26171012399, "+84 98 765 4321", "vợ"],
    [2, "Trần Thu Hà", "14/10/1996", "Nữ", "", "0987.111.222", "Hàng xóm"],
]  # fmt: skip


def open_page(db, name: str):  # noqa: ANN001, ANN201 - (AppContext, MainWindow, the page)
    """The main window at 1366×768 on the page `name`, settled (keep the window referenced:
    collected, Qt deletes it)."""
    ctx = AppContext(db, TaskRunner())
    window = MainWindow(ctx, remember_geometry=False)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    page = window.show_page(name)
    settle(800)
    return ctx, window, page


def make_sheet(db, folder: Path) -> Path:  # noqa: ANN001
    """A village list with title rows: new people, a few already in the register, some errors."""
    with db.session() as s:
        known = s.execute(select(Person.full_name, Person.birth_date, Person.sex, Person.cccd,
                                 Person.phone, Household.address)
                          .join(Household, Household.id == Person.household_id)
                          .where(Person.cccd.is_not(None), Person.birth_date.is_not(None))
                          .order_by(Household.code).limit(3)).all()  # fmt: skip
    book = Workbook()
    ws = book.active
    ws.title = "Danh sách"
    ws.append(["UBND PHƯỜNG HÙNG VƯƠNG"])
    ws.append(["TỔ DÂN PHỐ XUÂN MAI"])
    ws.append([])
    ws.append(["DANH SÁCH NHÂN KHẨU BỔ SUNG THÁNG 9/2021"])
    ws.merge_cells("A4:K4")
    ws.append([])
    ws.append(HEADER)
    n = 0
    for household, name, born, sex, cccd, phone, relation in NEW:
        n += 1
        ws.append([n, household, name, born, sex, cccd, phone, relation,
                   f"Số {household * 7} ngõ 3", "Thường trú", None])  # fmt: skip
    for i, (name, born, sex, cccd, phone, address) in enumerate(known):
        n += 1
        ws.append([n, 3 + i, name, born.strftime("%d/%m/%Y"), "Nam" if sex == "nam" else "Nữ",
                   int(cccd), phone, "Chủ hộ", address, "Thường trú", "02/08/2021"])  # fmt: skip
    ws.append(["Tổng cộng", None, n])
    path = folder / "danh_sach_bo_sung.xlsx"
    book.save(path)
    return path


def main() -> None:
    app = setup_application([])
    db = open_database(Path(sys.argv[1]))
    ctx, window, page = open_page(db, "excel")
    sheet = make_sheet(db, Path(tempfile.mkdtemp()))
    wizard = page.open_wizard()
    wizard.setGeometry(120, 40, 1180, 690)
    wizard.file_page.path.setText(str(sheet))
    for target in (wizard.sheet_page, wizard.mapping_page, wizard.grouping_page,
                   wizard.preview_page):  # fmt: skip
        wizard.next()
        settle_until(lambda t=target: wizard.currentPage() is t)
    preview = wizard.preview_page
    preview.table.setFocus()
    preview.table.selectRow(7)
    settle(600)
    shoot("import-wizard.png")
    wizard.reject()
    window.close()
    app.quit()


if __name__ == "__main__":
    main()
