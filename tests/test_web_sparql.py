"""`/sparql`: protocol behaviour, result formats, and the refusals that keep it safe and read-only."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import rdflib
from flask import Flask
from flask.testing import FlaskClient

from kg.store import KgStore
from test_web_fixture import ACT, DUTY, S2, app, client, web_store  # noqa: F401

SELECT = "SELECT ?n WHERE { ?s kg:inAct <%s> ; a kg:Section ; eli:number ?n } ORDER BY ?n" % ACT
JSON = "application/sparql-results+json"


def post_query(client: FlaskClient, text: str, **kwargs: object):
    return client.post("/sparql", data=text.encode("utf-8"), content_type="application/sparql-query", **kwargs)


# -- query forms -----------------------------------------------------------------------------

def test_get_post_form_and_post_direct_agree(client: FlaskClient) -> None:
    answers = [
        client.get("/sparql", query_string={"query": SELECT}),
        client.post("/sparql", data={"query": SELECT}),
        post_query(client, SELECT),
    ]
    for response in answers:
        assert response.status_code == 200
        assert response.content_type == JSON
        assert [b["n"]["value"] for b in response.get_json()["results"]["bindings"]] == ["10", "16", "16A", "2"]
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response.headers


@pytest.mark.parametrize(("fmt", "accept", "content_type"), [
    ("json", None, "application/sparql-results+json"),
    ("xml", None, "application/sparql-results+xml; charset=utf-8"),
    ("csv", None, "text/csv; charset=utf-8"),
    ("tsv", None, "text/tab-separated-values; charset=utf-8"),
    (None, "application/sparql-results+xml", "application/sparql-results+xml; charset=utf-8"),
    (None, "text/csv", "text/csv; charset=utf-8"),
    (None, "text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
    (None, "application/json", "application/sparql-results+json"),
    (None, "*/*", "application/sparql-results+json"),
    (None, None, "application/sparql-results+json"),
])
def test_select_result_formats(client: FlaskClient, fmt: str | None, accept: str | None, content_type: str) -> None:
    query = "SELECT ?n WHERE { <%s> eli:number ?n }" % S2
    params = {"query": query, **({"format": fmt} if fmt else {})}
    response = client.get("/sparql", query_string=params, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.content_type == content_type
    assert response.headers["Vary"] == "Accept"
    body = response.get_data(as_text=True)
    expected = {
        "application/sparql-results+json": '{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"2"}}]}}',
        "application/sparql-results+xml; charset=utf-8": '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="n"/></head><results><result><binding name="n"><literal>2</literal></binding></result></results></sparql>',
        "text/csv; charset=utf-8": "n\r\n2\r\n",
        "text/tab-separated-values; charset=utf-8": '?n\n"2"\n',
    }[content_type]
    assert body == expected


def test_ask_formats(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "ASK { ?s a kg:Act }"})
    assert response.get_json() == {"head": {}, "boolean": True}
    response = client.get("/sparql", query_string={"query": "ASK { ?s a kg:Planet }", "format": "xml"})
    assert response.get_data(as_text=True).endswith("<boolean>false</boolean></sparql>")
    response = client.get("/sparql", query_string={"query": "ASK {}", "format": "csv"})
    assert response.status_code == 400


@pytest.mark.parametrize(("fmt", "accept", "content_type", "parser"), [
    (None, None, "text/turtle; charset=utf-8", "turtle"),
    ("ttl", None, "text/turtle; charset=utf-8", "turtle"),
    ("jsonld", None, "application/ld+json", "json-ld"),
    ("nt", None, "application/n-triples", "nt"),
    (None, "application/n-triples", "application/n-triples", "nt"),
    (None, "application/ld+json", "application/ld+json", "json-ld"),
    (None, "application/rdf+xml", "application/rdf+xml; charset=utf-8", "xml"),
    (None, "application/sparql-results+json", "text/turtle; charset=utf-8", "turtle"),
])
def test_construct_formats(client: FlaskClient, fmt: str | None, accept: str | None, content_type: str, parser: str) -> None:
    query = "CONSTRUCT { ?d kg:legalBasis ?s } WHERE { ?d kg:legalBasis ?s ; rdfs:label ?l FILTER(STRSTARTS(?l, 'Publish')) }"
    params = {"query": query, **({"format": fmt} if fmt else {})}
    response = client.get("/sparql", query_string=params, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.content_type == content_type
    graph = rdflib.Graph().parse(data=response.get_data(), format=parser)
    assert set(graph) == {(rdflib.URIRef(DUTY), rdflib.URIRef("https://w3id.org/csckg/def/legalBasis"), rdflib.URIRef(S2))}


def test_describe(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": f"DESCRIBE <{S2}>", "format": "nt"})
    graph = rdflib.Graph().parse(data=response.get_data(as_text=True), format="nt")
    assert (rdflib.URIRef(S2), rdflib.URIRef("http://data.europa.eu/eli/ontology#number"), rdflib.Literal("2")) in graph


def test_default_graph_is_union_and_protocol_dataset(client: FlaskClient) -> None:
    count = "SELECT (COUNT(*) AS ?c) WHERE { ?s a kg:Act }"
    assert client.get("/sparql", query_string={"query": count}).get_json()["results"]["bindings"][0]["c"]["value"] == "1"
    councils = "https://w3id.org/csckg/graph/data/councils/testshire.ttl"
    legislation = "https://w3id.org/csckg/graph/data/legislation/test.ttl"
    only_councils = client.get("/sparql", query_string={"query": count, "default-graph-uri": councils})
    assert only_councils.get_json()["results"]["bindings"][0]["c"]["value"] == "0"
    with_from = f"SELECT (COUNT(*) AS ?c) FROM <{councils}> WHERE {{ ?s a kg:Act }}"
    assert client.get("/sparql", query_string={"query": with_from}).get_json()["results"]["bindings"][0]["c"]["value"] == "0"
    override = client.get("/sparql", query_string={"query": with_from, "default-graph-uri": legislation})
    assert override.get_json()["results"]["bindings"][0]["c"]["value"] == "1"
    named = client.get("/sparql", query_string={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                                "named-graph-uri": [councils, "file:///etc/passwd"]})
    assert [b["g"]["value"] for b in named.get_json()["results"]["bindings"]] == [councils]
    assert client.get("/sparql", query_string={"query": count, "default-graph-uri": "not an iri"}).status_code == 400


def test_service_description(client: FlaskClient) -> None:
    response = client.get("/sparql")
    assert response.status_code == 200
    assert response.content_type == "text/turtle; charset=utf-8"
    graph = rdflib.Graph().parse(data=response.get_data(as_text=True), format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = rdflib.URIRef("http://localhost/sparql")
    assert (service, sd.endpoint, service) in graph
    assert set(graph.objects(service, sd.supportedLanguage)) == {sd.SPARQL11Query}
    assert (service, sd.feature, sd.UnionDefaultGraph) in graph


def test_browser_is_sent_to_the_query_page(client: FlaskClient) -> None:
    response = client.get("/sparql?query=ASK%7B%7D", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/query?query=ASK%7B%7D"
    assert client.get("/sparql", headers={"Accept": "text/html"}).headers["Location"] == "/query"


# -- refusals --------------------------------------------------------------------------------

def test_syntax_error_is_400_with_message(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p "})
    assert response.status_code == 400
    assert response.content_type == "text/plain; charset=utf-8"
    body = response.get_data(as_text=True)
    assert body.startswith("400 Bad request: SPARQL syntax error: ")
    assert "(line:1, col:" in body
    assert "Traceback" not in body and "/work/" not in body


@pytest.mark.parametrize("request_kind", ["form", "direct", "get", "query-drop", "query-insert", "query-load", "using-graph"])
def test_updates_are_403(client: FlaskClient, web_store: KgStore, request_kind: str) -> None:
    before = len(web_store)
    if request_kind == "form":
        response = client.post("/sparql", data={"update": "INSERT DATA { <http://a> <http://b> <http://c> }"})
    elif request_kind == "direct":
        response = client.post("/sparql", data=b"DROP ALL", content_type="application/sparql-update")
    elif request_kind == "get":
        response = client.get("/sparql?update=CLEAR%20ALL")
    elif request_kind == "query-drop":
        response = client.get("/sparql", query_string={"query": "DROP ALL"})
    elif request_kind == "query-insert":
        response = client.post("/sparql", data={"query": "INSERT DATA { <http://a> <http://b> <http://c> }"})
    elif request_kind == "query-load":
        response = post_query(client, "LOAD <http://127.0.0.1:9/data.ttl>")
    else:
        response = client.post("/sparql?using-graph-uri=http://x", data=b"CLEAR ALL", content_type="application/sparql-update")
    assert response.status_code == 403
    assert "read-only" in response.get_data(as_text=True)
    assert len(web_store) == before


@pytest.mark.parametrize(("method", "kwargs", "status"), [
    ("put", {"query_string": {"query": "ASK {}"}}, 405),
    ("delete", {}, 405),
    ("post", {"data": b"ASK {}", "content_type": "text/plain"}, 415),
    ("post", {"data": b"ASK {}"}, 400),
    ("post", {"data": "ASK {}".encode("utf-16"), "content_type": "application/sparql-query; charset=UTF-16"}, 415),
    ("post", {"data": b"\xff\xfeA", "content_type": "application/sparql-query"}, 400),
    ("get", {"query_string": [("query", "ASK {}"), ("query", "SELECT * {}")]}, 400),
    ("post", {"data": {}, "content_type": "application/x-www-form-urlencoded"}, 400),
])
def test_protocol_errors(client: FlaskClient, method: str, kwargs: dict, status: int) -> None:
    assert getattr(client, method)("/sparql", **kwargs).status_code == status


class Recorder:
    """A loopback HTTP listener that records every connection and answers a tiny SPARQL result."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.hits.append(conn.recv(65536))
                except OSError:
                    self.hits.append(b"")
                body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                             b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    rec = Recorder()
    yield rec
    rec.close()


SERVICE_FORMS = [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "select * where { service <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE {   SeRvIcE\n\t SILENT   <{url}>{?s ?p ?o} }",
    "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE <{url}> { ?s ?p ?o } } }",
    "SELECT * WHERE { { ?a ?b ?c } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{url}> { ?s ?p ?o } } } }",
    "SELECT * WHERE { ?a ?b ?c FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } }",
    "SELECT * WHERE { ?a ?b ?c MINUS { SERVICE <{url}> { ?s ?p ?o } } }",
    "SELECT * WHERE { VALUES ?e { <{url}> } SERVICE ?e { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "DESCRIBE ?s WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "ASK { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("form", SERVICE_FORMS)
def test_service_refused_without_connection(client: FlaskClient, recorder: Recorder, form: str) -> None:
    query = form.replace("{url}", f"http://127.0.0.1:{recorder.port}/sparql")
    for response in (client.get("/sparql", query_string={"query": query}), post_query(client, query),
                     client.get("/query", query_string={"query": query})):
        assert response.status_code == 400
        assert "SERVICE (federated query) is not allowed on this endpoint" in response.get_data(as_text=True)
    time.sleep(0.3)
    assert recorder.hits == []


def test_from_and_dataset_iris_are_never_fetched(client: FlaskClient, recorder: Recorder, tmp_path: object) -> None:
    secret = __import__("pathlib").Path(str(tmp_path)) / "secret.ttl"
    secret.write_text('<http://s> <http://p> "TOP SECRET" .\n', encoding="utf-8")
    url = f"http://127.0.0.1:{recorder.port}/g"
    for params in ({"query": f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}"},
                   {"query": f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
                   {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": secret.as_uri()},
                   {"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": url}):
        response = client.get("/sparql", query_string=params)
        assert response.status_code == 200
        assert response.get_json()["results"]["bindings"] == []
    time.sleep(0.2)
    assert recorder.hits == []


def test_recorder_sees_unguarded_service(web_store: KgStore, recorder: Recorder) -> None:
    """Control: the engine itself does connect, so the test above proves the guard works."""
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{recorder.port}/sparql> {{ ?s ?p ?o }} }}"
    list(web_store.oxigraph.query(query))
    time.sleep(0.2)
    assert len(recorder.hits) == 1


def nested(depth: int, kind: str) -> str:
    if kind == "braces":
        return "SELECT * WHERE " + "{" * depth + " ?s ?p ?o " + "}" * depth
    if kind == "parens":
        return "ASK { FILTER(" + "(" * (depth - 2) + "1" + ")" * (depth - 2) + ") }"
    return "SELECT * WHERE { " + "OPTIONAL { " * (depth - 1) + "?s ?p ?o" + " }" * (depth - 1) + " }"


@pytest.mark.parametrize("kind", ["braces", "parens", "optional"])
def test_nesting_limit(client: FlaskClient, kind: str) -> None:
    assert post_query(client, nested(200, kind)).status_code == 200
    response = post_query(client, nested(201, kind))
    assert response.status_code == 400
    assert response.get_data(as_text=True) == "400 Bad request: query nesting is deeper than 200 brackets\n"


def test_deep_nesting_that_would_crash_the_engine(client: FlaskClient) -> None:
    started = time.perf_counter()
    for query in (nested(5000, "parens"), nested(3000, "braces")):
        assert post_query(client, query).status_code == 400
    assert time.perf_counter() - started < 1
    assert client.get("/sparql", query_string={"query": "ASK {}"}).get_json() == {"head": {}, "boolean": True}


def test_brackets_inside_strings_iris_and_comments_do_not_count(client: FlaskClient) -> None:
    query = 'ASK { FILTER("' + "{(" * 300 + '" != """' + "((" * 300 + '""") } # ' + "{" * 300 + "\n"
    assert post_query(client, query).get_json() == {"head": {}, "boolean": True}


def test_length_limit(client: FlaskClient) -> None:
    head = "ASK {}\n#"
    exactly = head + "x" * (100_000 - len(head))
    assert post_query(client, exactly).status_code == 200
    response = post_query(client, exactly + "x")
    assert response.status_code == 400
    assert response.get_data(as_text=True) == "400 Bad request: query is 100001 bytes long; the limit is 100000 bytes\n"


def test_request_body_limit(client: FlaskClient) -> None:
    assert post_query(client, "ASK {}\n#" + "x" * 1_100_000).status_code == 413


# -- a real client over HTTP -------------------------------------------------------------------

@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    import waitress

    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(5)


def test_sparqlwrapper_client(live_server: str) -> None:
    from SPARQLWrapper import JSON as JSON_FORMAT
    from SPARQLWrapper import POST, SPARQLWrapper

    for method in ("GET", POST):
        wrapper = SPARQLWrapper(live_server + "/sparql")
        wrapper.setMethod(method)
        wrapper.setQuery(SELECT)
        wrapper.setReturnFormat(JSON_FORMAT)
        result = wrapper.queryAndConvert()
        assert [b["n"]["value"] for b in result["results"]["bindings"]] == ["10", "16", "16A", "2"]


def test_sparqlwrapper_construct_and_refusal(live_server: str) -> None:
    from SPARQLWrapper import SPARQLWrapper, TURTLE
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    wrapper = SPARQLWrapper(live_server + "/sparql")
    wrapper.setQuery(f"CONSTRUCT {{ <{S2}> ?p ?o }} WHERE {{ <{S2}> ?p ?o }}")
    wrapper.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=wrapper.queryAndConvert(), format="turtle")
    assert (rdflib.URIRef(S2), rdflib.URIRef("http://purl.org/dc/terms/title"),
            rdflib.Literal("Local offer for care leavers", lang="en")) in graph
    wrapper.setQuery("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    wrapper.setReturnFormat("json")
    with pytest.raises(QueryBadFormed):
        wrapper.query()


def test_csv_from_sparql_is_spec_exact(client: FlaskClient) -> None:
    query = 'SELECT ?x WHERE { VALUES ?x { "=1+2" } }'
    body = client.get("/sparql", query_string={"query": query, "format": "csv"}).get_data(as_text=True)
    assert list(csv.reader(io.StringIO(body))) == [["x"], ["=1+2"]]
    assert json.loads(client.get("/sparql", query_string={"query": query}).get_data())["results"]["bindings"] == [
        {"x": {"type": "literal", "value": "=1+2"}}]


def test_parser_process_is_replaced_when_it_dies(client: FlaskClient) -> None:
    from webui import sparql_guard

    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    proc = sparql_guard._PARSER._proc
    assert proc is not None and proc.poll() is None
    proc.kill()
    proc.wait(5)
    assert client.get("/sparql", query_string={"query": "ASK {}"}).get_json() == {"head": {}, "boolean": True}
    assert sparql_guard._PARSER._proc is not proc
