"""Benchmark of `kg serve`: start-up time, latency under 16 concurrent clients, resident memory.

Why a subprocess and real sockets: the figures must be those of the production server
(waitress, `kg serve`), with its threads, its query worker processes and HTTP on loopback, not
of Flask's test client. The load is bounded in both request count and time, and only
127.0.0.1 is ever contacted. The client is deliberately small (threads, one keep-alive
connection each, stdlib only); benchmarks/loadtest.py runs it against any running server.
"""

from __future__ import annotations

import http.client
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.bench_queries import percentile
from kg.processes import stop, wait_http
from kg.errors import KgError

SPARQL_QUERY = """PREFIX kg: <https://w3id.org/csckg/def/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?duty ?label WHERE { ?duty a kg:Duty ; skos:prefLabel ?label } ORDER BY ?duty LIMIT 50"""


@dataclass
class LoadFigures:
    """Latency percentiles (ms), throughput and failures of one load scenario."""

    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    per_s: float


def run_load(host: str, port: int, paths: Sequence[str], *, clients: int = 16, max_requests: int = 3000,
             max_s: float = 20.0, headers: dict[str, str] | None = None) -> LoadFigures:
    """`clients` threads, each with a keep-alive connection, GET paths round-robin until
    `max_requests` in total or `max_s` seconds; a non-200 answer counts as an error."""
    latencies: list[float] = []
    errors = [0]
    issued = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + max_s

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=60)
        k = index
        while True:
            with lock:
                if issued[0] >= max_requests or time.monotonic() > deadline:
                    break
                issued[0] += 1
            path = paths[k % len(paths)]
            k += clients
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers or {})
                answer = conn.getresponse()
                answer.read()
                ok = answer.status == 200
                if answer.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection(host, port, timeout=60)
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=60)
            elapsed = (time.perf_counter() - t0) * 1000
            with lock:
                latencies.append(elapsed)
                errors[0] += 0 if ok else 1
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max_s + 120)
    seconds = time.perf_counter() - started
    if not latencies:
        raise KgError("the load test made no request")
    return LoadFigures(len(latencies), errors[0], seconds, percentile(latencies, 50), percentile(latencies, 95),
                       percentile(latencies, 99), len(latencies) / seconds)


def entity_paths(iris: Sequence[str]) -> list[str]:
    return [f"/entity?iri={urllib.parse.quote(iri, safe='')}" for iri in iris]


def sparql_paths() -> list[str]:
    return [f"/sparql?query={urllib.parse.quote(SPARQL_QUERY, safe='')}"]


def kg_command() -> list[str]:
    """The `kg` console script beside this Python, else the module entry point."""
    script = Path(sys.executable).parent / "kg"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from kg.cli import main; main()"]


def rss_mb(pid: int) -> tuple[float, float]:
    """(RSS of the process, RSS of it and all its descendants) in MiB, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))

    def one(p: int) -> float:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += one(p)
        todo.extend(children.get(p, []))
    return one(pid), total


def serve_benchmark(store: Path, iris: Sequence[str], port: int, *, clients: int = 16, max_requests: int = 3000,
                    max_s: float = 20.0, log: Any = print) -> dict[str, Any]:
    """Start `kg serve`, time it to the first 200, load /entity and /sparql, read its RSS."""
    stderr = tempfile.TemporaryFile()
    started = time.perf_counter()
    proc = subprocess.Popen([*kg_command(), "serve", "--store", str(store), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        if not wait_http(f"http://127.0.0.1:{port}/", 120, proc, headers={"Accept": "text/html"}):
            stderr.seek(0)
            raise KgError(f"kg serve did not start: {stderr.read().decode('utf-8', 'replace')[-400:]}")
        startup = time.perf_counter() - started
        log(f"kg serve answered 200 after {startup:.2f} s")
        idle_rss, _ = rss_mb(proc.pid)
        pages = entity_paths(iris)
        run_load("127.0.0.1", port, pages[:32], clients=4, max_requests=64, max_s=30)  # warm-up
        entity = run_load("127.0.0.1", port, pages, clients=clients, max_requests=max_requests, max_s=max_s,
                          headers={"Accept": "text/html"})
        log(f"/entity: {entity}")
        sparql_headers = {"Accept": "application/sparql-results+json"}
        run_load("127.0.0.1", port, sparql_paths(), clients=2, max_requests=8, max_s=30, headers=sparql_headers)
        sparql = run_load("127.0.0.1", port, sparql_paths(), clients=clients, max_requests=max_requests // 3,
                          max_s=max_s, headers=sparql_headers)
        log(f"/sparql: {sparql}")
        main_rss, total_rss = rss_mb(proc.pid)
    finally:
        stop(proc)
        stderr.close()
    return {"startup_s": startup, "entity": entity, "sparql": sparql, "rss_mb": main_rss,
            "rss_total_mb": total_rss, "idle_rss_mb": idle_rss}


def sample_entities(store: Any, count: int = 200, seed: int = 1) -> list[str]:
    """A fixed mix of entity IRIs: councils, committees, people, posts, decisions, duties, Acts."""
    classes = ["kg:LocalAuthority", "org:Organization", "foaf:Person", "org:Post", "kg:Decision",
               "kg:Duty", "kg:Act", "kg:Meeting", "kg:SourceDocument"]
    rng = random.Random(seed)
    chosen: list[str] = []
    for cls in classes:
        found = [s["e"].value for s in store.query(f"SELECT DISTINCT ?e WHERE {{ ?e a {cls} }} ORDER BY ?e LIMIT 5000")]
        rng.shuffle(found)
        chosen += found[: max(1, count // len(classes))]
    if not chosen:
        raise KgError("no entity to request in the store")
    rng.shuffle(chosen)
    return chosen[:count]


