"""Consistency alerts: things the graph says that cannot all be true, each with its evidence.

Why named queries: every alert kind is a file `queries/alerts-*.rq` in the catalogue, so an
analyst can run one with `kg query alerts-... -p council=...` and get the same rows `kg alerts`
reports. This module only runs them, turns rows into `Alert` records and adds the sentence a
span sits in (the queries give the span and its offsets; cutting a sentence out of `kg:text`
is easier and clearer in Python than in SPARQL).

Every alert query projects the same columns (`ALERT_COLUMNS`): the kind, the council
(`authority`), the node the alert is about, the evidence (a surface form, span text or the
rule), the span and its offsets, the provision, the date, the source document and a message.
Extra columns (the other figure of a contradicting pair) are kept in `Alert.extra`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError
from kg.queries import NamedQuery, catalogue, find_entity, rows, run
from kg.store import KgStore

ALERT_PREFIX = "alerts-"
ALERT_COLUMNS = ("alert_kind", "authority", "subject", "evidence", "span", "start", "end",
                 "provision", "date", "source", "message")
_SENTENCE_STOP = re.compile(r"[.!?;\n•·]")
_MAX_SENTENCE = 400


@dataclass(frozen=True)
class Alert:
    """One inconsistency and what shows it."""

    kind: str
    query: str
    council: str | None
    subject: str | None
    message: str
    evidence: str | None = None
    sentence: str | None = None
    span: str | None = None
    provision: str | None = None
    date: str | None = None
    source: str | None = None
    extra: dict[str, str | None] = field(default_factory=dict)

    def sort_key(self) -> tuple[str, str, str, str, str, str]:
        return (self.kind, self.council or "", self.date or "", self.source or "", self.span or "",
                self.subject or "")

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "query": self.query, "council": self.council, "subject": self.subject,
                "message": self.message, "evidence": self.evidence, "sentence": self.sentence,
                "span": self.span, "provision": self.provision, "date": self.date, "source": self.source,
                **({"extra": self.extra} if self.extra else {})}


def alert_queries() -> list[NamedQuery]:
    """The catalogue's alert queries, by name."""
    return [q for name, q in sorted(catalogue().items()) if name.startswith(ALERT_PREFIX)]


def run_alerts(store: KgStore, council: str | None = None) -> list[Alert]:
    """Every alert (for one council when given: a name, alias or IRI), sorted by kind and place."""
    values: dict[str, str] = {}
    if council:
        values["council"] = find_entity(store, council).value
    found: list[Alert] = []
    texts: dict[str, str | None] = {}
    for query in alert_queries():
        result = run(store, query, values)
        if not isinstance(result, ox.QuerySolutions):
            raise KgError(f"alert query {query.name} must be a SELECT", where=str(query.path))
        columns, plain = rows(result)
        missing = [c for c in ALERT_COLUMNS if c not in columns]
        if missing:
            raise KgError(f"alert query {query.name} does not project {', '.join(missing)}", where=str(query.path))
        for row in plain:
            found.append(_alert(store, query.name, row, texts))
    unique = {json.dumps(a.to_json(), sort_keys=True): a for a in found}  # union graphs can repeat a row
    return sorted(unique.values(), key=Alert.sort_key)


def _alert(store: KgStore, query: str, row: dict[str, str | None], texts: dict[str, str | None]) -> Alert:
    sentence = None
    if row.get("source") and row.get("start") and row.get("end"):
        text = _document_text(store, row["source"], texts)  # type: ignore[arg-type]
        if text is not None:
            sentence = sentence_around(text, int(row["start"]), int(row["end"]))  # type: ignore[arg-type]
    extra = {k: v for k, v in row.items() if k not in ALERT_COLUMNS}
    return Alert(kind=row["alert_kind"] or query, query=query, council=row["authority"], subject=row["subject"],
                 message=row["message"] or "", evidence=row["evidence"], sentence=sentence, span=row["span"],
                 provision=row["provision"], date=row["date"], source=row["source"], extra=extra)


_TEXT = "SELECT ?text WHERE { ?doc kg:text ?text } LIMIT 1"


def _document_text(store: KgStore, doc: str, cache: dict[str, str | None]) -> str | None:
    if doc not in cache:
        result = store.query(_TEXT.replace("?doc", f"<{ox.NamedNode(doc).value}>"))
        texts = [s["text"].value for s in result]  # type: ignore[union-attr]
        cache[doc] = texts[0] if texts else None
    return cache[doc]


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or bullet or line) holding text[start:end], trimmed; offsets in code points."""
    if not 0 <= start <= end <= len(text):
        return text[start:end]
    before = [m.end() for m in _SENTENCE_STOP.finditer(text, max(0, start - _MAX_SENTENCE), start)]
    left = before[-1] if before else max(0, start - _MAX_SENTENCE)
    after = _SENTENCE_STOP.search(text, end, min(len(text), end + _MAX_SENTENCE))
    right = after.end() if after and after.group() in ".!?" else after.start() if after else min(len(text), end + _MAX_SENTENCE)
    return " ".join(text[left:right].split())


def summary(alerts: list[Alert]) -> dict[str, int]:
    """Number of alerts per kind."""
    counts: dict[str, int] = {}
    for alert in alerts:
        counts[alert.kind] = counts.get(alert.kind, 0) + 1
    return counts
