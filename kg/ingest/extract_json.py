"""The JSON contract of `kg extract --json`: seven required keys, extras allowed.

{"document": {"council", "committee", "meeting_date", "title"},
 "people": [{"name", "role", "kind", "span"}], "bodies": [{"name", "iri", "span"}],
 "legislation": [{"act", "section", "iri", "span"}], "decisions": [{"text", "span"}],
 "questions": [{"asker", "answerer", "text", "span"}],
 "amounts": [{"text", "value", "currency", "purpose", "span"}]}
Extra keys: doc_id, source_url, agenda_items, statements, figures, dates. Values are plain
JSON (a money value is a number: an int when whole, else a float built from the decimal text).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kg.ingest.model import Extraction

REQUIRED_KEYS = ("document", "people", "bodies", "legislation", "decisions", "questions", "amounts")


def to_json(ex: Extraction) -> dict[str, Any]:
    """The contract object for one extraction."""
    doc = ex.document

    def who(key: str | None) -> str | None:
        person = ex.person(key)
        return (person.name or person.role) if person else None

    return {
        "document": {"council": doc.council, "committee": doc.committee,
                     "meeting_date": doc.meeting_date, "title": doc.title},
        "people": [{"name": p.name, "role": p.role, "kind": p.kind, "span": p.span.as_list()} for p in ex.people],
        "bodies": [{"name": b.name, "iri": b.iri, "span": b.span.as_list()} for b in ex.bodies],
        "legislation": [{"act": c.act, "section": c.section, "iri": c.iri, "span": c.span.as_list()}
                        for c in ex.legislation],
        "decisions": [{"text": d.text, "span": d.span.as_list(), "type": d.decision_type,
                       "about": list(d.about)} for d in ex.decisions],
        "questions": [{"asker": who(q.asker), "answerer": who(q.answerer), "text": q.text,
                       "span": q.span.as_list(), "answer": q.answer_text,
                       "answer_span": q.answer_span.as_list() if q.answer_span else None,
                       "about": list(q.about)} for q in ex.questions],
        "amounts": [{"text": a.text, "value": json_number(a.value), "currency": a.currency,
                     "purpose": a.purpose, "span": a.span.as_list()} for a in ex.amounts],
        "doc_id": ex.source.doc_id,
        "source_url": doc.source_url,
        "agenda_items": [{"number": i.number, "title": i.title, "span": i.span.as_list()} for i in ex.items],
        "statements": [{"speaker": who(s.speaker), "text": s.text, "span": s.span.as_list()} for s in ex.statements],
        "figures": [{"text": f.text, "value": json_number(f.value), "measures": f.measures,
                     "span": f.span.as_list()} for f in ex.figures],
        "dates": [{"text": d.text, "date": d.iso, "span": d.span.as_list()} for d in ex.dates],
    }


def json_number(value: str) -> int | float:
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else float(number)
