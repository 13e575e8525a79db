"""Search by label and alias: exact match first, then prefix, then contains; case-insensitive.

Looks in skos:prefLabel, skos:altLabel, foaf:name, dct:title and rdfs:label, so "CSWA 2017"
finds the Children and Social Work Act through its alias. The search text is bound as a
literal, never pasted into the query.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from flask import Blueprint, abort, render_template, request

from kg.labels import labels
from webui.context import get_store, select, value
from webui.kinds import BY_KEY, KINDS, kind_of
from webui.listing import twin
from webui.terms import NodeView, iri_views

bp = Blueprint("search", __name__)

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 200

_SEARCH = """
SELECT ?node ?text ?prop WHERE {
  VALUES ?prop { skos:prefLabel skos:altLabel foaf:name dct:title rdfs:label }
  ?node ?prop ?text .
  FILTER (isIRI(?node) && isLiteral(?text) && CONTAINS(LCASE(STR(?text)), LCASE(STR(?q))))
}
"""

_TYPES = """
SELECT ?node ?type WHERE { ?node a ?type }
"""


@dataclass(frozen=True)
class Hit:
    node: NodeView
    matched: str
    rank: int  # 0 exact, 1 prefix, 2 contains
    kind: str | None


def rank(text: str, q: str) -> int:
    """0 when the whole label matches, 1 when it starts with the search text, else 2."""
    text, q = text.casefold(), q.casefold()
    return 0 if text == q else 1 if text.startswith(q) else 2


def search(q: str, kind_key: str | None = None) -> list[Hit]:
    """Nodes whose label or alias contains `q`, best match first, optionally of one kind."""
    best: dict[str, tuple[int, str]] = {}
    for row in select(_SEARCH, q=ox.Literal(q)):
        node, text = value(row["node"]) or "", value(row["text"]) or ""
        candidate = (rank(text, q), text)
        if node not in best or candidate < best[node]:
            best[node] = candidate
    types: dict[str, set[str]] = {n: set() for n in best}
    if best:
        values = " ".join(f"<{ox.NamedNode(n).value}>" for n in best)
        for row in select(_TYPES.replace("WHERE {", "WHERE { VALUES ?node { " + values + " }", 1)):
            types[value(row["node"]) or ""].add(value(row["type"]) or "")
    wanted = BY_KEY[kind_key] if kind_key else None
    nodes = [n for n in best if wanted is None or types[n].intersection(wanted.classes)]
    names = labels(get_store(), nodes)
    hits = sorted(nodes, key=lambda n: (best[n][0], names[n].casefold(), n))[:MAX_RESULTS]
    views = iri_views(hits)
    return [Hit(views[n], best[n][1], best[n][0], (kind_of(types[n]).label if kind_of(types[n]) else None))
            for n in hits]


@bp.route("/search")
def search_page() -> object:
    """The search form and its results (also as JSON and CSV)."""
    q = request.args.get("q", "").strip()
    kind_key = request.args.get("type") or None
    if kind_key is not None and kind_key not in BY_KEY:
        abort(400, f"unknown type {kind_key!r}; use one of: {', '.join(BY_KEY)}")
    if len(q) > MAX_QUERY_LENGTH:
        abort(400, f"search text longer than {MAX_QUERY_LENGTH} characters")
    hits = search(q, kind_key) if q else []
    rows = [{"iri": h.node.value, "label": h.node.label, "matched": h.matched,
             "match": ("exact", "prefix", "contains")[h.rank], "kind": h.kind} for h in hits]
    columns = ["iri", "label", "matched", "match", "kind"]
    return twin(columns, rows, lambda: render_template(
        "search/results.html", q=q, hits=hits, kinds=KINDS, kind_key=kind_key), "search")
