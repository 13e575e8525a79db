"""Questions a chart raises, answered with networkx over the organisation graph.

Why: "who does this post report to, up to the top?", "how many people are under this
director?", "how is the Virtual School connected to Social Work England?" and "which bodies
hold the structure together?" are the follow-ups a scrutiny panel asks once it has the chart.
Each function takes the graph from `kg.orgchart.org_graph` (or a chart) and a node IRI; the
reporting functions refuse graphs whose reporting lines form a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from kg.errors import KgError
from kg.orgchart_model import BODY_TYPES, EDGE_KINDS, ORG_KINDS
from kg.orgchart_scope import check_reporting_lines


@dataclass(frozen=True)
class Step:
    """One hop of a path: from a node to the next, over an edge of `kind` (forward or against it)."""

    source: str
    target: str
    kind: str
    forward: bool
    status: str


def _need(graph: nx.MultiDiGraph, node: str) -> None:
    if node not in graph:
        raise KgError("not in the organisation graph (or not on that date)", where=node)


def _reporting(graph: nx.MultiDiGraph) -> nx.DiGraph:
    check_reporting_lines(graph)
    lines = nx.DiGraph()
    lines.add_edges_from((u, v) for u, v, k in graph.edges(keys=True) if k == "reports-to")
    return lines


def reporting_chain(graph: nx.MultiDiGraph, post: str) -> list[str]:
    """The post, its manager, the manager's manager ... up to a post that reports to no one.

    Where a post reports to two managers the chain follows the first by IRI; `managers` lists all.
    """
    _need(graph, post)
    lines = _reporting(graph)
    chain = [post]
    while chain[-1] in lines and list(lines.successors(chain[-1])):
        chain.append(sorted(lines.successors(chain[-1]))[0])
    return chain


def managers(graph: nx.MultiDiGraph, post: str) -> list[str]:
    """Every post the post reports to directly."""
    _need(graph, post)
    return sorted(v for _, v, k in graph.out_edges(post, keys=True) if k == "reports-to")


def containers(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """What the node is part of, up to the top (unit, department, council), first parent by IRI."""
    _need(graph, node)
    out: list[str] = []
    current = node
    while True:
        parents = sorted(v for _, v, k in graph.out_edges(current, keys=True) if k == "part-of" and v not in out and v != node)
        if not parents:
            return out
        current = parents[0]
        out.append(current)


@dataclass(frozen=True)
class Span:
    """Span of control: the posts reporting directly, and everyone below at any depth."""

    post: str
    direct: list[str]
    total: list[str]


def span_of_control(graph: nx.MultiDiGraph, post: str) -> Span:
    _need(graph, post)
    lines = _reporting(graph)
    if post not in lines:
        return Span(post, [], [])
    return Span(post, sorted(lines.predecessors(post)), sorted(nx.ancestors(lines, post)))


def _undirected(graph: nx.MultiDiGraph, kinds: tuple[str, ...]) -> nx.Graph:
    """A simple undirected graph over the given kinds, built in sorted order so ties break the same way."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for u, v, k in sorted(graph.edges(keys=True)):
        if k in kinds and not simple.has_edge(u, v):
            simple.add_edge(u, v)
    return simple


def shortest_path(graph: nx.MultiDiGraph, a: str, b: str, *, kinds: tuple[str, ...] = EDGE_KINDS) -> list[Step]:
    """The shortest chain of relations (either direction) between two nodes; KgError if none."""
    _need(graph, a)
    _need(graph, b)
    simple = _undirected(graph, kinds)
    try:
        nodes = nx.shortest_path(simple, a, b)
    except nx.NetworkXNoPath as exc:
        raise KgError(f"no chain of relations connects {graph.nodes[a]['label']} and {graph.nodes[b]['label']}") from exc
    steps = []
    for u, v in pairwise(nodes):
        forward = [k for k in sorted(graph[u].get(v, {})) if k in kinds]
        if forward:
            steps.append(Step(u, v, forward[0], True, graph.edges[u, v, forward[0]]["status"]))
        else:
            back = sorted(k for k in graph[v][u] if k in kinds)[0]
            steps.append(Step(u, v, back, False, graph.edges[v, u, back]["status"]))
    return steps


def central_bodies(graph: nx.MultiDiGraph, top: int = 10) -> list[tuple[str, float]]:
    """Bodies that lie on most shortest paths between others (betweenness over org relations).

    Only organisational relations count (not legislation), so the answer is about structure:
    a partnership joining five councils scores high, an Act cited by everyone does not.
    """
    if top < 1:
        raise KgError(f"--top must be 1 or more, not {top}", where="--top")
    org_nodes = [n for n, t in graph.nodes(data="type") if t in BODY_TYPES | {"post", "person"}]
    simple = _undirected(graph.subgraph(org_nodes), ORG_KINDS + ("succeeded-by",))
    scores = nx.betweenness_centrality(simple, normalized=True)
    bodies = [(n, s) for n, s in scores.items() if graph.nodes[n].get("type") in BODY_TYPES]
    bodies.sort(key=lambda item: (-item[1], graph.nodes[item[0]].get("label", item[0])))
    return bodies[:top]
