"""Benchmark of whole-graph SHACL validation, as `kg validate` does it, in a capped child process.

Why a child: validating millions of triples through rdflib can take many minutes and gigabytes;
a child can be stopped at the cap (reported as "timeout") and its memory is returned to the
machine, so the rest of the benchmark is unaffected. The child opens the store read-only, turns
it into an rdflib graph (`KgStore.to_rdflib`, as the CLI does) and runs kg.validate.validate
with the chosen engine; export and validation are timed separately.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import time
from pathlib import Path
from typing import Any


def _child(store_path: str | None, nquads: bytes | None, engine: str, conn: Any) -> None:
    from kg.store import KgStore
    from kg.validate import validate

    t0 = time.perf_counter()
    if nquads is not None:
        store = KgStore.memory()
        store.oxigraph.load(nquads, format=__import__("pyoxigraph").RdfFormat.N_QUADS)
    else:
        store = KgStore.open(store_path, read_only=True)
    graph = store.to_rdflib()
    t1 = time.perf_counter()
    report = validate(graph, engine=engine)
    t2 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    conn.send({"export_s": t1 - t0, "validate_s": t2 - t1, "total_s": t2 - t0, "triples": len(graph),
               "counts": report.counts(), "peak_rss_mb": peak, "status": "ok"})


def whole_graph(engine: str, cap_s: float, *, store_path: Path | None = None,
                nquads: bytes | None = None) -> dict[str, Any]:
    """Validate a store folder (or N-Quads) in a child; {"status": "timeout"} past `cap_s`."""
    ctx = mp.get_context("fork")
    ours, theirs = ctx.Pipe()
    child = ctx.Process(target=_child, args=(str(store_path) if store_path else None, nquads, engine, theirs),
                        daemon=True)
    started = time.perf_counter()
    child.start()
    try:
        if ours.poll(cap_s):
            result: dict[str, Any] = ours.recv()
        else:
            result = {"status": "timeout", "cap_s": cap_s}
        result["wall_s"] = time.perf_counter() - started
        return result
    except EOFError:
        return {"status": "error (the child died; out of memory?)", "wall_s": time.perf_counter() - started}
    finally:
        if child.is_alive():
            child.kill()
        child.join()
