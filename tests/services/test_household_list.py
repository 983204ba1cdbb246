"""The households list service: SQL filters and orders, accent-free search, rows by id."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from greenzone_desktop.models import Commitment, HealthStatus, Household, Person
from greenzone_desktop.models.db import Database
from greenzone_desktop.services import household_list as hl
from greenzone_desktop.services.household_list import HouseholdQuery
from greenzone_desktop.services.register import (
    HouseholdInput,
    PersonInput,
    create_household,
    delete_household,
)
from greenzone_desktop.text import fold, name_sort_key


def _live_households(db: Database) -> list[Household]:
    with db.session() as s:
        rows = list(s.scalars(select(Household).where(Household.deleted.is_(False))))
        s.expunge_all()
    return rows


def test_all_live_households_by_code(demo_db: Database) -> None:
    ids = hl.household_ids(demo_db)
    live = _live_households(demo_db)
    assert len(ids) == len(live) == 300
    codes = {h.id: h.code for h in live}
    assert [codes[i] for i in ids] == sorted(codes.values())
    assert hl.household_ids(demo_db, sort="code", descending=True) == ids[::-1]


def test_search_tran_thi_finds_members_named_tran_thi(demo_db: Database) -> None:
    ids = hl.household_ids(demo_db, HouseholdQuery(text="tran thi"))
    assert ids
    with demo_db.session() as s:
        expected = set(s.scalars(select(Person.household_id).where(
            Person.deleted.is_(False), Person.name_key.like("tran thi%"))))
    assert expected <= set(ids)
    # accents and case do not matter
    assert hl.household_ids(demo_db, HouseholdQuery(text="TRẦN Thị")) == ids


def test_search_by_cccd_phone_code_and_address(demo_db: Database) -> None:
    with demo_db.session() as s:
        p = s.scalars(select(Person).where(Person.cccd.is_not(None), Person.phone.is_not(None))
                      .limit(1)).one()
        h = s.get(Household, p.household_id)
        cccd, phone, hid, code, address = p.cccd, p.phone, h.id, h.code, h.address
    assert hid in hl.household_ids(demo_db, HouseholdQuery(text=cccd))
    assert hid in hl.household_ids(demo_db, HouseholdQuery(text=cccd[-7:]))
    assert hid in hl.household_ids(demo_db, HouseholdQuery(text=phone))
    assert hl.household_ids(demo_db, HouseholdQuery(text=code.lower())) == [hid]
    found = hl.household_ids(demo_db, HouseholdQuery(text=fold(address)))
    assert hid in found


def test_words_anywhere_when_the_phrase_matches_nothing(demo_db: Database) -> None:
    with demo_db.session() as s:
        h = s.scalars(select(Household).where(Household.head_name != "").limit(1)).one()
        head, area, hid = h.head_name, h.area, h.id
    query = f"{fold(area)} {fold(head).split()[-1]}"  # "to 1 <given name>": not one phrase
    assert hid in hl.household_ids(demo_db, HouseholdQuery(text=query))
    assert hl.household_ids(demo_db, HouseholdQuery(text="khongcoaiten")) == []


def test_filters(demo_db: Database) -> None:
    live = _live_households(demo_db)
    area = live[0].area
    by_area = hl.household_ids(demo_db, HouseholdQuery(area=area))
    assert set(by_area) == {h.id for h in live if h.area == area}
    boarding = hl.household_ids(demo_db, HouseholdQuery(kind="boarding_house"))
    assert set(boarding) == {h.id for h in live if h.kind == "boarding_house"}
    with demo_db.session() as s:
        signed = set(s.scalars(select(Commitment.household_id).where(
            Commitment.kind == "household", Commitment.deleted.is_(False))))
        temporary = set(s.scalars(select(Person.household_id).where(
            Person.residency == "tam_tru", Person.deleted.is_(False))))
    unsigned = hl.household_ids(demo_db, HouseholdQuery(unsigned=True))
    assert unsigned and set(unsigned) == {h.id for h in live} - signed
    assert set(hl.household_ids(demo_db, HouseholdQuery(residency="tam_tru"))) == temporary
    both = hl.household_ids(demo_db, HouseholdQuery(area=area, unsigned=True))
    assert set(both) == set(by_area) & set(unsigned)
    with pytest.raises(ValueError):
        hl.household_ids(demo_db, HouseholdQuery(kind="castle"))


def _add_period(db: Database, person_id: str, kind: str, place: str, start: date) -> None:
    with db.session() as s:
        p = s.get(Person, person_id)
        s.add(HealthStatus(unit_id=p.unit_id, person_id=p.id, kind=kind, start_date=start,
                           place=place))


def test_health_filters_and_flags(db: Database) -> None:
    today = date(2021, 9, 15)
    a = create_household(db, HouseholdInput(area="Tổ 1"), [
        PersonInput("Nguyễn Văn An", relation="Chủ hộ", birth=1970),
        PersonInput("Lê Thị Bình", sex="Nữ", relation="Vợ", birth=1972, residency="Tạm trú")])
    b = create_household(db, HouseholdInput(area="Tổ 2"),
                         [PersonInput("Trần Văn Cường", relation="Chủ hộ", birth=1980)])
    create_household(db, HouseholdInput(area="Tổ 10"),
                     [PersonInput("Phạm Văn Dũng", relation="Chủ hộ", birth=1990)])
    with db.session() as s:
        pa = {p.full_name: p.id for p in s.scalars(select(Person))}
    _add_period(db, pa["Nguyễn Văn An"], "F0", "facility", today - timedelta(days=3))
    _add_period(db, pa["Lê Thị Bình"], "F1", "home", today - timedelta(days=3))
    _add_period(db, pa["Trần Văn Cường"], "F1", "home", today + timedelta(days=3))  # not yet
    q = HouseholdQuery(today=today)
    assert hl.household_ids(db, HouseholdQuery(health="F0", today=today)) == [a]
    assert hl.household_ids(db, HouseholdQuery(health="F1", today=today)) == [a]
    assert hl.household_ids(db, HouseholdQuery(health="home_quarantine", today=today)) == [a]
    assert hl.household_ids(db, HouseholdQuery(health="any", today=today)) == [a]
    rows = {r.id: r for r in hl.household_rows(db, hl.household_ids(db, q), today=today)}
    assert (rows[a].members, rows[a].temporary, rows[a].f0, rows[a].f1) == (2, 1, 1, 1)
    assert rows[a].home_quarantine == 1 and rows[a].health_text == "F0, F1, Cách ly tại nhà"
    assert rows[b].health_text == "" and rows[b].head_name == "Trần Văn Cường"
    # natural order of areas: Tổ 1, Tổ 2, Tổ 10
    by_area = hl.household_ids(db, q, sort="area")
    assert [rows[i].area if i in rows else None for i in by_area[:2]] == ["Tổ 1", "Tổ 2"]
    assert hl.areas(db) == ["Tổ 1", "Tổ 2", "Tổ 10"]
    assert hl.household_ids(db, q, sort="members", descending=True)[0] == a


def test_rows_match_the_database(demo_db: Database) -> None:
    ids = hl.household_ids(demo_db, sort="head")
    rows = {r.id: r for r in hl.household_rows(demo_db, ids[:50])}
    assert set(rows) == set(ids[:50])
    with demo_db.session() as s:
        for hid in ids[:50]:
            n = s.scalar(select(func.count()).select_from(Person).where(
                Person.household_id == hid, Person.deleted.is_(False)))
            signed = s.scalar(select(func.max(Commitment.signed_on)).where(
                Commitment.household_id == hid, Commitment.kind == "household",
                Commitment.deleted.is_(False)))
            assert rows[hid].members == n and rows[hid].signed_on == signed
    heads = [name_sort_key(rows[i].head_name) for i in ids[:50]]
    assert heads == sorted(heads)


def test_deleted_households_leave_the_list(demo_db: Database) -> None:
    ids = hl.household_ids(demo_db)
    delete_household(demo_db, ids[0])
    assert ids[0] not in hl.household_ids(demo_db)
    assert hl.household_rows(demo_db, [ids[0]])[0].deleted


def test_household_view_is_get_household(demo_db: Database) -> None:
    from greenzone_desktop.services.register import get_household

    for hid in hl.household_ids(demo_db)[:40]:
        assert hl.household_view(demo_db, hid) == get_household(demo_db, hid)


def _members_key(db: Database, household_id: str) -> str:
    with db.session() as s:
        return s.scalar(select(Household.members_key).where(Household.id == household_id))


def test_members_key_follows_every_change_of_the_members(db: Database) -> None:
    from greenzone_desktop.services.register import (
        add_member,
        delete_person,
        move_member,
        restore_person,
        update_member,
    )

    first = create_household(db, HouseholdInput(address="Số 1"),
                                [PersonInput("Trần Thị Lụa", "nu", "1980"),
                                 PersonInput("Lê Văn Bình", "nam", "1978")])
    second = create_household(db, HouseholdInput(address="Số 2"),
                                 [PersonInput("Đỗ Văn Cường", "nam", "1990")])
    assert "tran thi lua" in _members_key(db, first) and "le van binh" in _members_key(db, first)
    search = lambda text: hl.household_ids(db, HouseholdQuery(text=text))  # noqa: E731

    added = add_member(db, second, PersonInput("Phạm Thị Hồng", "nu", "1992", cccd="001192000123"))
    assert search("pham thi hong") == [second] and search("001192000123") == [second]
    update_member(db, added, PersonInput("Phạm Thị Hằng", "nu", "1992"))
    assert search("pham thi hong") == [] and search("pham thi hang") == [second]
    move_member(db, added, first)
    assert search("pham thi hang") == [first]
    assert "pham" not in _members_key(db, second)
    delete_person(db, added)
    assert search("pham thi hang") == []
    restore_person(db, added)
    assert search("pham thi hang") == [first]


def test_ids_come_back_in_the_sql_order_for_every_sort(demo_db: Database) -> None:
    """The ids are joined by SQLite in the order the ordered subquery yields them."""
    from greenzone_desktop.services.household_list import SORTS, _order

    today = date(2021, 9, 15)
    for sort in SORTS:
        for descending in (False, True):
            q = HouseholdQuery(text="n", today=today)
            got = hl.household_ids(demo_db, q, sort, descending)
            stmt = (select(Household.id).where(hl._text_clause(["n"]),
                                               Household.deleted.is_not(True))
                    .order_by(*_order(sort, descending, today)))
            with demo_db.session() as s:
                expected = list(s.scalars(stmt))
            assert got == expected and len(got) > 200, (sort, descending)
