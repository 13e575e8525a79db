"""Analyses over the fixture graph: reporting chain, span of control, shortest path, central bodies."""

from __future__ import annotations

from datetime import date

import pytest
from orgchart_fixture import fixture_store, iri

from kg.errors import KgError
from kg.orgchart import org_graph
from kg.orgchart_analysis import (
    central_bodies,
    containers,
    managers,
    reporting_chain,
    shortest_path,
    span_of_control,
)

DCS = iri("post/testshire-council/director-of-childrens-services")
AD = iri("post/testshire-council/assistant-director-safeguarding")
TM = iri("post/testshire-council/team-manager")
PSW = iri("post/testshire-council/principal-social-worker")
HVS = iri("post/testshire-council/head-of-the-virtual-school")


@pytest.fixture(scope="module")
def graph():
    return org_graph(fixture_store())


def test_reporting_chain_up_to_the_top(graph) -> None:
    assert reporting_chain(graph, TM) == [TM, AD, DCS]
    assert reporting_chain(graph, DCS) == [DCS]
    assert managers(graph, TM) == [AD]
    assert containers(graph, TM) == [iri("body/testshire-council/childrens-services"), iri("body/testshire-council")]
    assert containers(graph, HVS) == [
        iri("body/testshire-council/virtual-school"), iri("body/testshire-council/childrens-services"), iri("body/testshire-council"),
    ]


def test_span_of_control(graph) -> None:
    span = span_of_control(graph, DCS)
    assert span.direct == [AD, HVS]
    assert span.total == [AD, HVS, PSW, TM]
    assert (span_of_control(graph, AD).direct, span_of_control(graph, AD).total) == ([PSW, TM], [PSW, TM])
    assert (span_of_control(graph, TM).direct, span_of_control(graph, TM).total) == ([], [])


def test_span_as_of_a_date_uses_that_days_graph() -> None:
    graph = org_graph(fixture_store(), date(2019, 9, 30))
    assert span_of_control(graph, DCS).total == [AD, HVS, PSW, TM]


def test_shortest_path_from_the_virtual_school_to_social_work_england(graph) -> None:
    steps = shortest_path(graph, iri("body/testshire-council/virtual-school"), iri("body/social-work-england"))
    assert [(s.source, s.kind, s.forward, s.target) for s in steps] == [
        (iri("body/testshire-council/virtual-school"), "instance-of", True, iri("body/virtual-school")),
        (iri("body/virtual-school"), "legal-basis", True, iri("ukpga/1989/41/section/22/3B")),
        (iri("ukpga/1989/41/section/22/3B"), "in-act", True, iri("ukpga/1989/41")),
        (iri("ukpga/1989/41"), "in-act", False, iri("ukpga/1989/41/section/23ZZA")),
        (iri("ukpga/1989/41/section/23ZZA"), "amends", False, iri("ukpga/2017/16/section/4")),
        (iri("ukpga/2017/16/section/4"), "in-act", True, iri("ukpga/2017/16")),
        (iri("ukpga/2017/16"), "in-act", False, iri("ukpga/2017/16/section/36")),
        (iri("ukpga/2017/16/section/36"), "legal-basis", False, iri("body/social-work-england")),
    ]


def test_shortest_path_within_the_council_and_its_status(graph) -> None:
    steps = shortest_path(graph, TM, HVS, kinds=("reports-to",))
    assert [(s.source, s.kind, s.forward, s.status) for s in steps] == [
        (TM, "reports-to", True, "curated"),
        (AD, "reports-to", True, "inferred"),
        (DCS, "reports-to", False, "curated"),
    ]


def test_no_path_is_an_error(graph) -> None:
    with pytest.raises(KgError, match="no chain of relations connects"):
        shortest_path(graph, TM, iri("body/social-work-england"), kinds=("reports-to",))
    with pytest.raises(KgError, match="not in the organisation graph"):
        shortest_path(graph, TM, iri("body/nowhere"))


def test_central_bodies(graph) -> None:
    top = central_bodies(graph, 2)
    assert [node for node, _ in top] == [iri("body/testshire-council"), iri("body/testshire-council/childrens-services")]
    assert top[0][1] > top[1][1] > 0
    assert all(graph.nodes[n]["type"] not in {"post", "person", "provision", "duty"} for n, _ in central_bodies(graph, 50))
    with pytest.raises(KgError, match="--top must be 1 or more"):
        central_bodies(graph, 0)
