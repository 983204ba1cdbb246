"""The households table: columns over `services.household_list` rows, on the lazy table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor

from greenzone_desktop.services.household_list import HouseholdQuery, HouseholdRow
from greenzone_desktop.services.household_list import household_ids as _household_ids
from greenzone_desktop.services.household_list import household_rows as _household_rows
from greenzone_desktop.text import format_date
from greenzone_desktop.ui.lazy_table import CENTER, RIGHT, Column, LazyTableModel

UNSIGNED = QBrush(QColor("#b3261e"))
F0 = QBrush(QColor("#b3261e"))
QUARANTINE = QBrush(QColor("#9a5b00"))


def _count(value: Any) -> str:
    return str(value) if value else ""


def _signed(value: Any) -> str:
    return f"Đã ký {format_date(value)}" if value else "Chưa ký"


COLUMNS = [
    Column("Mã hộ", "code", sort="code", tooltip="Mã hộ gia đình"),
    Column("Chủ hộ", "head_name", sort="head", tooltip="Họ và tên chủ hộ (xếp theo tên)"),
    Column("Tổ", "area", sort="area", tooltip="Tổ / khu vực"),
    Column("Địa chỉ", "address", sort="address"),
    Column("Nhân khẩu", "members", align=RIGHT, sort="members",
           tooltip="Số nhân khẩu đang sinh sống trong hộ", fmt=_count),
    Column("Tạm trú", "temporary", align=RIGHT, sort="temporary",
           tooltip="Số người tạm trú trong hộ", fmt=_count),
    Column("Loại", "kind", align=CENTER, tooltip="Nhà trọ hay hộ gia đình",
           fmt=lambda v: "Nhà trọ" if v == "boarding_house" else ""),
    Column("Cam kết", "signed_on", sort="signed", tooltip="Cam kết hộ gia đình", fmt=_signed),
    Column("Tình trạng", "health_text", sort="health",
           tooltip="F0, F1, cách ly tại nhà (đang diễn ra)"),
]


class HouseholdTableModel(LazyTableModel):
    """Households matching a `HouseholdQuery`, ids from SQL, rows by block on the worker."""

    def __init__(self, ctx: Any, parent: Any = None):
        db = ctx.db
        super().__init__(
            ctx, COLUMNS,
            ids_fn=lambda query, sort, desc, limit=None: _household_ids(db, query, sort, desc,
                                                                         limit),
            rows_fn=lambda ids: _household_rows(db, ids),
            # A search brings back the ids and the first block: two screens of rows, not
            # eight (each row costs four lookups; 200 of them were a third of a keystroke).
            # The first screen is shown before the other ids are counted (first_screen).
            block_size=64, cache_blocks=48, first_screen=True,
            parent=parent,
        )
        self.query = HouseholdQuery()

    def foreground(self, row: HouseholdRow, column: Column) -> Any:
        if column.key == "signed_on" and row.signed_on is None:
            return UNSIGNED
        if column.key == "health_text":
            return F0 if row.f0 else QUARANTINE
        return None

    def tooltip(self, row: HouseholdRow, column: Column) -> str | None:
        if column.key == "head_name" and not row.head_name:
            return "Hộ chưa có chủ hộ"
        if column.key == "address":
            return row.address or None
        return None
