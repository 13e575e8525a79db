"""Source documents: `/source?iri=<doc>` shows the text with every extracted span highlighted.

The text is the document's kg:text, the one the offsets index into (code points, end
excluded), so Python string slicing gives the exact characters. Each span is a <mark> whose
id (`span-START-END`) is the link target used by entity, Act and council pages, and whose
title says what was extracted from it. All text is escaped by the template.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import Blueprint, abort, render_template, request

from webui.context import select, value
from webui.entity_data import parse_iri, span_anchor
from webui.listing import twin
from webui.terms import NodeView, iri_views

bp = Blueprint("sources", __name__)

_DOC = """
SELECT ?text ?title ?url ?publisher ?meeting WHERE {
  ?doc a kg:SourceDocument .
  OPTIONAL { ?doc kg:text ?text }
  OPTIONAL { ?doc dct:title ?title }
  OPTIONAL { ?doc dct:source ?url }
  OPTIONAL { ?doc dct:publisher ?publisher }
  OPTIONAL { ?doc kg:aboutMeeting ?meeting }
} LIMIT 1
"""

_SPANS = """
SELECT ?span ?start ?end ?fact ?type WHERE {
  ?span oa:hasSource ?doc ; oa:hasSelector ?pos .
  ?pos oa:start ?start ; oa:end ?end .
  OPTIONAL { ?fact prov:wasDerivedFrom ?span . OPTIONAL { ?fact a ?type } }
}
"""

_DOCS = """
SELECT ?doc ?publisher ?date WHERE {
  ?doc a kg:SourceDocument .
  OPTIONAL { ?doc dct:publisher ?publisher }
  OPTIONAL { ?doc kg:aboutMeeting/schema:startDate ?date }
} ORDER BY DESC(?date) ?doc
"""


@dataclass
class Span:
    anchor: str
    start: int
    end: int
    facts: list[tuple[NodeView, NodeView | None]] = field(default_factory=list)
    excerpt: str = ""

    @property
    def title(self) -> str:
        return "; ".join(f"{kind.label if kind else 'fact'}: {fact.label}" for fact, kind in self.facts) or "span"


@dataclass
class Segment:
    text: str
    spans: list[Span]  # spans covering this piece of text
    starts: list[Span]  # spans that begin here (their anchors go here)

    @property
    def title(self) -> str:
        return " | ".join(s.title for s in self.spans)


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut the text at every span boundary, so overlapping spans still each get a mark."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [s for s in spans if s.start <= a and b <= s.end]
        out.append(Segment(text[a:b], covering, [s for s in spans if s.start == a]))
    return out


def document_spans(doc: ox.NamedNode, length: int) -> list[Span]:
    """The spans of a document with the facts derived from each, valid offsets only."""
    rows = select(_SPANS, doc=doc)
    views = iri_views(value(r[c]) or "" for r in rows for c in ("fact", "type") if r[c] is not None)
    by_span: dict[str, Span] = {}
    types: dict[str, list[NodeView]] = defaultdict(list)
    for r in rows:
        try:
            start, end = int(value(r["start"]) or ""), int(value(r["end"]) or "")
        except ValueError:
            continue
        if not 0 <= start < end <= length:
            continue
        span = by_span.setdefault(value(r["span"]) or "", Span(span_anchor(str(start), str(end)) or "", start, end))
        fact, kind = value(r["fact"]), value(r["type"])
        if fact and kind:
            types[fact].append(views[kind])
        if fact and all(f.value != fact for f, _k in span.facts):
            span.facts.append((views[fact], None))
    for span in by_span.values():
        span.facts = [(f, _main_type(types.get(f.value, []))) for f, _k in span.facts]
    return sorted(by_span.values(), key=lambda s: (s.start, s.end))


def _main_type(candidates: list[NodeView]) -> NodeView | None:
    """The most specific-looking type: our own classes before generic ones."""
    own = [t for t in candidates if "/csckg/def/" in t.value and not t.value.endswith("Mention")]
    return sorted(own or candidates, key=lambda t: t.label)[0] if (own or candidates) else None


@bp.route("/source")
def source() -> str:
    """One document's text with its extracted spans highlighted."""
    doc = parse_iri(request.args.get("iri"))
    found = select(_DOC, doc=doc)
    if not found:
        abort(404, f"{doc.value} is not a source document in the graph")
    row = found[0]
    text = value(row["text"]) or ""
    spans = document_spans(doc, len(text))
    for s in spans:
        s.excerpt = text[s.start:s.end]
    views = iri_views(value(row[c]) or "" for c in ("publisher", "meeting") if row[c] is not None)
    return render_template(
        "sources/source.html", doc=iri_views([doc.value])[doc.value], title=value(row["title"]),
        url=value(row["url"]), publisher=views.get(value(row["publisher"]) or ""),
        meeting=views.get(value(row["meeting"]) or ""), segments=segments(text, spans), spans=spans,
        has_text=bool(text))


@bp.route("/sources")
def sources_list() -> object:
    """Every source document, newest meeting first."""
    found = select(_DOCS)
    views = iri_views(value(r[c]) or "" for r in found for c in ("doc", "publisher") if r[c] is not None)
    rows = [{"document": value(r["doc"]), "document_label": views[value(r["doc"]) or ""].label,
             "publisher": value(r["publisher"]),
             "publisher_label": views[value(r["publisher"]) or ""].label if r["publisher"] else None,
             "meeting_date": value(r["date"])} for r in found]
    columns = ["document", "document_label", "publisher", "publisher_label", "meeting_date"]
    return twin(columns, rows, lambda: render_template("sources/list.html", rows=rows, views=views), "sources")
