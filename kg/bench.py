"""`kg bench`: measure the product at a given scale, against the targets of issue 7.

Why one command: speed and memory targets live here, never in timed unit tests (a loaded CI
machine would make such tests flaky). The command synthesises a corpus (kg.synth) into a
temporary folder, ingests it, and measures ingest, the named queries (embedded, rdflib, remote),
SHACL validation, and `kg serve`. It prints a table and, as its last line, one JSON object
(**contract**: at least the keys in CONTRACT_KEYS). The phases live in kg/bench_*.py;
benchmarks/README.md explains every figure and keeps the last measured ones.
"""

from __future__ import annotations

import gc
import os
import socket
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.bench_ingest import IngestFigures, build_store, documents, measure_loading, measure_parts
from kg.bench_queries import SuiteFigures, oxigraph_server, run_suite, speedups, suite_texts
from kg.bench_report import table
from kg.bench_validate import whole_graph
from kg.bench_web import sample_entities, serve_benchmark
from kg.store import KgStore
from kg.synth import generate

CONTRACT_KEYS = ("documents", "triples", "ingest_docs_per_s", "query_median_ms", "rdflib_speedup",
                 "validate_one_ms", "validate_all_s", "page_p95_ms", "startup_s", "serve_rss_mb")
PHASES = ("rdflib", "validate-all", "web", "remote")


@dataclass
class BenchConfig:
    """What to measure and how hard; the defaults are the documented full run."""

    councils: int = 150
    years: int = 5
    seed: int = 1
    workers: int = field(default_factory=lambda: max(1, os.cpu_count() or 1))
    sample: int = 60  # documents for per-document validation and the current pipeline
    rdflib_councils: int = 10  # rdflib's in-memory store is compared at this scale (1 year)
    rdflib_cap_s: float = 60.0
    query_runs: int = 10
    query_cap_s: float = 30.0  # one run of a query on the embedded or remote store
    validate_cap_s: float = 300.0
    clients: int = 16
    web_requests: int = 3000
    web_seconds: float = 20.0
    skip: frozenset[str] = frozenset()
    keep: Path | None = None  # keep the corpus and store here instead of a temporary folder


def free_port() -> int:
    """A free loopback port, chosen by the OS."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run(config: BenchConfig, log: Callable[[str], None]) -> tuple[list[list[str]], dict[str, Any]]:
    """Every phase in order; returns the table rows and the JSON object."""
    if config.keep is not None:
        config.keep.mkdir(parents=True, exist_ok=True)
        return _run_in(config.keep, config, log)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        return _run_in(Path(tmp), config, log)


def _run_in(work: Path, config: BenchConfig, log: Callable[[str], None]) -> tuple[list[list[str]], dict[str, Any]]:
    started = time.perf_counter()
    out: dict[str, Any] = {"scale": {"councils": config.councils, "years": config.years, "seed": config.seed}}

    # -- ingest (and the store every later phase reads) ------------------------------------
    corpus = work / "corpus"
    t0 = time.perf_counter()
    generate(corpus, config.councils, config.years, config.seed)
    log(f"synthesised the corpus in {time.perf_counter() - t0:.1f} s")
    docs = documents(corpus)
    ingest = IngestFigures()
    measure_parts(docs, ingest, sample=min(config.sample, len(docs)), log=log)
    store_path = work / "store"
    nt_sample = build_store(docs, store_path, ingest, workers=config.workers, log=log)
    measure_loading(nt_sample[:500], ingest)
    log(f"loading options: {ingest.load_docs_per_s}")

    # -- named queries on the embedded store -------------------------------------------------
    store = KgStore.open(store_path)
    texts = suite_texts(store)
    iris = sample_entities(store)
    del store
    gc.collect()
    embedded = run_suite(("embedded", str(store_path)), texts, runs=config.query_runs,
                         cap_s=config.query_cap_s, log=log)

    # -- rdflib at a smaller scale, with the embedded store on the same data ----------------
    small = _small_scale(work, config, log) if "rdflib" not in config.skip else None

    # -- whole-graph validation at full scale (turbo), in a capped child ---------------------
    validate_all: dict[str, Any] = {"status": "skipped"}
    if "validate-all" not in config.skip:
        validate_all = whole_graph("turbo", config.validate_cap_s, store_path=store_path)
        log(f"whole-graph validation (turbo): {validate_all}")

    # -- web ----------------------------------------------------------------------------------
    web: dict[str, Any] | None = None
    if "web" not in config.skip:
        web = serve_benchmark(store_path, iris, free_port(), clients=config.clients,
                              max_requests=config.web_requests, max_s=config.web_seconds, log=log)

    # -- remote store --------------------------------------------------------------------------
    remote: SuiteFigures | None = None
    if "remote" not in config.skip:
        from kg.remote_store import RemoteStore

        finishing = {n: t for n, t in texts.items() if n not in embedded.errors}
        with oxigraph_server(store_path, free_port(), timeout_s=config.query_cap_s) as url:
            remote = run_suite(("remote", url), finishing, runs=max(3, config.query_runs // 2),
                               cap_s=config.query_cap_s, log=log)
        for name in texts.keys() - finishing.keys():
            remote.errors[name] = "skipped (failed on the embedded store)"

    out.update(_summary(ingest, embedded, small, validate_all, web, remote))
    out["query_cap_s"] = config.query_cap_s
    out["bench_s"] = round(time.perf_counter() - started, 1)
    return table(out), out


def _small_scale(work: Path, config: BenchConfig, log: Callable[[str], None]) -> dict[str, Any]:
    """The rdflib comparison and whole-graph validation by both engines, at a scale rdflib
    finishes: its own corpus (council k's documents do not depend on --councils), store and
    the same named queries."""
    councils = min(config.rdflib_councils, config.councils)
    corpus = work / "corpus-small"
    generate(corpus, councils, 1, config.seed)
    figures = IngestFigures()
    path = work / "store-small"
    build_store(documents(corpus), path, figures, workers=config.workers, log=log)
    store = KgStore.open(path)
    texts = suite_texts(store)
    nquads = store.oxigraph.dump(format=ox.RdfFormat.N_QUADS)
    del store
    gc.collect()
    embedded = run_suite(("embedded", str(path)), texts, runs=config.query_runs, cap_s=config.query_cap_s)
    rdflib_figures = run_suite(("rdflib", nquads), texts, runs=3, budget_s=5.0, cap_s=config.rdflib_cap_s, log=log)
    rdflib_ms = {n: (v if v is not None else rdflib_figures.errors.get(n, "error"))
                 for n, v in rdflib_figures.median_ms.items()}
    ratios, geomean = speedups(embedded, rdflib_figures, config.rdflib_cap_s)
    engines = {}
    if "validate-all" not in config.skip:
        for engine in ("pyshacl", "turbo"):
            engines[engine] = whole_graph(engine, config.validate_cap_s, nquads=nquads)
            log(f"whole-graph validation at the small scale ({engine}): {engines[engine]}")
    return {"councils": councils, "years": 1, "documents": figures.documents, "triples": figures.triples,
            "embedded_median_ms": embedded.median_ms, "rdflib_median_ms": rdflib_ms, "ratios": ratios,
            "geomean": geomean, "validate_all": engines}


def _r(value: Any, digits: int = 1) -> Any:
    return round(value, digits) if isinstance(value, float) else value


def _summary(ingest: IngestFigures, embedded: SuiteFigures, small: dict[str, Any] | None,
             validate_all: dict[str, Any], web: dict[str, Any] | None, remote: SuiteFigures | None) -> dict[str, Any]:
    """The JSON object: the contract keys first, then everything else measured."""
    entity = web["entity"] if web else None
    sparql = web["sparql"] if web else None
    return {
        "documents": ingest.documents,
        "triples": ingest.triples,
        "ingest_docs_per_s": _r(ingest.fast_docs_per_s),
        "query_median_ms": {k: _r(v, 2) for k, v in embedded.median_ms.items()},
        "rdflib_speedup": _r(small["geomean"]) if small else None,
        "validate_one_ms": _r(ingest.validate_ms.get("turbo-slim")),
        "validate_all_s": _r(validate_all.get("total_s")),
        "page_p95_ms": _r(entity.p95_ms) if entity else None,
        "startup_s": _r(web["startup_s"], 2) if web else None,
        "serve_rss_mb": _r(web["rss_mb"]) if web else None,
        "ingest": {
            "fast_path_docs_per_s": _r(ingest.fast_docs_per_s), "fast_path_triples_per_s": _r(ingest.fast_triples_per_s, 0),
            "fast_path_s": _r(ingest.fast_s), "workers": ingest.fast_workers, "refused": ingest.failed,
            "current_pipeline_docs_per_s": _r(ingest.current_docs_per_s, 2), "current_sample": ingest.current_sample,
            "extract_docs_per_s_one_process": _r(ingest.extract_docs_per_s),
            "extract_ms_median": {k: _r(v, 2) for k, v in ingest.extract_ms.items()},
            "validate_one_ms_median": {k: _r(v, 1) for k, v in ingest.validate_ms.items()},
            "turbo_slim_agrees_with_pyshacl": ingest.slim_agrees,
            "load_docs_per_s": {k: _r(v, 0) for k, v in ingest.load_docs_per_s.items()},
        },
        "query_p95_ms": {k: _r(v, 2) for k, v in embedded.p95_ms.items()},
        "query_rows": embedded.rows,
        "query_errors": embedded.errors,
        "rdflib": {k: (_r_map(v) if isinstance(v, dict) else _r(v)) for k, v in small.items()} if small else None,
        "validate_all": {k: _r(v, 2) for k, v in validate_all.items()},
        "web": {"entity": _load(entity), "sparql": _load(sparql),
                "rss_total_mb": _r(web["rss_total_mb"]), "idle_rss_mb": _r(web["idle_rss_mb"])} if web else None,
        "remote_query_median_ms": {k: _r(v, 2) for k, v in remote.median_ms.items()} if remote else None,
        "remote_errors": remote.errors if remote else None,
    }


def _r_map(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (_r_map(v) if isinstance(v, dict) else _r(v, 2)) for k, v in values.items()}


def _load(figures: Any) -> dict[str, Any] | None:
    if figures is None:
        return None
    return {"requests": figures.requests, "errors": figures.errors, "p50_ms": _r(figures.p50_ms, 2),
            "p95_ms": _r(figures.p95_ms, 2), "p99_ms": _r(figures.p99_ms, 2), "per_s": _r(figures.per_s),
            "seconds": _r(figures.seconds)}
