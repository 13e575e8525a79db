"""Duty coverage (issue 9, part 1): exact rows from the built graph (curated data + five seeds)."""

from __future__ import annotations

from kg.queries import resolve_query, rows, run
from kg.store import KgStore

ID = "https://w3id.org/csckg/id/"
BANES = ID + "body/bath-and-north-east-somerset-council"
S3 = ID + "duty/ukpga-2017-16-s3-personal-adviser-to-25"
DOC0 = ID + "doc/000_55c1815c05f2b0c9"
HARDMAN = ("Councillor Liz Hardman asked if there are the resources to deliver a Personal Advisor for "
           "care leavers up to age of 25.")


def _rows(store: KgStore, name: str, **params: str) -> list[dict[str, str | None]]:
    return rows(run(store, resolve_query(name), params))[1]


def test_councils_by_duty_lists_banes_with_liz_hardmans_question(built_store: KgStore) -> None:
    got = _rows(built_store, "councils-by-duty", duty=S3)
    assert [(r["council_label"], r["meeting_date"], r["response"], r["response_type"], r["via"], r["sentence"],
             r["source"], r["source_url"], r["status"]) for r in got] == [
        ("Bath and North East Somerset Council", "2018-09-18", DOC0 + "/question/3", "Question", "duty", HARDMAN,
         DOC0, "https://democracy.bathnes.gov.uk/mgAi.aspx?ID=21597", "extracted"),
        ("Bath and North East Somerset Council", "2018-09-18", DOC0 + "/statement/6", "Statement", "duty",
         "He added that keeping contact with these young people until 25 was so important and that he would "
         "be happy to report back on any progress made.",
         DOC0, "https://democracy.bathnes.gov.uk/mgAi.aspx?ID=21597", "extracted"),
    ]


def test_councils_by_duty_for_section_47_spans_two_councils(built_store: KgStore) -> None:
    got = _rows(built_store, "councils-by-duty", duty=ID + "duty/ukpga-1989-41-s47-enquiries")
    assert [(r["council_label"], r["meeting_date"], r["response"].rsplit("/id/doc/", 1)[1]) for r in got] == [
        ("London Borough of Hammersmith and Fulham", None, "002_b1072249b8d37fcb/question/4"),
        ("London Borough of Hammersmith and Fulham", None, "002_b1072249b8d37fcb/question/5"),
        ("London Borough of Haringey", "2020-10-13", "004_716b7456e7929a64/decision/3"),
    ]


def test_duty_coverage_for_banes_on_the_meeting_day(built_store: KgStore) -> None:
    got = _rows(built_store, "duty-coverage", council="Bath and North East Somerset Council", as_of="2018-09-18")
    responded = [(r["duty"].rsplit("/", 1)[1], r["response"].rsplit("/", 2)[1] + "/" + r["response"].rsplit("/", 1)[1])
                 for r in got if r["coverage"] == "responded"]
    assert responded == [
        ("ukpga-1989-41-s22-3b-appoint-virtual-school-head", "question/8"),
        ("ukpga-1989-41-s22-3b-appoint-virtual-school-head", "statement/7"),
        ("ukpga-2017-16-s16-safeguarding-arrangements", "question/5"),
        ("ukpga-2017-16-s16-safeguarding-arrangements", "question/7"),
        ("ukpga-2017-16-s3-personal-adviser-to-25", "question/3"),
        ("ukpga-2017-16-s3-personal-adviser-to-25", "statement/6"),
        ("ukpga-2017-16-s2-local-offer", "question/2"),
    ]
    s3 = [r for r in got if r["duty"] == S3 and r["response"] == DOC0 + "/question/3"]
    assert s3[0]["sentence"] == HARDMAN and s3[0]["source"] == DOC0 and s3[0]["in_force_from"] == "2018-04-01"
    silent = sorted(r["duty"].rsplit("/", 1)[1] for r in got if r["coverage"] == "no recorded response")
    assert silent == sorted([
        "ukpga-2014-23-s42-safeguarding-enquiries", "ukpga-2004-31-s18-appoint-dcs", "ukpga-2017-16-s4-appoint-plac-officer",
        "ukpga-2004-31-s10-co-operation-arrangements", "ukpga-2004-31-s11-safeguard-and-promote-welfare",
        "ukpga-2017-16-s24-child-death-reviews", "ukpga-2017-16-s26-cdr-funding", "ukpga-2017-16-s25-cdr-information-requests",
        "ukpga-2017-16-s2-consult-on-local-offer", "ukpga-1989-41-s23c-former-relevant-children",
        "ukpga-2017-16-s1-corporate-parenting-principles", "ukpga-2004-31-s19-designate-lead-member",
        "ukpga-1989-41-s47-enquiries", "ukpga-2004-31-s13-establish-lscb", "ukpga-2014-23-s43-establish-safeguarding-adults-board",
        "ukpga-1989-41-s17-children-in-need", "ukpga-2017-16-s4-plac-education-advice",
        "ukpga-2017-16-s17-local-child-safeguarding-practice-reviews", "ukpga-2017-16-s14-notify-panel",
        "ukpga-1989-41-s22-3a-promote-educational-achievement", "ukpga-1989-41-s20-accommodation",
        "ukpga-1989-41-s22-welfare-of-looked-after-children", "ukpga-1989-41-s23cza-staying-put",
    ])
    lscb = next(r for r in got if r["duty"].endswith("s13-establish-lscb"))
    assert lscb["in_force_note"] == "repealed; repeal date not recorded"
    # Secretary of State and Social Work England duties never bear on a council; 2026 Act not passed yet.
    assert not [r for r in got if "s12-establish-panel" in r["duty"] or "s39-keep-register" in r["duty"]
                or "ukpga-2026" in r["duty"]]


def test_duty_coverage_before_the_duty_and_before_the_meeting(built_store: KgStore) -> None:
    got = _rows(built_store, "duty-coverage", council=BANES, as_of="2018-03-31")
    assert not [r for r in got if r["duty"] == S3]  # s.3 came into force on 1 April 2018
    assert not [r for r in got if r["coverage"] == "responded"]  # the meeting was on 18 September 2018
    later = _rows(built_store, "duty-coverage", council=BANES, as_of="2026-11-01")
    assert "ukpga-2026-21-s1-family-group-decision-making" in {r["duty"].rsplit("/", 1)[1] for r in later}
