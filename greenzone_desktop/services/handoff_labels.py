"""Vietnamese names of the tables and fields a person sees in import previews and conflicts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from greenzone_desktop.services.changes import Changes
from greenzone_desktop.vocab import HealthKind, Relation, Residency, Sex

TABLE_LABELS: dict[str, str] = {
    "units": "Đơn vị", "settings": "Cấu hình", "households": "Hộ gia đình",
    "persons": "Nhân khẩu", "organizations": "Cơ quan, cơ sở", "commitments": "Cam kết",
    "aid": "Hỗ trợ an sinh", "zones": "Vùng phong toả", "zone_households": "Hộ trong vùng",
    "health_statuses": "Tình trạng F0/F1, cách ly", "vaccinations": "Mũi tiêm",
    "testing_rounds": "Đợt xét nghiệm", "test_results": "Kết quả xét nghiệm",
    "shift_patterns": "Mẫu ca trực", "checkpoints": "Chốt kiểm soát", "staff": "Người trực chốt",
    "unavailabilities": "Lịch bận", "shifts": "Ca trực", "assignments": "Phân công trực",
    "gate_entries": "Sổ ra vào chốt", "sweeps": "Đợt kiểm tra", "inspections": "Biên bản kiểm tra",
    "findings": "Tồn tại phát hiện", "recommendations": "Kiến nghị", "teams": "Tổ, ban",
    "team_members": "Thành viên tổ", "team_households": "Hộ phụ trách",
    "hotlines": "Đường dây nóng", "channels": "Nhóm Zalo/kênh", "mailboxes": "Hòm thư góp ý",
    "tips": "Tin báo", "violations": "Vi phạm", "risk_assessments": "Đánh giá nguy cơ",
    "daily_reports": "Báo cáo ngày",
}

FIELD_LABELS: dict[str, str] = {
    "full_name": "Họ và tên", "birth_date": "Ngày sinh", "birth_year": "Năm sinh",
    "sex": "Giới tính", "relation": "Quan hệ với chủ hộ", "cccd": "Số CCCD/CMND",
    "cccd_issued_on": "Ngày cấp", "cccd_issued_by": "Nơi cấp", "phone": "Số điện thoại",
    "residency": "Cư trú", "residency_until": "Tạm trú đến", "ethnicity": "Dân tộc",
    "religion": "Tôn giáo", "occupation": "Nghề nghiệp", "workplace": "Nơi làm việc",
    "insurance_no": "Số thẻ BHYT", "notes": "Ghi chú", "household_id": "Hộ",
    "code": "Mã", "kind": "Loại", "head_id": "Chủ hộ", "head_name": "Tên chủ hộ",
    "address": "Địa chỉ", "area": "Khu, tổ", "name": "Tên", "deleted": "Đã xoá",
    "start_date": "Từ ngày", "end_date": "Đến ngày", "planned_end": "Dự kiến đến",
    "place": "Nơi", "given_on": "Ngày tiêm", "vaccine": "Vắc-xin", "dose_no": "Mũi số",
    "signed_on": "Ngày ký", "signed_by": "Người ký", "value": "Giá trị", "key": "Khoá",
    "parent_id": "Đơn vị cấp trên", "level": "Cấp", "unit_id": "Đơn vị",
    "name_key": "Tên (tìm kiếm)", "sort_key": "Tên (sắp xếp)", "search_key": "Khoá tìm kiếm",
    "head_sort": "Chủ hộ (sắp xếp)",
}

# Table -> the Changes flag a page listens to.
_CHANGES: dict[str, str] = {
    "units": "units", "settings": "settings", "households": "households", "persons": "persons",
    "organizations": "organizations", "commitments": "commitments", "aid": "commitments",
    "zones": "health", "zone_households": "health", "health_statuses": "health",
    "vaccinations": "health", "testing_rounds": "testing", "test_results": "testing",
    "sweeps": "inspections", "inspections": "inspections", "findings": "inspections",
    "recommendations": "inspections",
}
_CHECKPOINTS = ("shift_patterns", "checkpoints", "staff", "unavailability", "shifts",
                "assignments", "gate_entries")


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def changes_for(tables: set[str]) -> Changes:
    """The Changes flags for a set of changed tables."""
    flags: dict[str, bool] = {}
    for t in tables:
        flags[_CHANGES.get(t, "checkpoints" if t in _CHECKPOINTS else "community")] = True
    return Changes(**flags)


_VOCAB = {"sex": Sex, "residency": Residency, "relation": Relation}


def show_value(field: str, value: Any) -> str:
    """A stored value as a person reads it (dates dd/mm/yyyy, yes/no, vocabulary labels)."""
    if value is None or value == "":
        return "(trống)"
    if field == "deleted" or isinstance(value, bool):
        return "Có" if value else "Không"
    vocab = _VOCAB.get(field)
    if vocab is not None:
        try:
            return vocab(value).label
        except ValueError:
            return str(value)
    if field == "kind":
        try:
            return HealthKind(value).label
        except ValueError:
            pass
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == " ":
        try:
            return datetime.fromisoformat(value).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            return value
    return str(value)
