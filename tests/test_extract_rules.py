"""General rules real minutes need, each on a short sentence written for it.

Numbered "17.4 Resolved –" decisions; "section 11" audits; sections of Acts the table does not
know; "(section 7)" of a report; the nearest Act context; surnames that are common nouns;
multi-word post titles; rates that are not counts.
"""

from __future__ import annotations

from pathlib import Path

from kg.ingest.acts import load_act_table
from kg.ingest.amounts import find_figures
from kg.ingest.decisions import find_decisions
from kg.ingest.extract import extract
from kg.ingest.gazetteer import build_gazetteer
from kg.ingest.legislation import find_citations
from kg.ingest.model import DocMeta, SourceText
from kg.ingest.people import find_people

LEG = "http://www.legislation.gov.uk/id/ukpga/"
ACTS = load_act_table(None)


def cites(text: str, title: str | None = None) -> list[tuple[str, str | None, str | None]]:
    return [(text[c.span.start:c.span.end], c.act, c.iri) for c in find_citations(text, ACTS, title)]


# -- 1. decisions in numbered minute paragraphs ------------------------------------------------

def test_two_level_numbered_resolved_in_any_case_is_a_decision():
    text = ("17.3     The Panel discussed the report.\n\n17.4     Resolved – That the report be noted.\n\n"
            "18.2 RESOLVED: That the plan be approved.\n\n19.1 Resolved\n\nThat officers report back.\n")
    assert [(d.text, d.decision_type) for d in find_decisions(text)] == [
        ("That the report be noted.", "noted"), ("That the plan be approved.", "resolved"),
        ("That officers report back.", "resolved")]


def test_a_number_before_resolved_in_prose_is_still_not_a_marker():
    assert find_decisions("17.4 Members resolved nothing at this meeting.\n") == []


# -- 2. "section 11" audits and duties ---------------------------------------------------------

def test_section_11_audits_and_duties_are_children_act_2004():
    text = ("Children and Social Work Act 2017\n\nPartners completed their section 11 audits. "
            "Schools met their section 11 duties.")
    assert cites(text)[1:] == [("section 11", "Children Act 2004", LEG + "2004/31/section/11"),
                               ("section 11", "Children Act 2004", LEG + "2004/31/section/11")]


def test_section_11_without_safeguarding_words_takes_the_context_act():
    assert cites("Care Act 2014\n\nUnder section 11 a person may refuse an assessment.")[1:] == [
        ("section 11", "Care Act 2014", LEG + "2014/23/section/11")]


def test_an_act_named_earlier_in_the_sentence_beats_the_section_11_rule():
    assert cites("Under the Care Act 2014 the section 11 duty to assess applies.")[1:] == [
        ("section 11", "Care Act 2014", LEG + "2014/23/section/11")]


def test_bare_section_11_audit_with_no_act_anywhere_is_still_children_act_2004():
    assert cites("The section 11 audit was returned in March.") == [
        ("section 11", "Children Act 2004", LEG + "2004/31/section/11")]


# -- 3. a section of an Act not in the table ---------------------------------------------------

def test_section_of_an_unknown_act_is_not_the_context_acts_section():
    text = ("Children Act 1989\n\nUnder Section 100B(4)(b) of the Local Government Finance Act 1988 "
            "the item was taken as urgent.")
    assert cites(text) == [("Children Act 1989", "Children Act 1989", LEG + "1989/41"),
                           ("Section 100B(4)(b) of the Local Government Finance Act 1988",
                            "Local Government Finance Act 1988", None)]


def test_local_government_act_1972_is_in_the_table_with_subsections():
    text = "Children Act 1989\n\nUnder Section 100B(4)(b) of the Local Government Act 1972 the Chair admitted it."
    assert cites(text)[1:] == [("Section 100B(4)(b) of the Local Government Act 1972",
                                "Local Government Act 1972", LEG + "1972/70/section/100B")]


# -- 4. "(section 7)" of the report ------------------------------------------------------------

def test_parenthesised_section_in_a_list_noting_a_report_is_not_law():
    text = ("Children and Social Work Act 2017\n\nRESOLVED\n\nTo note the Annual Report and in particular:\n\n"
            "  1. The recruitment of social workers (section 7);\n\n  2. Placements out of area (paragraphs 6.28 and 6.30).\n")
    assert cites(text) == [("Children and Social Work Act 2017", "Children and Social Work Act 2017", LEG + "2017/16")]


def test_parenthesised_section_beside_a_paragraph_reference_is_not_law():
    text = "Care Act 2014\n\nThe risks were noted (paragraph 6.17) and the workforce plan agreed (section 7)."
    assert cites(text) == [("Care Act 2014", "Care Act 2014", LEG + "2014/23")]


def test_parenthesised_section_in_ordinary_prose_keeps_the_context_act():
    assert cites("Care Act 2014\n\nCarers may ask for an assessment (section 10).")[1:] == [
        ("section 10", "Care Act 2014", LEG + "2014/23/section/10")]


# -- 5. the nearest Act context wins over document-wide evidence -------------------------------

def test_heading_act_beats_the_same_number_cited_elsewhere_with_another_act():
    text = ("Children and Social Work Act 2017\n\n- S.17 places a duty on the safeguarding partners.\n\n"
            "Other duties\n\nThe Council assesses children under s.17 of the Children Act 1989.\n")
    assert [(q, i) for q, _, i in cites(text) if i and "/section/" in i] == [
        ("S.17", LEG + "2017/16/section/17"), ("s.17 of the Children Act 1989", LEG + "1989/41/section/17")]


def test_act_earlier_in_the_sentence_beats_the_heading():
    text = "Care Act 2014\n\nThe Children and Families Act 2014 made s.19 a general principle."
    assert cites(text)[-1] == ("s.19", "Children and Families Act 2014", LEG + "2014/6/section/19")


def test_an_act_named_after_the_section_in_its_sentence_is_not_its_context():
    text = "Children and Social Work Act 2017\n\nS.30 removes sections from the Children Act 2004."
    assert cites(text)[1] == ("S.30", "Children and Social Work Act 2017", LEG + "2017/16/section/30")


# -- 6. surnames that are common nouns ---------------------------------------------------------

def test_titled_names_keep_a_surname_that_is_a_common_noun():
    people = [(p.name, p.kind) for p in find_people(
        "Councillor Carol Foster asked about placements. Cllr West agreed. Mrs Ann North observed.")]
    assert people == [("Carol Foster", "councillor"), ("West", "councillor"), ("Ann North", "unknown")]


def test_untitled_surname_nouns_count_only_last_after_a_first_name():
    people = [p.name for p in find_people("Linda Foster, Head of Early Help, replied. Foster Carers said thanks. "
                                          "Cllr Al Roe, Portfolio Holder for Children and Young People, noted it.")]
    assert people == ["Linda Foster", "Al Roe"]


# -- 7. multi-word post titles -----------------------------------------------------------------

def test_post_after_a_comma_is_taken_whole():
    people = [(p.name, p.role, p.kind) for p in find_people("Jo Bloggs, Principal Social Worker, replied that it was.")]
    assert people == [("Jo Bloggs", "Principal Social Worker", "officer")]


def test_post_alone_after_the_is_taken_whole():
    people = [(p.name, p.role) for p in find_people(
        "The Principal Social Worker replied. The Senior Practice Lead explained. The Finance Business Partner added.")]
    assert people == [(None, "Principal Social Worker"), (None, "Senior Practice Lead"), (None, "Finance Business Partner")]


def test_a_named_post_holder_answers_a_question():
    text = "Councillor Ann Bee asked how many carers there were.\nJo Bloggs, Principal Social Worker, replied that there were 12."
    ex = extract(SourceText("x", Path("x.txt"), text, "0" * 64, DocMeta()), build_gazetteer(None))
    assert [(q.asker, q.answerer) for q in ex.questions] == [("ann bee", "jo bloggs")]


# -- 8. rates are not counts -------------------------------------------------------------------

def test_the_base_of_a_rate_is_not_a_count():
    text = "Referrals rose to 248 per 10,000 children; 1 in every 100 children and 3 per 1,000 young people."
    assert find_figures(text, []) == []
    assert [(f.value, f.measures) for f in find_figures("Referrals reached 248 children per month.", [])] == [
        ("248", "children")]
