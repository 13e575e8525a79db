"""People and posts named in minutes: councillors, officers, co-opted members, others.

Found by shape, not by list: a councillor title ("Councillor", "Cllr", "County Councillor")
before a name; "Name, Post" ("Nigel Moorhouse, Director of Children's Social Care"); a post
alone before a verb of speech ("The Corporate Director replied"); an untitled name before a verb
of speech ("Chris Batten commented"); "Report of:", "Portfolio Holder:", "Name:/Designation:".

Kind: councillor (title, or a political post such as Chair or Cabinet Member), officer (a
staff post, or an untitled person who presents, replies or answers), co-opted (an untitled
person who asks or comments at the meeting), external (Professor, Dr, Secretary of State),
unknown otherwise. Mentions of one person are merged: "Councillor Ginn" is "Councillor Marcus
Ginn" when exactly one known councillor has that surname; "Cawley- Harrison" is "Cawley-Harrison".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.ingest.model import Person, Span
from kg.ingest.textutil import SpanIndex, norm_key

_H = r"[^\S\n]"  # horizontal whitespace: a name or post never crosses a line
# "Hardman", "O'Brien", "McDonald", "De’Ath", "Cawley-Harrison" (or "Cawley- Harrison"), an initial
NAME = (rf"(?:[A-Z](?:['’][A-Z][a-z]+|[a-z]+(?:[A-Z][a-z]+)?(?:['’][A-Z]?[a-z]+)?"
        rf"(?:-{_H}?[A-Z][a-z]+(?:[A-Z][a-z]+)?)*|\.|(?={_H})))")
_NAMES = rf"{NAME}(?:{_H}{NAME}){{0,3}}"
POST_HEAD = (r"(?:Director|Head|Manager|Officer|Executive|Chair|Chairman|Chairperson|Vice-Chair"
             r"|Vice-Chairman|Member|Holder|Leader|Adviser|Advisor|Solicitor|Commissioner|Lead"
             r"|Coordinator|Co-ordinator|Clerk|Mayor|Secretary of State|Minister|Principal|Worker"
             r"|Practitioner|Nurse|Accountant|Partner)")
_CAP = r"[A-Z][\w’'&/-]*"
# a post: up to four capitalised words, a head noun, then "of/for X" or "– X" ("Executive Director
# – Children, Families and Education"); the longest head wins ("Executive Director", not "Executive";
# "Principal Social Worker", not "Principal": a second head up to two words on is part of the title)
POST = (rf"(?:{_CAP}{_H}+){{0,4}}?{POST_HEAD}(?:{_H}+(?:{_CAP}{_H}+){{0,2}}{POST_HEAD})?(?:,?{_H}+\({_CAP}(?:{_H}+(?:and{_H}+)?{_CAP})*\))?"
        rf"(?:(?:{_H}+(?:of|for){_H}+(?:the{_H}+)?|{_H}+[–—]{_H}+){_CAP}"
        rf"(?:(?:{_H}*,?{_H}+(?:and|&|of|the|for|in){_H}+|{_H}*,{_H}*|{_H}+){_CAP})*)?")
SPEECH = (r"asked|said|says|replied|responded|commented|noted|added|stated|explained|confirmed"
          r"|advised|reported|informed|highlighted|presented|introduced|thanked|agreed|acknowledged"
          r"|assured|welcomed|suggested|queried|questioned|requested|raised|emphasised|emphasized"
          r"|expressed|outlined|referred|remarked|felt|thought|gave|joins|joined|updated|reminded"
          r"|proposed|moved|seconded|declared|indicated|observed|clarified|answered"
          r"|summarised|summarized|believed|undertook|attended|sought|recommended")
_OFFICER_VERBS = {"presented", "introduced", "replied", "responded", "explained", "confirmed",
                  "advised", "updated", "assured", "joins", "joined", "acknowledged", "answered",
                  "reported", "clarified", "undertook", "outlined"}
_ASKER_VERBS = {"asked", "queried", "questioned", "commented", "raised", "requested", "suggested",
                "thought", "felt", "welcomed", "expressed", "remarked"}
_COUNCILLOR_POSTS = re.compile(r"\b(?:Chair|Chairman|Chairperson|Vice-Chair|Vice-Chairman|Mayor|Leader"
                               r"|Cabinet Member|Portfolio Holder|Lead Member)\b")
_EXTERNAL_POSTS = re.compile(r"\b(?:Secretary of State|Minister)\b")
_NOT_NAME = re.compile(
    r"\b(?:Council|Councils|Services?|Board|Boards|Committee|Panel|Cabinet|Government|England|Act|Bill"
    r"|Agency|Department|Team|Partnership|Trust|Hub|School|Schools|Children|Families|Family|Care|Report"
    r"|Minutes|The|This|That|These|Those|Members?|Officers?|Local|National|Social|Corporate"
    r"|Director|Head|Chair|Item)\b")
# common nouns that are also surnames ("Carol Foster", "Councillor West"): after a title they are
# always part of the name; untitled, only as the last word after a first name ("Linda Foster
# replied"), since "Foster Carers said" or "South West Councils" open with them
_SURNAME_NOUNS = frozenset({"Foster", "North", "South", "East", "West", "Young"})
_NOT_NAME_UNTITLED = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Leeds|London|Ofsted)\b")
_COUNCILLOR = re.compile(
    rf"\b(?P<title>(?:(?:County|Borough|City|District|Parish|Town)\s+)?(?:Councillors?|Cllrs?)\.?)\s+"
    rf"(?P<names>{_NAMES}(?:(?:\s*,\s*|\s+and\s+){_NAMES})*)")
_HONORIFIC = re.compile(rf"\b(?P<title>Mr|Mrs|Ms|Miss|Dr|Professor|Prof|Sir|Dame)\.?\s+(?P<name>{_NAMES})")
_NAME_POST = re.compile(rf"(?<![\w’'])(?P<name>{NAME}(?:{_H}{NAME}){{1,3}}),\s+(?:the\s+)?(?P<post>{POST})")
_NAME_PAREN_POST = re.compile(rf"(?<![\w’'])(?P<name>{NAME}(?:{_H}{NAME}){{1,3}}){_H}*\((?P<post>{POST})\)")
_POST_ALONE = re.compile(rf"\b(?:[Tt]he|[Oo]ur)\s+(?P<post>{POST})\s+(?:(?:also|then|further|had|has|have|was)\s+)?(?P<verb>{SPEECH})\b")
_LINE_POST = re.compile(rf"(?m)^(?P<post>{POST})\s+(?:will|would|gave|presented|introduced)\b")
_REPORT_OF = re.compile(rf"\b[Rr]eport of(?::|\s+the)\s+(?:(?P<name>{NAME}(?:{_H}{NAME}){{1,3}}),\s+)?(?P<post>{POST})")
_POST_COLON = re.compile(rf"(?m)^(?P<post>{POST}):\s+(?:(?:Councillor|Cllr)\.?\s+)?(?P<name>{NAME}(?:{_H}{NAME}){{1,3}})\s*$")
_CONTACT = re.compile(rf"(?m)^Name:\s*(?P<name>{NAME}(?:{_H}{NAME}){{1,3}})\s*\n(?:Designation|Job [Tt]itle|Title|Post):\s*(?P<post>[^\n]+?)\s*$")
_CONTACT_LINE = re.compile(rf"(?m)^Contact(?: [Oo]fficers?)?:{_H}*(?P<names>{NAME}{_H}{NAME}(?:{_H}{NAME})?(?:(?:{_H}+(?:or|and){_H}+|,{_H}*){NAME}{_H}{NAME}(?:{_H}{NAME})?)*)")
_UNTITLED = re.compile(rf"(?<![\w’'.-])(?P<name>{NAME}(?:{_H}{NAME}){{1,2}}),?\s+(?P<verb>{SPEECH})\b")


@dataclass
class _Mention:
    name: str | None
    role: str | None
    kind: str
    span: Span
    honorific: str | None = None
    verbs: tuple[str, ...] = ()


def find_people(text: str) -> list[Person]:
    """Every person or post, once each, in order of first mention."""
    mentions: list[_Mention] = []
    taken = SpanIndex()

    def add(m: _Mention) -> None:
        if taken.overlaps(m.span):
            return
        taken.add(m.span)
        mentions.append(m)

    for m in _CONTACT.finditer(text):
        add(_Mention(m["name"], m["post"].strip(), kind_of_post(m["post"]), Span(m.start("name"), m.end("name"))))
    for m in _CONTACT_LINE.finditer(text):  # ModernGov "Contact: A Person or B Person": clerks, officers
        pos = m.start("names")
        for part in re.split(rf"{_H}+(?:or|and){_H}+|,{_H}*", m["names"]):
            start = text.index(part, pos)
            pos = start + len(part)
            name = clean_name(part)
            if name and " " in name:
                add(_Mention(name, None, "officer", Span(start, start + len(name))))
    for m in _POST_COLON.finditer(text):
        honorific = "Councillor" if re.search(r"Councillor|Cllr", m.group(0)) else None
        kind = "councillor" if honorific else kind_of_post(m["post"])
        add(_Mention(clean_name(m["name"], titled=bool(honorific)), m["post"], kind, Span(m.start(), m.end("name")), honorific))
    for m in _REPORT_OF.finditer(text):
        add(_Mention(clean_name(m["name"]) if m["name"] else None, clean_post(m["post"]),
                     kind_of_post(m["post"]), Span(m.start("name") if m["name"] else m.start("post"), m.end("post"))))
    for m in _COUNCILLOR.finditer(text):
        _add_councillors(text, m, add)
    for m in _NAME_POST.finditer(text):
        if not bad_name(m["name"]):
            add(_Mention(clean_name(m["name"]), clean_post(m["post"]), kind_of_post(m["post"]), Span(m.start(), m.end("post"))))
    for m in _NAME_PAREN_POST.finditer(text):  # "Dominic Farrelly (Lead Accountancy Manager) took the Panel through"
        if not bad_name(m["name"]):
            add(_Mention(clean_name(m["name"]), clean_post(m["post"]), kind_of_post(m["post"]), Span(m.start(), m.end())))
    for m in _HONORIFIC.finditer(text):
        name = clean_name(m["name"], titled=True)
        if name:
            kind = "external" if m["title"] in ("Dr", "Professor", "Prof") else "unknown"
            add(_Mention(name, None, kind, Span(m.start(), m.start("name") + len(name)), m["title"]))
    for rx in (_POST_ALONE, _LINE_POST):
        for m in rx.finditer(text):
            post = clean_post(m["post"])
            if post and not _NOT_A_POST.match(post):
                add(_Mention(None, post, kind_of_post(post), Span(m.start("post"), m.start("post") + len(post))))
    for m in _UNTITLED.finditer(text):
        name = m["name"]
        if not bad_name(name) and not _NOT_NAME_UNTITLED.search(name) and _starts_clause(text, m.start()):
            add(_Mention(clean_name(name), None, "unknown", Span(m.start(), m.end("name")), verbs=(m["verb"],)))
    _collect_verbs(text, mentions)
    return merge(sorted(mentions, key=lambda x: x.span))


_ROLE_AFTER = re.compile(rf",{_H}+(?:the{_H}+|who{_H}+(?:is|was){_H}+)?(?P<post>{POST})")
_NOT_A_POST = re.compile(r"(?:Committee|Panel|Board|Council|Cabinet|Members?)$")


def _starts_clause(text: str, start: int) -> bool:
    """An untitled name counts only as the subject of a clause: at a line/sentence start or after 'and'."""
    before = text[max(0, start - 6):start]
    return not before.strip() or bool(re.search(r"(?:[.;:]\s+|\band\s+|[·•‘“(]\s*)$", before)) or "\n" in before


def _add_councillors(text: str, m: re.Match[str], add: Callable[[_Mention], None]) -> None:
    plural = m["title"].rstrip(".").endswith("s") and not m["title"].startswith("Cllr ")
    parts = re.split(r"\s*,\s*|\s+and\s+", m["names"]) if plural or "," in m["names"] or " and " in m["names"] else [m["names"]]
    pos = m.start("names")
    for i, part in enumerate(parts):
        if i and not plural:
            break
        name = clean_name(part, titled=True)
        start = text.index(part, pos)
        pos = start + len(part)
        if not name:
            continue
        span = Span(m.start() if i == 0 else start, start + len(name))
        role = _ROLE_AFTER.match(text, start + len(name)) if i == 0 and not plural else None
        add(_Mention(name, clean_post(role["post"]) if role else None, "councillor", span, "Councillor"))


def bad_name(name: str) -> bool:
    """An untitled candidate that is not a name: it holds a word no name holds, or a noun that is
    also a surname anywhere but last after a first name ("Foster Carers", "South West")."""
    words = name.split()
    return bool(_NOT_NAME.search(name)) or any(
        w in _SURNAME_NOUNS and (i == 0 or i < len(words) - 1) for i, w in enumerate(words))


def clean_name(name: str | None, titled: bool = False) -> str | None:
    """Cut a name at the first word that cannot be part of a name ("Ashby Chair" → "Ashby").

    After a title (Councillor, Cllr, Mrs, Dr) the words are a name by position, so a noun that
    is also a surname stays ("Councillor Carol Foster", "Cllr West"); untitled, it stays only as
    the last word after a first name ("Linda Foster"), not in "Foster Carers".
    """
    if not name:
        return None
    kept: list[str] = []
    words = name.split()
    for i, word in enumerate(words):
        if _NOT_NAME.fullmatch(word) or word in ("The", "A", "An", "In", "On", "At", "It", "He", "She", "They"):
            break
        if not titled and word in _SURNAME_NOUNS and (not kept or i < len(words) - 1):
            break
        kept.append(word)
    result = re.sub(r"-\s+", "-", " ".join(kept)).rstrip(".")  # "Cawley- Harrison": a stray space
    return result or None


def clean_post(post: str) -> str:
    return re.sub(r"\s+", " ", post).strip(" ,")


def kind_of_post(post: str) -> str:
    if _EXTERNAL_POSTS.search(post):
        return "external"
    if _COUNCILLOR_POSTS.search(post) and not re.search(r"\b(?:Director|Head|Officer|Manager)\b", post):
        return "councillor"
    return "officer"


def _collect_verbs(text: str, mentions: list[_Mention]) -> None:
    """Record the verb after each mention; the verbs decide an untitled person's kind."""
    for m in mentions:
        after = re.match(rf",?\s+(?:(?:also|then|further)\s+)?({SPEECH})\b", text[m.span.end:m.span.end + 40])
        if after:
            m.verbs = m.verbs + (after.group(1),)


def merge(mentions: list[_Mention]) -> list[Person]:
    """One Person per individual: full names first, surnames and short posts attach to them."""
    people: dict[str, _Mention] = {}
    extra: dict[str, list[Span]] = {}
    order: list[str] = []
    full = [m for m in mentions if m.name and len(m.name.split()) > 1]
    holders = {norm_key(m.role): norm_key(m.name) for m in reversed(mentions) if m.name and m.role}
    for m in mentions:
        key = _key_for(m, full, people, holders)
        if key in people:
            old = people[key]
            old.name = old.name or m.name
            old.role = old.role or m.role
            old.honorific = old.honorific or m.honorific
            old.verbs = old.verbs + m.verbs
            if old.kind == "unknown":
                old.kind = m.kind
            extra[key].append(m.span)
        else:
            people[key] = m
            extra[key] = []
            order.append(key)
    result = []
    for key in order:
        m = people[key]
        kind = m.kind
        if kind == "unknown" and m.honorific is None and m.name:
            kind = "officer" if set(m.verbs) & _OFFICER_VERBS else "co-opted" if set(m.verbs) & _ASKER_VERBS else "unknown"
        result.append(Person(m.name, m.role, kind, m.span, m.honorific, tuple(extra[key])))
    return result


def _key_for(m: _Mention, full: list[_Mention], people: dict[str, _Mention], holders: dict[str, str]) -> str:
    if m.name:
        key = norm_key(m.name)
        if len(m.name.split()) == 1 or (m.honorific and len(m.name.split()) == 2 and len(m.name.split()[0]) == 1):
            last = norm_key(m.name.split()[-1])
            same = {norm_key(f.name or "") for f in full if norm_key(f.name or "").split()[-1] == last and f.kind == m.kind}
            if len(same) == 1:
                return same.pop()
        return key
    role = norm_key(m.role or "")
    if role in holders:
        return _surname_key(holders[role], full, m)
    longer = {k for k, p in people.items() if not p.name and k.startswith("post:" + role + " ")}
    if len(longer) == 1:
        return longer.pop()
    return "post:" + role


def _surname_key(key: str, full: list[_Mention], m: _Mention) -> str:
    """A holder known only by surname resolves like any other surname mention."""
    if len(key.split()) == 1:
        same = {norm_key(f.name or "") for f in full if norm_key(f.name or "").split()[-1] == key}
        if len(same) == 1:
            return same.pop()
    return key
