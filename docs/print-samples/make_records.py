"""Page images of the records: household and inspection-team biên bản, risk-assessment
record, team member list and daily report (first page of each).

    .venv/bin/python docs/print-samples/make_records.py

Needs poppler's pdftoppm. A throw-away village database and the PDFs live in a temporary
folder and are not kept.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from greenzone_desktop.models import HealthStatus, Person  # noqa: E402
from greenzone_desktop.models.migrations import open_database  # noqa: E402
from greenzone_desktop.services import daily_report, teams  # noqa: E402
from greenzone_desktop.services.inspection_print import print_inspection  # noqa: E402
from greenzone_desktop.services.inspections import (  # noqa: E402
    FindingInput,
    HouseholdInspectionInput,
    RecommendationInput,
    RecordMember,
    TeamInspectionInput,
    open_recommendations,
    open_team_recommendations,
    record_household_inspection,
    record_team_inspection,
)
from greenzone_desktop.services.register import (  # noqa: E402
    HouseholdInput,
    PersonInput,
    create_household,
)
from greenzone_desktop.services.risk import (  # noqa: E402
    AssessmentInput,
    RiskFigures,
    record_assessment,
)
from greenzone_desktop.services.risk_print import print_assessment  # noqa: E402
from greenzone_desktop.services.units import init_units  # noqa: E402

DPI = 60
DAY = date(2021, 9, 15)


def png(pdf: Path, name: str, page: int = 1) -> Path:
    out = HERE / name
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(out.with_suffix(""))], check=True)
    return out


def village(path: Path):  # noqa: ANN201 - Database
    db = open_database(path, actor="Nguyễn Văn Tổ")
    init_units(db, province="Vĩnh Phúc", commune="Phường Hùng Vương",
               village="Tổ dân phố Xuân Mai")
    homes = []
    for i, (head, wife) in enumerate([("Nguyễn Văn Hùng", "Trần Thị Lan"),
                                      ("Lê Minh Tuấn", "Phạm Thị Hoa"),
                                      ("Đỗ Quang Vinh", "Vũ Thị Ngọc")]):
        homes.append(create_household(db, HouseholdInput(
            address=f"Số {12 + i * 4}, Đường Xuân Mai", area="Tổ 1"),
            [PersonInput(head, relation="chu_ho", birth="1968"),
             PersonInput(wife, relation="vo", birth="1972")]))
    with db.session() as s:
        pid = s.query(Person.id).filter(Person.household_id == homes[2]).first()[0]
        s.add(HealthStatus(unit_id=db.home_unit_id, person_id=pid, kind="F0",
                           start_date=DAY - timedelta(days=4)))
    return db, homes


def main() -> None:
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        db, homes = village(t / "village.sqlite")
        record_household_inspection(db, HouseholdInspectionInput(
            homes[0], DAY - timedelta(days=7), "Phạm Văn Đức, Hoàng Thị Mai",
            {"logbook": False, "visitors": True, "five_k": True, "commitment_posted": False},
            recommendations=[RecommendationInput("Ghi Sổ vùng xanh đầy đủ hằng ngày",
                                                 DAY - timedelta(days=4)),
                             RecommendationInput("Dán bản cam kết ở cửa ra vào",
                                                 DAY - timedelta(days=5))]), today=DAY)
        earlier = open_recommendations(db, homes[0])
        hid = record_household_inspection(db, HouseholdInspectionInput(
            homes[0], DAY, "Phạm Văn Đức, Hoàng Thị Mai",
            {"logbook": True, "visitors": False, "five_k": True, "commitment_posted": True,
             "no_gathering": True},
            notes="Ngày 14/9 có khách đến chơi nhưng không ghi vào Sổ.",
            recommendations=[RecommendationInput("Ghi đầy đủ người đến nhà vào Sổ vùng xanh",
                                                 DAY + timedelta(days=3))],
            rechecks={earlier[0].id: True, earlier[1].id: False}), today=DAY)
        pdf = t / "household.pdf"
        print_inspection(db, hid, pdf)
        made.append(png(pdf, "inspection-record-household.png"))
        members = [RecordMember("Đỗ Minh Tuấn", "Phó Chủ tịch UBND phường", "Trưởng đoàn"),
                   RecordMember("Hoàng Thị Lan", "Trạm trưởng Trạm Y tế phường", "Thành viên"),
                   RecordMember("Nguyễn Văn Bình", "Phó Trưởng Công an phường", "Thành viên"),
                   RecordMember("Trần Thu Hà", "Công chức Văn hóa – Xã hội", "Thư ký")]

        def team_record(day: date, recs, rechecks, findings) -> str:  # noqa: ANN001
            start = datetime.combine(day, datetime.min.time()).replace(hour=8, minute=30)
            return record_team_inspection(db, TeamInspectionInput(
                day, start, start + timedelta(hours=2, minutes=15),
                "Nhà văn hóa Tổ dân phố Xuân Mai", members, "Đỗ Minh Tuấn", "Trần Thu Hà",
                "Kiểm tra việc thực hiện các tiêu chí “vùng xanh”: chốt kiểm soát, Sổ vùng "
                "xanh của các hộ, cam kết, Tổ Covid cộng đồng, đường dây nóng và hòm thư.",
                findings, recs, rechecks), today=DAY)

        team_record(DAY - timedelta(days=7), [RecommendationInput(
            "Bố trí đủ 2 người trực ca đêm tại Chốt số 2", DAY - timedelta(days=3))], {},
            [FindingInput("Chốt số 2 ca đêm chỉ có 1 người trực",
                          "Bổ sung lực lượng dân quân trực ca đêm")])
        prev = open_team_recommendations(db)
        tid = team_record(DAY, [RecommendationInput(
            "Hoàn thành ký cam kết với 100 % hộ gia đình", DAY + timedelta(days=7))],
            {prev[0].id: True},
            [FindingInput("Còn 3 hộ chưa ký cam kết thực hiện các biện pháp phòng, chống dịch",
                          "Tổ Covid cộng đồng số 1 đến từng hộ vận động ký trước 22/9/2021"),
             FindingInput("Một số hộ ghi Sổ vùng xanh chưa đầy đủ người đến nhà",
                          "Nhắc nhở, hướng dẫn các hộ ghi Sổ hằng ngày")])
        pdf = t / "team.pdf"
        print_inspection(db, tid, pdf)
        made.append(png(pdf, "inspection-record-team-1.png"))
        made.append(png(pdf, "inspection-record-team-2.png", 2))
        # the figures of a village of 1 250 people (the throw-away one has six)
        figures = RiskFigures(DAY, 1250, 1, 1, 80.0, 80.0, 4, 92.4, 81.7)
        aid = record_assessment(db, AssessmentInput(
            DAY, "Ban Chỉ đạo phòng, chống dịch COVID-19 tổ dân phố", "qd2686", "3",
            "Ca bệnh phát hiện trong khu cách ly, không lây ra cộng đồng"), figures, today=DAY)
        pdf = t / "risk.pdf"
        print_assessment(db, aid, pdf)
        made.append(png(pdf, "risk-record-1.png"))
        made.append(png(pdf, "risk-record-2.png", 2))
        team = teams.save_team(db, teams.TeamInput("rapid_response", "Tổ phản ứng nhanh"))
        for name, role, org, phone in [
                ("Nguyễn Văn Bình", "Tổ trưởng", "Phó Trưởng Công an phường", "0912345678"),
                ("Lê Văn Cường", "Thành viên", "Ban Chỉ huy Quân sự phường", "0983456789"),
                ("Hoàng Thị Lan", "Thành viên", "Trạm Y tế phường", "0904567890"),
                ("Phạm Thị Dung", "Thành viên", "Đoàn Thanh niên", "0356789012"),
                ("Vũ Văn Hải", "Thành viên", "Tình nguyện viên", "0867890123")]:
            teams.save_member(db, team, teams.MemberInput(name, role, org, phone))
        pdf = t / "team-list.pdf"
        teams.print_team_lists(db, [team], pdf, today=DAY)
        made.append(png(pdf, "team-list.png"))
        report = daily_report.make_daily_report(db, t, DAY)
        made.append(png(Path(report.files[0]), "daily-report.png"))
        db.dispose()
    for p in made:
        kb = p.stat().st_size / 1024
        print(f"{p.name:40s} {kb:6.0f} KB")
        if kb > 150:
            raise SystemExit(f"{p.name} is larger than 150 KB")


if __name__ == "__main__":
    main()
