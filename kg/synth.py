"""`kg synth`: a deterministic corpus of realistic council minutes, with sidecars and the truth.

Why: benchmarks (issue 7, "Scale and speed") and alert tests need thousands of documents whose
facts are known. The corpus is generated, never shipped: `generate()` writes, for N councils
and Y years, about 20 agenda items per council per year (children's scrutiny, corporate
parenting and Cabinet), each as DIR/{council-slug}/{year}/{doc-id}.txt|.html with its
`.json` sidecar (the seeds' keys), and one DIR/truth.jsonl with the planted facts.

Deterministic by construction: every council, year and document has its own random.Random
seeded with a string built from --seed and its names (Python seeds str via SHA-512, so the
stream does not depend on PYTHONHASHSEED), there are no timestamps, and files are written in a
fixed order. Council k's documents are the same whatever --councils is. The regular corpus is
identical with or without --plant-inconsistencies, which only adds documents.
Streaming: one document is in memory at a time; truth.jsonl is appended as we go.

truth.jsonl, one JSON object per document, in the order written:
  doc_id, path (relative to DIR), format (agenda | issue | report | html),
  kind ("document", or "inconsistency" with an "inconsistency" object: rule, body, abolished,
  meeting_date), the six sidecar fields, and the planted facts:
  people [{name, role, kind}] (a post named without its holder has name null),
  questions [{asker, answerer, text}], decisions [{text, type: resolved | agreed | noted}],
  citations [{text, act, section, iri}] (one per mention; a whole Act has section null; a Bill's
  iri is kgid:bill/...), bodies [{name, iri}] (one per mention; national and statutory bodies,
  not the meeting's own council or committee), amounts [{text, value, currency, purpose}]
  (value a decimal string), figures [{value, measures}].
Hard cases are planted on purpose and recorded as the law or text means them, so they count
as misses until the extractor handles them: "17.4 Resolved – That ..." (numbered-paragraph
minutes), "section 11 audits" (Children Act 2004), s.100B of the Local Government Act 1972.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import synth_vocab as V
from kg.errors import KgError
from kg.iris import slug
from kg.synth_docs import Item, compose
from kg.synth_facts import Cast, Person, Plant
from kg.synth_phrases import title

MAX_YEARS = 30
_MEETINGS_PER_YEAR = {"scrutiny": 6, "parenting": 5, "executive": 10}
_SHARE = (("scrutiny", 45), ("parenting", 35), ("executive", 20))
_FORMATS = {"executive": (("issue", 50), ("html", 25), ("agenda", 25)),
            "scrutiny": (("agenda", 40), ("report", 20), ("html", 20), ("issue", 20)),
            "parenting": (("agenda", 40), ("report", 20), ("html", 20), ("issue", 20))}


@dataclass(frozen=True)
class SynthReport:
    out: Path
    councils: int
    years: tuple[int, ...]
    documents: int
    inconsistencies: int
    truth: Path


@dataclass(frozen=True)
class _Slot:
    """One document to write: a committee's meeting and the item's number."""

    kind: str
    committee: str
    date: dt.date
    number: str


def generate(out: Path, councils: int, years: int, seed: int, start_year: int = 2017,
             plant_inconsistencies: bool = False) -> SynthReport:
    """Write the corpus to `out` (absent or empty); a KgError for bad arguments or a used folder."""
    _check(out, councils, years, start_year)
    out.mkdir(parents=True, exist_ok=True)
    span = tuple(range(start_year, start_year + years))
    chosen = _inconsistent_years(seed, councils, span) if plant_inconsistencies else set()
    count = planted = 0
    truth_path = out / "truth.jsonl"
    with truth_path.open("w", encoding="utf-8", newline="\n") as truth:
        for index in range(councils):
            for year in span:
                folder = out / slug(V.COUNCILS[index][0]) / str(year)
                folder.mkdir(parents=True, exist_ok=True)
                for record in _council_year(seed, index, year, (index, year) in chosen):
                    text, sidecar, line = record
                    suffix = ".html" if line["format"] == "html" else ".txt"
                    (folder / f"{line['doc_id']}{suffix}").write_text(text, encoding="utf-8", newline="\n")
                    (folder / f"{line['doc_id']}.json").write_text(sidecar, encoding="utf-8", newline="\n")
                    line["path"] = f"{folder.relative_to(out).as_posix()}/{line['doc_id']}{suffix}"
                    truth.write(json.dumps(line, ensure_ascii=False) + "\n")
                    count += 1
                    planted += line["kind"] == "inconsistency"
    return SynthReport(out, councils, span, count, planted, truth_path)


def _check(out: Path, councils: int, years: int, start_year: int) -> None:
    if not 1 <= councils <= len(V.COUNCILS):
        raise KgError(f"--councils must be between 1 and {len(V.COUNCILS)} (there are {len(V.COUNCILS)} "
                      f"children's services authorities in England), not {councils}")
    if not 1 <= years <= MAX_YEARS:
        raise KgError(f"--years must be between 1 and {MAX_YEARS}, not {years}")
    if not 2000 <= start_year <= 2035 - years + 1:
        raise KgError(f"--start-year must be between 2000 and {2035 - years + 1}, not {start_year}")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise KgError("output folder exists and is not empty; give a new or empty folder", str(out))


def _inconsistent_years(seed: int, councils: int, span: tuple[int, ...]) -> set[tuple[int, int]]:
    """About one council-year in ten after the LSCB's abolition gets a planted inconsistency."""
    eligible = [(c, y) for c in range(councils) for y in span if dt.date(y, 12, 31) > V.LSCB_ABOLISHED]
    if not eligible:
        return set()
    rng = random.Random(f"synth|{seed}|inconsistencies")
    return set(rng.sample(eligible, max(1, len(eligible) // 10)))


def _cast(seed: int, council: str, year: int) -> Cast:
    """Councillors are stable for a council; officers change every three years."""
    rng = random.Random(f"synth|{seed}|cast|{council}")
    surnames = rng.sample(V.LAST, 14)
    people = [Person(rng.choice(V.FIRST), last, "councillor") for last in surnames[:10]]
    member_post = rng.choice(V.MEMBER_POSTS)
    lead = Person(people[1].first, people[1].last, "councillor", member_post)
    coopted = tuple(Person(rng.choice(V.FIRST), last, "co-opted", rng.choice(V.COOPTED_ROLES)) for last in surnames[10:12])
    term = (year + rng.randrange(3)) // 3
    orng = random.Random(f"synth|{seed}|officers|{council}|{term}")
    taken = set(surnames)
    officer_names = orng.sample([n for n in V.LAST if n not in taken], 4)
    posts = [orng.choice(V.DCS_POSTS), orng.choice(V.AD_POSTS), *orng.sample(V.OTHER_POSTS, 2)]
    officers = [Person(orng.choice(V.FIRST), last, "officer", post) for last, post in zip(officer_names, posts)]
    return Cast(tuple(people), lead, officers[0], officers[1], tuple(officers[2:]), coopted)


def _committees(seed: int, council: str) -> dict[str, str]:
    rng = random.Random(f"synth|{seed}|committees|{council}")
    return {"scrutiny": rng.choice(V.SCRUTINY), "parenting": rng.choice(V.PARENTING), "executive": rng.choice(V.EXECUTIVE)}


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    roll = rng.randrange(sum(w for _, w in options))
    for value, weight in options:
        if roll < weight:
            return value
        roll -= weight
    raise AssertionError("unreachable")


def _weekday(year: int, month: int, day: int) -> dt.date:
    """Committees meet Monday to Thursday: move a Friday or weekend date to the next Monday."""
    day = max(day, 6) if month == 1 else min(day, 15) if month == 12 else day  # not over the holidays
    date = dt.date(year, month, day)
    return date + dt.timedelta(days=(7 - date.weekday()) % 7 if date.weekday() >= 4 else 0)


def _slots(rng: random.Random, committees: dict[str, str], year: int) -> list[_Slot]:
    """About 20 items in the year, spread over each committee's meetings, numbered like minutes."""
    total = rng.randint(18, 22)
    counts = {kind: 0 for kind, _ in _SHARE}
    for _ in range(total):
        counts[_weighted(rng, _SHARE)] += 1
    slots = []
    months = [m for m in range(1, 13) if m != 8]
    for kind, k in counts.items():
        if not k:
            continue
        meetings = min(k, _MEETINGS_PER_YEAR[kind])
        dates = sorted(_weekday(year, m, rng.randint(1, 28)) for m in rng.sample(months, meetings))
        per = [1] * meetings
        for _ in range(k - meetings):
            per[rng.randrange(meetings)] += 1
        minute = rng.randint(1, 40)
        for date, n in zip(dates, per):
            minute += 3  # apologies, declarations of interest, minutes of the last meeting
            for _ in range(n):
                slots.append(_Slot(kind, committees[kind], date, str(minute)))
                minute += 1
            minute += rng.randint(0, 4)
    return sorted(slots, key=lambda s: (s.date, s.committee, int(s.number)))


def _council_year(seed: int, index: int, year: int, inconsistent: bool) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(text, sidecar, truth line) for each item of one council's year, then the planted one if any."""
    council, _kind, host = V.COUNCILS[index]
    rng = random.Random(f"synth|{seed}|{council}|{year}")
    committees = _committees(seed, council)
    cast = _cast(seed, council, year)
    apos = random.Random(f"synth|{seed}|style|{council}").choice(("'", "’"))
    slots = _slots(rng, committees, year)
    for n, slot in enumerate(slots):
        yield _document(seed, index, n, slot, cast, host, apos, False)
    if inconsistent:
        late = random.Random(f"synth|{seed}|late|{council}|{year}")
        first = max(dt.date(year, 1, 1), V.LSCB_ABOLISHED + dt.timedelta(days=1))
        day = first + dt.timedelta(days=late.randrange((dt.date(year, 12, 31) - first).days + 1))
        date = _weekday(day.year, day.month, min(day.day, 28))
        if date <= V.LSCB_ABOLISHED:
            date = _weekday(2019, 10, 1)
        slot = _Slot("parenting", committees["parenting"], date, str(late.randint(5, 60)))
        yield _document(seed, index, len(slots), slot, cast, host, apos, True)


def _document(seed: int, index: int, n: int, slot: _Slot, cast: Cast, host: str, apos: str,
              inconsistent: bool) -> tuple[str, str, dict[str, Any]]:
    """One item: its own Random (keyed by what it is, not by position in the run), text and truth."""
    council = V.COUNCILS[index][0]
    key = f"{seed}|{council}|{slot.date.isoformat()}|{slot.committee}|{slot.number}|{n}|{inconsistent}"
    rng = random.Random("synth|doc|" + key)
    plant = Plant(rng, slot.date, council, slot.committee, slot.kind, cast, apos, force_late_lscb=inconsistent)
    fmt = "agenda" if inconsistent else _weighted(rng, _FORMATS[slot.kind])
    item_title, description = title(plant)
    number = None if fmt == "report" else slot.number
    text = compose(plant, Item(number, item_title, description, fmt))
    doc_id = f"{index:03d}-{slot.date.year}-{n:02d}_{hashlib.sha256(key.encode()).hexdigest()[:12]}"
    page = rng.randrange(10000, 99999)
    url = {"agenda": f"https://{host}/mgAi.aspx?ID={page}", "html": f"https://{host}/mgAi.aspx?ID={page}",
           "issue": f"https://{host}/ieIssueDetails.aspx?IId={page}&Opt=3", "report": None}[fmt]
    meta = {"source_url": url, "council": council, "committee": slot.committee,
            "meeting_date": slot.date.isoformat(), "item_number": number, "title": item_title}
    sidecar = json.dumps(meta, ensure_ascii=False, separators=(",\n ", ": ")) + "\n"
    line: dict[str, Any] = {"doc_id": doc_id, "path": None, "format": fmt,
                            "kind": "inconsistency" if inconsistent else "document", **meta}
    line.update(plant.truth())
    if inconsistent:
        line["inconsistency"] = {"rule": "LSCB named after abolition", "body": V.LSCB,
                                 "abolished": V.LSCB_ABOLISHED.isoformat(), "meeting_date": slot.date.isoformat()}
    return text, sidecar, line
