"""A small graph the web tests control, and the app/client fixtures built on it.

Not the project's curated data (others are still writing it): an Act with sections 2, 10,
16 and 16A and two duties, a council with a committee, a post and its holder, one ingested
document with an extracted decision, a citation and an amount (spans computed from the text,
so offsets are right by construction), a lifecycle event, and hostile strings (XSS payloads,
a `javascript:` IRI) that must never come out unescaped or as links.

Test modules import the fixtures: `from test_web_fixture import app, client, web_store`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import rdflib
from flask import Flask
from flask.testing import FlaskClient

from kg.store import KgStore
from webui import create_app

ACT = "http://www.legislation.gov.uk/id/ukpga/2099/1"
S2, S10, S16, S16A = (f"{ACT}/section/{n}" for n in ("2", "10", "16", "16A"))
S10_3 = f"{ACT}/section/10/3"
OTHER_S5 = "http://www.legislation.gov.uk/id/ukpga/1989/41/section/5"
KGID = "https://w3id.org/csckg/id/"
COUNCIL = KGID + "body/testshire-council"
COMMITTEE = KGID + "body/testshire-council/corporate-parenting-committee"
EVIL_COMMITTEE = KGID + "body/testshire-council/evil-panel"
DEPARTMENT = KGID + "body/testshire-council/childrens-services"
POST = KGID + "post/testshire-council/director-of-childrens-services"
PERSON = KGID + "person/testshire-council/ada-lovelace"
EVIL_PERSON = KGID + "person/testshire-council/evil"
DUTY = KGID + "duty/ukpga-2099-1-s2-local-offer"
DUTY_SUB = KGID + "duty/ukpga-2099-1-s10-have-regard"
DOC = KGID + "doc/900_test"
MEETING = KGID + "meeting/testshire-council/corporate-parenting-committee/2099-05-04"
ITEM = MEETING + "/item/5"
DECISION = DOC + "/decision/1"
CITATION = DOC + "/mention/1"
AMOUNT = DOC + "/amount/1"
EVENT = KGID + "event/test-board-established"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTR = '"><img src=x onerror=alert(1)>'
JS_IRI = "javascript:alert(1)"

TEXT = (
    "Minutes of the Corporate Parenting Committee, 4 May 2099.\n"
    "Item 5. The committee noted the duty under section 2 of the Test Children Act 2099.\n"
    "RESOLVED: that the local offer for care leavers be published by 1 June 2099.\n"
    "The cost of the offer is £250,000 a year.\n"
)
DECISION_SENTENCE = "RESOLVED: that the local offer for care leavers be published by 1 June 2099."
CITATION_TEXT = "section 2 of the Test Children Act 2099"
AMOUNT_TEXT = "£250,000"


def span(text: str) -> tuple[int, int]:
    """Start and end (exclusive, code points) of `text` in the document."""
    start = TEXT.index(text)
    return start, start + len(text)


def _span_ttl(name: str, text: str) -> str:
    start, end = span(text)
    iri = f"{DOC}/span/{start}-{end}"
    literal = rdflib.Literal(text).n3()
    return f"""<{iri}> a oa:SpecificResource ; oa:hasSource <{DOC}> ;
    oa:hasSelector [ a oa:TextPositionSelector ; oa:start {start} ; oa:end {end} ] ,
                   [ a oa:TextQuoteSelector ; oa:exact {literal} ] .
"""


def span_iri(text: str) -> str:
    start, end = span(text)
    return f"{DOC}/span/{start}-{end}"


PREFIXES = """
@prefix kg: <https://w3id.org/csckg/def/> .
@prefix kgc: <https://w3id.org/csckg/concept/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

ONTOLOGY_TTL = PREFIXES + """
kg:Act rdfs:label "Act"@en .
kg:Section rdfs:label "section"@en .
kg:Duty rdfs:label "duty or power"@en .
kg:LocalAuthority rdfs:label "local authority"@en .
kg:Committee rdfs:label "committee"@en .
kg:Decision rdfs:label "decision"@en .
kg:MonetaryAmount rdfs:label "monetary amount"@en .
kg:LegislationCitation rdfs:label "legislation citation"@en .
kg:legalBasis rdfs:label "legal basis"@en .
kg:bearer rdfs:label "bearer"@en .
kg:beneficiary rdfs:label "beneficiary"@en .
kg:modality rdfs:label "modality"@en .
kg:inAct rdfs:label "in Act"@en .
kg:inserts rdfs:label "inserts"@en .
dct:title rdfs:label "title"@en .
kgc:modality-duty a skos:Concept ; skos:prefLabel "duty"@en ; skos:notation "duty" .
kgc:modality-have-regard a skos:Concept ; skos:prefLabel "duty to have regard"@en ; skos:notation "have-regard" .
kgc:role-local-authority-england a skos:Concept, org:Role ; skos:prefLabel "local authority in England"@en .
kgc:group-care-leaver a skos:Concept ; skos:prefLabel "care leaver"@en .
kgc:decision-type-resolved a skos:Concept ; skos:prefLabel "resolved"@en .
"""

LEGISLATION_TTL = PREFIXES + f"""
<{ACT}> a kg:Act, eli:LegalResource ;
    dct:title "Test Children Act 2099"@en ;
    skos:altLabel "TCA 2099"@en ;
    eli:id_local "2099 c. 1" ;
    eli:date_document "2099-03-01"^^xsd:date ;
    dct:source <https://www.legislation.gov.uk/ukpga/2099/1/contents> .
<{S2}> a kg:Section ; kg:inAct <{ACT}> ; eli:number "2" ; dct:title "Local offer for care leavers"@en ;
    eli:first_date_entry_in_force "2099-04-01"^^xsd:date ; kg:inserts <{OTHER_S5}> .
<{S10}> a kg:Section ; kg:inAct <{ACT}> ; eli:number "10" ; dct:title "Guidance"@en .
<{S16}> a kg:Section ; kg:inAct <{ACT}> ; eli:number "16" ; dct:title "Interpretation"@en ;
    eli:first_date_entry_in_force "2099-03-01"^^xsd:date .
<{S16A}> a kg:Section ; kg:inAct <{ACT}> ; eli:number "16A" ; dct:title "Extent"@en ;
    eli:date_no_longer_in_force "2100-01-01"^^xsd:date .
<{S10_3}> a eli:LegalResourceSubdivision ; kg:inAct <{ACT}> ; eli:is_part_of <{S10}> ; eli:number "10(3)" .
<{OTHER_S5}> a kg:Section ; dct:title "Welfare of children"@en .
<{DUTY}> a kg:Duty ; rdfs:label "Publish a local offer for care leavers"@en ;
    kg:modality kgc:modality-duty ; kg:bearer kgc:role-local-authority-england ;
    kg:beneficiary kgc:group-care-leaver ; kg:legalBasis <{S2}> ;
    kg:inForceFrom "2099-04-01"^^xsd:date .
<{DUTY_SUB}> a kg:Duty ; rdfs:label "Have regard to guidance"@en ;
    kg:modality kgc:modality-have-regard ; kg:bearer kgc:role-local-authority-england ;
    kg:legalBasis <{S10_3}> .
<{EVENT}> a kg:Establishment ; rdfs:label "Test board established"@en ;
    dct:date "2099-06-01"^^xsd:date ; org:resultingOrganization <{COMMITTEE}> .
"""

COUNCIL_TTL = PREFIXES + f"""
<{COUNCIL}> a kg:LocalAuthority ; skos:prefLabel "Testshire Council"@en ; skos:altLabel "Testshire"@en .
<{COMMITTEE}> a kg:Committee ; skos:prefLabel "Corporate Parenting Committee"@en ; org:subOrganizationOf <{COUNCIL}> .
<{EVIL_COMMITTEE}> a kg:Committee ; skos:prefLabel {rdflib.Literal(XSS_ATTR).n3()}@en ;
    org:subOrganizationOf <{COUNCIL}> ; rdfs:seeAlso <{JS_IRI}> .
<{DEPARTMENT}> a kg:Department ; skos:prefLabel "Children's Services"@en ; org:unitOf <{COUNCIL}> .
<{POST}> a org:Post ; skos:prefLabel "Director of Children's Services"@en ; org:postIn <{DEPARTMENT}> .
<{PERSON}> a foaf:Person ; foaf:name "Ada Lovelace" .
<{EVIL_PERSON}> a foaf:Person ; foaf:name {rdflib.Literal(XSS_SCRIPT).n3()} ; foaf:homepage <{JS_IRI}> .
<{KGID}membership/ada-lovelace/director> a org:Membership ; org:member <{PERSON}> ; kg:post <{POST}> ;
    org:memberDuring [ a time:Interval ; time:hasBeginning [ time:inXSDDate "2098-01-01"^^xsd:date ] ] .
"""

DOC_TTL = PREFIXES + f"""
<{DOC}> a kg:SourceDocument ; dct:title "Corporate Parenting Committee minutes, 4 May 2099"@en ;
    dct:identifier "900_test" ; kg:text {rdflib.Literal(TEXT).n3()} ;
    dct:source <https://example.org/minutes/900> ; dct:publisher <{COUNCIL}> ; kg:aboutMeeting <{MEETING}> .
<{MEETING}> a kg:Meeting ; schema:startDate "2099-05-04"^^xsd:date ; schema:organizer <{COMMITTEE}> ;
    kg:council <{COUNCIL}> ; rdfs:label "Corporate Parenting Committee, 4 May 2099"@en .
<{ITEM}> a kg:AgendaItem ; schema:superEvent <{MEETING}> ; kg:itemNumber "5" ; dct:title "Local offer"@en .
<{DECISION}> a kg:Decision ; dct:description {rdflib.Literal(DECISION_SENTENCE).n3()}@en ;
    kg:decisionType kgc:decision-type-resolved ; kg:madeAt <{ITEM}> ; kg:madeBy <{COMMITTEE}> ;
    kg:about <{S2}> ; prov:hadPrimarySource <{DOC}> ; prov:wasDerivedFrom <{span_iri(DECISION_SENTENCE)}> ;
    kg:status kgc:status-extracted .
<{CITATION}> a kg:LegislationCitation ; kg:mentions <{S2}> ; kg:surfaceForm {rdflib.Literal(CITATION_TEXT).n3()} ;
    prov:hadPrimarySource <{DOC}> ; prov:wasDerivedFrom <{span_iri(CITATION_TEXT)}> .
<{AMOUNT}> a kg:MonetaryAmount ; schema:value 250000.0 ; schema:currency "GBP" ;
    kg:purpose "local offer for care leavers" ;
    prov:hadPrimarySource <{DOC}> ; prov:wasDerivedFrom <{span_iri(AMOUNT_TEXT)}> .
{_span_ttl("decision", DECISION_SENTENCE)}
{_span_ttl("citation", CITATION_TEXT)}
{_span_ttl("amount", AMOUNT_TEXT)}
"""

GRAPH = "https://w3id.org/csckg/graph/"
GRAPHS = {
    GRAPH + "ontology": ONTOLOGY_TTL,
    GRAPH + "data/legislation/test.ttl": LEGISLATION_TTL,
    GRAPH + "data/councils/testshire.ttl": COUNCIL_TTL,
    GRAPH + "doc/900_test": DOC_TTL,
}


def fixture_store() -> KgStore:
    """A fresh in-memory store holding the fixture graphs."""
    store = KgStore.memory()
    store.replace_graphs({name: rdflib.Graph().parse(data=ttl, format="turtle") for name, ttl in GRAPHS.items()})
    return store


@pytest.fixture(scope="module")
def web_store() -> KgStore:
    return fixture_store()


@pytest.fixture(scope="module")
def app(web_store: KgStore) -> Flask:
    return create_app({"TESTING": True}, store=web_store)


@pytest.fixture
def client(app: Flask) -> Iterator[FlaskClient]:
    yield app.test_client()
