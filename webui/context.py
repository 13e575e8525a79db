"""The store the app serves, and the one way views run their own (fixed, parameterised) SPARQL.

Views never paste user input into query text: values are bound as RDF terms with
`kg.queries.with_values`, which puts a VALUES block at the start of the WHERE group.
"""

from __future__ import annotations

from typing import Union

import pyoxigraph as ox
from flask import current_app

from kg.queries import with_values
from kg.store import KgStore

Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]
Row = dict[str, Union[Term, None]]


def get_store() -> KgStore:
    """The store opened by the app factory."""
    store = current_app.extensions["kg"]
    assert hasattr(store, "named_graphs")  # a KgStore or a RemoteStore (same methods)
    return store


def select(sparql: str, **bindings: ox.NamedNode | ox.Literal) -> list[Row]:
    """Run one of the app's own SELECT queries with values bound; rows of terms by variable."""
    result = get_store().query(with_values(sparql, bindings) if bindings else sparql)
    assert isinstance(result, ox.QuerySolutions)
    columns = [v.value for v in result.variables]
    return [{c: s[c] for c in columns} for s in result]


def value(term: Term | None) -> str | None:
    """A term's plain value (IRI text, literal lexical form), None when unbound."""
    if term is None:
        return None
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value
