"""Household inspections with re-checks, inspection-team records, sweeps, and the printed
biên bản (`greenzone print inspection ID`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from greenzone_desktop.cli import main
from greenzone_desktop.services import sweeps
from greenzone_desktop.services.errors import ValidationError
from greenzone_desktop.services.inspections import (
    FindingInput,
    HouseholdInspectionInput,
    RecommendationInput,
    RecordMember,
    TeamInspectionInput,
    delete_inspection,
    get_inspection,
    inspection_ids,
    inspection_rows,
    open_recommendations,
    open_team_recommendations,
    overdue_recommendations,
    record_household_inspection,
    record_team_inspection,
)
from tests.printing.pdfutil import flat, page_texts
from tests.services.green_helpers import TODAY, add_household


def _inspect(db, hid: str, on: date, *, recs=(), rechecks=None, sweep_id=None) -> str:  # noqa: ANN001
    return record_household_inspection(db, HouseholdInspectionInput(
        hid, on, "Lê Văn Cường, Phạm Thị Dung",
        {"logbook": True, "visitors": False, "five_k": True},
        notes="Sổ ghi chưa đủ người đến nhà.", recommendations=recs,
        rechecks=rechecks or {}, sweep_id=sweep_id), today=TODAY)


def test_recommendation_is_rechecked_at_the_next_inspection(db) -> None:  # noqa: ANN001
    hid = add_household(db, "Nguyễn Văn An")
    first = _inspect(db, hid, TODAY - timedelta(days=7), recs=[
        RecommendationInput("Ghi đầy đủ người đến nhà vào Sổ", TODAY - timedelta(days=3)),
        RecommendationInput("Dán bản cam kết ở cửa", TODAY)])
    waiting = open_recommendations(db, hid)
    assert [r.text for r in waiting] == ["Ghi đầy đủ người đến nhà vào Sổ",
                                         "Dán bản cam kết ở cửa"]
    assert [r.text for r in overdue_recommendations(db, TODAY)] == [waiting[0].text]
    second = _inspect(db, hid, TODAY, rechecks={waiting[0].id: True, waiting[1].id: False})
    left = open_recommendations(db, hid)
    assert [(r.text, r.status) for r in left] == [("Dán bản cam kết ở cửa", "not_done")]
    detail = get_inspection(db, second)
    assert detail.previous_id == first
    assert {r.text: r.status for r in detail.rechecked} == {
        "Ghi đầy đủ người đến nhà vào Sổ": "done", "Dán bản cam kết ở cửa": "not_done"}
    assert detail.rechecked[0].closed_on == TODAY
    third = _inspect(db, hid, TODAY, rechecks={left[0].id: True})
    assert open_recommendations(db, hid) == []
    # deleting the inspection that closed it reopens the recommendation
    delete_inspection(db, third)
    assert [r.status for r in open_recommendations(db, hid)] == ["open"]


def test_recheck_of_another_households_recommendation_is_refused(db) -> None:  # noqa: ANN001
    a, b = add_household(db, "Nguyễn Văn An"), add_household(db, "Trần Thị Bình")
    _inspect(db, a, TODAY, recs=[RecommendationInput("Ghi Sổ hằng ngày", TODAY)])
    rec = open_recommendations(db, a)[0]
    with pytest.raises(ValidationError):
        _inspect(db, b, TODAY, rechecks={rec.id: True})
    assert open_recommendations(db, a)[0].status == "open"


def test_household_inspection_validation(db) -> None:  # noqa: ANN001
    hid = add_household(db, "Nguyễn Văn An")
    with pytest.raises(ValidationError) as exc:
        record_household_inspection(db, HouseholdInspectionInput(
            hid, TODAY + timedelta(days=1), " ", {"unknown": True},
            recommendations=[RecommendationInput("Sửa", TODAY - timedelta(days=1))]),
            today=TODAY)
    assert set(exc.value.errors) == {"inspected_on", "inspectors", "checklist",
                                    "recommendation_1"}


def test_list_rows_and_search(db) -> None:  # noqa: ANN001
    a, b = add_household(db, "Nguyễn Văn An"), add_household(db, "Trần Thị Bình")
    _inspect(db, a, TODAY - timedelta(days=1), recs=[RecommendationInput("Ghi Sổ", TODAY)])
    ib = _inspect(db, b, TODAY)
    ids = inspection_ids(db)
    assert ids[0] == ib and len(ids) == 2
    assert inspection_ids(db, query="tran thi binh") == [ib]
    rows = inspection_rows(db, ids)
    assert rows[ib].head_name == "Trần Thị Bình" and rows[ib].failed == 1
    assert rows[ids[1]].open_recommendations == 1


def _team_input(on: date, recs=(), rechecks=None) -> TeamInspectionInput:  # noqa: ANN001
    start = datetime.combine(on, datetime.min.time()).replace(hour=8)
    return TeamInspectionInput(
        on, start, start + timedelta(hours=2), "Nhà văn hóa Tổ dân phố Xuân Mai",
        [RecordMember("Đỗ Minh Tuấn", "Phó Chủ tịch UBND phường", "Trưởng đoàn"),
         RecordMember("Hoàng Thị Lan", "Trạm Y tế phường", "Thư ký")],
        "Đỗ Minh Tuấn", "Hoàng Thị Lan", "Việc thực hiện các tiêu chí vùng xanh",
        findings=[FindingInput("Chốt số 2 ca đêm chỉ có 1 người", "Bổ sung người trực ca đêm")],
        recommendations=recs, rechecks=rechecks or {})


def test_team_record_rechecks_the_previous_record_and_prints(db, tmp_path) -> None:  # noqa: ANN001
    first = record_team_inspection(db, _team_input(TODAY - timedelta(days=7), recs=[
        RecommendationInput("Bổ sung người trực ca đêm ở Chốt số 2", TODAY - timedelta(days=2))]),
        today=TODAY)
    rec = open_team_recommendations(db)[0]
    second = record_team_inspection(db, _team_input(TODAY, rechecks={rec.id: True}), today=TODAY)
    assert open_team_recommendations(db) == []
    d = get_inspection(db, second)
    assert d.previous_id == first and d.rechecked[0].status == "done"
    assert d.inspectors == "Đỗ Minh Tuấn, Hoàng Thị Lan"
    assert set(inspection_ids(db, "team", "Nhà văn hóa")) == {first, second}
    assert inspection_ids(db, "team", "trường học") == []
    out = tmp_path / "bien-ban.pdf"
    assert main(["--db", str(db.path), "print", "inspection", second, "--out", str(out)]) == 0
    text = flat(" ".join(page_texts(out)))
    for phrase in ("BIÊN BẢN", "Đỗ Minh Tuấn", "Phó Chủ tịch UBND phường",
                   "Chốt số 2 ca đêm chỉ có 1 người", "Bổ sung người trực ca đêm ở Chốt số 2",
                   "Đã khắc phục"):
        assert phrase in text, phrase


def test_print_household_record_and_unknown_id(db, tmp_path, capsys) -> None:  # noqa: ANN001
    hid = add_household(db, "Nguyễn Văn An")
    iid = _inspect(db, hid, TODAY, recs=[RecommendationInput("Ghi đủ người đến nhà", TODAY)])
    out = tmp_path / "ho.pdf"
    assert main(["--db", str(db.path), "print", "inspection", iid, "--out", str(out)]) == 0
    text = flat(" ".join(page_texts(out)))
    assert "Nguyễn Văn An" in text and "Ghi đủ người đến nhà" in text and "Chưa đạt" in text
    capsys.readouterr()
    assert main(["--db", str(db.path), "print", "inspection", "khong-co", "--out",
                 str(tmp_path / "x.pdf")]) == 1
    assert "Không tìm thấy" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_sweep_progress_to_full(db) -> None:  # noqa: ANN001
    homes = [add_household(db, n) for n in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")]
    sid = sweeps.create_sweep(db, "Rà soát đợt 1", TODAY - timedelta(days=1))
    assert sweeps.get_sweep(db, sid).percent == 0.0
    assert sweeps.active_sweep(db).id == sid
    _inspect(db, homes[0], TODAY, sweep_id=sid)
    _inspect(db, homes[0], TODAY, sweep_id=sid)  # a second visit counts once
    _inspect(db, homes[1], TODAY)  # outside the sweep
    sw = sweeps.get_sweep(db, sid)
    assert (sw.visited, sw.total, sw.percent) == (1, 3, 33.3)
    assert sweeps.not_visited_ids(db, sid) == homes[1:] or \
        set(sweeps.not_visited_ids(db, sid)) == set(homes[1:])
    lines = sweeps.household_lines(db, sweeps.not_visited_ids(db, sid))
    assert {x.head_name for x in lines.values()} == {"Trần Thị Bình", "Lê Văn Cường"}
    for hid in homes[1:]:
        _inspect(db, hid, TODAY, sweep_id=sid)
    assert sweeps.get_sweep(db, sid).percent == 100.0
    assert sweeps.not_visited_ids(db, sid) == []
    with pytest.raises(ValidationError):
        sweeps.close_sweep(db, sid, TODAY - timedelta(days=5))
    sweeps.close_sweep(db, sid, TODAY)
    assert sweeps.active_sweep(db) is None and sweeps.get_sweep(db, sid).closed
