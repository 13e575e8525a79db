"""The slice of pyoxigraph's `Store` API the web UI uses, answered by a remote store.

Why: the web UI reaches past KgStore to `store.oxigraph` for two things KgStore does not
offer: `quads_for_pattern` (entity pages, neighbourhood graphs) and `query` with the SPARQL
protocol's dataset options (the public /sparql endpoint). `RemoteStore.oxigraph` returns this
object so those callers run unchanged against a server. Each call maps onto the protocol:

* `quads_for_pattern(s, p, o, g)` is one SELECT; `g=None` reads every graph, the default
  graph included, as pyoxigraph does. A blank node cannot be named in standard SPARQL (a
  `_:x` in a query is a fresh variable), so a pattern with one finds nothing here;
* `query(..., default_graph=, named_graphs=)` sends `default-graph-uri` and `named-graph-uri`;
  `use_default_graph_as_union` follows the store URL's `union` option; `prefixes` and
  `base_iri` become PREFIX and BASE declarations on the query's first line;
* an HTTP 400 (the server refused the query text) is raised as `SyntaxError`, the exception
  pyoxigraph raises, so the web UI's 400 handling stays the same; anything else is a KgError.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, cast

import pyoxigraph as ox

from kg.sparql_http import HttpStatusError

if TYPE_CHECKING:
    from kg.remote_store import RemoteStore
    from kg.sparql_results import Result

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Subject = ox.NamedNode | ox.BlankNode | ox.Triple


class RemoteOxigraph:
    """pyoxigraph-compatible `quads_for_pattern` and `query` over a RemoteStore's endpoints."""

    def __init__(self, store: RemoteStore) -> None:
        self._store = store

    def quads_for_pattern(
        self,
        subject: Term | None,
        predicate: ox.NamedNode | None,
        object: Term | None,  # noqa: A002 - pyoxigraph's parameter name
        graph_name: ox.NamedNode | ox.DefaultGraph | None = None,
    ) -> Iterator[ox.Quad]:
        """The matching quads, read completely before the first is returned."""
        if any(isinstance(t, ox.BlankNode) for t in (subject, object, graph_name)):
            return iter([])
        s, p, o = (str(t) if t is not None else v for t, v in ((subject, "?s"), (predicate, "?p"), (object, "?o")))
        pattern = f"{s} {p} {o}"
        if isinstance(graph_name, ox.NamedNode):
            where = f"GRAPH {graph_name} {{ {pattern} }} BIND({graph_name} AS ?g)"
        elif isinstance(graph_name, ox.DefaultGraph):
            where = pattern
        elif self._store.endpoints.union == "param":
            where = f"{{ {pattern} }} UNION {{ GRAPH ?g {{ {pattern} }} }}"
        else:
            where = f"GRAPH ?g {{ {pattern} }}"
        found = self._store._select(f"SELECT * WHERE {{ {where} }}")
        quads = [
            ox.Quad(
                cast(Subject, subject if subject is not None else row["s"]),
                cast(ox.NamedNode, predicate if predicate is not None else row["p"]),
                object if object is not None else row["o"],
                cast(ox.NamedNode, row["g"]) if row["g"] is not None else ox.DefaultGraph(),
            )
            for row in found
        ]
        return iter(quads)

    def query(
        self,
        query: str,
        *,
        base_iri: str | None = None,
        use_default_graph_as_union: bool = False,
        default_graph: ox.NamedNode | ox.DefaultGraph | Iterable[ox.NamedNode | ox.DefaultGraph] | None = None,
        named_graphs: Iterable[ox.NamedNode | ox.BlankNode] | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> Result:
        """pyoxigraph's `Store.query`, keyword for keyword (no `substitutions`, no custom functions)."""
        params: list[tuple[str, str]] = []
        if default_graph is not None:
            graphs = [default_graph] if isinstance(default_graph, (ox.NamedNode, ox.DefaultGraph)) else default_graph
            params += [("default-graph-uri", g.value) for g in graphs if isinstance(g, ox.NamedNode)]
        if named_graphs is not None:
            params += [("named-graph-uri", g.value) for g in named_graphs if isinstance(g, ox.NamedNode)]
        if use_default_graph_as_union and not params and self._store.endpoints.union == "param":
            params.append(("union-default-graph", ""))
        prologue = f"BASE <{ox.NamedNode(base_iri).value}> " if base_iri else ""
        prologue += "".join(f"PREFIX {p}: <{ox.NamedNode(iri).value}> " for p, iri in (prefixes or {}).items())
        try:
            return self._store._run(prologue + query, params)
        except HttpStatusError as exc:
            if exc.status == 400:
                raise SyntaxError(exc.message) from None
            raise
