"""Hostile data and hostile requests: nothing executes, nothing leaks, nothing links out unsafely."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from test_web_fixture import (  # noqa: F401
    COUNCIL, EVIL_COMMITTEE, EVIL_PERSON, JS_IRI, XSS_SCRIPT, app, client, web_store)

WEBUI = Path(__file__).resolve().parents[1] / "webui"
OTHERS = ("orgcharts",)  # webui/orgcharts.py and templates/orgcharts/ belong to the org-chart work


def own(path: Path) -> bool:
    """Files of this web UI, not the org-chart blueprint written separately."""
    return not any(part.startswith(OTHERS) for part in path.relative_to(WEBUI).parts)

PAGES_WITH_PAYLOADS = [
    ("/entity", {"iri": EVIL_PERSON}),
    ("/entity", {"iri": EVIL_COMMITTEE}),
    ("/entity", {"iri": COUNCIL}),
    ("/search", {"q": "alert"}),
    ("/search", {"q": "<script>"}),
    ("/query", {"query": "SELECT ?s ?o WHERE { ?s foaf:name|skos:prefLabel|foaf:homepage|rdfs:seeAlso ?o }"}),
    ("/graph", {"iri": EVIL_PERSON}),
    ("/graph", {"iri": COUNCIL}),
    ("/graph", {"iri": COUNCIL, "format": "svg"}),
    ("/councils", {}),
]


@pytest.mark.parametrize(("path", "params"), PAGES_WITH_PAYLOADS)
def test_payloads_are_escaped(client: FlaskClient, path: str, params: dict[str, str]) -> None:
    response = client.get(path, query_string=params)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert XSS_SCRIPT not in body
    assert "<img src=x" not in body
    assert "onerror=alert(1)>" not in body or "&gt;" in body.split("onerror=alert(1)", 1)[1][:5]
    assert 'href="javascript:' not in body.lower() and "href='javascript:" not in body.lower()
    assert not re.search(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", body, re.I)


def test_payload_text_is_shown_literally(client: FlaskClient) -> None:
    page = client.get("/entity", query_string={"iri": EVIL_PERSON}).get_data(as_text=True)
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in page
    page = client.get("/entity", query_string={"iri": EVIL_COMMITTEE}).get_data(as_text=True)
    assert "<h1>&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</h1>" in page


def test_javascript_iri_is_plain_text_never_a_link(client: FlaskClient) -> None:
    page = client.get("/entity", query_string={"iri": EVIL_PERSON}).get_data(as_text=True)
    assert f'<span class="iri" title="not a web IRI">{JS_IRI}</span>' in page
    assert page.count(JS_IRI) == 1
    # the javascript: node has an entity page of its own (it is in the graph), shown safely
    page = client.get("/entity", query_string={"iri": JS_IRI}).get_data(as_text=True)
    assert "<code>javascript:alert(1)</code>" in page
    assert "open the official record" not in page


@pytest.mark.parametrize("scheme", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:x", "data:text/html,x",
                                    "file:///etc/passwd", "mailto:a@b.c", "http:/no-host", "https://"])
def test_only_http_and_https_iris_link(app: Flask, scheme: str) -> None:
    from webui.terms import entity_href, external_href, is_web_iri

    with app.test_request_context():
        assert not is_web_iri(scheme)
        assert entity_href(scheme) is None and external_href(scheme) is None


def test_security_headers(client: FlaskClient) -> None:
    for path in ("/", "/sparql", f"/entity?iri={COUNCIL}", "/nowhere"):
        response = client.get(path)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self';" in csp and csp.endswith("frame-ancestors 'none'") and "unsafe-inline'; img" in csp
        assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "Access-Control-Allow-Origin" not in client.get("/").headers
    assert client.get("/sparql").headers["Access-Control-Allow-Origin"] == "*"


def test_app_is_not_in_debug_mode(app: Flask) -> None:
    assert app.debug is False


def test_every_template_is_autoescaped(app: Flask) -> None:
    names = [p.relative_to(WEBUI / "templates").as_posix() for p in (WEBUI / "templates").rglob("*")
             if p.is_file() and own(p)]
    assert names
    for name in names:
        assert app.select_jinja_autoescape(name), name


def test_no_safe_filter_or_markup_on_data() -> None:
    for path in list((WEBUI / "templates").rglob("*")) + list(WEBUI.glob("*.py")):
        if path.is_file() and own(path):
            text = path.read_text(encoding="utf-8")
            assert "|safe" not in text.replace(" ", ""), path
            assert "Markup(" not in text, path
            assert "autoescape false" not in text, path


def test_no_attribute_is_unquoted() -> None:
    for path in filter(own, (WEBUI / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""\b(?:href|src|title|id|value|action|data)=\{\{""", text), path


def test_queries_are_never_built_from_request_text_with_format() -> None:
    """Static check (security anchors B12): no str.format or % on SPARQL text in the web UI."""
    for path in filter(own, WEBUI.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'"""\s*\.format\(|"""\s*%\s', text), path
        assert not re.search(r'f"""\s*(SELECT|ASK|CONSTRUCT|DESCRIBE|PREFIX)', text), path


@pytest.mark.parametrize("value", ['x" } ; DROP ALL ; #', "http://x/> ?p ?o } #", "\\u0022", "a" * 150])
def test_search_parameter_injection(client: FlaskClient, value: str) -> None:
    response = client.get("/search", query_string={"q": value, "format": "json"})
    assert response.status_code == 200
    assert response.get_json()["rows"] == []


def test_named_query_parameter_injection(client: FlaskClient) -> None:
    response = client.get("/queries/duties-by-act", query_string={"act": "http://x/> ?p ?o } #"})
    assert response.status_code == 400


def test_csv_exports_neutralise_formulas() -> None:
    from webui.listing import csv_text

    rows = [{"a": "=HYPERLINK(\"http://x\")"}, {"a": "+1"}, {"a": "-1"}, {"a": "@SUM(A1)"}, {"a": "\tx"},
            {"a": "\rx"}, {"a": "plain"}, {"a": None}]
    assert csv_text(["a"], rows) == (
        'a\r\n"\'=HYPERLINK(""http://x"")"\r\n\'+1\r\n\'-1\r\n\'@SUM(A1)\r\n\'\tx\r\n"\'\rx"\r\nplain\r\n""\r\n')


def test_errors_do_not_leak_internals(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import webui.home

    def boom() -> dict[str, int]:
        raise RuntimeError("secret path /work/main/.kg-store")

    monkeypatch.setattr(webui.home, "kind_counts", boom)
    response = client.get("/")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "secret" not in body and "Traceback" not in body and "/work/" not in body
    assert client.get("/?format=json").get_json()["status"] == 500


def test_no_open_redirect(client: FlaskClient) -> None:
    for target in ("//evil.example", "/\\evil.example", "https:evil.example", "http://evil.example"):
        response = client.get("/sparql", query_string={"query": target},
                              headers={"Accept": "text/html"})
        assert response.status_code == 303
        assert response.headers["Location"].startswith("/query?query=")
