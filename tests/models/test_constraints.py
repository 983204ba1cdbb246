"""Rules the database itself enforces, whatever the form in front of it does."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from greenzone_desktop.models import AuditEntry, HealthStatus, Household, Person
from greenzone_desktop.models.db import Database


def _household(db: Database) -> str:
    with db.session() as s:
        h = Household(unit_id=db.home_unit_id, code="X-1")
        s.add(h)
        s.flush()
        return h.id


def _person(hid: str, db: Database, **kw: object) -> Person:
    values = {"unit_id": db.home_unit_id, "household_id": hid, "full_name": "Lê Văn A",
              "sex": "nam"}
    values.update(kw)
    return Person(**values)


@pytest.mark.parametrize("bad", [
    {"sex": "x"},
    {"residency": "abroad"},
    {"relation": "friend"},
    {"full_name": ""},
    {"cccd": "12345"},
    {"household_id": "no-such-household"},
    {"birth_date": date(2000, 1, 1), "residency_until": date(1999, 1, 1)},
])
def test_person_constraints(db: Database, bad: dict) -> None:
    hid = _household(db)
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(_person(hid, db, **bad))


def test_health_period_end_not_before_start(db: Database) -> None:
    hid = _household(db)
    with db.session() as s:
        p = _person(hid, db)
        s.add(p)
        s.flush()
        pid = p.id
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(HealthStatus(unit_id=db.home_unit_id, person_id=pid, kind="F1",
                           start_date=date(2021, 9, 10), end_date=date(2021, 9, 1)))


def test_cccd_unique_among_live_rows_only(db: Database) -> None:
    hid = _household(db)
    with db.session() as s:
        s.add(_person(hid, db, cccd="026090000001", deleted=True))
        s.add(_person(hid, db, cccd="026090000001"))
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(_person(hid, db, cccd="026090000001"))


def test_every_change_is_stamped_and_audited(db: Database) -> None:
    hid = _household(db)
    with db.session() as s:
        p = _person(hid, db, full_name="Lê Văn Bình")
        s.add(p)
        s.flush()
        pid = p.id
    with db.session() as s:
        p = s.get(Person, pid)
        assert p.version == 1 and p.origin == db.installation_id
        p.full_name = "Lê Văn Bính"
    with db.session() as s:
        p = s.get(Person, pid)
        assert p.version == 2
        entries = s.scalars(select(AuditEntry).where(AuditEntry.row_id == pid)
                            .order_by(AuditEntry.at)).all()
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes["full_name"] == ["Lê Văn Bình", "Lê Văn Bính"]
    assert entries[1].actor == "kiểm thử"


def test_text_is_stored_nfc(db: Database) -> None:
    import unicodedata

    hid = _household(db)
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    with db.session() as s:
        p = _person(hid, db, full_name=nfd)
        s.add(p)
        s.flush()
        pid = p.id
    with db.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT full_name FROM persons WHERE id = ?", (pid,)).scalar()
    assert stored == unicodedata.normalize("NFC", "Nguyễn Thị Ánh") != nfd
