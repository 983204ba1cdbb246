"""Shift patterns: presets, custom patterns, generated shifts, copying a week, swapping people."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from greenzone_desktop.services.shift_patterns import (
    HANOI_TWO_HOUR,
    THREE_BY_EIGHT,
    TWO_BY_TWELVE,
    ShiftPattern,
    copy_week,
    generate_shifts,
    preset_patterns,
    swap,
)

MONDAY = date(2021, 8, 9)


def at(day: int, hour: int) -> datetime:
    return datetime.combine(MONDAY, time()) + timedelta(days=day, hours=hour)


def test_three_by_eight_crosses_midnight():
    shifts = generate_shifts("A", THREE_BY_EIGHT, MONDAY, 7, 2)
    assert len(shifts) == 21
    night = shifts[2]
    assert (night.start, night.end, night.hours) == (at(0, 22), at(1, 6), 8)
    assert shifts[-1].end == at(7, 6)
    assert all(s.min_staff == 2 for s in shifts)
    assert len({s.id for s in shifts}) == 21


def test_presets_and_custom_patterns():
    assert [p.hours_per_day for p in preset_patterns()] == [24, 24, 16]
    assert HANOI_TWO_HOUR.to_json()[0] == ["07:00", "09:00"]
    assert HANOI_TWO_HOUR.to_json()[-1] == ["21:00", "23:00"]
    assert len(HANOI_TWO_HOUR.slots) == 8
    day = generate_shifts("A", HANOI_TWO_HOUR, MONDAY, 1)
    assert [s.hours for s in day] == [2] * 8 and day[-1].end == at(0, 23)
    custom = ShiftPattern.parse("Ca đêm", "18h-6h; 6:00–18:00")
    assert custom.to_json() == [["18:00", "06:00"], ["06:00", "18:00"]]
    assert ShiftPattern.from_json("x", custom.to_json()) == ShiftPattern("x", custom.slots)
    assert ShiftPattern.parse("Cả ngày", "07:00-07:00").hours_per_day == 24
    with pytest.raises(ValueError, match="Giờ không hợp lệ"):
        ShiftPattern.parse("x", "25:00-06:00")
    with pytest.raises(ValueError, match="ít nhất một ca"):
        ShiftPattern("x", ())


def test_opening_window_clips_shifts():
    shifts = generate_shifts("A", THREE_BY_EIGHT, MONDAY, 1, opening=(time(7), time(19)))
    assert [(s.start, s.end) for s in shifts] == [(at(0, 7), at(0, 14)), (at(0, 14), at(0, 19))]
    night = generate_shifts("A", TWO_BY_TWELVE, MONDAY, 1, opening=(time(20), time(4)))
    assert [(s.start, s.end) for s in night] == [(at(0, 20), at(1, 4))]


def test_copy_week_maps_by_checkpoint_and_slot():
    week1 = generate_shifts("A", THREE_BY_EIGHT, MONDAY, 7) + generate_shifts(
        "B", TWO_BY_TWELVE, MONDAY, 7
    )
    week2 = generate_shifts("A", THREE_BY_EIGHT, MONDAY + timedelta(7), 7) + generate_shifts(
        "B", THREE_BY_EIGHT, MONDAY + timedelta(7), 7
    )
    rows = [(week1[0].id, "p"), (week1[2].id, "q")]
    b_night = next(s for s in week1 if s.checkpoint_id == "B" and s.start.hour == 18)
    rows.append((b_night.id, "r"))
    out = copy_week(rows + [("elsewhere", "z")], week1, week2)
    starts = {s.id: (s.checkpoint_id, s.start) for s in week2}
    assert [starts[sid] for sid, _ in out.copied] == [
        ("A", week1[0].start + timedelta(7)),
        ("A", week1[2].start + timedelta(7)),
    ]
    assert out.dropped == [(b_night.id, "r")]  # B changed pattern: no 18:00 shift next week


def test_swap_two_people():
    rows = [("s1", "a"), ("s2", "b"), ("s3", "a"), ("s3", "b"), ("s4", "c")]
    assert swap(rows, "a", "b") == [("s1", "b"), ("s2", "a"), ("s3", "a"), ("s3", "b"), ("s4", "c")]
    assert swap(rows, "a", "b", ["s1"]) == [("s1", "b"), *rows[1:]]
