"""What one chart shows: the structure on a date (as-of) and the part of the graph under a root.

Why separate from the model: the model is every relation the data states; a chart is a view of
it. Two rules make the view:

* **As of a day.** A body exists from `kg:existsFrom` (or the date of an establishment or
  replacement event that results in it) until `kg:existsUntil` (or an abolition or
  replacement event that ends it), end day excluded. A local body that is `kg:instanceOf` a
  statutory institution also ends when the institution is abolished or replaced nationally
  (the local LSCBs end on 2019-09-29 at the latest; a local event may end one earlier) and,
  when it has no start date of its own, starts when the institution's replacement or
  establishment event says (the local safeguarding partnership "after"). Posts, units and
  seats inside a body that is gone go with it; post holders are filtered by tenure dates.
* **Scope.** Everything under the root (units, committees, posts, people with seats, posts
  reporting into it), then `depth` hops along org relations to the bodies around it
  (partnerships it belongs to, hosts, agencies that deliver for it, the institutions its local
  bodies are instances of), then the statutory links of what is shown, as leaves.
"""

from __future__ import annotations

from datetime import date

import networkx as nx

from kg.errors import KgError
from kg.orgchart_model import (
    LEGAL_KINDS,
    ORG_KINDS,
    STATUTORY_KINDS,
    Event,
    held_on,
    set_holders,
)

#: Relations that put the source "under" the target (walked inwards to collect a root's contents).
INWARD_KINDS = frozenset({"part-of", "reports-to", "chairs"})
_STARTS = frozenset({"Establishment", "Replacement"})
_ENDS = frozenset({"Abolition", "Replacement"})


def lifespan(graph: nx.MultiDiGraph, node: str) -> tuple[date | None, date | None]:
    """(first day, first day no longer existing) of a node, from its dates, its events and its institution."""
    attrs = graph.nodes[node]
    events: list[Event] = graph.graph.get("events", [])
    start = _day(attrs.get("exists_from"))
    own_starts = [e.date for e in events if e.resulting == node and e.type in _STARTS]
    if start is None and own_starts:
        start = min(own_starts)
    ends = [d for d in [_day(attrs.get("exists_until"))] if d is not None]
    ends += [e.date for e in events if e.original == node and e.type in _ENDS]
    for institution in attrs.get("instance_of", []):
        if institution not in graph:
            continue
        ends += [d for d in [_day(graph.nodes[institution].get("exists_until"))] if d is not None]
        ends += [e.date for e in events if e.original == institution and e.type in _ENDS]
        if start is None:
            national = [e.date for e in events if e.resulting == institution and e.type in _STARTS]
            start = max(national) if national else _day(graph.nodes[institution].get("exists_from"))
    return start, (min(ends) if ends else None)


def exists_on(graph: nx.MultiDiGraph, node: str, day: date) -> bool:
    start, end = lifespan(graph, node)
    return (start is None or start <= day) and (end is None or day < end)


def as_of(graph: nx.MultiDiGraph, day: date) -> nx.MultiDiGraph:
    """A copy of the graph showing only what existed (and who held which post) on `day`."""
    out = graph.copy()
    gone = {n for n in out.nodes if not exists_on(out, n, day)}
    tenures = {t.membership: t for t in out.graph.get("tenures", [])}
    for u, v, k, data in list(out.edges(keys=True, data=True)):
        tenure = tenures.get(data.get("membership", ""))
        if tenure is not None and not held_on(tenure, day):
            out.remove_edge(u, v, key=k)
    changed = True
    while changed:  # a post or unit whose every container is gone goes too
        changed = False
        for node in list(out.nodes):
            if node in gone:
                continue
            parents = [v for _, v, k in out.out_edges(node, keys=True) if k in INWARD_KINDS - {"reports-to"}]
            if parents and all(p in gone for p in parents):
                gone.add(node)
                changed = True
    out.remove_nodes_from(gone)
    seatless = [n for n, a in out.nodes(data=True) if a.get("type") == "person" and out.degree(n) == 0]
    out.remove_nodes_from(seatless)
    out.graph["as_of"] = day.isoformat()
    set_holders(out, out.graph.get("tenures", []), as_of=day)
    return out


def scope(graph: nx.MultiDiGraph, root: str, *, depth: int = 1, statutory: bool = True) -> set[str]:
    """The nodes of a chart of `root`: its contents, `depth` org hops around them, statutory leaves."""
    if depth < 0:
        raise KgError(f"--depth must be 0 or more, not {depth}", where="--depth")
    if root not in graph:
        return set()
    # Local bodies are named under their council (kgid:body/{council}/{slug}, the IRI contract in
    # ontology/README.md): a board with no stated link to the council is still one of its bodies.
    inside = {root} | {n for n in graph.nodes if n.startswith(root + "/")}
    todo = sorted(inside)
    while todo:
        node = todo.pop()
        for src, _, kind in graph.in_edges(node, keys=True):
            person_seat = kind == "member-of" and graph.nodes[src].get("type") == "person"
            if (kind in INWARD_KINDS or person_seat) and src not in inside:
                inside.add(src)
                todo.append(src)
    shown = set(inside)
    frontier = set(inside)
    for _ in range(depth):
        reached: set[str] = set()
        for node in frontier:
            for _, other, kind in graph.out_edges(node, keys=True):
                if kind in ORG_KINDS or kind == "succeeded-by":
                    reached.add(other)
            for other, _, kind in graph.in_edges(node, keys=True):
                if kind in ORG_KINDS or kind == "succeeded-by":
                    reached.add(other)
        frontier = reached - shown
        shown |= frontier
    if statutory:
        for node in list(shown):
            if graph.nodes[node].get("type") in {"provision", "duty"}:
                continue
            shown |= {v for _, v, k in graph.out_edges(node, keys=True) if k in STATUTORY_KINDS}
    return shown


def chart_subgraph(graph: nx.MultiDiGraph, nodes: set[str]) -> nx.MultiDiGraph:
    """The nodes with the relations among them, minus legislation-to-legislation edges."""
    sub = graph.subgraph(nodes).copy()
    sub.remove_edges_from([
        (u, v, k) for u, v, k in sub.edges(keys=True)
        if k in LEGAL_KINDS and k != "succeeded-by"
    ])
    return sub


def check_reporting_lines(graph: nx.MultiDiGraph) -> None:
    """Raise a KgError naming the posts if reporting lines (org:reportsTo) go round in a circle."""
    lines = nx.DiGraph((u, v) for u, v, k in graph.edges(keys=True) if k == "reports-to")
    try:
        cycle = nx.find_cycle(lines)
    except nx.NetworkXNoCycle:
        return
    names = [graph.nodes[u].get("label", u) for u, _ in cycle]
    names.append(names[0])
    raise KgError("reporting lines go round in a circle: " + " -> ".join(names))


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
