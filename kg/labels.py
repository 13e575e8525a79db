"""Human labels for nodes: the one display-label order used by the CLI, web UI and org charts.

Order: skos:prefLabel (bodies, posts, concepts), foaf:name (people), dct:title (documents,
legislation), rdfs:label (terms, duties); English or untagged first. A node with none of these
is shown by its compact IRI, so nothing is ever blank.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.output import compact
from kg.store import KgStore

LABEL_PROPERTIES = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://xmlns.com/foaf/0.1/name",
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2000/01/rdf-schema#label",
)

_LABELS = """
SELECT ?node ?p ?label WHERE {
  VALUES ?p { skos:prefLabel foaf:name dct:title rdfs:label }
  ?node ?p ?label .
  FILTER (isLiteral(?label) && (LANG(?label) = "" || LANGMATCHES(LANG(?label), "en")))
}
"""


def labels(store: KgStore, iris: Iterable[str]) -> dict[str, str]:
    """The display label of each IRI, in one query; unlabelled IRIs map to their compact form."""
    wanted = sorted(set(iris))
    found: dict[str, tuple[int, str]] = {}
    if wanted:
        values = " ".join(f"<{ox.NamedNode(i).value}>" for i in wanted)
        query = _LABELS.replace("WHERE {", "WHERE {\n  VALUES ?node { " + values + " }", 1)
        for solution in store.query(query):
            node, prop, text = solution["node"].value, solution["p"].value, solution["label"].value
            rank = LABEL_PROPERTIES.index(prop)
            if node not in found or (rank, text) < found[node]:
                found[node] = (rank, text)
    return {iri: found[iri][1] if iri in found else compact(iri) for iri in wanted}


def label(store: KgStore, iri: str) -> str:
    """The display label of one node."""
    return labels(store, [iri])[iri]

