"""The sidebar's pages, in order. Each entry: (page id, module, class). A page class is a
QWidget taking `(ctx: AppContext)`, with a `title` class attribute, and optionally a classmethod
`available(ctx) -> bool` (the page is left out when it says False),
`on_changes(changes)` and `show_target(**target)` (navigation, e.g. household_id=...).
A page whose module is not present is simply not listed (no placeholders)."""

from __future__ import annotations

PAGES: list[tuple[str, str, str]] = [
    ("dashboard", "greenzone_desktop.ui.dashboard_page", "DashboardPage"),
    ("households", "greenzone_desktop.ui.households_page", "HouseholdsPage"),
    ("people", "greenzone_desktop.ui.people_page", "PeoplePage"),
    ("organizations", "greenzone_desktop.ui.organizations_page", "OrganizationsPage"),
    ("commitments", "greenzone_desktop.ui.commitments_page", "CommitmentsPage"),
    ("health", "greenzone_desktop.ui.health_page", "HealthPage"),
    ("testing", "greenzone_desktop.ui.testing_page", "TestingPage"),
    ("checkpoints", "greenzone_desktop.ui.checkpoints_page", "CheckpointsPage"),
    ("roster", "greenzone_desktop.ui.roster_page", "RosterPage"),
    ("gate_log", "greenzone_desktop.ui.gate_log_page", "GateLogPage"),
    ("inspections", "greenzone_desktop.ui.inspections_page", "InspectionsPage"),
    ("teams", "greenzone_desktop.ui.teams_page", "TeamsPage"),
    ("risk", "greenzone_desktop.ui.risk_page", "RiskPage"),
    ("print", "greenzone_desktop.ui.print_page", "PrintPage"),
    ("excel", "greenzone_desktop.ui.excel_page", "ExcelPage"),
    ("handoff", "greenzone_desktop.ui.handoff_page", "HandoffPage"),
    ("ward", "greenzone_desktop.ui.ward_page", "WardPage"),
    ("trash", "greenzone_desktop.ui.trash_page", "TrashPage"),
]
