"""Benchmark of the named queries: the embedded store, rdflib's in-memory Dataset, `oxigraph serve`.

Why three: the embedded Oxigraph store is what the product runs on; rdflib's Dataset is what it
would be without Oxigraph (the "≥ 20x" target says the store earns its place); a remote
`oxigraph serve` on loopback is what `--store http://...` costs over HTTP on the same data.

Every query runs as `kg query NAME` runs it (its default parameters bound by kg.queries) and
every answer is read to the end. Each suite runs in a child process so a query past the cap can
be stopped (neither Oxigraph nor rdflib can interrupt a query in-thread); the child is restarted
for the next query, and that query is reported as "timeout".
"""

from __future__ import annotations

import math
import multiprocessing as mp
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError
from kg.namespaces import PREFIXES
from kg.processes import oxigraph_binary, stop, wait_http
from kg.queries import bind_params, catalogue, with_values


@dataclass
class SuiteFigures:
    """Median and p95 latency (ms) and row counts per named query; None = failed."""

    median_ms: dict[str, float | None] = field(default_factory=dict)
    p95_ms: dict[str, float | None] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def suite_texts(store: Any) -> dict[str, str]:
    """Each named query's text with its default parameters bound, as `kg query NAME` runs it."""
    return {name: with_values(q.sparql, bind_params(store, q, {})) for name, q in catalogue().items()}


def _consume(result: Any) -> int:
    if isinstance(result, ox.QueryBoolean):
        return 1
    return sum(1 for _ in result)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation), e.g. pct=95."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def _open(spec: tuple[str, Any]) -> Any:
    """The store a suite runs on: an embedded folder (read-only), a server URL, or rdflib."""
    kind, where = spec
    if kind == "embedded":
        from kg.store import KgStore

        return KgStore.open(where, read_only=True)
    if kind == "remote":
        from kg.remote_store import RemoteStore

        return RemoteStore.open(where, timeout=600)
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=where, format="nquads")
    return _RdflibStore(dataset)


class _RdflibStore:
    """rdflib's Dataset behind the one method the suite calls, with the project's prefixes."""

    def __init__(self, dataset: Any) -> None:
        self.dataset = dataset

    def query(self, text: str) -> Any:
        return self.dataset.query(text, initNs=PREFIXES)


def _suite_child(spec: tuple[str, Any], runs: int, budget_s: float, conn: Any) -> None:
    """Child: open the store once, then per query text: one warm-up run, then timed runs
    (at least 3, up to `runs`, fewer once `budget_s` is spent; none more after a warm-up
    longer than `budget_s`, whose time then stands for the query). Answers (status, times, rows)."""
    store = _open(spec)
    conn.send(("ready", [], 0))
    while True:
        text = conn.recv()
        if text is None:
            return
        try:
            t0 = time.perf_counter()
            rows = _consume(store.query(text))
            first = time.perf_counter() - t0
            times: list[float] = [first * 1000] if first > budget_s else []
            spent = 0.0
            while first <= budget_s and len(times) < runs and (len(times) < 3 or spent < budget_s):
                t0 = time.perf_counter()
                _consume(store.query(text))
                times.append((time.perf_counter() - t0) * 1000)
                spent += times[-1] / 1000
            conn.send(("ok", times, rows))
        except Exception as exc:  # each engine raises its own types for a query it cannot run
            conn.send(("error", f"{type(exc).__name__}: {exc}".splitlines()[0][:200], 0))


def run_suite(spec: tuple[str, Any], texts: dict[str, str], *, runs: int = 10, budget_s: float = 10.0,
              cap_s: float = 60.0, log: Any = None) -> SuiteFigures:
    """Time every query in a child process; a query whose warm-up passes `cap_s` is "timeout"
    (the child is killed, as neither Oxigraph nor rdflib can stop a query in-thread, and a
    new one is started for the next query)."""
    figures = SuiteFigures()
    ctx = mp.get_context("fork")
    child: Any = None
    conn: Any = None
    try:
        for name, text in texts.items():
            if child is None:
                conn, theirs = ctx.Pipe()
                child = ctx.Process(target=_suite_child, args=(spec, runs, budget_s, theirs), daemon=True)
                child.start()
                if not conn.poll(900):
                    raise KgError(f"the {spec[0]} store did not open within 900 s")
                conn.recv()
            conn.send(text)
            if conn.poll(cap_s + 3 * budget_s + 5):
                status, times, rows = conn.recv()
            else:
                status, times, rows = "timeout", [], 0
                child.kill()
                child.join()
                child = None
            if status == "ok":
                figures.median_ms[name] = statistics.median(times)
                figures.p95_ms[name] = percentile(times, 95)
                figures.rows[name] = rows
            else:
                figures.median_ms[name] = figures.p95_ms[name] = None
                figures.errors[name] = status if status == "timeout" else str(times)
            if log:
                log(f"{spec[0]} {name}: {figures.median_ms[name] if status == 'ok' else status}")
    finally:
        if child is not None:
            conn.send(None)
            child.join(timeout=10)
            if child.is_alive():
                child.kill()
    return figures


def speedups(embedded: SuiteFigures, other: SuiteFigures, cap_s: float) -> tuple[dict[str, str], float]:
    """Per-query ratio rdflib/embedded ("≥N" when rdflib timed out) and their geometric mean
    (a timeout counts at the cap, so the mean is then a lower bound)."""
    ratios: dict[str, str] = {}
    logs: list[float] = []
    for name, ours in embedded.median_ms.items():
        theirs = other.median_ms.get(name)
        timed_out = other.errors.get(name) == "timeout"
        if ours is None or (theirs is None and not timed_out):
            ratios[name] = "n/a"
            continue
        ours = max(ours, 0.001)
        if timed_out:
            ratio = cap_s * 1000 / ours
            ratios[name] = f">={ratio:.0f}"
        else:
            ratio = float(theirs) / ours
            ratios[name] = f"{ratio:.1f}"
        logs.append(math.log(ratio))
    return ratios, (math.exp(sum(logs) / len(logs)) if logs else 0.0)


# ------------------------------------------------------------------ oxigraph serve ----------

@contextmanager
def oxigraph_server(location: Path, port: int, ready_s: float = 60.0, timeout_s: float = 60.0) -> Iterator[str]:
    """`oxigraph serve` on 127.0.0.1:port over the store folder (released by us first)."""
    binary = oxigraph_binary()
    if binary is None:
        raise KgError("the oxigraph binary is not installed (pip install oxigraph)")
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                             "--timeout-s", str(int(timeout_s))],
                            stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_http(f"{url}/query?query=ASK%7B%7D", ready_s, proc):
            log.seek(0)
            raise KgError(f"oxigraph serve did not start: {log.read().decode('utf-8', 'replace')[-300:]}")
        yield url
    finally:
        stop(proc)
        log.close()


