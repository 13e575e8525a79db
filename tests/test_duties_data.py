"""The curated duties and powers (data/duties/*.ttl) and the role and group vocabularies.

Checks the shape promised in ontology/README.md ("Duties and powers") and exact answers for
the Children and Social Work Act 2017 ss.1-3, which the reference fact sheet confirms.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, SKOS

ROOT = Path(__file__).resolve().parents[1]
DUTY_FILES = sorted((ROOT / "data" / "duties").glob("*.ttl"))
ROLES = ROOT / "ontology" / "vocab" / "roles.ttl"
GROUPS = ROOT / "ontology" / "vocab" / "groups.ttl"

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # open namespace: no pytest warning
KG = Namespace("https://w3id.org/csckg/def/")
KGC = Namespace("https://w3id.org/csckg/concept/")
DUTY = Namespace("https://w3id.org/csckg/id/duty/")
BODY = "https://w3id.org/csckg/id/body/"
LEG = "http://www.legislation.gov.uk/id/"

MODALITIES = {KGC["modality-duty"], KGC["modality-power"], KGC["modality-have-regard"],
              KGC["modality-prohibition"]}
INFERENCES = {KGC["inference-explicit"], KGC["inference-implicit"]}
CONFIDENCES = {KGC["confidence-confirmed"], KGC["confidence-secondary"],
               KGC["confidence-inferred"]}
# National bodies that bear duties; their nodes are minted in data/bodies/.
KNOWN_BODIES = {URIRef(BODY + "social-work-england"),
                URIRef(BODY + "child-safeguarding-practice-review-panel")}
LEGAL_BASIS_RE = re.compile(r"^http://www\.legislation\.gov\.uk/id/ukpga/")
# kgid:duty/{act}-s{section}-{slug}, act = ukpga-{year}-{chapter}
DUTY_IRI_RE = re.compile(
    r"^https://w3id\.org/csckg/id/duty/(ukpga-(\d{4})-(\d+))-s([0-9]+[a-z]*(?:-[0-9]+[a-z]*)?)-[a-z0-9]+(?:-[a-z0-9]+)*$")

FILE_ACT = {
    "cswa-2017.ttl": "ukpga/2017/16",
    "children-act-1989.ttl": "ukpga/1989/41",
    "children-act-2004.ttl": "ukpga/2004/31",
    "care-act-2014.ttl": "ukpga/2014/23",
    "cwsa-2026.ttl": "ukpga/2026/21",
    "cypa-2008.ttl": "ukpga/2008/23",
}


def _load(*paths: Path) -> Graph:
    g = Graph()
    for p in paths:
        g.parse(p, format="turtle")
    return g


@pytest.fixture(scope="module")
def duties() -> Graph:
    return _load(*DUTY_FILES)


@pytest.fixture(scope="module")
def vocab() -> Graph:
    return _load(ROLES, GROUPS)


@pytest.fixture(scope="module")
def everything(duties: Graph, vocab: Graph) -> Graph:
    g = Graph()
    for t in duties:
        g.add(t)
    for t in vocab:
        g.add(t)
    return g


def _duty_nodes(g: Graph) -> list[URIRef]:
    return sorted(s for s in g.subjects(RDF.type, KG.Duty) if isinstance(s, URIRef))


def _one(g: Graph, s, p):
    values = list(g.objects(s, p))
    assert len(values) == 1, f"{s} has {len(values)} values for {p}: {values}"
    return values[0]


# --- files ---------------------------------------------------------------------------------

def test_expected_files_exist():
    assert sorted(p.name for p in DUTY_FILES) == sorted(FILE_ACT)
    assert ROLES.is_file() and GROUPS.is_file()


@pytest.mark.parametrize("path", DUTY_FILES + [ROLES, GROUPS], ids=lambda p: p.name)
def test_parses_with_pyoxigraph(path: Path):
    quads = list(ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE,
                          base_iri="https://w3id.org/csckg/"))
    assert len(quads) > 20


# --- every duty ----------------------------------------------------------------------------

def test_at_least_thirty_duties(duties: Graph):
    assert len(_duty_nodes(duties)) >= 30


def test_every_duty_has_the_required_fields(duties: Graph):
    problems = []
    for d in _duty_nodes(duties):
        bases = list(duties.objects(d, KG.legalBasis))
        if len(bases) != 1 or not LEGAL_BASIS_RE.match(str(bases[0])):
            problems.append(f"{d}: legal basis {bases}")
        mods = list(duties.objects(d, KG.modality))
        if len(mods) != 1 or mods[0] not in MODALITIES:
            problems.append(f"{d}: modality {mods}")
        if not list(duties.objects(d, KG.bearer)):
            problems.append(f"{d}: no bearer")
        sources = list(duties.objects(d, DCTERMS.source))
        if not sources or not all(isinstance(s, URIRef) and str(s).startswith("http")
                                  for s in sources):
            problems.append(f"{d}: dct:source {sources}")
        infs = list(duties.objects(d, KG.inference))
        if len(infs) != 1 or infs[0] not in INFERENCES:
            problems.append(f"{d}: inference {infs}")
        confs = list(duties.objects(d, KG.confidence))
        if len(confs) != 1 or confs[0] not in CONFIDENCES:
            problems.append(f"{d}: confidence {confs}")
        labels = list(duties.objects(d, RDFS.label))
        if len(labels) != 1 or labels[0].language != "en":
            problems.append(f"{d}: label {labels}")
        actions = list(duties.objects(d, KG.action))
        if len(actions) != 1 or actions[0].language != "en":
            problems.append(f"{d}: action {actions}")
        for c in duties.objects(d, KG.condition):
            if c.language != "en":
                problems.append(f"{d}: condition not @en")
        for p in (KG.inForceFrom, KG.inForceUntil):
            for v in duties.objects(d, p):
                if v.datatype != XSD.date:
                    problems.append(f"{d}: {p} not xsd:date")
    assert problems == []


def test_age_bands_are_integers_and_ordered(duties: Graph):
    for d in _duty_nodes(duties):
        lo = [v for v in duties.objects(d, KG.ageFrom)]
        hi = [v for v in duties.objects(d, KG.ageUnder)]
        for v in lo + hi:
            assert v.datatype == XSD.integer, (d, v)
        if lo and hi:
            assert lo[0].toPython() < hi[0].toPython(), d


def test_duty_iris_follow_the_pattern_and_match_their_legal_basis(duties: Graph):
    for d in _duty_nodes(duties):
        m = DUTY_IRI_RE.match(str(d))
        assert m, d
        _, year, chapter, section = m.groups()
        basis = str(_one(duties, d, KG.legalBasis))
        assert basis.startswith(f"{LEG}ukpga/{year}/{chapter}/section/"), (d, basis)
        # the section part of the IRI is the section (and subsection) of the legal basis
        tail = basis.removeprefix(f"{LEG}ukpga/{year}/{chapter}/section/")
        assert section == tail.lower().replace("/", "-"), (d, basis)


@pytest.mark.parametrize("name", sorted(FILE_ACT))
def test_one_file_per_act(name: str):
    g = _load(ROOT / "data" / "duties" / name)
    nodes = _duty_nodes(g)
    assert nodes, name
    for d in nodes:
        assert str(_one(g, d, KG.legalBasis)).startswith(f"{LEG}{FILE_ACT[name]}/section/"), d


def test_bearers_and_beneficiaries_are_defined(duties: Graph, vocab: Graph):
    roles = set(vocab.subjects(SKOS.inScheme, KGC.role))
    groups = set(vocab.subjects(SKOS.inScheme, KGC.group))
    for d in _duty_nodes(duties):
        for b in duties.objects(d, KG.bearer):
            assert b in roles or b in KNOWN_BODIES, (d, b)
        for b in duties.objects(d, KG.beneficiary):
            assert b in groups or b in KNOWN_BODIES, (d, b)


def test_every_used_concept_has_a_label_and_definition(duties: Graph, vocab: Graph):
    used = {o for p in (KG.bearer, KG.beneficiary) for o in duties.objects(None, p)}
    for c in used - KNOWN_BODIES:
        assert _one(vocab, c, SKOS.prefLabel).language == "en", c
        assert _one(vocab, c, SKOS.definition).language == "en", c


# --- Children and Social Work Act 2017, ss.1-3 (exact) ----------------------------------------

CSWA = "http://www.legislation.gov.uk/id/ukpga/2017/16/section/"


def _facts(g: Graph, d: URIRef) -> dict:
    return {
        "modality": set(g.objects(d, KG.modality)),
        "bearer": set(g.objects(d, KG.bearer)),
        "beneficiary": set(g.objects(d, KG.beneficiary)),
        "legalBasis": set(g.objects(d, KG.legalBasis)),
        "inForceFrom": set(g.objects(d, KG.inForceFrom)),
        "inForceUntil": set(g.objects(d, KG.inForceUntil)),
        "ageFrom": {v.toPython() for v in g.objects(d, KG.ageFrom)},
        "ageUnder": {v.toPython() for v in g.objects(d, KG.ageUnder)},
        "confidence": set(g.objects(d, KG.confidence)),
    }


APRIL_2018 = {Literal("2018-04-01", datatype=XSD.date)}
LA = {KGC["role-local-authority-england"]}


def test_cswa_s1_corporate_parenting_principles(duties: Graph):
    assert _facts(duties, DUTY["ukpga-2017-16-s1-corporate-parenting-principles"]) == {
        "modality": {KGC["modality-have-regard"]},
        "bearer": LA,
        "beneficiary": {KGC["group-looked-after-child"], KGC["group-relevant-child"],
                        KGC["group-former-relevant-child"]},
        "legalBasis": {URIRef(CSWA + "1")},
        "inForceFrom": APRIL_2018,
        "inForceUntil": set(),
        "ageFrom": set(),
        "ageUnder": {25},
        "confidence": {KGC["confidence-confirmed"]},
    }


def test_cswa_s2_local_offer(duties: Graph):
    assert _facts(duties, DUTY["ukpga-2017-16-s2-local-offer"]) == {
        "modality": {KGC["modality-duty"]},
        "bearer": LA,
        "beneficiary": {KGC["group-care-leaver"]},
        "legalBasis": {URIRef(CSWA + "2")},
        "inForceFrom": APRIL_2018,
        "inForceUntil": set(),
        "ageFrom": set(),
        "ageUnder": set(),
        "confidence": {KGC["confidence-confirmed"]},
    }
    # the consultation duty rests on guidance, not statute text read: secondary
    consult = _facts(duties, DUTY["ukpga-2017-16-s2-consult-on-local-offer"])
    assert consult["legalBasis"] == {URIRef(CSWA + "2")}
    assert consult["confidence"] == {KGC["confidence-secondary"]}


def test_cswa_s3_personal_adviser_to_25(duties: Graph):
    assert _facts(duties, DUTY["ukpga-2017-16-s3-personal-adviser-to-25"]) == {
        "modality": {KGC["modality-duty"]},
        "bearer": LA,
        "beneficiary": {KGC["group-former-relevant-child"]},
        "legalBasis": {URIRef(CSWA + "3")},
        "inForceFrom": APRIL_2018,
        "inForceUntil": set(),
        "ageFrom": {21},
        "ageUnder": {25},
        "confidence": {KGC["confidence-confirmed"]},
    }


# --- queries (rdflib SPARQL) ----------------------------------------------------------------

IN_FORCE_IN_ACT = """
PREFIX kg: <https://w3id.org/csckg/def/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?duty WHERE {
  ?duty a kg:Duty ;
        kg:legalBasis ?basis ;
        kg:inForceFrom ?from .
  FILTER (STRSTARTS(STR(?basis), ?act))
  FILTER (?from <= ?day)
  FILTER NOT EXISTS { ?duty kg:inForceUntil ?until . FILTER (?until <= ?day) }
}
"""


def _in_force(g: Graph, day: str, act: str) -> set[str]:
    rows = g.query(IN_FORCE_IN_ACT, initBindings={
        "day": Literal(day, datatype=XSD.date),
        "act": Literal(f"{LEG}{act}/"),
    })
    return {str(r.duty).removeprefix(str(DUTY)) for r in rows}


def test_2017_act_duties_in_force_on_1_january_2018(duties: Graph):
    # SI 2017/918 commenced ss.8, 9, 33 and 42 on 31 October 2017; ss.1-3 waited for April 2018.
    assert _in_force(duties, "2018-01-01", "ukpga/2017/16") == {
        "ukpga-2017-16-s8-consider-permanence-provisions",
        "ukpga-2017-16-s9-regard-to-relationship-with-adopters",
        "ukpga-2017-16-s33-secure-proper-performance",
        "ukpga-2017-16-s42-improvement-standards",
    }


def test_ss1_to_3_come_into_force_on_1_april_2018(duties: Graph):
    ss1_3 = {"ukpga-2017-16-s1-corporate-parenting-principles",
             "ukpga-2017-16-s2-local-offer",
             "ukpga-2017-16-s2-consult-on-local-offer",
             "ukpga-2017-16-s3-personal-adviser-to-25"}
    assert ss1_3.isdisjoint(_in_force(duties, "2018-03-31", "ukpga/2017/16"))
    assert ss1_3 <= _in_force(duties, "2018-04-01", "ukpga/2017/16")


def test_duties_of_the_2017_act_list_sections_1_2_and_3(duties: Graph):
    q = """
    PREFIX kg: <https://w3id.org/csckg/def/>
    SELECT DISTINCT ?basis WHERE {
      ?duty a kg:Duty ; kg:legalBasis ?basis .
      FILTER (STRSTARTS(STR(?basis), "http://www.legislation.gov.uk/id/ukpga/2017/16/"))
    }"""
    bases = {str(r.basis) for r in duties.query(q)}
    assert {CSWA + "1", CSWA + "2", CSWA + "3", CSWA + "14"} <= bases


def test_duties_owed_to_a_24_year_old_former_relevant_child(duties: Graph):
    q = """
    PREFIX kg: <https://w3id.org/csckg/def/>
    PREFIX kgc: <https://w3id.org/csckg/concept/>
    SELECT ?duty WHERE {
      ?duty a kg:Duty ; kg:beneficiary kgc:group-former-relevant-child .
      OPTIONAL { ?duty kg:ageFrom ?lo }
      OPTIONAL { ?duty kg:ageUnder ?hi }
      FILTER (!BOUND(?lo) || ?lo <= 24)
      FILTER (!BOUND(?hi) || 24 < ?hi)
    }"""
    found = {str(r.duty).removeprefix(str(DUTY)) for r in duties.query(q)}
    assert found == {
        "ukpga-2017-16-s1-corporate-parenting-principles",
        "ukpga-2017-16-s3-personal-adviser-to-25",
        "ukpga-1989-41-s23c-former-relevant-children",
        "ukpga-2026-21-s7-staying-close-support",
        "ukpga-2008-23-s20-designated-teacher",
    }  # not staying put (s.23CZA, under 21)


def test_lscb_duty_has_no_invented_end_date(duties: Graph):
    d = DUTY["ukpga-2004-31-s13-establish-lscb"]
    assert list(duties.objects(d, KG.inForceUntil)) == []
    assert list(duties.objects(d, KG.inForceFrom)) == []


# --- role and group vocabularies --------------------------------------------------------------

REQUIRED_ROLES = [
    "local-authority-england", "secretary-of-state", "safeguarding-partners",
    "relevant-agencies", "child-death-review-partners", "director-of-childrens-services",
    "lead-member-for-childrens-services", "virtual-school-head", "personal-adviser",
    "designated-teacher", "governing-body-maintained-school", "academy-proprietor", "court",
    "adoption-agency", "school-proprietor", "councillor", "cabinet-member",
    "leader-of-the-council", "chair", "chief-executive", "corporate-director",
    "executive-director", "director", "head-of-service", "co-opted-member",
]
REQUIRED_GROUPS = [
    "looked-after-child", "relevant-child", "former-relevant-child",
    "previously-looked-after-child", "child-in-need", "children-in-area", "children",
    "child-at-risk-of-significant-harm", "pupils", "child-in-kinship-care", "public",
]


def test_schemes_are_declared(vocab: Graph):
    assert (KGC.role, RDF.type, SKOS.ConceptScheme) in vocab
    assert (KGC.group, RDF.type, SKOS.ConceptScheme) in vocab


@pytest.mark.parametrize("slug", REQUIRED_ROLES)
def test_required_role(vocab: Graph, slug: str):
    c = KGC["role-" + slug]
    assert (c, RDF.type, SKOS.Concept) in vocab
    assert (c, RDF.type, ORG.Role) in vocab
    assert (c, SKOS.inScheme, KGC.role) in vocab
    assert _one(vocab, c, SKOS.prefLabel).language == "en"
    assert _one(vocab, c, SKOS.definition).language == "en"


@pytest.mark.parametrize("slug", REQUIRED_GROUPS)
def test_required_group(vocab: Graph, slug: str):
    c = KGC["group-" + slug]
    assert (c, RDF.type, SKOS.Concept) in vocab
    assert (c, SKOS.inScheme, KGC.group) in vocab
    assert _one(vocab, c, SKOS.prefLabel).language == "en"
    assert _one(vocab, c, SKOS.definition).language == "en"


def test_every_concept_sits_in_exactly_one_of_the_two_schemes(vocab: Graph):
    for c in vocab.subjects(RDF.type, SKOS.Concept):
        assert set(vocab.objects(c, SKOS.inScheme)) in ({KGC.role}, {KGC.group}), c


@pytest.mark.parametrize("slug,basis", [
    ("director-of-childrens-services", "ukpga/2004/31/section/18"),
    ("lead-member-for-childrens-services", "ukpga/2004/31/section/19"),
    ("virtual-school-head", "ukpga/1989/41/section/22/3B"),
    ("personal-adviser", "ukpga/1989/41/section/23CZB"),
    ("designated-teacher", "ukpga/2008/23/section/20"),
    ("safeguarding-partners", "ukpga/2004/31/section/16E"),
    ("child-death-review-partners", "ukpga/2004/31/section/16Q"),
])
def test_statutory_role_legal_basis(vocab: Graph, slug: str, basis: str):
    c = KGC["role-" + slug]
    assert list(vocab.objects(c, KG.legalBasis)) == [URIRef(LEG + basis)]
    assert list(vocab.objects(c, DCTERMS.source)), c


@pytest.mark.parametrize("slug,alias", [
    ("director-of-childrens-services", "DCS"),
    ("virtual-school-head", "VSH"),
    ("virtual-school-head", "Virtual Head"),
    ("lead-member-for-childrens-services", "Lead Member"),
    ("personal-adviser", "Personal Advisor"),
    ("personal-adviser", "PA"),
    ("looked-after-child", "LAC"),
    ("previously-looked-after-child", "PLAC"),
])
def test_aliases(vocab: Graph, slug: str, alias: str):
    scheme = "role-" if (KGC["role-" + slug], None, None) in vocab else "group-"
    assert Literal(alias, lang="en") in set(vocab.objects(KGC[scheme + slug], SKOS.altLabel))


def test_former_relevant_child_cites_s23c1(vocab: Graph):
    d = str(_one(vocab, KGC["group-former-relevant-child"], SKOS.definition))
    assert "s.23C(1)" in d
    assert list(vocab.objects(KGC["group-former-relevant-child"], DCTERMS.source))


def test_no_label_is_both_preferred_and_alternative(vocab: Graph):
    for c in vocab.subjects(RDF.type, SKOS.Concept):
        assert not set(vocab.objects(c, SKOS.prefLabel)) & set(vocab.objects(c, SKOS.altLabel)), c
