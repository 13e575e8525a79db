"""`kg synth`: a deterministic, realistic minutes corpus whose planted facts the extractor finds.

One corpus (3 councils x 4 years from 2017, seed 7, with planted inconsistencies) is generated
once per module and read by most tests; the extraction tests score the extractor against its
truth.jsonl and print precision and recall.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kg import synth_vocab as V
from kg.errors import KgError
from kg.iris import slug
from kg.synth import _check, _council_year, generate

SIDECAR_KEYS = ["source_url", "council", "committee", "meeting_date", "item_number", "title"]
HAS_EXTRACTOR = importlib.util.find_spec("kg.ingest.extract") is not None
Extract = Callable[[dict[str, Any]], dict[str, Any]]
LSCB_WORDS = ("LSCB", "Local Safeguarding Children Board")
PARTNERSHIP_WORDS = ("safeguarding partnership", "Safeguarding Children Partnership")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _truth(root: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (root / "truth.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "corpus"
    generate(out, councils=3, years=4, seed=7, start_year=2017, plant_inconsistencies=True)
    return out


def test_same_seed_is_byte_identical_and_another_seed_differs(tmp_path: Path, corpus: Path) -> None:
    again = tmp_path / "again"
    generate(again, councils=3, years=4, seed=7, start_year=2017, plant_inconsistencies=True)
    assert _files(again) == _files(corpus)
    other = tmp_path / "other"
    generate(other, councils=3, years=4, seed=8, start_year=2017, plant_inconsistencies=True)
    first, second = _files(corpus), _files(other)
    assert first["truth.jsonl"] != second["truth.jsonl"]
    assert set(first) != set(second)  # document ids hash the seed


def test_counts_are_about_twenty_a_council_a_year_and_exact_for_the_seed(corpus: Path) -> None:
    truth = _truth(corpus)
    regular = [t for t in truth if t["kind"] == "document"]
    assert len(truth) == 239 and len(regular) == 238
    per = Counter((t["council"], t["meeting_date"][:4]) for t in regular)
    assert len(per) == 12 and all(18 <= n <= 22 for n in per.values())
    assert per[("Bath and North East Somerset Council", "2017")] == 21
    assert Counter(t["format"] for t in truth) == {"agenda": 108, "issue": 53, "html": 43, "report": 35}
    documents = [p for p in corpus.rglob("*") if p.suffix in (".txt", ".html")]
    assert len(documents) == 239 and len(list(corpus.rglob("*.json"))) == 239
    assert sorted({t["council"] for t in truth}) == sorted(c[0] for c in V.COUNCILS[:3])


def test_council_pool_is_the_153_authorities_and_150_is_accepted(tmp_path: Path) -> None:
    names = [c[0] for c in V.COUNCILS]
    assert len(names) == 153 and len(set(names)) == 153 and len({slug(n) for n in names}) == 153
    assert names[:2] == ["Bath and North East Somerset Council", "Cheshire East Council"]
    assert Counter(c[1] for c in V.COUNCILS) == {"unitary": 63, "met": 36, "london": 33, "county": 21}
    _check(tmp_path / "wide", 150, 5, 2017)  # --councils 150 --years 5 is accepted...
    last = list(_council_year(1, 149, 2021, False))  # ...and the 150th council's year is made like any other
    assert len(last) == 18 and all(
        line["council"] == V.COUNCILS[149][0] == "Wiltshire Council" for _, _, line in last)


def test_every_document_has_a_valid_sidecar(corpus: Path) -> None:
    truth = {t["path"]: t for t in _truth(corpus)}
    for path, line in truth.items():
        doc = corpus / path
        raw = doc.with_suffix(".json").read_text(encoding="utf-8")
        meta = json.loads(raw)
        assert list(meta) == SIDECAR_KEYS
        assert {k: line[k] for k in SIDECAR_KEYS} == meta
        date = dt.date.fromisoformat(meta["meeting_date"])
        assert date.weekday() < 4 and doc.parent.name == str(date.year)
        assert meta["council"] in {c[0] for c in V.COUNCILS} and meta["committee"] and meta["title"]
        assert (meta["item_number"] is None) == (line["format"] == "report")
        assert (meta["source_url"] is None) == (line["format"] == "report")
        assert doc.suffix == (".html" if line["format"] == "html" else ".txt")
    if importlib.util.find_spec("kg.ingest.sidecar") is not None:
        from kg.ingest.sidecar import read_sidecar

        first = next(iter(truth))
        assert read_sidecar((corpus / first).with_suffix(".json")).meeting_date == truth[first]["meeting_date"]


def test_lscb_is_named_only_before_its_abolition_unless_planted(corpus: Path) -> None:
    late = []
    for line in _truth(corpus):
        text = (corpus / line["path"]).read_text(encoding="utf-8")
        date = dt.date.fromisoformat(line["meeting_date"])
        if any(w in text for w in LSCB_WORDS):
            if line["kind"] == "inconsistency":
                late.append(line["doc_id"])
            else:
                assert date < V.LSCB_ABOLISHED, line["path"]
        if any(w.lower() in text.lower() for w in PARTNERSHIP_WORDS):
            assert date >= V.LSCB_ABOLISHED, line["path"]
        if "ICB" in text or "Integrated Care Board" in text:
            assert date >= V.ICB_FROM
    planted = [t for t in _truth(corpus) if t["kind"] == "inconsistency"]
    assert late == [t["doc_id"] for t in planted] == ["000-2020-18_6dfcacf2c2db"]
    assert planted[0]["inconsistency"] == {"rule": "LSCB named after abolition", "body": V.LSCB,
                                           "abolished": "2019-09-29", "meeting_date": "2020-06-15"}
    assert V.LSCB in {b["iri"] for b in planted[0]["bodies"]}


def test_inconsistencies_only_add_documents(tmp_path: Path, corpus: Path) -> None:
    plain = tmp_path / "plain"
    generate(plain, councils=3, years=4, seed=7, start_year=2017)
    with_planted = _files(corpus)
    without = _files(plain)
    assert {k: v for k, v in with_planted.items() if k != "truth.jsonl" and k in without} == {
        k: v for k, v in without.items() if k != "truth.jsonl"}
    assert sorted(set(with_planted) - set(without)) == [
        "bath-and-north-east-somerset-council/2020/000-2020-18_6dfcacf2c2db.json",
        "bath-and-north-east-somerset-council/2020/000-2020-18_6dfcacf2c2db.txt"]


def test_bad_arguments_and_used_folders_are_refused(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="--councils must be between 1 and 153"):
        generate(tmp_path / "x", councils=154, years=1, seed=0)
    with pytest.raises(KgError, match="--years"):
        generate(tmp_path / "x", councils=1, years=0, seed=0)
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "keep.txt").write_text("mine")
    with pytest.raises(KgError, match="not empty"):
        generate(tmp_path / "used", councils=1, years=1, seed=0)


def test_command_writes_and_reports(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import KgGroup
    from kg.synth_commands import synth_cmd

    group = KgGroup("kg")
    group.add_command(synth_cmd)
    runner = CliRunner()
    out = tmp_path / "cli"
    result = runner.invoke(group, ["synth", "--councils", "2", "--years", "1", "--seed", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote 37 documents for 2 councils x 1 year (2017) to ")
    again = runner.invoke(group, ["synth", "--councils", "2", "--out", str(out)])
    assert again.exit_code == 2 and "not empty" in again.output


# -- the extractor against the truth -------------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


@pytest.fixture(scope="module")
def extracted(corpus: Path) -> Extract:
    """The extractor's contract JSON for a truth line's document (built-in gazetteer only)."""
    from kg.ingest.extract import extract
    from kg.ingest.extract_json import to_json
    from kg.ingest.gazetteer import build_gazetteer
    from kg.ingest.reader import read_document

    gazetteer = build_gazetteer(None)
    return lambda line: to_json(extract(read_document(corpus / line["path"]), gazetteer))


CA89, CSWA = V.ACTS["Children Act 1989"], V.ACTS["Children and Social Work Act 2017"]
EXACT = {  # doc id prefix: (decisions, citation IRIs, amount values), as planted and as found
    "000-2017-08": (["That the report be noted;",  # agenda item: lettered "That ..." points
                     "That the Chair write to the Secretary of State about the level of new burdens funding;",
                     "That a further update be brought to the Committee in six months."],
                    [CSWA, CA89 + "/section/22G"], ["1100000"]),
    "000-2018-05": (["RESOLVED to note the presentation."], [CSWA, CSWA, CA89 + "/section/47"], ["5000000"]),  # issue
    "000-2020-02": ([], [CSWA, CSWA + "/section/2", CSWA + "/section/3", CSWA + "/section/16",  # report: Act heading,
                         CSWA + "/section/17", CA89 + "/section/20", CSWA], ["1800000"]),  # bare s2, s. 3, S.17
    "001-2017-18": (["RESOLVED to note the presentation."], [CA89 + "/section/22G", CA89 + "/section/22"],  # html
                    ["5000000"]),
}


@pytest.mark.skipif(not HAS_EXTRACTOR, reason="kg.ingest.extract is not available")
def test_extraction_is_exact_on_a_handful_of_documents(corpus: Path, extracted: Extract) -> None:
    lines = {t["doc_id"][:11]: t for t in _truth(corpus)}
    for prefix, (decisions, citations, amounts) in EXACT.items():
        line = lines[prefix]
        assert [d["text"] for d in line["decisions"]] == decisions
        assert [c["iri"] for c in line["citations"]] == citations
        assert [a["value"] for a in line["amounts"]] == amounts
        found = extracted(line)
        assert [" ".join(d["text"].split()) for d in found["decisions"]] == decisions, prefix
        assert [c["iri"] for c in found["legislation"]] == citations, prefix
        assert [format(Decimal(str(a["value"])), "f") for a in found["amounts"]] == amounts, prefix


def _score(gold: list[str], found: list[str]) -> tuple[int, int, int]:
    g, f = Counter(gold), Counter(found)
    tp = sum((g & f).values())
    return tp, sum(f.values()) - tp, sum(g.values()) - tp


def _decision_score(gold: list[str], found: list[str]) -> tuple[int, int, int]:
    used: set[int] = set()
    for text in gold:
        for i, f in enumerate(found):
            if i not in used and (text in f or f in text) and min(len(f), len(text)) >= 0.5 * max(len(f), len(text)):
                used.add(i)
                break
    return len(used), len(found) - len(used), len(gold) - len(used)


@pytest.mark.skipif(not HAS_EXTRACTOR, reason="kg.ingest.extract is not available")
def test_extractor_recall_on_fifty_documents(corpus: Path, extracted: Extract) -> None:
    truth = _truth(corpus)
    sample = truth[::4][:50]
    totals = {kind: [0, 0, 0] for kind in ("decisions", "citations", "amounts")}
    for line in sample:
        found = extracted(line)
        scores = {
            "decisions": _decision_score([_norm(d["text"]) for d in line["decisions"]],
                                         [_norm(d["text"]) for d in found["decisions"]]),
            "citations": _score([c["iri"] or c["act"] for c in line["citations"]],
                                [c["iri"] or c["act"] for c in found["legislation"]]),
            "amounts": _score([format(Decimal(a["value"]), "f") for a in line["amounts"]],
                              [format(Decimal(str(a["value"])), "f") for a in found["amounts"]]),
        }
        for kind, (tp, fp, fn) in scores.items():
            totals[kind] = [totals[kind][0] + tp, totals[kind][1] + fp, totals[kind][2] + fn]
    figures = {}
    for kind, (tp, fp, fn) in totals.items():
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        figures[kind] = (round(precision, 3), round(recall, 3))
        print(f"{kind}: precision {precision:.3f} recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})")
    assert len(sample) == 50
    assert all(recall >= 0.9 for _, recall in figures.values()), figures
