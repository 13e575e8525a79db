"""The chart graph of one council built from fixture Turtle: exact nodes, edges, statuses, scope, cycles."""

from __future__ import annotations

from datetime import date

import pytest
from orgchart_fixture import cycle_store, fixture_store, iri

from kg.errors import KgError
from kg.orgchart import ChartRequest, build_chart, org_graph, resolve
from kg.store import KgStore


def short(node: str) -> str:
    return node.replace("https://w3id.org/csckg/id/", "").replace("http://www.legislation.gov.uk/id/", "")


def edges(chart) -> set[tuple[str, str, str]]:
    return {(short(u), k, short(v)) for u, v, k in chart.edges(keys=True)}


@pytest.fixture(scope="module")
def store() -> KgStore:
    return fixture_store()


@pytest.fixture(scope="module")
def chart(store: KgStore):
    return build_chart(store, ChartRequest(council="Testshire"))


TESTSHIRE_NODES = {
    "body/testshire-council": "council",
    "body/testshire-council/childrens-services": "department",
    "body/testshire-council/virtual-school": "department",
    "body/testshire-council/cabinet": "committee",
    "body/testshire-council/corporate-parenting-panel": "committee",
    "body/testshire-council/local-safeguarding-children-board": "board",
    "body/testshire-safeguarding-children-partnership": "partnership",
    "body/shire-adoption": "partnership",
    "body/virtual-school": "institution",
    "body/local-safeguarding-children-boards": "institution",
    "post/testshire-council/director-of-childrens-services": "post",
    "post/testshire-council/assistant-director-safeguarding": "post",
    "post/testshire-council/head-of-the-virtual-school": "post",
    "post/testshire-council/team-manager": "post",
    "post/testshire-council/principal-social-worker": "post",
    "post/testshire-council/lead-member-for-childrens-services": "post",
    "post/testshire-council/chair-of-the-corporate-parenting-panel": "post",
    "post/testshire-council/independent-chair-of-the-lscb": "post",
    "person/testshire-council/bob-seat": "person",
    "duty/test-vsh-promote-education": "duty",
    "ukpga/1989/41/section/22/3B": "provision",
    "ukpga/2004/31/section/13": "provision",
    "ukpga/2004/31/section/18": "provision",
}

TESTSHIRE_EDGES = {
    # part of: unit of department of council, committees, posts in their units
    ("body/testshire-council/childrens-services", "part-of", "body/testshire-council"),
    ("body/testshire-council/virtual-school", "part-of", "body/testshire-council/childrens-services"),
    ("body/testshire-council/cabinet", "part-of", "body/testshire-council"),
    ("body/testshire-council/corporate-parenting-panel", "part-of", "body/testshire-council"),
    ("post/testshire-council/director-of-childrens-services", "part-of", "body/testshire-council"),
    ("post/testshire-council/assistant-director-safeguarding", "part-of", "body/testshire-council/childrens-services"),
    ("post/testshire-council/team-manager", "part-of", "body/testshire-council/childrens-services"),
    ("post/testshire-council/principal-social-worker", "part-of", "body/testshire-council/childrens-services"),
    ("post/testshire-council/head-of-the-virtual-school", "part-of", "body/testshire-council/virtual-school"),
    ("post/testshire-council/lead-member-for-childrens-services", "part-of", "body/testshire-council/cabinet"),
    ("post/testshire-council/chair-of-the-corporate-parenting-panel", "part-of", "body/testshire-council/corporate-parenting-panel"),
    ("post/testshire-council/independent-chair-of-the-lscb", "part-of", "body/testshire-council/local-safeguarding-children-board"),
    # reports to
    ("post/testshire-council/assistant-director-safeguarding", "reports-to", "post/testshire-council/director-of-childrens-services"),
    ("post/testshire-council/head-of-the-virtual-school", "reports-to", "post/testshire-council/director-of-childrens-services"),
    ("post/testshire-council/team-manager", "reports-to", "post/testshire-council/assistant-director-safeguarding"),
    ("post/testshire-council/principal-social-worker", "reports-to", "post/testshire-council/assistant-director-safeguarding"),
    # chairs, seats, advises
    ("post/testshire-council/chair-of-the-corporate-parenting-panel", "chairs", "body/testshire-council/corporate-parenting-panel"),
    ("post/testshire-council/independent-chair-of-the-lscb", "chairs", "body/testshire-council/local-safeguarding-children-board"),
    ("person/testshire-council/bob-seat", "member-of", "body/testshire-council/corporate-parenting-panel"),
    ("body/testshire-council/corporate-parenting-panel", "advises", "body/testshire-council/cabinet"),
    # partnerships (org:hasMember, turned round), delivery
    ("body/testshire-council", "member-of", "body/testshire-safeguarding-children-partnership"),
    ("body/testshire-council", "member-of", "body/shire-adoption"),
    ("body/shire-adoption", "delivers-for", "body/testshire-council"),
    # local instances of institutions
    ("body/testshire-council/virtual-school", "instance-of", "body/virtual-school"),
    ("body/testshire-council/local-safeguarding-children-board", "instance-of", "body/local-safeguarding-children-boards"),
    # statutory links: role's legal basis, duty borne by the role; institutions' legal basis
    ("post/testshire-council/director-of-childrens-services", "statutory", "ukpga/2004/31/section/18"),
    ("post/testshire-council/head-of-the-virtual-school", "statutory", "ukpga/1989/41/section/22/3B"),
    ("post/testshire-council/head-of-the-virtual-school", "statutory", "duty/test-vsh-promote-education"),
    ("duty/test-vsh-promote-education", "legal-basis", "ukpga/1989/41/section/22/3B"),
    ("body/virtual-school", "legal-basis", "ukpga/1989/41/section/22/3B"),
    ("body/local-safeguarding-children-boards", "legal-basis", "ukpga/2004/31/section/13"),
}


def test_council_chart_has_exactly_these_nodes(chart) -> None:
    assert {short(n): a["type"] for n, a in chart.nodes(data=True)} == TESTSHIRE_NODES


def test_council_chart_has_exactly_these_edges(chart) -> None:
    assert edges(chart) == TESTSHIRE_EDGES
    assert chart.number_of_edges() == len(TESTSHIRE_EDGES)


def test_node_attributes(chart) -> None:
    dcs = chart.nodes[iri("post/testshire-council/director-of-childrens-services")]
    assert dcs["label"] == "Director of Children's Services, Testshire Council"
    assert dcs["iri"] == iri("post/testshire-council/director-of-childrens-services")
    assert dcs["holders"] == ["Jane Doe", "Seán O'Neil"]  # no date asked: every tenure
    assert chart.nodes[iri("post/testshire-council/head-of-the-virtual-school")]["holders"] == ["Ann Smith"]
    assert chart.nodes[iri("ukpga/2004/31/section/18")]["label"] == "Children Act 2004, s. 18: Director of children's services"
    assert chart.nodes[iri("ukpga/1989/41/section/22/3B")]["label"] == "Children Act 1989, s. 22(3B)"
    assert chart.graph["root"] == iri("body/testshire-council")
    assert chart.graph["title"] == "Testshire Council"


def test_edge_status_and_source(chart) -> None:
    inferred = chart.edges[iri("post/testshire-council/assistant-director-safeguarding"),
                           iri("post/testshire-council/director-of-childrens-services"), "reports-to"]
    assert inferred["status"] == "inferred"
    assert inferred["sources"] == ["https://example.org/testshire/structure"]
    extracted = chart.edges[iri("post/testshire-council/principal-social-worker"),
                            iri("post/testshire-council/assistant-director-safeguarding"), "reports-to"]
    assert extracted["status"] == "extracted"
    assert extracted["sources"] == [iri("doc/test-doc")]
    assert extracted["graph"] == "https://w3id.org/csckg/graph/doc/test-doc"
    curated = chart.edges[iri("post/testshire-council/team-manager"),
                          iri("post/testshire-council/assistant-director-safeguarding"), "reports-to"]
    assert curated["status"] == "curated"
    assert curated["predicate"] == "http://www.w3.org/ns/org#reportsTo"
    statuses = {(short(u), k, short(v)): d["status"] for u, v, k, d in chart.edges(keys=True, data=True)}
    assert sorted(e for e, s in statuses.items() if s != "curated") == [
        ("post/testshire-council/assistant-director-safeguarding", "part-of", "body/testshire-council/childrens-services"),
        ("post/testshire-council/assistant-director-safeguarding", "reports-to", "post/testshire-council/director-of-childrens-services"),
        ("post/testshire-council/principal-social-worker", "part-of", "body/testshire-council/childrens-services"),
        ("post/testshire-council/principal-social-worker", "reports-to", "post/testshire-council/assistant-director-safeguarding"),
    ]


def test_depth_zero_is_only_what_is_under_the_council(store: KgStore) -> None:
    chart = build_chart(store, ChartRequest(council="Testshire", depth=0, statutory=False))
    assert {short(n) for n in chart.nodes} == {
        n for n, t in TESTSHIRE_NODES.items()
        if n.startswith(("body/testshire-council", "post/", "person/"))
    }


def test_depth_two_reaches_the_host_and_the_institutions(store: KgStore) -> None:
    one = {short(n) for n in build_chart(store, ChartRequest(council="Testshire", statutory=False)).nodes}
    two = {short(n) for n in build_chart(store, ChartRequest(council="Testshire", depth=2, statutory=False)).nodes}
    assert two - one == {
        "body/otherton-council", "body/regional-adoption-agencies", "body/safeguarding-partner-arrangements",
    }


def test_body_chart_of_a_partnership(store: KgStore) -> None:
    chart = build_chart(store, ChartRequest(body="Shire Adoption", statutory=False))
    assert edges(chart) == {
        ("body/shire-adoption", "hosted-by", "body/otherton-council"),
        ("body/shire-adoption", "delivers-for", "body/otherton-council"),
        ("body/shire-adoption", "delivers-for", "body/testshire-council"),
        ("body/shire-adoption", "instance-of", "body/regional-adoption-agencies"),
        ("body/otherton-council", "member-of", "body/shire-adoption"),
        ("body/testshire-council", "member-of", "body/shire-adoption"),
    }


def test_unit_chart(store: KgStore) -> None:
    chart = build_chart(store, ChartRequest(council="Testshire", unit=iri("body/testshire-council/virtual-school"),
                                            depth=0, statutory=False))
    assert edges(chart) == {
        ("post/testshire-council/head-of-the-virtual-school", "part-of", "body/testshire-council/virtual-school"),
    }


def test_a_unit_of_another_council_is_an_error(store: KgStore) -> None:
    with pytest.raises(KgError, match=r"^--unit: Virtual School \[Testshire\] is not a unit of Otherton Council$"):
        build_chart(store, ChartRequest(council="Otherton Council", unit=iri("body/testshire-council/virtual-school")))


def test_unknown_root_and_missing_root_are_errors(store: KgStore) -> None:
    with pytest.raises(KgError, match="nothing in the graph is called 'Nowhere'"):
        build_chart(store, ChartRequest(council="Nowhere"))
    with pytest.raises(KgError, match="say what to chart"):
        build_chart(store, ChartRequest())
    with pytest.raises(KgError, match="not a body, unit or post"):
        build_chart(store, ChartRequest(body=iri("duty/unknown")))


def test_resolve_prefers_the_body_to_a_section_with_the_same_title(store: KgStore) -> None:
    assert resolve(store, "Social Work England") == iri("body/social-work-england")


def test_reporting_lines_of_the_fixture_have_no_cycle(store: KgStore) -> None:
    import networkx as nx

    graph = org_graph(store)
    lines = nx.DiGraph([(u, v) for u, v, k in graph.edges(keys=True) if k == "reports-to"])
    assert nx.is_directed_acyclic_graph(lines)
    assert lines.number_of_edges() == 4


def test_a_cycle_of_reporting_lines_is_an_error_naming_the_posts() -> None:
    store = cycle_store()
    with pytest.raises(KgError) as caught:
        build_chart(store, ChartRequest(council="Loopton Council"))
    message = str(caught.value)
    assert message.startswith("reporting lines go round in a circle: ")
    assert {"Post A", "Post B", "Post C"} <= set(message.split(": ", 1)[1].split(" -> "))
    with pytest.raises(KgError, match="go round in a circle"):
        org_graph(store, date(2020, 1, 1))


def test_kg_status_extracted_marks_the_edges_extracted() -> None:
    import pyoxigraph as ox

    from kg.store import parse_rdf_bytes

    turtle = b"""
    @prefix kg: <https://w3id.org/csckg/def/> . @prefix kgc: <https://w3id.org/csckg/concept/> .
    @prefix org: <http://www.w3.org/ns/org#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <https://w3id.org/csckg/id/body/x> a kg:LocalAuthority ; skos:prefLabel "X Council"@en .
    <https://w3id.org/csckg/id/post/x/chair> a org:Post ; skos:prefLabel "Chair"@en ;
        org:postIn <https://w3id.org/csckg/id/body/x> ; kg:status kgc:status-extracted .
    """
    store = KgStore.memory()
    store.bulk_load(parse_rdf_bytes(turtle, ox.RdfFormat.TURTLE, "https://w3id.org/csckg/graph/data/x.ttl", source="x"))
    chart = build_chart(store, ChartRequest(council="X Council"))
    assert chart.edges[iri("post/x/chair"), iri("body/x"), "part-of"]["status"] == "extracted"
