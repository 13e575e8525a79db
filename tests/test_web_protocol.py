"""The W3C SPARQL 1.1 Protocol test suite, replayed through the Flask test client.

Reads /work/shared/w3c-protocol/manifest.ttl (copied unchanged from w3c/rdf-tests), loads each
test's `ut:graphData` files as named graphs of a fresh store, sends every `ht:Request` as
written (method, path with `/sparql/` rewritten to `/sparql`, headers, body in its declared
character encoding) and checks the status class, the result format and the ASK answer.

The endpoint is read-only, so the seven "update must succeed" tests are asserted the other
way round: every update request is refused with 4xx and the store is unchanged. They are run,
not skipped.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDFS

from kg.store import KgStore, parse_rdf_file
from webui import create_app

SUITE = Path("/work/shared/w3c-protocol")
MANIFEST = SUITE / "manifest.ttl"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
HTS = rdflib.Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
BOOLEAN_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
TABULAR_TYPES = BOOLEAN_TYPES + ("text/csv", "text/tab-separated-values")
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
             "application/ld+json": "json-ld"}

pytestmark = pytest.mark.skipif(not MANIFEST.exists(), reason=f"W3C protocol suite not found at {SUITE}")


@dataclass
class Exchange:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]
    fmt: str | None
    boolean: bool | None

    @property
    def is_update(self) -> bool:
        ctype = self.headers.get("content-type", "")
        text = (self.body or b"").decode("utf-8", "replace")
        return ctype.startswith("application/sparql-update") or text.startswith("update=") or "update=" in self.path


@dataclass
class ProtocolTest:
    name: str
    title: str
    graphs: dict[str, Path]
    exchanges: list[Exchange]


def _load_manifest() -> list[ProtocolTest]:
    if not MANIFEST.exists():
        return []
    graph = rdflib.Graph().parse(MANIFEST, format="turtle", publicID=MANIFEST.resolve().as_uri())
    manifest = next(graph.subjects(MF.entries, None))
    tests = []
    for test in Collection(graph, graph.value(manifest, MF.entries)):
        graphs = {str(graph.value(d, RDFS.label)): Path(urlsplit(str(graph.value(d, UT.graph))).path)
                  for d in graph.objects(test, UT.graphData)}
        action = graph.value(test, MF.action)
        exchanges = []
        for request in Collection(graph, graph.value(action, HT.requests)):
            headers = {}
            header_list = graph.value(request, HT.headers)
            if header_list is not None:
                for header in Collection(graph, header_list):
                    headers[str(graph.value(header, HT.fieldName)).lower()] = str(graph.value(header, HT.fieldValue))
            body_node = graph.value(request, HT.body)
            body = None
            if body_node is not None:
                encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
                body = str(graph.value(body_node, CNT.chars)).encode(encoding)
            response = graph.value(request, HT.resp)
            statuses = {str(s).rsplit("#", 1)[-1] for s in graph.objects(response, MF.expectedStatus)}
            fmt = graph.value(response, MF.expectedFormat)
            boolean = graph.value(response, MF.expectedBoolean)
            exchanges.append(Exchange(
                method=str(graph.value(request, HT.methodName)),
                path=str(graph.value(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1),
                headers=headers, body=body, statuses=statuses, fmt=str(fmt) if fmt is not None else None,
                boolean=bool(boolean.toPython()) if boolean is not None else None))
        tests.append(ProtocolTest(str(test).rsplit("#", 1)[-1], str(graph.value(test, MF.name)), graphs, exchanges))
    return tests


TESTS = _load_manifest()


def _store_for(test: ProtocolTest) -> KgStore:
    store = KgStore.memory()
    for name, path in test.graphs.items():
        store.replace_graphs({name: parse_rdf_file(path, name)})
    return store


def _check_format(exchange: Exchange, content_type: str, body: bytes) -> None:
    media = content_type.split(";")[0].strip()
    if exchange.fmt == "boolean":
        assert media in BOOLEAN_TYPES, media
        answer = _boolean(media, body)
        if exchange.boolean is not None:
            assert answer is exchange.boolean
    elif exchange.fmt == "tabular":
        assert media in TABULAR_TYPES, media
        if media == "application/sparql-results+json":
            assert "results" in json.loads(body)
        elif media == "application/sparql-results+xml":
            ET.fromstring(body)
        else:
            assert body.decode("utf-8").splitlines()[0]
    elif exchange.fmt == "RDF":
        assert media in RDF_TYPES, media
        rdflib.Graph().parse(data=body, format=RDF_TYPES[media])


def _boolean(media: str, body: bytes) -> bool:
    if media == "application/sparql-results+json":
        return bool(json.loads(body)["boolean"])
    node = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert node is not None
    return node.text == "true"


def test_manifest_has_34_tests() -> None:
    assert len(TESTS) == 34
    assert sum(1 for t in TESTS if t.graphs) == 6


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_protocol(test: ProtocolTest) -> None:
    store = _store_for(test)
    client = create_app({"TESTING": True}, store=store).test_client()
    control = client.get("/sparql", query_string={"query": "ASK { <http://example.org/never> ?p ?o }"})
    assert control.get_json() == {"head": {}, "boolean": False}
    before = sorted(str(q) for q in store.quads())
    read_only_update = test.name.startswith("update_")
    for exchange in test.exchanges:
        kwargs: dict[str, object] = {"method": exchange.method, "headers": {k: v for k, v in exchange.headers.items()
                                                                            if k != "content-type"}}
        if "content-type" in exchange.headers:
            kwargs["content_type"] = exchange.headers["content-type"]
        if exchange.body is not None:
            kwargs["data"] = exchange.body
        response = client.open(exchange.path, **kwargs)
        status_class = f"StatusCode{response.status_code // 100}xx"
        if read_only_update and exchange.is_update:
            assert response.status_code == 403, f"{test.name}: read-only endpoint must refuse the update"
            continue
        if read_only_update:
            # the check after an update: it must still be answered (the update left no trace)
            assert response.status_code == 200
            continue
        assert status_class in exchange.statuses, (test.name, response.status_code, response.get_data(as_text=True)[:300])
        if status_class == "StatusCode2xx":
            _check_format(exchange, response.content_type, response.get_data())
    assert sorted(str(q) for q in store.quads()) == before
