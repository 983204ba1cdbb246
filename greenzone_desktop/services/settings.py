"""Business rules and configuration: data with defaults, stored in the database so they travel
with backups and USB packages. Provinces set their own rules; nothing here is a buried constant."""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from greenzone_desktop.models import LocalState, Setting, Unit
from greenzone_desktop.models.db import Database

DEFAULTS: dict[str, Any] = {
    # Printing
    "logbook_days": 28,
    "sign_blue": "#0a4da2",
    "place_name": "",  # printed as "<place>, ngày … tháng … năm …"; default: the commune's name
    "commitment_copies": 2,  # one posted in the house, one kept by the community team
    "print_parent_body": "",  # header line over the issuing body; default "UBND <commune>"
    "print_issuing_body": "",  # default "Ban Chỉ đạo phòng, chống dịch COVID-19 <unit>"
    # Health
    "quarantine_days_f1": 14,
    "quarantine_days_home": 14,
    "f0_recovery_days": 14,
    "vaccines": ["AstraZeneca", "Pfizer", "Moderna", "Sinopharm (Vero Cell)", "Sputnik V",
                 "Abdala", "Janssen", "Hayat-Vax"],
    "full_doses": 2,
    # Testing after the last F0 in a zone (Bắc Ninh): days since last F0 -> test days.
    "testing_schedule": [
        {"max_days": 7, "test_days": [1, 7, 14]},
        {"max_days": 14, "test_days": [7, 14]},
        {"max_days": None, "test_days": ["before_lift"]},
    ],
    "zone_lift_days": 14,
    "quarantine_days_centralised": 14,
    "f2_days": 7,  # F2: self-monitoring at home from the exposure date
    "f1_test_days": [1, 7, 14],  # F1: tested this many days after exposure
    # Target group "nhóm nguy cơ" of a testing round: people whose occupation contains one of these.
    "testing_risk_occupations": ["Buôn bán", "Kinh doanh", "Lái xe", "Y tá", "Bác sĩ", "Shipper",
                                 "Giao hàng", "Bảo vệ", "Tiểu thương"],
    # A home-quarantine commitment counts when signed at most this many days before the start.
    "quarantine_commitment_grace_days": 2,
    # Checkpoints
    "staff_min_doses": 1,
    "staff_min_rest_hours": 8,
    "staff_max_hours_week": 48,
    "risk_areas": [],
    # Green-zone criteria
    "min_hotlines": 2,
    "min_mailboxes": 2,
    "min_zalo_groups": 1,
    "households_per_covid_team": 70,
    "risk_preset": "qd2686",
    "daily_report_hour": 16,
    "risk_thresholds": {},  # preset code -> edited thresholds (shipped presets: services/risk.py)
    "inspection_interval_days": 7,  # criterion 4: an inspection at least this often
    "screening_interval_days": 14,  # criterion 1: a screening round this often at level ≥ 2
    # USB handoff: a village whose last package is older than this is shown as overdue
    "handoff_overdue_days": 7,
}


def _unit_chain(s: Session) -> list[str] | None:
    """This database's unit and its ancestors, nearest first; None before a unit exists."""
    home = s.get(LocalState, "home_unit_id")
    if home is None or not home.value:
        return None
    chain, unit_id = [], home.value
    while unit_id and unit_id not in chain:
        chain.append(unit_id)
        unit_id = s.scalar(select(Unit.parent_id).where(Unit.id == unit_id))
    return chain


def settings_in(s: Session) -> dict[str, Any]:
    """The rules in force, read inside an open session. Settings rows travel in USB packages, so
    a ward database also holds its villages' rows: this unit's own row wins, then the nearest
    ancestor's (a province's or ward's rule reaching a village), then the default; another
    unit's row (a village's, at the ward) never applies here."""
    values = copy.deepcopy(DEFAULTS)
    chain = _unit_chain(s)
    rank = {unit_id: i for i, unit_id in enumerate(chain or [])}
    best: dict[str, int] = {}
    for row in s.scalars(select(Setting).where(Setting.deleted.is_(False))):
        r = rank.get(row.unit_id, 0 if chain is None else None)
        if r is None or best.get(row.key, len(rank) + 1) <= r:
            continue
        best[row.key] = r
        values[row.key] = row.value
    return values


def get_setting(db: Database, key: str) -> Any:
    with db.session() as s:
        return settings_in(s).get(key, copy.deepcopy(DEFAULTS.get(key)))


def all_settings(db: Database) -> dict[str, Any]:
    with db.session() as s:
        return settings_in(s)


def set_setting(db: Database, key: str, value: Any) -> None:
    with db.session() as s:
        row = s.scalars(select(Setting).where(
            Setting.key == key, Setting.unit_id == db.home_unit_id)).first()
        if row is None:
            s.add(Setting(key=key, value=value, unit_id=db.home_unit_id))
        else:
            row.value = value
            row.deleted = False
