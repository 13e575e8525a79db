"""`/graph?iri=...&hops=1|2`: a node's neighbourhood, as an SVG picture, JSON or an HTML page.

Edges between IRIs only (no literals, no rdf:type, which would tie everything to its class),
at most GRAPH_MAX_NODES nodes, nearest first. The picture is laid out by Graphviz `dot` when it
is installed, else by a simple radial layout (webui.graph_render); every node links to its
entity page. JSON is `{"nodes": [...], "edges": [...]}`, the shape Cytoscape.js reads.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, url_for

from kg.namespaces import PREFIXES
from webui.context import get_store
from webui.entity_data import parse_iri
from webui.graph_render import Neighbourhood, render_svg
from webui.terms import iri_views, is_web_iri

bp = Blueprint("graph", __name__)

RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")


def neighbourhood(centre: ox.NamedNode, hops: int, max_nodes: int) -> Neighbourhood:
    """Nodes within `hops` edges of the centre (breadth first, capped) and the edges among them."""
    store = get_store().oxigraph
    distance = {centre.value: 0}
    edges: set[tuple[str, str, str]] = set()
    frontier = [centre]
    for hop in range(1, hops + 1):
        found: list[ox.NamedNode] = []
        for node in frontier:
            quads = list(store.quads_for_pattern(node, None, None, None)) + \
                list(store.quads_for_pattern(None, None, node, None))
            for q in sorted(quads, key=lambda q: (q.predicate.value, str(q.subject), str(q.object))):
                if q.predicate == RDF_TYPE or not isinstance(q.subject, ox.NamedNode) \
                        or not isinstance(q.object, ox.NamedNode):
                    continue
                other = q.object if q.subject == node else q.subject
                if other.value not in distance:
                    if len(distance) >= max_nodes:
                        continue
                    distance[other.value] = hop
                    found.append(other)
                edges.add((q.subject.value, q.predicate.value, q.object.value))
        frontier = found
    edges = {e for e in edges if e[0] in distance and e[2] in distance}
    views = iri_views(list(distance) + [p for _s, p, _o in edges])
    return Neighbourhood(centre.value, distance, sorted(edges), views)


@bp.route("/graph")
def graph_page() -> Response | str:
    """The neighbourhood page, or its SVG (`format=svg`) or JSON (`format=json`)."""
    centre = parse_iri(request.args.get("iri"))
    hops_text = request.args.get("hops", "1")
    if hops_text not in ("1", "2"):
        abort(400, "hops must be 1 or 2")
    fmt = request.args.get("format", "html")
    if fmt not in ("html", "svg", "json"):
        abort(400, f"unknown format {fmt!r}; use one of: html, svg, json")
    hood = neighbourhood(centre, int(hops_text), current_app.config["GRAPH_MAX_NODES"])
    if len(hood.distance) == 1 and not hood.edges and not any(get_store().oxigraph.quads_for_pattern(centre, None, None, None)):
        abort(404, f"nothing in the graph is about {centre.value}")
    if fmt == "json":
        return jsonify(hood.to_json())
    if fmt == "svg":
        return Response(render_svg(hood), mimetype="image/svg+xml")
    return render_template("graph/graph.html", hood=hood, hops=hops_text,
                           svg_href=url_for("graph.graph_page", iri=centre.value, hops=hops_text, format="svg"),
                           centre=hood.views[centre.value], web=is_web_iri)
