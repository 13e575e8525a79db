"""Citations of legislation, resolved to legislation.gov.uk section IRIs where we can.

"section 47 of the Children Act 1989" and "Section 100B(4)(b) of the Local Government Act 1972"
name their Act. "section 114 of the Local Government Finance Act 1988" names an Act the table does
not know: it is kept with that Act's title and a null IRI, never given to the Act in context. A bare "Section 47", "s.16", "(s. 12)", "Under s2" or
"S.30" takes the Act in context:
1. "of the Act" / "of this Act" → the nearest Act in context (rule 4, then the title, the dominant);
2. a Children Act 1989 term of art ("Section 47 enquiries", "section 17 ... children in need",
   "section 20 accommodation", "section 31 care orders") → Children Act 1989;
3. "section 11" beside "audit", "duty/duties" or "safeguarding" is the Children Act 2004 s.11
   safeguarding duty (the "section 11 audit" every partnership runs) unless an Act is named
   earlier in the same sentence; a heading or the document's usual Act does not override it,
   as the CA 1989 terms are not overridden;
4. the nearest preceding Act context: an Act named earlier in the same sentence, else the Act
   named in the nearest heading above (a local context beats document-wide evidence);
5. the same section number cited with an Act elsewhere in the document → that Act;
6. the document title's Act, else the Act named most often in the document;
7. otherwise, numbers 17, 20, 31 and 47 alone → Children Act 1989 (what social care minutes
   mean by them); any other bare section is taken to be a section of the report, not law.
Never legislation: decimals ("section 4.4 of the report"), "section 7 of the report",
paragraphs, guidance, and a lone "(section 7)" that points into the report: one on a line
that also cites "paragraph(s)", or in a list whose lead-in frames points of a document ("To note
the ... Report and in particular:") or whose items cite "(paragraph 6.17)" (Haringey-style "To note the report and in particular: ... (section 7);").
A whole-Act mention has section None; a Bill links to kgid:bill/{slug}.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from kg.ingest.acts import ActEntry, ActTable
from kg.ingest.model import Citation, Span
from kg.ingest.textutil import lines, sentence_at, sentences

_SECTION_WORD = re.compile(r"\b[Ss]ections?[^\S\n]+(?P<num>\d{1,3}[A-Z]{0,3})(?P<plural>s)?(?![\w.]\d|[a-z0-9])")
_SECTION_ABBR = re.compile(
    r"(?<![\w.])(?P<ss>[Ss]{1,2})(?:\.[^\S\n]?|(?=\d))(?P<num>\d{1,3}[A-Z]{0,3})"
    r"(?:[-–](?P<to>\d{1,3}[A-Z]{0,3}))?(?![\w.]\d|[a-z0-9])")
_AFTER_REPORT = re.compile(r"[^\S\n]*(?:of|in)[^\S\n]+(?:the|this)[^\S\n]+(?:report|paper|document|constitution|appendix|plan|strategy)", re.I)
_SUBSECTIONS = r"(?:\(\d+[A-Za-z]?\)|\([a-z]{1,4}\))*"  # "(4)(b)", "(1)", "(2)(a)(ii)"
_OF_THE_ACT = re.compile(rf"[^\S\n]*{_SUBSECTIONS}[^\S\n]*of[^\S\n]+(?:the|this)[^\S\n]+Act\b")
_FOLLOW_OF = re.compile(rf"[^\S\n]*{_SUBSECTIONS}[^\S\n]*of[^\S\n]+(?:the[^\S\n]+)?")
_UNKNOWN_ACT = re.compile(r"\b(?P<title>(?:[A-Z][\w’'()]*[^\S\n]+(?:(?:and|of|for|the|in|&)[^\S\n]+)?){1,10}Act[^\S\n]+(?P<year>1[89]\d\d|20\d\d))\b")
_CA1989_TERMS = {
    "47": re.compile(r"enquir|inquir|investigat|child protection", re.I),
    "17": re.compile(r"child(?:ren)? in need|\bCIN\b", re.I),
    "20": re.compile(r"accommodat|voluntary|agreement", re.I),
    "31": re.compile(r"care order|proceedings|threshold", re.I),
}
# the Children Act 2004 s.11 safeguarding duty: "section 11 audits", "our section 11 duties"
_CA2004_S11 = re.compile(r"\baudit|\bdut(?:y|ies)\b|safeguard", re.I)
# a parenthesised locator and nothing else: "(section 7)", "(sections 7 and 8)", "(paragraph 6.17)"
_LONE_SECTION = re.compile(r"\([^\S\n]*$")
# a lead-in that frames points of a document: "To note the report and in particular:"
_NOTING_LEAD = re.compile(r"\breport\b|\bin particular\b|^(?:that\s+)?(?:to\s+)?note\b", re.I)
_PARAGRAPH_REF = re.compile(r"\bparagraphs?[^\S\n]+\d", re.I)
_LIST_ITEM = re.compile(r"(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(?[a-z][.)]|\(?[ivx]{1,5}\)|[·•\-–*])[^\S\n]")
CA_1989 = "Children Act 1989"
CA_2004 = "Children Act 2004"


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
    sections: list[tuple[Span, str, ActEntry | str | None, bool]] = []
    for span, number, after in _section_refs(text):
        if _AFTER_REPORT.match(after) or _report_locator(text, span):
            continue
        follow = _FOLLOW_OF.match(after)
        act_here: ActEntry | str | None = None
        if follow:
            m = acts.pattern.match(text, span.end + follow.end()) if acts.pattern else None
            unknown = _UNKNOWN_ACT.match(text, span.end + follow.end())
            if m and (entry := acts.lookup(m.group(0))) and not entry.is_bill:
                act_here = entry
                explicit.setdefault(number, entry)
                span = Span(span.start, m.end())
            elif unknown and not (m and unknown.end() <= m.end()):
                act_here = _strip_lead(unknown["title"])  # "of the Local Government Finance Act 1992": not in the table
                span = Span(span.start, unknown.end())
        sections.append((span, number, act_here, bool(_OF_THE_ACT.match(after))))
    for span, number, act_here, of_the_act in sections:
        entry = act_here or _resolve(number, span, of_the_act, text, acts, explicit, context)
        if entry is None:
            continue
        citations = [c for c in citations if not (c.section is None and span.contains(c.span))]
        if isinstance(entry, str):
            citations.append(Citation(entry, number, None, span))
        else:
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


def _report_locator(text: str, span: Span) -> bool:
    """A lone "(section 7)" pointing into the report under discussion, not at an Act.

    It is one when the parentheses hold the section and nothing else, and either its line (the
    sentence or list item) also cites "paragraph(s) N", or it sits in a list whose items cite
    "(paragraph(s) ...)" or whose lead-in frames points of a document ("To note the Annual Report
    and in particular:", "Noted the report, in particular:"). Such a list summarises that
    document, so a lone section number in it is the document's own section, as "(paragraph 6.17)"
    beside it is its paragraph. "(section 7 of the Children Act 1989)" is not lone.
    """
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    if not _LONE_SECTION.search(text, line_start, span.start) or not re.match(
            r"(?:[^\S\n]+(?:and|&)[^\S\n]+\d{1,3}[A-Z]{0,3})?[^\S\n]*\)", text[span.end:line_end]):
        return False
    if _PARAGRAPH_REF.search(text, line_start, line_end):
        return True
    block = _list_block(text, line_start)
    return bool(block) and (any(_PARAGRAPH_REF.search(q) for q in block[1:])
                            or bool(_NOTING_LEAD.search(block[0]) and block[0].rstrip().endswith(":")))


def _list_block(text: str, line_start: int) -> list[str]:
    """The lead-in line and the items of the list holding the line at line_start, or [] if none."""
    spans = list(lines(text))
    all_lines = [ln.quote(text) for ln in spans]
    ends = [ln.end for ln in spans]
    i = bisect.bisect_left(ends, line_start)  # the first non-blank line ending at or after line_start
    if i >= len(all_lines) or not _LIST_ITEM.match(all_lines[i]):
        return []
    first = i
    while first > 0 and _LIST_ITEM.match(all_lines[first - 1]):
        first -= 1
    last = i
    while last + 1 < len(all_lines) and _LIST_ITEM.match(all_lines[last + 1]):
        last += 1
    lead = all_lines[first - 1] if first > 0 else ""
    return [lead] + all_lines[first:last + 1]


def _unknown_acts(text: str, acts: ActTable, known: list[Span]) -> list[Citation]:
    """Acts not in the table: kept as citations with no IRI, so the report can list them."""
    found = []
    for m in _UNKNOWN_ACT.finditer(text):
        title = _strip_lead(m["title"])
        start = m.end() - len(title)
        span = Span(start, m.end())
        if any(k.overlap(span) for k in known) or acts.lookup(title):
            continue
        found.append(Citation(title, None, None, span))
    return found


def _safeguarding_duty(text: str, span: Span) -> bool:
    """"section 11 audits", "its section 11 duty", "safeguarding (section 11) arrangements"."""
    return bool(_CA2004_S11.search(text, span.end, span.end + 30)
                or _CA2004_S11.search(text, max(0, span.start - 20), span.start))


def _strip_lead(title: str) -> str:
    """"the Local Government Act 1988" → "Local Government Act 1988"."""
    return re.sub(r"^(?:The|the|Under|under|In|in|Of|of)[^\S\n]+", "", title)


class _Context:
    """Which Act a bare section number refers to at a given offset."""

    def __init__(self, text: str, acts: ActTable, named: list[_ActMention], title: str | None) -> None:
        real = [m for m in named if not m.entry.is_bill]
        self.real = real
        self.sents = sentences(text)
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

    def in_sentence(self, offset: int) -> ActEntry | None:
        """The Act named last before `offset` in the sentence that holds it."""
        sentence = sentence_at(self.sents, offset)
        if sentence is None:
            return None
        before = [m.entry for m in self.real if sentence.start <= m.span.start and m.span.end <= offset]
        return before[-1] if before else None

    def local(self, offset: int) -> ActEntry | None:
        """The nearest preceding Act context: this sentence's Act, else the nearest heading's."""
        before = [entry for start, entry in self.headings if start <= offset]
        return self.in_sentence(offset) or (before[-1] if before else None)

    def act_at(self, offset: int) -> ActEntry | None:
        return self.local(offset) or self.title_act or self.dominant


def _resolve(number: str, span: Span, of_the_act: bool, text: str, acts: ActTable,
             explicit: dict[str, ActEntry], context: _Context) -> ActEntry | None:
    """A bare section's Act by rules 1-7 of the module docstring, in that order."""
    if of_the_act:
        return context.act_at(span.start)
    term = _CA1989_TERMS.get(number)
    if term and term.search(text[span.end:span.end + 40]):
        return acts.lookup(CA_1989)
    if number == "11" and context.in_sentence(span.start) is None and _safeguarding_duty(text, span):
        return acts.lookup(CA_2004)
    local = context.local(span.start)
    if local is not None:
        return local
    if number in explicit:
        return explicit[number]
    in_context = context.title_act or context.dominant
    if in_context is not None:
        return in_context
    return acts.lookup(CA_1989) if number in _CA1989_TERMS else None
