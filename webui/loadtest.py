"""A bounded load generator for a running `kg serve`: N clients for T seconds, on loopback only.

Why here: the benchmark owner and the hardening tests need the same numbers (request count,
errors, p50/p95/p99 latency, throughput) from the same mix of requests a public deployment
sees: entity pages, search, list pages and /sparql. It refuses any host but loopback and caps
clients and duration, so it cannot be pointed at someone else's server by accident.

    python -m webui.loadtest http://127.0.0.1:8000 --clients 4 --seconds 3

Each client keeps one HTTP/1.1 connection (http.client) and walks the path list round-robin
from its own offset; any answer other than 200, and any exception, counts as an error, with up
to ten samples kept.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from kg.errors import KgError

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
MAX_CLIENTS = 64
MAX_SECONDS = 600.0
SPARQL_QUERIES = (
    "ASK { ?s ?p ?o }",
    "SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n) LIMIT 10",
    "SELECT ?s ?label WHERE { ?s rdfs:label|skos:prefLabel|foaf:name ?label } LIMIT 20",
)


@dataclass
class LoadReport:
    """What a run measured; latencies in milliseconds."""

    clients: int
    seconds: float
    requests: int = 0
    errors: int = 0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    throughput_rps: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)


def _percentile(sorted_ms: list[float], q: float) -> float:
    if not sorted_ms:
        return 0.0
    if len(sorted_ms) == 1:
        return sorted_ms[0]
    cuts = statistics.quantiles(sorted_ms, n=100, method="inclusive")
    return round(cuts[int(q) - 1], 2)


def check_target(base_url: str, clients: int, seconds: float) -> urllib.parse.SplitResult:
    """Refuse anything but a loopback http URL and unbounded runs."""
    parts = urllib.parse.urlsplit(base_url)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK_HOSTS:
        raise KgError(f"load tests run against loopback only (http://127.0.0.1:PORT), not {base_url!r}")
    if not 1 <= clients <= MAX_CLIENTS:
        raise KgError(f"clients must be 1..{MAX_CLIENTS}")
    if not 0 < seconds <= MAX_SECONDS:
        raise KgError(f"seconds must be more than 0 and at most {MAX_SECONDS:g}")
    return parts


def default_paths(base_url: str, entities: int = 30) -> list[str]:
    """A realistic mix: entity pages of real nodes, search, lists, and /sparql queries."""
    parts = check_target(base_url, 1, 1)
    query = f"SELECT DISTINCT ?s WHERE {{ ?s a ?t FILTER(isIRI(?s)) }} LIMIT {int(entities)}"
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    try:
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                           headers={"Accept": "application/sparql-results+json"})
        answer = connection.getresponse()
        body = answer.read()
        if answer.status != 200:
            raise KgError(f"the server answered {answer.status} to the entity listing query", where=base_url)
    finally:
        connection.close()
    iris = [b["s"]["value"] for b in json.loads(body)["results"]["bindings"]]
    paths = ["/entity?" + urllib.parse.urlencode({"iri": iri}) for iri in iris]
    paths += ["/", "/search?q=council", "/search?q=act&format=json", "/acts", "/councils"]
    paths += ["/sparql?" + urllib.parse.urlencode({"query": q}) for q in SPARQL_QUERIES]
    return paths


def _accept(path: str) -> str:
    """What a SPARQL client or a browser would send (a browser on /sparql is redirected)."""
    if path.startswith("/sparql"):
        return "application/sparql-results+json"
    return "text/html,application/json;q=0.9"


def run_load(base_url: str, *, clients: int = 4, seconds: float = 3.0, paths: Sequence[str] | None = None,
             timeout: float = 60.0) -> LoadReport:
    """Run `clients` threads against `base_url` for `seconds`; the report of every request."""
    parts = check_target(base_url, clients, seconds)
    todo = list(paths) if paths else default_paths(base_url)
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    samples: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(offset: int) -> None:
        mine: list[float] = []
        seen: Counter[str] = Counter()
        errors: list[str] = []
        connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
        i = offset
        while time.monotonic() < deadline:
            path = todo[i % len(todo)]
            i += 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": _accept(path)})
                answer = connection.getresponse()
                answer.read()
                status = str(answer.status)
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
            mine.append((time.perf_counter() - started) * 1000)
            seen[status] += 1
            if status != "200" and len(errors) < 10:
                errors.append(f"{status} {path}")
        connection.close()
        with lock:
            latencies.extend(mine)
            statuses.update(seen)
            samples.extend(errors[: max(0, 10 - len(samples))])

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n * 7,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + timeout + 5)
    elapsed = time.monotonic() - started
    ordered = sorted(latencies)
    return LoadReport(
        clients=clients, seconds=round(elapsed, 3), requests=len(ordered),
        errors=sum(n for s, n in statuses.items() if s != "200"),
        p50_ms=_percentile(ordered, 50), p95_ms=_percentile(ordered, 95), p99_ms=_percentile(ordered, 99),
        max_ms=round(ordered[-1], 2) if ordered else 0.0,
        throughput_rps=round(len(ordered) / elapsed, 2) if elapsed else 0.0,
        statuses=dict(statuses), error_samples=samples)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="base URL of a running kg serve, on loopback")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args(argv)
    try:
        report = run_load(args.url, clients=args.clients, seconds=args.seconds)
    except KgError as exc:
        print(f"error: {exc}")
        return 2
    print(report.to_json())
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
