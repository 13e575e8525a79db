"""The home page: how much of each kind the graph holds, and where to start."""

from __future__ import annotations

from flask import Blueprint, render_template

from webui.context import select, value
from webui.kinds import KINDS

bp = Blueprint("home", __name__)

_COUNT = """
SELECT ?kind (COUNT(DISTINCT ?node) AS ?n) WHERE {
  ?node a ?class .
}
GROUP BY ?kind
"""


def kind_counts() -> dict[str, int]:
    """Distinct nodes per kind (a node with two classes of one kind counts once)."""
    pairs = " ".join(f'("{k.key}" <{c}>)' for k in KINDS for c in k.classes)
    query = _COUNT.replace("WHERE {", "WHERE {\n  VALUES (?kind ?class) { " + pairs + " }", 1)
    found = {value(r["kind"]): int(value(r["n"]) or 0) for r in select(query)}
    return {k.key: found.get(k.key, 0) for k in KINDS}


@bp.route("/")
def index() -> str:
    """Counts by kind, entry points and a search box."""
    return render_template("home.html", counts=kind_counts(), kinds=KINDS)
