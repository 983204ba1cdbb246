"""Shift patterns (editable data) and the concrete shifts they generate for a week.

Pure: no database, no Qt. A pattern is a named list of daily slots; a slot whose end is not after
its start crosses midnight (22:00–06:00), and a slot whose end equals its start lasts 24 hours.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

Slot = tuple[time, time]
Assignment = tuple[str, Hashable]  # (shift_id, staff_id)

_DAY = timedelta(days=1)


def _parse_time(text: str) -> time:
    text = text.strip().lower().replace("h", ":").rstrip(":")
    hour, _, minute = text.partition(":")
    try:
        # "24:00" is how people write the end of a day.
        return time(int(hour) % 24 if hour.strip() == "24" else int(hour), int(minute or 0))
    except ValueError:
        raise ValueError(f"Giờ không hợp lệ: {text!r} (viết dạng 06:00)") from None


def slot_minutes(slot: Slot) -> int:
    """Length of a daily slot in minutes (a slot ending at or before its start crosses midnight)."""
    start, end = slot
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return minutes if minutes > 0 else minutes + 24 * 60


@dataclass(frozen=True)
class ShiftPattern:
    """A named, editable list of daily slots."""

    name: str
    slots: tuple[Slot, ...]

    def __post_init__(self) -> None:
        slots = tuple((s, e) for s, e in self.slots)
        if not slots:
            raise ValueError("Mẫu ca trực phải có ít nhất một ca")
        if len(set(slots)) != len(slots):
            raise ValueError("Mẫu ca trực có hai ca trùng giờ")
        object.__setattr__(self, "slots", slots)

    @property
    def hours_per_day(self) -> float:
        return sum(slot_minutes(s) for s in self.slots) / 60

    def to_json(self) -> list[list[str]]:
        """Slots as ``[["06:00", "14:00"], ...]``, the form the database stores."""
        return [[s.strftime("%H:%M"), e.strftime("%H:%M")] for s, e in self.slots]

    @classmethod
    def from_json(cls, name: str, slots: Iterable[Sequence[str]]) -> ShiftPattern:
        return cls(name, tuple((_parse_time(s), _parse_time(e)) for s, e in slots))

    @classmethod
    def parse(cls, name: str, text: str) -> ShiftPattern:
        """A custom pattern from text such as ``"06:00-14:00, 14:00-22:00, 22:00-06:00"``."""
        pairs = []
        for part in text.replace(";", ",").split(","):
            if not part.strip():
                continue
            start, sep, end = part.replace("–", "-").partition("-")
            if not sep:
                raise ValueError(f"Ca không hợp lệ: {part.strip()!r} (viết dạng 06:00-14:00)")
            pairs.append((start, end))
        return cls.from_json(name, pairs)


def _hourly(*pairs: tuple[int, int]) -> tuple[Slot, ...]:
    return tuple((time(a), time(b)) for a, b in pairs)


THREE_BY_EIGHT = ShiftPattern("3 ca × 8 giờ", _hourly((6, 14), (14, 22), (22, 6)))
TWO_BY_TWELVE = ShiftPattern("2 ca × 12 giờ", _hourly((6, 18), (18, 6)))
# Công điện 18/CĐ-UBND (Hà Nội, 6/8/2021): guards in 2-hour shifts until 23:00.
HANOI_TWO_HOUR = ShiftPattern(
    "Hà Nội: ca 2 giờ đến 23:00", _hourly(*((h, h + 2) for h in range(7, 23, 2)))
)


def preset_patterns() -> list[ShiftPattern]:
    """The built-in patterns, offered as starting points the user may copy and edit."""
    return [THREE_BY_EIGHT, TWO_BY_TWELVE, HANOI_TWO_HOUR]


@dataclass(frozen=True)
class ShiftSlot:
    """One concrete shift at one checkpoint."""

    id: str
    checkpoint_id: Hashable
    start: datetime
    end: datetime
    min_staff: int = 1
    label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"Ca {self.id}: giờ kết thúc phải sau giờ bắt đầu")
        if self.min_staff < 0:
            raise ValueError(f"Ca {self.id}: số người tối thiểu không được âm")

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def hours(self) -> float:
        return self.minutes / 60


def shift_id(checkpoint_id: Hashable, start: datetime, end: datetime) -> str:
    """Stable id of a generated shift: checkpoint, start and end."""
    return f"{checkpoint_id}|{start:%Y-%m-%d %H:%M}|{end:%Y-%m-%d %H:%M}"


def _window_intervals(day: date, opening: Slot) -> list[tuple[datetime, datetime]]:
    # The windows of the day before and after too: a night window reaches into the next day.
    out = []
    for offset in (-1, 0, 1):
        d = day + timedelta(days=offset)
        start = datetime.combine(d, opening[0])
        end = datetime.combine(d, opening[1])
        if end <= start:
            end += _DAY
        out.append((start, end))
    return out


def generate_shifts(
    checkpoint_id: Hashable,
    pattern: ShiftPattern,
    week_start: date,
    days: int = 7,
    min_staff: int = 1,
    opening: Slot | None = None,
) -> list[ShiftSlot]:
    """The shifts of `pattern` at one checkpoint for `days` days from `week_start`.

    `opening` (opens, closes) clips every shift to the checkpoint's opening window; ``None`` means
    24/24. A shift that falls wholly outside the window is dropped.
    """
    shifts: list[ShiftSlot] = []
    seen: set[str] = set()
    for n in range(days):
        day = week_start + timedelta(days=n)
        windows = _window_intervals(day, opening) if opening is not None else None
        for slot_start, slot_end in pattern.slots:
            start = datetime.combine(day, slot_start)
            end = start + timedelta(minutes=slot_minutes((slot_start, slot_end)))
            pieces = [(start, end)]
            if windows is not None:
                pieces = [
                    (max(start, ws), min(end, we))
                    for ws, we in windows
                    if max(start, ws) < min(end, we)
                ]
            label = f"{slot_start:%H:%M}–{slot_end:%H:%M}"
            for s, e in pieces:
                sid = shift_id(checkpoint_id, s, e)
                if sid not in seen:
                    seen.add(sid)
                    shifts.append(ShiftSlot(sid, checkpoint_id, s, e, min_staff, label))
    shifts.sort(key=lambda s: (s.start, s.end))
    return shifts


@dataclass(frozen=True)
class WeekCopy:
    """Result of copying a week: the new assignments and those with no matching shift."""

    copied: list[Assignment]
    dropped: list[Assignment]


def copy_week(
    assignments: Iterable[Assignment],
    shifts_prev: Iterable[ShiftSlot],
    shifts_next: Iterable[ShiftSlot],
    offset: timedelta = timedelta(days=7),
) -> WeekCopy:
    """Carry assignments onto the next week's shifts: same checkpoint, start moved by `offset`.

    Assignments whose shift is not in `shifts_prev` are ignored; those whose shift has no
    counterpart next week (pattern changed, checkpoint closed) are returned in `dropped`.
    """
    prev = {s.id: s for s in shifts_prev}
    target = {(s.checkpoint_id, s.start): s.id for s in shifts_next}
    copied: list[Assignment] = []
    dropped: list[Assignment] = []
    seen: set[Assignment] = set()
    for shift, person in assignments:
        old = prev.get(shift)
        if old is None:
            continue
        new = target.get((old.checkpoint_id, old.start + offset))
        if new is None:
            dropped.append((shift, person))
        elif (new, person) not in seen:
            seen.add((new, person))
            copied.append((new, person))
    return WeekCopy(copied, dropped)


def swap(
    assignments: Iterable[Assignment],
    a: Hashable,
    b: Hashable,
    shift_ids: Iterable[str] | None = None,
) -> list[Assignment]:
    """Exchange persons `a` and `b` in every assignment (or only in `shift_ids`).

    A shift holding both keeps both. The result is not checked: run ``validate`` on it.
    """
    rows = list(assignments)
    only = set(shift_ids) if shift_ids is not None else None
    members: dict[str, set[Hashable]] = {}
    for shift, person in rows:
        members.setdefault(shift, set()).add(person)
    out: list[Assignment] = []
    for shift, person in rows:
        if (only is None or shift in only) and not {a, b} <= members[shift]:
            person = b if person == a else a if person == b else person
        out.append((shift, person))
    return out
