"""The minutes queries answer with the facts of the five seed documents, exactly."""

from __future__ import annotations

from kg.queries import resolve_query, rows, run
from kg.store import KgStore

DOC = "https://w3id.org/csckg/id/doc/"
BANES = "Bath and North East Somerset Council"


def _rows(store: KgStore, name: str, **params: str) -> list[dict[str, str | None]]:
    return rows(run(store, resolve_query(name), params))[1]


def test_funding_mentioned_in_bath_and_north_east_somerset(built_store: KgStore) -> None:
    got = [(r["council_label"], r["amount"], r["purpose"], r["meeting_date"], r["source"])
           for r in _rows(built_store, "funding-mentioned")]
    assert got == [
        (BANES, "7292", "new burdens funding", "2018-09-18", DOC + "000_55c1815c05f2b0c9"),
        (BANES, "30000", "this additional work", "2018-09-18", DOC + "000_55c1815c05f2b0c9"),
    ]


def test_haringey_cabinet_resolved_seven_points_in_order(built_store: KgStore) -> None:
    got = _rows(built_store, "decisions-by-council", council="London Borough of Haringey")
    assert {(r["council_label"], r["meeting_date"], r["committee_label"]) for r in got} == {
        ("London Borough of Haringey", "2020-10-13", "Cabinet, London Borough of Haringey")
    }
    assert [r["decision_text"] for r in got] == [
        "The increase in the rate of referral, reduction in the numbers of referrals that result in \u2018no further "
        "action\u2019 and the effectiveness of the Multi Agency Safeguarding Hub (MASH) (paragraphs 6.5 to 6.6 and "
        "6.7 to 6.9).",
        "Improvements in the numbers of, and time taken to complete assessments (paragraphs 6.13 to 6.14);",
        "The increase in the rate of Section 47 enquiries (paragraph 6.17);",
        "The slight reduction in the numbers of children in care which has closed the gap with our statistical "
        "neighbours (paragraph 6.26);",
        "The need to reduce the numbers of children placed out of boroughs and the very good performance on long "
        "term placement stability (paragraphs 6.28 and 6.30);",
        "The significant improvements in the numbers of care leavers in suitable accommodation (paragraph 6.47); and",
        "The action taken to improve the recruitment and retention of social workers (section 7).",
    ]


def test_decisions_of_every_seed(built_store: KgStore) -> None:
    got = [(r["council_label"], r["decision_text"]) for r in _rows(built_store, "decisions-by-council")]
    assert got[:5] == [
        (None, "That the presentation be noted."),
        (None, "That comments made by members of this commission to be taken into account by the lead officers."),
        (None, "That the Commission be updated in six months\u2019 time."),
        (None, "That members be kept informed on key issues."),
        (BANES, "The Panel RESOLVED to note the update."),
    ]
    assert len(got) == 12


def test_councillor_liz_hardmans_questions(built_store: KgStore) -> None:
    got = [r for r in _rows(built_store, "questions-asked", council=BANES) if r["asker_label"] == "Liz Hardman"]
    assert [(r["asker_role"], r["question_text"]) for r in got] == [
        ("councillor", "Councillor Liz Hardman asked how the \u2018Local Offer\u2019 would be approved."),
        ("councillor", "Councillor Liz Hardman asked if there are the resources to deliver a Personal Advisor for "
                       "care leavers up to age of 25."),
        ("councillor", "Councillor Liz Hardman asked how will the local authority, police and CCG work together in "
                       "the absence of the LSCB and can we have assurances that reviews of safeguarding will take "
                       "place during the transition process."),
        ("councillor", "Councillor Liz Hardman asked what are the resource implications for the police who are "
                       "overstretched anyway and can we be assured that the police have the resources to engage in "
                       "the new arrangements."),
    ]
    corporate_director = "Corporate Director (People and Communities), Bath and North East Somerset Council"
    assert {r["answerer_label"] for r in got} == {corporate_director}
    assert {r["meeting_date"] for r in got} == {"2018-09-18"}


def test_citations_in_minutes(built_store: KgStore) -> None:
    got = [(r["act_label"], r["section_number"], r["documents"], r["councils"])
           for r in _rows(built_store, "citations-in-minutes")]
    cswa = "Children and Social Work Act 2017"
    assert got == [
        ("Children Act 1989", "47", "2", "2"),
        (cswa, None, "2", "2"),
        ("Children Act 1989", None, "1", "1"),
        ("Children Act 2004", None, "1", "1"),
        *[(cswa, n, "1", "1") for n in ("2", "3", "10", "12", "14", "16", "17", "21", "30")],
        ("Children and Social Work Bill", None, "1", "1"),
        ("Children's Wellbeing and Schools Bill", None, "1", "0"),
    ]
