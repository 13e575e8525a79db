"""security-anchors §6.A (A9–A11): hostile minutes text goes in byte for byte, spans stay exact,
IRIs stay valid, and nothing in the text is ever interpreted."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg.ingest.extract import extract
from kg.ingest.gazetteer import build_gazetteer
from kg.ingest.model import DocMeta, SourceText
from kg.ingest.pipeline import ingest_paths
from kg.ingest.reader import read_document
from kg.ingest.to_rdf import extraction_to_graph

HOSTILE = (
    'Councillor Zed O\'Brien asked whether """ ; DROP ALL ; <script>alert(1)</script> \\u0022 '
    '=HYPERLINK("http://x") \u202egnp.exe was safe.\r\n'
    "The Director replied that it was.\r\n"
    "RESOLVED – That the report \"\"\" <b>be noted</b> \\ > < be noted.\r\n"
    "Councillor " + "Q" + "z" * 10000 + " asked a long question.\n"
)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.txt"
    path.write_bytes(HOSTILE.encode("utf-8"))
    (tmp_path / "hostile.json").write_text('{"council": "Xshire <Council> \\"x\\"", "source_url": "javascript:alert(1)"}',
                                           encoding="utf-8")
    return path


def test_literals_round_trip_and_iris_are_valid(hostile):
    ox = pytest.importorskip("pyoxigraph")
    store_mod = pytest.importorskip("kg.store")
    store = store_mod.KgStore.memory()
    summary = ingest_paths(store, [hostile], progress=False, gazetteer=build_gazetteer(None), validate_graphs=False)
    assert summary.failures == []
    source = read_document(hostile)
    texts = [s["t"].value for s in store.query("SELECT ?t WHERE { ?d kg:text ?t }")]
    assert texts == [source.text]
    decisions = [s["d"].value for s in store.query("SELECT ?d WHERE { ?x a kg:Decision ; dct:description ?d }")]
    assert decisions == ['That the report """ <b>be noted</b> \\ > < be noted.']
    for quad in store.quads():
        for term in (quad.subject, quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode):
                assert term.value.startswith(("https://", "http://")) and " " not in term.value
    urls = list(store.query("SELECT ?u WHERE { ?d dct:source ?u }"))
    assert urls == []  # a javascript: URL is not a source link


def test_spans_stay_exact_with_crlf_and_bidi(hostile):
    source = read_document(hostile)
    assert "\r" not in source.text and "\u202e" in source.text
    ex = extract(source, build_gazetteer(None))
    graph = extraction_to_graph(ex)
    from kg.namespaces import OA
    checked = 0
    for position in graph.subjects(predicate=OA.start):
        start, end = int(graph.value(position, OA.start)), int(graph.value(position, OA.end))
        quote = graph.value(__import__("rdflib").URIRef(str(position)[:-len("/position")] + "/quote"), OA.exact)
        assert str(quote) == source.text[start:end]
        checked += 1
    assert checked > 5
    assert [p.name for p in ex.people if p.name][0] == "Zed O'Brien"


def test_long_hostile_lines_are_linear():
    text = " ".join(["Alpha Beta Gamma Delta"] * 6000) + "\n" + "\n".join(["Councillor Ann Bee asked why."] * 3000)
    started = time.perf_counter()
    extract(SourceText("big", Path("big.txt"), text, "0" * 64, DocMeta()), build_gazetteer(None))
    assert time.perf_counter() - started < 10
