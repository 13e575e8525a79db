"""`/entity?iri=<IRI>` (**contract**): one page per node, and the same URL as RDF.

HTML for browsers; Turtle, JSON-LD or N-Triples by the Accept header or `?format=ttl|jsonld|nt`
(the node's outgoing and incoming triples). Responses say `Vary: Accept` so caches keep the
representations apart; an Accept header that allows none of them gets 406.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, render_template, request

from kg.namespaces import PREFIXES
from webui.acts import act_panel
from webui.councils import council_panel
from webui.entity_data import entity_page, node_triples, parse_iri

bp = Blueprint("entities", __name__)

RDF_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "ttl": ("text/turtle", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
}
_BY_MEDIA_TYPE = {media: key for key, (media, _fmt) in RDF_FORMATS.items()}
_BY_MEDIA_TYPE["application/json"] = "jsonld"  # JSON-LD is JSON; plain-JSON clients get it
_OFFERED = ["text/html", "application/xhtml+xml", *_BY_MEDIA_TYPE]


def negotiated_format() -> str:
    """"html" or an RDF_FORMATS key, from ?format= first, then Accept; 406 if nothing fits."""
    fmt = request.args.get("format")
    if fmt:
        if fmt != "html" and fmt not in RDF_FORMATS:
            abort(400, f"unknown format {fmt!r}; use one of: html, {', '.join(RDF_FORMATS)}")
        return fmt
    if not request.accept_mimetypes:
        return "html"
    best = request.accept_mimetypes.best_match(_OFFERED)
    if best is None:
        abort(406, "this page is available as text/html, " + ", ".join(m for m, _f in RDF_FORMATS.values()))
    return _BY_MEDIA_TYPE.get(best, "html")


def rdf_response(node: ox.NamedNode, fmt: str) -> Response:
    """The node's outgoing and incoming triples in one RDF format."""
    out, inc, _graphs = node_triples(node)
    if not out and not inc:
        abort(404, f"nothing in the graph is about {node.value}")
    media, rdf_format = RDF_FORMATS[fmt]
    prefixes = PREFIXES if rdf_format != ox.RdfFormat.N_TRIPLES else None
    body = ox.serialize(out + [t for t in inc if t not in set(out)], format=rdf_format, prefixes=prefixes)
    return Response(body, mimetype=media)


@bp.route("/entity")
def entity() -> Response:
    """The entity page of `?iri=`, or its RDF."""
    node = parse_iri(request.args.get("iri"))
    fmt = negotiated_format()
    if fmt != "html":
        response = rdf_response(node, fmt)
    else:
        page = entity_page(node)
        kind = page.kind.key if page.kind else None
        panel: dict[str, object] = {}
        if kind == "act":
            panel = act_panel(node)
        elif kind == "council":
            panel = council_panel(node)
        response = Response(render_template("entities/entity.html", page=page, kind=kind, panel=panel,
                                            formats=RDF_FORMATS), mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response
