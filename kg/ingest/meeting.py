"""The document, its meeting and agenda items: the sidecar first, then what the text says.

Recognised in the text: ModernGov issue pages ("Meeting: 13/10/2020 - Cabinet (Item 321)"),
report cover sheets ("Date of Meeting: 4th July 2017", a council line, a committee line,
"Subject/Title:"), and ModernGov meeting pages that list several items (a line holding only
an item number, "6.", followed by the item title and later "Minutes:"): one AgendaItem each.
"""

from __future__ import annotations

import re

from kg.ingest.dates import parse_date
from kg.ingest.model import AgendaItem, DocInfo, Span, SourceText

_MEETING_LINE = re.compile(
    r"(?m)^Meeting:[^\S\n]*(?P<date>\d{1,2}/\d{1,2}/\d{4})[^\S\n]*[-–][^\S\n]*(?P<committee>[^\n(]+?)"
    r"(?:[^\S\n]*\(Item[^\S\n]+(?P<item>[\w.]+)\))?[^\S\n]*$")
_DATE_LINE = re.compile(r"(?m)^(?:Date of [Mm]eeting|Meeting [Dd]ate|Date):[^\S\n]*(?P<date>[^\n]+?)[^\S\n]*$")
_TITLE_LINE = re.compile(r"(?m)^(?:Subject/Title|Subject|Title|Report [Tt]itle):[^\S\n]*(?P<title>[^\n]+?)[^\S\n]*$")
_COUNCIL_LINE = re.compile(
    r"(?m)^(?P<name>(?:[A-Z][\w’'&-]*[^\S\n]+){1,5}(?:County |City |Borough |District )?Council"
    r"|London Borough of [A-Z][\w’'&-]*(?:[^\S\n]+(?:and[^\S\n]+)?[A-Z][\w’'&-]*)*"
    r"|Royal Borough of [A-Z][\w’'&-]*(?:[^\S\n]+(?:and[^\S\n]+)?[A-Z][\w’'&-]*)*)[^\S\n]*$")
_COMMITTEE_LINE = re.compile(
    r"(?m)^(?P<name>(?:[A-Z][\w’'&-]*[^\S\n]+(?:(?:and|of|for|&)[^\S\n]+)?){0,8}(?:Committee|Panel|Board|Cabinet|Sub-Committee|Commission))[^\S\n]*$")
_AGENDA_TITLE_AFTER = re.compile(r"(?m)^(?:Agenda item|Issue - meetings)[^\S\n]*\n\s*(?P<title>[^\n]+?)[^\S\n]*$")
_PDF_ICON = re.compile(r"[^\S\n]+pdf icon[^\S\n]+PDF[^\S\n]+[\d.]+[^\S\n]*[KM]B$", re.I)
_ITEM_NUMBER = re.compile(r"(?m)^[^\S\n]*(?P<num>\d{1,3}[a-z]?)\.[^\S\n]*\n\s*\n?[^\S\n]*(?P<title>[A-Z][^\n]{2,200}?)[^\S\n]*$")


def document_info(source: SourceText) -> DocInfo:
    """Sidecar values win; the text fills the gaps; spans record where the text said it."""
    text, meta = source.text, source.meta
    meeting = _MEETING_LINE.search(text)
    date_line = _DATE_LINE.search(text)
    council_line = _COUNCIL_LINE.search(text[:2000])
    committee_line = _COMMITTEE_LINE.search(text[:2000])
    title_line = _TITLE_LINE.search(text) or _AGENDA_TITLE_AFTER.search(text)
    date = parse_date(meta.meeting_date)
    date_span = None
    if meeting and parse_date(meeting["date"]):
        date = date or parse_date(meeting["date"])
        date_span = Span(meeting.start("date"), meeting.end("date"))
    elif date_line and parse_date(date_line["date"]):
        date = date or parse_date(date_line["date"])
        date_span = Span(date_line.start("date"), date_line.end("date"))
    committee = meta.committee or (meeting["committee"].strip() if meeting else None) or (
        committee_line["name"].strip() if committee_line else None)
    council = meta.council or (council_line["name"].strip() if council_line else None)
    title = meta.title or (title_line.group("title") if title_line else None)
    return DocInfo(
        council=council, committee=committee, meeting_date=date, title=title,
        source_url=meta.source_url,
        title_span=_find(text, title, title_line, "title"),
        council_span=_find(text, council, council_line, "name"),
        committee_span=_find(text, committee, meeting or committee_line, "committee" if meeting else "name"),
        date_span=date_span,
    )


def _find(text: str, value: str | None, match: re.Match[str] | None, group: str) -> Span | None:
    if match is not None and value and match.group(group) and match.group(group).strip() == value:
        return Span(match.start(group), match.start(group) + len(value))
    if value:
        at = text.find(value)
        if at >= 0:
            return Span(at, at + len(value))
    return None


def agenda_items(source: SourceText, info: DocInfo) -> list[AgendaItem]:
    """Several numbered items on a meeting page, else the one item the document is."""
    text = source.text
    listed = [m for m in _ITEM_NUMBER.finditer(text) if _has_minutes_after(text, m.end())]
    if len(listed) >= 2:
        items = []
        for i, m in enumerate(listed):
            end = listed[i + 1].start() if i + 1 < len(listed) else len(text)
            title = _PDF_ICON.sub("", m["title"]).strip()
            items.append(AgendaItem(m["num"], title, Span(m.start("num"), _rstrip(text, end))))
        return items
    meeting = _MEETING_LINE.search(text)
    number = source.meta.item_number or (meeting["item"] if meeting and meeting["item"] else None)
    whole = Span(0, len(text))
    if number is None and info.title is None:
        return []
    return [AgendaItem(number, info.title, whole)]


def _has_minutes_after(text: str, pos: int) -> bool:
    """A listed item has its own "Minutes:" (or decision) before the next numbered line."""
    window = text[pos:pos + 4000]
    nxt = _ITEM_NUMBER.search(window)
    window = window[:nxt.start()] if nxt else window
    return bool(re.search(r"(?m)^\s*(?:Minutes|Decision|Decisions)\s*:", window))


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in " \n\t\u00a0":
        end -= 1
    return end

