"""Org charts of the real built store: what data/councils/*.ttl and data/bodies/*.ttl guarantee.

Each assertion names a fact stated in the curated files (cited in the comment), so a change
to the data that breaks a chart fails here, and nothing is asserted the data does not say.
"""

from __future__ import annotations

import shutil
from datetime import date

import networkx as nx
import pytest

from kg.orgchart import ChartRequest, build_chart, org_graph
from kg.orgchart_analysis import reporting_chain, shortest_path
from kg.orgchart_render import run_dot, to_dot
from kg.store import KgStore

ID = "https://w3id.org/csckg/id/"
CE = ID + "body/cheshire-east-council"
BANES = ID + "body/bath-and-north-east-somerset-council"
STOCKPORT = ID + "body/stockport-council"
ADOPTION_COUNTS = ID + "body/adoption-counts"
COUNCILS = [
    CE, BANES, STOCKPORT, ID + "body/london-borough-of-hammersmith-and-fulham", ID + "body/london-borough-of-haringey",
]


def has(chart: nx.MultiDiGraph, source: str, kind: str, target: str) -> bool:
    return chart.has_edge(source, target, key=kind)


def test_adoption_counts_is_hosted_by_stockport_and_delivers_for_five_councils(built_store: KgStore) -> None:
    # stockport-council.ttl: kg:hostedBy Stockport; kg:deliversFor and org:hasMember the five councils
    chart = build_chart(built_store, ChartRequest(body="Adoption Counts", statutory=False))
    assert has(chart, ADOPTION_COUNTS, "hosted-by", STOCKPORT)
    served = sorted(v for _, v, k in chart.out_edges(ADOPTION_COUNTS, keys=True) if k == "delivers-for")
    members = sorted(u for u, _, k in chart.in_edges(ADOPTION_COUNTS, keys=True) if k == "member-of")
    five = sorted([CE, STOCKPORT, ID + "body/manchester-city-council", ID + "body/trafford-council", ID + "body/salford-city-council"])
    assert served == five and members == five
    assert has(chart, ADOPTION_COUNTS, "instance-of", ID + "body/regional-adoption-agencies")
    assert chart.edges[ADOPTION_COUNTS, STOCKPORT, "hosted-by"]["status"] == "curated"


def test_adoption_counts_did_not_exist_before_its_launch(built_store: KgStore) -> None:
    # lifecycle.ttl / stockport-council.ttl: launched (kg:existsFrom) 2017-07-03
    assert ADOPTION_COUNTS not in build_chart(built_store, ChartRequest(council="Stockport Council", as_of=date(2017, 7, 2)))
    assert ADOPTION_COUNTS in build_chart(built_store, ChartRequest(council="Stockport Council", as_of=date(2017, 7, 3)))


def test_cheshire_east_corporate_parenting_committee_advises_its_cabinet(built_store: KgStore) -> None:
    chart = build_chart(built_store, ChartRequest(council="Cheshire East Council"))
    committee, cabinet = CE + "/corporate-parenting-committee", CE + "/cabinet"
    assert has(chart, committee, "advises", cabinet)
    assert has(chart, committee, "part-of", CE) and has(chart, cabinet, "part-of", CE)
    assert has(chart, CE, "member-of", ADOPTION_COUNTS) and has(chart, ADOPTION_COUNTS, "delivers-for", CE)


def test_cheshire_east_inferred_reporting_line_and_tenure(built_store: KgStore) -> None:
    # cheshire-east-council.ttl: the Head of Service's reporting line is kgc:confidence-inferred;
    # Kerry Birtles "joins the service in August" 2017 (time:inXSDgYearMonth "2017-08")
    head = ID + "post/cheshire-east-council/head-of-service-cared-for-children"
    director = ID + "post/cheshire-east-council/director-of-childrens-social-care"
    july = build_chart(built_store, ChartRequest(council="Cheshire East Council", as_of=date(2017, 7, 31)))
    august = build_chart(built_store, ChartRequest(council="Cheshire East Council", as_of=date(2017, 8, 1)))
    assert july.edges[head, director, "reports-to"]["status"] == "inferred"
    assert july.nodes[head]["holders"] == []
    assert august.nodes[head]["holders"] == ["Kerry Birtles"]
    # his tenure has no interval, only kg:observedOn 2017-07-04
    assert august.nodes[director]["holders"] == ["Nigel Moorhouse (seen 2017-07-04)"]
    assert reporting_chain(august, head) == [head, director]


def test_banes_lscb_until_the_national_replacement(built_store: KgStore) -> None:
    # national.ttl/lifecycle.ttl: LSCBs replaced 2019-09-29; B&NES LSCB kg:instanceOf LSCBs, no local date
    lscb = BANES + "/local-safeguarding-children-board"
    lsab = BANES + "/local-safeguarding-adults-board"
    before = build_chart(built_store, ChartRequest(council="B&NES", as_of=date(2019, 9, 28)))
    after = build_chart(built_store, ChartRequest(council="B&NES", as_of=date(2019, 9, 30)))
    assert lscb in before and lscb not in after
    assert lsab in before and lsab in after
    assert has(before, lscb, "instance-of", ID + "body/local-safeguarding-children-boards")


def test_banes_people_and_communities_department(built_store: KgStore) -> None:
    # bath-and-north-east-somerset-council.ttl: the Corporate Director's post is in the department (inferred)
    chart = build_chart(built_store, ChartRequest(council="B&NES"))
    department = BANES + "/people-and-communities-department"
    director = ID + "post/bath-and-north-east-somerset-council/corporate-director-people-and-communities"
    assert has(chart, department, "part-of", BANES)
    assert chart.edges[director, department, "part-of"]["status"] == "inferred"
    head = ID + "post/bath-and-north-east-somerset-council/head-of-the-virtual-school"
    assert has(chart, head, "part-of", BANES + "/virtual-school")
    assert has(chart, head, "statutory", "http://www.legislation.gov.uk/id/ukpga/1989/41/section/22/3B")


def test_virtual_school_is_connected_to_social_work_england(built_store: KgStore) -> None:
    graph = org_graph(built_store)
    steps = shortest_path(graph, BANES + "/virtual-school", ID + "body/social-work-england")
    assert steps[0].source == BANES + "/virtual-school" and steps[-1].target == ID + "body/social-work-england"
    for step in steps:
        u, v = (step.source, step.target) if step.forward else (step.target, step.source)
        assert graph.has_edge(u, v, key=step.kind)


def test_real_reporting_lines_have_no_cycle(built_store: KgStore) -> None:
    graph = org_graph(built_store)
    lines = nx.DiGraph([(u, v) for u, v, k in graph.edges(keys=True) if k == "reports-to"])
    assert nx.is_directed_acyclic_graph(lines)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
@pytest.mark.parametrize("council", COUNCILS, ids=lambda c: c.rsplit("/", 1)[-1])
def test_every_council_chart_draws(built_store: KgStore, council: str) -> None:
    chart = build_chart(built_store, ChartRequest(council=council, depth=2))
    assert council in chart
    assert run_dot(to_dot(chart), "svg").lstrip().startswith(b"<?xml")
