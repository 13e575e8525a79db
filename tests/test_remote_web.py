"""The web UI on a remote store serves the same pages as on the embedded store.

The project is built into a real `oxigraph serve` with `build_remote`, and every page reached
by following links from the home page (plus the org charts and the public /sparql endpoint)
is fetched from two apps, one on the local build and one on the server: same status, same
bytes. The web UI reaches the store through `KgStore`'s methods and `store.oxigraph`, which a
RemoteStore answers with `kg.remote_oxigraph.RemoteOxigraph`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient

from kg.remote_store import RemoteStore, build_remote
from kg.store import KgStore
from remote_server import oxigraph_binary, oxigraph_server
from webui import create_app

CSWA = "http://www.legislation.gov.uk/id/ukpga/2017/16"
PAGES = 250


class _RemoteForTheWebUi(RemoteStore, KgStore):  # type: ignore[misc]
    """Passes `webui.context.get_store`'s `isinstance(store, KgStore)` check; RemoteStore's
    methods win (they come first). Stands in for the one-line change the lead makes there."""


@pytest.fixture(scope="module")
def remote_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteStore]:
    if oxigraph_binary() is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph; it is in the test extras)")
    from kg.build import MINUTES_DIR, parse_curated
    from kg.cli import _document_loader
    from kg.store import PROJECT_ROOT

    graphs = parse_curated()
    loader = _document_loader()
    if loader is not None:
        graphs.update(loader(PROJECT_ROOT / MINUTES_DIR))
    with oxigraph_server(tmp_path_factory.mktemp("web-oxigraph")) as url:
        store = _RemoteForTheWebUi.open(url)
        build_remote(store, graphs)
        yield store


@pytest.fixture(scope="module")
def clients(remote_store: RemoteStore, built_store: KgStore) -> tuple[FlaskClient, FlaskClient]:
    local: Flask = create_app({"TESTING": True}, store=built_store)
    far: Flask = create_app({"TESTING": True}, store=remote_store)  # type: ignore[arg-type]
    return local.test_client(), far.test_client()


_VOLATILE = [
    (re.compile(rb"Made \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC in [\d.]+ s"), b"Made (time) in (s)"),  # /validation
    (re.compile(rb"_:[0-9a-f]{16,}"), b"_:b"),  # fresh blank nodes in /sparql's service description
]


def _stable(body: bytes) -> bytes:
    """The page without what differs from one request to the next on any store."""
    for pattern, replacement in _VOLATILE:
        body = pattern.sub(replacement, body)
    return body


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "data", "action") and value and value.startswith("/") \
                    and not value.startswith("//"):
                self.found.append(value.split("#", 1)[0])


def test_every_linked_page_is_the_same(clients: tuple[FlaskClient, FlaskClient]) -> None:
    local, far = clients
    seen: set[str] = set()
    queue = ["/", "/orgchart?council=https://w3id.org/csckg/id/body/cheshire-east-council",
             f"/graph?iri={CSWA}&format=json"]
    different: list[str] = []
    while queue and len(seen) < PAGES:
        path = queue.pop(0)
        if path in seen or path.startswith("/static/"):
            continue
        seen.add(path)
        mine, theirs = local.get(path), far.get(path)
        if (mine.status_code, _stable(mine.get_data())) != (theirs.status_code, _stable(theirs.get_data())):
            different.append(f"{path}: {mine.status_code} vs {theirs.status_code}")
        if mine.content_type.startswith("text/html"):
            parser = _Links()
            parser.feed(mine.get_data(as_text=True))
            queue.extend(p for p in parser.found if p not in seen)
    assert different == []
    assert len(seen) >= 100


@pytest.mark.parametrize("query_string", [
    {"query": "SELECT ?label WHERE { ?act skos:prefLabel ?label } ORDER BY ?label LIMIT 5"},
    {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
     "default-graph-uri": "https://w3id.org/csckg/graph/data/bodies/national.ttl"},
    {"query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
     "named-graph-uri": "https://w3id.org/csckg/graph/data/bodies/national.ttl"},
    {"query": "ASK { ?s a kg:Duty }"},
    {"query": "SELEC nothing"},
])
def test_the_sparql_endpoint_answers_the_same(clients: tuple[FlaskClient, FlaskClient],
                                               query_string: dict[str, str]) -> None:
    local, far = clients
    mine = local.get("/sparql", query_string=query_string, headers={"Accept": "application/sparql-results+json"})
    theirs = far.get("/sparql", query_string=query_string, headers={"Accept": "application/sparql-results+json"})
    assert (theirs.status_code, theirs.get_data()) == (mine.status_code, mine.get_data())


def test_quads_for_pattern_matches_pyoxigraph(remote_store: RemoteStore, built_store: KgStore) -> None:
    act = ox.NamedNode(CSWA)
    graph = ox.NamedNode(next(g for g in built_store.named_graphs() if g.endswith("legislation/cswa-2017.ttl")))
    for pattern in [(act, None, None, None), (None, None, act, None), (act, None, None, graph),
                    (None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None, graph)]:
        expected = sorted(str(q) for q in built_store.oxigraph.quads_for_pattern(*pattern))
        assert sorted(str(q) for q in remote_store.oxigraph.quads_for_pattern(*pattern)) == expected
        assert expected

