"""How a node is shown: its label (from kg.labels), a link to its page, an external link.

The safety rule lives here: only http(s) IRIs ever become links. Both rdflib and pyoxigraph
accept `javascript:alert(1)` as an IRI, and Jinja's autoescape does not stop it in an href,
so other schemes are shown as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pyoxigraph as ox
from flask import url_for

from kg.labels import labels
from kg.namespaces import BASE
from kg.output import compact
from webui.context import Term, get_store

XSD = "http://www.w3.org/2001/XMLSchema#"
DATE_TYPES = (XSD + "date", XSD + "dateTime", XSD + "gYear")
_PROVISION = re.compile(r"^https?://www\.legislation\.gov\.uk/id/[a-z]+/[^/]+/[^/]+/(section|schedule)/([0-9A-Za-z]+)$")
_LEGISLATION = re.compile(r"^https?://www\.legislation\.gov\.uk/id/[a-z]+/(\d{4})/(\d+)(?:/(section|schedule)/([0-9A-Za-z]+))?(/.*)?$")


@dataclass(frozen=True)
class NodeView:
    """One RDF term ready for a template: text to show, and the safe links it may carry."""

    kind: str  # "iri", "literal" or "bnode"
    value: str
    label: str
    href: str | None = None  # this app's page for the node
    external: str | None = None  # the http(s) IRI itself, for nodes outside our id space
    datatype: str | None = None
    lang: str | None = None

    @property
    def reference(self) -> str | None:
        """"s. 3" or "Sch. 2" for a legislation.gov.uk section or schedule (its label is only a title)."""
        if self.kind != "iri":
            return None
        match = _PROVISION.search(self.value)
        if not match or self.label.endswith(f" {match.group(2)}"):
            return None  # unlabelled: the label is already the citation
        return ("s. " if match.group(1) == "section" else "Sch. ") + match.group(2)

    @property
    def compact(self) -> str:
        return compact(self.value) if self.kind == "iri" else self.value

    @property
    def is_date(self) -> bool:
        return self.kind == "literal" and self.datatype in DATE_TYPES


def is_web_iri(iri: str) -> bool:
    """True for http:// and https:// IRIs with a host: the only ones we turn into links."""
    try:
        parts = urlsplit(iri)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in iri)


def entity_href(iri: str) -> str | None:
    """The entity page of an IRI (the /entity?iri= contract), None for non-web IRIs."""
    return url_for("entities.entity", iri=iri) if is_web_iri(iri) else None


def external_href(iri: str) -> str | None:
    """The IRI as an outbound link, for http(s) IRIs that are not minted by this project."""
    return iri if is_web_iri(iri) and not iri.startswith(BASE) else None


def fallback_label(iri: str, label: str) -> str:
    """kg.labels' label, except that an unlabelled legislation.gov.uk IRI reads as a citation.

    "1989 c. 41 s. 23CZB" tells a reader more than the bare IRI, and needs no lookup.
    """
    if label != compact(iri):
        return label
    match = _LEGISLATION.match(iri)
    if not match:
        return label
    year, chapter, kind, number, rest = match.groups()
    citation = f"{year} c. {chapter}"
    if not kind:
        return label if rest else citation
    if rest:
        if not re.fullmatch(r"/[0-9A-Za-z]+", rest):
            return label
        number += f"({rest[1:]})"
    return f"{citation} {'s.' if kind == 'section' else 'Sch.'} {number}"


_TEXTS = """
SELECT ?node ?p ?text WHERE {
  VALUES ?p { dct:description kg:surfaceForm rdfs:comment }
  ?node ?p ?text .
  FILTER (isLiteral(?text))
}
"""
_TEXT_ORDER = ("http://purl.org/dc/terms/description", "https://w3id.org/csckg/def/surfaceForm",
               "http://www.w3.org/2000/01/rdf-schema#comment")
MAX_TEXT_LABEL = 90


def texts_for_unlabelled(iris: list[str]) -> dict[str, str]:
    """A short text for nodes with no label (extracted decisions, questions, mentions).

    kg.labels gives them their compact IRI; the start of their description or surface form
    says much more ("RESOLVED: that the local offer...") and is what the minutes said.
    """
    if not iris:
        return {}
    values = " ".join(f"<{ox.NamedNode(i).value}>" for i in iris)
    query = _TEXTS.replace("WHERE {", "WHERE {\n  VALUES ?node { " + values + " }", 1)
    found: dict[str, tuple[int, str]] = {}
    for row in get_store().query(query):
        node, prop, text = row["node"].value, row["p"].value, " ".join(row["text"].value.split())
        rank = _TEXT_ORDER.index(prop)
        if node not in found or (rank, text) < found[node]:
            found[node] = (rank, text)
    return {n: (t if len(t) <= MAX_TEXT_LABEL else t[:MAX_TEXT_LABEL - 1].rstrip() + "…")
            for n, (_r, t) in found.items()}


_MEETINGS = """
SELECT ?node ?organizer ?date WHERE {
  ?node schema:organizer ?organizer ; schema:startDate ?date .
}
"""


def meeting_names(iris: list[str]) -> dict[str, str]:
    """"Corporate Parenting Committee, 2099-05-04" for unlabelled meetings (organiser and date)."""
    if not iris:
        return {}
    values = " ".join(f"<{ox.NamedNode(i).value}>" for i in iris)
    rows = list(get_store().query(_MEETINGS.replace("WHERE {", "WHERE {\n  VALUES ?node { " + values + " }", 1)))
    organizers = labels(get_store(), [r["organizer"].value for r in rows if isinstance(r["organizer"], ox.NamedNode)])
    return {r["node"].value: f"{organizers.get(r['organizer'].value, r['organizer'].value)}, {r['date'].value}"
            for r in sorted(rows, key=lambda r: r["date"].value)}


def iri_views(iris: Iterable[str]) -> dict[str, NodeView]:
    """Views of many IRIs with their labels fetched in one query (and one more for the unlabelled)."""
    wanted = sorted({i for i in iris if i})
    names = {i: fallback_label(i, n) for i, n in (labels(get_store(), wanted) if wanted else {}).items()}
    unlabelled = [i for i in wanted if names[i] == compact(i)]
    texts = texts_for_unlabelled(unlabelled)
    texts.update(meeting_names([i for i in unlabelled if i not in texts]))
    return {i: NodeView("iri", i, texts.get(i, names[i]), entity_href(i), external_href(i)) for i in wanted}


def term_views(terms: Iterable[Term | None]) -> list[NodeView | None]:
    """Views of terms in the given order, IRIs labelled with one query."""
    terms = list(terms)
    named = iri_views(t.value for t in terms if isinstance(t, ox.NamedNode))
    return [None if t is None else named[t.value] if isinstance(t, ox.NamedNode) else literal_view(t)
            for t in terms]


def literal_view(term: Term) -> NodeView:
    """A literal, blank node or quoted triple, shown as text."""
    if isinstance(term, ox.Literal):
        return NodeView("literal", term.value, term.value, datatype=term.datatype.value,
                        lang=term.language)
    if isinstance(term, ox.BlankNode):
        return NodeView("bnode", term.value, f"_:{term.value}")
    return NodeView("literal", str(term), str(term))
