"""Print jobs over the demo register: the plan said before printing matches what is printed,
batches start every document on an odd page, and `greenzone print …` works end to end."""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import select

from greenzone_desktop.cli import main
from greenzone_desktop.models import Household
from greenzone_desktop.services.errors import ServiceError
from greenzone_desktop.services.print_data import Scope, household_ids
from greenzone_desktop.services.printing_service import (
    plan,
    plan_commitments,
    plan_logbooks,
    print_commitments,
    print_logbooks,
    print_sign,
)
from tests.printing.pdfutil import flat, fonts, page_count, page_texts

COVER = "GHI CHÉP PHÒNG, CHỐNG DỊCH COVID-19 CỦA HỘ GIA ĐÌNH"


def first_codes(db, n: int) -> list[tuple[str, str]]:  # noqa: ANN001
    with db.session() as s:
        return list(s.execute(select(Household.id, Household.code).where(
            Household.deleted.is_(False)).order_by(Household.code).limit(n)))


@pytest.mark.parametrize("booklet", [False, True])
def test_logbook_plan_matches_the_printed_batch(demo_db, tmp_path, booklet):
    ids = [i for i, _ in first_codes(demo_db, 7)]
    scope = Scope.selection(ids)
    planned = plan_logbooks(demo_db, scope, booklet=booklet, days=5)
    out = tmp_path / "batch.pdf"
    summary = print_logbooks(demo_db, out, scope, booklet=booklet, days=5)
    assert (planned.documents, planned.pages, planned.sheets) == (
        summary.documents, summary.pages, summary.sheets) == (7, page_count(out), planned.sheets)
    if not booklet:
        starts = [i + 1 for i, t in enumerate(page_texts(out)) if COVER in flat(t)]
        assert len(starts) == 7 and all(p % 2 == 1 for p in starts), starts


def test_unsigned_logbooks_text_is_the_register(demo_db, tmp_path):
    with demo_db.session() as s:
        want = s.execute(select(Household.code, Household.head_name).where(
            Household.id.in_(household_ids(demo_db, Scope("unsigned"))[:3]))
            .order_by(Household.code)).all()
    ids = household_ids(demo_db, Scope("unsigned"))[:3]
    out = tmp_path / "u.pdf"
    print_logbooks(demo_db, out, Scope.selection(ids), days=2)
    texts = page_texts(out)
    covers = [t for t in texts if COVER in flat(t)]
    for (code, head), cover in zip(want, covers, strict=True):
        assert code in cover and head in flat(cover)
    text = "".join(texts)
    assert text == unicodedata.normalize("NFC", text)
    assert all(r["emb"] == "yes" for r in fonts(out))


def test_commitment_batches(demo_db, tmp_path):
    ids = [i for i, _ in first_codes(demo_db, 4)]
    planned = plan_commitments(demo_db, "household", Scope.selection(ids))
    out = tmp_path / "hh.pdf"
    s = print_commitments(demo_db, "household", out, Scope.selection(ids))
    assert s.documents == planned.documents * 2  # two copies: the house and the team
    assert s.pages == page_count(out)
    # forms differ by a line or two (one may run onto a second page): pages are estimated,
    # sheets are exact because each form starts on a new sheet
    assert not planned.exact and "khoảng" in planned.text
    assert s.sheets == planned.sheets and abs(s.pages - planned.pages) <= planned.documents
    starts = [i + 1 for i, t in enumerate(page_texts(out)) if "BẢN CAM KẾT" in t]
    assert len(starts) == 8 and all(p % 2 == 1 for p in starts)
    org = tmp_path / "org.pdf"
    s = print_commitments(demo_db, "organisation", org, Scope("unsigned"))
    assert s.documents >= 2 and "Người đại diện" in flat(page_texts(org)[0])


def test_errors_say_what_is_wrong(demo_db, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(ServiceError, match="đuôi .pdf"):
        print_logbooks(demo_db, tmp_path / "x.docx", Scope("all"))
    with pytest.raises(ServiceError, match="KHÔNG-CÓ"):
        print_logbooks(demo_db, tmp_path / "x.pdf", Scope.household("KHÔNG-CÓ"))
    with pytest.raises(ServiceError, match="nội dung"):
        print_sign(demo_db, "free_text", tmp_path / "x.pdf", text="  ")
    with pytest.raises(ServiceError, match="Số ngày"):
        plan(demo_db, "logbook", Scope("all"), days=400)
    assert not list(tmp_path.iterdir())
    assert plan(demo_db, "signage", template="green_zone", size="A3", landscape=True).sheets > 1


def test_cli_print_commands(demo_db, tmp_path, capsys):
    path = str(demo_db.path)
    _, code = first_codes(demo_db, 1)[0]
    demo_db.dispose()

    def run(*args: str) -> tuple[int, str, str]:
        try:
            rc = main(["--db", path, "print", *args])
        except SystemExit as exc:
            rc = int(exc.code or 0)
        out, err = capsys.readouterr()
        return rc, out, err

    rc, out, _ = run("logbook", "--household", code, "--days", "4", "--out",
                     str(tmp_path / "l.pdf"))
    assert rc == 0 and "Sẽ in 1 sổ vùng xanh" in out and page_count(tmp_path / "l.pdf") == 6
    rc, out, _ = run("signage", "free_text", "--text", "Không tụ tập", "--size", "a5",
                     "--landscape", "--out", str(tmp_path / "s.pdf"))
    assert rc == 0 and "khổ A5 ngang" in out
    rc, out, _ = run("commitment", "organisation", "--unsigned", "--out",
                     str(tmp_path / "o.pdf"))
    assert rc == 0 and (tmp_path / "o.pdf").exists()
    rc, _, err = run("logbook", "--household", "KHÔNG-CÓ", "--out", str(tmp_path / "n.pdf"))
    assert rc == 1 and "KHÔNG-CÓ" in err and not (tmp_path / "n.pdf").exists()
    rc, _, _ = run("logbook", "--out", str(tmp_path / "n.pdf"))  # no scope: usage error
    assert rc == 2
