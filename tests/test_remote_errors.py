"""A remote store refuses what a server gets wrong, and reads store URLs exactly.

The failures come from a fake loopback endpoint with canned answers (tests/remote_server.py),
because a real server produces them only on a bad day: a 200 answer cut short (the Oxigraph
server's timeout, security-anchors §0 finding 7), a huge error page, a redirect, a stalled
answer, an HTML login page. Each must be one clear KgError naming the URL, never a short or
empty result. No real server is needed, so these run everywhere.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import KgError
from kg.remote_store import RemoteStore, with_prefixes
from kg.sparql_http import Endpoints, parse_spec
from remote_server import Canned, fake_endpoint, free_port

EX = "http://example.org/"
G1 = "https://w3id.org/csckg/graph/test/one"
TRUNCATED = b'{"head":{"vars":["c"]},"results":{"bindings":[The SPARQL operation has been cancelled'


def _n(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + name)


# -- remote only: failures a fake endpoint produces ---------------------------------------------

def test_a_server_that_is_down_is_named() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(KgError) as caught:
        RemoteStore.open(url)
    assert caught.value.where == f"{url}/query"
    assert caught.value.message == "cannot connect: connection refused (is the SPARQL server running?)"


@pytest.mark.parametrize(("body", "content_type"), [
    (TRUNCATED, "application/sparql-results+json"),
    # cut after a complete row: parsed lazily this would be a short, plausible answer
    (b'{"head":{"vars":["c"]},"results":{"bindings":[{"c":{"type":"literal","value":"1"}}', "application/sparql-results+json"),
    (b'{"head":{},"boolean":tr', "application/sparql-results+json"),
    (b"", "application/sparql-results+json"),
    (b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="c"/>'
     b'</head><results><result><binding name="c"><literal>1</literal></binding></result>', "application/sparql-results+xml"),
    (b"<http://a> <http://p> <http://b> .\nThe SPARQL operation has been cancelled", "application/n-triples"),
])
def test_a_200_answer_cut_short_is_an_error(body: bytes, content_type: str) -> None:
    with fake_endpoint(Canned(200, content_type, body)) as fake:
        store = RemoteStore(parse_spec(fake.url))
        with pytest.raises(KgError, match="incomplete or malformed") as caught:
            store.query("SELECT ?c WHERE { ?s ?p ?c }")
    assert caught.value.where == f"{fake.url}/query"


def test_the_fake_finding_7_body_is_quoted() -> None:
    with fake_endpoint(Canned(200, "application/sparql-results+json", TRUNCATED)) as fake:
        with pytest.raises(KgError) as caught:
            RemoteStore(parse_spec(fake.url)).query("SELECT ?c WHERE { ?s ?p ?c }")
    assert caught.value.message.startswith("the server's answer is incomplete or malformed")
    assert caught.value.message.endswith("The SPARQL operation has been cancelled'")


def test_a_long_error_page_is_truncated() -> None:
    with fake_endpoint(Canned(500, "text/html", b"<p>" + b"x" * 5000)) as fake:
        with pytest.raises(KgError) as caught:
            RemoteStore(parse_spec(fake.url)).query("ASK {}")
    assert caught.value.message == "the server answered HTTP 500 Internal Server Error: <p>" + "x" * 497 + "…"


def test_a_stalled_server_times_out() -> None:
    with fake_endpoint(Canned(200, body=b'{"head":{},"boolean":true}', delay_s=2.0)) as fake:
        with pytest.raises(KgError) as caught:
            RemoteStore(parse_spec(fake.url, timeout=0.3)).query("ASK {}")
    assert caught.value.message == "no answer within 0.3 s (timeout)"


def test_redirects_are_not_followed() -> None:
    with fake_endpoint(Canned(302, "text/plain", b"", headers={"Location": "http://127.0.0.1:1/elsewhere"})) as fake:
        with pytest.raises(KgError) as caught:
            RemoteStore(parse_spec(fake.url)).query("ASK {}")
        assert len(fake.requests) == 1
    assert caught.value.message == ("the server answered HTTP 302 Found (a redirect to http://127.0.0.1:1/elsewhere; "
                                    "redirects are not followed, give that URL in --store)")


def test_an_html_page_is_not_a_result() -> None:
    with fake_endpoint(Canned(200, "text/html", b"<html>login</html>")) as fake:
        with pytest.raises(KgError) as caught:
            RemoteStore(parse_spec(fake.url)).query("ASK {}")
    assert caught.value.message == "the server answered with 'text/html', not SPARQL results or N-Triples ('<html>login</html>')"


def test_bulk_load_requests_follow_the_graph_store_protocol() -> None:
    blank = ox.BlankNode()
    quads = [ox.Quad(_n(f"s{i}"), _n("p"), _n("o"), ox.NamedNode(G1)) for i in range(3)] + [
        ox.Quad(_n("s"), _n("p"), blank, ox.NamedNode(G1)), ox.Quad(blank, _n("p"), ox.Literal("x"), ox.NamedNode(G1)),
        ox.Quad(_n("d"), _n("p"), _n("o"), ox.DefaultGraph()),
    ]
    with fake_endpoint(Canned(204, "text/plain")) as fake:
        store = RemoteStore(parse_spec(fake.url), batch_quads=2)
        store.bulk_load(quads)
    sent = [(method, path, body.count(b"\n"), b"_:" in body) for method, path, body in fake.requests]
    graph = "/store?graph=https%3A%2F%2Fw3id.org%2Fcsckg%2Fgraph%2Ftest%2Fone"
    assert sent == [("POST", graph, 2, True), ("POST", graph, 2, False), ("POST", graph, 1, False),
                    ("POST", "/store?default=", 1, False)]


def test_the_query_is_sent_with_the_union_parameter_and_prefixes() -> None:
    with fake_endpoint(Canned(200, body=b'{"head":{},"boolean":true}')) as fake:
        store = RemoteStore(parse_spec(fake.url))
        store.query("ASK { ?x a kg:Body }")
        store.query("ASK {}", union=False)
    assert fake.requests == [
        ("POST", "/query?union-default-graph=", b"PREFIX kg: <https://w3id.org/csckg/def/> ASK { ?x a kg:Body }"),
        ("POST", "/query", b"ASK {}"),
    ]


# -- store URLs ------------------------------------------------------------------------------

@pytest.mark.parametrize(("spec", "expected"), [
    ("http://127.0.0.1:7878", Endpoints("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update",
                                        "http://127.0.0.1:7878/store")),
    ("http://127.0.0.1:3030/kg/?store=data&union=native&timeout=5",
     Endpoints("http://127.0.0.1:3030/kg/query", "http://127.0.0.1:3030/kg/update", "http://127.0.0.1:3030/kg/data",
               "native", 5.0)),
    ("https://db.example:7200/repositories/kg?query=/repositories/kg&update=statements&store=rdf-graphs/service",
     Endpoints("https://db.example:7200/repositories/kg", "https://db.example:7200/repositories/kg/statements",
               "https://db.example:7200/repositories/kg/rdf-graphs/service")),
])
def test_store_urls(spec: str, expected: Endpoints) -> None:
    assert parse_spec(spec) == expected


@pytest.mark.parametrize(("spec", "message"), [
    ("http://127.0.0.1:7878?qery=/q", "unknown store URL option 'qery'; known: query, update, store, union, timeout"),
    ("http://user:secret@127.0.0.1:7878", "credentials in the store URL are not supported (they would appear in messages)"),
    ("http://127.0.0.1:7878?union=maybe", "union='maybe'; use one of: param, native"),
    ("http://127.0.0.1:7878?timeout=0", "timeout='0': give seconds, more than 0"),
    ("http://127.0.0.1:7878?query=http://evil.example/q", "query='http://evil.example/q': give a path on the same server"),
    ("ftp://127.0.0.1/x", "not an http(s) store URL: 'ftp://127.0.0.1/x'"),
])
def test_bad_store_urls(spec: str, message: str) -> None:
    with pytest.raises(KgError) as caught:
        parse_spec(spec)
    assert (caught.value.message, caught.value.where) == (message, "--store")


def test_with_prefixes_adds_only_what_is_used_and_undeclared() -> None:
    assert with_prefixes("SELECT * { ?s a <http://x/y> }") == "SELECT * { ?s a <http://x/y> }"
    assert with_prefixes("PREFIX kg: <urn:mine#> ASK { ?s a kg:X }") == "PREFIX kg: <urn:mine#> ASK { ?s a kg:X }"
    assert with_prefixes("# skos:prefLabel\nASK { ?s org:memberOf ?o }") == (
        "PREFIX org: <http://www.w3.org/ns/org#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "# skos:prefLabel\nASK { ?s org:memberOf ?o }")


def test_an_update_too_large_for_one_request_is_refused_before_sending(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.remote_store.MAX_UPDATE_BYTES", 100)
    with fake_endpoint(Canned(204, "text/plain")) as fake:
        store = RemoteStore(parse_spec(fake.url))
        with pytest.raises(KgError) as caught:
            store.replace_graphs({G1: [ox.Quad(_n("s"), _n("p"), ox.Literal("x" * 200))]})
        assert fake.requests == []
    assert caught.value.message.endswith("bytes, more than a server accepts in one request (100 bytes)")
    assert caught.value.where == f"{fake.url}/update"
