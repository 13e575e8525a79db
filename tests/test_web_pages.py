"""The HTML pages and their JSON/CSV twins, on the fixture graph, with exact answers."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import rdflib
from flask.testing import FlaskClient

from test_web_fixture import (  # noqa: F401  (fixtures)
    ACT, AMOUNT_TEXT, CITATION_TEXT, COMMITTEE, COUNCIL, DECISION, DECISION_SENTENCE, DOC, DUTY,
    DUTY_SUB, EVENT, OTHER_S5, S2, S10, S16, S16A, TEXT, app, client, span, web_store)


def html(client: FlaskClient, path: str, **params: str) -> str:
    response = client.get(path, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.content_type == "text/html; charset=utf-8"
    return response.get_data(as_text=True)


def data(client: FlaskClient, path: str, **params: str) -> dict:
    response = client.get(path, query_string={**params, "format": "json"})
    assert response.status_code == 200
    assert response.content_type == "application/json"
    return response.get_json()


# -- home and search -------------------------------------------------------------------------

def test_home_counts_every_kind(client: FlaskClient) -> None:
    page = html(client, "/")
    counts = dict(re.findall(r'data-kind="(\w+)">(\d+)<', page))
    assert counts == {"act": "1", "section": "5", "duty": "2", "body": "4", "council": "1", "person": "2",
                      "post": "1", "document": "1", "meeting": "1", "decision": "1", "concept": "5"}
    assert 'action="/search"' in page
    assert 'href="/orgchart"' in page


def test_search_exact_alias_first(client: FlaskClient) -> None:
    assert data(client, "/search", q="tca 2099")["rows"] == [
        {"iri": ACT, "label": "Test Children Act 2099", "matched": "TCA 2099", "match": "exact", "kind": "Acts"}]


def test_search_orders_exact_prefix_contains(client: FlaskClient) -> None:
    rows = data(client, "/search", q="testshire council")["rows"]
    assert [(r["label"], r["match"]) for r in rows] == [("Testshire Council", "exact")]
    rows = data(client, "/search", q="CORPORATE PARENTING committee")["rows"]
    assert [(r["iri"], r["match"]) for r in rows] == [
        (COMMITTEE, "exact"),
        (DOC, "prefix"),
        ("https://w3id.org/csckg/id/meeting/testshire-council/corporate-parenting-committee/2099-05-04", "prefix"),
    ]
    rows = data(client, "/search", q="care leavers")["rows"]
    assert [(r["label"], r["match"]) for r in rows] == [
        ("Local offer for care leavers", "contains"), ("Publish a local offer for care leavers", "contains")]


def test_search_type_filter(client: FlaskClient) -> None:
    rows = data(client, "/search", q="test", type="council")["rows"]
    assert [r["iri"] for r in rows] == [COUNCIL]
    assert client.get("/search?q=x&type=planet").status_code == 400


def test_search_page_and_csv(client: FlaskClient) -> None:
    page = html(client, "/search", q="TCA 2099")
    assert "1 result for “TCA 2099”." in page
    assert f'<a href="/entity?iri={ACT}" title="{ACT}">Test Children Act 2099</a>' in page
    response = client.get("/search?q=TCA+2099&format=csv")
    assert response.content_type == "text/csv; charset=utf-8"
    assert response.get_data(as_text=True) == (
        "iri,label,matched,match,kind\r\n"
        f"{ACT},Test Children Act 2099,TCA 2099,exact,Acts\r\n")


def test_search_empty_and_bad_format(client: FlaskClient) -> None:
    assert "result" not in html(client, "/search").split("<main", 1)[1].split("</form>", 1)[1]
    assert client.get("/search?q=x&format=xlsx").status_code == 400


# -- entity page -----------------------------------------------------------------------------

def test_entity_page_relations_and_labels(client: FlaskClient) -> None:
    page = html(client, "/entity", iri=DUTY)
    assert "<h1>Publish a local offer for care leavers</h1>" in page
    assert '<p class="kind">Duties and powers</p>' in page
    rows = dict(re.findall(r'<th scope="row" title="[^"]+">([^<]+)</th>\s*<td>(.*?)</td></tr>', page, re.S))
    assert sorted(rows) == ["bearer", "beneficiary", "in force from", "label", "legal basis", "modality"]
    assert ">local authority in England</a>" in rows["bearer"]
    assert f'<span class="ref">s. 2</span> <a href="/entity?iri={S2}"' in rows["legal basis"]
    assert "2099-04-01" in rows["in force from"]


def test_entity_page_incoming_relations(client: FlaskClient) -> None:
    page = html(client, "/entity", iri=S2)
    incoming = page.split("Referred to by", 1)[1]
    assert re.findall(r'<th scope="row" title="[^"]+">([^<]+) <span class="muted">of</span>', incoming) == [
        "about", "legal basis", "mentions"]
    assert f'href="/entity?iri={DUTY}"' in incoming


def test_entity_types_dates_and_graphs(client: FlaskClient) -> None:
    page = html(client, "/entity", iri=ACT)
    assert re.search(r'Type: <a href="/entity\?iri=https://w3id.org/csckg/def/Act"[^>]*>Act</a>', page)
    assert "<dt>date document</dt><dd><time datetime=\"2099-03-01\">2099-03-01</time></dd>" in page
    assert "<code>data/legislation/test.ttl</code>" in page
    assert f'<a class="ext" href="{ACT}" rel="noopener noreferrer nofollow">open the official record ↗</a>' in page


def test_entity_blank_node_values_are_nested(client: FlaskClient) -> None:
    page = html(client, "/entity", iri="https://w3id.org/csckg/id/membership/ada-lovelace/director")
    assert re.search(r'<dl class="nested"><dt>type</dt><dd><a [^>]*>kgid:|<dl class="nested">', page)
    assert "has beginning" in page


def test_extracted_fact_shows_its_sentence(client: FlaskClient) -> None:
    page = html(client, "/entity", iri=DECISION)
    assert f"<h1>{DECISION_SENTENCE}</h1>" in page  # no label: the start of its description
    assert '<p class="description">' not in page
    start, end = span(DECISION_SENTENCE)
    assert f"<blockquote>{DECISION_SENTENCE}</blockquote>" in page
    assert f'<a href="/source?iri={DOC}#span-{start}-{end}">read it in the document</a>' in page


def test_entity_for_concept_and_external_iri(client: FlaskClient) -> None:
    assert "<h1>care leaver</h1>" in html(client, "/entity", iri="https://w3id.org/csckg/concept/group-care-leaver")
    page = html(client, "/entity", iri=OTHER_S5)
    assert "<h1>Welfare of children</h1>" in page
    assert "inserts <span class=\"muted\">of</span>" in page


@pytest.mark.parametrize(("iri", "status"), [
    (None, 400), ("", 400), ("not an iri", 400), ("http://x/> ?p ?o } #", 400), ("http://example.org/" + "a" * 5000, 400),
    ("http://example.org/nothing-here", 404),
])
def test_entity_bad_or_unknown_iri(client: FlaskClient, iri: str | None, status: int) -> None:
    response = client.get("/entity", query_string={} if iri is None else {"iri": iri})
    assert response.status_code == status


def test_entity_error_as_json(client: FlaskClient) -> None:
    response = client.get("/entity?iri=http://example.org/nothing", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json() == {"status": 404, "title": "Not found",
                                   "error": "nothing in the graph is about http://example.org/nothing"}


# -- linked data -------------------------------------------------------------------------------

RDF_CASES = [
    ({"format": "ttl"}, {}, "text/turtle; charset=utf-8", "turtle"),
    ({"format": "nt"}, {}, "application/n-triples", "nt"),
    ({"format": "jsonld"}, {}, "application/ld+json", "json-ld"),
    ({}, {"Accept": "text/turtle"}, "text/turtle; charset=utf-8", "turtle"),
    ({}, {"Accept": "application/n-triples"}, "application/n-triples", "nt"),
    ({}, {"Accept": "application/ld+json"}, "application/ld+json", "json-ld"),
]


@pytest.mark.parametrize(("params", "headers", "content_type", "parser"), RDF_CASES)
def test_entity_as_rdf(client: FlaskClient, params: dict, headers: dict, content_type: str, parser: str) -> None:
    response = client.get("/entity", query_string={"iri": DUTY_SUB, **params}, headers=headers)
    assert response.status_code == 200
    assert response.content_type == content_type
    assert response.headers["Vary"] == "Accept"
    graph = rdflib.Graph().parse(data=response.get_data(as_text=True), format=parser)
    kg = "https://w3id.org/csckg/def/"
    assert set(graph) == {
        (rdflib.URIRef(DUTY_SUB), rdflib.RDF.type, rdflib.URIRef(kg + "Duty")),
        (rdflib.URIRef(DUTY_SUB), rdflib.RDFS.label, rdflib.Literal("Have regard to guidance", lang="en")),
        (rdflib.URIRef(DUTY_SUB), rdflib.URIRef(kg + "modality"), rdflib.URIRef("https://w3id.org/csckg/concept/modality-have-regard")),
        (rdflib.URIRef(DUTY_SUB), rdflib.URIRef(kg + "bearer"), rdflib.URIRef("https://w3id.org/csckg/concept/role-local-authority-england")),
        (rdflib.URIRef(DUTY_SUB), rdflib.URIRef(kg + "legalBasis"), rdflib.URIRef(f"{ACT}/section/10/3")),
    }


def test_entity_rdf_includes_incoming(client: FlaskClient) -> None:
    response = client.get("/entity", query_string={"iri": OTHER_S5, "format": "nt"})
    graph = rdflib.Graph().parse(data=response.get_data(as_text=True), format="nt")
    assert (rdflib.URIRef(S2), rdflib.URIRef("https://w3id.org/csckg/def/inserts"), rdflib.URIRef(OTHER_S5)) in graph
    assert len(graph) == 3


@pytest.mark.parametrize(("accept", "status", "content_type"), [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", 200, "text/html; charset=utf-8"),
    ("*/*", 200, "text/html; charset=utf-8"),
    ("image/png", 406, None),
])
def test_entity_negotiation(client: FlaskClient, accept: str, status: int, content_type: str | None) -> None:
    response = client.get("/entity", query_string={"iri": ACT}, headers={"Accept": accept})
    assert response.status_code == status
    assert response.headers["Vary"] == "Accept"
    if content_type:
        assert response.content_type == content_type


def test_entity_unknown_format(client: FlaskClient) -> None:
    assert client.get("/entity", query_string={"iri": ACT, "format": "rdfa"}).status_code == 400


# -- Act page ----------------------------------------------------------------------------------

def test_act_sections_in_numeric_order_with_duties(client: FlaskClient) -> None:
    page = html(client, "/entity", iri=ACT)
    assert re.findall(r'<span class="secno">s\. (\w+)</span>', page) == ["2", "10", "16", "16A"]
    rows = dict(re.findall(r'<tr id="s-(\w+)">(.*?)</tr>', page, re.S))
    assert '<time datetime="2099-04-01">2099-04-01</time>' in rows["2"]
    assert ">Publish a local offer for care leavers</a> <span class=\"badge\">duty</span>" in rows["2"]
    assert ">local authority in England</a>" in rows["2"] and ">care leaver</a>" in rows["2"]
    assert re.search(r"inserts <span class=\"ref\">s\. 5</span> <a [^>]*>Welfare of children</a>", rows["2"])
    cite_start, cite_end = span(CITATION_TEXT)
    assert f'<a href="/source?iri={DOC}#span-{cite_start}-{cite_end}">' in rows["2"]
    assert f"<q>{CITATION_TEXT}</q>" in rows["2"]
    # a duty whose legal basis is a subsection is listed under its section
    assert ">Have regard to guidance</a> <span class=\"badge\">duty to have regard</span>" in rows["10"]
    assert '<span class="repealed">until 2100-01-01</span>' in rows["16A"]


def test_acts_list_twins(client: FlaskClient) -> None:
    assert data(client, "/acts") == {
        "columns": ["act", "act_label", "citation", "royal_assent", "sections", "duties"],
        "rows": [{"act": ACT, "act_label": "Test Children Act 2099", "citation": "2099 c. 1",
                  "royal_assent": "2099-03-01", "sections": "4", "duties": "2"}]}
    assert f'>Test Children Act 2099</a>' in html(client, "/acts")
    text = client.get("/acts?format=csv").get_data(as_text=True)
    assert list(csv.reader(io.StringIO(text))) == [
        ["act", "act_label", "citation", "royal_assent", "sections", "duties"],
        [ACT, "Test Children Act 2099", "2099 c. 1", "2099-03-01", "4", "2"]]


# -- council page ------------------------------------------------------------------------------

def test_council_panel(client: FlaskClient) -> None:
    page = html(client, "/entity", iri=COUNCIL)
    panel = page.split('<section class="council-panel">', 1)[1].split("</section>", 1)[0]
    assert '<a href="/orgchart?council=https%3A%2F%2Fw3id.org%2Fcsckg%2Fid%2Fbody%2Ftestshire-council">' in panel
    assert re.findall(r"<li><a [^>]*>([^<]+)</a></li>", panel.split("<h2>Departments</h2>")[0]) == [
        "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;", "Corporate Parenting Committee"]
    assert ">Director of Children&#39;s Services</a></td><td><a " in panel
    assert ">Ada Lovelace</a> <span class=\"muted\">(2098-01-01 – now)</span>" in panel
    start, end = span(DECISION_SENTENCE)
    assert (f'<span class="badge">resolved</span> {DECISION_SENTENCE} <a href="/entity?iri={DECISION}">details</a>'
            f' · <a href="/source?iri={DOC}#span-{start}-{end}">source</a>') in panel
    a_start, a_end = span(AMOUNT_TEXT)
    assert '<td class="num">£250,000</td><td>local offer for care leavers' in panel
    assert f'<a href="/source?iri={DOC}#span-{a_start}-{a_end}">sentence</a>' in panel


def test_unlabelled_meeting_is_named_by_organiser_and_date(client: FlaskClient) -> None:
    page = html(client, "/entity", iri=DOC)
    meeting = "https://w3id.org/csckg/id/meeting/testshire-council/corporate-parenting-committee/2099-05-04"
    # the fixture meeting has an rdfs:label; the fallback is exercised through the unit function
    assert f'href="/entity?iri={meeting}"' in page
    from webui.terms import meeting_names

    with client.application.test_request_context():
        assert meeting_names([meeting]) == {meeting: "Corporate Parenting Committee, 2099-05-04"}


@pytest.mark.parametrize(("text", "shown"), [("250000.0", "250,000"), ("1234.5", "1,234.50"), ("94", "94"),
                                             ("n/a", "n/a"), (None, None)])
def test_grouped_number(text: str | None, shown: str | None) -> None:
    from webui.councils import grouped_number

    assert grouped_number(text) == shown


def test_councils_list(client: FlaskClient) -> None:
    assert data(client, "/councils")["rows"] == [
        {"council": COUNCIL, "council_label": "Testshire Council", "units": "3", "posts": "1", "meetings": "1"}]


# -- sources -----------------------------------------------------------------------------------

def test_source_page_highlights_every_span(client: FlaskClient) -> None:
    page = html(client, "/source", iri=DOC)
    text = page.split('<div class="doc-text">', 1)[1].split("</div>", 1)[0]
    marks = re.findall(r'<mark id="(span-\d+-\d+)" title="([^"]+)">([^<]+)</mark>', text)
    c, d, a = span(CITATION_TEXT), span(DECISION_SENTENCE), span(AMOUNT_TEXT)
    assert marks == [
        (f"span-{c[0]}-{c[1]}", f"legislation citation: {CITATION_TEXT}", CITATION_TEXT),
        (f"span-{d[0]}-{d[1]}", f"decision: {DECISION_SENTENCE}", DECISION_SENTENCE),
        (f"span-{a[0]}-{a[1]}", "monetary amount: kgid:doc/900_test/amount/1", AMOUNT_TEXT),
    ]
    assert re.sub(r"<[^>]+>", "", text) == TEXT
    assert f'<a href="#span-{d[0]}-{d[1]}">“{DECISION_SENTENCE}”</a> <span class="muted">({d[0]}–{d[1]})</span>' in page


def test_source_errors(client: FlaskClient) -> None:
    assert client.get("/source", query_string={"iri": ACT}).status_code == 404
    assert client.get("/source").status_code == 400


def test_sources_list(client: FlaskClient) -> None:
    assert data(client, "/sources")["rows"] == [
        {"document": DOC, "document_label": "Corporate Parenting Committee minutes, 4 May 2099",
         "publisher": COUNCIL, "publisher_label": "Testshire Council", "meeting_date": "2099-05-04"}]


# -- timeline ----------------------------------------------------------------------------------

def test_timeline_rows(client: FlaskClient) -> None:
    rows = data(client, "/timeline")["rows"]
    assert [(r["date"], r["event"], r["subject"]) for r in rows] == [
        ("2099-03-01", "Comes into force", S16),
        ("2099-03-01", "Royal Assent", ACT),
        ("2099-04-01", "Comes into force", S2),
        ("2099-05-04", "Decision", DECISION),
        ("2099-06-01", "Body lifecycle", EVENT),
        ("2100-01-01", "No longer in force", S16A),
    ]


def test_timeline_decision_detail(client: FlaskClient) -> None:
    rows = data(client, "/timeline", kind="local")["rows"]
    assert rows == [{"date": "2099-05-04", "event": "Decision", "kind": "local", "subject": DECISION,
                     "subject_label": DECISION_SENTENCE, "context": COUNCIL,
                     "context_label": "Testshire Council", "detail": DECISION_SENTENCE}]
    page = html(client, "/timeline", kind="local")
    assert f'<a href="/entity?iri={DECISION}" title="{DECISION}">{DECISION_SENTENCE}</a>' in page
    assert '<div class="detail">' not in page  # the label already is the decision's text


def test_timeline_filters(client: FlaskClient) -> None:
    assert [r["subject"] for r in data(client, "/timeline", kind="local")["rows"]] == [DECISION]
    assert [r["subject"] for r in data(client, "/timeline", **{"from": "2100"})["rows"]] == [S16A]
    page = html(client, "/timeline", kind="bodies")
    assert "<h2>2099</h2>" in page and "1 event." in page
    assert client.get("/timeline?from=last+year").status_code == 400
    assert client.get("/timeline?kind=weather").status_code == 400


# -- queries -----------------------------------------------------------------------------------

def test_catalogue_lists_every_named_query(client: FlaskClient) -> None:
    from kg.queries import catalogue

    rows = data(client, "/queries")["rows"]
    assert [r["name"] for r in rows] == sorted(catalogue())
    duties = next(r for r in rows if r["name"] == "duties-by-act")
    assert duties["title"] == "Duties and powers imposed by an Act"
    assert duties["parameters"] == "act (iri)"
    assert '<a href="/queries/duties-by-act">Duties and powers imposed by an Act</a>' in html(client, "/queries")


def test_named_query_runs_with_parameters(client: FlaskClient) -> None:
    result = data(client, "/queries/duties-by-act", act=ACT)
    assert result["columns"] == ["section", "section_number", "duty", "duty_label", "bearer_label",
                                 "beneficiary_label", "modality"]
    assert [(r["section_number"], r["duty_label"], r["bearer_label"], r["modality"]) for r in result["rows"]] == [
        ("2", "Publish a local offer for care leavers", "local authority in England", "duty"),
        ("10", "Have regard to guidance", "local authority in England", "have-regard"),
    ]
    page = html(client, "/queries/duties-by-act", act=ACT)
    assert "2 rows." in page
    assert f'<input id="p-act" name="act" type="text" value="{ACT}" size="60">' in page
    assert f'href="/queries/duties-by-act?act={ACT}&amp;format=csv"' in page
    csv_text = client.get("/queries/duties-by-act", query_string={"act": ACT, "format": "csv"}).get_data(as_text=True)
    assert csv_text.splitlines()[0] == "section,section_number,duty,duty_label,bearer_label,beneficiary_label,modality"
    assert len(csv_text.splitlines()) == 3


def test_named_query_errors(client: FlaskClient) -> None:
    assert client.get("/queries/no-such-query").status_code == 404
    response = client.get("/queries/duties-by-act?act=not+an+iri", headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert "not a valid iri" in response.get_json()["error"]


def test_query_page_empty_and_with_results(client: FlaskClient) -> None:
    page = html(client, "/query")
    assert '<textarea id="query" name="query"' in page and "PREFIX kg: &lt;https://w3id.org/csckg/def/&gt;" in page
    assert "/static/vendor/yasqe/yasqe.min.js" in page
    query = "SELECT ?s ?n WHERE { ?s eli:number ?n ; kg:inAct ?a } ORDER BY ?n"
    page = html(client, "/query", query=query)
    assert "5 rows." in page
    assert f'<span class="ref">s. 10</span> <a href="/entity?iri={S10}"' in page
    rows = data(client, "/query", query=query)["rows"]
    assert [r["n"] for r in rows] == ["10", "10(3)", "16", "16A", "2"]
    assert "Answer: <strong>yes (true)</strong>" in html(client, "/query", query="ASK { ?s a kg:Act }")


def test_query_page_refusals(client: FlaskClient) -> None:
    assert client.get("/query", query_string={"query": "DROP ALL"}).status_code == 403
    assert client.get("/query", query_string={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}).status_code == 400
    assert client.get("/query?format=csv").status_code == 400


# -- graph, validation, ontology ---------------------------------------------------------------

def test_graph_json(client: FlaskClient) -> None:
    result = client.get("/graph", query_string={"iri": DUTY, "format": "json"}).get_json()
    assert sorted(n["label"] for n in result["nodes"]) == [
        "Local offer for care leavers", "Publish a local offer for care leavers", "care leaver", "duty",
        "local authority in England"]
    assert sorted(e["label"] for e in result["edges"]) == ["bearer", "beneficiary", "legal basis", "modality"]
    two = client.get("/graph", query_string={"iri": DUTY, "format": "json", "hops": "2"}).get_json()
    assert len(two["nodes"]) > len(result["nodes"])
    assert {n["hops"] for n in two["nodes"]} == {0, 1, 2}


def test_graph_svg_and_page(client: FlaskClient) -> None:
    response = client.get("/graph", query_string={"iri": DUTY, "format": "svg"})
    assert response.status_code == 200
    assert response.content_type == "image/svg+xml; charset=utf-8"
    svg = response.get_data(as_text=True)
    assert "<svg" in svg and "Publish a local offer for care leavers" in svg
    assert f"/entity?iri={S2}" in svg
    page = html(client, "/graph", iri=DUTY)
    assert '<object type="image/svg+xml" data="/graph?iri=' in page
    assert "5 nodes, 4 edges." in page


def test_graph_radial_fallback(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from webui import graph_render

    monkeypatch.setattr(graph_render.shutil, "which", lambda _name: None)
    svg = client.get("/graph", query_string={"iri": DUTY, "format": "svg"}).get_data(as_text=True)
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    assert svg.count('<g class="node">') == 5 and svg.count('<g class="edge">') == 4


@pytest.mark.parametrize("query", ["hops=3", "format=png", ""])
def test_graph_bad_parameters(client: FlaskClient, query: str) -> None:
    path = f"/graph?iri={DUTY}&{query}" if query else "/graph"
    assert client.get(path).status_code == 400


def test_validation_page_cached_and_rerun(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.validate
    from kg.validate import ValidationReport

    calls: list[int] = []

    def fake_validate(_graph: rdflib.Graph) -> ValidationReport:
        calls.append(len(_graph))
        return ValidationReport(conforms=True, results=[], results_graph=rdflib.Graph())

    monkeypatch.setattr(kg.validate, "validate", fake_validate)
    client.application.extensions.pop("kg.validation", None)
    page = html(client, "/validation")
    assert "Validation conforms: 0 Violations, 0 Warnings, 0 Infos." in page
    html(client, "/validation")
    assert len(calls) == 1
    response = client.post("/validation")
    assert response.status_code == 303 and response.headers["Location"] == "/validation"
    assert len(calls) == 2
    assert data(client, "/validation") == {"conforms": True, "counts": {"Violation": 0, "Warning": 0, "Info": 0},
                                           "results": []}
    client.application.extensions.pop("kg.validation", None)


def test_validation_focus_nodes_are_labelled(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.validate
    from kg.validate import ValidationReport, ValidationResult

    result = ValidationResult(focus=rdflib.URIRef(ACT), path="eli:date_document", value=None, severity="Violation",
                              source_shape="kgsh:Act-dateDocument", message="no Royal Assent date")
    monkeypatch.setattr(kg.validate, "validate",
                        lambda _g: ValidationReport(conforms=False, results=[result], results_graph=rdflib.Graph()))
    client.application.extensions.pop("kg.validation", None)
    page = html(client, "/validation")
    assert "Validation does not conform: 1 Violation, 0 Warnings, 0 Infos." in page
    assert (f'<tr class="sev-violation"><td>Violation</td>\n<td><a href="/entity?iri={ACT}" title="{ACT}">'
            "Test Children Act 2099</a></td>\n<td><code>eli:date_document</code></td><td>no Royal Assent date</td>") in page
    client.application.extensions.pop("kg.validation", None)


def test_validation_real_report_on_fixture(client: FlaskClient) -> None:
    client.application.extensions.pop("kg.validation", None)
    result = data(client, "/validation")
    assert set(result) == {"conforms", "counts", "results"}
    assert sorted(result["counts"]) == ["Info", "Violation", "Warning"]
    client.application.extensions.pop("kg.validation", None)


def test_ontology_page(client: FlaskClient) -> None:
    page = html(client, "/ontology")
    assert page.lstrip().lower().startswith("<!doctype html>")


def test_unknown_route_is_html_404(client: FlaskClient) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert "<h1>Not found <span class=\"muted\">(404)</span></h1>" in response.get_data(as_text=True)
    assert json.loads(client.get("/nowhere?format=json").get_data())["status"] == 404
