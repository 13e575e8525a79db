"""Decisions recorded in minutes: RESOLVED / AGREED / "Resolved:" / "Decision:" blocks.

The marker may open a numbered minute paragraph: "5. RESOLVED:", "17.4     Resolved – That ..."
(the two-level "minute.paragraph" numbering many councils use), in either case, followed by
":", a dash or the end of the line.

Each numbered or lettered point under a marker is a decision of its own, in order. A lead-in
line ending in ":" ("To note the Annual Report and in particular:") frames the points and is
not itself a decision. When the marker sits inside a sentence ("The Panel RESOLVED to note the
update.") the sentence is the decision.

Not decisions: a report's recommendation ("Committee is asked to: Note the contents of the
report") is what officers propose, not what the meeting recorded; prose such as "it was agreed
that the amendments would be made." in a discussion is kept out too, since councils record
formal decisions with a marker; "It was agreed that:" followed by points is such a marker.
"""

from __future__ import annotations

import bisect
import re

from kg.ingest.model import Decision, Span
from kg.ingest.textutil import content_start, lines, norm_key, sentence_at, sentences

_MARKER = re.compile(
    r"\b(?P<kw>RESOLVED|AGREED)\b"
    r"|(?m:^[^\S\n]*(?:\d{1,3}(?:\.\d{1,3}){0,2}[.)]?[^\S\n]+|\d{1,3}[.)])?"
    r"(?P<kw2>Resolved|RESOLVED|Agreed|AGREED|Decisions?)[^\S\n]*(?:[:–—-]|$))"
    r"|\b(?:[Tt]he[^\S\n]+\w+(?:[^\S\n]+\w+)?|[Ii]t[^\S\n]+was)[^\S\n]+(?P<kw3>resolved)[^\S\n]*(?::-?|[^\S\n]+that\b)"
    r"|\b[Ii]t[^\S\n]+was[^\S\n]+(?P<kw4>agreed)(?:[^\S\n]+that)?[^\S\n]*:")
_POINT = re.compile(r"[^\S\n]*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,5}\)|[·•\-–*])[^\S\n]")
_STOP = re.compile(r"(?i)^(?:reasons? for (?:the )?decision|supporting documents|alternative options|minutes:|additional documents|background)")
_LEAD = re.compile(r"[\s:–—\-]*(?:\((?:unanimously|by \w+ votes?[^)]*)\)[\s:–—\-]*)?", re.I)
_NOTED = re.compile(r"(?i)^(?:that\s+)?(?:to\s+)?note\b|\bbe noted\b|^noted\b|\b(?:resolved|agreed)\s+to\s+note\b")


def find_decisions(text: str) -> list[Decision]:
    """Every decision in document order; a point repeated word for word is kept once."""
    all_lines = list(lines(text))
    line_starts = [ln.start for ln in all_lines]
    sents = sentences(text)
    found: list[Decision] = []
    seen: set[str] = set()
    for m in _MARKER.finditer(text):
        keyword = (m["kw"] or m["kw2"] or m["kw3"] or m["kw4"]).lower()
        kind = "agreed" if keyword.startswith("agreed") else "resolved"
        line_index = bisect.bisect_right(line_starts, m.start()) - 1
        for span, noted_lead in _decision_spans(text, m, all_lines, line_index, sents):
            quote = span.quote(text)
            key = norm_key(quote)
            if not key or key in seen:
                continue
            seen.add(key)
            decision_type = "noted" if noted_lead or _NOTED.search(quote) else kind
            found.append(Decision(" ".join(quote.split()), span, decision_type))
    return sorted(found, key=lambda d: d.span)


def _decision_spans(text: str, m: re.Match[str], all_lines: list[Span], line_index: int,
                    sents: list[Span]) -> list[tuple[Span, bool]]:
    line = all_lines[line_index]
    sentence = sentence_at(sents, m.start())
    before = text[content_start(text, line):m.start()].strip()
    rest_match = _LEAD.match(text, m.end(), line.end)
    rest = Span(rest_match.end() if rest_match else m.end(), line.end)
    if before and sentence is not None and not text[m.start():m.end()].lower().startswith(("decision",)):
        if not rest.quote(text).rstrip().endswith(":"):
            return [(sentence, False)]
    following = all_lines[line_index + 1:line_index + 200]  # a decision block is never longer
    if rest.end > rest.start and not rest.quote(text).rstrip().endswith(":"):
        if text[rest.start].islower() and rest.start == m.end() + 1:  # "RESOLVED to note the report."
            rest = Span(m.start(), rest.end)
        return [(rest, False)] + _that_paragraphs(text, following, only_points=True)
    noted_lead = bool(rest.end > rest.start and _NOTED.search(rest.quote(text)))
    if rest.end <= rest.start:
        first = next((ln for ln in following if ln.quote(text).strip(" \u00a0")), None)
        if first is None or _STOP.match(first.quote(text)):
            return []
        if not _POINT.match(text, first.start - _indent(text, first)) and first.quote(text).rstrip().endswith(":"):
            noted_lead = bool(_NOTED.search(first.quote(text)))
            following = following[following.index(first) + 1:]
    return [(s, noted_lead or n) for s, n in _that_paragraphs(text, following, only_points=False)]


def _indent(text: str, line: Span) -> int:
    start = line.start
    while start > 0 and text[start - 1] in " \t\u00a0":
        start -= 1
    return line.start - start


def _that_paragraphs(text: str, following: list[Span], only_points: bool) -> list[tuple[Span, bool]]:
    """The points (or "That ..." paragraphs) after a marker, up to the first line that is neither."""
    spans: list[tuple[Span, bool]] = []
    for ln in following:
        quote = ln.quote(text)
        if not quote.strip(" \u00a0"):
            continue
        if _STOP.match(quote) or _MARKER.match(text, ln.start):
            break
        is_point = bool(_POINT.match(text, ln.start - _indent(text, ln)))
        starts_that = bool(re.match(r"(?:That|To)\b", quote))
        if is_point or (not only_points and starts_that and not spans):
            start = content_start(text, ln) if is_point else ln.start
            spans.append((Span(start, ln.end), False))
        elif spans and starts_that and not only_points:
            spans.append((ln, False))
        else:
            break
    return spans
