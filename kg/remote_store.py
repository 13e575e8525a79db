"""A store behind a SPARQL 1.1 endpoint, with the same interface as the embedded `KgStore`.

Why: issue 7 asks that every command take `--store URL`, so the build, queries, validation,
org charts and web UI run against a shared triple store (an Oxigraph server, Fuseki, ...).
Each method keeps KgStore's promise, carried by the protocol instead of by Oxigraph's API:

* `replace_graphs`, `drop_graphs` and `build_remote` send ONE SPARQL update request. SPARQL 1.1
  Update says a request's operations are applied together, and the Oxigraph server runs a
  request in one transaction, so a failure (or a reader) never sees half a replacement.
* `bulk_load` uses the Graph Store Protocol (`POST ?graph=IRI`, N-Triples), portable to every
  GSP server, in requests of at most `batch_quads` quads. It is atomic per request only; that
  is why `kg build` uses `build_remote` (one update), not `bulk_load`.
* reads (`query`, `named_graphs`, `quads`, `len`) are SPARQL queries whose answers are parsed to
  the end before use (`kg.sparql_results`), so a cut-short answer is an error, never a short result.

Limits, each said where it bites: no blank node can be shared between two graphs or two GSP
requests (servers rename blank nodes per request; the embedded store refuses sharing in
updates too), and `union=native` servers cannot turn the union default graph off.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox
import rdflib

from kg.errors import KgError
from kg.namespaces import GRAPH, PREFIXES
from kg.remote_oxigraph import RemoteOxigraph
from kg.sparql_http import Endpoints, SparqlHttp, parse_spec
from kg.sparql_results import ACCEPT, Result, parse_answer, solutions
from kg.store import graph_to_quads

DEFAULT_BATCH_QUADS = 50_000
#: The Oxigraph server refuses SPARQL bodies over 128 MB; stay well under it.
MAX_UPDATE_BYTES = 100 * 1024 * 1024
DOC_GRAPH_PREFIX = f"{GRAPH}doc/"
_NT = "application/n-triples"


class RemoteStore:
    """One SPARQL endpoint. `RemoteStore.open("http://127.0.0.1:7878")` checks that it answers."""

    def __init__(self, endpoints: Endpoints, *, read_only: bool = False,
                 batch_quads: int = DEFAULT_BATCH_QUADS) -> None:
        self.endpoints = endpoints
        self.read_only = read_only
        self.batch_quads = batch_quads
        self.path = None  # KgStore's folder; a remote store has none
        self.url = endpoints.label
        self._http = SparqlHttp(endpoints)

    @classmethod
    def open(
        cls,
        spec: str | os.PathLike[str] | None = None,
        *,
        create: bool = True,
        read_only: bool = False,
        timeout: float | None = None,
    ) -> RemoteStore:
        """Parse the URL and ask the server `ASK {}`, so a wrong URL fails here, clearly.

        `create` is accepted for KgStore's signature; a server's dataset always exists.
        """
        if spec is None:
            raise KgError("a remote store needs a URL", where="--store")
        store = cls(parse_spec(os.fspath(spec), timeout=timeout), read_only=read_only)
        if not isinstance(store.query("ASK {}", union=False), ox.QueryBoolean):
            raise KgError("the query endpoint did not answer ASK {} with a boolean", where=store.url)
        return store

    @classmethod
    def memory(cls) -> RemoteStore:
        """Kept for KgStore's interface; a remote store cannot be in memory."""
        raise KgError("a remote store has no in-memory form; use KgStore.memory()")

    @property
    def oxigraph(self) -> RemoteOxigraph:
        """Stands in for KgStore's pyoxigraph Store: `quads_for_pattern` and `query`, as the web UI uses them."""
        return RemoteOxigraph(self)

    # -- writing -------------------------------------------------------------------------

    def replace_graphs(self, graphs: Mapping[str, rdflib.Graph | Iterable[ox.Quad]]) -> None:
        """Drop and re-add the given named graphs in one update request (all or nothing)."""
        update = replace_update({g: _as_quads(g, c) for g, c in graphs.items()})
        if update:
            self._update(update)

    def drop_graphs(self, graph_iris: Iterable[str]) -> None:
        """Remove whole named graphs in one update request."""
        update = " ;\n".join(f"DROP SILENT GRAPH <{_checked_iri(g)}>" for g in graph_iris)
        if update:
            self._update(update)

    def bulk_load(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads with Graph Store Protocol POSTs, per graph, at most `batch_quads` a request.

        A graph's triples that mention a blank node go in one request (servers rename blank
        nodes per request, so splitting them would cut the node in two). Not atomic across
        requests: a failure part-way leaves the earlier requests loaded.
        """
        self._writable()
        by_graph: dict[ox.NamedNode | ox.DefaultGraph, list[ox.Triple]] = {}
        for q in quads:
            graph = q.graph_name
            if isinstance(graph, ox.BlankNode):
                raise KgError("a blank node cannot name a graph in a remote store", where=self.url)
            by_graph.setdefault(graph, []).append(ox.Triple(q.subject, q.predicate, q.object))
        for graph, triples in by_graph.items():
            params = [("graph", graph.value)] if isinstance(graph, ox.NamedNode) else [("default", "")]
            for batch in _batches(triples, self.batch_quads):
                self._http.post(self.endpoints.store, _serialized(batch, ox.RdfFormat.N_TRIPLES), _NT, params=params)

    def _update(self, update: str) -> None:
        self._writable()
        body = update.encode("utf-8")
        if len(body) > MAX_UPDATE_BYTES:
            raise KgError(f"the update is {len(body):,} bytes, more than a server accepts in one "
                          f"request ({MAX_UPDATE_BYTES:,} bytes)", where=self.endpoints.update)
        self._http.post(self.endpoints.update, body, "application/sparql-update")

    def _writable(self) -> None:
        if self.read_only:
            raise KgError("the store was opened read-only; this command does not write", where=self.url)

    def flush(self) -> None:
        """Nothing to do: a server answers an update or a GSP request after committing it."""

    # -- reading -------------------------------------------------------------------------

    def query(self, sparql: str, *, union: bool = True) -> Result:
        """Run a SPARQL query with the project's prefixes predeclared, like KgStore.query.

        The prefixes the query uses but does not declare are prepended on its first line, so
        the server's line numbers stay right (columns on line 1 shift). `union=True` asks for
        the union default graph the way the store URL's `union` option says.
        """
        params = [("union-default-graph", "")] if union and self.endpoints.union == "param" else []
        return self._run(with_prefixes(sparql), params)

    def _run(self, text: str, params: list[tuple[str, str]]) -> Result:
        answer = self._http.post(self.endpoints.query, text.encode("utf-8"), "application/sparql-query",
                                 accept=ACCEPT, params=params)
        return parse_answer(answer)

    def _select(self, sparql: str) -> ox.QuerySolutions:
        answer = self._http.post(self.endpoints.query, sparql.encode("utf-8"), "application/sparql-query",
                                 accept="application/sparql-results+json")
        return solutions(answer)

    def named_graphs(self) -> list[str]:
        """Every named graph on the server, sorted."""
        found = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(s["g"].value for s in found if isinstance(s["g"], ox.NamedNode))

    def quads(self, graph_iri: str | None = None) -> Iterator[ox.Quad]:
        """All quads (default graph included), or those of one named graph."""
        if graph_iri:
            graph = ox.NamedNode(_checked_iri(graph_iri))
            found = self._select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
            return iter([ox.Quad(s["s"], s["p"], s["o"], graph) for s in found])
        return iter(self._quads_of(None))

    def _quads_of(self, graph_iris: list[str] | None) -> list[ox.Quad]:
        if graph_iris is not None:
            values = " ".join(f"<{_checked_iri(g)}>" for g in graph_iris)
            where = f"VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }}"
        elif self.endpoints.union == "param":
            where = "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }"
        else:  # the default graph is the union there: reading it would repeat every triple
            where = "GRAPH ?g { ?s ?p ?o }"
        found = self._select(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}")
        return [ox.Quad(s["s"], s["p"], s["o"], s["g"] if s["g"] is not None else ox.DefaultGraph())
                for s in found]

    def __len__(self) -> int:
        where = ("{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }" if self.endpoints.union == "param"
                 else "GRAPH ?g { ?s ?p ?o }")
        found = list(self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))
        return int(found[0]["n"].value)

    def to_rdflib(self, graph_iris: Iterable[str] | None = None) -> rdflib.Graph:
        """The union of some (or all) named graphs as an rdflib Graph, e.g. for pySHACL."""
        wanted = None if graph_iris is None else list(graph_iris)
        quads = self._quads_of(wanted) if wanted is None or wanted else []
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        union = rdflib.Graph()
        union.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
        for prefix, iri in PREFIXES.items():
            union.bind(prefix, iri)
        return union

    def dump(self, out: io.BufferedIOBase, fmt: ox.RdfFormat, graph_iri: str | None = None) -> None:
        """Write the store (dataset formats) or one graph (any format), as KgStore.dump does."""
        if graph_iri:
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in self.quads(graph_iri)]
            if fmt.supports_datasets:  # as pyoxigraph's dump: the graph's triples in the default graph
                out.write(_serialized([ox.Quad(t.subject, t.predicate, t.object) for t in triples], fmt))
            else:
                out.write(_serialized(triples, fmt))
            return
        if not fmt.supports_datasets:
            raise KgError(f"{fmt.name} holds one graph; name a graph or use N-Quads or TriG", where="dump")
        out.write(_serialized(self._quads_of(None), fmt))


def replace_update(graphs: Mapping[str, Iterable[ox.Quad]]) -> str:
    """The text of one SPARQL update that drops and refills each graph (empty: nothing to do)."""
    parts: list[str] = []
    for graph_iri, quads in graphs.items():
        graph_iri = _checked_iri(graph_iri)
        parts.append(f"DROP SILENT GRAPH <{graph_iri}>")
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        if triples:
            body = _serialized(triples, ox.RdfFormat.N_TRIPLES).decode("utf-8")
            parts.append(f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}}} }}")
    return " ;\n".join(parts)


def build_remote(store: RemoteStore, graphs: dict[str, list[ox.Quad]]) -> None:
    """`kg build` for a remote store: the whole new state in ONE update request.

    The embedded build writes a staging folder and swaps it in; a server has no folder, but one
    SPARQL update is one transaction on the Oxigraph server, which gives the same promise:
    readers see the old store or the new one, and a failure leaves the old one. Like the
    embedded build, document graphs (`…/graph/doc/…`) that this build does not produce are
    carried over (ingested by hand), every other graph not in `graphs` is dropped, and on
    servers with a real default graph (`union=param`) the default graph is emptied.
    """
    stale = [g for g in store.named_graphs() if g not in graphs and not g.startswith(DOC_GRAPH_PREFIX)]
    parts = [f"DROP SILENT GRAPH <{_checked_iri(g)}>" for g in stale]
    if store.endpoints.union == "param":
        parts.append("DROP SILENT DEFAULT")
    body = replace_update(graphs)
    if body:
        parts.append(body)
    store._update(" ;\n".join(parts))


def _serialized(items: Iterable[ox.Triple] | Iterable[ox.Quad], fmt: ox.RdfFormat) -> bytes:
    data = ox.serialize(items, format=fmt)
    assert data is not None  # no output given: pyoxigraph returns the bytes
    return data


def _as_quads(graph_iri: str, content: rdflib.Graph | Iterable[ox.Quad]) -> list[ox.Quad]:
    graph_iri = _checked_iri(graph_iri)
    if isinstance(content, rdflib.Graph):
        return graph_to_quads(content, graph_iri)
    return [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(graph_iri)) for q in content]


def _checked_iri(iri: str) -> str:
    """Refuse a graph name that is not a valid IRI before it goes into a request's text."""
    try:
        return ox.NamedNode(iri).value
    except ValueError as exc:
        raise KgError(f"not a valid graph IRI: {iri!r} ({exc})") from exc


def _batches(triples: list[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    """Ground triples in chunks of `size`; all triples with a blank node in one chunk."""
    blank = [t for t in triples if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)]
    ground = [t for t in triples if not (isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode))]
    if blank:
        yield blank
    for start in range(0, len(ground), max(size, 1)):
        yield ground[start:start + size]


_DECLARED = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


def with_prefixes(sparql: str) -> str:
    """The query with PREFIX lines for the project prefixes it uses and does not declare.

    Declared on the query's first line (no newline), so line numbers in errors stay right.
    A prefix that only appears inside a string or IRI gets a harmless extra declaration.
    """
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    missing = [p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w.:-]){re.escape(p)}:", sparql)]
    if not missing:
        return sparql
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}> " for p in missing) + sparql
