"""Smoke test of `kg bench` at a tiny scale: it runs every phase and keeps its JSON contract.

Why no timings here: speed and memory targets live in the benchmark (benchmarks/README.md),
never in a unit test, where a busy CI machine would make them flaky. This test checks that the
command runs end to end (synthesis, ingest, queries on three engines, validation, `kg serve`
under load, `oxigraph serve`) and that its last line is one JSON object with the contract keys
and sane values.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.bench import CONTRACT_KEYS
from kg.bench_queries import oxigraph_binary, percentile, speedups, SuiteFigures
from kg.bench_report import verdict
from kg.queries import catalogue

ROOT = Path(__file__).resolve().parents[1]


def run_bench(*args: str) -> tuple[list[str], dict]:
    command = [sys.executable, "-c", "from kg.bench_commands import bench_cmd; bench_cmd()", *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    return lines, json.loads(lines[-1])


@pytest.mark.skipif(oxigraph_binary() is None, reason="the oxigraph binary (test extras) is not installed")
def test_bench_runs_every_phase_and_ends_with_the_json_contract() -> None:
    pytest.importorskip("pyshacl_turbo")
    lines, result = run_bench("--councils", "2", "--years", "1", "--sample", "3", "--rdflib-councils", "1",
                              "--rdflib-cap", "10", "--query-cap", "10", "--query-runs", "3",
                              "--validate-cap", "120", "--clients", "4", "--web-requests", "40",
                              "--web-seconds", "5", "--workers", "1")
    for key in CONTRACT_KEYS:
        assert key in result, key
    assert lines[0].split()[:3] == ["section", "measure", "value"]
    assert result["scale"] == {"councils": 2, "years": 1, "seed": 1}
    assert 20 <= result["documents"] <= 80  # about 20 documents per council per year
    assert result["triples"] > 10_000  # curated data plus the documents
    assert result["ingest_docs_per_s"] > 0
    assert set(result["query_median_ms"]) == set(catalogue())
    finished = [v for v in result["query_median_ms"].values() if v is not None]
    assert finished and all(v >= 0 for v in finished)
    assert result["rdflib_speedup"] > 0
    assert 0 < result["validate_one_ms"] < 60_000
    assert result["validate_all"]["status"] == "ok" and result["validate_all_s"] > 0
    assert result["validate_all"]["triples"] >= result["triples"] * 0.9
    assert result["ingest"]["turbo_slim_agrees_with_pyshacl"] == "3/3"
    assert 0 < result["page_p95_ms"] < 60_000
    assert result["web"]["entity"]["errors"] == 0 and result["web"]["entity"]["requests"] > 0
    assert result["web"]["sparql"]["errors"] == 0
    assert 0 < result["startup_s"] < 120
    assert 10 < result["serve_rss_mb"] < 24_000
    assert set(result["remote_query_median_ms"]) <= set(catalogue())


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile([3.0], 99) == 3.0


def test_speedup_counts_a_timeout_at_the_cap() -> None:
    ours = SuiteFigures(median_ms={"a": 10.0, "b": 100.0})
    theirs = SuiteFigures(median_ms={"a": 1000.0, "b": None}, errors={"b": "timeout"})
    ratios, geomean = speedups(ours, theirs, cap_s=1.0)
    assert ratios == {"a": "100.0", "b": ">=10"}
    assert geomean == pytest.approx((100 * 10) ** 0.5)


def test_verdict_says_how_far_a_miss_is() -> None:
    assert verdict(50.0, True, 100.0) == "ok"
    assert verdict(250.0, True, 100.0) == "MISS (2.5x)"
    assert verdict(50.0, False, 100.0) == "MISS (2.0x)"
    assert verdict(None, True, 1.0) == "n/a"
