"""Issue 8, security headers on every response the app can give (security anchors §6 D8, B10).

Every route, every representation (HTML, JSON, CSV, RDF, SVG, SPARQL results, static files)
and every error status must carry: a CSP whose script-src is 'self' only (no inline script),
frame-ancestors 'none' (SVG pictures: 'self', because /graph embeds them with <object>),
X-Frame-Options to match, X-Content-Type-Options nosniff and Referrer-Policy same-origin.
CORS (`*`, never with credentials) only on /sparql.
"""

from __future__ import annotations

import threading
import urllib.request

import pytest
from flask import Flask
from flask.testing import FlaskClient

from test_web_fixture import ACT, COUNCIL, DOC, EVIL_PERSON, app, client, web_store  # noqa: F401
from webui import CSP, CSP_SVG

REQUESTS: list[tuple[str, str, dict[str, str]]] = [
    ("get", "/", {}), ("get", "/?format=json", {}),
    ("get", "/search?q=alert", {}), ("get", "/search?q=alert&format=csv", {}),
    ("get", f"/entity?iri={EVIL_PERSON}", {}), ("get", f"/entity?iri={EVIL_PERSON}&format=ttl", {}),
    ("get", f"/entity?iri={ACT}", {"Accept": "application/ld+json"}),
    ("get", "/acts", {}), ("get", "/acts?format=json", {}), ("get", "/councils", {}),
    ("get", f"/source?iri={DOC}", {}), ("get", "/sources", {}), ("get", "/timeline", {}),
    ("get", "/queries", {}), ("get", "/queries/duties-by-act?format=csv", {}),
    ("get", "/query", {}), ("get", "/query?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%3Fo%7D%20LIMIT%201", {}),
    ("get", "/validation?format=json", {}), ("get", "/ontology", {}),
    ("get", f"/graph?iri={COUNCIL}", {}), ("get", f"/graph?iri={COUNCIL}&format=svg", {}),
    ("get", "/orgchart", {}), ("get", f"/orgchart?council={COUNCIL}", {}),
    ("get", "/sparql", {}), ("get", "/sparql?query=ASK%7B%7D", {}),
    ("post", "/sparql", {"Content-Type": "application/sparql-update"}),
    ("get", "/sparql?query=SELECT", {}),
    ("get", "/static/style.css", {}),
    ("get", "/nowhere", {}), ("delete", "/sparql", {}), ("get", "/entity?iri=not%20an%20iri", {}),
]


def check(headers: object, path: str, cors: bool | None = None) -> None:
    h = headers  # werkzeug Headers or a dict from urllib
    media = (h.get("Content-Type") or "").split(";")[0]  # type: ignore[attr-defined]
    svg = media == "image/svg+xml"
    csp = h.get("Content-Security-Policy")  # type: ignore[attr-defined]
    assert csp == (CSP_SVG if svg else CSP), path
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == ("'self'" if svg else "'none'")
    assert h.get("X-Frame-Options") == ("SAMEORIGIN" if svg else "DENY"), path  # type: ignore[attr-defined]
    assert h.get("X-Content-Type-Options") == "nosniff", path  # type: ignore[attr-defined]
    assert h.get("Referrer-Policy") == "same-origin", path  # type: ignore[attr-defined]
    assert h.get("Access-Control-Allow-Credentials") is None  # type: ignore[attr-defined]
    cors = path.startswith("/sparql") if cors is None else cors
    assert h.get("Access-Control-Allow-Origin") == ("*" if cors else None), path  # type: ignore[attr-defined]


@pytest.mark.parametrize(("method", "path", "headers"), REQUESTS)
def test_every_response_carries_the_security_headers(client: FlaskClient, method: str, path: str,
                                                      headers: dict[str, str]) -> None:
    response = getattr(client, method)(path, headers={"Origin": "https://evil.example", **headers})
    assert response.status_code < 500, (path, response.get_data()[:300])
    check(response.headers, path, cors=False if method == "delete" else None)  # a 405 matched no route


def test_every_route_is_in_the_list(app: Flask) -> None:
    """A new blueprint route must be added to REQUESTS (and so get its headers checked)."""
    tried = {p.split("?")[0] for _m, p, _h in REQUESTS}
    rules = {r.rule for r in app.url_map.iter_rules()}
    untested = {r for r in rules if not any(t == r or (r.startswith("/static") and t.startswith("/static"))
                                            or (r == "/queries/<name>" and t.startswith("/queries/")) for t in tried)}
    assert untested <= {"/orgchart.<fmt>", "/alerts", "/coverage", "/compare", "/changes"}, untested


def test_headers_over_http_and_no_version_in_server(app: Flask) -> None:
    from webui.commands import make_server

    server = make_server(app, "127.0.0.1", 0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.effective_port}/", timeout=10) as answer:
            check(dict(answer.headers), "/")
            assert answer.headers["Server"] == "kg"
    finally:
        server.close()
        thread.join(5)
