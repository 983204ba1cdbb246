"""Importing person lists: the sheets offices really have, duplicates, bad files, one transaction."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from greenzone_desktop.cli import main
from greenzone_desktop.models import Household, Person, Vaccination
from greenzone_desktop.models.db import Database
from greenzone_desktop.models.migrations import open_database
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.exports import export_report
from greenzone_desktop.services.history import history
from greenzone_desktop.services.import_apply import apply_import
from greenzone_desktop.services.importing import (
    ImportOptions,
    inspect_sheet,
    plan_import,
    write_rejected_rows,
)
from greenzone_desktop.services.units import init_units
from tests.conftest import DEMO_TODAY, stale_members_keys

DATA = Path(__file__).resolve().parent.parent / "data"
PERSON_FIELDS = ("full_name", "birth_date", "birth_year", "sex", "relation", "cccd",
                 "cccd_issued_on", "cccd_issued_by", "phone", "residency", "residency_until",
                 "ethnicity", "religion", "occupation", "workplace", "insurance_no", "notes",
                 "name_key", "sort_key", "search_key")  # fmt: skip


def digest(db: Database) -> str:
    """A hash of every row of every table: equal digests mean the database did not change."""
    conn = sqlite3.connect(db.path)
    try:
        h = hashlib.sha256()
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]  # fmt: skip
        for table in tables:
            h.update(table.encode())
            for row in sorted(map(repr, conn.execute(f'SELECT * FROM "{table}"'))):
                h.update(row.encode())
        return h.hexdigest()
    finally:
        conn.close()


def people(db: Database) -> dict[tuple, dict]:
    """Each live person's fields with their household's, and their doses, by a natural key."""
    out: dict[tuple, dict] = {}
    with db.session() as s:
        doses: dict[str, list] = {}
        for v in s.scalars(select(Vaccination).where(Vaccination.deleted.is_(False))):
            doses.setdefault(v.person_id, []).append((v.dose_no, v.given_on, v.vaccine))
        rows = s.execute(select(Person, Household).join(Household, Household.id ==
                                                        Person.household_id)
                         .where(Person.deleted.is_(False)))  # fmt: skip
        for p, h in rows:
            record = {f: getattr(p, f) for f in PERSON_FIELDS}
            record.update(code=h.code, kind=h.kind, address=h.address, area=h.area,
                          head=h.head_name, is_head=h.head_id == p.id,
                          doses=sorted(doses.get(p.id, [])))  # fmt: skip
            key = (h.code, p.full_name, p.birth_year, p.birth_date, p.cccd)
            assert key not in out
            out[key] = record
    return out


def test_persons_export_reimports_into_a_fresh_database_field_for_field(
    demo_db: Database, db: Database, tmp_path: Path
) -> None:
    sheet = tmp_path / "nhan_khau.xlsx"
    export_report(demo_db, "persons", sheet, today=DEMO_TODAY)
    plan = plan_import(db, sheet)
    assert [str(p) for p in plan.problems] == []
    result = apply_import(db, plan)
    before, after = people(demo_db), people(db)
    assert result.persons_created == len(before) > 1000
    assert result.households_created == 300
    assert after.keys() == before.keys()
    assert stale_members_keys(db) == []  # the households list finds them by member name
    for key, record in before.items():
        # The place of each dose is not in the list the ward gets; everything else comes back.
        record["doses"] = [(n, d, v) for n, d, v in record["doses"]]
        assert after[key] == record, key


def test_libreoffice_sheet_with_title_rows_merged_cells_and_totals_imports(db: Database) -> None:
    plan = plan_import(db, DATA / "danh_sach_ho.xlsx")
    assert (plan.sheet, plan.header_row, plan.first_data_row) == ("Danh sách", 7, 8)
    assert plan.counts == {"new": 6, "update": 0, "skip": 0, "error": 2, "households": 2,
                           "duplicates": 0}  # fmt: skip
    apply_import(db, plan)
    got = people(db)
    assert len(got) == 6
    by_name = {r["full_name"]: r for r in got.values()}
    with db.session() as s:
        an_id = s.scalar(select(Person.id).where(Person.full_name == "Nguyễn Văn An"))
    entry = history(db, "persons", an_id)[0]
    assert entry.action_label == "Nhập dữ liệu" and entry.actor == "kiểm thử"
    assert entry.changes == (("Nhập từ tệp", "", "danh_sach_ho.xlsx, trang «Danh sách», dòng 8"),)
    an = by_name["Nguyễn Văn An"]
    assert (an["cccd"], an["phone"], an["birth_date"]) == ("001085012345", "0912345678",
                                                           date(1985, 3, 12))  # fmt: skip
    assert an["is_head"] and an["relation"] == "chu_ho" and an["residency"] == "thuong_tru"
    assert [d[:2] for d in an["doses"]] == [(1, date(2021, 8, 1)), (2, date(2021, 9, 15))]
    binh = by_name["Trần Thị Bình"]  # typed decomposed (NFD), stored composed
    assert binh["birth_date"] == date(1987, 3, 12) and binh["phone"] == "0987654321"
    assert binh["code"] == an["code"] and binh["sex"] == "nu"
    dung = by_name["Lê Văn Dũng"]
    assert dung["is_head"] and dung["head"] == "Lê Văn Dũng" and dung["residency"] == "tam_tru"
    assert by_name["Lê Thị Hương"]["code"] == dung["code"] != an["code"]
    assert by_name["Nguyễn Văn Cường"]["birth_year"] == 2010


def test_old_xls_and_ods_import(db: Database) -> None:
    for suffix in ("xls", "ods"):
        plan = plan_import(db, DATA / f"danh_sach_ho.{suffix}", ImportOptions(on_duplicate="skip"))
        apply_import(db, plan)
    got = people(db)
    assert len(got) == 6  # the second file's people were recognised and skipped
    assert {r["cccd"] for r in got.values()} >= {"001085012345", "036187012345"}


def test_rejected_rows_are_saved_fixed_and_imported_again(db: Database, tmp_path: Path) -> None:
    plan = plan_import(db, DATA / "danh_sach_ho.xlsx")
    apply_import(db, plan)
    out = tmp_path / "dong_loi.xlsx"
    assert write_rejected_rows(plan, out) == 2
    ws = openpyxl.load_workbook(out).active
    assert ws["N1"].value == "Lỗi cần sửa" and "31/02/1970" in ws["N2"].value
    ws["D2"], ws["F2"] = "28/02/1970", "001070012345"
    ws["H3"], ws["F3"], ws["D3"] = "Em trai", "001085012399", "1985"
    ws.parent.save(out)
    again = plan_import(db, out)
    assert again.counts["error"] == 0 and again.counts["new"] == 2
    apply_import(db, again)
    names = {r["full_name"]: r for r in people(db).values()}
    assert names["Hoàng Văn Ích"]["birth_date"] == date(1970, 2, 28)
    assert names["Hoàng Văn Khánh"]["relation"] == "anh_chi_em"
    assert names["Hoàng Văn Khánh"]["code"] == names["Hoàng Văn Ích"]["code"]


def test_duplicates_in_the_database_update_keep_or_skip(db: Database) -> None:
    apply_import(db, plan_import(db, DATA / "danh_sach_ho.xlsx"))
    plan = plan_import(db, DATA / "nam_nu.xlsx")
    apply_import(db, plan)
    before = people(db)
    plan = plan_import(db, DATA / "danh_sach_ho.xlsx")
    assert plan.counts["duplicates"] == 6 and plan.counts["skip"] == 6
    cuong = next(r for r in plan.rows if r.values.get("full_name") == "Nguyễn Văn Cường")
    an = plan.rows[0]
    with pytest.raises(ServiceError, match="không thể giữ cả hai người vì trùng số CCCD"):
        plan.set_action(an.sheet_row, "keep")
    plan.set_action(cuong.sheet_row, "keep")  # same name and year, no CCCD: maybe two people
    plan.set_action(an.sheet_row, "update")
    an.values["phone"] = "0911111111"
    result = apply_import(db, plan)
    assert (result.persons_created, result.persons_updated, result.skipped) == (1, 1, 4)
    after = people(db)
    assert len(after) == len(before) + 1
    assert sum(r["full_name"] == "Nguyễn Văn Cường" for r in after.values()) == 2
    assert next(r for r in after.values() if r["full_name"] == "Nguyễn Văn An")["phone"] == \
        "0911111111"  # fmt: skip
    assert stale_members_keys(db) == []


def test_same_name_and_birth_date_with_different_cccds_are_two_people(
    db: Database, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Quan hệ với chủ hộ"])
    ws.append(["Nguyễn Thị Ánh", "16/08/1997", "Nữ", "026197000001", "Chủ hộ"])
    ws.append(["Nguyễn Thị Anh", "16/08/1997", "Nữ", "026197000002", "Chủ hộ"])  # not Ánh
    ws.append(["Nguyễn Thị Ánh", "16/08/1997", "Nữ", "026197000003", "Chủ hộ"])  # other CCCD
    ws.append(["Nguyễn Thị Ánh", "16/08/1997", "Nữ", None, "Chủ hộ"])  # may be the first
    book.save(tmp_path / "trung_ten.xlsx")
    plan = plan_import(db, tmp_path / "trung_ten.xlsx")
    assert [r.sheet_row for r in plan.rows if r.is_duplicate] == [5]
    apply_import(db, plan)
    again = plan_import(db, tmp_path / "trung_ten.xlsx")
    assert [r.existing_id is not None for r in again.rows[:3]] == [True, True, True]
    assert again.rows[3].other_row == 2  # still the first row's twin within the file


def test_groupings_the_user_can_choose(db: Database) -> None:
    single = plan_import(db, DATA / "nam_nu.xlsx", ImportOptions(grouping="single"))
    assert [len(h.rows) for h in single.households] == [1, 1, 1, 1, 1]
    heads = plan_import(db, DATA / "nam_nu.xlsx", ImportOptions(grouping="head"))
    assert [len(h.rows) for h in heads.households] == [3, 2]
    with pytest.raises(ServiceError, match="chưa chọn cột «Số hộ»"):
        plan_import(db, DATA / "nam_nu.xlsx", ImportOptions(grouping="number"))


def test_manual_mapping_is_remembered_for_sheets_with_the_same_headers(db: Database) -> None:
    choice = inspect_sheet(db, DATA / "danh_sach_ho.xlsx")
    assert not choice.remembered and choice.header_row == 7
    columns = dict(choice.columns)
    columns["notes"] = columns.pop("address")
    plan = plan_import(db, choice.path, ImportOptions(sheet=choice.sheet, columns=columns,
                                                      header_row=choice.header_row))  # fmt: skip
    assert plan.rows[0].values["notes"] == "Xóm 1, thôn Đông"
    apply_import(db, plan, remember=True)
    again = inspect_sheet(db, DATA / "danh_sach_ho.xls")
    assert again.remembered and again.columns == columns
    assert inspect_sheet(db, DATA / "nam_nu.xlsx").remembered is False


def _huge(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"])
    ws.append(["Nguyễn Văn An", "12/3/1985", "Nam", "001085012345"])
    ws.cell(250_001, 1, "x")
    path = tmp_path / "qua_lon.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("anh.xlsx", "Tệp «anh.xlsx» là một tệp ảnh (PNG), không phải bảng tính"),
        ("van_ban.xlsx", "Tệp «van_ban.xlsx» không phải bảng tính Excel"),
        ("mat_khau.xlsx", "Tệp «mat_khau.xlsx» được đặt mật khẩu"),
        ("bi_cat.xlsx", "Tệp «bi_cat.xlsx» bị hỏng hoặc chưa chép hết"),
        ("nen_zip.xlsx", "Tệp «nen_zip.xlsx» là tệp nén nhưng không chứa bảng tính"),
        ("trang_trong.xlsx", "Trang «Sheet1» của tệp «trang_trong.xlsx» trống"),
        ("khong_tieu_de.xlsx", "Không tìm thấy dòng tiêu đề trong 30 dòng đầu của trang «Sheet1» "
                               "(tệp «khong_tieu_de.xlsx»)"),
        ("qua_lon.xlsx", "Trang «Sheet» của tệp «qua_lon.xlsx» có 250.001 dòng, quá nhiều so "
                         "với danh sách một xã, phường"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_their_reason_and_change_nothing(
    demo_db: Database, tmp_path: Path, name: str, message: str
) -> None:
    path = _huge(tmp_path) if name == "qua_lon.xlsx" else DATA / name
    before = digest(demo_db)
    with pytest.raises(ServiceError) as caught:
        apply_import(demo_db, plan_import(demo_db, path))
    assert message in str(caught.value)
    assert digest(demo_db) == before


def test_a_failure_half_way_leaves_the_database_as_it_was(demo_db: Database, tmp_path: Path) -> None:
    sheet = tmp_path / "nk.xlsx"
    export_report(demo_db, "persons", sheet, today=DEMO_TODAY)
    fresh = open_database(tmp_path / "moi.sqlite", actor="kiểm thử")
    init_units(fresh, province="Vĩnh Phúc", commune="Phường Hùng Vương", village="Xóm Mới")
    plan = plan_import(fresh, sheet)
    before = digest(fresh)
    calls = []
    with pytest.raises(ServiceError, match="Đã dừng nhập; cơ sở dữ liệu giữ nguyên"):
        apply_import(fresh, plan, progress=lambda d, t: calls.append(d),
                     cancelled=lambda: bool(calls))  # fmt: skip
    assert digest(fresh) == before
    fresh.dispose()


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_import_and_export(demo_db: Database, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    path = str(demo_db.path)
    demo_db.dispose()
    before = digest(demo_db)
    errors = tmp_path / "loi.xlsx"
    code, out, err = _run(capsys, "--db", path, "import", "excel", str(DATA / "danh_sach_ho.xlsx"),
                          "--dry-run", "--errors", str(errors))  # fmt: skip
    assert code == 0 and "Chạy thử, chưa ghi gì: sẽ nhập 6 người mới (2 hộ mới)" in out
    assert "danh_sach_ho.xlsx, trang «Danh sách», Dòng 15, cột D (Ngày sinh)" in err
    assert errors.exists() and digest(demo_db) == before
    code, out, err = _run(capsys, "--db", path, "import", "excel", str(DATA / "anh.xlsx"))
    assert code == 1 and "là một tệp ảnh (PNG)" in err and digest(demo_db) == before
    code, out, _ = _run(capsys, "--db", path, "import", "excel", str(DATA / "danh_sach_ho.xls"),
                        "--on-duplicate", "update")  # fmt: skip
    assert code == 0 and "Đã nhập 6 nhân khẩu mới (2 hộ mới)" in out
    report = tmp_path / "tong_hop.xlsx"
    code, out, _ = _run(capsys, "--db", path, "export", "excel", "summary", "--out", str(report))
    assert code == 0 and report.exists() and "Báo cáo tổng hợp" in out
    code, _, err = _run(capsys, "--db", path, "export", "excel", "khong_co", "--out", str(report))
    assert code == 2 and "Sai cách dùng" in err
    code, _, err = _run(capsys, "--db", path, "export", "excel", "persons", "--out",
                        str(tmp_path / "nope" / "x.xlsx"))  # fmt: skip
    assert code == 1 and "Không có thư mục" in err
