"""The remote store keeps the embedded store's contract, and refuses what a server gets wrong.

The contract tests run twice, against `KgStore.memory()` and against `RemoteStore` on a real
`oxigraph serve` (127.0.0.1, a free port, a temp folder), like Oxigraph's own abstract store
tests: same data in, same answers out. The remote-only tests here use the real server (its
error messages, its query timeout, its union option); test_remote_errors.py uses a fake one.
Without the `oxigraph` binary these are skipped with the reason; nothing else is.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.errors import KgError
from kg.queries import rows
from kg.remote_store import RemoteStore, build_remote
from kg.store import KgStore
from remote_server import oxigraph_binary, oxigraph_server

Store = KgStore | RemoteStore

EX = "http://example.org/"
G1 = "https://w3id.org/csckg/graph/test/one"
G2 = "https://w3id.org/csckg/graph/test/two"
DOC = "https://w3id.org/csckg/graph/doc/minutes-1"
KG_BODY = "https://w3id.org/csckg/def/Body"
NO_SERVER = "the oxigraph server is not installed (pip install oxigraph; it is in the test extras)"


def _graph(turtle: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=f"@prefix ex: <{EX}> .\n" + turtle, format="turtle")


def _n(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + name)


def _quad(s: str, p: str, o: ox.NamedNode | ox.Literal, graph: str | None) -> ox.Quad:
    return ox.Quad(_n(s), _n(p), o, ox.NamedNode(graph) if graph else ox.DefaultGraph())


SAMPLE = [
    _quad("a", "p", _n("b"), G1),
    _quad("a", "name", ox.Literal("Ann \"the\" Chair\nline two", language="en-gb"), G1),
    _quad("a", "type", ox.NamedNode(KG_BODY), G1),
    _quad("c", "count", ox.Literal("12345678901234567890", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), G2),
    _quad("c", "label", ox.Literal("Öffentlich ✓ 😀"), G2),
    _quad("d", "p", _n("e"), None),
]


def _sorted(items: object) -> list[str]:
    return sorted(str(i) for i in items)  # type: ignore[attr-defined]


# -- fixtures -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if oxigraph_binary() is None:
        pytest.skip(NO_SERVER)
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture
def remote(server_url: str) -> RemoteStore:
    store = RemoteStore.open(server_url)
    store._update("DROP ALL")
    return store


@pytest.fixture(params=["embedded", "remote"])
def store(request: pytest.FixtureRequest) -> Store:
    if request.param == "embedded":
        return KgStore.memory()
    remote: RemoteStore = request.getfixturevalue("remote")
    return remote


@pytest.fixture
def loaded(store: Store) -> Store:
    store.bulk_load(SAMPLE)
    return store


# -- the contract: both stores ------------------------------------------------------------

def test_replace_graphs_is_idempotent(store: Store) -> None:
    graph = _graph("ex:a ex:p ex:b . ex:a ex:q 5 .")
    store.replace_graphs({G1: graph})
    store.replace_graphs({G1: graph})
    assert len(store) == 2
    assert store.named_graphs() == [G1]


def test_replace_graphs_replaces_only_the_named_graph(store: Store) -> None:
    store.replace_graphs({G1: _graph("ex:a ex:p ex:old ."), G2: _graph("ex:x ex:p ex:y .")})
    store.replace_graphs({G1: _graph("ex:a ex:p ex:new .")})
    assert sorted(q.object.value for q in store.quads()) == [EX + "new", EX + "y"]


def test_replacing_with_nothing_drops_the_graph(store: Store) -> None:
    store.replace_graphs({G1: _graph("ex:a ex:p ex:b ."), G2: _graph("ex:x ex:p ex:y .")})
    store.replace_graphs({G1: []})
    assert store.named_graphs() == [G2]


def test_an_invalid_graph_iri_changes_nothing(store: Store) -> None:
    store.replace_graphs({G1: _graph("ex:a ex:p ex:kept .")})
    with pytest.raises(KgError, match="not a valid graph IRI: 'not an iri'"):
        store.replace_graphs({G1: _graph("ex:a ex:p ex:new ."), "not an iri": _graph("ex:b ex:p ex:c .")})
    assert [q.object.value for q in store.quads()] == [EX + "kept"]


def test_a_replace_the_store_refuses_changes_no_graph(store: Store) -> None:
    """The refusal comes from the engine (a blank node in two graphs), after G1's part parsed."""
    store.replace_graphs({G1: _graph("ex:a ex:p ex:kept ."), G2: _graph("ex:x ex:p ex:kept2 .")})
    shared = ox.BlankNode()
    with pytest.raises(KgError, match="cannot be shared by multiple blocks"):
        store.replace_graphs({
            G1: [ox.Quad(_n("a"), _n("p"), shared)],
            G2: [ox.Quad(shared, _n("p"), ox.Literal("x"))],
        })
    assert sorted(q.object.value for q in store.quads()) == [EX + "kept", EX + "kept2"]
    assert store.named_graphs() == [G1, G2]


def test_drop_graphs(loaded: Store) -> None:
    loaded.drop_graphs([G1, "https://w3id.org/csckg/graph/test/absent"])
    assert loaded.named_graphs() == [G2]
    assert len(loaded) == 3


def test_named_graphs_len_and_quads(loaded: Store) -> None:
    assert loaded.named_graphs() == [G1, G2]
    assert len(loaded) == 6
    assert _sorted(loaded.quads()) == _sorted(SAMPLE)
    assert _sorted(loaded.quads(G2)) == _sorted(SAMPLE[3:5])
    assert list(loaded.quads("https://w3id.org/csckg/graph/test/absent")) == []


def test_literals_survive_exactly(loaded: Store) -> None:
    """Language tags, escapes, big integers and non-ASCII text come back as they went in."""
    objects = {q.object for q in loaded.quads() if isinstance(q.object, ox.Literal)}
    assert objects == {q.object for q in SAMPLE if isinstance(q.object, ox.Literal)}


def test_select_gives_the_same_rows(loaded: Store) -> None:
    result = loaded.query("SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?s")
    assert isinstance(result, ox.QuerySolutions)
    assert rows(result) == (["s", "o"], [{"s": EX + "a", "o": EX + "b"}, {"s": EX + "d", "o": EX + "e"}])


def test_select_with_unbound_values(loaded: Store) -> None:
    result = loaded.query(
        "SELECT ?s ?n WHERE { ?s <http://example.org/p> ?o OPTIONAL { ?s <http://example.org/name> ?n } } ORDER BY ?s")
    assert isinstance(result, ox.QuerySolutions)
    assert rows(result)[1] == [{"s": EX + "a", "n": "Ann \"the\" Chair\nline two"}, {"s": EX + "d", "n": None}]


def test_ask(loaded: Store) -> None:
    yes = loaded.query("ASK { ?s <http://example.org/count> 12345678901234567890 }")
    no = loaded.query("ASK { ?s <http://example.org/count> 1 }")
    assert isinstance(yes, ox.QueryBoolean) and isinstance(no, ox.QueryBoolean)
    assert (bool(yes), bool(no)) == (True, False)


def test_construct(loaded: Store) -> None:
    result = loaded.query("CONSTRUCT { ?o <http://example.org/of> ?s } WHERE { ?s <http://example.org/p> ?o }")
    assert isinstance(result, ox.QueryTriples)
    assert _sorted(result) == _sorted([ox.Triple(_n("b"), _n("of"), _n("a")), ox.Triple(_n("e"), _n("of"), _n("d"))])


def test_describe(loaded: Store) -> None:
    result = loaded.query("DESCRIBE <http://example.org/c>")
    assert isinstance(result, ox.QueryTriples)
    assert _sorted(result) == _sorted(q.triple for q in SAMPLE[3:5])


def test_union_default_graph(loaded: Store) -> None:
    query = "SELECT ?s WHERE { ?s <http://example.org/p> ?o } ORDER BY ?s"
    union, default_only = loaded.query(query), loaded.query(query, union=False)
    assert isinstance(union, ox.QuerySolutions) and isinstance(default_only, ox.QuerySolutions)
    assert [r["s"] for r in rows(union)[1]] == [EX + "a", EX + "d"]
    assert [r["s"] for r in rows(default_only)[1]] == [EX + "d"]


def test_graph_clauses_see_named_graphs_without_union(loaded: Store) -> None:
    result = loaded.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
                          union=False)
    assert isinstance(result, ox.QuerySolutions)
    assert rows(result)[1] == [{"g": G1, "n": "3"}, {"g": G2, "n": "2"}]


def test_project_prefixes_are_predeclared(loaded: Store) -> None:
    result = loaded.query("SELECT ?x WHERE { ?x <http://example.org/type> kg:Body }")
    assert isinstance(result, ox.QuerySolutions)
    assert rows(result)[1] == [{"x": EX + "a"}]


def test_a_syntax_error_is_a_kg_error(store: Store) -> None:
    with pytest.raises(KgError, match="expected CONSTRUCT"):
        store.query("SELEC * {}")


def test_to_rdflib_is_the_same_graph_blank_nodes_included(store: Store) -> None:
    source = _graph("ex:a ex:p [ ex:q ex:b ; ex:r [ ex:s 1 ] ] . ex:c ex:p ex:d .")
    other = _graph("ex:z ex:p ex:y .")
    store.replace_graphs({G1: source, G2: other})
    assert isomorphic(store.to_rdflib([G1]), source)
    assert isomorphic(store.to_rdflib(), source + other)
    assert len(store.to_rdflib([])) == 0


@pytest.mark.parametrize("fmt", [ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG])
def test_dump_the_dataset(loaded: Store, fmt: ox.RdfFormat) -> None:
    out = io.BytesIO()
    loaded.dump(out, fmt)
    assert _sorted(ox.parse(out.getvalue(), fmt)) == _sorted(SAMPLE)


@pytest.mark.parametrize("fmt", [ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML,
                                 ox.RdfFormat.JSON_LD, ox.RdfFormat.N_QUADS])
def test_dump_one_graph(loaded: Store, fmt: ox.RdfFormat) -> None:
    out = io.BytesIO()
    loaded.dump(out, fmt, G1)
    assert _sorted(q.triple for q in ox.parse(out.getvalue(), fmt)) == _sorted(q.triple for q in SAMPLE[:3])


# -- remote only: the real server -----------------------------------------------------------

def test_a_server_error_carries_its_message(remote: RemoteStore, server_url: str) -> None:
    with pytest.raises(KgError) as caught:
        remote.query("SELEC * {}")
    assert caught.value.message == "the server answered HTTP 400 Bad Request: error at 1:10: expected CONSTRUCT"
    assert caught.value.where == f"{server_url}/query"


def test_bulk_load_in_small_batches_keeps_blank_nodes_whole(remote: RemoteStore) -> None:
    source = _graph("ex:a ex:p [ ex:q ex:b ; ex:r [ ex:s 1 ] ] . ex:c ex:p ex:d . ex:e ex:p ex:f . ex:g ex:p ex:h .")
    remote.batch_quads = 1
    embedded = KgStore.memory()
    embedded.replace_graphs({G1: source})
    remote.bulk_load(embedded.quads(G1))
    assert isomorphic(remote.to_rdflib([G1]), source)
    assert len(remote) == 7


def test_read_only_refuses_writes(server_url: str) -> None:
    store = RemoteStore.open(server_url, read_only=True)
    with pytest.raises(KgError, match="opened read-only"):
        store.replace_graphs({G1: []})
    with pytest.raises(KgError, match="opened read-only"):
        store.bulk_load(SAMPLE)


def test_dumping_a_dataset_as_one_graph_is_refused(remote: RemoteStore) -> None:
    with pytest.raises(KgError) as caught:
        remote.dump(io.BytesIO(), ox.RdfFormat.TURTLE)
    assert caught.value.message == "Turtle holds one graph; name a graph or use N-Quads or TriG"


def test_the_servers_own_timeout_is_an_error_not_a_short_result(tmp_path: Path) -> None:
    """Finding 7: `--timeout-s` answers 200, then writes its message into the results."""
    if oxigraph_binary() is None:
        pytest.skip(NO_SERVER)
    chain = [ox.Quad(_n(f"n{i}"), _n("p"), _n(f"n{(i * 7 + 1) % 300}")) for i in range(300)]
    with oxigraph_server(None, "--timeout-s", "1") as url:
        store = RemoteStore.open(url)
        store.bulk_load(chain + [ox.Quad(q.subject, _n("label"), ox.Literal(q.subject.value)) for q in chain])
        with pytest.raises(KgError, match="incomplete or malformed") as caught:
            store.query("SELECT (COUNT(*) AS ?c) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }")
        assert "The SPARQL operation has been cancelled" in caught.value.message
        with pytest.raises(KgError, match="incomplete or malformed"):
            store.query("CONSTRUCT { ?a ?p ?e } WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }")


def test_native_union_mode_on_a_union_server(tmp_path: Path) -> None:
    """`union=native`: the server's default graph is the union; nothing is counted twice."""
    if oxigraph_binary() is None:
        pytest.skip(NO_SERVER)
    with oxigraph_server(tmp_path / "db", "--union-default-graph") as url:
        store = RemoteStore.open(url + "?union=native")
        store.bulk_load(SAMPLE[:5])
        assert len(store) == 5
        assert _sorted(store.quads()) == _sorted(SAMPLE[:5])
        result = store.query("SELECT ?o WHERE { ?s <http://example.org/p> ?o }")
        assert isinstance(result, ox.QuerySolutions)
        assert rows(result)[1] == [{"o": EX + "b"}]


# -- build_remote ------------------------------------------------------------------------------

def test_build_remote_replaces_curated_graphs_and_keeps_ingested_documents(remote: RemoteStore) -> None:
    remote.bulk_load([_quad("old", "p", _n("x"), G1), _quad("stale", "p", _n("x"), G2),
                      _quad("doc", "p", _n("x"), DOC), _quad("dflt", "p", _n("x"), None)])
    build_remote(remote, {G1: [_quad("new", "p", _n("x"), G1)]})
    assert remote.named_graphs() == [DOC, G1]
    assert _sorted(remote.quads()) == _sorted([_quad("new", "p", _n("x"), G1), _quad("doc", "p", _n("x"), DOC)])


def test_a_failed_build_remote_leaves_the_old_store(remote: RemoteStore) -> None:
    before = [_quad("old", "p", _n("x"), G1), _quad("stale", "p", _n("x"), G2)]
    remote.bulk_load(before)
    shared = ox.BlankNode()
    with pytest.raises(KgError, match="cannot be shared by multiple blocks"):
        build_remote(remote, {G1: [ox.Quad(_n("a"), _n("p"), shared, ox.NamedNode(G1))],
                              DOC: [ox.Quad(shared, _n("p"), _n("b"), ox.NamedNode(DOC))]})
    assert _sorted(remote.quads()) == _sorted(before)


# -- the product against a remote store ---------------------------------------------------------

def _answers(store: Store) -> dict[str, object]:
    """What the commands show a user: counts, every named query, an org chart.

    `kg validate` is `validate(store.to_rdflib())`, so the caller compares the rdflib graphs
    (isomorphism) instead of running pySHACL twice (7 s each).
    """
    from kg.orgchart import org_graph
    from kg.queries import catalogue, run
    from kg.stats import class_counts, graph_counts

    named: dict[str, object] = {}
    for name, query in catalogue().items():
        result = run(store, query)
        assert isinstance(result, ox.QuerySolutions), name
        columns, found = rows(result)
        named[name] = (columns, found if "ORDER BY" in query.sparql.upper() else sorted(found, key=repr))
    chart = org_graph(store)
    return {
        "graphs": store.named_graphs(),
        "len": len(store),
        "graph_counts": graph_counts(store),
        "class_counts": class_counts(store),
        "queries": named,
        "org_edges": sorted(chart.edges(keys=True)),
    }


def test_the_project_built_remotely_answers_like_the_local_build(remote: RemoteStore, built_store: KgStore) -> None:
    from kg.build import MINUTES_DIR, parse_curated
    from kg.cli import _document_loader
    from kg.store import PROJECT_ROOT

    graphs = parse_curated()
    loader = _document_loader()
    if loader is not None:
        graphs.update(loader(PROJECT_ROOT / MINUTES_DIR))
    build_remote(remote, graphs)
    build_remote(remote, graphs)  # idempotent, like `kg build` twice
    local, far = _answers(built_store), _answers(remote)
    assert far["graphs"] == local["graphs"]
    assert far == local
    assert isomorphic(remote.to_rdflib(), built_store.to_rdflib())


def test_threads_share_one_remote_store(remote: RemoteStore) -> None:
    """The web UI serves from several threads with one store object: answers stay whole and equal."""
    from concurrent.futures import ThreadPoolExecutor

    remote.bulk_load(SAMPLE)

    def ask(_: int) -> tuple[int, list[str]]:
        result = remote.query("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s ?o")
        assert isinstance(result, ox.QuerySolutions)
        return len(remote), [f"{r['s']} {r['o']}" for r in result]

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(ask, range(64)))
    assert len(set(map(repr, answers))) == 1
    assert answers[0][0] == 6 and len(answers[0][1]) == 6
