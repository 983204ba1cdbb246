"""Which settings row applies when a database holds other units' rows (a ward, after packages)."""

from __future__ import annotations

from pathlib import Path

from greenzone_desktop.models import Setting, Unit
from greenzone_desktop.models.migrations import open_database
from greenzone_desktop.services.settings import DEFAULTS, all_settings, get_setting, set_setting
from greenzone_desktop.services.units import init_units


def _ward(tmp_path: Path):  # noqa: ANN202
    db = open_database(tmp_path / "ward.sqlite", actor="kiểm thử")
    init_units(db, province="Bắc Ninh", commune="Phường Võ Cường")
    with db.session() as s:
        ward = s.get(Unit, db.home_unit_id)
        village = Unit(id="0c9a1f2e-village", level="village", name="Khu Xuân Ổ",
                       parent_id=ward.id, unit_id="0c9a1f2e-village")
        s.add(village)
        s.flush()
        s.add(Setting(key="logbook_days", value=14, unit_id=village.id))
        return db, ward.parent_id, village.id


def test_a_villages_row_does_not_apply_at_the_ward(tmp_path: Path) -> None:
    db, _, _ = _ward(tmp_path)
    assert get_setting(db, "logbook_days") == DEFAULTS["logbook_days"]
    set_setting(db, "logbook_days", 21)
    assert get_setting(db, "logbook_days") == 21
    assert all_settings(db)["logbook_days"] == 21
    with db.session() as s:  # the village's own row is untouched
        assert sorted(r.value for r in s.query(Setting).filter_by(key="logbook_days")) == [14, 21]
    db.dispose()


def test_an_ancestors_rule_applies_unless_the_unit_has_its_own(tmp_path: Path) -> None:
    db, province_id, _ = _ward(tmp_path)
    with db.session() as s:
        s.add(Setting(key="zone_lift_days", value=21, unit_id=province_id))
    assert get_setting(db, "zone_lift_days") == 21
    set_setting(db, "zone_lift_days", 10)
    assert get_setting(db, "zone_lift_days") == 10
    db.dispose()
