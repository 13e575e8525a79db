"""The journeys a scrutiny member and an analyst take, in a real browser."""

from __future__ import annotations

import csv
import io

import pytest

from browser_helpers import new_page

CSWA = "http://www.legislation.gov.uk/id/ukpga/2017/16"


def test_search_act_section_journey(browser: object, live_url: str) -> None:
    context, p = new_page(browser, live_url)
    page = p.page
    page.goto("/")
    assert page.title() == "Home · CSC KG"
    p.shot("01-home")
    page.fill("#home-q", "Children and Social Work Act")
    page.click(".big-search button")
    page.wait_for_url("**/search?q=Children+and+Social+Work+Act")
    first = page.locator("table.results tbody tr").first
    assert first.locator("td").first.inner_text().startswith("Children and Social Work Act 2017")
    p.shot("02-search")
    first.locator("a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Children and Social Work Act 2017"
    row = page.locator("tr#s-3")
    assert "Personal adviser for care leavers up to 25" in row.inner_text()
    p.shot("03-act")
    row.locator("td.sec a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Advice and support"
    assert "Personal adviser for care leavers up to 25" in page.locator("section.incoming").inner_text()
    p.shot("04-section-3")
    page.locator("section.incoming a", has_text="Personal adviser for care leavers up to 25").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Personal adviser for care leavers up to 25"
    p.shot("05-duty")
    page.click("text=See its neighbourhood as a graph")
    page.wait_for_load_state()
    assert page.locator("object[type='image/svg+xml']").count() == 1
    p.shot("06-graph")
    assert p.outside == [] and p.dialogs == [] and p.errors == []
    context.close()


def test_duties_by_act_query_and_csv_download(browser: object, live_url: str) -> None:
    context, p = new_page(browser, live_url)
    page = p.page
    page.goto("/queries")
    page.click("text=Duties and powers imposed by an Act")
    page.wait_for_load_state()
    page.fill("#p-act", CSWA)
    page.click(".params-form button")
    page.wait_for_load_state()
    assert "Personal adviser for care leavers up to 25" in page.locator("table.results").inner_text()
    p.shot("07-duties-by-act")
    with page.expect_download() as info:
        page.click(".formats >> text=CSV")
    download = info.value
    assert download.suggested_filename == "duties-by-act.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert ("3", "Personal adviser for care leavers up to 25") in [(r["section_number"], r["duty_label"]) for r in rows]
    assert p.outside == [] and p.errors == []
    context.close()


def test_query_editor_is_enhanced_and_runs(browser: object, live_url: str) -> None:
    context, p = new_page(browser, live_url)
    page = p.page
    page.goto("/query")
    page.wait_for_selector(".CodeMirror")
    p.shot("08-editor")
    page.evaluate("""() => { const cm = document.querySelector('.CodeMirror').CodeMirror;
        cm.setValue('SELECT ?title WHERE { ?a a kg:Act ; dct:title ?title } ORDER BY ?title LIMIT 3'); }""")
    page.click("#run")
    page.wait_for_load_state()
    assert page.locator("p.summary").inner_text() == "3 rows."
    p.shot("09-editor-results")
    assert p.outside == [] and p.errors == []
    context.close()


def test_pages_work_without_javascript(browser: object, live_url: str) -> None:
    context, p = new_page(browser, live_url, javascript=False)
    page = p.page
    page.goto("/query")
    page.fill("#query", "ASK { ?a a kg:Act }")
    page.click("#run")
    page.wait_for_load_state()
    assert page.locator("p.boolean").inner_text() == "Answer: yes (true)"
    page.goto("/")
    page.fill("#nav-q", "Social Work England")
    page.click(".quick-search button")
    page.wait_for_load_state()
    page.locator("table.results a", has_text="Social Work England").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Social Work England"
    p.shot("10-no-js-entity")
    context.close()


@pytest.mark.parametrize("path", ["/councils", "/timeline", "/validation", "/sources", "/acts"])
def test_list_pages_render(browser: object, live_url: str, path: str) -> None:
    context, p = new_page(browser, live_url)
    response = p.page.goto(path)
    assert response is not None and response.status == 200
    p.shot("11-" + path.strip("/"))
    assert p.outside == [] and p.errors == []
    context.close()


def test_hostile_data_never_runs(browser: object, fixture_url: str) -> None:
    from test_web_fixture import COUNCIL, DOC, EVIL_COMMITTEE, EVIL_PERSON

    context, p = new_page(browser, fixture_url)
    page = p.page
    for path, params in [("/entity", EVIL_PERSON), ("/entity", EVIL_COMMITTEE), ("/entity", COUNCIL),
                         ("/graph", COUNCIL), ("/source", DOC)]:
        page.goto(f"{path}?iri={params}")
        page.wait_for_timeout(200)
    page.goto("/search?q=alert")
    page.goto("/query?query=SELECT+%3Fs+%3Fo+WHERE+%7B+%3Fs+foaf%3Aname%7Cskos%3AprefLabel+%3Fo+%7D")
    page.goto(f"/entity?iri={COUNCIL}")
    p.shot("12-council-fixture")
    page.goto(f"/source?iri={DOC}#span-142-218")
    p.shot("13-source-fixture")
    assert p.dialogs == []
    page.goto(f"/entity?iri={EVIL_PERSON}")
    assert page.locator("h1").inner_text() == "<script>alert(1)</script>"
    assert page.locator("a[href^='javascript:' i]").count() == 0
    context.close()
