"""The SHACL validation report of the whole graph, computed once per app start and cached.

Validation reads every triple through rdflib and pySHACL (seconds, not milliseconds), so the
report is made on first view and kept; the re-run button (POST) makes a fresh one. A lock
keeps two requests from validating at once (pySHACL is not thread-safe on shared shapes).
"""

from __future__ import annotations

import threading
import time
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, redirect, render_template, request, url_for

from rdflib import URIRef

from webui.context import get_store
from webui.terms import iri_views

bp = Blueprint("validation", __name__)

_LOCK = threading.Lock()
KEY = "kg.validation"


def cached_report(refresh: bool = False) -> dict[str, Any]:
    """{"report": ValidationReport, "seconds": float, "at": epoch}; validates when absent or asked."""
    with _LOCK:
        cached = current_app.extensions.get(KEY)
        if cached is None or refresh:
            from kg.validate import validate

            started = time.perf_counter()
            report = validate(get_store().to_rdflib())
            cached = {"report": report, "seconds": time.perf_counter() - started, "at": time.time()}
            current_app.extensions[KEY] = cached
        return cached


@bp.route("/validation", methods=["GET", "POST"])
def report() -> Response | str:
    """The report (HTML or ?format=json); POST re-runs it and redirects back."""
    if request.method == "POST":
        cached_report(refresh=True)
        return redirect(url_for("validation.report"), code=303)  # type: ignore[return-value]
    cached = cached_report()
    if request.args.get("format") == "json":
        return jsonify(cached["report"].to_json())
    generated = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(cached["at"]))
    results = cached["report"].results
    focus = iri_views(f"{r.focus}" for r in results if isinstance(r.focus, URIRef))
    rows = [(r, focus.get(f"{r.focus}")) for r in results]
    return render_template("validation/report.html", report=cached["report"], seconds=cached["seconds"],
                           generated=generated, rows=rows)
