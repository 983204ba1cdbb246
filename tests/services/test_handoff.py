"""USB handoff between a village and its ward: round trip, idempotence, order, deletions,
conflicts decided field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from greenzone_desktop.models import Person
from greenzone_desktop.models.db import Database
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.handoff_conflicts import (
    LOCAL,
    REMOTE,
    list_conflicts,
    resolve_conflict,
)
from greenzone_desktop.services.register import delete_person
from greenzone_desktop.services.units import child_units
from tests.services.handoff_helpers import (
    PASSWORD,
    digest,
    edit_person,
    export,
    import_,
    person,
    some_person,
    synced_rows,
    ward,
)


def _village_id(db: Database) -> str:
    assert db.home_unit_id
    return db.home_unit_id


def test_village_to_ward_round_trip_keeps_every_table_equal(demo_db: Database, tmp_path: Path
                                                            ) -> None:
    w = ward(tmp_path)
    sent = export(demo_db, tmp_path / "p1.gzx")
    assert sent.sequence == 1 and sent.counts["persons"] > 1000
    empty = digest(w)
    preview = import_(w, sent.path, dry_run=True)
    assert preview.total("new") == sent.rows and digest(w) == empty
    result = import_(w, sent.path)
    assert result.new_village and result.total("new") == sent.rows
    assert result.backup is not None and result.backup.exists()
    vid = _village_id(demo_db)
    assert [v.id for v in child_units(w)] == [vid]
    village_rows = synced_rows(demo_db, {vid})
    assert sum(len(r) for r in village_rows.values()) == sent.rows
    assert synced_rows(w, {vid}) == village_rows
    # Nothing is new for the ward to send back, and the village ends where it was.
    back = export(w, tmp_path / "back.gzx")
    assert back.rows == 0
    before = synced_rows(demo_db, {vid})
    import_(demo_db, back.path)
    assert synced_rows(demo_db, {vid}) == before
    # The next village package only holds what changed since.
    edit_person(demo_db, some_person(demo_db), phone="0912345678")
    assert export(demo_db, tmp_path / "p2.gzx").rows == 1


def _as_row_markers(db: Database) -> None:
    """Rewrite the "sent" blocks as one marker per row, as databases kept them before."""
    with db.session(raw=True) as s:
        s.connection().exec_driver_sql(
            "INSERT INTO sync_base (peer_unit_id, table_name, row_id, version, origin, data) "
            "SELECT m.peer_unit_id, m.table_name, json_extract(j.value, '$[0]'), "
            "json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'), "
            "json_object('seq', m.version) FROM sync_base m, json_each(m.data, '$.rows') j "
            "WHERE m.table_name LIKE 'sent:%'")
        gone = s.connection().exec_driver_sql(
            "DELETE FROM sync_base WHERE table_name LIKE 'sent:%' AND row_id LIKE '%:%'")
        assert gone.rowcount > 0


@pytest.mark.parametrize("kept_as", ["blocks", "row markers"])
def test_an_acknowledgement_agrees_only_what_the_package_carried(
        demo_db: Database, tmp_path: Path, kept_as: str) -> None:
    w = ward(tmp_path)
    p1 = export(demo_db, tmp_path / "p1.gzx")
    if kept_as == "row markers":
        _as_row_markers(demo_db)
    changed = some_person(demo_db, 1)
    edit_person(demo_db, changed, occupation="Thợ hàn")  # after p1: the ward has the old one
    import_(w, p1.path)
    back = export(w, tmp_path / "back.gzx")
    assert back.rows == 0
    import_(demo_db, back.path)  # acknowledges p1
    with demo_db.session() as s:
        left = s.connection().exec_driver_sql(
            "SELECT count(*) FROM sync_base WHERE table_name LIKE 'sent:%'").scalar()
    assert left == 0
    p2 = export(demo_db, tmp_path / "p2.gzx")
    assert p2.rows == 1 and p2.counts["persons"] == 1
    import_(w, p2.path)
    assert person(w, changed)["occupation"] == "Thợ hàn"


def test_a_cancelled_import_changes_nothing(demo_db: Database, tmp_path: Path) -> None:
    w = ward(tmp_path)
    before = digest(w)
    with pytest.raises(ServiceError, match="Đã huỷ"):
        import_(w, export(demo_db, tmp_path / "p1.gzx").path, cancelled=lambda: True)
    assert digest(w) == before


def test_same_package_twice_changes_nothing(demo_db: Database, tmp_path: Path) -> None:
    w = ward(tmp_path)
    p1 = export(demo_db, tmp_path / "p1.gzx")
    import_(w, p1.path)
    once = digest(w)
    again = import_(w, p1.path)
    assert again.already_imported and digest(w) == once


def test_packages_out_of_order_end_like_in_order(demo_db: Database, tmp_path: Path) -> None:
    pid, other = some_person(demo_db, 0), some_person(demo_db, 1)
    p1 = export(demo_db, tmp_path / "p1.gzx")
    edit_person(demo_db, pid, occupation="Giáo viên")
    p2 = export(demo_db, tmp_path / "p2.gzx")
    edit_person(demo_db, pid, occupation="Bác sĩ", phone="0987654321")
    delete_person(demo_db, other)
    p3 = export(demo_db, tmp_path / "p3.gzx")
    vid = _village_id(demo_db)
    in_order = ward(tmp_path, "in_order")
    for p in (p1, p2, p3):
        import_(in_order, p.path)
    shuffled = ward(tmp_path, "shuffled")
    results = [import_(shuffled, p.path) for p in (p3, p1, p2)]
    assert results[1].older_package and results[1].total("older") > 0
    expected = synced_rows(demo_db, {vid})
    assert synced_rows(in_order, {vid}) == expected
    assert synced_rows(shuffled, {vid}) == expected
    assert person(shuffled, pid)["occupation"] == "Bác sĩ"
    assert person(shuffled, other)["deleted"] == 1


def test_a_deletion_travels_both_ways(demo_db: Database, tmp_path: Path) -> None:
    w = ward(tmp_path)
    import_(w, export(demo_db, tmp_path / "p1.gzx").path)
    gone = some_person(demo_db, 3)
    delete_person(demo_db, gone)
    result = import_(w, export(demo_db, tmp_path / "p2.gzx").path)
    assert result.total("deleted") == 1 and person(w, gone)["deleted"] == 1
    # The ward removes a duplicate person; the village takes the correction.
    dup = some_person(w, 5)
    delete_person(w, dup)
    back = export(w, tmp_path / "back.gzx")
    assert back.counts["persons"] == 1
    result = import_(demo_db, back.path)
    assert result.total("deleted") == 1 and person(demo_db, dup)["deleted"] == 1
    assert synced_rows(demo_db, {_village_id(demo_db)}) == synced_rows(w, {_village_id(demo_db)})


def test_a_person_deleted_and_registered_again_with_the_same_cccd(demo_db: Database,
                                                                  tmp_path: Path) -> None:
    w = ward(tmp_path)
    import_(w, export(demo_db, tmp_path / "p1.gzx").path)
    old = next(pid for i in range(50) if person(demo_db, pid := some_person(demo_db, i))["cccd"])
    values = {k: v for k, v in person(demo_db, old).items()
              if k not in ("id", "version", "origin", "created_at", "updated_at")}
    delete_person(demo_db, old)
    with demo_db.session() as s:
        s.add(Person(**{**values, "birth_date": None, "cccd_issued_on": None,
                        "residency_until": None}))
    result = import_(w, export(demo_db, tmp_path / "p2.gzx").path)
    assert result.total("new") == 1 and result.total("deleted") == 1
    vid = _village_id(demo_db)
    assert synced_rows(demo_db, {vid}) == synced_rows(w, {vid})


def test_edits_on_both_sides_give_one_conflict_and_lose_no_field(demo_db: Database,
                                                                  tmp_path: Path) -> None:
    w = ward(tmp_path)
    import_(w, export(demo_db, tmp_path / "p1.gzx").path)
    pid = some_person(demo_db, 2)
    edit_person(demo_db, pid, phone="0911111111", occupation="Thợ may")
    edit_person(w, pid, phone="0922222222", workplace="Chợ Phúc Yên", full_name="Lê Thị Hoà")
    result = import_(w, export(demo_db, tmp_path / "p2.gzx").path)
    assert result.total("conflicts") == 1
    [conflict] = list_conflicts(w)
    assert conflict.row_label.startswith("Lê Thị Hoà (")
    assert [(f.field, f.local, f.remote) for f in conflict.fields] == [
        ("phone", "0922222222", "0911111111")]
    merged = person(w, pid)
    # Each one-sided edit is there; the disputed field keeps this PC's value until decided.
    assert (merged["occupation"], merged["workplace"], merged["full_name"], merged["phone"]) == (
        "Thợ may", "Chợ Phúc Yên", "Lê Thị Hoà", "0922222222")
    assert merged["search_key"].startswith("le thi hoa") and "0922222222" in merged["search_key"]
    with pytest.raises(ServiceError, match="còn thiếu"):
        resolve_conflict(w, conflict.id, {})
    resolve_conflict(w, conflict.id, {"phone": REMOTE})
    assert person(w, pid)["phone"] == "0911111111" and "0911111111" in person(w, pid)["search_key"]
    assert list_conflicts(w) == []
    # The decision travels back: both sides end equal.
    import_(demo_db, export(w, tmp_path / "back.gzx").path)
    vid = _village_id(demo_db)
    assert synced_rows(demo_db, {vid}) == synced_rows(w, {vid})
    assert person(demo_db, pid)["workplace"] == "Chợ Phúc Yên"


def test_deleted_on_one_side_edited_on_the_other_is_a_conflict(demo_db: Database,
                                                                tmp_path: Path) -> None:
    w = ward(tmp_path)
    import_(w, export(demo_db, tmp_path / "p1.gzx").path)
    pid = some_person(demo_db, 4)
    delete_person(demo_db, pid)
    edit_person(w, pid, notes="Đã chuyển đến tổ 3")
    import_(w, export(demo_db, tmp_path / "p2.gzx").path)
    [conflict] = list_conflicts(w)
    assert [f.field for f in conflict.fields] == ["deleted"]
    assert person(w, pid)["deleted"] == 0  # kept until a person decides
    resolve_conflict(w, conflict.id, {"deleted": LOCAL})
    assert person(w, pid)["deleted"] == 0 and person(w, pid)["notes"] == "Đã chuyển đến tổ 3"


def test_export_progress_only_moves_forward(demo_db: Database, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    export(demo_db, tmp_path / "p.gzx", progress=lambda done, total: seen.append((done, total)))
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1][0] == seen[-1][1] and len(seen) > 10


def test_a_pile_from_one_village_goes_in_package_after_package(demo_db: Database,
                                                               tmp_path: Path) -> None:
    """The next package is read while one is merged; who sent it is still decided after the
    one before has gone in (the first package adds the village)."""
    from greenzone_desktop.services.handoff import import_packages

    p1 = export(demo_db, tmp_path / "p1.gzx")
    pid = some_person(demo_db, 3)
    edit_person(demo_db, pid, occupation="Kế toán")
    p2 = export(demo_db, tmp_path / "p2.gzx")
    w = ward(tmp_path)
    results = import_packages(w, [p1.path, p2.path], PASSWORD, backup_dir=tmp_path / "bk")
    assert [r.new_village for r in results] == [True, False]
    assert results[1].total("updated") == 1 and person(w, pid)["occupation"] == "Kế toán"
    vid = _village_id(demo_db)
    assert synced_rows(w, {vid}) == synced_rows(demo_db, {vid})
