"""The printed biên bản of an inspection: plain data from the register for the printing layer."""

from __future__ import annotations

import os

from greenzone_desktop.models.db import Database
from greenzone_desktop.printing.data import PrintSummary
from greenzone_desktop.printing.inspection_record import (
    InspectionRecordDoc,
    Participant,
    RecheckRow,
    write_inspection_records,
)
from greenzone_desktop.printing.layout import Signature
from greenzone_desktop.services.inspections import CHECKLIST, InspectionDetail, get_inspection
from greenzone_desktop.services.print_unit import unit_info
from greenzone_desktop.vocab import InspectionKind, RecommendationStatus


def _result(status: str) -> str:
    return ("Đã khắc phục" if status == RecommendationStatus.DONE
            else "Chưa khắc phục")


def record_doc(d: InspectionDetail) -> InspectionRecordDoc:
    """What the biên bản of inspection `d` says."""
    rechecks = [RecheckRow(r.text, r.inspected_on, r.due_on, _result(r.status))
                for r in d.rechecked]
    recs = [(r.text, r.due_on) for r in d.recommendations]
    if d.kind == InspectionKind.HOUSEHOLD:
        checklist = [(label, "Đạt" if d.checklist[code] else "Chưa đạt")
                     for code, label in CHECKLIST if code in d.checklist]
        inspectors = [n.strip() for n in d.inspectors.split(",") if n.strip()]
        return InspectionRecordDoc(
            summary=f"Kiểm tra việc thực hiện các biện pháp phòng, chống dịch COVID-19 tại hộ "
                    f"gia đình ông/bà {d.head_name} (mã hộ {d.household_code})",
            when=d.inspected_on, place=f"nhà ông/bà {d.head_name}, {d.address}".rstrip(", "),
            participants=[Participant(n, "", "người kiểm tra") for n in inspectors],
            others=[f"Ông/Bà {d.head_name} – chủ hộ."],
            checklist=checklist, rechecks=rechecks, recommendations=recs, notes=d.notes,
            findings=[(label, "") for label, result in checklist if result == "Chưa đạt"],
            signatures=[Signature("ĐẠI DIỆN HỘ GIA ĐÌNH", name=d.head_name),
                        Signature("NGƯỜI KIỂM TRA", name=inspectors[0] if inspectors else "")])
    return InspectionRecordDoc(
        summary="Kiểm tra công tác phòng, chống dịch COVID-19 và xây dựng “vùng xanh”",
        when=d.inspected_on, place=d.place, started_at=d.started_at, ended_at=d.ended_at,
        participants=[Participant(m.name, m.title, m.role) for m in d.members],
        chair=d.chair, secretary=d.secretary, scope=d.scope,
        findings=[(f.text, f.remedy) for f in d.findings], rechecks=rechecks,
        recommendations=recs, notes=d.notes)


def print_inspection(db: Database, inspection_id: str,
                     out: str | os.PathLike[str]) -> PrintSummary:
    """Print the biên bản of one inspection (household or inspection team) to a PDF."""
    detail = get_inspection(db, inspection_id)
    return write_inspection_records(out, [record_doc(detail)], unit_info(db))
