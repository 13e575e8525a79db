"""The extractor against the curated data: every built-in IRI exists there, posts and people of a
council link to its curated nodes, and evaluation maps local instances to national institutions.

Loads the real data/ folder (the curated Turtle), so a renamed curated IRI fails here first.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import PROV, SKOS

from kg.ingest.evaluate import evaluate, score_document
from kg.ingest.extract import extract
from kg.ingest.gazetteer import BUILT_IN_ALIASES, build_gazetteer
from kg.ingest.model import DocMeta
from kg.ingest.pipeline import DATA_DIR, ONTOLOGY
from kg.ingest.reader import read_document
from kg.ingest.to_rdf import extraction_to_graph
from kg.ingest.topics import TOPICS
from kg.namespaces import KG

ROOT = Path(__file__).resolve().parents[1]
KGID = "https://w3id.org/csckg/id/"
BANES_POST = KGID + "post/bath-and-north-east-somerset-council/"


def subjects(*folders: str) -> set[str]:
    graph = rdflib.Graph()
    for folder in folders:
        for path in sorted((DATA_DIR / folder).glob("*.ttl")):
            graph.parse(path, format="turtle")
    return {str(s) for s in graph.subjects()}


@pytest.fixture(scope="module")
def curated():
    return build_gazetteer(DATA_DIR, ONTOLOGY, strict=True)


def test_every_built_in_body_iri_is_curated():
    known = subjects("bodies", "councils")
    assert sorted({iri for iri in BUILT_IN_ALIASES.values() if iri not in known}) == []
    assert BUILT_IN_ALIASES["MASH"] == KGID + "body/multi-agency-safeguarding-hubs"


def test_every_topic_target_is_curated_and_single():
    duties, laws, bodies = subjects("duties"), subjects("legislation"), subjects("bodies")
    missing = [(t.name, target) for t in TOPICS for target in t.targets
               if target not in (duties if "/duty/" in target else bodies if "/body/" in target else laws)]
    assert missing == []
    assert [t.name for t in TOPICS if sum("/duty/" in x for x in t.targets) != 1] == []
    head = next(t for t in TOPICS if t.name == "virtual school head")
    assert head.targets == (KGID + "duty/ukpga-1989-41-s22-3b-appoint-virtual-school-head", KGID + "body/virtual-school")


def test_seed_000_posts_link_to_the_curated_posts(curated):
    ex = extract(read_document(ROOT / "data" / "minutes" / "000_55c1815c05f2b0c9.txt"), curated)
    graph = extraction_to_graph(ex)
    text = ex.source.text
    start = text.index("The Corporate Director replied") + len("The ")
    by_span = {str(graph.value(m, PROV.wasDerivedFrom)).rsplit("/", 1)[-1]: str(t) for m, t in graph.subject_objects(KG.mentions)}
    assert by_span[f"{start}-{start + len('Corporate Director')}"] == BANES_POST + "corporate-director-people-and-communities"
    posts = {str(n) for n in graph.all_nodes() if str(n).startswith(BANES_POST)}
    assert posts == {BANES_POST + "corporate-director-people-and-communities",
                     BANES_POST + "chair-of-the-children-and-young-people-policy-development-and-scrutiny-panel",
                     BANES_POST + "director-of-education-transformation"}
    assert not any(p.endswith(("/corporate-director", "/chair")) for p in posts)
    # curated nodes are pointed at, never re-described by the document graph
    assert list(graph.triples((rdflib.URIRef(BANES_POST + "corporate-director-people-and-communities"), SKOS.prefLabel, None))) == []


def test_people_and_posts_resolve_by_name_within_the_council_only(tmp_path):
    (tmp_path / "councils").mkdir()
    (tmp_path / "councils" / "testshire.ttl").write_text("""
@prefix kg: <https://w3id.org/csckg/def/> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@base <https://w3id.org/csckg/id/> .
<body/testshire-council> a kg:LocalAuthority ; skos:prefLabel "Testshire Council"@en .
<person/testshire-council/councillor-ann-bee-2019> a foaf:Person ; foaf:name "Ann Bee" .
<post/testshire-council/director-of-childrens-services> a org:Post ;
    skos:prefLabel "Director of Children's Services, Testshire Council"@en .
<post/testshire-council/finance-director> a org:Post ; skos:prefLabel "Finance Director"@en ; skos:altLabel "Director"@en .
<post/testshire-council/director-of-law> a org:Post ; skos:prefLabel "Director of Law"@en ; skos:altLabel "the Director"@en .
<post/testshire-council/chair-of-the-fostering-panel> a org:Post ; skos:altLabel "the Chair"@en ;
    kg:chairs <body/testshire-council/fostering-panel> .
""", encoding="utf-8")
    gaz = build_gazetteer(tmp_path, strict=True)
    assert gaz.person_iri("Ann  Bee", "testshire-council") == KGID + "person/testshire-council/councillor-ann-bee-2019"
    assert gaz.person_iri("Ann Bee", "otherby-council") is None
    assert gaz.post_iri("the Director of Children’s Services", "testshire-council") == (
        KGID + "post/testshire-council/director-of-childrens-services")
    assert gaz.post_iri("Director", "testshire-council") is None  # two curated posts answer to it
    chair = KGID + "post/testshire-council/chair-of-the-fostering-panel"
    assert gaz.post_iri("The Chair", "testshire-council", KGID + "body/testshire-council/fostering-panel") == chair
    assert gaz.post_iri("The Chair", "testshire-council", KGID + "body/testshire-council/cabinet") is None
    doc = tmp_path / "minutes.txt"
    doc.write_text("Councillor Ann Bee asked about placements. The Director replied that costs had risen.\n", encoding="utf-8")
    ex = extract(replace(read_document(doc), meta=DocMeta(council="Testshire Council")), gaz)
    graph = extraction_to_graph(ex)
    targets = {str(t) for t in graph.objects(None, KG.mentions)}
    assert targets == {KGID + "person/testshire-council/councillor-ann-bee-2019", KGID + "post/testshire-council/director"}


def test_evaluation_maps_local_instances_to_national_institutions(curated):
    lscb = KGID + "body/local-safeguarding-children-boards"
    local = KGID + "body/bath-and-north-east-somerset-council/local-safeguarding-children-board"
    gold = {"bodies": [{"iri": lscb}]}
    found = {"bodies": [{"iri": local}]}
    assert score_document(gold, found)["bodies"].tp == 0
    assert curated.instance_of[local] == lscb
    score = score_document(gold, found, curated.instance_of)["bodies"]
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)
    score = score_document(found, gold, curated.instance_of)["bodies"]
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)


def test_seed_scores_with_curated_data(curated):
    totals, _ = evaluate(ROOT / "tests" / "gold", ROOT / "data" / "minutes", curated)
    assert {kind: (s.tp, s.fp, s.fn) for kind, s in totals.items()} == {
        "people": (24, 0, 0), "bodies": (38, 0, 0), "legislation": (17, 0, 0), "decisions": (12, 0, 0),
        "questions": (19, 0, 0), "amounts": (2, 0, 0), "overall": (112, 0, 0)}


def test_test_documents_are_rewritten_not_copied():
    note = "Rewritten test document modelled on the structure of public council minutes; not a copy."
    sidecars = sorted((ROOT / "tests" / "fixtures" / "minutes").glob("*.json"))
    assert len(sidecars) == 10
    for path in sidecars:
        meta = json.loads(path.read_text(encoding="utf-8"))
        assert (path.name, meta["source_url"], meta["note"]) == (path.name, None, note)
