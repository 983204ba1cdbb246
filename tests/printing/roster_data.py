"""A small planned roster in a fresh database: checkpoints, staff, a week of shifts."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from greenzone_desktop.models import Assignment, Checkpoint, Shift, ShiftPattern, Staff
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.shift_patterns import HANOI_TWO_HOUR, THREE_BY_EIGHT
from greenzone_desktop.text import name_sort_key

WEEK = date(2021, 9, 13)  # a Monday
STAFF = [("Đặng Thị Ỹ", "0912345678", "Đoàn thanh niên"),
         ("Nguyễn Văn Ở", "0987654321", "Dân quân"),
         ("Lê Thị Ữu", "0911000111", "Công an khu vực"),
         ("Vũ Đức Ặn", "0913222333", "Tình nguyện viên"),
         ("Quách Thị Ỡm", "0914333444", "Hội Cựu chiến binh"),
         ("Trần Thị Mỹ Dữu", "0915444555", "Đoàn thanh niên"),
         ("Hoàng Ỵ", "0916555666", "Dân quân"),
         ("Phạm Thị Ẫm", "0917666777", "Tình nguyện viên"),
         ("Đỗ Văn Ừng", "0918777888", "Công an khu vực")]


def plan_week(db: Database, *, per_shift: int = 2, two_hour: bool = False,
              short: bool = True) -> dict[str, list[str]]:
    """Checkpoint "Chốt số 1" staffed all week (one night shift a person short when `short`),
    "Chốt Đồng Đầm" active with nothing planned, "Chốt cũ" closed before the week.

    Returns {staff name: [shift start "dd/mm HH:MM", …]}."""
    unit = db.home_unit_id
    pattern = HANOI_TWO_HOUR if two_hour else THREE_BY_EIGHT
    duties: dict[str, list[str]] = {n: [] for n, _, _ in STAFF}
    with db.session() as s:
        pat = ShiftPattern(unit_id=unit, name=pattern.name, slots=pattern.to_json())
        s.add(pat)
        s.flush()
        cp1 = Checkpoint(unit_id=unit, name="Chốt số 1", location="Đầu ngõ 5, đường Trưng Trắc",
                         kind="hard", min_staff=per_shift, phone="0211386911",
                         pattern_id=pat.id)
        cp2 = Checkpoint(unit_id=unit, name="Chốt Đồng Đầm", location="Cổng làng",
                         kind="soft", min_staff=2, opens_at=time(6), closes_at=time(22),
                         pattern_id=pat.id)
        cp3 = Checkpoint(unit_id=unit, name="Chốt cũ", kind="soft", min_staff=2,
                         active_from=date(2021, 8, 1), active_to=date(2021, 9, 1))
        staff = [Staff(unit_id=unit, full_name=n, sort_key=name_sort_key(n), phone=p,
                       organisation=o, doses=2) for n, p, o in STAFF]
        s.add_all([cp1, cp2, cp3, *staff])
        s.flush()
        k = 0
        for day in range(7):
            for start_t, end_t in pattern.slots:
                start = datetime.combine(WEEK + timedelta(days=day), start_t)
                end = datetime.combine(start.date(), end_t)
                if end <= start:
                    end += timedelta(days=1)
                sh = Shift(unit_id=unit, checkpoint_id=cp1.id, starts_at=start, ends_at=end,
                           min_staff=per_shift)
                s.add(sh)
                s.flush()
                n = per_shift - 1 if (short and day == 2 and start_t == time(22)) else per_shift
                for _ in range(n):
                    who = staff[k % len(staff)]
                    k += 1
                    s.add(Assignment(unit_id=unit, shift_id=sh.id, staff_id=who.id))
                    duties[who.full_name].append(f"{start:%d/%m %H:%M}")
        # a shift of the week before and one of the week after: not printed
        for d in (WEEK - timedelta(days=1), WEEK + timedelta(days=7)):
            sh = Shift(unit_id=unit, checkpoint_id=cp1.id, starts_at=datetime.combine(d, time(6)),
                       ends_at=datetime.combine(d, time(14)), min_staff=2)
            s.add(sh)
            s.flush()
            s.add(Assignment(unit_id=unit, shift_id=sh.id, staff_id=staff[0].id))
    return duties
