"""The people list: keys for a search and filters in SQL order, rows by key, index plans."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, select

from greenzone_desktop.models import HealthStatus, Person, Vaccination
from greenzone_desktop.services import people_list as pl
from greenzone_desktop.services.register import (
    DoseInput,
    HouseholdInput,
    PersonInput,
    create_household,
    delete_person,
)

TODAY = date(2021, 9, 15)


def _names(db, query: pl.PeopleQuery, sort: str = "name", desc: bool = False) -> list[str]:  # noqa: ANN001
    return [r.full_name for r in pl.people_rows(db, pl.people_keys(db, query, sort, desc), TODAY)]


@pytest.fixture
def village(db):  # noqa: ANN001, ANN201
    """Two households with people on both sides of every age edge."""
    dose = DoseInput(given_on="01/08/2021", vaccine="AstraZeneca")
    a = create_household(db, HouseholdInput(address="Số 1, Đường Trần Phú", area="Tổ 1"), [
        PersonInput("Trần Văn Hùng", "nam", "02/03/1970", "chu_ho", doses=[dose, dose]),
        PersonInput("Trần Thị Lan", "nu", "15/09/2009", "con", doses=[dose]),  # 12 today
        PersonInput("Trần Thị Mai", "nu", "16/09/2009", "con"),  # 11 today
        PersonInput("Trần Đức Anh", "nam", 2009, "con"),  # year only: 12 by year
    ])
    b = create_household(db, HouseholdInput(address="Số 9, Đường Lê Lợi", area="Tổ 2"), [
        PersonInput("Nguyễn Thị Đào", "nu", "15/09/1971", "chu_ho", residency="tam_tru",
                    doses=[dose, dose, dose]),  # 50 today
        PersonInput("Lê Văn Bình", "nam", "16/09/2003", "khac", residency="tam_tru"),  # 17
        PersonInput("Phạm Văn Cường", "nam", "15/09/2003", "khac"),  # 18 today
    ])
    with db.session() as s:
        ids = dict(s.execute(select(Person.full_name, Person.id)).all())
        s.add(HealthStatus(unit_id=db.home_unit_id, person_id=ids["Lê Văn Bình"], kind="F1",
                           start_date=date(2021, 9, 10), place="home"))
        s.add(HealthStatus(unit_id=db.home_unit_id, person_id=ids["Lê Văn Bình"],
                           kind="quarantine", start_date=date(2021, 9, 10), place="home"))
        s.add(HealthStatus(unit_id=db.home_unit_id, person_id=ids["Phạm Văn Cường"], kind="F0",
                           start_date=date(2021, 8, 1), end_date=date(2021, 8, 20)))
    return {"a": a, "b": b, "ids": ids}


def test_everyone_in_official_name_order(db, village) -> None:  # noqa: ANN001
    # given name first (Anh, Bình, Cường, Đào, Hùng, Lan, Mai), then middle and family names
    assert _names(db, pl.PeopleQuery(today=TODAY)) == [
        "Trần Đức Anh", "Lê Văn Bình", "Phạm Văn Cường", "Nguyễn Thị Đào", "Trần Văn Hùng",
        "Trần Thị Lan", "Trần Thị Mai"]
    assert pl.person_count(db) == 7


def test_search_is_accent_insensitive_phrase_then_words(db, village) -> None:  # noqa: ANN001
    assert _names(db, pl.PeopleQuery("tran thi", today=TODAY)) == ["Trần Thị Lan", "Trần Thị Mai"]
    assert _names(db, pl.PeopleQuery("TRẦN THỊ", today=TODAY)) == ["Trần Thị Lan", "Trần Thị Mai"]
    # "dao" finds Đào (đ folds to d)
    assert _names(db, pl.PeopleQuery("dao", today=TODAY)) == ["Nguyễn Thị Đào"]
    # no phrase "mai tran": every word anywhere
    assert _names(db, pl.PeopleQuery("mai tran", today=TODAY)) == ["Trần Thị Mai"]
    # the household's address matches its members
    assert len(_names(db, pl.PeopleQuery("le loi", today=TODAY))) == 3
    assert _names(db, pl.PeopleQuery("khong co ai", today=TODAY)) == []
    assert _names(db, pl.PeopleQuery("_", today=TODAY)) == []  # LIKE wildcards are literal


def test_age_bands_by_birthday_and_by_year(db, village) -> None:  # noqa: ANN001
    assert _names(db, pl.PeopleQuery(age_band="0-11", today=TODAY)) == ["Trần Thị Mai"]
    assert _names(db, pl.PeopleQuery(age_band="12-17", today=TODAY)) == [
        "Trần Đức Anh", "Lê Văn Bình", "Trần Thị Lan"]
    assert _names(db, pl.PeopleQuery(age_band="18+", today=TODAY)) == [
        "Phạm Văn Cường", "Nguyễn Thị Đào", "Trần Văn Hùng"]
    assert _names(db, pl.PeopleQuery(age_band="50+", today=TODAY)) == [
        "Nguyễn Thị Đào", "Trần Văn Hùng"]
    # a day earlier Đào is 49 and Cường 17
    day_before = pl.PeopleQuery(age_band="50+", today=date(2021, 9, 14))
    assert _names(db, day_before) == ["Trần Văn Hùng"]
    with pytest.raises(ValueError):
        pl.people_keys(db, pl.PeopleQuery(age_band="60+"))


def test_residency_vaccination_health_area(db, village) -> None:  # noqa: ANN001
    assert _names(db, pl.PeopleQuery(residency="tam_tru", today=TODAY)) == [
        "Lê Văn Bình", "Nguyễn Thị Đào"]
    assert _names(db, pl.PeopleQuery(vaccination="none", today=TODAY)) == [
        "Trần Đức Anh", "Lê Văn Bình", "Phạm Văn Cường", "Trần Thị Mai"]
    assert _names(db, pl.PeopleQuery(vaccination="any", today=TODAY)) == [
        "Nguyễn Thị Đào", "Trần Văn Hùng", "Trần Thị Lan"]
    assert _names(db, pl.PeopleQuery(vaccination="full", today=TODAY)) == [
        "Nguyễn Thị Đào", "Trần Văn Hùng"]
    # Cường's F0 period ended in August: not active on 15/09
    assert _names(db, pl.PeopleQuery(health="F0", today=TODAY)) == []
    assert _names(db, pl.PeopleQuery(health="F0", today=date(2021, 8, 5))) == ["Phạm Văn Cường"]
    assert _names(db, pl.PeopleQuery(health="quarantine", today=TODAY)) == ["Lê Văn Bình"]
    assert _names(db, pl.PeopleQuery(health="any", today=TODAY)) == ["Lê Văn Bình"]
    assert _names(db, pl.PeopleQuery(area="Tổ 2", today=TODAY)) == [
        "Lê Văn Bình", "Phạm Văn Cường", "Nguyễn Thị Đào"]
    # filters combine
    both = pl.PeopleQuery("tran", age_band="12-17", vaccination="none", today=TODAY)
    assert _names(db, both) == ["Trần Đức Anh"]
    assert pl.areas(db) == ["Tổ 1", "Tổ 2"]


def test_sorting_in_sql(db, village) -> None:  # noqa: ANN001
    assert _names(db, pl.PeopleQuery(today=TODAY), "birth")[:2] == [
        "Trần Văn Hùng", "Nguyễn Thị Đào"]
    assert _names(db, pl.PeopleQuery(today=TODAY), "name", True)[0] == "Trần Thị Mai"
    by_area = _names(db, pl.PeopleQuery(today=TODAY), "area", True)
    assert by_area[:3] == ["Lê Văn Bình", "Phạm Văn Cường", "Nguyễn Thị Đào"]
    with pytest.raises(ValueError):
        pl.people_keys(db, None, "full_name; drop table persons")


def test_rows_follow_the_keys_and_say_it_in_vietnamese(db, village) -> None:  # noqa: ANN001
    keys = pl.people_keys(db, pl.PeopleQuery("binh", today=TODAY))
    (row,) = pl.people_rows(db, keys, TODAY)
    assert row.person_id == village["ids"]["Lê Văn Bình"]
    assert row.household_id == village["b"]
    assert (row.sex_label, row.residency_label, row.relation_label) == ("Nam", "Tạm trú", "Khác")
    assert row.birth_text == "16/09/2003"
    assert row.doses_text == "Chưa tiêm"
    assert row.health == ("F1", "quarantine")
    assert row.health_text == "F1, Cách ly"
    all_keys = pl.people_keys(db, pl.PeopleQuery(today=TODAY))
    reversed_rows = pl.people_rows(db, list(reversed(all_keys)), TODAY)
    assert [r.id for r in reversed_rows] == list(reversed(all_keys))
    anh = next(r for r in reversed_rows if r.full_name == "Trần Đức Anh")
    assert anh.birth_text == "2009"


def test_deleted_people_leave_the_list(db, village) -> None:  # noqa: ANN001
    delete_person(db, village["ids"]["Trần Thị Mai"])
    assert "Trần Thị Mai" not in _names(db, pl.PeopleQuery(today=TODAY))
    assert pl.person_count(db) == 6


def test_filters_agree_with_a_plain_count_on_the_demo(demo_db) -> None:  # noqa: ANN001
    today = date.today()
    with demo_db.session() as s:
        people = s.execute(select(Person.id, Person.birth_date, Person.birth_year,
                                  Person.residency).where(Person.deleted.is_(False))).all()
        doses: dict[str, int] = {}
        for pid in s.scalars(select(Vaccination.person_id).where(Vaccination.deleted.is_(False))):
            doses[pid] = doses.get(pid, 0) + 1
    def age(bd: date | None, by: int | None) -> int | None:
        if bd:
            return today.year - bd.year - ((today.month, today.day) < (bd.month, bd.day))
        return today.year - by if by else None
    expected = {
        "0-11": sum(1 for p in people if (a := age(p[1], p[2])) is not None and a <= 11),
        "12-17": sum(1 for p in people if (a := age(p[1], p[2])) is not None and 12 <= a <= 17),
        "50+": sum(1 for p in people if (a := age(p[1], p[2])) is not None and a >= 50),
    }
    for band, n in expected.items():
        assert len(pl.people_keys(demo_db, pl.PeopleQuery(age_band=band))) == n, band
    assert len(pl.people_keys(demo_db, pl.PeopleQuery(vaccination="none"))) == sum(
        1 for p in people if p[0] not in doses)
    assert len(pl.people_keys(demo_db, pl.PeopleQuery(vaccination="full"))) == sum(
        1 for p in people if doses.get(p[0], 0) >= 2)
    assert len(pl.people_keys(demo_db, pl.PeopleQuery(residency="tam_tru"))) == sum(
        1 for p in people if p[3] == "tam_tru")


def _plans(db, fn, needle: str = "persons") -> list[str]:  # noqa: ANN001
    """The query plans of the SELECTs mentioning `needle` that `fn` runs (traced in the driver:
    the key query goes straight to the sqlite3 cursor)."""
    seen: list[str] = []

    def trace(statement: str) -> None:
        if needle in statement and statement.lstrip().startswith("SELECT"):
            seen.append(statement)

    def checkout(dbapi_conn, _record, _proxy) -> None:  # noqa: ANN001
        dbapi_conn.set_trace_callback(trace)

    def checkin(dbapi_conn, _record) -> None:  # noqa: ANN001
        dbapi_conn.set_trace_callback(None)

    event.listen(db.engine, "checkout", checkout)
    event.listen(db.engine, "checkin", checkin)
    try:
        fn()
    finally:
        event.remove(db.engine, "checkout", checkout)
        event.remove(db.engine, "checkin", checkin)
    plans = []
    with db.engine.connect() as conn:
        for statement in seen:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement).all()
            plans.append("\n".join(r[-1] for r in rows))
    return plans


def test_list_and_search_come_from_the_covering_index(demo_db) -> None:  # noqa: ANN001
    for query in (pl.PeopleQuery(), pl.PeopleQuery("tran thi")):
        (plan, *_) = _plans(demo_db, lambda q=query: pl.people_keys(demo_db, q))
        first = plan.splitlines()[0]
        assert "COVERING INDEX ix_persons_search_sorted" in first, plan
        assert "TEMP B-TREE" not in plan, plan
    # a filter reads a small index, not the person rows in name order
    (plan, *_) = _plans(demo_db, lambda: pl.people_keys(demo_db, pl.PeopleQuery(age_band="18+")))
    assert "COVERING INDEX ix_persons_birth_year" in plan, plan
    (plan, *_) = _plans(demo_db, lambda: pl.people_keys(
        demo_db, pl.PeopleQuery(vaccination="none")))
    assert "uq_vaccinations_person_dose" in plan and "ix_vaccinations_deleted" not in plan, plan


def test_rows_read_doses_by_person_not_by_deleted_flag(demo_db) -> None:  # noqa: ANN001
    keys = pl.people_keys(demo_db, pl.PeopleQuery())[:50]
    plans = _plans(demo_db, lambda: pl.people_rows(demo_db, keys), needle="person_id")
    joined = "\n".join(plans)
    assert "vaccinations" in joined and "health_statuses" in joined, joined
    assert "_deleted" not in joined, joined


def test_filters_after_a_search_agree_with_filters_alone(demo_db) -> None:  # noqa: ANN001
    """With a search the filters are checked row by row; without, as sets: same answers."""
    searched = pl.people_keys(demo_db, pl.PeopleQuery("nguyen"))
    assert len(searched) > 50
    for extra in ({"age_band": "0-11"}, {"age_band": "18+"}, {"age_band": "50+"},
                  {"residency": "tam_tru"}, {"vaccination": "none"}, {"vaccination": "any"},
                  {"vaccination": "full"}, {"age_band": "18+", "vaccination": "none"}):
        alone = set(pl.people_keys(demo_db, pl.PeopleQuery(**extra)))
        both = pl.people_keys(demo_db, pl.PeopleQuery("nguyen", **extra))
        assert both == [k for k in searched if k in alone], extra
