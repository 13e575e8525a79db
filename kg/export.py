"""`kg export`: the graph in a standard RDF format, written by Oxigraph's serialisers."""

from __future__ import annotations

import pyoxigraph as ox

from kg.errors import KgError
from kg.namespaces import PREFIXES
from kg.store import KgStore

DATASET_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}


def export(store: KgStore, fmt: ox.RdfFormat, graph_iri: str | None = None) -> bytes:
    """Serialise the store (or one named graph).

    Graph formats (Turtle, N-Triples, JSON-LD) get the union of the named graphs, each triple
    written once; dataset formats (N-Quads, TriG) keep every graph apart.
    """
    if graph_iri and graph_iri not in store.named_graphs():
        raise KgError(f"no named graph {graph_iri!r} in the store", where="--graph")
    quads = list(store.quads(graph_iri))
    if fmt in DATASET_FORMATS:
        return ox.serialize(quads, format=fmt, prefixes=PREFIXES)
    triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
    return ox.serialize(triples, format=fmt, prefixes=PREFIXES)
