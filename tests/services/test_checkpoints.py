"""Checkpoints, the staff pool, unavailability and stored shift patterns."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from greenzone_desktop.models import Assignment, Shift
from greenzone_desktop.services import checkpoints as C
from greenzone_desktop.services.errors import ServiceError, ValidationError
from greenzone_desktop.services.register import (
    DoseInput,
    HouseholdInput,
    PersonInput,
    create_household,
)
from greenzone_desktop.services.settings import set_setting


def test_presets_are_stored_once_and_read_back(db) -> None:  # noqa: ANN001
    first = C.ensure_preset_patterns(db)
    again = C.ensure_preset_patterns(db)
    assert [p.name for p in first] == [p.name for p in again]
    by_name = {p.name: p for p in again}
    assert by_name["3 ca × 8 giờ"].text == "06:00-14:00, 14:00-22:00, 22:00-06:00"
    hanoi = by_name["Hà Nội: ca 2 giờ đến 23:00"].pattern
    assert hanoi.slots[-1][1] == time(23) and hanoi.hours_per_day == 16
    assert by_name["2 ca × 12 giờ"].pattern.hours_per_day == 24


def test_custom_pattern_is_parsed_and_bad_text_refused(db) -> None:  # noqa: ANN001
    pid = C.save_pattern(db, "Ca ngày", "6h-12h; 12:00-18:00")
    assert [p.text for p in C.list_patterns(db) if p.id == pid] == ["06:00-12:00, 12:00-18:00"]
    with pytest.raises(ValidationError, match="06:00-14:00"):
        C.save_pattern(db, "Sai", "sáng sớm")
    with pytest.raises(ValidationError, match="tên mẫu"):
        C.save_pattern(db, "", "06:00-14:00")


def test_pattern_in_use_cannot_be_deleted(db) -> None:  # noqa: ANN001
    pid = C.save_pattern(db, "Ca ngày", "06:00-18:00")
    C.save_checkpoint(db, C.CheckpointInput("Chốt Đầu làng", pattern_id=pid))
    with pytest.raises(ServiceError, match="Chốt Đầu làng"):
        C.delete_pattern(db, pid)


def test_checkpoint_fields_and_validation(db) -> None:  # noqa: ANN001
    cid = C.save_checkpoint(db, C.CheckpointInput(
        "Chốt số 1", "Đầu ngõ 5", "soft", time(6), time(22), 3, "0912345678",
        date(2021, 9, 1), date(2021, 9, 30)))
    cp = C.get_checkpoint(db, cid)
    assert (cp.kind_label, cp.hours_text, cp.min_staff, cp.phone) == (
        "Chốt mềm", "06:00–22:00", 3, "0912345678")
    assert cp.active_on(date(2021, 9, 15)) and not cp.active_on(date(2021, 10, 1))
    assert cp.active_text == "từ 01/09/2021 đến 30/09/2021"
    bad = [
        (C.CheckpointInput(""), "tên chốt"),
        (C.CheckpointInput("A", opens_at=time(6)), "24/24"),
        (C.CheckpointInput("A", min_staff=0), "từ 1 đến 50"),
        (C.CheckpointInput("A", phone="12345"), "điện thoại"),
        (C.CheckpointInput("A", active_from=date(2021, 9, 2), active_to=date(2021, 9, 1)), "sau"),
    ]
    for value, message in bad:
        with pytest.raises(ValidationError, match=message):
            C.save_checkpoint(db, value)


def test_checkpoints_sort_by_number(db) -> None:  # noqa: ANN001
    for name in ("Chốt số 10", "Chốt số 2", "Chốt Đầu làng"):
        C.save_checkpoint(db, C.CheckpointInput(name))
    # Numbers as numbers; words in Vietnamese letter order (đ before s).
    assert [c.name for c in C.list_checkpoints(db)] == ["Chốt Đầu làng", "Chốt số 2",
                                                        "Chốt số 10"]


def _resident(db, name: str = "Lê Thị Hoa", doses: int = 2) -> str:  # noqa: ANN001
    create_household(db, HouseholdInput(address="Số 3, Đường Xuân Mai"), [PersonInput(
        name, sex="nu", relation="chu_ho", birth="1985", phone="0987654321",
        doses=[DoseInput("01/07/2021", "AstraZeneca")] * doses)])
    with db.session() as s:
        from greenzone_desktop.models import Person

        return s.query(Person.id).filter(Person.full_name == name).scalar()


def test_staff_from_register_takes_name_phone_and_doses(db) -> None:  # noqa: ANN001
    pid = _resident(db, doses=2)
    sid = C.save_staff(db, C.StaffInput(person_id=pid, organisation="Hội Phụ nữ"))
    v = C.get_staff(db, sid)
    assert (v.full_name, v.phone, v.doses, v.vaccinated, v.origin_text) == (
        "Lê Thị Hoa", "0987654321", 2, True, "Trong sổ hộ")
    assert v.max_hours_week == 48
    with pytest.raises(ValidationError, match="đã có trong danh sách trực"):
        C.save_staff(db, C.StaffInput(person_id=pid))


def test_outside_staff_and_the_vaccination_rule_setting(db) -> None:  # noqa: ANN001
    one = C.save_staff(db, C.StaffInput("Phạm Văn Công", phone="0912000111",
                                        organisation="Công an", doses=1, max_hours_week=24))
    none = C.save_staff(db, C.StaffInput("Đỗ Văn Dân", organisation="Dân quân"))
    views = {v.id: v for v in C.list_staff(db)}
    assert views[one].vaccinated and not views[none].vaccinated
    assert views[none].doses_text == "Chưa tiêm" and views[one].origin_text == "Lực lượng ngoài"
    set_setting(db, "staff_min_doses", 2)
    assert not C.get_staff(db, one).vaccinated
    assert C.roster_rules(db).min_doses == 2
    with pytest.raises(ValidationError, match="họ và tên"):
        C.save_staff(db, C.StaffInput(""))
    with pytest.raises(ValidationError, match="từ 1 đến 168"):
        C.save_staff(db, C.StaffInput("X", max_hours_week=0))


def test_staff_sorted_by_given_name(db) -> None:  # noqa: ANN001
    for name in ("Nguyễn Văn Bình", "Trần Thị An", "Lê Văn Ân"):
        C.save_staff(db, C.StaffInput(name, doses=1))
    assert [v.full_name for v in C.list_staff(db)] == ["Trần Thị An", "Lê Văn Ân",
                                                       "Nguyễn Văn Bình"]


def test_unavailability_days_and_hours(db) -> None:  # noqa: ANN001
    sid = C.save_staff(db, C.StaffInput("Phạm Văn Công", doses=2))
    C.add_unavailable_days(db, sid, date(2021, 9, 15), date(2021, 9, 16), "Về quê")
    C.add_unavailable_days(db, sid, date(2021, 9, 20))
    C.add_unavailability(db, sid, datetime(2021, 9, 22, 7), datetime(2021, 9, 22, 11, 30), "Họp")
    texts = [u.text for u in C.list_unavailability(db, sid)]
    assert texts == ["Từ 15/09/2021 đến hết 16/09/2021", "Cả ngày 20/09/2021",
                     "07:00 22/09/2021 – 11:30 22/09/2021"]
    with pytest.raises(ValidationError, match="phải sau"):
        C.add_unavailability(db, sid, datetime(2021, 9, 22, 7), datetime(2021, 9, 22, 6))
    first = C.list_unavailability(db, sid)[0]
    C.delete_unavailability(db, first.id)
    assert len(C.list_unavailability(db, sid)) == 2
    assert len(C.list_unavailability(db, since=datetime(2021, 9, 21))) == 1


def test_deleting_staff_clears_only_future_duty(db) -> None:  # noqa: ANN001
    cid = C.save_checkpoint(db, C.CheckpointInput("Chốt số 1"))
    sid = C.save_staff(db, C.StaffInput("Phạm Văn Công", doses=2))
    with db.session() as s:
        for day in (10, 20):
            sh = Shift(unit_id=db.home_unit_id, checkpoint_id=cid,
                       starts_at=datetime(2021, 9, day, 6), ends_at=datetime(2021, 9, day, 14))
            s.add(sh)
            s.flush()
            s.add(Assignment(unit_id=db.home_unit_id, shift_id=sh.id, staff_id=sid))
    C.delete_staff(db, sid, now=datetime(2021, 9, 15))
    with db.session() as s:
        kept = s.query(Assignment).filter(Assignment.deleted.is_(False)).all()
        assert [s.get(Shift, a.shift_id).starts_at.day for a in kept] == [10]
    assert C.list_staff(db) == []
