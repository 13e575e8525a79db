"""`/ontology`: the model's documentation page, rendered by kg.docs from the served store.

kg.docs owns the page (a complete, self-contained HTML document with its own escaping), so it
is served as it is. It is built from the store's ontology graph, so it documents exactly the
terms the endpoint serves, and cached for the life of the app.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app

from kg.errors import KgError
from kg.namespaces import GRAPH
from webui.context import get_store

bp = Blueprint("ontology", __name__)
KEY = "kg.ontology_html"


@bp.route("/ontology")
def ontology_page() -> Response:
    """The ontology documentation."""
    html = current_app.extensions.get(KEY)
    if html is None:
        try:
            from kg.docs import load_ontology, render_ontology_html
        except ImportError:
            abort(404, "the ontology documentation generator is not installed")
        graph = get_store().to_rdflib([str(GRAPH) + "ontology"])
        try:
            html = render_ontology_html(graph)
        except KgError:  # the store holds no complete ontology (a test store): use the files
            html = render_ontology_html(load_ontology())
        current_app.extensions[KEY] = html
    return Response(html, mimetype="text/html")
