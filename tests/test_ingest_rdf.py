"""The RDF of an extraction: README shape, provenance on every node, stable on re-run, SHACL-clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF, XSD

from kg.ingest.extract import extract
from kg.ingest.gazetteer import build_gazetteer
from kg.ingest.model import DocMeta, SourceText
from kg.ingest.reader import read_document
from kg.ingest.to_rdf import extraction_to_graph
from kg.namespaces import KG, KGC, KGID, OA, SCHEMA

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "minutes").glob("*.txt"))
DOC0 = URIRef(KGID + "doc/000_55c1815c05f2b0c9")


def graph_for(path: Path) -> Graph:
    return extraction_to_graph(extract(read_document(path), build_gazetteer(None)))


@pytest.fixture(scope="module")
def g0() -> Graph:
    return graph_for(SEEDS[0])


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_second_run_is_isomorphic_and_identical(path):
    first, second = graph_for(path), graph_for(path)
    assert isomorphic(first, second)
    assert set(first) == set(second)  # no blank nodes: literally the same triples
    assert not any(isinstance(t, __import__("rdflib").BNode) for triple in first for t in triple)


def test_document_node(g0):
    text = read_document(SEEDS[0]).text
    assert (DOC0, RDF.type, KG.SourceDocument) in g0
    assert g0.value(DOC0, KG.text) == Literal(text)
    assert str(g0.value(DOC0, KG.sha256)) == read_document(SEEDS[0]).sha256
    assert g0.value(DOC0, __import__("rdflib").namespace.DCTERMS.publisher) == URIRef(KGID + "body/bath-and-north-east-somerset-council")
    meeting = URIRef(KGID + "meeting/bath-and-north-east-somerset-council/"
                     "children-and-young-people-policy-development-and-scrutiny-panel/2018-09-18")
    assert g0.value(DOC0, KG.aboutMeeting) == meeting
    assert g0.value(meeting, SCHEMA.startDate) == Literal("2018-09-18", datatype=XSD.date)
    assert (URIRef(f"{meeting}/item/38"), SCHEMA.superEvent, meeting) in g0


def test_every_extracted_node_has_provenance_and_spans_quote_the_text(g0):
    text = read_document(SEEDS[0]).text
    derived = set(g0.subjects(PROV.wasDerivedFrom, None))
    assert len(derived) > 50
    for node in derived:
        assert g0.value(node, PROV.hadPrimarySource) == DOC0
        assert g0.value(node, KG.status) == KGC["status-extracted"]
        span = g0.value(node, PROV.wasDerivedFrom)
        assert str(span).startswith(f"{DOC0}/span/")
        position, quote = URIRef(f"{span}/position"), URIRef(f"{span}/quote")
        start, end = int(g0.value(position, OA.start)), int(g0.value(position, OA.end))
        assert str(g0.value(quote, OA.exact)) == text[start:end]
        assert str(span).endswith(f"/span/{start}-{end}")
        assert g0.value(span, OA.hasSource) == DOC0


def test_money_question_answer_and_decision(g0):
    amount = URIRef(f"{DOC0}/amount/1")
    assert g0.value(amount, SCHEMA.value) == Literal("7292", datatype=XSD.decimal)
    assert str(g0.value(amount, SCHEMA.currency)) == "GBP"
    assert str(g0.value(amount, KG.purpose)) == "new burdens funding"
    q2 = URIRef(f"{DOC0}/question/2")
    assert g0.value(q2, KG.askedBy) == URIRef(KGID + "person/bath-and-north-east-somerset-council/liz-hardman")
    answer = URIRef(f"{DOC0}/answer/2")
    assert g0.value(answer, KG.answers) == q2
    assert g0.value(answer, KG.answeredBy) == URIRef(KGID + "post/bath-and-north-east-somerset-council/corporate-director")
    assert URIRef("http://www.legislation.gov.uk/id/ukpga/2017/16/section/2") in set(g0.objects(q2, KG.about))
    decision = URIRef(f"{DOC0}/decision/1")
    assert g0.value(decision, KG.decisionType) == KGC["decision-type-noted"]
    assert g0.value(decision, KG.madeAt) == URIRef(KGID + "meeting/bath-and-north-east-somerset-council/"
                                                   "children-and-young-people-policy-development-and-scrutiny-panel/2018-09-18/item/38")


def test_unknown_body_is_flagged_and_citations_point_at_legislation():
    g = graph_for(SEEDS[0])
    board = URIRef(KGID + "body/bath-and-north-east-somerset-council/school-standards-board")
    assert g.value(board, KG.unmatched) == Literal(True)
    g2 = graph_for(SEEDS[2])
    cited = {str(o) for s in g2.subjects(RDF.type, KG.LegislationCitation) for o in g2.objects(s, KG.mentions)}
    assert cited == {"http://www.legislation.gov.uk/id/ukpga/1989/41/section/47"}
    bill = URIRef(KGID + "bill/children-and-social-work-bill")
    assert any(g2.triples((None, KG.mentions, bill)))


def test_document_with_nothing_known_still_gives_a_graph():
    source = SourceText("bare", Path("bare.txt"), "The Chair asked a question.\nRESOLVED to note it.", "0" * 64, DocMeta())
    g = extraction_to_graph(extract(source, build_gazetteer(None)))
    meeting = URIRef(KGID + "meeting/unknown/unknown/unknown")
    assert (URIRef(KGID + "doc/bare"), KG.aboutMeeting, meeting) in g
    assert (URIRef(KGID + "doc/bare/decision/1"), RDF.type, KG.Decision) in g
    assert (URIRef(KGID + "post/unknown/chair"), RDF.type, PROV.Agent) in g


@pytest.mark.parametrize("path", [SEEDS[1], SEEDS[4]], ids=lambda p: p.stem)
def test_seed_graphs_pass_shacl_alone(path):
    """Built-in gazetteer, no curated data: only the council's own node is missing (it is curated)."""
    validate = pytest.importorskip("kg.validate").validate
    g = graph_for(path)
    own = set(g.subjects())
    bad = [r for r in validate(g).results if r.severity == "Violation" and r.focus in own]
    assert [r.source_shape for r in bad if r.source_shape != "kgsh:Post-postIn"] == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_graphs_pass_shacl_with_curated_data(path):
    """What ingest does: curated gazetteer, validated with the curated nodes the graph points at."""
    pytest.importorskip("kg.validate")
    from kg.ingest.pipeline import DATA_DIR, ONTOLOGY, check_graph, curated_context
    gaz = build_gazetteer(DATA_DIR, ONTOLOGY)
    g = extraction_to_graph(extract(read_document(path), gaz))
    check_graph(g, curated_context(DATA_DIR, []), str(path))  # raises KgError on a violation


def test_check_graph_rejects_a_broken_extraction():
    pytest.importorskip("kg.validate")
    from rdflib.namespace import DCTERMS

    from kg.errors import KgError
    from kg.ingest.pipeline import check_graph
    g = graph_for(SEEDS[4])
    g.remove((URIRef(KGID + "doc/004_716b7456e7929a64/decision/1"), DCTERMS.description, None))
    with pytest.raises(KgError, match=r"004\.txt: extracted graph fails SHACL"):
        check_graph(g, Graph(), "004.txt")
