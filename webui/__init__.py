"""The Flask web UI and SPARQL endpoint: `create_app()` builds one app around one open store.

No module-level app: tests build as many apps as they like, each with its own store
(`create_app(store=KgStore.memory())`). The store is opened once here and kept on
`app.extensions["kg"]`; Oxigraph allows a single read-write process per folder, so the app
runs as one process with threads (waitress). User SPARQL (/sparql, /query, /queries/<name>)
runs in separate worker processes that open the store read-only and are killed at the
QUERY_TIMEOUT deadline (webui.sparql_exec, webui.query_workers).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, request

from kg.store import KgStore
from webui import errors
from webui.sparql_guard import MAX_DEPTH, MAX_QUERY_BYTES

_CSP_BASE = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
             "object-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors ")
#: No page may be framed (clickjacking); only the SVG pictures, which /graph embeds with <object>
#: from the same origin, allow 'self'.
CSP = _CSP_BASE + "'none'"
CSP_SVG = _CSP_BASE + "'self'"

DEFAULTS: dict[str, Any] = {
    "KG_STORE": None,  # store folder; None means $KG_STORE or the project's .kg-store
    "SPARQL_MAX_BYTES": MAX_QUERY_BYTES,
    "SPARQL_MAX_DEPTH": MAX_DEPTH,
    "HTML_ROW_LIMIT": 2000,  # rows shown in an HTML results table (the page says so)
    "RESULT_ROW_LIMIT": 10_000,  # rows in a results page's JSON twin (it says so); CSV streams all
    "QUERY_TIMEOUT": 30.0,  # seconds a user query may run (`kg serve --query-timeout`)
    "QUERY_WORKERS": 2,  # worker processes for user queries; 0 runs them in the request thread
    "MAX_CONTENT_LENGTH": 1_000_000,
    "MAX_FORM_MEMORY_SIZE": 1_000_000,
    "GRAPH_MAX_NODES": 60,
}


def create_app(config: Mapping[str, Any] | None = None, store: KgStore | None = None) -> Flask:
    """Build the app: config from DEFAULTS then `config`, the store given or opened read-write."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.update(config)
    if store is None:
        store = KgStore.open(app.config["KG_STORE"], create=False)
    app.extensions["kg"] = store
    app.json.sort_keys = False  # type: ignore[attr-defined]
    errors.register(app)
    app.after_request(_security_headers)
    _register_blueprints(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from webui import (acts, councils, entities, graph, home, insight, ontology, orgcharts,
                       queries_views, search, sources, sparql, timeline, validation)

    for module in (home, entities, acts, councils, search, sparql, queries_views, sources,
                   timeline, validation, ontology, graph, orgcharts, insight):
        app.register_blueprint(module.bp)


def _security_headers(response: Response) -> Response:
    """Headers every response carries; CORS only on the machine-readable endpoint."""
    svg = response.mimetype == "image/svg+xml"
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Content-Security-Policy", CSP_SVG if svg else CSP)
    response.headers.setdefault("X-Frame-Options", "SAMEORIGIN" if svg else "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.blueprint == "sparql":
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response
