"""The register as print data: scopes (one, selection, all, unsigned) and the household picker.

Expected sets are computed in Python from the ORM rows, so the SQL shortcuts in print_data
(uncorrelated IN for "signed", member counts as a sum) are checked against the plain meaning.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from greenzone_desktop.models import Commitment, Household, Organization, Person
from greenzone_desktop.services.errors import NotFoundError, ServiceError
from greenzone_desktop.services.print_data import (
    Scope,
    find_households,
    household_docs,
    household_ids,
    member_counts,
    organisation_docs,
)
from greenzone_desktop.text import fold


def _truth(db) -> tuple[dict[str, str], set[str], dict[str, int]]:  # noqa: ANN001
    """code by live household id, ids with a live household commitment, live members by id."""
    with db.session() as s:
        codes = {h.id: h.code for h in s.scalars(select(Household).where(
            Household.deleted.is_(False)))}
        signed = {c.household_id for c in s.scalars(select(Commitment).where(
            Commitment.kind == "household", Commitment.deleted.is_(False)))}
        members: dict[str, int] = {}
        for p in s.scalars(select(Person).where(Person.deleted.is_(False))):
            members[p.household_id] = members.get(p.household_id, 0) + 1
    return codes, signed & set(codes), members


def _unsign_one_and_drop_a_member(db) -> tuple[str, str]:  # noqa: ANN001
    """Soft-delete the commitment of a signed household and one member of another household."""
    with db.session() as s:
        c = s.scalars(select(Commitment).where(Commitment.kind == "household",
                                               Commitment.deleted.is_(False))).first()
        c.deleted = True
        p = s.scalars(select(Person).where(Person.deleted.is_(False),
                                           Person.household_id != c.household_id)).first()
        p.deleted = True
        return c.household_id, p.household_id


def test_unsigned_scope_is_the_households_without_a_live_commitment(demo_db):
    unsigned_now, _ = _unsign_one_and_drop_a_member(demo_db)
    codes, signed, _ = _truth(demo_db)
    assert 0 < len(signed) < len(codes)
    expected = sorted(codes[h] for h in codes if h not in signed)
    got = household_ids(demo_db, Scope("unsigned"))
    assert [codes[h] for h in got] == expected
    assert unsigned_now in got  # a deleted commitment does not count as signed
    assert len(member_counts(demo_db, Scope("unsigned"))) == len(expected)
    docs = household_docs(demo_db, Scope("unsigned"))
    assert [d.code for d in docs] == expected


def test_picker_counts_live_members_and_shows_signed(demo_db):
    _, fewer = _unsign_one_and_drop_a_member(demo_db)
    codes, signed, members = _truth(demo_db)
    rows = find_households(demo_db, "", limit=1000)
    assert [r.code for r in rows] == sorted(codes.values())
    by_id = {r.id: r for r in rows}
    for hid in codes:
        assert by_id[hid].members == members.get(hid, 0), codes[hid]
        assert by_id[hid].signed == (hid in signed), codes[hid]
    assert by_id[fewer].members == members[fewer]
    assert len(find_households(demo_db, "", limit=20)) == 20


def test_picker_search_is_accent_insensitive_and_by_member(demo_db):
    with demo_db.session() as s:
        hh = s.scalars(select(Household).where(Household.deleted.is_(False))
                       .order_by(Household.code)).all()[37]
        member = s.scalars(select(Person).where(Person.household_id == hh.id,
                                                Person.deleted.is_(False))).first()
        name, code = member.full_name, hh.code
    found = find_households(demo_db, fold(name))  # typed without accents
    assert code in [r.code for r in found]
    assert [r.code for r in find_households(demo_db, code.lower())] == [code]
    assert find_households(demo_db, "khôngcóaitênnày") == []


def test_one_household_and_selection(demo_db):
    codes, _, members = _truth(demo_db)
    hid, code = sorted(codes.items(), key=lambda kv: kv[1])[5]
    docs = household_docs(demo_db, Scope.household(code.lower()))
    assert [d.code for d in docs] == [code]
    assert len(docs[0].members) == members[hid]
    assert docs[0].members[0].relation == "Chủ hộ"
    picked = sorted(codes)[:7]
    assert sorted(household_ids(demo_db, Scope.selection(picked))) == sorted(picked)
    with pytest.raises(NotFoundError):
        household_docs(demo_db, Scope.household("KHÔNG-CÓ"))
    with pytest.raises(ServiceError):
        household_docs(demo_db, Scope.household(""))


def test_unsigned_organisations(demo_db):
    with demo_db.session() as s:
        orgs = {o.id: o.name for o in s.scalars(select(Organization).where(
            Organization.deleted.is_(False)))}
        live = {c.organization_id for c in s.scalars(select(Commitment).where(
            Commitment.organization_id.is_not(None), Commitment.deleted.is_(False)))}
        target = next(iter(live))
        for c in s.scalars(select(Commitment).where(Commitment.organization_id == target)):
            c.deleted = True
        live.discard(target)
        s.add(Commitment(kind="household", household_id=s.scalars(select(Household.id)).first(),
                         signed_on=date(2021, 9, 1), unit_id=s.scalars(
                             select(Household.unit_id)).first()))
    expected = sorted(n for i, n in orgs.items() if i not in live)
    got = sorted(d.name for d in organisation_docs(demo_db, Scope("unsigned")))
    assert got == expected and orgs[target] in got
    assert len(organisation_docs(demo_db, Scope("all"))) == len(orgs)
    with pytest.raises(ServiceError):
        organisation_docs(demo_db, Scope.household("X"))


def test_doses_and_member_counts_ignore_deleted_rows(demo_db):
    from greenzone_desktop.models import Vaccination

    _, fewer = _unsign_one_and_drop_a_member(demo_db)
    with demo_db.session() as s:
        v = s.scalars(select(Vaccination).where(Vaccination.deleted.is_(False),
                                                Vaccination.dose_no == 2)).first()
        v.deleted = True
        person = s.get(Person, v.person_id)
        hid, name = person.household_id, person.full_name
        doses = {x.dose_no for x in s.scalars(select(Vaccination).where(
            Vaccination.person_id == person.id, Vaccination.deleted.is_(False)))}
        code = s.get(Household, hid).code
    codes, _, members = _truth(demo_db)
    row = next(m for m in household_docs(demo_db, Scope.household(code))[0].members
               if m.full_name == name)
    assert row.vaccination == (f"{len(doses)} mũi" if doses else "Chưa tiêm")
    ids = household_ids(demo_db, Scope("all"))
    assert member_counts(demo_db, Scope("all")) == [members.get(h, 0) for h in ids]
    assert member_counts(demo_db, Scope.selection([fewer])) == [members[fewer]]
    everyone = {m.full_name: m.vaccination for d in household_docs(demo_db, Scope("all"))
                for m in d.members if d.code == code}
    assert everyone[name] == row.vaccination
