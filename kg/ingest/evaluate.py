"""Precision, recall and F1 of the extractor against hand-annotated gold files.

Matching per kind (gold files use the `kg extract --json` shape):
- people: normalised name (or post, for a post without a name) plus kind, as a set;
- bodies: IRI, as a set, each side first mapped through kg:instanceOf from the curated data
  (B&NES's own LSCB counts as "Local Safeguarding Children Boards" and the other way round: with
  curated data the gazetteer links the local instance, without it the national institution, and
  both name the same thing the annotator marked); legislation: IRI, as a set (a citation with no
  IRI by its Act title);
- decisions and questions: span overlap of at least 50% of the longer span, one-to-one;
- amounts: value, as a multiset.
Overall is micro-averaged over the six kinds.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.ingest.extract import extract
from kg.ingest.extract_json import to_json
from kg.ingest.gazetteer import Gazetteer
from kg.ingest.reader import DOCUMENT_SUFFIXES, read_document
from kg.ingest.textutil import norm_key

KINDS = ("people", "bodies", "legislation", "decisions", "questions", "amounts")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.misses += other.misses


def _set_score(gold: Iterable[str], found: Iterable[str]) -> Score:
    g, f = set(gold), set(found)
    return Score(len(g & f), len(f - g), len(g - f), [f"missed {x}" for x in sorted(g - f)] + [f"extra {x}" for x in sorted(f - g)])


def _multiset_score(gold: Iterable[str], found: Iterable[str]) -> Score:
    g, f = Counter(gold), Counter(found)
    tp = sum((g & f).values())
    return Score(tp, sum(f.values()) - tp, sum(g.values()) - tp,
                 [f"missed {x}" for x in sorted((g - f).elements())] + [f"extra {x}" for x in sorted((f - g).elements())])


def _span_score(gold: list[dict[str, Any]], found: list[dict[str, Any]]) -> Score:
    used: set[int] = set()
    tp = 0
    misses = []
    for item in gold:
        gs, ge = item["span"]
        match = next((i for i, f in enumerate(found) if i not in used and _overlap(gs, ge, *f["span"]) >= 0.5), None)
        if match is None:
            misses.append(f"missed {item['text'][:60]!r}")
        else:
            used.add(match)
            tp += 1
    extra = [f"extra {f['text'][:60]!r}" for i, f in enumerate(found) if i not in used]
    return Score(tp, len(found) - tp, len(gold) - tp, misses + extra)


def _overlap(a: int, b: int, c: int, d: int) -> float:
    shared = max(0, min(b, d) - max(a, c))
    longest = max(b - a, d - c)
    return shared / longest if longest else 0.0


def _person_key(p: dict[str, Any]) -> str:
    return f"{norm_key(p['name'] or 'post ' + (p['role'] or ''))}|{p['kind']}"


Items = list[dict[str, Any]]
SCORERS: dict[str, Callable[[Items, Items, Mapping[str, str]], Score]] = {
    "people": lambda g, f, _: _set_score(map(_person_key, g), map(_person_key, f)),
    "bodies": lambda g, f, inst: _set_score((inst.get(x["iri"], x["iri"]) for x in g),
                                            (inst.get(x["iri"], x["iri"]) for x in f)),
    "legislation": lambda g, f, _: _set_score((x["iri"] or x["act"] for x in g), (x["iri"] or x["act"] for x in f)),
    "decisions": lambda g, f, _: _span_score(g, f),
    "questions": lambda g, f, _: _span_score(g, f),
    "amounts": lambda g, f, _: _multiset_score((str(x["value"]) for x in g), (str(x["value"]) for x in f)),
}


def score_document(gold: dict[str, Any], found: dict[str, Any],
                   instance_of: Mapping[str, str] | None = None) -> dict[str, Score]:
    """Scores per kind; `instance_of` maps a local body IRI to its national institution."""
    inst = instance_of or {}
    return {kind: SCORERS[kind](gold.get(kind, []), found.get(kind, []), inst) for kind in KINDS}


def find_document(docs_dir: Path, doc_id: str) -> Path:
    for suffix in DOCUMENT_SUFFIXES:
        candidate = docs_dir / f"{doc_id}{suffix}"
        if candidate.is_file():
            return candidate
    raise KgError(f"no document {doc_id}.txt/.html for this gold file in {docs_dir}", str(docs_dir))


def evaluate(gold_dir: Path, docs_dir: Path, gazetteer: Gazetteer) -> tuple[dict[str, Score], dict[str, dict[str, Score]]]:
    """Totals per kind (plus "overall") and the per-document scores."""
    totals = {kind: Score() for kind in (*KINDS, "overall")}
    per_doc: dict[str, dict[str, Score]] = {}
    gold_files = sorted(gold_dir.glob("*.json"))
    if not gold_files:
        raise KgError("no gold files (*.json) here", str(gold_dir))
    for gold_path in gold_files:
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KgError(f"gold file is not valid JSON: {exc}", str(gold_path)) from exc
        source = read_document(find_document(docs_dir, gold_path.stem))
        scores = score_document(gold, to_json(extract(source, gazetteer)), gazetteer.instance_of)
        per_doc[gold_path.stem] = scores
        for kind, score in scores.items():
            totals[kind].add(score)
            totals["overall"].add(score)
    return totals, per_doc
