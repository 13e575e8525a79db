"""Issue 8, no injection: hostile minutes ingested for real, then every page type in Chromium.

A copy of the built store (Oxigraph backup of the session's `kg build`) receives, through the
public ingest API, a minutes document whose title, committee, text and decision carry
`<script>alert(1)</script>` and `"><img src=x onerror=alert(1)>`, and a graph whose IRIs are
`javascript:` URLs. The app is served by the production server (waitress, query workers on the
on-disk store) and every page type is opened: home, search, an entity of each kind, act,
council, source, timeline, the query catalogue and every named query, query results,
validation, ontology, graph, org chart and the insight pages. On each page: no dialog opened,
no inline event-handler attribute, no `javascript:` link/source/action in the page or in its
embedded frames (the /graph SVG), no inline script, and no request left loopback.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib

from browser_helpers import new_page
from kg.ingest.pipeline import ingest_paths
from kg.store import KgStore
from webui import create_app
from webui.commands import make_server
from webui.kinds import KINDS
from webui.sparql_exec import stop_query_pool

XSS = "<script>alert(1)</script>"
ATTR = '"><img src=x onerror=alert(1)>'
TEXT = f"""Agenda item

{XSS} Children's Services Update {ATTR}

Minutes:

Councillor {XSS} Smith asked the Corporate Director of Children's Services about section 17 of the Children Act 1989 {ATTR}.

The Director of Children's Services, Jane {ATTR} Doe, replied that £250,000 had been allocated for {XSS} care leavers.

RESOLVED: that the report on {XSS} and {ATTR} be noted and that the Panel set up a {ATTR} working group.
"""
META = {"source_url": 'https://democracy.bathnes.gov.uk/mgAi.aspx?ID=99999&x="><script>alert(1)</script>',
        "council": "Bath and North East Somerset Council", "committee": f"{ATTR} Panel {XSS}",
        "meeting_date": "2019-05-04", "item_number": "7", "title": f"{XSS} Children's Services Update {ATTR}"}
KGID = "https://w3id.org/csckg/id/"
DOC = KGID + "doc/950_hostile"
COUNCIL = KGID + "body/bath-and-north-east-somerset-council"
JS_PERSON = KGID + "person/test/js-links"
ATTR_TTL = ATTR.replace('"', '\\"')
JS_TTL = f"""@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<{JS_PERSON}> a foaf:Person ; foaf:name "{ATTR_TTL} js" ; foaf:homepage <javascript:alert(1)> ;
    rdfs:seeAlso <JaVaScRiPt:alert(2)>, <vbscript:alert(3)> ; org:memberOf <{COUNCIL}> .
<javascript:alert(1)> a foaf:Person ; foaf:name "{XSS}" ; skos:prefLabel "javascript person" ;
    org:memberOf <{COUNCIL}> .
"""

ROUTES: set[str] = set()  # the served app's routes (pages still being written elsewhere may be absent)
INVALID = {"/entity?" + urllib.parse.urlencode({"iri": XSS}), "/query?" + urllib.parse.urlencode({"query": XSS})}

PAGE_CHECK = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = a.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) bad.push(el.tagName + ' ' + name);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster'].includes(name)
          && /^(javascript|vbscript|data:text\\/html)/.test(value)) bad.push(el.tagName + ' ' + name + '=' + value);
    }
    if (el.tagName.toLowerCase() === 'script' && !el.getAttribute('src')
        && (el.getAttribute('type') || '') !== 'application/json') bad.push('inline script');
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def hostile_url(built_store: KgStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("hostile")
    built_store.oxigraph.backup(str(work / "store"))
    store = KgStore.open(work / "store")
    folder = work / "minutes"
    folder.mkdir()
    doc = folder / "950_hostile.txt"
    doc.write_text(TEXT, encoding="utf-8")
    doc.with_suffix(".json").write_text(json.dumps(META), encoding="utf-8")
    summary = ingest_paths(store, [doc], progress=False)
    assert summary.documents == 1, summary.failures
    store.replace_graphs({"https://w3id.org/csckg/graph/test/javascript-iris":
                          rdflib.Graph().parse(data=JS_TTL, format="turtle")})
    store.flush()
    app = create_app({"QUERY_WORKERS": 2, "QUERY_TIMEOUT": 60}, store=store)
    server = make_server(app, "127.0.0.1", 0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    ROUTES.update(rule.rule for rule in app.url_map.iter_rules())
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(5)
    stop_query_pool(app)


def one_of_each_kind(store_url: str) -> list[str]:
    """An entity IRI per kind, the hostile ones first where they exist."""
    import urllib.request

    found: list[str] = []
    for kind in KINDS:
        values = " ".join(f"<{c}>" for c in kind.classes)
        query = (f"SELECT ?s WHERE {{ VALUES ?c {{ {values} }} ?s a ?c FILTER(isIRI(?s)) "
                 f"BIND(IF(CONTAINS(STR(?s), 'hostile') || CONTAINS(STR(?s), 'onerror'), 0, 1) AS ?o) }} "
                 f"ORDER BY ?o ?s LIMIT 1")
        url = f"{store_url}/sparql?" + urllib.parse.urlencode({"query": query})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            rows = json.loads(answer.read())["results"]["bindings"]
        assert rows, f"no {kind.key} in the store"
        found.append(rows[0]["s"]["value"])
    return found


def paths(base: str) -> list[str]:
    from kg.queries import catalogue

    entity = lambda iri: "/entity?" + urllib.parse.urlencode({"iri": iri})  # noqa: E731
    hostile_committee = KGID + "body/bath-and-north-east-somerset-council/img-src-x-onerror-alert-1-panel-script-alert-1-script"
    label_query = ("SELECT ?s ?label ?page WHERE { ?s skos:prefLabel|foaf:name|dct:title ?label "
                   "OPTIONAL { ?s foaf:homepage|rdfs:seeAlso ?page } FILTER(CONTAINS(?label, 'alert')) }")
    result = ["/", "/search?q=alert", "/search?" + urllib.parse.urlencode({"q": XSS}), "/search?q=onerror&type=body",
              *[entity(iri) for iri in one_of_each_kind(base)],
              entity(DOC), entity(DOC + "/decision/1"), entity(hostile_committee), entity(JS_PERSON),
              entity("javascript:alert(1)"), entity(XSS),
              "/acts", "/councils", entity(COUNCIL), "/sources", "/source?" + urllib.parse.urlencode({"iri": DOC}),
              "/timeline", "/queries", *[f"/queries/{name}" for name in catalogue()],
              "/query?" + urllib.parse.urlencode({"query": label_query}), "/query?" + urllib.parse.urlencode({"query": XSS}),
              "/validation", "/ontology", "/graph?" + urllib.parse.urlencode({"iri": hostile_committee}),
              "/graph?" + urllib.parse.urlencode({"iri": JS_PERSON}), "/orgchart",
              "/orgchart?" + urllib.parse.urlencode({"council": COUNCIL}),
              *[p for p in ("/alerts", "/coverage", "/compare", "/changes") if p in ROUTES]]
    return result


def test_every_page_type_with_hostile_data(browser: object, hostile_url: str) -> None:
    context, p = new_page(browser, hostile_url)
    page = p.page
    visited: list[tuple[str, int]] = []
    for path in paths(hostile_url):
        response = page.goto(path, wait_until="load", timeout=120_000)
        assert response is not None
        visited.append((path, response.status))
        page.wait_for_timeout(50)
        for frame in page.frames:
            assert frame.evaluate(PAGE_CHECK) == [], (path, frame.url)
        assert page.locator("a[href^='javascript:' i]").count() == 0, path
        assert p.dialogs == [], path
    assert p.outside == []
    statuses = dict(visited)
    assert all(status < 500 for status in statuses.values()), [v for v in visited if v[1] >= 500]
    assert {path for path, status in visited if status != 200} == INVALID, [v for v in visited if v[1] != 200]
    assert {statuses[path] for path in INVALID} == {400}
    assert len(visited) >= 50
    context.close()


def test_the_payloads_really_reached_the_pages(browser: object, hostile_url: str) -> None:
    """Control: the text is on the pages, shown literally (so the test above is not vacuous)."""
    context, p = new_page(browser, hostile_url)
    page = p.page
    page.goto("/source?" + urllib.parse.urlencode({"iri": DOC}))
    assert XSS in page.inner_text("body") and ATTR in page.inner_text("body")
    page.goto("/entity?" + urllib.parse.urlencode({"iri": DOC + "/decision/1"}))
    assert XSS in page.inner_text("body")
    page.goto("/entity?" + urllib.parse.urlencode({"iri": JS_PERSON}))
    assert "javascript:alert(1)" in page.inner_text("body")
    assert page.locator("a[href^='javascript:' i]").count() == 0
    page.goto("/search?q=onerror")
    assert ATTR + " Panel " + XSS in page.inner_text("body")
    assert p.dialogs == []
    context.close()
