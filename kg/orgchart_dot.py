"""Graphviz DOT for an org chart: top-down ranks, clusters for units and boards, a legend.

Why hand-written DOT rather than networkx's pydot writer: the chart needs org-chart layout
(managers above their reports, which means reversing hierarchy edges with `dir=back`), nested
clusters, a legend, per-kind edge styles, links for the web UI and careful escaping; pydot
is not installed and would still need all of that. Labels are escaped here for DOT (quotes,
backslashes, entities); Graphviz's SVG writer then escapes them again for XML.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import networkx as nx

#: Node types drawn as a box around what is part of them.
CLUSTER_TYPES = frozenset({"department", "committee", "board", "partnership"})
#: Edge kinds drawn parent-above-child (the edge is emitted target -> source with dir=back);
#: a person's seat on a committee is drawn the same way.
HIERARCHY_KINDS = frozenset({"reports-to", "part-of", "chairs"})

NODE_STYLES: dict[str, str] = {
    "council": 'shape=box3d, style="filled", fillcolor="#dbe9f6", penwidth=2',
    "department": 'shape=folder, style="filled", fillcolor="#e8f1e4"',
    "committee": 'shape=box, style="rounded,filled", fillcolor="#fdf1d6"',
    "board": 'shape=hexagon, style="filled", fillcolor="#f6e0ec"',
    "partnership": 'shape=hexagon, style="filled", fillcolor="#efe3f7"',
    "institution": 'shape=component, style="filled,dashed", fillcolor="#f2f2f2"',
    "national-body": 'shape=house, style="filled", fillcolor="#e1e1f7"',
    "body": 'shape=box, style="filled", fillcolor="#eeeeee"',
    "post": 'shape=box, style="rounded,filled", fillcolor="#ffffff"',
    "person": 'shape=ellipse, style="filled", fillcolor="#fffbe6"',
    "duty": 'shape=note, style="filled", fillcolor="#fbf3e4", fontsize=10',
    "provision": 'shape=note, style="filled", fillcolor="#f7f7f0", fontsize=10',
}
EDGE_STYLES: dict[str, str] = {
    "reports-to": 'color="#1f2d3d", penwidth=2',
    "part-of": 'color="#8a8a8a", arrowhead=none, arrowtail=none',
    "member-of": 'color="#3465a4", arrowhead=odot',
    "chairs": 'color="#2e7d32", penwidth=1.5',
    "advises": 'color="#6a1b9a", arrowhead=vee',
    "accountable-to": 'color="#6a1b9a", arrowhead=normal',
    "for-area-of": 'color="#3465a4", arrowhead=none',
    "hosted-by": 'color="#e65100", arrowhead=diamond',
    "delivers-for": 'color="#e65100", arrowhead=vee',
    "instance-of": 'color="#9e9e9e", style=dotted, arrowhead=empty',
    "statutory": 'color="#8d6e63", style=dotted, arrowhead=open',
    "legal-basis": 'color="#8d6e63", style=dotted, arrowhead=open',
    "succeeded-by": 'color="#455a64", arrowhead=normal',
}
#: Kinds whose edges carry a text label (the others are clear from their style and the legend).
LABELLED_KINDS = frozenset({"chairs", "advises", "accountable-to", "for-area-of", "hosted-by", "delivers-for", "succeeded-by"})

Linker = Callable[[str], str]


def dot_string(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, `&` as an entity, newlines as \\n."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    text = text.replace("\r", "").replace("\n", "\\n")
    return f'"{text}"'


def display_label(graph: nx.MultiDiGraph, node: str, *, width: int = 32) -> str:
    """The label as drawn: without the root council's name repeated after a comma, wrapped, with holders.

    "Head of the Virtual School, Bath and North East Somerset Council" on the B&NES chart is
    "Head of the Virtual School"; long labels wrap so a rank of siblings stays readable.
    """
    attrs = graph.nodes[node]
    label = str(attrs.get("label", node))
    root = graph.graph.get("root")
    if root and node != root and root in graph:
        suffix = ", " + str(graph.nodes[root].get("label", ""))
        if label.endswith(suffix) and len(label) > len(suffix):
            label = label[: -len(suffix)]
    lines = textwrap.wrap(label, width=width, break_long_words=False, break_on_hyphens=False) or [label]
    holders = attrs.get("holders")
    if isinstance(holders, list) and holders:
        lines.append("(" + ", ".join(str(h) for h in holders) + ")")
    return "\n".join(lines)


def cluster_owners(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Node -> the department/committee/board it is drawn inside (only strict nesting, no cycles)."""
    owners: dict[str, str] = {}
    for node in sorted(graph.nodes):
        parents = sorted(
            v for _, v, k in graph.out_edges(node, keys=True)
            if k == "part-of" and graph.nodes[v].get("type") in CLUSTER_TYPES and v != node
        )
        if parents:
            owners[node] = parents[0]
    for node in list(owners):  # break any loop of units inside each other
        seen = {node}
        up = owners.get(node)
        while up is not None:
            if up in seen:
                del owners[node]
                break
            seen.add(up)
            up = owners.get(up)
    return owners


def _node_line(graph: nx.MultiDiGraph, node: str, ids: dict[str, str], link: Linker | None) -> str:
    attrs = graph.nodes[node]
    parts = [f"label={dot_string(display_label(graph, node))}", NODE_STYLES.get(str(attrs.get("type")), NODE_STYLES["body"])]
    parts.append(f"tooltip={dot_string(str(attrs.get('type', '')) + ': ' + node)}")
    if attrs.get("confidence") == "inferred":
        parts.append('color="#9e9e9e"')
    if node == graph.graph.get("root"):
        parts.append("penwidth=3")
    if link is not None:
        href = dot_string(link(node))
        parts.append(f"URL={href}, target=\"_top\"")
    return f"{ids[node]} [{', '.join(parts)}];"


def _edge_line(graph: nx.MultiDiGraph, u: str, v: str, kind: str, ids: dict[str, str], *, sideways: bool = True) -> str:
    data = graph.edges[u, v, kind]
    parts = [EDGE_STYLES.get(kind, "")]
    inferred = data.get("status") == "inferred"
    text = kind.replace("-", " ") if kind in LABELLED_KINDS else ""
    if inferred:
        parts.append("style=dashed")
        text = (text + " " if text else "") + "(inferred)"
    if text:  # xlabel, not label: Graphviz 2.43 crashes on labelled flat edges inside clusters
        parts.append(f"xlabel={dot_string(text)}, fontsize=9")
    sources = data.get("sources") or []
    tip = f"{kind} ({data.get('status', 'curated')})" + (": " + " ".join(sources) if sources else "")
    parts.append(f"tooltip={dot_string(tip)}")
    seat = kind == "member-of" and graph.nodes[u].get("type") == "person"
    if kind in HIERARCHY_KINDS or seat:  # keep the manager/container above: draw v -> u, arrow back to v
        parts.append("dir=back")
        return f"{ids[v]} -> {ids[u]} [{', '.join(p for p in parts if p)}];"
    if sideways:
        parts.append("constraint=false")  # sideways relations must not bend the hierarchy
    return f"{ids[u]} -> {ids[v]} [{', '.join(p for p in parts if p)}];"


def _legend(graph: nx.MultiDiGraph) -> list[str]:
    kinds = sorted({k for _, _, k in graph.edges(keys=True)})
    inferred = any(d.get("status") == "inferred" for _, _, d in graph.edges(data=True))
    lines = ["subgraph cluster_legend {", '  label="Legend"; fontsize=10; style="rounded"; color="#bbbbbb";',
             '  node [shape=plaintext, style="", fontsize=9, width=0.1, height=0.1, label=""];']
    rows = [(k, EDGE_STYLES.get(k, ""), k.replace("-", " ")) for k in kinds]
    if inferred:
        rows.append(("inferred", "style=dashed", "inferred (not stated in a source)"))
    for i, (_, style, text) in enumerate(rows):
        lines.append(f"  legend{i}a; legend{i}b [label={dot_string(text)}];")
        lines.append(f"  {{ rank=same; legend{i}a; legend{i}b; }}")
        lines.append(f"  legend{i}a -> legend{i}b [{style + ', ' if style else ''}minlen=2];")
    if len(rows) > 1:
        lines.append("  " + " -> ".join(f"legend{i}a" for i in range(len(rows))) + " [style=invis];")
    lines.append("}")
    return lines if rows else []


def to_dot(graph: nx.MultiDiGraph, *, link: Linker | None = None, sideways: bool = True) -> str:
    """The chart as DOT: rankdir=TB, clusters, styled edges (dashed when inferred), a legend.

    `sideways=False` lets every edge rank the nodes: a plainer layout, kept as the fallback for
    the Graphviz versions that crash on some charts with unconstrained edges.
    """
    ids = {node: f"n{i}" for i, node in enumerate(sorted(graph.nodes))}
    owners = cluster_owners(graph)
    children: dict[str | None, list[str]] = {}
    for node in sorted(graph.nodes):
        children.setdefault(owners.get(node), []).append(node)
    title = str(graph.graph.get("title", "Organisation chart"))
    lines = [
        "digraph orgchart {",
        f"  graph [rankdir=TB, label={dot_string(title)}, labelloc=t, fontsize=16, fontname=\"Helvetica\", "
        "compound=true, newrank=true, forcelabels=true, nodesep=0.3, ranksep=0.6];",
        '  node [fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]

    def emit(owner: str | None, indent: str) -> None:
        for node in children.get(owner, []):
            if node in children:
                lines.append(f"{indent}subgraph cluster_{ids[node]} {{")
                lines.append(f"{indent}  label={dot_string(display_label(graph, node, width=60))}; "
                             "style=\"rounded,dashed\"; color=\"#9fb3c8\";")
                lines.append(f"{indent}  {_node_line(graph, node, ids, link)}")
                emit(node, indent + "  ")
                lines.append(f"{indent}}}")
            else:
                lines.append(f"{indent}{_node_line(graph, node, ids, link)}")

    emit(None, "  ")
    leaves = [ids[n] for n, t in sorted(graph.nodes(data="type")) if t in {"provision", "duty"} and n not in owners]
    if leaves:  # the law at the foot of the chart
        lines.append("  { rank=sink; " + "; ".join(leaves) + "; }")
    for u, v, kind in sorted(graph.edges(keys=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2])):
        lines.append("  " + _edge_line(graph, u, v, kind, ids, sideways=sideways))
    lines.extend("  " + line for line in _legend(graph))
    lines.append("}")
    return "\n".join(lines) + "\n"
