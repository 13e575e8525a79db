"""Counts that tell a user what is in the store: triples per graph, nodes per class."""

from __future__ import annotations

from kg.output import compact
from kg.store import KgStore

_GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
_CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class }
GROUP BY ?class ORDER BY DESC(?n) ?class
"""


def graph_counts(store: KgStore) -> list[tuple[str, int]]:
    """Triples in each named graph, by graph IRI."""
    return [(s["g"].value, int(s["n"].value)) for s in store.query(_GRAPH_COUNTS, union=False)]


def class_counts(store: KgStore) -> list[tuple[str, int]]:
    """Distinct nodes of each class (compact class names), largest first."""
    return [(compact(s["class"].value), int(s["n"].value)) for s in store.query(_CLASS_COUNTS)]
