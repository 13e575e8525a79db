"""Money and figures: "£7,292 of new burdens funding", "£1.2m", "94 care leavers were contacted".

Money is kept as a decimal string (never a float) in GBP; "m"/"million" and "k" scale it. The
purpose is the words after "of" or "for" up to a clause boundary. A figure is a bare number
followed by what it counts, a plural noun phrase ("14 social workers", "24 new foster carers",
"20 of the cases") or, after "of that figure", a verb phrase ("26 have taken up engagement").
Years, dates, times, ages, phone numbers, item/paragraph/section numbers and money are not figures,
nor is the base of a rate: in "248 per 10,000 children" 10,000 is a denominator, not a count.
"""

from __future__ import annotations

import re
from decimal import Decimal

from kg.ingest.model import Amount, Figure, Span

_MONEY = re.compile(r"£[^\S\n]?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?:[^\S\n]?(?P<scale>million|billion|bn|m|k)\b)?", re.I)
_SCALES = {"k": Decimal(1000), "m": Decimal(1_000_000), "million": Decimal(1_000_000),
           "bn": Decimal(1_000_000_000), "billion": Decimal(1_000_000_000)}
_STOP_WORDS = r"(?:for|to|which|that|who|in|on|at|by|from|was|were|is|are|has|have|had|will|would|and|but|with|as|per|over|this|it)"
_PURPOSE_OF = re.compile(rf"^[^\S\n]+(?:of|in)[^\S\n]+(?P<p>(?:(?!{_STOP_WORDS}\b)[\w’'-]+[^\S\n]*){{1,6}})")
_PURPOSE_FOR = re.compile(rf"^(?:[^\S\n]+of[^\S\n]+[\w’' -]+?)?[^\S\n]+(?:for|towards|to fund|to support)[^\S\n]+(?P<p>(?:(?!(?:which|that|who|was|were|is|are|has|have|had|will|would|but|and)\b)[\w’'-]+[^\S\n]*){{1,8}})")
_NUMBER = re.compile(r"(?<![\w£$.,/:-])(?P<num>[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d{0,4})(?![\w.,/:%-]\w|[\w%/-])")
_BLOCK_BEFORE = re.compile(
    r"(?i)(?<![\w])(?:until|up to|item|paragraphs?|para|sections?|s\.|page|pages|minute|no\.|regulation|part|clause|rule|"
    r"appendix|aged?|age of|under|over|between|and|to|from|at|stood at|within|ward|room|level|key stage|"
    r"pdf|tel\.?(?: no\.?)?|number|top|around|about|least|more than|per|every|each)[^\S\n]*$")
_UNITS = re.compile(r"(?i)^[^\S\n]*(?:years?|months?|weeks?|days?|hours?|minutes?|mb|kb|am|pm|%|per cent|percent|st|nd|rd|th|year-olds?|-)\b")
_COUNTED = re.compile(r"^[^\S\n]+(?P<np>(?:new[^\S\n]+|more[^\S\n]+|additional[^\S\n]+|of[^\S\n]+the[^\S\n]+)?(?:[a-z][\w’'-]*[^\S\n]+){0,3}?(?:[a-z][\w’'-]*s|children|people|staff))\b")
_NOT_PLURAL = {"was", "has", "is", "as", "does", "this", "thus", "plus", "us", "its", "his", "less", "across"}
_VERB_PHRASE = re.compile(r"^[^\S\n]+(?P<vp>(?:have|has|had|were|was)[^\S\n]+(?:[a-z][\w’'-]*[^\S\n]*){1,4})")


def find_amounts(text: str) -> list[Amount]:
    """Every sum of money, in document order."""
    found = []
    for m in _MONEY.finditer(text):
        value = Decimal(m["num"].replace(",", "") + (m["frac"] or ""))
        if m["scale"]:
            value *= _SCALES[m["scale"].lower()]
        after = text[m.end():m.end() + 160].split("\n", 1)[0]
        before = text[max(0, m.start() - 80):m.start()].rsplit("\n", 1)[-1]
        found.append(Amount(m.group(0), _decimal_str(value), "GBP", _purpose(after, before), Span(m.start(), m.end())))
    return found


_MONEY_NOUNS = (r"(?:budget|funding|grant|overspend|underspend|savings?|spend|spending|costs?|allocation"
                r"|deficit|investment|contract|fees?|income|pressures?|reserves?|uplift|bid)")
_PURPOSE_NOUN = re.compile(rf"^[^\S\n]+(?P<p>(?:[a-z][\w-]*[^\S\n]+){{0,2}}{_MONEY_NOUNS})\b")
_MODIFIER = (r"(?:(?!(?:include|includes|the|a|an|of|and|with|in|on|to|for|by|was|were|is|are)\b|[a-z]*(?:ed|ing)\b)"
             r"[a-z][\w-]*[^\S\n]+)")
_PURPOSE_BEFORE = re.compile(rf"(?<![\w-])(?P<p>{_MODIFIER}{{0,2}}{_MONEY_NOUNS})[^\S\n]+(?:of|totalling|amounting to)"
                             rf"[^\S\n]+(?:about|around|approximately|some|nearly|almost|over|up to)?[^\S\n]*$")


def _purpose(after: str, before: str = "") -> str | None:
    """Words after the sum ("of new burdens funding", "for this work", "revenue budget") or
    before it ("vacancy savings of about £1m")."""
    for rx in (_PURPOSE_OF, _PURPOSE_FOR):
        m = rx.match(after)
        if m:
            words = m["p"].strip(" ,.;:")
            if words and not re.fullmatch(r"(?:the|this|a|an|these|those)", words):
                return words
    found = _PURPOSE_BEFORE.search(before)
    if found:
        return found["p"].strip()
    m = _PURPOSE_NOUN.match(after)
    return m["p"].strip() if m else None


def _decimal_str(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def find_figures(text: str, excluded: list[Span]) -> list[Figure]:
    """Counts with what they count; numbers inside `excluded` spans (dates, money) are skipped."""
    found = []
    for m in _NUMBER.finditer(text):
        span = Span(m.start(), m.end())
        if any(e.overlap(span) for e in excluded):
            continue
        before = text[max(0, m.start() - 24):m.start()]
        after = text[m.end():m.end() + 80].split("\n", 1)[0]
        if _BLOCK_BEFORE.search(before) or _UNITS.match(after) or re.match(r"(?:19|20)\d\d$", m["num"]):
            continue
        counted = _COUNTED.match(after)
        if counted and counted["np"].split()[-1] in _NOT_PLURAL:
            counted = None
        if counted:
            measures = re.sub(r"^(?:of the|new|more|additional)\s+", "", counted["np"]).strip()
            end = m.end() + counted.end()
        elif re.search(r"(?i)\bof that figure\b|\bof them\b|\bof whom\b", before + text[max(0, m.start() - 40):m.start()]):
            vp = _VERB_PHRASE.match(after)
            if not vp:
                continue
            measures, end = vp["vp"].strip(" ,.;"), m.end() + vp.end()
        else:
            continue
        value = m["num"].replace(",", "")
        found.append(Figure(" ".join(text[m.start():end].split()), value, measures, Span(m.start(), end)))
    return found
