"""Running a user's SPARQL text: the guard first, then pyoxigraph with the right dataset.

The default graph is the union of the named graphs (analysts need no GRAPH clauses), unless
the query names its own dataset with FROM / FROM NAMED, or the protocol's
`default-graph-uri` / `named-graph-uri` parameters do; those override FROM, as the
SPARQL 1.1 Protocol says. Graph IRIs are only ever graph names: nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Union

import pyoxigraph as ox
from flask import current_app
from werkzeug.exceptions import BadRequest

from kg.namespaces import PREFIXES
from webui.context import get_store
from webui.sparql_guard import check_query

Result = Union[ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples]


def _graph_nodes(iris: Sequence[str], parameter: str) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(i) for i in iris]
    except ValueError as exc:
        raise BadRequest(f"{parameter}: not a valid IRI ({exc})") from exc


def run_user_query(text: str, *, base_iri: str | None, default_graphs: Sequence[str] = (),
                   named_graphs: Sequence[str] = ()) -> Result:
    """Check and run a query from outside; 400/403 for refused text, never a crash."""
    config = current_app.config
    checked = check_query(text, config["SPARQL_MAX_BYTES"], config["SPARQL_MAX_DEPTH"])
    options: dict[str, object] = {"prefixes": PREFIXES, "base_iri": base_iri}
    if default_graphs or named_graphs:
        options["default_graph"] = _graph_nodes(default_graphs, "default-graph-uri")
        options["named_graphs"] = _graph_nodes(named_graphs, "named-graph-uri")
    elif not checked.has_dataset_clause:
        options["use_default_graph_as_union"] = True
    try:
        return get_store().oxigraph.query(checked.text, **options)  # type: ignore[arg-type]
    except SyntaxError as exc:
        raise BadRequest(f"SPARQL syntax error: {exc}") from exc
    except ValueError as exc:
        raise BadRequest(f"invalid query: {exc}") from exc
