"""extraction_to_graph(): an Extraction as RDF, shaped as ontology/README.md "Minutes" says.

Every IRI is derived from the document id, offsets, names or order in the document, and the
selectors are IRIs ({span}/position, {span}/quote), so re-ingesting the same text gives an
isomorphic, in fact identical, graph. Every extracted node carries kg:status extracted,
prov:hadPrimarySource (the document) and prov:wasDerivedFrom (the span it came from).
Nodes that exist in curated data (a council, a committee, a known body) are referenced, never
re-described.
"""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from kg.ingest.gazetteer import post_key
from kg.ingest.model import Extraction, Person, Span
from kg.ingest.textutil import norm_key
from kg.iris import node, slug
from kg.namespaces import KG, KGC, LEGID, OA, PREFIXES, SCHEMA

EXTRACTED = KGC["status-extracted"]
_SAFE_URL = re.compile(r"https?://[^\s<>\"{}|\\^`]+")


class _Builder:
    """Holds the graph and the document so each add_* function stays one line per triple."""

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.g = Graph()
        for prefix, iri in PREFIXES.items():
            self.g.bind(prefix, iri)
        self.doc = URIRef(node("doc", ex.source.doc_id))
        self.council_slug = ex.council_iri.rsplit("/", 1)[-1] if ex.council_iri else "unknown"

    def span(self, span: Span) -> URIRef:
        """The span node with its two selectors, added once."""
        iri = URIRef(f"{self.doc}/span/{span.start}-{span.end}")
        if (iri, RDF.type, OA.SpecificResource) not in self.g:
            position, quote = URIRef(f"{iri}/position"), URIRef(f"{iri}/quote")
            self.g.add((iri, RDF.type, OA.SpecificResource))
            self.g.add((iri, RDF.type, PROV.Entity))
            self.g.add((iri, OA.hasSource, self.doc))
            self.g.add((iri, OA.hasSelector, position))
            self.g.add((iri, OA.hasSelector, quote))
            self.g.add((position, RDF.type, OA.TextPositionSelector))
            self.g.add((position, OA.start, Literal(span.start, datatype=XSD.integer)))
            self.g.add((position, OA.end, Literal(span.end, datatype=XSD.integer)))
            self.g.add((quote, RDF.type, OA.TextQuoteSelector))
            self.g.add((quote, OA.exact, Literal(span.quote(self.ex.source.text))))
        return iri

    def extracted(self, subject: URIRef, cls: URIRef, span: Span) -> URIRef:
        """Type, status and provenance: what every extracted node has."""
        self.g.add((subject, RDF.type, cls))
        self.g.add((subject, KG.status, EXTRACTED))
        self.g.add((subject, PROV.hadPrimarySource, self.doc))
        self.g.add((subject, PROV.wasDerivedFrom, self.span(span)))
        return subject

    def fact(self, kind: str, n: int) -> URIRef:
        return URIRef(f"{self.doc}/{kind}/{n}")

    @property
    def whole(self) -> Span:
        return Span(0, len(self.ex.source.text))


def extraction_to_graph(ex: Extraction) -> Graph:
    """The named-graph content for one document."""
    b = _Builder(ex)
    meeting = _document(b)
    items = _items(b, meeting)
    people = _people(b)
    _mentions(b, people)
    _decisions(b, items)
    _questions(b, people)
    _amounts(b)
    return b.g


def _document(b: _Builder) -> URIRef:
    ex, g, doc = b.ex, b.g, b.doc
    info = ex.document
    g.add((doc, RDF.type, KG.SourceDocument))
    g.add((doc, DCTERMS.identifier, Literal(ex.source.doc_id)))
    g.add((doc, KG.text, Literal(ex.source.text)))
    g.add((doc, KG.sha256, Literal(ex.source.sha256)))
    g.add((doc, DCTERMS["format"], Literal(ex.source.media_type)))
    if info.title:
        g.add((doc, DCTERMS.title, Literal(info.title, lang="en")))
    if info.source_url and _SAFE_URL.fullmatch(info.source_url):
        g.add((doc, DCTERMS.source, URIRef(info.source_url)))
    council = URIRef(ex.council_iri) if ex.council_iri else None
    if council is not None:
        g.add((doc, DCTERMS.publisher, council))
        if ex.council_iri not in ex.curated:
            b.extracted(council, KG.LocalAuthority, info.council_span or b.whole)
            g.add((council, SKOS.prefLabel, Literal(info.council, lang="en")))
    committee = URIRef(ex.committee_iri) if ex.committee_iri else None
    if committee is not None and ex.committee_iri not in ex.curated:
        b.extracted(committee, KG.Committee, info.committee_span or b.whole)
        g.add((committee, SKOS.prefLabel, Literal(info.committee, lang="en")))
        if council is not None:
            g.add((committee, ORG.subOrganizationOf, council))
    committee_slug = ex.committee_iri.rsplit("/", 1)[-1] if ex.committee_iri else "unknown"
    meeting = URIRef(node("meeting", b.council_slug, committee_slug, info.meeting_date or "unknown"))
    b.extracted(meeting, KG.Meeting, info.date_span or info.committee_span or b.whole)
    if info.meeting_date:
        g.add((meeting, SCHEMA.startDate, Literal(info.meeting_date, datatype=XSD.date)))
    if committee is not None:
        g.add((meeting, SCHEMA.organizer, committee))
    if council is not None:
        g.add((meeting, KG.council, council))
    g.add((doc, KG.aboutMeeting, meeting))
    return meeting


def _items(b: _Builder, meeting: URIRef) -> dict[str, URIRef]:
    found = {}
    for item in b.ex.items:
        iri = URIRef(f"{meeting}/item/{slug(item.ref)}")
        b.extracted(iri, KG.AgendaItem, item.span)
        b.g.add((iri, SCHEMA.superEvent, meeting))
        if item.number:
            b.g.add((iri, KG.itemNumber, Literal(item.number)))
            if item.number.isdigit():
                b.g.add((iri, SCHEMA.position, Literal(int(item.number), datatype=XSD.integer)))
        if item.title:
            b.g.add((iri, DCTERMS.title, Literal(item.title, lang="en")))
        found[item.ref] = iri
    return found


def person_iri(person: Person, council_slug: str, resolved: dict[str, str] | None = None) -> str:
    """The curated IRI when the gazetteer resolved this person or post, else
    kgid:person/{council}/{name} for a named person, kgid:post/{council}/{post} for a post."""
    if person.name:
        return (resolved or {}).get(person_ref(person.name)) or node("person", council_slug, slug(person.name))
    return post_iri(person.role or "post", council_slug, resolved)


def post_iri(role: str, council_slug: str, resolved: dict[str, str] | None = None) -> str:
    """The council's curated post when it has one by this name, else kgid:post/{council}/{post}."""
    return (resolved or {}).get(post_ref(role)) or node("post", council_slug, slug(role))


def person_ref(name: str) -> str:
    """The Extraction.resolved key of a named person."""
    return "person:" + norm_key(name)


def post_ref(role: str) -> str:
    """The Extraction.resolved key of a post."""
    return "post:" + post_key(role)


def _people(b: _Builder) -> dict[str, URIRef]:
    """People, their posts and tenures. A post needs a body to sit in (org:postIn): the council,
    else the committee; with neither known, the post is kept as a labelled prov:Agent."""
    g, found = b.g, {}
    owner = b.ex.council_iri or b.ex.committee_iri
    council = URIRef(owner) if owner else None
    for person in b.ex.people:
        iri = URIRef(person_iri(person, b.council_slug, b.ex.resolved))
        found[person.key] = iri
        if str(iri) in b.ex.curated:
            continue  # described in curated data: mentioned and linked, never re-described
        if person.name:
            b.extracted(iri, FOAF.Person, person.span)
            g.add((iri, FOAF.name, Literal(person.name)))
            if person.honorific:
                g.add((iri, SCHEMA.honorificPrefix, Literal(person.honorific)))
        if person.role:
            post = URIRef(post_iri(person.role, b.council_slug, b.ex.resolved)) if person.name else iri
            if str(post) not in b.ex.curated:
                b.extracted(post, ORG.Post if council is not None else PROV.Agent, person.span)
                g.add((post, SKOS.prefLabel, Literal(person.role, lang="en")))
                if council is not None:
                    g.add((post, ORG.postIn, council))
            if person.name and council is not None:
                tenure = URIRef(node("membership", slug(person.name), slug(person.role)))
                b.extracted(tenure, ORG.Membership, person.span)
                g.add((tenure, ORG.member, iri))
                g.add((tenure, KG.post, post))
    return found


def _mentions(b: _Builder, people: dict[str, URIRef]) -> None:
    """One kg:Mention per name in the text, numbered in document order."""
    ex = b.ex
    rows: list[tuple[Span, URIRef, URIRef]] = []
    for p in ex.people:
        rows += [(s, KG.Mention, people[p.key]) for s in (p.span, *p.mentions)]
    for body in ex.bodies:
        target = URIRef(body.iri)
        rows.append((body.span, KG.Mention, target))
        if not body.matched and (target, RDF.type, ORG.Organization) not in b.g:
            b.extracted(target, ORG.Organization, body.span)
            b.g.add((target, SKOS.prefLabel, Literal(body.name, lang="en")))
            b.g.add((target, KG.unmatched, Literal(True)))
    for c in ex.legislation:
        if c.iri:  # a Bill is not legislation.gov.uk law yet: a plain mention
            cls = KG.LegislationCitation if c.iri.startswith(str(LEGID)) else KG.Mention
            rows.append((c.span, cls, URIRef(c.iri)))
    for n, (span, cls, target) in enumerate(sorted(rows, key=lambda r: (r[0], str(r[2]))), start=1):
        mention = b.extracted(b.fact("mention", n), cls, span)
        b.g.add((mention, KG.mentions, target))
        b.g.add((mention, KG.surfaceForm, Literal(span.quote(ex.source.text))))


def _about(b: _Builder, subject: URIRef, targets: tuple[str, ...]) -> None:
    for target in targets:
        b.g.add((subject, KG.about, URIRef(target)))


def _decisions(b: _Builder, items: dict[str, URIRef]) -> None:
    for n, d in enumerate(b.ex.decisions, start=1):
        iri = b.extracted(b.fact("decision", n), KG.Decision, d.span)
        b.g.add((iri, DCTERMS.description, Literal(d.text, lang="en")))
        b.g.add((iri, KG.decisionType, KGC[f"decision-type-{d.decision_type}"]))
        b.g.add((iri, SCHEMA.position, Literal(n, datatype=XSD.integer)))
        if d.item and d.item in items:
            b.g.add((iri, KG.madeAt, items[d.item]))
        if b.ex.committee_iri:
            b.g.add((iri, KG.madeBy, URIRef(b.ex.committee_iri)))
        _about(b, iri, d.about)


def _questions(b: _Builder, people: dict[str, URIRef]) -> None:
    for n, q in enumerate(b.ex.questions, start=1):
        iri = b.extracted(b.fact("question", n), KG.Question, q.span)
        b.g.add((iri, DCTERMS.description, Literal(q.text, lang="en")))
        if q.asker in people:
            b.g.add((iri, KG.askedBy, people[q.asker]))
        _about(b, iri, q.about)
        if q.answer_span is not None and q.answer_text:
            answer = b.extracted(b.fact("answer", n), KG.Answer, q.answer_span)
            b.g.add((answer, KG.answers, iri))
            b.g.add((answer, DCTERMS.description, Literal(q.answer_text, lang="en")))
            if q.answerer in people:
                b.g.add((answer, KG.answeredBy, people[q.answerer]))
    for n, s in enumerate(b.ex.statements, start=1):
        iri = b.extracted(b.fact("statement", n), KG.Statement, s.span)
        b.g.add((iri, DCTERMS.description, Literal(s.text, lang="en")))
        if s.speaker in people:
            b.g.add((iri, PROV.wasAttributedTo, people[s.speaker]))
        _about(b, iri, s.about)


def _amounts(b: _Builder) -> None:
    for n, a in enumerate(b.ex.amounts, start=1):
        iri = b.extracted(b.fact("amount", n), KG.MonetaryAmount, a.span)
        b.g.add((iri, SCHEMA.value, Literal(Decimal(a.value), datatype=XSD.decimal)))
        b.g.add((iri, SCHEMA.currency, Literal(a.currency)))
        if a.purpose:
            b.g.add((iri, KG.purpose, Literal(a.purpose, lang="en")))
        _about(b, iri, a.about)
    for n, f in enumerate(b.ex.figures, start=1):
        iri = b.extracted(b.fact("figure", n), KG.Statistic, f.span)
        b.g.add((iri, SCHEMA.value, Literal(Decimal(f.value), datatype=XSD.decimal)))
        b.g.add((iri, KG.measures, Literal(f.measures, lang="en")))
        _about(b, iri, f.about)
