"""Regenerate the page images in this folder (one per printed document type).

    .venv/bin/python docs/print-samples/make_samples.py

Needs poppler's pdftoppm. The PDFs are written to a temporary folder and not kept.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from greenzone_desktop.printing.commitment import write_commitments  # noqa: E402
from greenzone_desktop.printing.duty_slip import write_duty_slips  # noqa: E402
from greenzone_desktop.printing.logbook import write_logbooks  # noqa: E402
from greenzone_desktop.printing.roster_doc import Duty, DutySlip, write_roster  # noqa: E402
from greenzone_desktop.printing.signage import TEMPLATES, write_sign  # noqa: E402
from tests.printing import samples  # noqa: E402

DPI = 50


def png(pdf: Path, page: int, name: str, dpi: int = DPI) -> Path:
    out = HERE / name
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(out.with_suffix(""))], check=True)
    return out


def main() -> None:
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        logbook = t / "logbook.pdf"
        write_logbooks(logbook, samples.UNIT, samples.households(1), samples.RULES)
        for page, name in [(1, "logbook-1-cover"), (2, "logbook-2-household"),
                           (3, "logbook-3-instructions"), (4, "logbook-4-daily"),
                           (18, "logbook-5-inspection")]:
            made.append(png(logbook, page, f"{name}.png"))
        booklet = t / "booklet.pdf"
        write_logbooks(booklet, samples.UNIT, samples.households(1), samples.RULES,
                       booklet=True)
        made.append(png(booklet, 1, "logbook-booklet-sheet-1-front.png", 40))
        made.append(png(booklet, 2, "logbook-booklet-sheet-1-back.png", 40))
        for kind, docs in [("household", samples.households(1)),
                           ("organisation", samples.organisations()[:1]),
                           ("quarantine", samples.quarantines()[:1])]:
            pdf = t / f"{kind}.pdf"
            write_commitments(pdf, kind, docs, samples.UNIT, samples.RULES)
            made.append(png(pdf, 1, f"commitment-{kind}.png"))
        wide = {"green_zone", "checkpoint", "mailbox"}
        for template in TEMPLATES:
            pdf = t / f"{template}.pdf"
            write_sign(pdf, template, samples.UNIT, samples.RULES, landscape=template in wide,
                       text="KHÔNG TỤ TẬP ĐÔNG NGƯỜI\nGiữ khoảng cách tối thiểu 2 mét")
            made.append(png(pdf, 1, f"sign-{template.replace('_', '-')}.png", 30))
        tiled = t / "tiled.pdf"
        n = write_sign(tiled, "green_zone", samples.UNIT, samples.RULES, size="A3",
                       landscape=True, paper="A4").pages
        made.append(png(tiled, 1, "sign-a3-tiled-sheet-1.png", 30))
        made.append(png(tiled, n, f"sign-a3-tiled-sheet-{n}.png", 30))
        roster = t / "roster.pdf"
        sheet = samples.roster_sheet()
        write_roster(roster, [sheet], samples.UNIT, when=samples.RULES.document_date)
        made.append(png(roster, 1, "roster.png"))
        slips = []
        for person in {p.name: p for row in sheet.cells for c in row for p in c.people}.values():
            duties = [Duty(day, sheet.slots[i], sheet.checkpoint, sheet.location, sheet.phone,
                           tuple(o.name for o in c.people if o != person), 8.0)
                      for d, day in enumerate(sheet.days) for i in range(len(sheet.slots))
                      if (c := sheet.cells[i][d]) is not None and person in c.people]
            slips.append(DutySlip(person.name, sheet.week_start, person.phone, "Dân quân",
                                  duties))
        slip_pdf = t / "slips.pdf"
        write_duty_slips(slip_pdf, slips, samples.UNIT)
        made.append(png(slip_pdf, 1, "roster-duty-slips.png"))
    for p in made:
        kb = p.stat().st_size / 1024
        print(f"{p.name:45s} {kb:6.0f} KB")
        if kb > 150:
            raise SystemExit(f"{p.name} is larger than 150 KB")


if __name__ == "__main__":
    main()
