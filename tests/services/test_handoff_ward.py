"""Ward mode: villages added by their first package, last package and overdue, figures across
villages, people registered in two villages, the Excel report, lists sent back to a village."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from greenzone_desktop.models import HealthStatus, utcnow
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.demo import generate_demo
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.handoff_ward import (
    duplicate_cccd,
    is_ward,
    sum_figures,
    village_status,
    ward_figures,
    write_ward_report,
)
from greenzone_desktop.services.stats import register_stats
from tests.conftest import DEMO_TODAY
from tests.services.handoff_helpers import (
    edit_person,
    export,
    import_,
    person,
    some_person,
    village,
    ward,
)


@pytest.fixture
def two_villages(demo_db: Database, tmp_path: Path) -> tuple[Database, Database, Database]:
    w = ward(tmp_path)
    east = village(tmp_path, "east", "Thôn Đông")
    generate_demo(east, households=30, seed=3, today=DEMO_TODAY)
    # Someone registered in both villages.
    edit_person(east, some_person(east), cccd=person(demo_db, some_person(demo_db))["cccd"])
    import_(w, export(demo_db, tmp_path / "xm.gzx").path)
    import_(w, export(east, tmp_path / "east.gzx").path)
    return w, demo_db, east


def test_first_packages_add_the_villages_and_their_status(
    two_villages: tuple[Database, Database, Database]
) -> None:
    w, xm, east = two_villages
    assert is_ward(w) and not is_ward(xm)
    status = {v.name: v for v in village_status(w)}
    assert set(status) == {"Tổ dân phố Xuân Mai", "Thôn Đông"}
    assert status["Thôn Đông"].sequence == 1 and status["Thôn Đông"].households == 30
    assert not status["Thôn Đông"].overdue and status["Thôn Đông"].rows > 30
    later = village_status(w, now=utcnow() + timedelta(days=8))
    assert all(v.overdue for v in later)
    with pytest.raises(ServiceError, match="xã/phường"):
        village_status(xm)


def test_figures_add_up_to_each_villages_own(two_villages: tuple[Database, Database, Database]
                                             ) -> None:
    w, xm, east = two_villages
    figures = {f.name: f for f in ward_figures(w, DEMO_TODAY)}
    for db, name in ((xm, "Tổ dân phố Xuân Mai"), (east, "Thôn Đông")):
        own = register_stats(db, DEMO_TODAY)
        assert figures[name].households == own["households"]
        assert figures[name].persons == own["persons"]
        assert figures[name].f0 == own["health"]["F0"]
    total = sum_figures(list(figures.values()))
    assert total.persons == figures["Thôn Đông"].persons + figures["Tổ dân phố Xuân Mai"].persons
    assert 0 < total.vaccinated <= total.persons


def test_people_registered_in_two_villages_are_reported(
    two_villages: tuple[Database, Database, Database], tmp_path: Path
) -> None:
    w, _, _ = two_villages
    [dup] = duplicate_cccd(w)
    assert {e.village for e in dup.entries} == {"Tổ dân phố Xuân Mai", "Thôn Đông"}
    out = write_ward_report(w, tmp_path / "bao-cao.xlsx", today=DEMO_TODAY)
    book = load_workbook(out)
    assert book.sheetnames == ["Tổng hợp", "Gói dữ liệu", "Trùng CCCD"]
    values = [[c for c in row if c is not None] for row in book["Tổng hợp"].iter_rows(
        values_only=True)]
    total_row = next(r for r in values if r and r[0] == "Tổng cộng")
    assert total_row[1] == 330
    cccd_cells = [row[0] for row in book["Trùng CCCD"].iter_rows(values_only=True)]
    assert cccd_cells.count(dup.cccd) == 2


def test_the_ward_sends_an_f1_list_back_and_the_village_takes_it(
    two_villages: tuple[Database, Database, Database], tmp_path: Path
) -> None:
    w, xm, _ = two_villages
    pid = some_person(xm, 7)
    with w.session() as s:
        s.add(HealthStatus(unit_id=xm.home_unit_id, person_id=pid, kind="F1",
                           start_date=date(2021, 9, 14), place="home",
                           notes="Danh sách F1 do phường gửi"))
    with pytest.raises(ServiceError, match="Hãy chọn thôn"):
        export(w, tmp_path / "back.gzx")
    sent = export(w, tmp_path / "back.gzx", to_unit_id="Tổ dân phố Xuân Mai")
    assert sent.counts["health_statuses"] == 1 and sent.rows == 1
    result = import_(xm, sent.path)
    assert result.total("new") == 1
    with xm.session() as s:
        got = s.query(HealthStatus).filter_by(person_id=pid, kind="F1").one()
        assert got.notes == "Danh sách F1 do phường gửi"
    # A package for one village is refused by another.
    _, _, east = two_villages
    before = register_stats(east)
    with pytest.raises(ServiceError):
        import_(east, sent.path)
    assert register_stats(east) == before


def test_the_commune_prefix_typed_differently_still_matches(demo_db: Database, tmp_path: Path
                                                           ) -> None:
    w = ward(tmp_path, commune="Hùng Vương")  # becomes «Xã Hùng Vương»
    assert import_(w, export(demo_db, tmp_path / "p.gzx").path).new_village
    other = ward(tmp_path, "other", commune="Phường Hùng Vương Mới")
    with pytest.raises(ServiceError, match="không thuộc"):
        import_(other, export(demo_db, tmp_path / "p2.gzx").path)


def test_villages_are_listed_with_numbers_in_number_order() -> None:
    from greenzone_desktop.services.handoff_ward import _natural

    names = ["Thôn 10", "Thôn 2", "Thôn Đông", "Thôn 1"]
    assert sorted(names, key=_natural) == ["Thôn 1", "Thôn 2", "Thôn 10", "Thôn Đông"]
