"""The in/out log: flags, resident lookup, validation, daily summary and the Excel export."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from greenzone_desktop.models import Person
from greenzone_desktop.services import checkpoints as C
from greenzone_desktop.services import gate_log as G
from greenzone_desktop.services.errors import ServiceError, ValidationError

DAY = date(2021, 9, 15)


def _cp(db, name: str = "Chốt số 1") -> str:  # noqa: ANN001
    return C.save_checkpoint(db, C.CheckpointInput(name))


def _resident(db) -> Person:  # noqa: ANN001
    with db.session() as s:
        p = s.query(Person).filter(Person.cccd.isnot(None), Person.deleted.is_(False)).first()
        s.expunge(p)
        return p


def test_risk_area_matching() -> None:
    areas = ["Bắc Giang", "Quận 7", "Thuận An"]
    assert G.risk_area_of("TP. Bắc Giang", areas) == "Bắc Giang"
    assert G.risk_area_of("bac giang", areas) == "Bắc Giang"
    assert G.risk_area_of("Phường Tân Phong, Quận 7, TP HCM", areas) == "Quận 7"
    assert G.risk_area_of("Quận 70", areas) is None
    assert G.risk_area_of("Bắc Ninh", areas) is None
    assert G.risk_area_of("", areas) is None


def test_risk_area_list_is_a_setting(db) -> None:  # noqa: ANN001
    assert G.risk_areas(db) == []
    G.set_risk_areas(db, [" Bắc Giang ", "", "Bắc Giang", "Đà Nẵng"])
    assert G.risk_areas(db) == ["Bắc Giang", "Đà Nẵng"]


def test_outsider_without_declaration_and_risk_arrival_are_flagged(db) -> None:  # noqa: ANN001
    cid = _cp(db)
    G.set_risk_areas(db, ["Bắc Giang"])
    e = G.save_entry(db, G.GateEntryInput(cid, "Trần Văn Khách", from_place="Lục Nam, Bắc Giang",
                                          purpose="Thăm người thân"),
                     now=datetime(2021, 9, 15, 8, 12, 33))
    assert e.flagged and e.time_in == datetime(2021, 9, 15, 8, 12)
    assert e.flag_reason == "Đến từ vùng có nguy cơ: Bắc Giang; " + G.UNDECLARED
    ok = G.save_entry(db, G.GateEntryInput(cid, "Trần Văn Khách", from_place="Hà Nội",
                                           declared=True), now=datetime(2021, 9, 15, 9))
    assert not ok.flagged and ok.flag_reason == ""


def test_resident_found_by_cccd_is_not_an_outsider(demo_db) -> None:  # noqa: ANN001
    cid = C.list_checkpoints(demo_db)[0].id
    p = _resident(demo_db)
    hits = G.find_residents(demo_db, p.cccd)
    assert [h.person_id for h in hits] == [p.id] and p.cccd in hits[0].text
    assert G.flags_for(demo_db, G.GateEntryInput(cid, p.full_name, cccd=p.cccd)) == []
    e = G.save_entry(demo_db, G.GateEntryInput(cid, p.full_name, cccd=p.cccd),
                     now=datetime(2021, 9, 15, 7))
    assert e.person_id == p.id and e.resident and not e.flagged
    assert G.household_address(demo_db, p.id)
    assert G.find_residents(demo_db, "a") == []  # too short to search


def test_entry_validation_messages(db) -> None:  # noqa: ANN001
    cid = _cp(db)
    with pytest.raises(ValidationError, match="họ và tên"):
        G.save_entry(db, G.GateEntryInput(cid, ""))
    with pytest.raises(ValidationError, match="12 chữ số"):
        G.save_entry(db, G.GateEntryInput(cid, "Lê Văn A", cccd="12345"))
    with pytest.raises(ValidationError, match="Giờ ra phải sau giờ vào"):
        G.save_entry(db, G.GateEntryInput(cid, "Lê Văn A", time_in=datetime(2021, 9, 15, 9),
                                          time_out=datetime(2021, 9, 15, 8)))
    e = G.save_entry(db, G.GateEntryInput(cid, "Lê Văn A", plate="29a-123.45", declared=True),
                     now=datetime(2021, 9, 15, 9))
    assert e.plate == "29A-123.45"
    with pytest.raises(ServiceError, match="sau giờ vào"):
        G.mark_out(db, e.id, datetime(2021, 9, 15, 8))
    assert G.mark_out(db, e.id, datetime(2021, 9, 15, 10, 5)).time_out == datetime(2021, 9, 15,
                                                                                    10, 5)


def test_parse_clock() -> None:
    assert G.parse_clock("7:30", DAY) == datetime(2021, 9, 15, 7, 30)
    assert G.parse_clock("07h05", DAY) == datetime(2021, 9, 15, 7, 5)
    assert G.parse_clock("1415", DAY) == datetime(2021, 9, 15, 14, 15)
    assert G.parse_clock("", DAY) is None
    with pytest.raises(ServiceError, match="07:30"):
        G.parse_clock("25:00", DAY)


def test_daily_summary_and_entries_of_a_day(db) -> None:  # noqa: ANN001
    one, two = _cp(db), _cp(db, "Chốt số 2")
    G.set_risk_areas(db, ["Bắc Giang"])
    G.save_entry(db, G.GateEntryInput(one, "A", from_place="Bắc Giang", declared=True,
                                      plate="98B1-111.11"), now=datetime(2021, 9, 15, 7))
    e = G.save_entry(db, G.GateEntryInput(one, "B"), now=datetime(2021, 9, 15, 8))
    G.mark_out(db, e.id, datetime(2021, 9, 15, 9))
    G.save_entry(db, G.GateEntryInput(two, "C", declared=True), now=datetime(2021, 9, 16, 8))
    got = {g.checkpoint_name: g for g in G.daily_summary(db, DAY)}
    a = got["Chốt số 1"]
    assert (a.entries, a.outsiders, a.still_inside, a.flagged, a.undeclared, a.vehicles) == (
        2, 2, 1, 2, 1, 1)
    assert got["Chốt số 2"].entries == 0 and "2 lượt" in a.text
    assert [x.full_name for x in G.entries(db, DAY, one)] == ["B", "A"]  # newest first
    assert [x.full_name for x in G.entries(db, DAY, last=date(2021, 9, 16))] == ["C", "B", "A"]
    G.delete_entry(db, e.id)
    assert [x.full_name for x in G.entries(db, DAY)] == ["A"]


def test_export_excel_reads_back(db, tmp_path) -> None:  # noqa: ANN001
    cid = _cp(db)
    G.save_entry(db, G.GateEntryInput(cid, "Nguyễn Thị Ánh", cccd="001185012345",
                                      phone="0912345678", from_place="Hà Nội",
                                      purpose="Về nhà", declared=True),
                 now=datetime(2021, 9, 15, 7, 30))
    out = tmp_path / "so-ra-vao.xlsx"
    assert G.export_excel(db, out, DAY) == 1
    ws = load_workbook(out).active
    rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "STT")
    data = rows[rows.index(header) + 1]
    record = dict(zip(header, data, strict=False))
    assert record["Họ và tên"] == "Nguyễn Thị Ánh"
    assert record["Số CCCD/CMND"] == "001185012345"  # text: the leading zeros stay
    assert record["Giờ vào"] == datetime(2021, 9, 15, 7, 30)
    assert record["Khai báo y tế"] == "Có"
    assert any("SỔ THEO DÕI NGƯỜI RA VÀO" in str(r[0]) for r in rows if r and r[0])


def test_resident_under_quarantine_is_flagged(db) -> None:  # noqa: ANN001
    from greenzone_desktop.services.health import PeriodInput, add_period, end_period
    from greenzone_desktop.services.register import HouseholdInput, PersonInput, create_household

    cid = _cp(db)
    create_household(db, HouseholdInput(address="Số 3, Đường Xuân Mai"), [PersonInput(
        "Lê Thị Hoa", sex="nu", relation="chu_ho", birth="1985", cccd="026185012345")])
    hit = G.find_residents(db, "026185012345")[0]
    period = add_period(db, hit.person_id, PeriodInput("F1", date(2021, 9, 10), place="home"))
    entry = G.GateEntryInput(cid, "Lê Thị Hoa", cccd="026185012345",
                             time_in=datetime(2021, 9, 15, 7))
    (flag,) = G.flags_for(db, entry)
    assert flag.startswith("Đang theo dõi F1 (tiếp xúc gần), tại nhà từ 10/09/2021")
    later = G.GateEntryInput(cid, "Lê Thị Hoa", person_id=hit.person_id,
                             time_in=datetime(2021, 10, 15, 7))
    assert G.flags_for(db, later)  # still running: nobody closed it
    assert G.save_entry(db, entry).flagged
    end_period(db, period, date(2021, 9, 24))
    assert G.flags_for(db, later) == []
    assert G.flags_for(db, entry)  # it was running on the 15th
