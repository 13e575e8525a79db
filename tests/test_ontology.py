"""The ontology files parse, document every term, match the README contract, and render.

The README coverage test is the docs-coverage rule: a kg: term mentioned in the model contract
but missing from kg.ttl would leave the web UI and the documentation page without a label.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.docs import load_ontology, ontology_files, render_ontology_html, write_ontology_html
from kg.errors import KgError
from kg.namespaces import KG, KGC

ROOT = Path(__file__).resolve().parents[1]
KG_TTL = ROOT / "ontology" / "kg.ttl"
VOCAB = ROOT / "ontology" / "vocab"
README = ROOT / "ontology" / "README.md"
ONTOLOGY_IRI = URIRef(str(KG))
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
# Plain IRIs, not rdflib's XSD namespace: pytest probes module globals and XSD warns on that.
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_NON_NEGATIVE = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
N_CLASSES, N_OBJECT_PROPERTIES, N_DATATYPE_PROPERTIES = 33, 29, 18

MY_SCHEMES = {
    "modality.ttl": ("modality", ["duty", "have-regard", "power", "prohibition"]),
    "inference.ttl": ("inference", ["explicit", "implicit"]),
    "confidence.ttl": ("confidence", ["confirmed", "inferred", "secondary"]),
    "status.ttl": ("status", ["curated", "disputed", "extracted", "reviewed"]),
    "decision-type.ttl": ("decision-type", ["agreed", "noted", "resolved"]),
    "event-type.ttl": ("event-type", ["abolition", "establishment", "replacement",
                                      "transfer-of-functions"]),
}


def _parse(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


@pytest.fixture(scope="module")
def kg_graph() -> Graph:
    return _parse(KG_TTL)


@pytest.fixture(scope="module")
def full_graph() -> Graph:
    return load_ontology()


def _kg_subjects(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(KG))
            and s != ONTOLOGY_IRI}


@pytest.mark.parametrize("path", ontology_files(ROOT), ids=lambda p: p.name)
def test_file_parses_with_pyoxigraph(path: Path) -> None:
    triples = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(_parse(path))
    assert len(triples) > 0


def test_ontology_header(kg_graph: Graph) -> None:
    assert list(kg_graph.subjects(RDF.type, OWL.Ontology)) == [ONTOLOGY_IRI]
    for predicate in (URIRef("http://purl.org/dc/terms/title"),
                      URIRef("http://purl.org/dc/terms/description"),
                      OWL.versionInfo, URIRef("http://purl.org/dc/terms/license")):
        assert len(list(kg_graph.objects(ONTOLOGY_IRI, predicate))) == 1, predicate
    assert not list(kg_graph.objects(None, OWL.imports))


def test_every_kg_term_is_documented(kg_graph: Graph) -> None:
    problems = []
    for term in sorted(_kg_subjects(kg_graph)):
        labels = list(kg_graph.objects(term, RDFS.label))
        comments = list(kg_graph.objects(term, RDFS.comment))
        if len(labels) != 1 or labels[0].language != "en":
            problems.append(f"{term}: {len(labels)} labels")
        if not comments or any(c.language != "en" for c in comments):
            problems.append(f"{term}: no English comment")
        if list(kg_graph.objects(term, RDFS.isDefinedBy)) != [ONTOLOGY_IRI]:
            problems.append(f"{term}: rdfs:isDefinedBy is not the ontology")
        if not any((term, RDF.type, t) in kg_graph for t in TERM_TYPES):
            problems.append(f"{term}: not declared as a class or property")
    assert problems == []


def test_every_kg_term_in_readme_is_declared(kg_graph: Graph) -> None:
    mentioned = set(re.findall(r"\bkg:([A-Za-z][A-Za-z0-9_]*)", README.read_text(encoding="utf-8")))
    declared = {str(t)[len(str(KG)):] for t in _kg_subjects(kg_graph)}
    assert sorted(mentioned - declared) == []  # named in the contract, missing from kg.ttl
    assert sorted(declared - mentioned) == []  # in kg.ttl, but the contract never says how


def test_external_terms_carry_labels_defined_elsewhere(kg_graph: Graph) -> None:
    external = {s for t in (*TERM_TYPES, OWL.AnnotationProperty, RDF.Property)
                for s in kg_graph.subjects(RDF.type, t) if not s.startswith(str(KG))}
    readme_curies = {"org:Post", "org:reportsTo", "eli:is_part_of", "dct:title", "skos:prefLabel",
                     "prov:hadPrimarySource", "oa:hasSelector", "schema:MonetaryAmount"}
    names = {kg_graph.namespace_manager.normalizeUri(t) for t in external}
    assert readme_curies <= names
    for term in external:
        assert len(list(kg_graph.objects(term, RDFS.label))) == 1, term
        defined_by = list(kg_graph.objects(term, RDFS.isDefinedBy))
        assert len(defined_by) == 1 and defined_by[0] != ONTOLOGY_IRI, term


@pytest.mark.parametrize(("term", "superterm"), [
    (KG.Section, URIRef("http://data.europa.eu/eli/ontology#LegalResourceSubdivision")),
    (KG.Act, URIRef("http://data.europa.eu/eli/ontology#LegalResource")),
    (KG.Committee, URIRef("http://www.w3.org/ns/org#OrganizationalUnit")),
    (KG.LifecycleEvent, URIRef("http://www.w3.org/ns/org#ChangeEvent")),
    (KG.MonetaryAmount, URIRef("https://schema.org/MonetaryAmount")),
    (KG.SourceDocument, URIRef("http://xmlns.com/foaf/0.1/Document")),
    (KG.SourceDocument, URIRef("http://www.w3.org/ns/prov#Entity")),
    (KG.Meeting, URIRef("https://schema.org/Event")),
    (KG.Regulator, KG.StatutoryBody),
    (KG.LegislationCitation, KG.Mention),
    (KG.Partnership, URIRef("http://www.w3.org/ns/org#OrganizationalCollaboration")),
])
def test_subclass_axioms(kg_graph: Graph, term: URIRef, superterm: URIRef) -> None:
    assert (term, RDFS.subClassOf, superterm) in kg_graph


def test_subproperty_and_close_match_axioms(kg_graph: Graph) -> None:
    eli_amends = URIRef("http://data.europa.eu/eli/ontology#amends")
    assert (KG.inserts, RDFS.subPropertyOf, eli_amends) in kg_graph
    assert (KG.substitutes, RDFS.subPropertyOf, eli_amends) in kg_graph
    assert (KG.post, SKOS.closeMatch, URIRef("http://www.w3.org/ns/opengov#post")) in kg_graph
    assert (KG.Duty, SKOS.closeMatch,
            URIRef("http://docs.oasis-open.org/legalruleml/ns/v1.0/Obligation")) in kg_graph
    assert (KG.ageUnder, RDFS.range, XSD_INTEGER) in kg_graph
    assert (KG.inForceFrom, RDFS.range, XSD_DATE) in kg_graph


def test_no_non_negative_integer_anywhere(full_graph: Graph) -> None:
    assert not [t for t in full_graph if XSD_NON_NEGATIVE in t
                or (isinstance(t[2], Literal) and t[2].datatype == XSD_NON_NEGATIVE)]
    for path in ontology_files(ROOT):
        assert "nonNegativeInteger" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("path", sorted(VOCAB.glob("*.ttl")), ids=lambda p: p.name)
def test_every_concept_is_in_a_scheme_with_a_label(path: Path) -> None:
    graph = _parse(path)
    concepts = set(graph.subjects(RDF.type, SKOS.Concept)) | set(graph.subjects(SKOS.inScheme, None))
    assert concepts
    for concept in concepts:
        schemes = list(graph.objects(concept, SKOS.inScheme))
        assert schemes and all((s, RDF.type, SKOS.ConceptScheme) in graph for s in schemes), concept
        labels = [lab for lab in graph.objects(concept, SKOS.prefLabel) if lab.language == "en"]
        assert len(labels) == 1, concept


@pytest.mark.parametrize("filename", sorted(MY_SCHEMES))
def test_scheme_concepts_exactly(filename: str) -> None:
    scheme_name, slugs = MY_SCHEMES[filename]
    graph = _parse(VOCAB / filename)
    scheme = KGC[scheme_name]
    assert list(graph.subjects(RDF.type, SKOS.ConceptScheme)) == [scheme]
    members = sorted(str(c) for c in graph.subjects(SKOS.inScheme, scheme))
    assert members == [f"{KGC}{scheme_name}-{slug}" for slug in slugs]
    for slug in slugs:
        concept = KGC[f"{scheme_name}-{slug}"]
        assert [str(n) for n in graph.objects(concept, SKOS.notation)] == [slug]
        assert (concept, SKOS.topConceptOf, scheme) in graph
        assert (scheme, SKOS.hasTopConcept, concept) in graph
        assert len(list(graph.objects(concept, SKOS.definition))) == 1


def test_tna_modality_mapping() -> None:
    graph = _parse(VOCAB / "modality.ttl")
    lrml = "http://docs.oasis-open.org/legalruleml/ns/v1.0/"
    found = {str(c)[len(str(KGC)):]: (str(v), str(graph.value(c, SKOS.closeMatch)))
             for c, v in graph.subject_objects(KG.tnaModality)}
    assert found == {
        "modality-duty": ("duty", lrml + "Obligation"),
        "modality-have-regard": ("duty", lrml + "Obligation"),
        "modality-power": ("power", lrml + "Permission"),
        "modality-prohibition": ("duty", lrml + "Prohibition"),
    }


class _Anchors(HTMLParser):
    """Collects (id, class) of every element with an id, and every in-page link."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[tuple[str, str]] = []
        self.hrefs: list[str] = []
        self.external_assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append((values["id"] or "", values.get("class") or ""))
        if (values.get("href") or "").startswith("#"):
            self.hrefs.append((values["href"] or "")[1:])
        if tag in ("script", "img", "link", "iframe") or values.get("src"):
            self.external_assets.append(tag)


def _anchors(html: str) -> _Anchors:
    parser = _Anchors()
    parser.feed(html)
    return parser


def test_page_has_one_anchor_per_class_and_property(full_graph: Graph) -> None:
    html = render_ontology_html(full_graph)
    parser = _anchors(html)
    ours = {str(s)[len(str(KG)):] for t in TERM_TYPES for s in full_graph.subjects(RDF.type, t)
            if str(s).startswith(str(KG))}
    reused = {s for t in (*TERM_TYPES, OWL.AnnotationProperty, RDF.Property)
              for s in full_graph.subjects(RDF.type, t) if not str(s).startswith(str(KG))}
    own_ids = [i for i, cls in parser.ids if cls == "term"]
    reused_ids = [i for i, cls in parser.ids if cls == "term reused"]
    assert len(own_ids) == len(ours) == N_CLASSES + N_OBJECT_PROPERTIES + N_DATATYPE_PROPERTIES
    for kind, count in ((OWL.Class, N_CLASSES), (OWL.ObjectProperty, N_OBJECT_PROPERTIES),
                        (OWL.DatatypeProperty, N_DATATYPE_PROPERTIES)):
        assert len([s for s in full_graph.subjects(RDF.type, kind) if str(s).startswith(str(KG))]) == count
    assert set(own_ids) == ours
    assert len(reused_ids) == len(reused)
    all_ids = [i for i, _ in parser.ids]
    assert len(all_ids) == len(set(all_ids))
    assert sorted(set(parser.hrefs) - set(all_ids)) == []
    assert parser.external_assets == []


def test_page_lists_every_scheme_and_concept(full_graph: Graph) -> None:
    parser = _anchors(render_ontology_html(full_graph))
    schemes = {i for i, cls in parser.ids if cls == "scheme"}
    concepts = {i for i, cls in parser.ids if cls == "concept"}
    expected_schemes = {"kgc-" + str(s)[len(str(KGC)):]
                        for s in full_graph.subjects(RDF.type, SKOS.ConceptScheme)}
    assert {f"kgc-{name}" for name, _ in MY_SCHEMES.values()} <= expected_schemes
    assert schemes == expected_schemes
    assert "kgc-modality-have-regard" in concepts
    assert len(concepts) == len(set(full_graph.subjects(SKOS.inScheme, None)))


def _tiny_graph(label: str) -> Graph:
    graph = Graph()
    graph.bind("kg", KG)
    graph.add((ONTOLOGY_IRI, RDF.type, OWL.Ontology))
    graph.add((KG.Thing, RDF.type, OWL.Class))
    graph.add((KG.Thing, RDFS.label, Literal(label, lang="en")))
    graph.add((KG.Thing, RDFS.comment, Literal("a & b", lang="en")))
    graph.add((KG.size, RDF.type, OWL.DatatypeProperty))
    graph.add((KG.size, RDFS.domain, KG.Thing))
    return graph


def test_page_escapes_labels() -> None:
    html = render_ontology_html(_tiny_graph("<script>alert(1)</script>"))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a &amp; b" in html
    parser = _anchors(html)
    assert [i for i, cls in parser.ids if cls == "term"] == ["Thing", "size"]
    assert '<a href="#Thing"><code>kg:Thing</code></a>' in html


def test_page_needs_exactly_one_ontology() -> None:
    graph = _tiny_graph("thing")
    graph.remove((ONTOLOGY_IRI, RDF.type, OWL.Ontology))
    with pytest.raises(KgError, match="exactly one owl:Ontology"):
        render_ontology_html(graph)


def test_write_ontology_html(tmp_path: Path) -> None:
    out = write_ontology_html(tmp_path / "site" / "ontology.html")
    assert out == tmp_path / "site" / "ontology.html"
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<section class="term" id="ageUnder">' in html
    assert "Children&#39;s social care knowledge graph ontology" in html


def test_load_ontology_names_the_bad_file(tmp_path: Path) -> None:
    (tmp_path / "ontology" / "vocab").mkdir(parents=True)
    (tmp_path / "ontology" / "kg.ttl").write_text(KG_TTL.read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "ontology" / "vocab" / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b", encoding="utf-8")
    with pytest.raises(KgError) as caught:
        load_ontology(tmp_path)
    assert caught.value.where == str(bad)
    missing = tmp_path / "nowhere"
    with pytest.raises(KgError) as caught:
        load_ontology(missing)
    assert caught.value.where == str(missing / "ontology" / "kg.ttl")
