"""Document, meeting and agenda items: sidecar first, then what the text itself says."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kg.ingest.extract import extract
from kg.ingest.gazetteer import build_gazetteer
from kg.ingest.meeting import agenda_items, document_info
from kg.ingest.model import DocMeta
from kg.ingest.reader import read_document

ROOT = Path(__file__).resolve().parents[1]


def without_sidecar(path: Path):
    return replace(read_document(path), meta=DocMeta())


def test_report_cover_sheet_gives_council_committee_date_and_title():
    info = document_info(without_sidecar(ROOT / "data" / "minutes" / "003_0ac8b5ab03480bfc.txt"))
    assert (info.council, info.committee, info.meeting_date, info.title) == (
        "Cheshire East Council", "Corporate Parenting Committee", "2017-07-04", "Corporate Parenting Update")


def test_moderngov_issue_page_gives_date_committee_and_item():
    source = without_sidecar(ROOT / "data" / "minutes" / "004_716b7456e7929a64.txt")
    info = document_info(source)
    assert (info.council, info.committee, info.meeting_date, info.title) == (
        None, "Cabinet", "2020-10-13", "Children's Services Update")
    assert [(i.number, i.title) for i in agenda_items(source, info)] == [("321", "Children's Services Update")]
    assert source.text[info.date_span.start:info.date_span.end] == "13/10/2020"


def test_meeting_page_with_several_items_gives_several_items_and_decisions_under_them():
    source = read_document(ROOT / "tests" / "fixtures" / "minutes" / "cheshire_east_cpc_2017-07-04.txt")
    ex = extract(source, build_gazetteer(None))
    assert [(i.number, i.title) for i in ex.items] == [
        ("1", "Appointment of Chairman"), ("2", "Appointment of Vice-Chairman"), ("3", "Apologies for Absence"),
        ("4", "Declarations of Interest"), ("5", "Minutes of Previous meeting"), ("6", "Terms of Reference")]
    assert [(d.item, d.text) for d in ex.decisions] == [
        ("1", "That Councillor Hazel Quarmby be appointed as Chairman of the Committee for the coming year."),
        ("2", "That Councillor Ivor Pendleton be appointed as Vice-Chairman of the Committee for the coming year."),
        ("5", "That the minutes be agreed as an accurate record of the meeting on 9 May 2017."),
        ("6", "That the Committee's Terms of Reference be amended to include its work with the Shadow Board of Care "
              "Leavers, and be reviewed again when the Committee next meets.")]
    assert ex.committee_iri == "https://w3id.org/csckg/id/body/cheshire-east-council/corporate-parenting-committee"


def test_sidecar_wins_over_text():
    source = read_document(ROOT / "data" / "minutes" / "004_716b7456e7929a64.txt")
    source = replace(source, meta=DocMeta(committee="Cabinet Member Signing", meeting_date="2020-10-14"))
    info = document_info(source)
    assert (info.committee, info.meeting_date) == ("Cabinet Member Signing", "2020-10-14")
