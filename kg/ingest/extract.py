"""extract(): one document's text in, every fact with its span out. Pure: no store, no I/O.

The order matters only where one finder uses another's output: people before questions
(speakers), people and citations before bodies (so "Director of Children's Services" is a post,
not a body), dates and money before figures (so "2017" and "£30,000" are not counts).
"""

from __future__ import annotations

from dataclasses import replace

from kg.ingest.amounts import find_amounts, find_figures
from kg.ingest.bodies import find_bodies
from kg.ingest.dates import find_dates
from kg.ingest.decisions import find_decisions
from kg.ingest.gazetteer import Gazetteer
from kg.ingest.legislation import find_citations
from kg.ingest.meeting import agenda_items, document_info
from kg.ingest.model import Extraction, Person, SourceText, Span
from kg.ingest.people import find_people
from kg.ingest.questions import find_questions
from kg.ingest.textutil import sentence_at, sentences, starting_in
from kg.ingest.to_rdf import person_iri, person_ref, post_iri, post_ref
from kg.ingest.topics import topics_for
from kg.iris import node, slug


def extract(source: SourceText, gazetteer: Gazetteer) -> Extraction:
    """Find everything in one document; the same input always gives the same Extraction."""
    text = source.text
    info = document_info(source)
    council_iri = _council_iri(info.council, gazetteer)
    council_slug = council_iri.rsplit("/", 1)[-1] if council_iri else None
    committee_iri = _committee_iri(info.committee, council_slug, gazetteer)
    curated = frozenset(i for i in (council_iri, committee_iri) if i and _is_curated(i, gazetteer))
    result = Extraction(source, info, council_iri, committee_iri, curated)
    result.items = agenda_items(source, info)
    result.people = find_people(text)
    result.legislation = find_citations(text, gazetteer.acts, info.title)
    taken = [s for p in result.people for s in (p.span, *p.mentions)] + [c.span for c in result.legislation]
    result.bodies = find_bodies(text, gazetteer, info.council, council_iri, info.committee, committee_iri, taken)
    sents = sentences(text)
    result.questions, result.statements = find_questions(text, sents, result.people)
    result.people = _refine_kinds(result)
    result.dates = find_dates(text)
    result.amounts = find_amounts(text)
    excluded = [d.span for d in result.dates] + [a.span for a in result.amounts] + [c.span for c in result.legislation]
    result.figures = find_figures(text, excluded)
    _link(result, gazetteer, sents)
    slug_ = council_slug or "unknown"
    result.resolved = _resolve_people(result.people, council_slug, committee_iri, gazetteer)
    result.curated = curated | {i for p in result.people for i in _person_iris(p, slug_, result.resolved)
                                if i in gazetteer.known}
    return result


def _resolve_people(people: list[Person], council_slug: str | None, committee_iri: str | None,
                    gazetteer: Gazetteer) -> dict[str, str]:
    """Curated IRIs for the people and posts of the document's own council (one match each).

    Without this, "The Corporate Director replied" in a B&NES document would mint
    kgid:post/bath-and-north-east-somerset-council/corporate-director beside the curated post
    whose altLabel is "Corporate Director": two nodes for one post.
    """
    resolved: dict[str, str] = {}
    for person in people:
        if person.name and (iri := gazetteer.person_iri(person.name, council_slug)):
            resolved[person_ref(person.name)] = iri
        if person.role and (iri := gazetteer.post_iri(person.role, council_slug, committee_iri)):
            resolved[post_ref(person.role)] = iri
    return resolved


def _person_iris(person: Person, council_slug: str, resolved: dict[str, str]) -> list[str]:
    """The person (or post) IRI and, for a named holder, the post IRI."""
    iris = [person_iri(person, council_slug, resolved)]
    if person.name and person.role:
        iris.append(post_iri(person.role, council_slug, resolved))
    return iris


def _council_iri(council: str | None, gazetteer: Gazetteer) -> str | None:
    """The curated council node when one has this name, else kgid:body/{slug}."""
    if not council:
        return None
    return gazetteer.council_iri(council) or node("body", slug(council))


def _is_curated(iri: str, gazetteer: Gazetteer) -> bool:
    """Curated data describes this node, so the document graph must only point at it."""
    return iri in gazetteer.known or iri in gazetteer.councils.values()


def _committee_iri(committee: str | None, council_slug: str | None, gazetteer: Gazetteer) -> str | None:
    """The curated committee of this council when it exists, else kgid:body/{council}/{committee}."""
    if not committee:
        return None
    found = gazetteer.resolve(committee, council_slug) if council_slug else None
    if found and council_slug and found.startswith(node("body", council_slug) + "/"):
        return found
    return node("body", council_slug or "unknown", slug(committee))


def _refine_kinds(result: Extraction) -> list[Person]:
    """An untitled person who asks is a co-opted member; one who answers is an officer."""
    askers = {q.asker for q in result.questions}
    answerers = {q.answerer for q in result.questions}
    refined = []
    for person in result.people:
        if person.name and person.honorific is None and person.role is None and person.kind in ("unknown", "co-opted"):
            if person.key in answerers:
                person = replace(person, kind="officer")
            elif person.key in askers and person.kind == "unknown":
                person = replace(person, kind="co-opted")
        refined.append(person)
    return refined


def _link(result: Extraction, gazetteer: Gazetteer, sents: list[Span]) -> None:
    """Fill kg:about for decisions, questions, amounts and figures, and the item of each decision."""
    generic = {result.council_iri, result.committee_iri}
    linkable = sorted([(c.span, c.iri) for c in result.legislation if c.iri]
                      + [(b.span, b.iri) for b in result.bodies if b.matched and b.iri not in generic])
    starts = [span.start for span, _ in linkable]

    def about(*spans: Span | None) -> tuple[str, ...]:
        real = [s for s in spans if s is not None]
        words = " ".join(s.quote(result.source.text) for s in real)
        targets = topics_for(words, gazetteer.has_duty)
        for s in real:
            for i in starting_in(starts, s.start, s.end):
                span, iri = linkable[i]
                if s.contains(span) and iri and iri not in targets:
                    targets.append(iri)
        return tuple(targets)

    result.decisions = [replace(d, item=_item_of(result, d.span), about=about(d.span)) for d in find_decisions(result.source.text)]
    result.questions = [replace(q, about=about(q.span, q.answer_span)) for q in result.questions]
    result.statements = [replace(s, about=about(s.span)) for s in result.statements]
    result.amounts = [replace(a, about=about(sentence_at(sents, a.span.start) or a.span)) for a in result.amounts]
    result.figures = [replace(f, about=about(sentence_at(sents, f.span.start) or f.span)) for f in result.figures]


def _item_of(result: Extraction, span: Span) -> str | None:
    for item in result.items:
        if item.span.contains(span):
            return item.ref
    return None
