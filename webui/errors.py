"""The one place where errors become HTTP responses: HTML for people, JSON or text for programs.

Views raise werkzeug HTTP exceptions (`abort(404, "...")`) or let the library's KgError
through; this handler picks the representation from `?format=json`, a `.json` path or the
Accept header, and never shows a traceback, a file path or an upstream body.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from kg.errors import KgError

log = logging.getLogger(__name__)

TITLES = {400: "Bad request", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
          406: "Not acceptable", 413: "Request too large", 414: "URL too long",
          415: "Unsupported media type", 500: "Server error", 503: "Service unavailable"}
#: Headers of an HTTP exception's own response that the rendered error keeps.
KEPT_HEADERS = ("Allow", "Retry-After")


def register(app: Flask) -> None:
    """Install the handlers on the app (HTTP errors, KgError, anything else)."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(KgError, _kg_error)
    app.register_error_handler(Exception, _unexpected)


def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    message = exc.description or TITLES.get(status, "Error")
    response = error_response(status, message)
    original = exc.get_response().headers
    for name in KEPT_HEADERS:
        if original.get(name):
            response.headers[name] = original[name]
    return response


def _kg_error(exc: KgError) -> Response:
    return error_response(400, str(exc))


def _unexpected(exc: Exception) -> Response:
    if isinstance(exc, HTTPException):  # pragma: no cover - routed to _http_error first
        return _http_error(exc)
    log.exception("unhandled error on %s", request.path, exc_info=exc)
    return error_response(500, InternalServerError.description)


def wants(kind: str) -> bool:
    """Whether the client asked for `kind` ("json" or "text") rather than an HTML page."""
    if request.args.get("format") == "json" or request.path.endswith(".json"):
        return kind == "json"
    offered = ["text/plain", "text/html", "application/json"] if request.blueprint == "sparql" \
        else ["text/html", "application/json", "text/plain"]
    best = request.accept_mimetypes.best_match(offered, default=offered[0])
    if best in ("application/json", "application/sparql-results+json"):
        return kind == "json"
    return kind == "text" and best == "text/plain"


def error_response(status: int, message: str) -> Response:
    """The error as JSON, plain text or an HTML page, with the same message in each."""
    title = TITLES.get(status, "Error")
    if wants("json"):
        response = jsonify({"status": status, "title": title, "error": message})
    elif wants("text"):
        response = Response(f"{status} {title}: {message}\n", mimetype="text/plain")
    else:
        response = Response(render_template("error.html", status=status, title=title, message=message),
                            mimetype="text/html")
    response.status_code = status
    response.headers["Vary"] = "Accept"
    return response
