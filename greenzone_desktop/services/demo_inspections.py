"""The demo campaign's inspections: a sweep (đợt rà soát) under way, household visits over the
last weeks with their recommendations (most put right, some open, one or two overdue), and an
inspection team's record (biên bản) with findings."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from greenzone_desktop.models import Finding, Inspection, Recommendation, Sweep, TeamMember
from greenzone_desktop.services import demo_names as N
from greenzone_desktop.services.inspections import CHECKLIST

if TYPE_CHECKING:
    from greenzone_desktop.services.demo_activity import Act

SWEEP_DAYS = 5  # the sweep started this many days ago
EARLIER_DAYS = 28  # household visits before the sweep go back this far
DUE_DAYS = 3  # a recommendation is to be put right within this many days


def _inspectors(a: Act) -> list[str]:
    names = [m["full_name"] for m in a.reg.get(TeamMember, [])]
    return names or [a.name() for _ in range(6)]


def _household_visit(a: Act, household: dict, ago: int, sweep_id: str | None,
                     inspectors: list[str]) -> None:
    rng = a.rng
    on = a.day(ago)
    start = a.at(on, rng.choice((8, 9, 10, 14, 15, 16)), rng.randrange(0, 60, 5))
    checklist = {code: rng.random() > 0.06 for code, _ in CHECKLIST if code != "quarantine"}
    lapses = [code for code, ok in checklist.items() if not ok]
    who = ", ".join(rng.sample(inspectors, min(2, len(inspectors))))
    iid = a.add(Inspection, household["unit_id"], stamp=start, kind="household", inspected_on=on,
                started_at=start, ended_at=start + timedelta(minutes=rng.randint(10, 25)),
                household_id=household["id"], sweep_id=sweep_id, previous_id=None,
                place=household["address"], inspectors=who, members=[], chair="", secretary="",
                scope="", checklist=checklist,
                notes="" if not lapses else "Đã nhắc nhở chủ hộ.")
    for code in lapses:
        due = on + timedelta(days=DUE_DAYS)
        fixed = due < a.today and rng.random() < 0.93
        a.add(Recommendation, household["unit_id"], stamp=start, inspection_id=iid,
              household_id=household["id"], text=N.HOUSEHOLD_RECOMMENDATIONS[code], due_on=due,
              status="done" if fixed else "open", checked_by_id=None,
              closed_on=due if fixed else None)


def _team_record(a: Act, inspectors: list[str]) -> None:
    rng = a.rng
    on = a.day(3)
    start = a.at(on, 8, 30)
    members = [{"name": a.name(), "title": "Phó Chủ tịch UBND phường", "role": "Trưởng đoàn"},
               {"name": a.name(), "title": "Trạm trưởng Trạm Y tế phường", "role": "Thành viên"},
               {"name": a.name(), "title": "Công an khu vực", "role": "Thành viên"},
               {"name": rng.choice(inspectors), "title": "Tổ trưởng Tổ Covid cộng đồng",
                "role": "Thư ký"}]
    iid = a.add(Inspection, stamp=start, kind="team", inspected_on=on, started_at=start,
                ended_at=start + timedelta(hours=2, minutes=30), household_id=None,
                sweep_id=None, previous_id=None, place="Nhà văn hóa tổ dân phố và các chốt",
                inspectors=", ".join(m["name"] for m in members), members=members,
                chair=members[0]["name"], secretary=members[-1]["name"],
                scope="Kiểm tra công tác xây dựng vùng xanh: Sổ vùng xanh của hộ, chốt kiểm "
                      "soát, Tổ Covid cộng đồng, cam kết của hộ và cơ sở kinh doanh.",
                checklist={}, notes="")
    for text, remedy in N.TEAM_FINDINGS:
        a.add(Finding, stamp=start, inspection_id=iid, text=text, remedy=remedy)
    for text in N.TEAM_RECOMMENDATIONS:
        a.add(Recommendation, stamp=start, inspection_id=iid, household_id=None, text=text,
              due_on=on + timedelta(days=7), status="open", checked_by_id=None, closed_on=None)


def inspections(a: Act) -> None:
    """The sweep and its visits, earlier visits, the team's record."""
    if not a.households:
        return
    rng = a.rng
    inspectors = _inspectors(a)
    sweep = a.add(Sweep, name=f"Rà soát hộ gia đình tháng {a.today.month}/{a.today.year}",
                  started_on=a.day(SWEEP_DAYS), ended_on=None,
                  notes="Tổ Covid cộng đồng đến từng hộ, kiểm tra Sổ vùng xanh và cam kết.")
    n = min(len(a.households), 30 + len(a.households) // 400)
    earlier = min(len(a.households), 12 + len(a.households) // 1000)
    picked = rng.sample(a.households, min(len(a.households), n + earlier))
    for k, h in enumerate(picked):
        if k < n:
            _household_visit(a, h, rng.randrange(0, SWEEP_DAYS + 1), sweep, inspectors)
        else:
            _household_visit(a, h, rng.randrange(SWEEP_DAYS + 1, EARLIER_DAYS), None, inspectors)
    _team_record(a, inspectors)
