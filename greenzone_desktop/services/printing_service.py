"""Print jobs: read the register, hand plain data to the printing layer, write one PDF.

The desktop print centre and `greenzone print …` call these same functions. `plan_*` says how
many pages and sheets a job takes before it is printed (a laser printer does 20–30 pages a
minute: a batch of logbooks is a day of printing, and people must know before they start).
"""

from __future__ import annotations

import math
import os
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4, portrait
from reportlab.lib.pagesizes import landscape as wide_size

from greenzone_desktop.models.db import Database
from greenzone_desktop.printing.commitment import KINDS as COMMITMENT_KINDS
from greenzone_desktop.printing.commitment import write_commitments
from greenzone_desktop.printing.data import (
    CancelledFn,
    PrintRules,
    PrintSummary,
    ProgressFn,
    UnitInfo,
)
from greenzone_desktop.printing.logbook import (  # the private two: see _logbook_pages
    GEO_A4,
    GEO_A5,
    _content_pages,
    _padded,
    count_logbook_pages,
    write_logbooks,
)
from greenzone_desktop.printing.signage import SIZES, TEMPLATES, tile_grid, write_sign
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.print_data import (
    Scope,
    household_docs,
    household_units,
    member_counts,
    organisation_docs,
    quarantine_docs,
)
from greenzone_desktop.services.print_unit import print_rules, unit_info
from greenzone_desktop.services.settings import all_settings
from greenzone_desktop.text import format_number

# What the print centre and the CLI offer: document id -> Vietnamese name.
DOCUMENTS: dict[str, str] = {
    "logbook": "Sổ vùng xanh (hộ gia đình)",
    "household": "Bản cam kết của hộ gia đình",
    "organisation": "Bản cam kết của cơ quan, cơ sở",
    "quarantine": "Bản cam kết cách ly y tế tại nhà",
    "signage": "Biển báo, pano (nền xanh chữ trắng)",
}
NOUNS = {"logbook": "sổ", "household": "bản cam kết", "organisation": "bản cam kết",
         "quarantine": "bản cam kết", "signage": "biển"}


@dataclass(frozen=True)
class PrintPlan:
    """What a job will take: documents, PDF pages, sheets of A4 (two-sided where it applies)."""

    documents: int
    pages: int
    sheets: int
    exact: bool = True  # False: estimated from the first document (forms vary in length)

    @property
    def text(self) -> str:
        """"12 trang, 6 tờ" (with "khoảng" when estimated)."""
        about = "" if self.exact else "khoảng "
        return f"{about}{format_number(self.pages)} trang, {about}{format_number(self.sheets)} tờ"


def _empty(what: str, scope: Scope) -> ServiceError:
    return ServiceError(f"Không có {what} nào để in (phạm vi: {scope.label}).", field="scope")


def _unit_for(db: Database, scope: Scope, settings: dict) -> UnitInfo:
    """The issuing unit: the households' village when they share one, else the home unit."""
    units = household_units(db, scope)
    return unit_info(db, units[0] if len(units) == 1 else None, settings=settings)


def _check_out(out: str | os.PathLike[str]) -> Path:
    path = Path(out)
    if path.suffix.lower() != ".pdf":
        raise ServiceError(f"Tệp in phải có đuôi .pdf: «{path}».", field="out")
    if not path.parent.exists():
        raise ServiceError(f"Không có thư mục «{path.parent}» để lưu tệp in.", field="out")
    return path


# -- logbooks -------------------------------------------------------------------------------

def _member_rows(booklet: bool) -> int:
    return (GEO_A5 if booklet else GEO_A4).member_rows


def _logbook_pages(rules: PrintRules, booklet: bool, members: int) -> PrintSummary:
    """One logbook's pages. count_logbook_pages assumes one household page of members; a
    boarding house with more tenants than that takes more pages, padded again, which only the
    logbook module's own page arithmetic gives exactly."""
    if math.ceil(members / _member_rows(booklet)) <= 1:
        return count_logbook_pages(1, rules, booklet)
    per = _padded(_content_pages(rules, booklet, members), booklet)
    return PrintSummary(per // 2 if booklet else per, per // 4 if booklet else per // 2, 1)


def plan_logbooks(db: Database, scope: Scope, *, booklet: bool = False,
                  days: int | None = None) -> PrintPlan:
    """Pages and sheets of the logbooks of `scope`, before printing."""
    rules = print_rules(db, days=days)
    counts = member_counts(db, scope)
    base = count_logbook_pages(1, rules, booklet)
    pages = sheets = 0
    big = [m for m in counts if m > _member_rows(booklet)]
    for m in big:
        one = _logbook_pages(rules, booklet, m)
        pages += one.pages
        sheets += one.sheets
    n_small = len(counts) - len(big)
    return PrintPlan(len(counts), pages + n_small * base.pages, sheets + n_small * base.sheets)


def print_logbooks(db: Database, out: str | os.PathLike[str], scope: Scope, *,
                   booklet: bool = False, days: int | None = None,
                   progress: ProgressFn | None = None,
                   cancelled: CancelledFn | None = None) -> PrintSummary:
    """The Sổ vùng xanh of every household of `scope` in one PDF (each starts on an odd page)."""
    path = _check_out(out)
    settings = all_settings(db)
    rules = print_rules(db, settings=settings, days=days)
    docs = household_docs(db, scope)
    if not docs:
        raise _empty("hộ", scope)
    unit = _unit_for(db, scope, settings)
    return write_logbooks(path, unit, docs, rules, booklet=booklet, progress=progress,
                          cancelled=cancelled)


# -- commitment forms -----------------------------------------------------------------------

def _check_kind(kind: str) -> None:
    if kind not in COMMITMENT_KINDS:
        raise ServiceError(f"Không có loại bản cam kết «{kind}»; chọn một trong: "
                           f"{', '.join(COMMITMENT_KINDS)}.", field="kind")


def _commitment_data(db: Database, kind: str, scope: Scope, today: date | None = None
                     ) -> tuple[list, UnitInfo, PrintRules]:
    _check_kind(kind)
    settings = all_settings(db)
    rules = print_rules(db, settings=settings, today=today)
    if kind == "household":
        docs: list = household_docs(db, scope, full_address=True)
        unit = _unit_for(db, scope, settings)
    elif kind == "quarantine":
        docs = quarantine_docs(db, scope, today=rules.document_date,
                               quarantine_days=rules.quarantine_days)
        unit = unit_info(db, settings=settings)
    else:
        docs = organisation_docs(db, scope)
        unit = unit_info(db, settings=settings)
    if not docs:
        what = {"household": "hộ", "quarantine": "người cách ly tại nhà",
                "organisation": "cơ quan, cơ sở"}[kind]
        raise _empty(what, scope)
    return docs, unit, rules


def plan_commitments(db: Database, kind: str, scope: Scope) -> PrintPlan:
    """Pages and sheets of the commitment forms of `scope` (estimated from the first form)."""
    docs, unit, rules = _commitment_data(db, kind, scope)
    copies = rules.commitment_copies
    one = replace(rules, commitment_copies=1)
    with tempfile.TemporaryDirectory() as tmp:
        first = write_commitments(Path(tmp) / "one.pdf", kind, docs[:1], unit, one).pages
    n = len(docs) * copies
    pages = (n - 1) * (first + first % 2) + first
    return PrintPlan(len(docs), pages, (pages + 1) // 2, exact=len(docs) == 1 and copies == 1)


def print_commitments(db: Database, kind: str, out: str | os.PathLike[str], scope: Scope, *,
                      progress: ProgressFn | None = None, cancelled: CancelledFn | None = None,
                      duplex: bool = True) -> PrintSummary:
    """Commitment forms of `kind` (household | organisation | quarantine) prefilled from the
    register, `commitment_copies` copies of each."""
    path = _check_out(out)
    docs, unit, rules = _commitment_data(db, kind, scope)
    return write_commitments(path, kind, docs, unit, rules, progress, cancelled, duplex=duplex)


# -- signs ----------------------------------------------------------------------------------

def _check_sign(template: str, text: str | None, size: str) -> str:
    if template not in TEMPLATES:
        raise ServiceError(f"Không có mẫu biển «{template}»; chọn một trong: "
                           f"{', '.join(TEMPLATES)}.", field="template")
    if template == "free_text" and not (text or "").strip():
        raise ServiceError("Mẫu «Nội dung tự nhập» cần có nội dung (--text).", field="text")
    size = (size or "A4").upper()
    if size not in SIZES:
        raise ServiceError(f"Không có khổ giấy «{size}»; chọn một trong: {', '.join(SIZES)}.",
                           field="size")
    return size


def plan_sign(template: str, *, size: str = "A4", landscape: bool = False,
              text: str | None = None) -> PrintPlan:
    """Sheets of A4 a sign takes (one, or the tiles of a sign larger than A4)."""
    size = _check_sign(template, text, size)
    w, h = (wide_size if landscape else portrait)(SIZES[size])
    fits = (w <= A4[0] + 1 and h <= A4[1] + 1) or (w <= A4[1] + 1 and h <= A4[0] + 1)
    if template == "door_sticker" or fits:
        return PrintPlan(1, 1, 1)
    rows, cols, *_ = tile_grid(w, h, A4[0], A4[1])
    return PrintPlan(1, rows * cols, rows * cols)


def print_sign(db: Database, template: str, out: str | os.PathLike[str], *,
               text: str | None = None, size: str = "A4", landscape: bool = False
               ) -> PrintSummary:
    """A blue sign with white text (colour from the settings) for the home unit."""
    path = _check_out(out)
    size = _check_sign(template, text, size)
    settings = all_settings(db)
    return write_sign(path, template, unit_info(db, settings=settings),
                      print_rules(db, settings=settings), text=text, size=size,
                      landscape=landscape)


def plan(db: Database, document: str, scope: Scope | None = None, *, booklet: bool = False,
         days: int | None = None, template: str = "", size: str = "A4", landscape: bool = False,
         text: str | None = None) -> PrintPlan:
    """The plan of any document the print centre offers (see DOCUMENTS)."""
    scope = scope or Scope()
    if document == "logbook":
        return plan_logbooks(db, scope, booklet=booklet, days=days)
    if document == "signage":
        return plan_sign(template, size=size, landscape=landscape, text=text)
    return plan_commitments(db, document, scope)
