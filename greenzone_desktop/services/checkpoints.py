"""Checkpoints (chốt kiểm soát), the duty staff pool, their unavailability, and shift patterns.

Rules (doses required, rest between shifts, weekly hours) are settings: `staff_min_doses`,
`staff_min_rest_hours`, `staff_max_hours_week`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from greenzone_desktop.models import (
    Assignment,
    Checkpoint,
    Person,
    Shift,
    ShiftPattern,
    Staff,
    Unavailability,
    Vaccination,
)
from greenzone_desktop.models.db import Database
from greenzone_desktop.services import shift_patterns as sp
from greenzone_desktop.services.changes import Changes
from greenzone_desktop.services.errors import NotFoundError, ServiceError, ValidationError
from greenzone_desktop.services.roster_solver import Rules
from greenzone_desktop.services.settings import all_settings
from greenzone_desktop.text import TextError, format_date, name_sort_key, nfc, normalize_phone
from greenzone_desktop.vocab import CheckpointKind

CHANGED = Changes(checkpoints=True)
# Who usually stands at a checkpoint (suggestions; any text is accepted).
STAFF_ORGANISATIONS = (
    "Công an", "Dân quân", "Đoàn viên thanh niên", "Tình nguyện viên", "Hội Cựu chiến binh",
    "Hội Phụ nữ", "Y tế", "Bảo vệ dân phố",
)


# -- rules ------------------------------------------------------------------------------------

def roster_rules(db: Database) -> Rules:
    """The roster rules from settings."""
    values = all_settings(db)
    return Rules(min_doses=int(values["staff_min_doses"]),
                 min_rest_hours=float(values["staff_min_rest_hours"]),
                 max_hours_week=float(values["staff_max_hours_week"]))


# -- shift patterns ---------------------------------------------------------------------------

@dataclass(frozen=True)
class PatternView:
    id: str
    name: str
    slots: tuple[tuple[str, str], ...]

    @property
    def text(self) -> str:
        """The slots as a person types them: "06:00-14:00, 14:00-22:00"."""
        return ", ".join(f"{a}-{b}" for a, b in self.slots)

    @property
    def pattern(self) -> sp.ShiftPattern:
        return sp.ShiftPattern.from_json(self.name, self.slots)


def _pattern_view(p: ShiftPattern) -> PatternView:
    return PatternView(p.id, p.name, tuple((str(a), str(b)) for a, b in p.slots))


def list_patterns(db: Database) -> list[PatternView]:
    with db.session() as s:
        rows = s.scalars(select(ShiftPattern).where(ShiftPattern.deleted.is_(False))
                         .order_by(ShiftPattern.name)).all()
        return [_pattern_view(p) for p in rows]


def ensure_preset_patterns(db: Database) -> list[PatternView]:
    """Store the built-in patterns (3 × 8 h, 2 × 12 h, Hà Nội 2 h) that are missing, by name."""
    with db.session() as s:
        have = set(s.scalars(select(ShiftPattern.name).where(ShiftPattern.deleted.is_(False))))
        for preset in sp.preset_patterns():
            if preset.name not in have:
                s.add(ShiftPattern(unit_id=db.home_unit_id, name=preset.name,
                                   slots=preset.to_json()))
    return list_patterns(db)


def save_pattern(db: Database, name: str, slots_text: str, pattern_id: str | None = None) -> str:
    """Create or edit a pattern from text such as "06:00-14:00, 14:00-22:00, 22:00-06:00"."""
    name = nfc(name) or ""
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Chưa nhập tên mẫu ca trực."
    pattern = None
    try:
        pattern = sp.ShiftPattern.parse(name or "?", slots_text or "")
    except ValueError as exc:
        errors["slots"] = str(exc)
    if errors or pattern is None:
        raise ValidationError(errors)
    with db.session() as s:
        if pattern_id is None:
            row = ShiftPattern(unit_id=db.home_unit_id, name=name, slots=pattern.to_json())
            s.add(row)
            s.flush()
            return row.id
        row = s.get(ShiftPattern, pattern_id)
        if row is None or row.deleted:
            raise NotFoundError("Không tìm thấy mẫu ca trực này.")
        row.name, row.slots = name, pattern.to_json()
        return row.id


def delete_pattern(db: Database, pattern_id: str) -> Changes:
    with db.session() as s:
        used = s.scalars(select(Checkpoint.name).where(Checkpoint.pattern_id == pattern_id,
                                                       Checkpoint.deleted.is_(False))).all()
        if used:
            raise ServiceError("Mẫu ca trực đang được dùng cho " + ", ".join(used)
                               + ": hãy chọn mẫu khác cho các chốt đó trước.")
        row = s.get(ShiftPattern, pattern_id)
        if row is None or row.deleted:
            raise NotFoundError("Không tìm thấy mẫu ca trực này.")
        row.deleted = True
    return CHANGED


# -- checkpoints ------------------------------------------------------------------------------

@dataclass(frozen=True)
class CheckpointInput:
    name: str
    location: str = ""
    kind: str = CheckpointKind.HARD.value
    opens_at: time | None = None  # None with closes_at None: open 24/24
    closes_at: time | None = None
    min_staff: int = 2
    phone: str | None = None
    active_from: date | None = None
    active_to: date | None = None
    pattern_id: str | None = None


@dataclass(frozen=True)
class CheckpointView:
    id: str
    name: str
    location: str
    kind: str
    opens_at: time | None
    closes_at: time | None
    min_staff: int
    phone: str | None
    active_from: date | None
    active_to: date | None
    pattern_id: str | None
    pattern_name: str

    @property
    def kind_label(self) -> str:
        return CheckpointKind(self.kind).label if self.kind in CheckpointKind.codes() else self.kind

    @property
    def hours_text(self) -> str:
        if self.opens_at is None or self.closes_at is None:
            return "24/24"
        return f"{self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    @property
    def active_text(self) -> str:
        if self.active_from is None and self.active_to is None:
            return "Đang hoạt động"
        start = f"từ {format_date(self.active_from)}" if self.active_from else ""
        end = f"đến {format_date(self.active_to)}" if self.active_to else ""
        return " ".join(x for x in (start, end) if x)

    @property
    def opening(self) -> sp.Slot | None:
        if self.opens_at is None or self.closes_at is None:
            return None
        return self.opens_at, self.closes_at

    def active_on(self, day: date) -> bool:
        return ((self.active_from is None or self.active_from <= day)
                and (self.active_to is None or day <= self.active_to))


def _checkpoint_view(c: Checkpoint, pattern_names: dict[str, str]) -> CheckpointView:
    return CheckpointView(c.id, c.name, c.location or "", c.kind, c.opens_at, c.closes_at,
                          c.min_staff, c.phone, c.active_from, c.active_to, c.pattern_id,
                          pattern_names.get(c.pattern_id or "", ""))


def _pattern_names(s: Session) -> dict[str, str]:
    return dict(s.execute(select(ShiftPattern.id, ShiftPattern.name)).tuples().all())


def list_checkpoints(db: Database, *, active_on: date | None = None) -> list[CheckpointView]:
    """Checkpoints by name ("Chốt số 2" before "Chốt số 10"), or only those active on a day."""
    with db.session() as s:
        names = _pattern_names(s)
        rows = [_checkpoint_view(c, names) for c in s.scalars(
            select(Checkpoint).where(Checkpoint.deleted.is_(False)))]
    if active_on is not None:
        rows = [c for c in rows if c.active_on(active_on)]
    return sorted(rows, key=lambda c: number_key(c.name))


def number_key(name: str) -> tuple:
    return tuple((0, int(w), "") if w.isdigit() else (1, 0, name_sort_key(w))
                 for w in name.split())


def get_checkpoint(db: Database, checkpoint_id: str) -> CheckpointView:
    with db.session() as s:
        return _checkpoint_view(_checkpoint(s, checkpoint_id), _pattern_names(s))


def _checkpoint(s: Session, checkpoint_id: str) -> Checkpoint:
    c = s.get(Checkpoint, checkpoint_id)
    if c is None or c.deleted:
        raise NotFoundError("Không tìm thấy chốt này (có thể đã bị xóa).")
    return c


def _clean_checkpoint(cp: CheckpointInput) -> dict:
    errors: dict[str, str] = {}
    name = nfc(cp.name) or ""
    if not name:
        errors["name"] = "Chưa nhập tên chốt."
    if cp.kind not in CheckpointKind.codes():
        errors["kind"] = f"Loại chốt «{cp.kind}» không có trong danh mục."
    if (cp.opens_at is None) != (cp.closes_at is None):
        errors["opens_at"] = "Giờ mở chốt cần cả giờ bắt đầu và giờ kết thúc (hoặc để trống: 24/24)."
    elif cp.opens_at is not None and cp.opens_at == cp.closes_at:
        errors["opens_at"] = "Giờ bắt đầu và kết thúc trùng nhau: để trống nếu chốt trực 24/24."
    if not 1 <= int(cp.min_staff) <= 50:
        errors["min_staff"] = "Số người trực tối thiểu mỗi ca phải từ 1 đến 50."
    phone = None
    try:
        phone = normalize_phone(cp.phone)
    except TextError as exc:
        errors["phone"] = str(exc)
    if cp.active_from and cp.active_to and cp.active_to < cp.active_from:
        errors["active_to"] = "Ngày kết thúc hoạt động phải sau ngày bắt đầu."
    if errors:
        raise ValidationError(errors)
    return {"name": name, "location": nfc(cp.location) or "", "kind": cp.kind,
            "opens_at": cp.opens_at, "closes_at": cp.closes_at, "min_staff": int(cp.min_staff),
            "phone": phone, "active_from": cp.active_from, "active_to": cp.active_to,
            "pattern_id": cp.pattern_id}


def save_checkpoint(db: Database, cp: CheckpointInput, checkpoint_id: str | None = None) -> str:
    """Create (no id) or update a checkpoint; returns its id."""
    values = _clean_checkpoint(cp)
    with db.session() as s:
        if cp.pattern_id is not None:
            p = s.get(ShiftPattern, cp.pattern_id)
            if p is None or p.deleted:
                raise NotFoundError("Không tìm thấy mẫu ca trực đã chọn.")
        if checkpoint_id is None:
            c = Checkpoint(unit_id=db.home_unit_id, **values)
            s.add(c)
            s.flush()
            return c.id
        c = _checkpoint(s, checkpoint_id)
        for k, v in values.items():
            setattr(c, k, v)
        return c.id


def delete_checkpoint(db: Database, checkpoint_id: str, *, now: datetime | None = None) -> Changes:
    """Soft-delete a checkpoint and its shifts from `now` on (past duty stays on record)."""
    now = now or datetime.now()
    with db.session() as s:
        _checkpoint(s, checkpoint_id).deleted = True
        shifts = s.scalars(select(Shift).where(Shift.checkpoint_id == checkpoint_id,
                                               Shift.deleted.is_(False), Shift.ends_at > now))
        for shift in shifts:
            shift.deleted = True
            for a in s.scalars(select(Assignment).where(Assignment.shift_id == shift.id,
                                                        Assignment.deleted.is_(False))):
                a.deleted = True
    return CHANGED


# -- staff pool -------------------------------------------------------------------------------

@dataclass(frozen=True)
class StaffInput:
    full_name: str = ""
    person_id: str | None = None  # someone from the register; name and phone default to theirs
    phone: str | None = None
    organisation: str = ""
    doses: int = 0
    max_hours_week: float | None = None  # None: the setting staff_max_hours_week
    active: bool = True
    notes: str = ""


@dataclass(frozen=True)
class StaffView:
    id: str
    person_id: str | None
    full_name: str
    phone: str | None
    organisation: str
    doses: int  # the larger of what was typed and the doses in the register
    max_hours_week: float
    active: bool
    notes: str
    vaccinated: bool  # meets the staff_min_doses rule
    sort_key: str

    @property
    def origin_text(self) -> str:
        return "Trong sổ hộ" if self.person_id else "Lực lượng ngoài"

    @property
    def doses_text(self) -> str:
        return "Chưa tiêm" if self.doses == 0 else f"{self.doses} mũi"


def register_doses(s: Session, person_ids: list[str]) -> dict[str, int]:
    """Doses recorded in the register for each person (the highest dose number)."""
    if not person_ids:
        return {}
    rows = s.execute(select(Vaccination.person_id, func.max(Vaccination.dose_no))
                     .where(Vaccination.person_id.in_(person_ids), Vaccination.deleted.is_(False))
                     .group_by(Vaccination.person_id))
    return {pid: int(n or 0) for pid, n in rows}


def list_staff(db: Database, *, active_only: bool = False) -> list[StaffView]:
    """The pool in official name order (given name first)."""
    min_doses = int(all_settings(db)["staff_min_doses"])
    with db.session() as s:
        stmt = select(Staff).where(Staff.deleted.is_(False)).order_by(Staff.sort_key)
        if active_only:
            stmt = stmt.where(Staff.active.is_(True))
        rows = s.scalars(stmt).all()
        doses = register_doses(s, [r.person_id for r in rows if r.person_id])
        out = []
        for r in rows:
            n = max(r.doses, doses.get(r.person_id or "", 0))
            out.append(StaffView(r.id, r.person_id, r.full_name, r.phone, r.organisation, n,
                                 r.max_hours_week, r.active, r.notes, n >= min_doses,
                                 r.sort_key))
        return out


def get_staff(db: Database, staff_id: str) -> StaffView:
    for v in list_staff(db):
        if v.id == staff_id:
            return v
    raise NotFoundError("Không tìm thấy người trực này (có thể đã bị xóa).")


def save_staff(db: Database, st: StaffInput, staff_id: str | None = None) -> str:
    """Add someone to the pool (no id) or update them; returns the staff id."""
    errors: dict[str, str] = {}
    phone = None
    try:
        phone = normalize_phone(st.phone)
    except TextError as exc:
        errors["phone"] = str(exc)
    if st.doses < 0 or st.doses > 6:
        errors["doses"] = "Số mũi vắc xin phải từ 0 đến 6."
    hours = st.max_hours_week
    if hours is None:
        hours = float(all_settings(db)["staff_max_hours_week"])
    if not 0 < hours <= 168:
        errors["max_hours_week"] = "Số giờ trực tối đa mỗi tuần phải từ 1 đến 168."
    with db.session() as s:
        name = nfc(st.full_name) or ""
        if st.person_id is not None:
            person = s.get(Person, st.person_id)
            if person is None or person.deleted:
                raise NotFoundError("Không tìm thấy người được chọn trong sổ hộ.")
            name = name or person.full_name
            phone = phone or person.phone
            dup = s.scalar(select(Staff.id).where(Staff.person_id == st.person_id,
                                                  Staff.deleted.is_(False)))
            if dup is not None and dup != staff_id:
                errors["person_id"] = f"{name} đã có trong danh sách trực."
        if not name:
            errors["full_name"] = "Chưa nhập họ và tên người trực."
        if errors:
            raise ValidationError(errors)
        values = {"full_name": name, "sort_key": name_sort_key(name), "person_id": st.person_id,
                  "phone": phone, "organisation": nfc(st.organisation) or "",
                  "doses": int(st.doses), "max_hours_week": float(hours),
                  "active": bool(st.active), "notes": nfc(st.notes) or ""}
        if staff_id is None:
            row = Staff(unit_id=db.home_unit_id, **values)
            s.add(row)
            s.flush()
            return row.id
        row = s.get(Staff, staff_id)
        if row is None or row.deleted:
            raise NotFoundError("Không tìm thấy người trực này (có thể đã bị xóa).")
        for k, v in values.items():
            setattr(row, k, v)
        return row.id


def delete_staff(db: Database, staff_id: str, *, now: datetime | None = None) -> Changes:
    """Take someone out of the pool and off their shifts from `now` on."""
    now = now or datetime.now()
    with db.session() as s:
        row = s.get(Staff, staff_id)
        if row is None or row.deleted:
            raise NotFoundError("Không tìm thấy người trực này (có thể đã bị xóa).")
        row.deleted = True
        future = select(Shift.id).where(Shift.ends_at > now)
        for a in s.scalars(select(Assignment).where(Assignment.staff_id == staff_id,
                                                    Assignment.deleted.is_(False),
                                                    Assignment.shift_id.in_(future))):
            a.deleted = True
    return CHANGED


# -- unavailability ---------------------------------------------------------------------------

@dataclass(frozen=True)
class UnavailabilityView:
    id: str
    staff_id: str
    staff_name: str
    starts_at: datetime
    ends_at: datetime
    reason: str

    @property
    def text(self) -> str:
        a, b = self.starts_at, self.ends_at
        if a.time() == time() and b.time() == time():
            last = b.date() - timedelta(days=1)
            if last == a.date():
                return f"Cả ngày {format_date(a)}"
            return f"Từ {format_date(a)} đến hết {format_date(last)}"
        return f"{a:%H:%M} {format_date(a)} – {b:%H:%M} {format_date(b)}"


def add_unavailability(db: Database, staff_id: str, starts_at: datetime, ends_at: datetime,
                       reason: str = "") -> str:
    """Someone cannot stand duty from `starts_at` to `ends_at` (hours)."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "Thời điểm kết thúc báo bận phải sau thời điểm bắt đầu."})
    with db.session() as s:
        row = s.get(Staff, staff_id)
        if row is None or row.deleted:
            raise NotFoundError("Không tìm thấy người trực này (có thể đã bị xóa).")
        u = Unavailability(unit_id=db.home_unit_id, staff_id=staff_id, starts_at=starts_at,
                           ends_at=ends_at, reason=nfc(reason) or "")
        s.add(u)
        s.flush()
        return u.id


def add_unavailable_days(db: Database, staff_id: str, first: date, last: date | None = None,
                         reason: str = "") -> str:
    """Someone cannot stand duty on whole days, `first` to `last` included."""
    last = last or first
    if last < first:
        raise ValidationError({"ends_at": "Ngày cuối phải sau hoặc bằng ngày đầu."})
    start = datetime.combine(first, time())
    return add_unavailability(db, staff_id, start,
                              datetime.combine(last + timedelta(days=1), time()), reason)


def list_unavailability(db: Database, staff_id: str | None = None, *,
                        since: datetime | None = None) -> list[UnavailabilityView]:
    stmt = (select(Unavailability, Staff.full_name)
            .join(Staff, Staff.id == Unavailability.staff_id)
            .where(Unavailability.deleted.is_(False), Staff.deleted.is_(False))
            .order_by(Unavailability.starts_at))
    if staff_id is not None:
        stmt = stmt.where(Unavailability.staff_id == staff_id)
    if since is not None:
        stmt = stmt.where(Unavailability.ends_at > since)
    with db.session() as s:
        return [UnavailabilityView(u.id, u.staff_id, name, u.starts_at, u.ends_at, u.reason)
                for u, name in s.execute(stmt)]


def delete_unavailability(db: Database, unavailability_id: str) -> Changes:
    with db.session() as s:
        row = s.get(Unavailability, unavailability_id)
        if row is None or row.deleted:
            raise NotFoundError("Không tìm thấy lịch báo bận này.")
        row.deleted = True
    return CHANGED
