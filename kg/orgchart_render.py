"""Drawing a chart graph: Graphviz DOT (and SVG/PNG through `dot`), Mermaid, GraphML and JSON.

Why these formats: DOT/SVG is the printable org chart the scrutiny panel asked for; Mermaid
renders inside GitHub/GitLab Markdown; GraphML opens in yEd and Gephi; the JSON shape
({"nodes": [{"data": ...}], "edges": [{"data": ...}]}) is what Cytoscape.js reads and is easy
for D3. Every label goes through the escaping of the target format, because names like
"Children's Services" or "Developments & Partnerships" are the norm, not the exception.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Callable

import networkx as nx

from kg.errors import KgError
from kg.orgchart_dot import cluster_owners, display_label, to_dot

__all__ = ["FORMATS", "render", "to_dot", "to_mermaid", "to_graphml", "to_json", "run_dot", "cluster_owners"]

FORMATS = ("dot", "svg", "png", "mermaid", "graphml", "json")
MEDIA_TYPES = {
    "dot": "text/vnd.graphviz; charset=utf-8",
    "svg": "image/svg+xml",
    "png": "image/png",
    "mermaid": "text/plain; charset=utf-8",
    "graphml": "application/graphml+xml",
    "json": "application/json",
}
EXTENSIONS = {"dot": "dot", "svg": "svg", "png": "png", "mermaid": "mmd", "graphml": "graphml", "json": "json"}

Linker = Callable[[str], str]


def render(graph: nx.MultiDiGraph, fmt: str, *, link: Linker | None = None) -> bytes:
    """The chart in one of `FORMATS`, as bytes ready to write or serve."""
    if fmt == "dot":
        return to_dot(graph, link=link).encode("utf-8")
    if fmt in ("svg", "png"):
        try:
            return run_dot(to_dot(graph, link=link), fmt)
        except GraphvizCrash:  # some Graphviz builds crash on unconstrained edges: draw plainer
            return run_dot(to_dot(graph, link=link, sideways=False), fmt)
    if fmt == "mermaid":
        return to_mermaid(graph).encode("utf-8")
    if fmt == "graphml":
        return to_graphml(graph)
    if fmt == "json":
        return json.dumps(to_json(graph), indent=2, ensure_ascii=False).encode("utf-8")
    raise KgError(f"unknown chart format {fmt!r}; use one of {', '.join(FORMATS)}", where="--format")


class GraphvizCrash(KgError):
    """`dot` died on a signal (a Graphviz bug, not bad input)."""


def run_dot(dot: str, fmt: str, *, timeout: float = 60.0) -> bytes:
    """Lay the chart out with Graphviz's `dot` (a KgError if Graphviz is missing or fails)."""
    exe = shutil.which("dot")
    if exe is None:
        raise KgError(
            f"Graphviz is not installed (no `dot` on PATH), so {fmt.upper()} cannot be drawn; "
            "install it (Debian: apt-get install graphviz) or use --format dot|mermaid|graphml|json"
        )
    try:
        done = subprocess.run([exe, f"-T{fmt}"], input=dot.encode("utf-8"), capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise KgError(f"Graphviz took longer than {timeout:.0f} s to draw the chart") from exc
    if done.returncode < 0:
        raise GraphvizCrash(f"Graphviz crashed (signal {-done.returncode}) drawing the chart")
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise KgError("Graphviz failed: " + (message[0] if message else f"exit code {done.returncode}"))
    return done.stdout


# -- Mermaid ----------------------------------------------------------------------------

#: Mermaid entity codes for every character that could end a label or start markup.
_MERMAID_ESCAPES = {
    "#": "#35;", '"': "#quot;", "'": "#39;", "’": "#8217;", "&": "#amp;", "<": "#lt;", ">": "#gt;",
    "[": "#91;", "]": "#93;", "(": "#40;", ")": "#41;", "{": "#123;", "}": "#125;", "|": "#124;",
    "`": "#96;", ";": "#59;",
}
_MERMAID_SHAPES = {
    "council": ('[["', '"]]'), "department": ('["', '"]'), "committee": ('(["', '"])'),
    "board": ('{{"', '"}}'), "partnership": ('{{"', '"}}'), "institution": ('[/"', '"/]'),
    "national-body": ('[("', '")]'), "post": ('("', '")'), "person": ('(("', '"))'),
    "duty": ('>"', '"]'), "provision": ('>"', '"]'),
}
_MERMAID_ARROWS = {"reports-to": "==>", "part-of": "-->"}


def mermaid_text(text: str) -> str:
    """Escape a label for a quoted Mermaid node or edge label (line breaks become <br/>)."""
    out = "".join(_MERMAID_ESCAPES.get(ch, ch) for ch in text)
    return out.replace("\r", "").replace("\n", "<br/>")


def to_mermaid(graph: nx.MultiDiGraph) -> str:
    """`flowchart TB` with one declaration per node (inside its department/board subgraph)."""
    ids = {node: f"n{i}" for i, node in enumerate(sorted(graph.nodes))}
    owners = cluster_owners(graph)
    children: dict[str | None, list[str]] = {}
    for node in sorted(graph.nodes):
        children.setdefault(owners.get(node), []).append(node)
    lines = ["flowchart TB"]
    title = str(graph.graph.get("title", ""))
    if title:
        lines.insert(0, f"---\ntitle: {mermaid_text(title)}\n---")

    def declare(node: str, indent: str) -> None:
        attrs = graph.nodes[node]
        left, right = _MERMAID_SHAPES.get(str(attrs.get("type")), ('["', '"]'))
        lines.append(f"{indent}{ids[node]}{left}{mermaid_text(display_label(graph, node))}{right}")

    def emit(owner: str | None, indent: str) -> None:
        for node in children.get(owner, []):
            if node in children:  # a cluster: its own node goes inside its subgraph
                lines.append(f'{indent}subgraph c{ids[node]}["{mermaid_text(display_label(graph, node, width=60))}"]')
                declare(node, indent + "  ")
                emit(node, indent + "  ")
                lines.append(f"{indent}end")
            else:
                declare(node, indent)

    emit(None, "  ")
    for u, v, kind, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2])):
        arrow = "-.->" if data.get("status") == "inferred" else _MERMAID_ARROWS.get(kind, "-->")
        text = kind.replace("-", " ") + (" (inferred)" if data.get("status") == "inferred" else "")
        lines.append(f'  {ids[u]} {arrow}|"{mermaid_text(text)}"| {ids[v]}')
    return "\n".join(lines) + "\n"


# -- GraphML and JSON -------------------------------------------------------------------

def _flat(attrs: dict[str, object]) -> dict[str, str | int | float | bool]:
    """GraphML holds scalars only and no None: lists become '; '-joined strings, None is dropped."""
    out: dict[str, str | int | float | bool] = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set)):
            out[key] = "; ".join(str(v) for v in value)
        elif isinstance(value, (str, int, float, bool)):
            out[key] = value
        else:
            out[key] = str(value)
    return out


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML via networkx's writer, every attribute a string/number (no None, no lists)."""
    flat = nx.MultiDiGraph()
    flat.graph.update({k: v for k, v in _flat(dict(graph.graph)).items() if k in {"root", "title", "as_of", "depth"}})
    for node, attrs in sorted(graph.nodes(data=True)):
        flat.add_node(node, **_flat(attrs))
    for u, v, k, attrs in sorted(graph.edges(keys=True, data=True)):
        flat.add_edge(u, v, key=k, **_flat(attrs))
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8", named_key_ids=True)
    return buffer.getvalue()


def to_json(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, dict[str, object]]]]:
    """Cytoscape.js elements: nodes with id/label/type/iri/holders, edges with id/source/target/kind."""
    owners = cluster_owners(graph)
    nodes = []
    for node, attrs in sorted(graph.nodes(data=True)):
        data: dict[str, object] = {"id": node}
        data.update({k: v for k, v in attrs.items() if v is not None and v != []})
        data.setdefault("holders", [])
        if owners.get(node):
            data["cluster"] = owners[node]
        nodes.append({"data": data})
    edges = []
    for i, (u, v, k, attrs) in enumerate(sorted(graph.edges(keys=True, data=True))):
        data = {"id": f"e{i}", "source": u, "target": v, "label": k.replace("-", " ")}
        data.update({key: value for key, value in attrs.items() if value is not None})
        edges.append({"data": data})
    return {"nodes": nodes, "edges": edges}
