"""The SHACL shapes (ontology/shapes*.ttl) and kg.validate.

Fixtures: tests/fixtures/shapes/good/*.ttl is one complete, correct graph that must give no
result at all. Each tests/fixtures/shapes/bad/*.ru is a SPARQL Update that breaks that graph in
one way; its `# expect: <severity> <shape> <focus>` lines are the exact set of results it must
give. The tests pass an empty ontology so they do not depend on ontology/kg.ttl (written in
parallel); good/axioms.ttl carries the subclass axioms and concepts the fixtures need.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
import rdflib.namespace as ns
from rdflib.namespace import RDF, SH

from kg.errors import KgError
from kg.namespaces import GRAPH, KG, KGID, KGSH, OA, PREFIXES, sparql_prologue
from kg.validate import (ValidationReport, compact, load_ontology, load_shapes, ontology_files,
                         validate)

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
BAD = sorted((FIXTURES / "bad").glob("*.ru"))
PROLOGUE = f"BASE <{KGID}>\n" + sparql_prologue()
EXPECT = re.compile(r"^# expect: (Violation|Warning|Info) (kgsh:\S+) (\S+)$", re.M)
EMPTY = Graph()
DUTY = KGID["duty/ukpga-2017-16-s3-personal-adviser-to-25"]
SPAN = KGID["doc/000_55c1815c05f2b0c9/span/0-35"]
DOC = KGID["doc/000_55c1815c05f2b0c9"]
TEXT_DATATYPES = {ns.XSD.integer, ns.XSD.decimal, ns.XSD.date, ns.XSD.string, RDF.langString}


@lru_cache(maxsize=1)
def _good_triples() -> tuple:
    graph = Graph()
    for path in sorted((FIXTURES / "good").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return tuple(graph)


def good_graph() -> Graph:
    """A fresh copy of the correct graph, safe to mutate."""
    graph = Graph()
    for triple in _good_triples():
        graph.add(triple)
    return graph


def run(graph: Graph | Dataset) -> ValidationReport:
    """Validate with the project's shapes and no ontology (see the module docstring)."""
    return validate(graph, ontology=EMPTY)


def triples_of(report: ValidationReport) -> set[tuple[str, str, str]]:
    """Results as (severity, source shape, focus IRI) for exact comparison."""
    return {(r.severity, r.source_shape, str(r.focus)) for r in report.results}


def resolve(token: str) -> str:
    """A fixture's focus token (<relative>, <absolute> or prefix:local) as a full IRI."""
    if token.startswith("<"):
        iri = token[1:-1]
        return iri if re.match(r"^[a-z]+:", iri) else str(KGID) + iri
    prefix, local = token.split(":", 1)
    return PREFIXES[prefix] + local


def expectations(text: str) -> set[tuple[str, str, str]]:
    return {(sev, shape, resolve(focus)) for sev, shape, focus in EXPECT.findall(text)}


def broken(path: Path) -> Graph:
    """The good graph with one fixture's update applied. Operations are run one by one because
    rdflib 7.6 loses some PREFIX declarations (dct:) after the first operation of a request."""
    graph = good_graph()
    for operation in re.split(r";\s*\n(?=DELETE|INSERT)", path.read_text(encoding="utf-8")):
        graph.update(PROLOGUE + operation)
    return graph


# ------------------------------------------------------------------ fixtures ----------------

def test_good_graph_gives_no_result() -> None:
    report = run(good_graph())
    assert report.results == [], report.to_text()
    assert report.conforms is True


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_fixture_gives_exactly_the_expected_results(path: Path) -> None:
    expected = expectations(path.read_text(encoding="utf-8"))
    assert expected, f"{path.name} has no '# expect:' line"
    report = run(broken(path))
    assert triples_of(report) == expected, report.to_text()
    assert report.conforms is not any(sev == "Violation" for sev, _, _ in expected)


def _shapes_with_checks(shapes: Graph) -> set[str]:
    """Every named shape that can produce a result: property shapes and node shapes with targets
    and node-level constraints (helper shapes used through sh:node report via their caller)."""
    named: set[str] = set()
    for shape in shapes.subjects(RDF.type, SH.PropertyShape):
        if isinstance(shape, URIRef):
            named.add(compact(shape))
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        if isinstance(shape, URIRef) and (shape, SH.message, None) in shapes and _targets(shapes, shape):
            named.add(compact(shape))
    return named


def _targets(shapes: Graph, shape: URIRef) -> list:
    return [o for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
            for o in shapes.objects(shape, p)]


def test_every_shape_has_a_bad_fixture() -> None:
    covered = {shape for path in BAD for _, shape, _ in expectations(path.read_text(encoding="utf-8"))}
    missing = _shapes_with_checks(load_shapes()) - covered
    assert not missing, f"shapes without a failing fixture: {sorted(missing)}"


def test_every_targeted_node_shape_has_a_focus_node_in_the_good_graph() -> None:
    """So the good graph really exercises every shape (no result because the data is right)."""
    shapes, good = load_shapes(), good_graph()
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        hits = 0
        for target in shapes.objects(shape, SH.targetClass):
            hits += len(list(good.subjects(RDF.type, target)))
        for prop in shapes.objects(shape, SH.targetSubjectsOf):
            hits += len(list(good.subjects(prop, None)))
        for prop in shapes.objects(shape, SH.targetObjectsOf):
            hits += len(list(good.objects(None, prop)))
        if _targets(shapes, shape):
            assert hits, f"{compact(shape)} has no focus node in the good fixtures"


# ------------------------------------------------------------------ cross-node rules --------

def test_tenure_message_names_both_dates() -> None:
    report = run(broken(FIXTURES / "bad" / "Membership-tenure.ru"))
    [result] = report.results
    assert result.message == "Tenure ends (2018-01-01) before it begins (2019-01-07)."
    assert result.path == "org:memberDuring"


def test_span_quote_message_shows_the_text_found() -> None:
    report = run(broken(FIXTURES / "bad" / "Span-quote.ru"))
    [result] = report.results
    assert result.focus == SPAN and result.value == DOC
    assert result.message == ('oa:exact "RESOLVED: that the report be adopted." differs from the '
                              'document text at [0, 35): "RESOLVED: that the report be noted.".')


def test_legal_basis_must_be_typed_in_the_data() -> None:
    report = run(broken(FIXTURES / "bad" / "Duty-legalBasis-known.ru"))
    [result] = report.results
    assert result.value == URIRef("http://www.legislation.gov.uk/id/ukpga/2017/16/section/99")
    assert "not typed eli:LegalResource" in result.message


def test_integer_offsets_written_explicitly_pass() -> None:
    """"5"^^xsd:integer is what Oxigraph keeps, so it must pass where span offsets are checked."""
    graph = good_graph()
    span, position, quote = KGID["doc/000_55c1815c05f2b0c9/span/5-12"], KGID["sel/p"], KGID["sel/q"]
    graph.add((span, RDF.type, OA.SpecificResource))
    graph.add((span, OA.hasSource, DOC))
    graph.add((span, OA.hasSelector, position))
    graph.add((span, OA.hasSelector, quote))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal("5", datatype=ns.XSD.integer)))
    graph.add((position, OA.end, Literal("12", datatype=ns.XSD.integer)))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal("VED: th")))
    report = run(graph)
    assert report.results == [], report.to_text()


def _through_oxigraph(graph: Graph) -> Dataset:
    """Load a graph into an Oxigraph store and read it back, as the lead's store does."""
    store = pyoxigraph.Store()
    store.load(graph.serialize(format="nt").encode("utf-8"), pyoxigraph.RdfFormat.N_TRIPLES,
               to_graph=pyoxigraph.NamedNode(f"{GRAPH}test"))
    dataset = Dataset()
    dataset.parse(data=store.dump(format=pyoxigraph.RdfFormat.N_QUADS).decode("utf-8"),
                  format="nquads")
    return dataset


NQUADS_DEPRECATION = pytest.mark.filterwarnings(  # rdflib's own N-Quads parser, not our code
    "ignore:Dataset.default_context is deprecated:DeprecationWarning")


@NQUADS_DEPRECATION
def test_good_graph_still_conforms_after_a_round_trip_through_oxigraph() -> None:
    report = run(_through_oxigraph(good_graph()))
    assert report.results == [], report.to_text()


@NQUADS_DEPRECATION
def test_oxigraph_normalises_non_negative_integer_to_integer() -> None:
    """The store trap the shapes avoid: the subtype is gone after loading, so checking for it
    would fail every span read back from the store; xsd:integer checks pass either way."""
    graph = broken(FIXTURES / "bad" / "TextPositionSelector-start-nonNegativeInteger.ru")
    assert triples_of(run(graph)) == {("Violation", "kgsh:TextPositionSelector-start", str(KGID["sel/a"]))}
    round_tripped = _through_oxigraph(graph)
    starts = {o for _, _, o, _ in round_tripped.quads((KGID["sel/a"], OA.start, None, None))}
    assert starts == {Literal("5", datatype=ns.XSD.integer)}
    assert run(round_tripped).results == []


def test_a_dataset_is_validated_as_the_union_of_its_graphs() -> None:
    """A duty in one named graph, its section in another: the cross-graph check passes."""
    dataset = Dataset()
    legislation = dataset.graph(URIRef(f"{GRAPH}data/legislation/cswa-2017.ttl"))
    rest = dataset.graph(URIRef(f"{GRAPH}data/rest.ttl"))
    for s, p, o in good_graph():
        (legislation if str(s).startswith("http://www.legislation.gov.uk/") else rest).add((s, p, o))
    assert run(dataset).results == []


# ------------------------------------------------------------------ untrusted shapes --------

INJECTED = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix kg: <https://w3id.org/csckg/def/> .
@prefix kgsh: <https://w3id.org/csckg/shapes/> .
<urn:evil:shape> a sh:NodeShape ; sh:targetClass kg:Duty ;
    sh:property [ sh:path kg:noSuchProperty ; sh:minCount 1 ] .
kgsh:Duty-legalBasis sh:deactivated true .
kgsh:DutyShape sh:deactivated true .
<https://w3id.org/csckg/id/duty/ukpga-2017-16-s3-personal-adviser-to-25> a sh:NodeShape .
"""


def test_data_cannot_bring_its_own_shapes() -> None:
    good = good_graph()
    good.parse(data=INJECTED, format="turtle")
    # Trusting the data's shapes would change the verdict ...
    assert pyshacl.validate(good, shacl_graph=None, inference="none")[0] is False
    # ... but validate() ignores them: the good graph still conforms,
    assert run(good).results == []
    # and a real violation is still reported although the data tries to deactivate its shape
    # and types the bad node as a shape to hide it.
    bad = broken(FIXTURES / "bad" / "Duty-legalBasis.ru")
    bad.parse(data=INJECTED, format="turtle")
    assert triples_of(run(bad)) == {("Violation", "kgsh:Duty-legalBasis", str(DUTY))}


# ------------------------------------------------------------------ the shapes themselves ---

def test_shapes_are_valid_shacl() -> None:
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=load_shapes(), meta_shacl=True,
                                         advanced=True)
    assert conforms, text


def test_every_property_shape_is_named_documented_and_graded() -> None:
    shapes = load_shapes()
    for shape in shapes.subjects(RDF.type, SH.PropertyShape):
        name = compact(shape)
        assert re.fullmatch(r"kgsh:[A-Z][A-Za-z]+-[a-z][A-Za-z0-9]*(-[a-z]+)?", name), name
        for prop in (SH.path, SH.name, SH.description, SH.severity):
            assert (shape, prop, None) in shapes, f"{name} lacks {compact(prop)}"
        assert any(isinstance(m, Literal) and m.language == "en"
                   for m in shapes.objects(shape, SH.message)), f"{name} lacks an @en sh:message"
        assert shapes.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info)
        attached = any(shape in shapes.objects(ns, SH.property)
                       for ns in shapes.subjects(RDF.type, SH.NodeShape))
        assert attached or (shape, SH.target, None) in shapes, f"{name} is neither attached nor targeted"
        if (shape, SH.sparql, None) in shapes:  # see "Performance" in shapes.ttl
            assert not attached and (shape, SH.target, None) in shapes, f"{name}: SPARQL rule without its own target"


def test_warnings_are_only_for_missing_values() -> None:
    """Severity policy: Warning = incomplete (a minCount), never wrong data."""
    shapes = load_shapes()
    for shape in shapes.subjects(SH.severity, SH.Warning):
        assert compact(shape).endswith("-missing"), compact(shape)
        assert (shape, SH.minCount, None) in shapes


def test_shapes_use_only_datatypes_the_store_keeps() -> None:
    used = set(load_shapes().objects(None, SH.datatype))
    assert used <= TEXT_DATATYPES, used - TEXT_DATATYPES


# ------------------------------------------------------------------ the report --------------

def test_report_text_json_and_graph() -> None:
    graph = broken(FIXTURES / "bad" / "Duty-legalBasis-https.ru")
    graph.remove((DUTY, KG.beneficiary, None))
    report = run(graph)
    assert report.conforms is False
    assert report.counts() == {"Violation": 2, "Warning": 1, "Info": 0}
    text = report.to_text()
    assert text.splitlines()[0] == "Validation does not conform: 2 Violations, 1 Warning, 0 Infos."
    blocks = [line for line in text.splitlines() if line.startswith("kgsh:")]
    assert blocks == ["kgsh:Duty-legalBasis (Violation, 1 result)",
                      "kgsh:Duty-legalBasis-known (Violation, 1 result)",
                      "kgsh:Duty-beneficiary-missing (Warning, 1 result)"]
    assert "    value: <https://www.legislation.gov.uk/ukpga/2017/16>" in text
    data = json.loads(json.dumps(report.to_json()))
    assert data["conforms"] is False
    assert data["results"][0] == {
        "focus": {"type": "uri", "value": str(KGID["duty/ukpga-2017-16-s36-register"])},
        "path": "kg:legalBasis",
        "value": {"type": "uri", "value": "https://www.legislation.gov.uk/ukpga/2017/16"},
        "severity": "Violation", "source_shape": "kgsh:Duty-legalBasis",
        "message": "A duty or power must cite exactly one legislation.gov.uk /id/ provision as kg:legalBasis."}
    assert len(list(report.results_graph.subjects(RDF.type, SH.ValidationResult))) == 3
    assert report.results_graph.serialize(format="turtle")


def test_warnings_alone_conform() -> None:
    report = run(broken(FIXTURES / "bad" / "Duty-beneficiary-missing.ru"))
    assert report.conforms is True
    assert report.to_text().splitlines()[0] == "Validation conforms: 0 Violations, 1 Warning, 0 Infos."


def test_sequence_paths_are_rendered_as_sparql_paths() -> None:
    [result] = run(broken(FIXTURES / "bad" / "Membership-start-missing.ru")).results
    assert result.path == "org:memberDuring/time:hasBeginning/time:inXSDDate"
    [result] = run(broken(FIXTURES / "bad" / "AbolishedBody-event-replacement.ru")).results[:1]
    assert result.path == "^org:originalOrganization"


# ------------------------------------------------------------------ loading and errors ------

def test_load_shapes_reads_the_core_and_split_files() -> None:
    shapes = load_shapes()
    for shape in ("ConceptShape", "DutyShape", "MembershipShape", "SpanShape", "ActShape"):
        assert (KGSH[shape], RDF.type, SH.NodeShape) in shapes


def test_load_ontology_reads_whatever_exists() -> None:
    ontology = load_ontology()
    assert isinstance(ontology, Graph)
    assert (len(ontology) > 0) == bool(ontology_files())


@pytest.mark.skipif(not ontology_files(), reason="ontology/kg.ttl and vocab not written yet")
def test_the_project_ontology_and_vocabularies_have_no_violation() -> None:
    report = validate(Graph(), ontology=load_ontology())
    assert report.conforms, report.to_text()


def test_bad_input_raises_kg_error() -> None:
    with pytest.raises(KgError):
        validate("not a graph", ontology=EMPTY)  # type: ignore[arg-type]
    broken_shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <https://w3id.org/csckg/def/Duty> ;
            sh:sparql [ sh:select "SELECT $this WHERE { VALUES ?x { 1 } }" ] .""", format="turtle")
    with pytest.raises(KgError):
        validate(good_graph(), shapes=broken_shapes, ontology=EMPTY)
