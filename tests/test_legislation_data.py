"""The curated legislation graph (data/legislation/*.ttl): it parses, it is well formed, and it
says exactly what was curated from /work/shared/reference/legislation-facts.md."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

ROOT = Path(__file__).resolve().parent.parent
LEG_DIR = ROOT / "data" / "legislation"
FILES = sorted(LEG_DIR.glob("*.ttl"))

KG = Namespace("https://w3id.org/csckg/def/")
KGC = Namespace("https://w3id.org/csckg/concept/")
KGID = Namespace("https://w3id.org/csckg/id/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
LEG = Namespace("http://www.legislation.gov.uk/def/legislation/")
ID = "http://www.legislation.gov.uk/id/ukpga/"

CSWA = URIRef(ID + "2017/16")
CA89 = URIRef(ID + "1989/41")
CA04 = URIRef(ID + "2004/31")
CWSA = URIRef(ID + "2026/21")
HCA = URIRef(ID + "2022/31")

ID_PATTERN = re.compile(r"^http://www\.legislation\.gov\.uk/id/(ukpga)/\d{4}/\d+(/.*)?$")
CONFIDENCES = {KGC["confidence-confirmed"], KGC["confidence-secondary"], KGC["confidence-inferred"]}
EFFECTS = (KG.inserts, KG.substitutes, ELI.amends, ELI.repeals)


def sec(act: URIRef, number: str) -> URIRef:
    return URIRef(f"{act}/section/{number}")


def d(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


@pytest.fixture(scope="module")
def g() -> Graph:
    graph = Graph()
    for path in FILES:
        graph.parse(path, format="turtle")
    return graph


def subdivisions(g: Graph) -> set:
    return set(g.subjects(RDF.type, ELI.LegalResourceSubdivision))


def acts(g: Graph) -> set:
    return set(g.subjects(RDF.type, KG.Act))


# ---------------------------------------------------------------- files


def test_expected_files_exist():
    names = {p.name for p in FILES}
    assert {
        "cswa-2017.ttl", "children-act-1989.ttl", "children-act-2004.ttl",
        "children-and-families-act-2014.ttl", "cyp-act-2008.ttl", "health-and-care-act-2022.ttl",
        "care-act-2014.ttl", "cwsa-2026.ttl",
    } <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_parses_with_pyoxigraph(path: Path):
    triples = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) > 0


# ---------------------------------------------------------------- structure


def test_every_subdivision_is_in_an_act_in_the_data_and_part_of_something_in_the_data(g):
    known = acts(g) | subdivisions(g)
    for s in subdivisions(g):
        in_acts = list(g.objects(s, KG.inAct))
        assert len(in_acts) == 1, s
        assert in_acts[0] in acts(g), s
        assert str(s).startswith(str(in_acts[0]) + "/"), s
        parents = list(g.objects(s, ELI.is_part_of))
        assert len(parents) == 1, s
        assert parents[0] in known, s
        assert (parents[0], ELI.has_part, s) in g, s


def test_every_act_and_subdivision_has_a_source_and_one_confidence(g):
    for s in acts(g) | subdivisions(g) | set(g.subjects(RDF.type, KG.Bill)):
        assert list(g.objects(s, DCTERMS.source)), s
        confidences = list(g.objects(s, KG.confidence))
        assert len(confidences) == 1 and confidences[0] in CONFIDENCES, s


def test_every_legislation_iri_matches_the_identifier_pattern(g):
    # Nodes and effect targets; dct:source values are the pages read (document URIs), not nodes.
    iris = {t for s, p, o in g for t in (s, p, o)
            if isinstance(t, URIRef) and str(t).startswith("http://www.legislation.gov.uk/")
            and not str(t).startswith(str(LEG)) and not (t == o and p == DCTERMS.source)}
    assert iris
    bad = sorted(str(i) for i in iris if not ID_PATTERN.match(str(i)))
    assert bad == []


def test_acts_have_the_required_fields(g):
    for a in acts(g):
        assert (a, RDF.type, ELI.LegalResource) in g
        assert (a, RDF.type, LEG.UnitedKingdomPublicGeneralAct) in g
        year, chapter = str(a).rsplit("/", 2)[-2:]
        assert g.value(a, ELI.id_local) == Literal(f"{year} c. {chapter}")
        title = g.value(a, DCTERMS.title)
        assert title.language == "en" and title.endswith(year)


def test_sections_have_number_and_citation(g):
    for s in g.subjects(RDF.type, KG.Section):
        number = str(g.value(s, ELI.number))
        assert str(s).endswith(f"/section/{number}"), s
        act_title = g.value(g.value(s, KG.inAct), DCTERMS.title)
        assert g.value(s, DCTERMS.bibliographicCitation) == Literal(f"{act_title}, s. {number}")


def test_dates_are_xsd_dates(g):
    for p in (ELI.date_document, ELI.first_date_entry_in_force, ELI.date_no_longer_in_force, KG.introducedOn):
        for o in g.objects(None, p):
            assert o.datatype == XSD.date, (p, o)


def test_effect_targets_exist_in_the_data(g):
    known = subdivisions(g)
    for p in EFFECTS:
        for s, o in g.subject_objects(p):
            assert s in known and o in known, (s, p, o)


# ---------------------------------------------------------------- Children and Social Work Act 2017


CSWA_SECTIONS = list(range(1, 31)) + list(range(33, 45)) + [48, 64, 65, 70]


def test_cswa_sections_are_exactly_the_curated_list(g):
    numbers = sorted(int(g.value(s, ELI.number)) for s in g.subjects(RDF.type, KG.Section)
                     if g.value(s, KG.inAct) == CSWA)
    assert numbers == CSWA_SECTIONS


def test_cswa_act(g):
    assert g.value(CSWA, DCTERMS.title) == Literal("Children and Social Work Act 2017", lang="en")
    assert g.value(CSWA, ELI.date_document) == d("2017-04-27")
    assert Literal("Children and Social Work Act", lang="en") in set(g.objects(CSWA, SKOS.altLabel))
    parts = sorted(str(p) for p in g.objects(CSWA, ELI.has_part) if (p, RDF.type, KG.Part) in g)
    assert parts == [f"{CSWA}/part/{n}" for n in (1, 2, 3)]


def test_cswa_s3_inserts_ca1989_s23czb_and_is_in_force_1_april_2018(g):
    s3 = sec(CSWA, "3")
    assert (s3, KG.inserts, sec(CA89, "23CZB")) in g
    assert g.value(s3, ELI.first_date_entry_in_force) == d("2018-04-01")
    assert g.value(s3, DCTERMS.title) == Literal("Advice and support", lang="en")
    assert g.value(s3, ELI.is_part_of) == URIRef(f"{CSWA}/part/1/chapter/1")


def test_cswa_s30_repeals_exactly_ca2004_ss13_to_16_on_secondary_evidence(g):
    s30 = sec(CSWA, "30")
    assert set(g.objects(s30, ELI.repeals)) == {sec(CA04, n) for n in ("13", "14", "15", "16")}
    assert g.value(s30, KG.confidence) == KGC["confidence-secondary"]
    assert g.value(s30, DCTERMS.title) is None
    for n in ("13", "14", "15", "16"):
        assert g.value(sec(CA04, n), ELI.date_no_longer_in_force) is None


def test_cswa_chapter_2_inserts_ca2004_16a_to_16q_one_each(g):
    letters = "ABCDEFGHIJKLMNOPQ"
    for n, letter in zip(range(12, 29), letters):
        assert set(g.objects(sec(CSWA, str(n)), KG.inserts)) == {sec(CA04, "16" + letter)}, n


def test_cswa_ss19_to_22_are_inferred_and_untitled(g):
    for n, target in zip(("19", "20", "21", "22"), ("16H", "16I", "16J", "16K")):
        for node in (sec(CSWA, n), sec(CA04, target)):
            assert g.value(node, KG.confidence) == KGC["confidence-inferred"], node
            assert g.value(node, DCTERMS.title) is None, node


def test_cswa_other_effects(g):
    assert set(g.objects(sec(CSWA, "4"), KG.inserts)) == {sec(CA89, "23ZZA")}
    assert set(g.objects(sec(CSWA, "8"), ELI.amends)) == {sec(CA89, "31")}
    assert set(g.objects(sec(CSWA, "9"), ELI.amends)) == {sec(URIRef(ID + "2002/38"), "1")}
    assert set(g.objects(sec(CSWA, "29"), ELI.amends)) == {sec(CA04, "66")}
    assert set(g.objects(sec(CSWA, "7"), ELI.amends)) == {sec(URIRef(ID + "2008/23"), "20")}


def test_cswa_commencement_dates(g):
    expected = {"1": "2018-04-01", "8": "2017-10-31", "10": "2017-04-27", "12": "2018-06-29",
                "16": "2018-03-19", "33": "2017-10-31", "36": "2018-04-01", "70": "2017-04-27"}
    for n, day in expected.items():
        assert g.value(sec(CSWA, n), ELI.first_date_entry_in_force) == d(day), n


# ---------------------------------------------------------------- other Acts


def test_other_acts_core_facts(g):
    assert g.value(CA89, ELI.date_document) == d("1989-11-16")
    assert g.value(CA04, ELI.date_document) == d("2004-11-15")
    assert g.value(HCA, ELI.date_document) == d("2022-04-28")
    assert g.value(HCA, ELI.id_local) == Literal("2022 c. 31")
    assert g.value(CWSA, ELI.date_document) == d("2026-04-29")
    assert g.value(CWSA, ELI.id_local) == Literal("2026 c. 21")
    assert g.value(sec(CA04, "18"), DCTERMS.title) == Literal("Director of children's services", lang="en")
    assert g.value(sec(CA04, "19"), DCTERMS.title) == Literal("Lead member for children's services", lang="en")
    assert g.value(sec(CA89, "47"), ELI.first_date_entry_in_force) == d("1991-10-14")


def test_ca1989_subsections_of_section_22(g):
    for sub in ("3A", "3B"):
        node = URIRef(f"{sec(CA89, '22')}/{sub}")
        assert g.value(node, ELI.is_part_of) == sec(CA89, "22")
        assert g.value(node, KG.inAct) == CA89
        assert g.value(node, ELI.number) == Literal(sub)
    cfa99 = sec(URIRef(ID + "2014/6"), "99")
    assert set(g.objects(cfa99, KG.inserts)) == {URIRef(f"{sec(CA89, '22')}/3B"), URIRef(f"{sec(CA89, '22')}/3C")}
    assert set(g.objects(sec(URIRef(ID + "2014/6"), "98"), KG.inserts)) == {sec(CA89, "23CZA")}


def test_cwsa_2026_effects(g):
    assert set(g.objects(sec(CWSA, "1"), KG.inserts)) == {sec(CA89, "31ZA")}
    assert set(g.objects(sec(CWSA, "3"), KG.inserts)) == {sec(CA04, "16EA")}
    assert set(g.objects(sec(CWSA, "7"), KG.inserts)) == {sec(CA89, "23CZAA")}
    assert set(g.objects(sec(CWSA, "8"), ELI.amends)) == {sec(CSWA, "2")}
    assert set(g.objects(sec(CWSA, "2"), ELI.amends)) == {sec(CA04, "16E"), sec(CA04, "66")}
    cwsa_sections = sorted(int(g.value(s, ELI.number)) for s in g.subjects(KG.inAct, CWSA)
                           if (s, RDF.type, KG.Section) in g)
    assert cwsa_sections == [1, 2, 3, 4, 6, 7, 8, 72, 78]


# ---------------------------------------------------------------- Bills


def test_bills_became_acts(g):
    cws_bill = KGID["bill/childrens-wellbeing-and-schools-bill"]
    csw_bill = KGID["bill/children-and-social-work-bill"]
    assert set(g.subjects(RDF.type, KG.Bill)) == {cws_bill, csw_bill}
    assert g.value(cws_bill, KG.becameAct) == CWSA
    assert g.value(cws_bill, KG.introducedOn) == d("2024-12-17")
    assert g.value(cws_bill, DCTERMS.title) == Literal("Children's Wellbeing and Schools Bill", lang="en")
    assert Literal("Schools and Children's Wellbeing Bill", lang="en") in set(g.objects(cws_bill, SKOS.altLabel))
    assert g.value(csw_bill, KG.becameAct) == CSWA
    assert g.value(csw_bill, KG.introducedOn) == d("2016-05-19")
    assert g.value(csw_bill, KG.confidence) == KGC["confidence-secondary"]


def test_aliases_are_unique_across_the_legislation_graph(g):
    labels = {}
    for s, label in g.subject_objects(SKOS.altLabel):
        labels.setdefault(str(label).replace("\u2019", "'").casefold(), set()).add(s)
    for s, title in g.subject_objects(DCTERMS.title):
        if (s, RDF.type, KG.Act) in g or (s, RDF.type, KG.Bill) in g:
            labels.setdefault(str(title).casefold(), set()).add(s)
    clashes = {k: v for k, v in labels.items() if len(v) > 1}
    assert clashes == {}


def test_no_comments_without_language(g):
    for o in g.objects(None, RDFS.comment):
        assert o.language == "en"
