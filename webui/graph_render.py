"""Drawing a neighbourhood as SVG: Graphviz `dot` when present, else a radial layout of our own.

Labels reach dot as quoted DOT strings (backslashes and quotes escaped, so a label like
`"]; X[` cannot add a node) and dot writes them XML-escaped; the fallback goes through an
autoescaped Jinja `.svg` template. Links are this app's own entity URLs, opened in the top
window (the picture is embedded with <object>).
"""

from __future__ import annotations

import math
import shutil
import subprocess
from dataclasses import dataclass

from flask import render_template, url_for

from webui.terms import NodeView, is_web_iri

DOT = "/usr/bin/dot"
MAX_LABEL = 42


@dataclass
class Neighbourhood:
    centre: str
    distance: dict[str, int]
    edges: list[tuple[str, str, str]]
    views: dict[str, NodeView]

    def to_json(self) -> dict[str, object]:
        """Cytoscape.js elements: nodes with id/label/href/hops, edges with source/target/label."""
        return {
            "nodes": [{"id": n, "label": self.views[n].label, "hops": d,
                       "href": self.views[n].href} for n, d in self.distance.items()],
            "edges": [{"source": s, "target": o, "property": p, "label": self.views[p].label}
                      for s, p, o in self.edges],
        }


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[:MAX_LABEL - 1] + "…"


def dot_string(text: str) -> str:
    """A DOT quoted string: the only escapes DOT knows are backslash and double quote."""
    cleaned = " ".join(text.split())
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(hood: Neighbourhood) -> str:
    """The neighbourhood in the DOT language, nodes named n0, n1... (never by their IRIs)."""
    ids = {iri: f"n{i}" for i, iri in enumerate(hood.distance)}
    lines = ["digraph neighbourhood {", '  graph [rankdir=LR, bgcolor="transparent", fontname="Helvetica"];',
             '  node [shape=box, style="rounded,filled", fillcolor="#eef4f3", color="#2f6f6a", '
             'fontname="Helvetica", fontsize=11];',
             '  edge [color="#7a8b8a", fontname="Helvetica", fontsize=9, fontcolor="#4b5b5a"];']
    for iri, node_id in ids.items():
        view = hood.views[iri]
        attrs = [f"label={dot_string(_short(view.label))}", f"tooltip={dot_string(iri)}"]
        if view.href:
            attrs += [f"URL={dot_string(url_for('entities.entity', iri=iri))}", 'target="_top"']
        if iri == hood.centre:
            attrs += ['fillcolor="#2f6f6a"', 'fontcolor="white"']
        lines.append(f"  {node_id} [{', '.join(attrs)}];")
    for s, p, o in hood.edges:
        lines.append(f"  {ids[s]} -> {ids[o]} [label={dot_string(_short(hood.views[p].label))}];")
    lines.append("}")
    return "\n".join(lines)


def render_svg(hood: Neighbourhood) -> str:
    """SVG from dot if it is installed and answers within 10 s, else the radial layout."""
    dot = DOT if shutil.which(DOT) else shutil.which("dot")
    if dot:
        try:
            done = subprocess.run([dot, "-Tsvg"], input=to_dot(hood).encode("utf-8"), capture_output=True,
                                  timeout=10, check=True)
            return done.stdout.decode("utf-8")
        except (subprocess.SubprocessError, OSError):
            pass
    return radial_svg(hood)


def radial_svg(hood: Neighbourhood) -> str:
    """Rings by distance from the centre, nodes spread evenly round each ring."""
    size, ring = 900, 200
    rings: dict[int, list[str]] = {}
    for iri, d in hood.distance.items():
        rings.setdefault(d, []).append(iri)
    pos: dict[str, tuple[float, float]] = {}
    for d, members in rings.items():
        for i, iri in enumerate(sorted(members, key=lambda n: hood.views[n].label)):
            angle = 2 * math.pi * i / max(1, len(members))
            pos[iri] = (size / 2 + d * ring * math.cos(angle), size / 2 + d * ring * math.sin(angle))
    nodes = [{"x": pos[n][0], "y": pos[n][1], "label": _short(hood.views[n].label),
              "href": url_for("entities.entity", iri=n) if is_web_iri(n) else None, "centre": n == hood.centre}
             for n in hood.distance]
    edges = [{"x1": pos[s][0], "y1": pos[s][1], "x2": pos[o][0], "y2": pos[o][1],
              "label": _short(hood.views[p].label)} for s, p, o in hood.edges]
    return render_template("graph/radial.svg", size=size, nodes=nodes, edges=edges)
