"""Curated bodies, lifecycle events, councils, posts and people (data/bodies, data/councils).

Every expected value below was read in a source cited by the data (the reference fact sheet,
the seed documents or a page found with the search tool); the tests pin them so that an edit
that changes a date, a legal basis or a reporting line fails loudly.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "data" / "bodies").glob("*.ttl")) + sorted((ROOT / "data" / "councils").glob("*.ttl"))

# Open namespaces (rdflib's closed ones warn when pytest inspects module attributes).
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ORG = Namespace("http://www.w3.org/ns/org#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
TIME = Namespace("http://www.w3.org/2006/time#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

KG = "https://w3id.org/csckg/def/"
KGC = "https://w3id.org/csckg/concept/"
ID = "https://w3id.org/csckg/id/"
LEG = "http://www.legislation.gov.uk/id/"

BODY_CLASSES = {
    URIRef(KG + name)
    for name in (
        "LocalAuthority", "StatutoryBody", "Regulator", "GovernmentDepartment", "Board",
        "Partnership", "Committee", "Department", "StatutoryInstitution",
    )
} | {ORG.Organization, ORG.FormalOrganization, ORG.OrganizationalUnit, ORG.OrganizationalCollaboration}


def kg(name: str) -> URIRef:
    return URIRef(KG + name)


def kgid(path: str) -> URIRef:
    return URIRef(ID + path)


def d(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    for path in FILES:
        g.parse(path, format="turtle")
    return g


def bodies(g: Graph) -> set[URIRef]:
    return {s for cls in BODY_CLASSES for s in g.subjects(RDF.type, cls)}


def test_expected_files_exist() -> None:
    names = sorted(p.relative_to(ROOT).as_posix() for p in FILES)
    assert names == [
        "data/bodies/lifecycle.ttl",
        "data/bodies/national.ttl",
        "data/councils/bath-and-north-east-somerset-council.ttl",
        "data/councils/cheshire-east-council.ttl",
        "data/councils/greater-manchester.ttl",
        "data/councils/london-borough-of-hammersmith-and-fulham.ttl",
        "data/councils/london-borough-of-haringey.ttl",
        "data/councils/stockport-council.ttl",
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_parses_with_pyoxigraph_into_project_iris(path: Path) -> None:
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert quads, f"{path.name} is empty"
    # @base must make every minted node a w3id IRI, never a file: IRI.
    for q in quads:
        for term in (q.subject, q.object):
            if isinstance(term, pyoxigraph.NamedNode):
                assert not term.value.startswith("file:"), term


# --- lifecycle events --------------------------------------------------------------------

EVENTS = {
    # event slug: (class, date, legal basis, original, resulting, confidence)
    "lscbs-replaced-by-safeguarding-partners": (
        "Replacement", "2019-09-29", "ukpga/2017/16/section/30",
        "local-safeguarding-children-boards", "safeguarding-partner-arrangements", "secondary"),
    "hcpc-to-social-work-england": (
        "TransferOfFunctions", "2019-12-02", "ukpga/2017/16/section/36",
        "health-and-care-professions-council", "social-work-england", "confirmed"),
    "social-work-england-established": (
        "Establishment", "2018-04-01", "ukpga/2017/16/section/36", None, "social-work-england", "inferred"),
    "child-safeguarding-practice-review-panel-established": (
        "Establishment", "2018-06-29", "ukpga/2004/31/section/16A",
        None, "child-safeguarding-practice-review-panel", "confirmed"),
    "ccgs-replaced-by-icbs": (
        "Replacement", "2022-07-01", "ukpga/2022/31",
        "clinical-commissioning-groups", "integrated-care-boards", "confirmed"),
    "hcpc-regulates-social-workers": (
        "TransferOfFunctions", "2012-08-01", "ukpga/2012/7/section/213",
        "general-social-care-council", "health-and-care-professions-council", "confirmed"),
    "general-social-care-council-abolished": (
        "Abolition", "2012-10-01", "ukpga/2012/7/section/212", "general-social-care-council", None, "confirmed"),
    "adoption-counts-launched": (
        "Establishment", "2017-07-03", "ukpga/2002/38/section/3ZA", None, "adoption-counts", "inferred"),
}


def test_lscb_replacement_event(graph: Graph) -> None:
    e = kgid("event/lscbs-replaced-by-safeguarding-partners")
    assert set(graph.objects(e, RDF.type)) == {kg("Replacement")}
    assert list(graph.objects(e, DCTERMS.date)) == [d("2019-09-29")]
    assert list(graph.objects(e, kg("legalBasis"))) == [URIRef(LEG + "ukpga/2017/16/section/30")]
    assert list(graph.objects(e, ORG.originalOrganization)) == [kgid("body/local-safeguarding-children-boards")]
    assert list(graph.objects(e, ORG.resultingOrganization)) == [kgid("body/safeguarding-partner-arrangements")]
    assert graph.value(e, kg("confidence")) == URIRef(KGC + "confidence-secondary")
    assert "latest" in str(graph.value(e, DCTERMS.description))


def test_hcpc_to_swe_transfer_date(graph: Graph) -> None:
    e = kgid("event/hcpc-to-social-work-england")
    assert list(graph.objects(e, DCTERMS.date)) == [d("2019-12-02")]
    assert "SI 2019/1140" in str(graph.value(e, DCTERMS.description))


def test_every_event_matches_the_sources(graph: Graph) -> None:
    found = {str(s).removeprefix(ID + "event/") for s in graph.subjects(RDF.type, None) if str(s).startswith(ID + "event/")}
    assert found == set(EVENTS)
    for slug, (cls, when, basis, original, resulting, confidence) in EVENTS.items():
        e = kgid(f"event/{slug}")
        assert set(graph.objects(e, RDF.type)) == {kg(cls)}, slug
        assert list(graph.objects(e, DCTERMS.date)) == [d(when)], slug
        assert list(graph.objects(e, kg("legalBasis"))) == [URIRef(LEG + basis)], slug
        assert list(graph.objects(e, ORG.originalOrganization)) == ([kgid(f"body/{original}")] if original else []), slug
        assert list(graph.objects(e, ORG.resultingOrganization)) == ([kgid(f"body/{resulting}")] if resulting else []), slug
        assert list(graph.objects(e, kg("confidence"))) == [URIRef(KGC + f"confidence-{confidence}")], slug
        assert graph.value(e, DCTERMS.description) is not None, slug
        assert list(graph.objects(e, DCTERMS.source)), slug


def test_event_bodies_exist(graph: Graph) -> None:
    known = bodies(graph)
    for e in graph.subjects(DCTERMS.date, None):
        for p in (ORG.originalOrganization, ORG.resultingOrganization):
            for b in graph.objects(e, p):
                assert b in known, (e, b)


def test_existence_dates_agree_with_events(graph: Graph) -> None:
    exists_from = {str(s).removeprefix(ID + "body/"): str(o) for s, o in graph.subject_objects(kg("existsFrom"))}
    exists_until = {str(s).removeprefix(ID + "body/"): str(o) for s, o in graph.subject_objects(kg("existsUntil"))}
    assert exists_from == {
        "social-work-england": "2018-04-01",
        "child-safeguarding-practice-review-panel": "2018-06-29",
        "safeguarding-partner-arrangements": "2018-06-29",
        "integrated-care-boards": "2022-07-01",
        "adoption-counts": "2017-07-03",
    }
    assert exists_until == {"general-social-care-council": "2012-10-01", "clinical-commissioning-groups": "2022-07-01"}


# --- bodies ------------------------------------------------------------------------------


def test_every_body_has_one_preflabel_and_a_source(graph: Graph) -> None:
    found = bodies(graph)
    assert len(found) == 36  # 14 national + 22 local
    for b in found:
        labels = list(graph.objects(b, SKOS.prefLabel))
        assert len(labels) == 1, b
        assert labels[0].language == "en", b
        sources = list(graph.objects(b, DCTERMS.source))
        assert sources and all(isinstance(s, URIRef) and str(s).startswith(("http://", "https://")) for s in sources), b


def test_national_bodies(graph: Graph) -> None:
    swe = kgid("body/social-work-england")
    assert graph.value(swe, RDF.type) == kg("Regulator")
    assert Literal("SWE", lang="en") in set(graph.objects(swe, SKOS.altLabel))
    assert graph.value(swe, kg("legalBasis")) == URIRef(LEG + "ukpga/2017/16/section/36")
    panel = kgid("body/child-safeguarding-practice-review-panel")
    assert graph.value(panel, RDF.type) == kg("StatutoryBody")
    assert graph.value(panel, kg("legalBasis")) == URIRef(LEG + "ukpga/2004/31/section/16A")
    assert {str(a) for a in graph.objects(panel, SKOS.altLabel)} == {
        "Child Safeguarding Review Panel", "national panel", "CSPRP"}
    lscb = kgid("body/local-safeguarding-children-boards")
    assert graph.value(lscb, kg("legalBasis")) == URIRef(LEG + "ukpga/2004/31/section/13")
    assert {"LSCB", "LSCBs", "Local Safeguarding Children Board", "Local Safeguarding Children's Boards"} <= {
        str(a) for a in graph.objects(lscb, SKOS.altLabel)}
    assert graph.value(kgid("body/safeguarding-adults-boards"), kg("legalBasis")) == URIRef(
        LEG + "ukpga/2014/23/section/43")
    assert graph.value(kgid("body/virtual-school"), kg("legalBasis")) == URIRef(LEG + "ukpga/1989/41/section/22/3B")
    mash = kgid("body/multi-agency-safeguarding-hubs")
    assert graph.value(mash, kg("legalBasis")) is None
    assert "No statute" in str(graph.value(mash, DCTERMS.description))
    assert graph.value(kgid("body/department-for-education"), RDF.type) == kg("GovernmentDepartment")


def test_instances_point_at_institutions(graph: Graph) -> None:
    institutions = set(graph.subjects(RDF.type, kg("StatutoryInstitution")))
    pairs = {(str(s).removeprefix(ID + "body/"), str(o).removeprefix(ID + "body/"))
             for s, o in graph.subject_objects(kg("instanceOf"))}
    assert pairs == {
        ("bath-and-north-east-somerset-council/local-safeguarding-children-board", "local-safeguarding-children-boards"),
        ("bath-and-north-east-somerset-council/local-safeguarding-adults-board", "safeguarding-adults-boards"),
        ("bath-and-north-east-somerset-council/virtual-school", "virtual-school"),
        ("london-borough-of-haringey/multi-agency-safeguarding-hub", "multi-agency-safeguarding-hubs"),
        ("adoption-counts", "regional-adoption-agencies"),
    }
    for o in graph.objects(None, kg("instanceOf")):
        assert o in institutions


def test_structural_links_point_at_known_bodies(graph: Graph) -> None:
    known = bodies(graph)
    for p in (ORG.subOrganizationOf, ORG.unitOf, ORG.hasMember, kg("advises"), kg("hostedBy"),
              kg("deliversFor"), ORG.postIn, kg("chairs"), ORG.organization):
        for s, o in graph.subject_objects(p):
            assert o in known, (s, p, o)


def test_council_committees_and_departments(graph: Graph) -> None:
    def parts(council: str) -> set[str]:
        c = kgid(f"body/{council}")
        subs = set(graph.subjects(ORG.subOrganizationOf, c)) | set(graph.subjects(ORG.unitOf, c))
        return {str(s).removeprefix(ID + f"body/{council}/") for s in subs}

    assert parts("bath-and-north-east-somerset-council") == {
        "children-and-young-people-policy-development-and-scrutiny-panel",
        "people-and-communities-department", "virtual-school"}
    assert parts("cheshire-east-council") == {"cabinet", "corporate-parenting-committee", "children-and-families-service"}
    assert parts("london-borough-of-hammersmith-and-fulham") == {"family-services"}
    assert parts("london-borough-of-haringey") == {"cabinet", "multi-agency-safeguarding-hub"}
    assert list(graph.objects(kgid("body/cheshire-east-council/corporate-parenting-committee"), kg("advises"))) == [
        kgid("body/cheshire-east-council/cabinet")]


def test_adoption_counts(graph: Graph) -> None:
    ac = kgid("body/adoption-counts")
    assert list(graph.objects(ac, kg("hostedBy"))) == [kgid("body/stockport-council")]
    served = {str(o).removeprefix(ID + "body/") for o in graph.objects(ac, kg("deliversFor"))}
    assert served == {"cheshire-east-council", "manchester-city-council", "trafford-council",
                      "salford-city-council", "stockport-council"}
    assert graph.value(ac, kg("existsFrom")) == d("2017-07-03")


# --- posts -------------------------------------------------------------------------------


def posts(g: Graph) -> set[URIRef]:
    return set(g.subjects(RDF.type, ORG.Post))


def test_every_post_has_post_in_role_label_and_source(graph: Graph) -> None:
    for p in posts(graph):
        assert len(list(graph.objects(p, ORG.postIn))) == 1, p
        roles = list(graph.objects(p, ORG.role))
        assert len(roles) == 1 and str(roles[0]).startswith(KGC + "role-"), p
        assert len(list(graph.objects(p, SKOS.prefLabel))) == 1, p
        assert list(graph.objects(p, DCTERMS.source)), p
        assert str(p).startswith(ID + "post/"), p


def test_no_post_reports_to_itself_through_any_chain(graph: Graph) -> None:
    edges: dict[URIRef, set[URIRef]] = {}
    for s, o in graph.subject_objects(ORG.reportsTo):
        edges.setdefault(s, set()).add(o)
    assert edges, "expected at least one reporting line"
    for start in edges:
        reached: set[URIRef] = set()
        frontier = set(edges[start])
        while frontier:
            node = frontier.pop()
            if node in reached:
                continue
            reached.add(node)
            frontier |= edges.get(node, set())
        assert start not in reached, f"{start} reports to itself"
    for s, o in graph.subject_objects(ORG.reportsTo):
        assert o in posts(graph)


def test_reporting_lines_are_exactly_these(graph: Graph) -> None:
    lines = {(str(s).removeprefix(ID + "post/"), str(o).removeprefix(ID + "post/"))
             for s, o in graph.subject_objects(ORG.reportsTo)}
    assert lines == {("cheshire-east-council/head-of-service-cared-for-children",
                      "cheshire-east-council/director-of-childrens-social-care")}
    # an inferred line is marked as such
    assert graph.value(kgid("post/cheshire-east-council/head-of-service-cared-for-children"), kg("confidence")) == URIRef(
        KGC + "confidence-inferred")


def test_cheshire_east_posts(graph: Graph) -> None:
    prefix = ID + "post/cheshire-east-council/"
    found = sorted(str(p).removeprefix(prefix) for p in posts(graph) if str(p).startswith(prefix))
    assert found == [
        "cabinet-member-for-children-and-families",
        "director-of-childrens-services",
        "director-of-childrens-social-care",
        "head-of-childrens-developments-partnerships",
        "head-of-service-cared-for-children",
        "lead-member-for-childrens-services",
    ]


def test_each_seed_council_has_statutory_dcs_and_lead_member_posts(graph: Graph) -> None:
    dcs = URIRef(KGC + "role-director-of-childrens-services")
    lm = URIRef(KGC + "role-lead-member-for-childrens-services")
    for council in ("bath-and-north-east-somerset-council", "cheshire-east-council",
                    "london-borough-of-hammersmith-and-fulham", "london-borough-of-haringey", "stockport-council"):
        in_council = set(graph.subjects(ORG.postIn, kgid(f"body/{council}")))
        assert len([p for p in in_council if graph.value(p, ORG.role) == dcs]) == 1, council
        assert len([p for p in in_council if graph.value(p, ORG.role) == lm]) == 1, council


# --- people and tenure --------------------------------------------------------------------


def _day(node: URIRef, g: Graph) -> date:
    """A time:Instant's date; a year-month counts as the first day of that month for ordering."""
    value = g.value(node, TIME.inXSDDate)
    if value is not None:
        return date.fromisoformat(str(value))
    ym = g.value(node, TIME.inXSDgYearMonth)
    assert ym is not None, f"{node} has no date"
    return date.fromisoformat(f"{ym}-01")


def test_tenure_end_not_before_start_and_no_open_beginning(graph: Graph) -> None:
    intervals = list(graph.objects(None, ORG.memberDuring))
    assert intervals
    for interval in intervals:
        begin = graph.value(interval, TIME.hasBeginning)
        assert begin is not None, f"{interval}: an interval needs a beginning (use kg:observedOn instead)"
        end = graph.value(interval, TIME.hasEnd)
        if end is not None:
            assert _day(end, graph) >= _day(begin, graph), interval


def test_memberships_are_well_formed(graph: Graph) -> None:
    memberships = set(graph.subjects(RDF.type, ORG.Membership))
    assert len(memberships) == 14
    for m in memberships:
        person = graph.value(m, ORG.member)
        assert (person, RDF.type, FOAF.Person) in graph, m
        assert len(list(graph.objects(m, ORG.role))) == 1, m
        post = graph.value(m, kg("post"))
        if post is not None:
            assert graph.value(m, ORG.role) == graph.value(post, ORG.role), m
        assert not (graph.value(m, ORG.memberDuring) is not None and graph.value(m, kg("observedOn")) is not None), m


def test_seed_people_and_dates(graph: Graph) -> None:
    def tenure(slug: str) -> URIRef:
        return kgid(f"membership/{slug}")

    assert graph.value(tenure("nigel-moorhouse/director-of-childrens-social-care"), kg("observedOn")) == d("2017-07-04")
    assert graph.value(tenure("george-hayes/cabinet-member-for-children-and-families"), kg("observedOn")) == d("2017-07-04")
    begins = graph.value(graph.value(tenure("kerry-birtles/head-of-service-cared-for-children"), ORG.memberDuring),
                         TIME.hasBeginning)
    assert graph.value(begins, TIME.inXSDgYearMonth) == Literal("2017-08", datatype=XSD.gYearMonth)
    assert graph.value(tenure("steve-miley/director-for-childrens-services"), kg("observedOn")) == d("2019-01-28")
    # undated seed 002: no date of any kind on Clare Chamberlain's tenure
    cc = tenure("clare-chamberlain/executive-director-of-childrens-services")
    assert graph.value(cc, kg("observedOn")) is None and graph.value(cc, ORG.memberDuring) is None

    councillor = URIRef(KGC + "role-councillor")
    councillors = {
        str(graph.value(graph.value(m, ORG.member), FOAF.name))
        for m in graph.subjects(ORG.role, councillor)
    }
    assert councillors == {"Matt Cochrane", "Liz Hardman", "Paul May", "Marcus Ginn", "Alan De'Ath",
                           "George Hayes", "Cawley-Harrison"}
    for m in graph.subjects(ORG.role, councillor):
        assert graph.value(m, kg("post")) is None
        assert graph.value(m, ORG.organization) in bodies(graph)
