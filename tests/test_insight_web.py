"""The insight pages (issue 9): alerts, coverage, compare (CSV + SVG, escaped), the change feed."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from kg import changes
from kg.store import KgStore
from webui import create_app, insight
from webui.insight_svg import Bar, bar_chart

ID = "https://w3id.org/csckg/id/"
S3 = ID + "duty/ukpga-2017-16-s3-personal-adviser-to-25"


def _app(store: KgStore) -> Flask:
    app = create_app({"TESTING": True}, store=store)
    if "insight" not in app.blueprints:  # until the lead registers it in webui/__init__.py
        app.register_blueprint(insight.bp)
    return app


@pytest.fixture(scope="module")
def client(built_store: KgStore) -> Iterator[FlaskClient]:
    yield _app(built_store).test_client()


def test_alerts_page_and_twins(client: FlaskClient) -> None:
    page = client.get("/alerts", query_string={"council": "Stockport Council"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "2 alerts:\n2 statutory post without holder" in html
    assert "Stockport Council has no recorded holder of its Director of Children&#39;s Services post" in html
    data = client.get("/alerts", query_string={"format": "json"}).get_json()
    assert [r["subject"].rsplit("/", 2)[1] + "/" + r["subject"].rsplit("/", 1)[1] for r in data["rows"]][:3] == [
        "bath-and-north-east-somerset-council/director-of-childrens-services",
        "bath-and-north-east-somerset-council/lead-member-for-childrens-services",
        "bath-and-north-east-somerset-council/head-of-the-virtual-school",
    ]
    assert len(data["rows"]) == 10
    text = client.get("/alerts", query_string={"format": "csv"}).get_data(as_text=True)
    assert text.splitlines()[0] == ",".join(insight.ALERT_COLUMNS)
    assert client.get("/alerts", query_string={"council": "Nowhere Council"}).status_code == 400


def test_coverage_page_shows_the_hardman_question(client: FlaskClient) -> None:
    page = client.get("/coverage", query_string={"council": "Bath and North East Somerset Council", "as_of": "2018-09-18"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Councillor Liz Hardman asked if there are the resources to deliver a Personal Advisor" in html
    assert "27 duties in force bear on the council on 2018-09-18; 23 have no recorded response." in html
    rows = list(csv.DictReader(io.StringIO(client.get("/coverage", query_string={
        "council": "Bath and North East Somerset Council", "as_of": "2018-09-18", "format": "csv"}).get_data(as_text=True))))
    assert [r["response"].rsplit("/", 2)[-2:] for r in rows if r["duty"] == S3] == [["question", "3"], ["statement", "6"]]


def test_compare_page_csv_and_chart(client: FlaskClient) -> None:
    duty = ID + "duty/ukpga-1989-41-s47-enquiries"
    page = client.get("/compare", query_string={"view": "duty", "duty": duty})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and '<svg class="bar-chart"' in html
    assert "<title>London Borough of Hammersmith and Fulham: 2</title>" in html
    rows = list(csv.DictReader(io.StringIO(client.get("/compare", query_string={
        "view": "duty", "duty": duty, "format": "csv"}).get_data(as_text=True))))
    assert [(r["council_label"], r["responses"]) for r in rows[:3]] == [
        ("London Borough of Hammersmith and Fulham", "2"), ("London Borough of Haringey", "1"),
        ("Bath and North East Somerset Council", "0")]
    funding = client.get("/compare", query_string={"view": "funding", "format": "json"}).get_json()
    assert [(r["council_label"], r["meeting_year"], r["total_gbp"]) for r in funding["rows"]] == [
        ("Bath and North East Somerset Council", "2018", "37292")]
    decisions = client.get("/compare", query_string={"view": "decisions"})
    assert decisions.status_code == 200 and "<title>London Borough of Haringey: 7</title>" in decisions.get_data(as_text=True)
    assert client.get("/compare", query_string={"view": "nope"}).status_code == 400


def test_bar_chart_escapes_labels(built_store: KgStore) -> None:
    from flask import render_template_string

    chart = bar_chart([Bar('<script>alert("x")</script> & Co', Decimal(3)), Bar("B", Decimal(0))], "T <b>")
    assert chart is not None and [(b.length, b.value) for b in chart.bars] == [(420, "3"), (0, "0")]
    with _app(built_store).test_request_context():
        svg = render_template_string('{% from "insight/_chart.html" import bar_chart %}{{ bar_chart(c) }}', c=chart)
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "T &lt;b&gt;" in svg
    ET.fromstring(svg)  # well-formed XML
    assert bar_chart([], "empty") is None


def test_change_feed_atom_and_json(tmp_path: Path, built_store_path: Path) -> None:
    store_path = tmp_path / "store"
    shutil.copytree(built_store_path, store_path)
    entry = changes.make_entry("ingest", store_path, {
        "added": [{"graph": "https://w3id.org/csckg/graph/doc/x<&>", "triples": 3}], "removed": [], "changed": []})
    changes.append(store_path, entry)
    store = KgStore.open(store_path, read_only=True)
    client = _app(store).test_client()
    data = client.get("/changes", query_string={"format": "json"}).get_json()
    assert data == {"entries": [entry]}
    atom = client.get("/changes", query_string={"format": "atom"})
    assert atom.mimetype == "application/atom+xml"
    root = ET.fromstring(atom.get_data())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert titles == ["ingest: 1 graphs added, 0 changed, 0 removed"]
    assert "doc/x<&>" in (root.find("a:entry/a:content", ns).text or "")  # type: ignore[union-attr]
    html = client.get("/changes").get_data(as_text=True)
    assert "x&lt;&amp;&gt;" in html and "/source?iri=" in html
    assert json.dumps(client.get("/changes", query_string={"format": "xml"}).status_code) == "400"
    del store
