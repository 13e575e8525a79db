"""Bodies named in minutes: gazetteer matches first, then the meeting's own council and
committee ("the Council", "the Panel"), then unknown organisation-like names.

An unknown name is a run of capitalised words ending in an organisation head noun ("School
Standards Board", "Leeds City Council"). It becomes a new node flagged kg:unmatched, under the
document's council (kgid:body/{council}/{slug}) unless it is itself a council.
"""

from __future__ import annotations

import re

from kg.ingest.gazetteer import Gazetteer
from kg.ingest.model import BodyMention, Span
from kg.ingest.textutil import SpanIndex, norm_key
from kg.iris import node, slug

_HEADS = r"(?:(?:Board|Council|Panel|Committee|Commission|Department|Directorate|Partnership|Agency|Trust)s?|Service)"
# an apostrophe inside a word ("Children’s") or after a plural ("Parents’ Forum"); any other
# trailing quote closes a quoted title ("‘Financial Monitoring Statement’ of the Committee")
_WORD = r"[A-Z](?:[\w&-]|['’](?=\w)|(?<=s)['’])*"
_JOIN = r"(?:(?:of|for|in)[^\S\n]+(?:the[^\S\n]+)?|(?:and|&)[^\S\n]+)?"
_POST_AFTER = r"[^\S\n]+(?:Officer|Manager|Lead|Director|Head|Coordinator|Co-ordinator|Member|Chair|Adviser|Advisor)\b"
_TAIL = rf"(?:[^\S\n]+(?:of|for)[^\S\n]+(?:{_WORD}[^\S\n]+){{0,3}}{_WORD})?"
_ORG = re.compile(rf"(?<![\w’'-])(?:{_WORD}[^\S\n]+{_JOIN}){{1,8}}{_HEADS}{_TAIL}(?![\w’'-]|{_POST_AFTER})")
_OF_THE_BARE = re.compile(rf"[^\S\n]+(?:of|for)[^\S\n]+the[^\S\n]+{_HEADS}$")
_LEADING = {"the", "a", "an", "this", "that", "our", "its", "their", "new", "each", "every", "any",
            "all", "both", "although", "however", "whilst", "while", "when", "where", "if", "and",
            "national", "previous", "relevant", "from", "by", "to", "with", "on", "in", "at"}
_POST_WORDS = {"head", "director", "manager", "chair", "chairman", "member", "members", "officer",
               "leader", "mayor", "lead", "portfolio", "cabinet", "councillor", "councillors", "cllr",
               "report", "minutes", "agenda", "vice-chair", "vice-chairman", "chairperson", "terms"}
_MEMBER_WORDS = {"chair", "chairman", "chairperson", "vice-chair", "vice-chairman", "member", "members", "meeting"}
_CABINET = re.compile(r"\bCabinet\b(?![^\S\n]+(?:Member|Portfolio|Lead|Office))")
_ABBREVIATIONS = ((re.compile(r"\bO\s?&\s?S\b"), "Overview and Scrutiny"),)
_BARE = re.compile(r"\b[Tt]he[^\S\n]+(?P<head>Council|Panel|Committee|Board|Cabinet|Commission|Sub-Committee)\b")


def find_bodies(text: str, gazetteer: Gazetteer, council: str | None, council_iri: str | None,
                committee: str | None, committee_iri: str | None, taken: list[Span]) -> list[BodyMention]:
    """Every body mention in document order; `taken` spans (people, posts, Acts) are skipped."""
    council_slug = council_iri.rsplit("/", 1)[-1] if council_iri else None
    found: list[BodyMention] = []
    used = SpanIndex(taken)

    def add(start: int, end: int, name: str, iri: str, matched: bool) -> None:
        span = Span(start, end)
        if used.overlaps(span):
            return
        used.add(span)
        found.append(BodyMention(name, iri, span, matched))

    for start, end, surface, iri in gazetteer.find(text, council_slug):
        lead = re.match(r"(?:the|The)[^\S\n]+", surface)
        if lead:
            start, surface = start + lead.end(), surface[lead.end():]
        add(start, end, surface, iri, True)
    own = {norm_key(expand(n)): i for n, i in ((council, council_iri), (committee, committee_iri)) if n and i}
    for m in _ORG.finditer(text):
        start, name = _trim(m.group(0), m.start())
        if not name or " " not in name or re.search(r"\b(?:Act|Bill)\b", name) or _OF_THE_BARE.search(name):
            continue  # "Terms of Reference of the Committee" names no body; "the Committee" is handled below
        key = norm_key(expand(name))
        committee_key = norm_key(expand(committee)) if committee else ""
        if key in own or (committee_iri and committee_key.startswith(key + " ")):
            add(start, start + len(name), name, own.get(key, committee_iri or ""), True)
        elif (iri := gazetteer.council_iri(name) or gazetteer.resolve(name, council_slug)):
            add(start, start + len(name), name, iri, True)
        else:
            add(start, start + len(name), name, unknown_body_iri(name, council_slug), False)
    for name, iri in ((committee, committee_iri), (council, council_iri)):
        if name and iri:
            for m in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w’'-])", text):
                add(m.start(), m.end(), name, iri, True)
    committee_heads = set(re.findall(_HEADS, committee or "")) | ({"Cabinet"} if committee == "Cabinet" else set())
    for m in _BARE.finditer(text):
        head = m["head"]
        if head == "Council" and council_iri:
            add(m.start("head"), m.end("head"), head, council_iri, True)
        elif committee_iri and head in committee_heads:
            add(m.start("head"), m.end("head"), head, committee_iri, True)
    if council_slug:  # a council's executive is "Cabinet", with or without "the"
        for m in _CABINET.finditer(text):
            add(m.start(), m.end(), "Cabinet", node("body", council_slug, "cabinet"), True)
    return sorted(found, key=lambda b: b.span)


def _trim(candidate: str, start: int) -> tuple[int, str | None]:
    """Drop leading function words ("The", "Although"); refuse names that start with a post."""
    words = candidate.split()
    while words and words[0].lower() in _LEADING:
        start = start + candidate.index(words[0]) + len(words[0])
        candidate = candidate[candidate.index(words[0]) + len(words[0]):]
        offset = len(candidate) - len(candidate.lstrip())
        start, candidate = start + offset, candidate.lstrip()
        words = words[1:]
    if words and words[0].lower().strip("’'") in _MEMBER_WORDS:
        inner = re.search(r"[^\S\n]+(?:of|for)[^\S\n]+(?:the[^\S\n]+)?", candidate)
        if inner is not None:  # "Chair of the Corporate Parenting Panel": the panel is named
            return start + inner.end(), candidate[inner.end():]
    if not words or words[0].lower().strip("’'") in _POST_WORDS:
        return start, None  # "Head of Service": a post, not a body
    return start, candidate


def expand(name: str) -> str:
    """Spell out committee abbreviations ("O&S" → "Overview and Scrutiny") before comparing."""
    for rx, full in _ABBREVIATIONS:
        name = rx.sub(full, name)
    return name


def unknown_body_iri(name: str, council_slug: str | None) -> str:
    """A council stands alone under kgid:body/; any other body sits under the document's council."""
    if is_authority_name(name) or not council_slug:
        return node("body", slug(expand(name)))
    return node("body", council_slug, slug(expand(name)))


def is_authority_name(name: str) -> bool:
    """"Wirral Council", "Vale of Glamorgan Council", "Bath and North East Somerset Council": a
    place, whose only small words are "and", "of", "upon", "the", then "Council". A name with any
    other small word ("Children in Care Council") is a local body named after what it does, so it
    sits under the document's council."""
    small = {w for w in name.split() if w.islower()}
    return name.endswith("Council") and small <= {"and", "of", "upon", "the"}
