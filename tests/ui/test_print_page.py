"""The print centre as a user drives it: pick, generate, preview, save, print, cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from greenzone_desktop.models import Household
from greenzone_desktop.printing.data import PrintRules
from greenzone_desktop.printing.logbook import count_logbook_pages
from greenzone_desktop.services.settings import get_setting
from greenzone_desktop.ui.print_page import PrintPage
from tests.printing.pdfutil import flat, page_count, page_texts
from tests.qt_helpers import type_text


def make_page(ctx, qtbot) -> PrintPage:  # noqa: ANN001
    page = PrintPage(ctx)
    qtbot.addWidget(page)
    page.resize(1166, 740)
    page.show()
    return page


def choose(page: PrintPage, key: str) -> None:
    page.document.setCurrentIndex(page.document.findData(key))


def a_household(db) -> tuple[str, str, str]:  # noqa: ANN001
    with db.session() as s:
        h = s.scalars(select(Household).where(Household.deleted.is_(False))
                      .order_by(Household.code)).all()[11]
        return h.id, h.code, h.head_name


def test_logbook_of_one_household_preview_and_save(ctx, qtbot, tmp_path):
    page = make_page(ctx, qtbot)
    _, code, head = a_household(ctx.db)
    choose(page, "logbook")
    assert page.logbook_box.isVisible() and not page.sign_box.isVisible()
    assert page.days.value() == 28  # from the settings
    page.days.setValue(10)
    type_text(page.scope.search, code)
    qtbot.waitUntil(lambda: page.scope.list.count() == 1, timeout=3000)
    page.scope.list.setCurrentRow(0)
    expected = count_logbook_pages(1, PrintRules(logbook_days=10)).pages
    qtbot.waitUntil(lambda: f"Sẽ in 1 sổ: {expected} trang" in page.plan_label.text(),
                    timeout=3000)
    assert not page.save_button.isEnabled()
    with qtbot.waitSignal(page.generated, timeout=20000) as blocker:
        qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [expected]
    assert page.preview.document.pageCount() == expected
    assert page.preview.view.isVisible()
    assert f"{expected} trang" in page.status.text()
    assert page.default_file_name() == f"so-vung-xanh-{code}.pdf"
    out = tmp_path / "so"  # the extension is added
    page.save_pdf(out)
    saved = tmp_path / "so.pdf"
    texts = page_texts(saved)
    assert len(texts) == expected
    assert code in texts[0] and head in flat(texts[0])


def test_cancel_a_batch_midway(ctx, qtbot):
    page = make_page(ctx, qtbot)
    choose(page, "logbook")
    page.scope.set_mode("all")
    seen: list[int] = []

    def click_cancel(done: int, total: int) -> None:
        seen.append(done)
        if done == 3:
            button = page.progress.findChild(QPushButton)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    page.job_progress.connect(click_cancel)
    page.generate()
    assert seen[:3] == [1, 2, 3] and max(seen) < 300
    assert page.status.text().startswith("Đã hủy")
    assert page.preview.page_count() == 0 and not page.save_button.isEnabled()
    assert not list(Path(page.tmp.path()).iterdir())  # no partial file
    assert page.generate_button.isEnabled() and page.progress is None


def test_sign_colour_setting_and_printing(ctx, qtbot, tmp_path):
    page = make_page(ctx, qtbot)
    choose(page, "signage:free_text")
    assert page.sign_box.isVisible() and not page.scope.isVisible()
    assert page.swatch.text() == "#0a4da2"
    page.set_sign_colour("#ffee00")  # too light for white text: refused, with a message
    assert get_setting(ctx.db, "sign_blue") == "#0a4da2"
    assert "quá sáng" in page.colour_hint.text()
    page.set_sign_colour("#003399")
    assert get_setting(ctx.db, "sign_blue") == "#003399" and page.swatch.text() == "#003399"
    type_text(page.text, "KHÔNG TỤ TẬP ĐÔNG NGƯỜI")
    page.orientation.setCurrentIndex(1)
    with qtbot.waitSignal(page.generated, timeout=10000):
        page.generate()
    assert page.preview.page_count() == 1
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert page.print_to(printer) == 1
    assert page_count(tmp_path / "printed.pdf") == 1


def test_show_target_opens_a_household_form(ctx, qtbot):
    page = make_page(ctx, qtbot)
    hid, code, _ = a_household(ctx.db)
    page.show_target(document="household", household_id=hid)
    assert page.key() == "household"
    assert page.scope.mode() == "household"
    assert page.scope.selected() == [(hid, code)]
    assert page.scope.scope().code == code
    page.show_target(document="signage", template="hotline")
    assert page.key() == "signage:hotline"
    page.show_target(document="roster", week="2021-09-13")
    assert page.key() == "roster" and page.week.date().toString("dd/MM/yyyy") == "13/09/2021"
    assert page.week_box.isVisible() and page.default_file_name() == "lich-truc-2021-09-13.pdf"
    choose(page, "organisation")
    assert not page.scope.radios["household"].isEnabled()
    assert page.scope.mode() == "unsigned"


def test_roster_of_the_demo_checkpoints(ctx, qtbot, tmp_path):
    from greenzone_desktop.services.roster_print import roster_sheets

    page = make_page(ctx, qtbot)
    page.show_target(document="roster")  # this week: the demo's checkpoints are open
    sheets = roster_sheets(ctx.db, page.week.date().toPython())
    with qtbot.waitSignal(page.generated, timeout=20000) as blocker:
        qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [len(sheets)] and len(sheets) >= 2  # a page per checkpoint
    assert f"{len(sheets)} trang" in page.status.text()
    duties = sum(len(c.people) for s in sheets for row in s.cells for c in row if c)
    page.export_roster_excel(tmp_path / "lich")
    assert (tmp_path / "lich.xlsx").exists()
    assert f"({duties} lượt trực)" in page.status.text()


def test_plan_text_advises_parts_for_huge_jobs():
    from greenzone_desktop.services.printing_service import PrintPlan
    from greenzone_desktop.ui.print_page import plan_text

    assert plan_text(PrintPlan(3, 54, 27), "sổ") == "Sẽ in 3 sổ: 54 trang, 27 tờ A4."
    huge = plan_text(PrintPlan(20000, 360000, 180000), "sổ")
    assert huge.startswith("Sẽ in 20.000 sổ: 360.000 trang") and "60.000 trang" in huge
