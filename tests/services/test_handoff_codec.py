"""Rows coming out of a package are checked column by column before anything is written."""

from __future__ import annotations

from typing import Any

import pytest

from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.handoff_codec import BASE_ORIGIN, BASE_VERSION, SPEC_BY_NAME

PERSONS = SPEC_BY_NAME["persons"]


def _row(**changes: Any) -> dict[str, Any]:
    stored = {c: None for c in PERSONS.columns}
    stored.update(id="p1", household_id="h1", full_name="Nguyễn Văn An", name_key="nguyen van an",
                  sort_key="x", sex="nam", relation="chu_ho", residency="thuong_tru",
                  ethnicity="Kinh", religion="", occupation="", workplace="", insurance_no="",
                  notes="", search_key="nguyen van an", created_at="2021-09-01 08:00:00.000000",
                  updated_at="2021-09-01 08:00:00", version=3, origin="o", deleted=False,
                  unit_id="u1", birth_year=1980, birth_date="1980-02-29",
                  cccd_issued_by="", cccd_issued_on=None)
    row = PERSONS.to_package(tuple(stored[c] for c in PERSONS.columns))
    row.update({BASE_VERSION: None, BASE_ORIGIN: None}, **changes)
    return row


def test_a_good_row_comes_back_in_stored_form() -> None:
    raw = _row(full_name="Nguye\u0302\u0303n Văn An")  # decomposed, as some keyboards send
    values = dict(zip(PERSONS.columns, PERSONS.from_package(raw), strict=True))
    assert values["full_name"] == "Nguyễn Văn An" and values["deleted"] == 0
    assert values["updated_at"] == "2021-09-01 08:00:00.000000"
    assert values["birth_date"] == "1980-02-29" and values["version"] == 3


@pytest.mark.parametrize(("changes", "column", "why"), [
    ({"birth_year": "1980"}, "birth_year", "số nguyên"),
    ({"version": True}, "version", "số nguyên"),
    ({"deleted": 1}, "deleted", "true/false"),
    ({"birth_date": "1981-02-29"}, "birth_date", "không phải ngày"),
    ({"created_at": "2021-09-01T08:00:00+07:00"}, "created_at", "múi giờ"),
    ({"full_name": None}, "full_name", "không được để trống"),
    ({"full_name": 12}, "full_name", "chuỗi"),
    ({"salary": 5}, "salary", "cột không có"),
])
def test_bad_values_are_refused_saying_where(changes: dict, column: str, why: str) -> None:
    with pytest.raises(ServiceError) as refused:
        PERSONS.from_package(_row(**changes))
    assert f"cột «{column}»" in str(refused.value) and why in str(refused.value)


@pytest.mark.parametrize(("column", "value"), [
    ("created_at", "2021-09-01 24:00:00.000000"),
    ("created_at", "2021-02-30 08:00:00.000000"),
    ("created_at", "2021-09-01 08:00:00.00000\u0663"),  # an Arabic-Indic digit
    ("birth_date", "1980-02-29 "),
    ("birth_date", "1980-2-29"),
])
def test_values_shaped_like_the_stored_form_are_still_checked(column: str, value: str) -> None:
    PERSONS.from_package(_row())  # its days are now known good: the fast path is warm
    with pytest.raises(ServiceError) as refused:
        PERSONS.from_package(_row(**{column: value}))
    assert f"cột «{column}»" in str(refused.value)


def test_text_is_stored_composed_and_unchanged_otherwise() -> None:
    composed = "Đỗ Thị Hằng"
    for name in (composed, "Đo\u0302\u0303 Thi\u0323 Ha\u0306\u0300ng"):
        values = dict(zip(PERSONS.columns, PERSONS.from_package(_row(full_name=name)),
                          strict=True))
        assert values["full_name"] == composed


def test_a_missing_column_is_refused() -> None:
    raw = _row()
    del raw["phone"]
    with pytest.raises(ServiceError, match="thiếu cột này"):
        PERSONS.from_package(raw)
    raw = _row()
    del raw[BASE_ORIGIN]
    raw["extra"] = 1
    with pytest.raises(ServiceError, match="cột «extra»"):
        PERSONS.from_package(raw)


def test_every_synced_table_has_a_vietnamese_label() -> None:
    from greenzone_desktop.services.handoff_codec import TABLE_NAMES
    from greenzone_desktop.services.handoff_labels import TABLE_LABELS

    assert sorted(TABLE_LABELS) == sorted(TABLE_NAMES)


def test_rows_sqlite_writes_as_package_lines_equal_the_python_ones(demo_db: Any) -> None:
    """Export lets SQLite write the package lines (json_object); they must read back exactly
    like the dicts built in Python, for every table the demo fills."""
    import json

    from greenzone_desktop.services.handoff_codec import SPECS

    checked = 0
    with demo_db.session() as s:
        raw = s.connection().connection.driver_connection
        for spec in SPECS:
            sql = spec.package_json_sql()
            if sql is None:
                assert "float" in spec.kinds
                continue
            query = (f'SELECT {sql}, {spec.select_sql()}, b.version, b.origin FROM "{spec.name}" '
                     "t LEFT JOIN sync_base b ON 0 LIMIT 200")
            for line, *stored in raw.execute(query):
                expected = spec.package_row_with_base(tuple(stored)).items()
                assert [(k, v, type(v)) for k, v in json.loads(line).items()] == [
                    (k, v, type(v)) for k, v in expected]  # true is not 1
                checked += 1
    assert checked > 500
