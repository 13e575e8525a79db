"""Dates written in minutes ("4th July 2017", "13/10/2020", "Wednesday, 1st July, 2020").

Slash dates are read the UK way (day/month/year). A date that does not exist is not a date.
"""

from __future__ import annotations

import datetime as dt
import re

from kg.ingest.model import DateMention, Span

MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[^\S\n]+)?"
_WORDY = re.compile(rf"\b{_WEEKDAY}{_DAY}[^\S\n]+{_MONTH},?[^\S\n]+(?P<year>(?:19|20)\d\d)\b")
_SLASH = re.compile(r"(?<![\d/])(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)(?![\d/])")


def find_dates(text: str) -> list[DateMention]:
    """Every valid date in document order."""
    found: list[DateMention] = []
    for rx in (_WORDY, _SLASH):
        for m in rx.finditer(text):
            iso = to_iso(m["day"], m["month"], m["year"])
            if iso:
                found.append(DateMention(m.group(0), iso, Span(m.start(), m.end())))
    return sorted(found, key=lambda d: d.span)


def to_iso(day: str, month: str, year: str) -> str | None:
    number = MONTHS.get(month.lower()) if not month.isdigit() else int(month)
    try:
        return dt.date(int(year), int(number or 0), int(day)).isoformat()
    except ValueError:
        return None


def parse_date(text: str | None) -> str | None:
    """A sidecar or heading date to ISO; ISO input passes through when valid."""
    if not text:
        return None
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    found = find_dates(text)
    return found[0].iso if found else None
