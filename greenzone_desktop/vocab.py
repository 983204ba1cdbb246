"""The domain's closed vocabularies: stored codes (ASCII, stable) and their Vietnamese labels.

Codes are what the database and USB packages hold; labels are what people read. Every layer
(models' CHECK constraints, services, Excel, printing, UI) takes its choices from here.
"""

from __future__ import annotations

from enum import StrEnum


class Labeled(StrEnum):
    """A StrEnum whose members carry a Vietnamese label."""

    label: str

    def __new__(cls, code: str, label: str) -> Labeled:
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.label = label
        return obj

    @classmethod
    def codes(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def from_label(cls, text: str) -> Labeled | None:
        """The member whose code or label matches `text` (accent- and case-insensitive)."""
        from greenzone_desktop.text import fold

        key = fold(text)
        for m in cls:
            if key in (fold(m.value), fold(m.label)):
                return m
        return None


class UnitLevel(Labeled):
    PROVINCE = "province", "Tỉnh/Thành phố"
    DISTRICT = "district", "Quận/Huyện/Thị xã/Thành phố thuộc tỉnh"
    COMMUNE = "commune", "Xã/Phường/Thị trấn"
    VILLAGE = "village", "Thôn/Xóm/Tổ dân phố"


class Sex(Labeled):
    MALE = "nam", "Nam"
    FEMALE = "nu", "Nữ"


class Residency(Labeled):
    PERMANENT = "thuong_tru", "Thường trú"
    TEMPORARY = "tam_tru", "Tạm trú"
    AWAY = "tam_vang", "Tạm vắng"


class Relation(Labeled):
    HEAD = "chu_ho", "Chủ hộ"
    WIFE = "vo", "Vợ"
    HUSBAND = "chong", "Chồng"
    CHILD = "con", "Con"
    FATHER = "bo", "Bố"
    MOTHER = "me", "Mẹ"
    GRANDFATHER = "ong", "Ông"
    GRANDMOTHER = "ba", "Bà"
    GRANDCHILD = "chau", "Cháu"
    SIBLING = "anh_chi_em", "Anh/chị/em"
    CHILD_IN_LAW = "con_dau_re", "Con dâu/con rể"
    PARENT_IN_LAW = "bo_me_vo_chong", "Bố/mẹ vợ (chồng)"
    TENANT = "o_tro", "Người ở trọ"
    OTHER = "khac", "Khác"


class HouseholdKind(Labeled):
    FAMILY = "family", "Hộ gia đình"
    BOARDING_HOUSE = "boarding_house", "Nhà trọ"


class HealthKind(Labeled):
    F0 = "F0", "F0 (ca bệnh)"
    F1 = "F1", "F1 (tiếp xúc gần)"
    F2 = "F2", "F2 (tiếp xúc với F1)"
    QUARANTINE = "quarantine", "Cách ly"


class CarePlace(Labeled):
    HOME = "home", "Tại nhà"
    CENTRALISED = "centralised", "Tập trung"
    FACILITY = "facility", "Cơ sở điều trị"


class CommitmentKind(Labeled):
    HOUSEHOLD = "household", "Cam kết hộ gia đình"
    ORGANISATION = "organisation", "Cam kết cơ quan, cơ sở"
    QUARANTINE = "quarantine", "Cam kết cách ly tại nhà"


class OrganizationKind(Labeled):
    AGENCY = "agency", "Cơ quan, đơn vị"
    BUSINESS = "business", "Cơ sở sản xuất, kinh doanh"
    SCHOOL = "school", "Trường học"
    RELIGIOUS = "religious", "Cơ sở tôn giáo"
    OTHER = "other", "Khác"


class TestMethod(Labeled):
    PCR = "pcr", "RT-PCR mẫu đơn"
    PCR_POOLED = "pcr_pooled", "RT-PCR mẫu gộp"
    RAPID = "rapid", "Test nhanh kháng nguyên"


class TestTarget(Labeled):
    EVERYONE = "everyone", "Toàn dân"
    WORKERS = "workers", "Công nhân, người ở trọ"
    RISK_GROUP = "risk_group", "Nhóm nguy cơ"
    F1 = "f1", "Các trường hợp F1"


class TestOutcome(Labeled):
    PENDING = "pending", "Chờ kết quả"
    NEGATIVE = "negative", "Âm tính"
    POSITIVE = "positive", "Dương tính"


class CheckpointKind(Labeled):
    HARD = "hard", "Chốt cứng"
    SOFT = "soft", "Chốt mềm"


class InspectionKind(Labeled):
    HOUSEHOLD = "household", "Kiểm tra hộ gia đình"
    TEAM = "team", "Đoàn kiểm tra liên ngành"


class RecommendationStatus(Labeled):
    OPEN = "open", "Chưa khắc phục"
    DONE = "done", "Đã khắc phục"
    NOT_DONE = "not_done", "Kiểm tra lại: chưa khắc phục"


class RiskLevel(Labeled):
    NEW_NORMAL = "1", "Bình thường mới"
    RISK = "2", "Nguy cơ"
    HIGH = "3", "Nguy cơ cao"
    VERY_HIGH = "4", "Nguy cơ rất cao"


RISK_COLOURS: dict[str, str] = {"1": "#2e9d46", "2": "#f2c811", "3": "#f08a24", "4": "#d62f2f"}
RISK_COLOUR_NAMES: dict[str, str] = {"1": "xanh", "2": "vàng", "3": "cam", "4": "đỏ"}


class TeamKind(Labeled):
    STEERING = "steering", "Ban chỉ đạo"
    COMMUNITY = "community", "Tổ Covid cộng đồng"
    SELF_MANAGED = "self_managed", "Tổ tự quản"
    RAPID_RESPONSE = "rapid_response", "Tổ phản ứng nhanh"


class ChannelKind(Labeled):
    ZALO = "zalo", "Nhóm Zalo"
    FACEBOOK = "facebook", "Nhóm Facebook"
    OTHER = "other", "Khác"


class ViolationHandling(Labeled):
    REMINDER = "reminder", "Nhắc nhở"
    RECORD = "record", "Lập biên bản"
    FINE = "fine", "Xử phạt hành chính"
    REFERRAL = "referral", "Chuyển cơ quan chức năng"


class ViolationStatus(Labeled):
    OPEN = "open", "Đang xử lý"
    CLOSED = "closed", "Đã xử lý xong"


class ZoneKind(Labeled):
    LOCKDOWN = "lockdown", "Khu phong tỏa"
    MEDICAL_ISOLATION = "isolation", "Khu cách ly y tế"


class AuditAction(Labeled):
    CREATE = "create", "Thêm"
    UPDATE = "update", "Sửa"
    DELETE = "delete", "Xóa"
    RESTORE = "restore", "Khôi phục"
    IMPORT = "import", "Nhập dữ liệu"
