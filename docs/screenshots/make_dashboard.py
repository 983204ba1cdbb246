"""Screenshots of the home page (and of the inspections, teams and risk pages when named) on
the 20 000-household demo, at 1366×768.

    .venv/bin/greenzone --db /tmp/demo20k.sqlite demo --households 20000 --seed 1
    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \
        .venv/bin/python docs/screenshots/make_dashboard.py /tmp/demo20k.sqlite \
        [inspections teams risk]

Writes to the database given (use a copy): a week of household inspections, a sweep and a
risk assessment, so that the page shows what a village in the middle of a campaign sees.
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from greenzone_desktop.models.migrations import open_database  # noqa: E402
from greenzone_desktop.services import sweeps  # noqa: E402
from greenzone_desktop.services.inspections import (  # noqa: E402
    HouseholdInspectionInput,
    RecommendationInput,
    inspection_ids,
    record_household_inspection,
)
from greenzone_desktop.services.print_data import find_households  # noqa: E402
from greenzone_desktop.services.risk import (  # noqa: E402
    AssessmentInput,
    compute_figures,
    propose_level,
    record_assessment,
)


def add_campaign_data(db) -> None:  # noqa: ANN001
    """A sweep with 120 households visited over the last week, and today's risk assessment."""
    if inspection_ids(db):
        return
    today = date.today()
    sid = sweeps.create_sweep(db, "Rà soát toàn bộ hộ đợt 1", today - timedelta(days=6))
    for i, h in enumerate(find_households(db, "", limit=120)):
        failed = i % 9 == 0
        record_household_inspection(db, HouseholdInspectionInput(
            h.id, today - timedelta(days=i % 7), "Tổ Covid cộng đồng số 1",
            {"logbook": not failed, "visitors": True, "five_k": True, "commitment_posted": True,
             "no_gathering": True},
            recommendations=[RecommendationInput("Ghi Sổ vùng xanh hằng ngày",
                                                 today + timedelta(days=2))] if failed else (),
            sweep_id=sid))
    level = propose_level(compute_figures(db, today), "qd2686").level
    record_assessment(db, AssessmentInput(today, "Ban Chỉ đạo tổ dân phố", "qd2686", level))


def main() -> None:
    db = open_database(sys.argv[1], actor="ảnh chụp")
    add_campaign_data(db)
    app = QApplication(sys.argv)
    from greenzone_desktop.ui.context import AppContext
    from greenzone_desktop.ui.main_window import MainWindow
    from greenzone_desktop.ui.tasks import TaskRunner

    ctx = AppContext(db, TaskRunner(synchronous=True))
    window = MainWindow(ctx, remember_geometry=False)
    window.stack.setMinimumSize(1, 1)  # other pages' minimum sizes must not grow the window
    window.resize(1366, 768)
    window.show()
    for page_id in ["dashboard", *sys.argv[2:]]:
        page = window.show_page(page_id)
        if page_id == "inspections":
            page.households.view.selectRow(0)
        for _ in range(40):
            app.processEvents()
            time.sleep(0.05)
        out = HERE / f"{page_id}.png"
        window.grab().save(str(out))
        print(f"{out.name}: {window.width()}×{window.height()}, {out.stat().st_size // 1024} KB")

if __name__ == "__main__":
    main()
