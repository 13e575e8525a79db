"""Each finder on short texts written for the case, including texts no seed contains."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest.acts import load_act_table
from kg.ingest.amounts import find_amounts, find_figures
from kg.ingest.bodies import find_bodies
from kg.ingest.dates import find_dates
from kg.ingest.decisions import find_decisions
from kg.ingest.extract import extract
from kg.ingest.gazetteer import build_gazetteer
from kg.ingest.legislation import find_citations
from kg.ingest.model import SourceText
from kg.ingest.people import find_people
from kg.ingest.topics import topics_for

LEG = "http://www.legislation.gov.uk/id/ukpga/"
KGID = "https://w3id.org/csckg/id/"
ACTS = load_act_table(None)


def cites(text: str, title: str | None = None) -> list[tuple[str, str | None]]:
    return [(text[c.span.start:c.span.end], c.iri) for c in find_citations(text, ACTS, title)]


def test_section_of_named_act():
    assert cites("They used section 17 of the Children Act 1989 here.") == [
        ("section 17 of the Children Act 1989", LEG + "1989/41/section/17")]


def test_bare_sections_take_the_heading_act_not_a_later_mention():
    text = "Children and Social Work Act\n\nUnder s2 councils publish a local offer under the Children Act 1989. Advisers to 25 (s. 3)."
    assert cites(text) == [("Children and Social Work Act", LEG + "2017/16"), ("s2", LEG + "2017/16/section/2"),
                           ("Children Act 1989", LEG + "1989/41"), ("s. 3", LEG + "2017/16/section/3")]


def test_of_the_act_means_the_context_act():
    text = "Care Act 2014 update\n\nS.42 enquiries continue; s.14 of the Act applies."
    assert [i for _, i in cites(text)] == [LEG + "2014/23", LEG + "2014/23/section/42", LEG + "2014/23/section/14"]


def test_report_sections_and_paragraphs_are_not_law():
    assert cites("See section 4.4 of the report, section 7 of the report and paragraph 6.17.") == []
    assert cites("The workforce plan (section 7).") == []


def test_section_47_enquiries_without_any_act_is_children_act_1989():
    assert cites("The rate of Section 47 enquiries rose.") == [("Section 47", LEG + "1989/41/section/47")]


def test_whole_act_bill_and_unknown_act():
    found = find_citations("The Children and Families Act 2014, the Schools and Children's Wellbeing Bill "
                           "and the Local Government Finance Act 1992.", ACTS, None)
    assert [(c.act, c.section, c.iri) for c in found] == [
        ("Children and Families Act 2014", None, LEG + "2014/6"),
        ("Children's Wellbeing and Schools Bill", None, KGID + "bill/childrens-wellbeing-and-schools-bill"),
        ("Local Government Finance Act 1992", None, None)]


def test_money_values_and_purposes():
    text = "A budget of £1.2m for residential placements, £500k of grant and £2,500.50 towards travel."
    assert [(a.value, a.purpose) for a in find_amounts(text)] == [
        ("1200000", "residential placements"), ("500000", "grant"), ("2500.5", "travel")]


def test_figures_skip_years_ages_and_paragraphs():
    text = "In 2019, 120 children in care were placed (paragraph 6 and 12 months). Young people up to 25 were helped."
    assert [(f.value, f.measures) for f in find_figures(text, [])] == [("120", "children")]


def test_people_kinds_and_merging():
    text = ("County Councillor Jane Smith asked a question. Cllr Cawley- Harrison said yes. "
            "Cllr Cawley-Harrison agreed. Councillor Smith asked again. Tom Price, Head of Service for "
            "Children in Care, explained the plan. Professor Ann Lee observed. The Director of Children's "
            "Services replied that it was fine.")
    people = {(p.name, p.role, p.kind, len(p.mentions)) for p in find_people(text)}
    assert people == {
        ("Jane Smith", None, "councillor", 1), ("Cawley-Harrison", None, "councillor", 1),
        ("Tom Price", "Head of Service for Children in Care", "officer", 0),
        ("Ann Lee", None, "external", 0), (None, "Director of Children's Services", "officer", 0)}


def test_councillor_lists_and_role_after_name():
    text = "Councillors B Ashworth, K Lomax and T Nuttall sent apologies.\nCouncillor Ashby, Chair of the Corporate Parenting Panel told Council."
    found = [(p.name, p.role) for p in find_people(text)]
    assert found == [("B Ashworth", None), ("K Lomax", None), ("T Nuttall", None),
                     ("Ashby", "Chair of the Corporate Parenting Panel")]


def test_decisions_numbered_lettered_and_inline():
    text = ("Minutes:\nRESOLVED – That the report be noted.\n\nResolved:\na) That the plan be agreed.\n"
            "b) That officers report back.\nSupporting documents:\n"
            "It was agreed that the amendments would be made.\n"
            "The Committee is asked to:\nNote the contents of the report.")
    assert [(d.text, d.decision_type) for d in find_decisions(text)] == [
        ("That the report be noted.", "noted"), ("That the plan be agreed.", "resolved"),
        ("That officers report back.", "resolved")]


def test_dates_uk_order_and_invalid_dates():
    assert [d.iso for d in find_dates("Held 4th July 2017, 13/10/2020 and 31/02/2020; Wednesday, 1st July, 2020.")] == [
        "2017-07-04", "2020-10-13", "2020-07-01"]


def test_empty_curated_folders_give_a_working_gazetteer(tmp_path: Path):
    for folder in ("bodies", "councils", "duties", "legislation"):
        (tmp_path / folder).mkdir()
    gaz = build_gazetteer(tmp_path)
    found = find_bodies("The LSCB and the MASH met the Widget Review Board.", gaz, "Xshire Council",
                        KGID + "body/xshire-council", None, None, [])
    assert [(b.name, b.iri, b.matched) for b in found] == [
        ("LSCB", KGID + "body/local-safeguarding-children-boards", True),
        ("MASH", KGID + "body/multi-agency-safeguarding-hubs", True),
        ("Widget Review Board", KGID + "body/xshire-council/widget-review-board", False)]


def test_a_quoted_title_is_not_part_of_a_body_name():
    found = find_bodies("It considered minute 31 ‘Financial Monitoring Statement’ of the Corporate Parenting Panel "
                        "and the Young Carers’ Partnership.", build_gazetteer(None), "Xshire Council",
                        KGID + "body/xshire-council", None, None, [])
    assert [(b.name, b.iri) for b in found] == [
        ("Corporate Parenting Panel", KGID + "body/xshire-council/corporate-parenting-panel"),
        ("Young Carers’ Partnership", KGID + "body/xshire-council/young-carers-partnership")]


def test_a_forum_named_council_is_a_local_body_not_an_authority():
    found = find_bodies("The Children in Care Council met Otherby Borough Council and the Vale of Testing Council.",
                        build_gazetteer(None), "Xshire Council", KGID + "body/xshire-council", None, None, [])
    assert [(b.name, b.iri) for b in found] == [
        ("Children in Care Council", KGID + "body/xshire-council/children-in-care-council"),
        ("Otherby Borough Council", KGID + "body/otherby-borough-council"),
        ("Vale of Testing Council", KGID + "body/vale-of-testing-council")]


def test_curated_bodies_and_duties_are_read(tmp_path: Path):
    (tmp_path / "bodies").mkdir()
    (tmp_path / "duties").mkdir()
    (tmp_path / "bodies" / "b.ttl").write_text(
        "@prefix kg: <https://w3id.org/csckg/def/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/csckg/id/body/gadget-trust> a kg:StatutoryBody ; skos:prefLabel \"Gadget Trust\"@en ;"
        " skos:altLabel \"GT\"@en , \"the Trust\"@en .\n", encoding="utf-8")
    (tmp_path / "duties" / "d.ttl").write_text(
        "@prefix kg: <https://w3id.org/csckg/def/> .\n"
        "<https://w3id.org/csckg/id/duty/ukpga-2017-16-s2-local-offer> a kg:Duty .\n", encoding="utf-8")
    gaz = build_gazetteer(tmp_path)
    assert [(s, i) for _, _, s, i in gaz.find("GT and the Trust and Gadget Trust")] == [
        ("GT", KGID + "body/gadget-trust"), ("Gadget Trust", KGID + "body/gadget-trust")]
    assert topics_for("the local offer and personal advisers up to 25", gaz.has_duty) == [
        LEG + "2017/16/section/3", KGID + "duty/ukpga-2017-16-s2-local-offer", LEG + "2017/16/section/2"]


def test_broken_curated_file_is_a_warning_not_a_crash(tmp_path: Path):
    (tmp_path / "bodies").mkdir()
    (tmp_path / "bodies" / "bad.ttl").write_text("this is not turtle", encoding="utf-8")
    gaz = build_gazetteer(tmp_path)
    assert len(gaz.warnings) == 1 and "bad.ttl" in gaz.warnings[0]
    from kg.errors import KgError
    with pytest.raises(KgError, match="bad.ttl"):
        build_gazetteer(tmp_path, strict=True)


def test_document_without_council_or_sidecar_still_extracts():
    source = SourceText("x", Path("x.txt"), "Councillor Ann Bee asked about the LSCB.\nRESOLVED to note the report.",
                        "0" * 64, __import__("kg.ingest.model", fromlist=["DocMeta"]).DocMeta())
    ex = extract(source, build_gazetteer(None))
    assert ex.council_iri is None and ex.committee_iri is None
    assert [d.text for d in ex.decisions] == ["RESOLVED to note the report."]
    assert [q.asker for q in ex.questions] == ["ann bee"]


def test_money_purpose_before_or_as_a_noun_after():
    text = "Controls included vacancy savings of about £0.9m a year and a forecast £912,000 overspend; £142,000 per annum."
    assert [(a.value, a.purpose) for a in find_amounts(text)] == [
        ("900000", "vacancy savings"), ("912000", "overspend"), ("142000", None)]


def test_guidance_is_not_legislation():
    assert cites("Working Together to Safeguard Children 2018 is statutory guidance; see paragraph 6.17.") == []
