"""The web UI on the real built store: things the curated data guarantees."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from kg.queries import catalogue
from kg.store import KgStore
from webui import create_app

CSWA = "http://www.legislation.gov.uk/id/ukpga/2017/16"
SWE = "https://w3id.org/csckg/id/body/social-work-england"


@pytest.fixture(scope="module")
def built_app(built_store: KgStore) -> Flask:
    return create_app({"TESTING": True}, store=built_store)


@pytest.fixture
def built_client(built_app: Flask) -> Iterator[FlaskClient]:
    yield built_app.test_client()


def test_cswa_page_lists_section_3_with_personal_adviser_duty(built_client: FlaskClient) -> None:
    response = built_client.get("/entity", query_string={"iri": CSWA})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>Children and Social Work Act 2017</h1>" in page
    numbers = re.findall(r'<span class="secno">s\. (\w+)</span>', page)
    assert numbers[:3] == ["1", "2", "3"]
    row = dict(re.findall(r'<tr id="s-(\w+)">(.*?)</tr>', page, re.S))["3"]
    assert ">Advice and support</a>" in row
    assert '<time datetime="2018-04-01">2018-04-01</time>' in row
    assert ">Personal adviser for care leavers up to 25</a> <span class=\"badge\">duty</span>" in row


def test_sections_sort_numerically(built_client: FlaskClient) -> None:
    page = built_client.get("/entity", query_string={"iri": CSWA}).get_data(as_text=True)
    numbers = [n for n in re.findall(r'<span class="secno">s\. (\w+)</span>', page)]
    keys = [(int(re.match(r"\d+", n).group()), n) for n in numbers]  # type: ignore[union-attr]
    assert keys == sorted(keys)


def test_social_work_england_page(built_client: FlaskClient) -> None:
    response = built_client.get("/entity", query_string={"iri": SWE})
    assert response.status_code == 200
    assert "<h1>Social Work England</h1>" in response.get_data(as_text=True)


def test_search_finds_the_act_by_name_and_alias(built_client: FlaskClient) -> None:
    rows = built_client.get("/search?q=Children+and+Social+Work+Act+2017&format=json").get_json()["rows"]
    assert rows[0] == {"iri": CSWA, "label": "Children and Social Work Act 2017",
                       "matched": "Children and Social Work Act 2017", "match": "exact", "kind": "Acts"}
    rows = built_client.get("/search?q=cswa+2017&format=json").get_json()["rows"]
    assert rows[0]["iri"] == CSWA and rows[0]["match"] == "exact"


def test_every_act_and_council_has_a_page(built_client: FlaskClient) -> None:
    acts = built_client.get("/acts?format=json").get_json()["rows"]
    assert CSWA in [a["act"] for a in acts]
    councils = built_client.get("/councils?format=json").get_json()["rows"]
    assert councils
    for iri in [a["act"] for a in acts] + [c["council"] for c in councils]:
        assert built_client.get("/entity", query_string={"iri": iri}).status_code == 200, iri


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_named_query_runs(built_client: FlaskClient, name: str) -> None:
    assert built_client.get(f"/queries/{name}").status_code == 200
    assert built_client.get(f"/queries/{name}?format=json").get_json()["columns"]


def test_duties_by_act_default_is_cswa(built_client: FlaskClient) -> None:
    rows = built_client.get("/queries/duties-by-act?format=json").get_json()["rows"]
    assert ("3", "Personal adviser for care leavers up to 25") in [(r["section_number"], r["duty_label"]) for r in rows]


def test_home_and_timeline_on_real_data(built_client: FlaskClient) -> None:
    page = built_client.get("/").get_data(as_text=True)
    counts = dict(re.findall(r'data-kind="(\w+)">(\d+)<', page))
    assert int(counts["act"]) >= 10 and int(counts["duty"]) >= 1
    rows = built_client.get("/timeline?format=json").get_json()["rows"]
    assert ("2017-04-27", "Royal Assent", CSWA) in [(r["date"], r["event"], r["subject"]) for r in rows]


def test_crawl_internal_links_has_no_errors(built_client: FlaskClient) -> None:
    """Follow internal links from the home page (breadth first, 400 pages): nothing fails."""
    from html.parser import HTMLParser

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            for name, value in attrs:
                if name in ("href", "src", "data", "action") and value and value.startswith("/") \
                        and not value.startswith("//"):
                    self.found.append(value.split("#", 1)[0])

    seen, queue, failures = set(), ["/"], []
    while queue and len(seen) < 400:
        path = queue.pop(0)
        if path in seen or path.startswith(("/orgchart", "/static/")):
            continue
        seen.add(path)
        response = built_client.get(path)
        if response.status_code not in (200, 303):
            failures.append((path, response.status_code))
            continue
        if response.content_type.startswith("text/html"):
            parser = Links()
            parser.feed(response.get_data(as_text=True))
            queue.extend(p for p in parser.found if p not in seen)
    assert failures == []
    assert len(seen) >= 100
