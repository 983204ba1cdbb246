"""A small village that meets all five green-zone criteria, for tests to break one at a time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from greenzone_desktop.models import Assignment, Checkpoint, Commitment, Shift, Staff
from greenzone_desktop.models.db import Database
from greenzone_desktop.services import contacts, teams
from greenzone_desktop.services.inspections import (
    HouseholdInspectionInput,
    record_household_inspection,
)
from greenzone_desktop.services.register import HouseholdInput, PersonInput, create_household

TODAY = date(2021, 9, 15)


def add_household(db: Database, name: str, *, signed: bool = True) -> str:
    hid = create_household(db, HouseholdInput(address="Số 1, Đường Xuân Mai"),
                           [PersonInput(name, relation="chu_ho", birth="1970")])
    if signed:
        with db.session() as s:
            s.add(Commitment(unit_id=db.home_unit_id, kind="household", household_id=hid,
                             signed_on=TODAY - timedelta(days=3), signed_by=name))
    return hid


def add_shift(db: Database, checkpoint_id: str, day: date, hour: int, staff_ids: list[str]) -> str:
    with db.session() as s:
        start = datetime.combine(day, time(hour))
        sh = Shift(unit_id=db.home_unit_id, checkpoint_id=checkpoint_id, starts_at=start,
                   ends_at=start + timedelta(hours=8), min_staff=2)
        s.add(sh)
        s.flush()
        for sid in staff_ids:
            s.add(Assignment(unit_id=db.home_unit_id, shift_id=sh.id, staff_id=sid))
        return sh.id


def green_village(db: Database) -> dict[str, object]:
    """Two signed households covered by teams, a fully staffed checkpoint for the next 7 days,
    an inspection today, 2 hotlines, a Zalo group and 2 mailboxes."""
    homes = [add_household(db, "Nguyễn Văn An"), add_household(db, "Trần Thị Bình")]
    community = teams.save_team(db, teams.TeamInput("community", "Tổ Covid cộng đồng số 1"))
    teams.assign_households(db, community, homes)
    own = teams.save_team(db, teams.TeamInput("self_managed", "Tổ tự quản số 1"))
    teams.assign_households(db, own, homes)
    with db.session() as s:
        cp = Checkpoint(unit_id=db.home_unit_id, name="Chốt số 1", min_staff=2)
        staff = [Staff(unit_id=db.home_unit_id, full_name=n, doses=2)
                 for n in ("Lê Văn Cường", "Phạm Thị Dung")]
        s.add_all([cp, *staff])
        s.flush()
        cp_id, staff_ids = cp.id, [x.id for x in staff]
    for d in range(7):
        for hour in (6, 14, 22):
            add_shift(db, cp_id, TODAY + timedelta(days=d), hour, staff_ids)
    record_household_inspection(db, HouseholdInspectionInput(
        homes[0], TODAY, "Lê Văn Cường", {"logbook": True}), today=TODAY)
    hotlines = [contacts.save_hotline(db, "Ban chỉ đạo", "02113869115"),
                contacts.save_hotline(db, "Trạm Y tế", "0912345678")]
    contacts.save_channel(db, "zalo", "Vùng xanh Xuân Mai")
    for place in ("Nhà văn hóa", "Cổng chợ"):
        contacts.save_mailbox(db, place, "Nguyễn Văn An")
    return {"households": homes, "checkpoint": cp_id, "staff": staff_ids, "hotlines": hotlines}
