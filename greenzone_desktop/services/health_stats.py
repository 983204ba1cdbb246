"""The health figures `greenzone stats` adds to the register counts: people by running status,
vaccination coverage by age band, and the current testing round's progress."""

from __future__ import annotations

from datetime import date

from greenzone_desktop.models.db import Database
from greenzone_desktop.services.health import active_counts
from greenzone_desktop.services.testing import current_round, round_progress
from greenzone_desktop.services.vaccination import AGE_BANDS, coverage


def health_stats(db: Database, today: date | None = None) -> dict:
    """JSON-ready: {"health": {...}, "vaccination": {...}, "testing": {...}}.

    "health" keeps the keys of the register counts (F0, F1, F2, quarantine_home,
    quarantine_centralised); "testing" is {"current_round": null} when no round is under way."""
    today = today or date.today()
    cov = coverage(db, today)
    vacc = {
        "full_doses": cov.full_doses,
        "unknown_age": cov.unknown_age,
        "by_age_band": {code: cov.band(code).as_dict() for code, *_ in AGE_BANDS},
        "by_area": {area: {code: cov.band(code, area).as_dict() for code, *_ in AGE_BANDS}
                    for area in cov.area_names},
    }
    testing: dict = {"current_round": None}
    r = current_round(db, today)
    if r is not None:
        p = round_progress(db, r.id)
        testing = {"current_round": {
            "id": r.id, "name": r.name, "held_on": r.held_on.isoformat(), "method": r.method,
            "scope": r.scope_text, "expected": p.expected, "tested": p.tested,
            "untested": p.untested, "negative": p.negative, "positive": p.positive,
            "pending": p.pending}}
    return {"health": active_counts(db, today), "vaccination": vacc, "testing": testing}
