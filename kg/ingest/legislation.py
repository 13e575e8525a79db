"""Citations of legislation, resolved to legislation.gov.uk section IRIs where we can.

"section 47 of the Children Act 1989" names its Act. A bare "Section 47", "s.16", "(s. 12)",
"Under s2" or "S.30" takes the Act in context:
1. "of the Act" / "of this Act" → the context Act (below);
2. a Children Act 1989 term of art ("Section 47 enquiries", "section 17 ... children in need",
   "section 20 accommodation", "section 31 care orders") → Children Act 1989;
3. the same section number cited with an Act elsewhere in the document → that Act;
4. the context Act: the Act named in the nearest heading above, else in the document title,
   else the Act named most often in the document;
5. otherwise, numbers 17, 20, 31 and 47 alone → Children Act 1989 (what social care minutes
   mean by them); any other bare section is taken to be a section of the report, not law.
Never legislation: decimals ("section 4.4 of the report"), "section 7 of the report",
paragraphs, guidance. A whole-Act mention has section None; a Bill links to kgid:bill/{slug}.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg.ingest.acts import ActEntry, ActTable
from kg.ingest.model import Citation, Span
from kg.ingest.textutil import lines

_SECTION_WORD = re.compile(r"\b[Ss]ections?[^\S\n]+(?P<num>\d{1,3}[A-Z]{0,3})(?P<plural>s)?(?![\w.]\d|[a-z0-9])")
_SECTION_ABBR = re.compile(
    r"(?<![\w.])(?P<ss>[Ss]{1,2})(?:\.[^\S\n]?|(?=\d))(?P<num>\d{1,3}[A-Z]{0,3})"
    r"(?:[-–](?P<to>\d{1,3}[A-Z]{0,3}))?(?![\w.]\d|[a-z0-9])")
_AFTER_REPORT = re.compile(r"[^\S\n]*(?:of|in)[^\S\n]+(?:the|this)[^\S\n]+(?:report|paper|document|constitution|appendix|plan|strategy)", re.I)
_OF_THE_ACT = re.compile(r"[^\S\n]*(?:\(\d+[A-Za-z]?\))?[^\S\n]*of[^\S\n]+(?:the|this)[^\S\n]+Act\b")
_UNKNOWN_ACT = re.compile(r"\b(?P<title>(?:[A-Z][\w’'()]*[^\S\n]+(?:(?:and|of|for|the|in|&)[^\S\n]+)?){1,10}Act[^\S\n]+(?P<year>1[89]\d\d|20\d\d))\b")
_CA1989_TERMS = {
    "47": re.compile(r"enquir|inquir|investigat|child protection", re.I),
    "17": re.compile(r"child(?:ren)? in need|\bCIN\b", re.I),
    "20": re.compile(r"accommodat|voluntary|agreement", re.I),
    "31": re.compile(r"care order|proceedings|threshold", re.I),
}
CA_1989 = "Children Act 1989"


@dataclass(frozen=True)
class _ActMention:
    entry: ActEntry
    span: Span


def find_citations(text: str, acts: ActTable, title: str | None) -> list[Citation]:
    """Every mention of an Act, Bill or section, in document order."""
    named = [_ActMention(e, Span(m.start(), m.end())) for m in acts.find(text) if (e := acts.lookup(m.group(0)))]
    citations = [Citation(m.entry.title, None, m.entry.iri, m.span, m.entry.iri) for m in named]
    citations += _unknown_acts(text, acts, [m.span for m in named])
    context = _Context(text, acts, named, title)
    explicit: dict[str, ActEntry] = {}
    sections: list[tuple[Span, str, ActEntry | None, bool]] = []
    for span, number, after in _section_refs(text):
        if _AFTER_REPORT.match(after):
            continue
        follow = re.match(r"[^\S\n]*(?:\(\d+[A-Za-z]?\)[^\S\n]*)?of[^\S\n]+(?:the[^\S\n]+)?", after)
        act_here = None
        if follow:
            m = acts.pattern.match(text, span.end + follow.end()) if acts.pattern else None
            if m and (entry := acts.lookup(m.group(0))) and not entry.is_bill:
                act_here = entry
                explicit.setdefault(number, entry)
                span = Span(span.start, m.end())
        sections.append((span, number, act_here, bool(_OF_THE_ACT.match(after))))
    for span, number, act_here, of_the_act in sections:
        entry = act_here or _resolve(number, span, of_the_act, text, acts, explicit, context)
        if entry is not None:
            citations = [c for c in citations if not (c.section is None and span.contains(c.span))]
            citations.append(Citation(entry.title, number, entry.section_iri(number), span, entry.iri))
    return sorted(citations, key=lambda c: (c.span.start, c.span.end))


def _section_refs(text: str) -> list[tuple[Span, str, str]]:
    """(span, section number, the text after it) for "section N", "s.N", "ss.N–M", "s2"."""
    refs: list[tuple[Span, str, str]] = []
    for m in _SECTION_WORD.finditer(text):
        refs.append((Span(m.start(), m.end()), m["num"], text[m.end():m.end() + 80]))
    for m in _SECTION_ABBR.finditer(text):
        if "." not in m.group(0) and not re.search(r"(?:\bunder|\(|\bsee)[^\S\n]*$", text[max(0, m.start() - 8):m.start()], re.I):
            continue  # "s2" without a dot only after "under", "see" or "("
        refs.append((Span(m.start(), m.end()), m["num"], text[m.end():m.end() + 80]))
        if m["to"] and m["num"].isdigit() and m["to"].isdigit() and 0 < int(m["to"]) - int(m["num"]) <= 20:
            for n in range(int(m["num"]) + 1, int(m["to"]) + 1):
                refs.append((Span(m.start(), m.end()), str(n), text[m.end():m.end() + 80]))
    return sorted(refs, key=lambda r: (r[0].start, int(re.sub(r"\D", "", r[1]) or 0)))


def _unknown_acts(text: str, acts: ActTable, known: list[Span]) -> list[Citation]:
    """Acts not in the table: kept as citations with no IRI, so the report can list them."""
    found = []
    for m in _UNKNOWN_ACT.finditer(text):
        title = re.sub(r"^(?:The|the|Under|under|In|in|Of|of)[^\S\n]+", "", m["title"])
        start = m.end() - len(title)
        span = Span(start, m.end())
        if any(k.overlap(span) for k in known) or acts.lookup(title):
            continue
        found.append(Citation(title, None, None, span))
    return found


class _Context:
    """Which Act a bare section number refers to at a given offset."""

    def __init__(self, text: str, acts: ActTable, named: list[_ActMention], title: str | None) -> None:
        real = [m for m in named if not m.entry.is_bill]
        self.headings: list[tuple[int, ActEntry]] = []
        for line in lines(text):
            quote = line.quote(text)
            if len(quote) < 100 and not quote.rstrip().endswith((".", ";", ",")):
                for m in real:
                    if line.contains(m.span):
                        self.headings.append((line.start, m.entry))
                        break
        title_match = acts.pattern.search(title or "") if acts.pattern else None
        self.title_act = acts.lookup(title_match.group(0)) if title_match else None
        if self.title_act is not None and self.title_act.is_bill:
            self.title_act = None
        counts = Counter(m.entry.iri for m in real)
        ranked = sorted(real, key=lambda m: (-counts[m.entry.iri], m.span.start))
        self.dominant = ranked[0].entry if ranked else None

    def act_at(self, offset: int) -> ActEntry | None:
        before = [entry for start, entry in self.headings if start <= offset]
        return before[-1] if before else self.title_act or self.dominant


def _resolve(number: str, span: Span, of_the_act: bool, text: str, acts: ActTable,
             explicit: dict[str, ActEntry], context: _Context) -> ActEntry | None:
    if of_the_act:
        return context.act_at(span.start)
    term = _CA1989_TERMS.get(number)
    if term and term.search(text[span.end:span.end + 40]):
        return acts.lookup(CA_1989)
    if number in explicit:
        return explicit[number]
    in_context = context.act_at(span.start)
    if in_context is not None:
        return in_context
    return acts.lookup(CA_1989) if number in _CA1989_TERMS else None
