"""The `orgcharts` blueprint on a minimal Flask app (base.html stubbed: the real one links every blueprint)."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from flask import Flask
from jinja2 import ChoiceLoader, DictLoader, FileSystemLoader
from orgchart_fixture import fixture_store, iri

from kg.errors import KgError
from webui import orgcharts

TEMPLATES = Path(orgcharts.__file__).resolve().parent / "templates"
BASE = ("<!doctype html><html><head><title>{% block title %}{% endblock %}</title>{% block head %}{% endblock %}</head>"
        "<body>{% block content %}{% endblock %}{% block scripts %}{% endblock %}</body></html>")
COUNCIL = iri("body/testshire-council")
HAS_DOT = shutil.which("dot") is not None


@pytest.fixture(scope="module")
def client():
    app = Flask("orgchart_test")
    app.jinja_loader = ChoiceLoader([DictLoader({"base.html": BASE}), FileSystemLoader(str(TEMPLATES))])
    app.extensions["kg"] = fixture_store()
    app.register_blueprint(orgcharts.bp)
    app.register_error_handler(KgError, lambda exc: (str(exc), 400))
    return app.test_client()


def test_form_lists_councils(client) -> None:
    page = client.get("/orgchart")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert re.findall(r'<option value="([^"]+)">', html) == [iri("body/otherton-council"), COUNCIL]
    assert '<input type="date" name="as_of"' in html
    assert '<form class="orgchart-form" method="get" action="/orgchart">' in html


@pytest.mark.skipif(not HAS_DOT, reason="Graphviz (dot) is not installed")
def test_chart_page_has_inline_svg_links_downloads_and_script(client) -> None:
    html = client.get("/orgchart", query_string={"council": COUNCIL}).get_data(as_text=True)
    assert html.count("<svg") == 1 and "<?xml" not in html and "<!DOCTYPE svg" not in html
    assert f'xlink:href="/entity?iri={quote(iri("post/testshire-council/team-manager"), safe="")}"' in html
    assert ">&lt;Safeguarding&gt; &amp; Quality</text>" in html
    assert "<Safeguarding>" not in html
    downloads = re.findall(r'<a href="(/orgchart\.[a-z]+\?[^"]+)" download>', html)
    assert [d.split("?")[0] for d in downloads] == [
        "/orgchart.dot", "/orgchart.svg", "/orgchart.png", "/orgchart.mermaid", "/orgchart.graphml", "/orgchart.json",
    ]
    assert all(parse_qs(urlsplit(unescape(d)).query) == {"council": [COUNCIL]} for d in downloads)
    assert '<script src="/static/orgchart-zoom.js" defer></script>' in html
    assert "Testshire LSCB" in html


@pytest.mark.skipif(not HAS_DOT, reason="Graphviz (dot) is not installed")
def test_as_of_on_the_page(client) -> None:
    before = client.get("/orgchart", query_string={"council": COUNCIL, "as_of": "2019-09-28"}).get_data(as_text=True)
    after = client.get("/orgchart", query_string={"council": COUNCIL, "as_of": "2019-09-30"}).get_data(as_text=True)
    lscb = quote(iri("body/testshire-council/local-safeguarding-children-board"), safe="")
    partnership = quote(iri("body/testshire-safeguarding-children-partnership"), safe="")
    assert f"/entity?iri={lscb}" in before and f"/entity?iri={partnership}" not in before
    assert f"/entity?iri={lscb}" not in after and f"/entity?iri={partnership}" in after
    assert 'value="2019-09-30"' in after


def test_downloads(client) -> None:
    for fmt, media, start in [("dot", "text/vnd.graphviz", b"digraph orgchart {"), ("mermaid", "text/plain", b"---\ntitle:"),
                              ("graphml", "application/graphml+xml", b"<?xml"), ("json", "application/json", b"{")]:
        response = client.get(f"/orgchart.{fmt}", query_string={"council": "Testshire", "as_of": "2019-09-28"})
        assert response.status_code == 200
        assert response.mimetype == media
        assert response.data.startswith(start)
        ext = {"mermaid": "mmd"}.get(fmt, fmt)
        assert response.headers["Content-Disposition"] == f'attachment; filename="testshire-council-as-of-2019-09-28.{ext}"'
    assert client.get("/orgchart.pdf", query_string={"council": "Testshire"}).status_code == 404
    assert client.get("/orgchart.json").status_code == 400


@pytest.mark.parametrize("query", [
    {"council": COUNCIL, "as_of": "2019-13-01"},
    {"council": COUNCIL, "depth": "9"},
    {"council": COUNCIL, "depth": "two"},
    {"council": "Nowhere"},
])
def test_bad_requests(client, query: dict[str, str]) -> None:
    assert client.get("/orgchart", query_string=query).status_code == 400


def test_chain_and_path_on_the_page(client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)  # also: the page works without Graphviz
    html = client.get("/orgchart", query_string={
        "council": COUNCIL, "post": iri("post/testshire-council/team-manager"),
        "from": "Virtual School [Testshire]", "to": "Social Work England",
    }).get_data(as_text=True)
    assert "The chart could not be drawn here: Graphviz is not installed" in html
    chain = re.search(r'<ol class="orgchart-chain">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r'">([^<]+)</a>', chain) == [
        "Team Manager (Children in Care)", "Assistant Director &lt;Safeguarding&gt; &amp; Quality",
        "Director of Children&#39;s Services, Testshire Council",
    ]
    assert "—instance-of→" in html and "←legal-basis—" in html


def test_zoom_script_is_served() -> None:
    from webui import create_app

    response = create_app(store=fixture_store()).test_client().get("/static/orgchart-zoom.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert b'getElementById("orgchart-canvas")' in response.data


def test_in_the_real_app_with_its_base_template_csp_and_error_pages() -> None:
    from webui import create_app

    client = create_app(store=fixture_store()).test_client()
    response = client.get("/orgchart", query_string={"council": COUNCIL, "as_of": "2019-09-28"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<title>Org chart: Testshire Council as of 2019-09-28 · CSC KG</title>" in html
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert '<script src="/static/orgchart-zoom.js" defer>' in scripts
    assert all(" src=" in tag for tag in scripts)  # no inline script: the CSP would block it
    bad = client.get("/orgchart", query_string={"council": COUNCIL, "as_of": "2019-02-30"})
    assert bad.status_code == 400
    assert "is not a date (use YYYY-MM-DD)" in bad.get_data(as_text=True)
