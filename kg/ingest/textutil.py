"""Small text helpers shared by the extractors: sentences, lines and name keys.

Sentences are found per line (minutes put every paragraph and bullet on its own line), so a
sentence never crosses a paragraph; bullets and list numbers are left outside the span.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator

from kg.ingest.model import Span

_BULLET = re.compile(
    r"[\s\u00a0]*(?:[·•\-–*][\s\u00a0]*)?"
    r"(?:\(?\d{1,3}(?:\.\d{1,3})+\.?(?=[\s\u00a0])|\(?\d{1,3}[.)](?=[\s\u00a0])"
    r"|\(?[a-z]{1,2}[.)](?=[\s\u00a0])|\([ivx]{1,5}\)(?=[\s\u00a0])|[ivx]{1,5}\)(?=[\s\u00a0]))?[\s\u00a0]*"
)
_BREAK = re.compile(r"[.!?][\"'’”)]*[\s\u00a0]+(?=[\"'‘“(]?[A-Z0-9])")
_ABBREVIATIONS = {
    "etc", "e.g", "i.e", "s", "ss", "no", "cllr", "cllrs", "mr", "mrs", "ms", "dr", "st", "para",
    "paras", "cl", "reg", "art", "vs", "v", "nos", "approx", "prof",
}
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
_NON_KEY = re.compile(r"[^a-z0-9]+")


def lines(text: str) -> Iterator[Span]:
    """Every non-blank line, trimmed of surrounding whitespace."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip(" \t\u00a0")
        if stripped:
            start = pos + raw.index(stripped[0])
            yield Span(start, start + len(stripped))
        pos += len(raw) + 1


def content_start(text: str, span: Span) -> int:
    """Where a line's text begins once a bullet or list number is skipped."""
    match = _BULLET.match(text, span.start, span.end)
    return match.end() if match else span.start


def sentences(text: str) -> list[Span]:
    """Sentence spans in document order, never crossing a line break."""
    found: list[Span] = []
    for line in lines(text):
        start = content_start(text, line)
        for match in _BREAK.finditer(text, start, line.end):
            before = _WORD_BEFORE.search(text, start, match.start())
            word = before.group(1).lower() if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            end = match.start() + 1
            while end < match.end() and text[end] in "\"'’”)":
                end += 1
            if end > start:
                found.append(Span(start, end))
            start = match.end()
        if start < line.end:
            found.append(Span(start, line.end))
    return found


def sentence_at(spans: list[Span], offset: int) -> Span | None:
    """The sentence holding a character offset (spans sorted and disjoint, as sentences() gives)."""
    return sentence_index(spans, offset)


def norm_key(text: str) -> str:
    """Compare names and posts loosely: case, accents, punctuation and stray spaces ignored."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    ascii_text = re.sub(r"-\s+", "-", ascii_text)
    ascii_text = re.sub(r"['`]", "", ascii_text)
    return _NON_KEY.sub(" ", ascii_text).strip()


class SpanIndex:
    """Non-overlapping spans kept sorted, so "does this overlap anything taken?" is a bisect.

    The finders claim text as they go; without an index that check is quadratic in the number
    of mentions, which a long hostile document would exploit.
    """

    def __init__(self, spans: list[Span] | None = None) -> None:
        self._starts: list[int] = []
        self._spans: list[Span] = []
        merged: list[Span] = []
        for span in sorted(spans or []):  # overlapping claims merge into one
            if merged and span.start < merged[-1].end:
                merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
            else:
                merged.append(span)
        self._spans = merged
        self._starts = [s.start for s in merged]

    def overlaps(self, span: Span) -> bool:
        i = bisect.bisect_left(self._starts, span.start)
        for j in (i - 1, i):
            if 0 <= j < len(self._spans) and self._spans[j].overlap(span):
                return True
        # a long span may cover later, shorter ones
        return i < len(self._spans) and self._spans[i].start < span.end

    def add(self, span: Span) -> None:
        i = bisect.bisect_left(self._starts, span.start)
        self._starts.insert(i, span.start)
        self._spans.insert(i, span)


def starting_in(starts: list[int], lo: int, hi: int) -> range:
    """Indexes of sorted `starts` that fall in [lo, hi)."""
    return range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi))


def sentence_index(spans: list[Span], offset: int) -> Span | None:
    """sentence_at by bisection, for sorted, non-overlapping sentence spans."""
    i = _bisect_spans(spans, offset)
    return spans[i] if 0 <= i < len(spans) and spans[i].start <= offset < spans[i].end else None


def _bisect_spans(spans: list[Span], offset: int) -> int:
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid].start <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1
