"""`--as-of`: bodies by their dates and lifecycle events (the LSCB -> partnership switch), holders by tenure."""

from __future__ import annotations

from datetime import date

import pytest
from orgchart_fixture import fixture_store, iri

from kg.errors import KgError
from kg.orgchart import ChartRequest, build_chart, org_graph
from kg.orgchart_scope import lifespan

LSCB = iri("body/testshire-council/local-safeguarding-children-board")
PARTNERSHIP = iri("body/testshire-safeguarding-children-partnership")
DCS = iri("post/testshire-council/director-of-childrens-services")


@pytest.fixture(scope="module")
def store():
    return fixture_store()


def chart_on(store, day: str):
    return build_chart(store, ChartRequest(council="Testshire", as_of=date.fromisoformat(day)))


def test_lscb_shown_the_day_before_the_national_replacement(store) -> None:
    chart = chart_on(store, "2019-09-28")
    assert LSCB in chart
    assert PARTNERSHIP not in chart
    assert (LSCB, iri("body/local-safeguarding-children-boards"), "instance-of") in chart.edges(keys=True)
    assert chart.graph["title"] == "Testshire Council as of 2019-09-28"


def test_partnership_shown_after_it(store) -> None:
    chart = chart_on(store, "2019-09-30")
    assert LSCB not in chart
    assert PARTNERSHIP in chart
    assert (iri("body/testshire-council"), PARTNERSHIP, "member-of") in chart.edges(keys=True)


def test_replacement_day_belongs_to_the_partnership(store) -> None:
    chart = chart_on(store, "2019-09-29")
    assert (LSCB in chart, PARTNERSHIP in chart) == (False, True)


def test_lifespans_come_from_the_national_event(store) -> None:
    graph = org_graph(store)
    assert lifespan(graph, LSCB) == (None, date(2019, 9, 29))
    assert lifespan(graph, PARTNERSHIP) == (date(2019, 9, 29), None)
    assert lifespan(graph, iri("body/shire-adoption")) == (date(2017, 7, 3), None)


def test_a_local_event_gives_an_earlier_date() -> None:
    store = fixture_store(("testshire-local-event.ttl", "https://w3id.org/csckg/graph/data/councils/testshire-event.ttl"))
    graph = org_graph(store)
    assert lifespan(graph, LSCB) == (None, date(2019, 4, 1))
    assert lifespan(graph, PARTNERSHIP) == (date(2019, 4, 1), None)
    chart = chart_on(store, "2019-05-01")
    assert (LSCB in chart, PARTNERSHIP in chart) == (False, True)
    chart = chart_on(store, "2019-03-31")
    assert (LSCB in chart, PARTNERSHIP in chart) == (True, False)


def test_post_holders_follow_tenure_dates(store) -> None:
    assert chart_on(store, "2019-09-28").nodes[DCS]["holders"] == ["Jane Doe"]
    assert chart_on(store, "2019-09-30").nodes[DCS]["holders"] == []  # Jane left on the 29th, Seán came in October
    assert chart_on(store, "2019-10-01").nodes[DCS]["holders"] == ["Seán O'Neil"]
    assert chart_on(store, "2017-12-31").nodes[DCS]["holders"] == []
    # a tenure with no dates at all cannot be ruled out on any day, so it is shown as undated
    head = iri("post/testshire-council/head-of-the-virtual-school")
    assert chart_on(store, "2010-01-01").nodes[head]["holders"] == ["Ann Smith (dates unknown)"]
    assert build_chart(store, ChartRequest(council="Testshire")).nodes[head]["holders"] == ["Ann Smith"]


def test_a_body_that_did_not_exist_yet(store) -> None:
    chart = chart_on(store, "2017-07-02")
    assert iri("body/shire-adoption") not in chart
    assert iri("body/shire-adoption") in chart_on(store, "2017-07-03")
    with pytest.raises(KgError, match=r"^Shire Adoption did not exist on 2017-07-02 \(from 2017-07-03\)$"):
        build_chart(store, ChartRequest(body="Shire Adoption", as_of=date(2017, 7, 2)))


def test_charting_a_body_after_it_ended(store) -> None:
    with pytest.raises(KgError, match=r"^Testshire LSCB did not exist on 2019-09-29 \(ended 2019-09-29\)$"):
        build_chart(store, ChartRequest(body=LSCB, as_of=date(2019, 9, 29)))


def test_posts_of_a_body_that_is_gone_go_with_it(store) -> None:
    chair = iri("post/testshire-council/independent-chair-of-the-lscb")
    assert chair in org_graph(store, date(2019, 9, 28))
    graph = org_graph(store, date(2020, 1, 1))
    assert LSCB not in graph
    assert chair not in graph
    assert DCS in graph


def test_national_bodies_by_their_own_dates(store) -> None:
    assert iri("body/social-work-england") in org_graph(store, date(2018, 4, 1))
    assert iri("body/social-work-england") not in org_graph(store, date(2018, 3, 31))
