"""The change log: what each build or ingest changed, one JSON line per run, next to the store.

Why a file next to the store and not a graph in it: `kg build` swaps in a brand-new store
folder, so anything kept inside would be lost or would need carrying over; a sibling file
`{store}.changes.jsonl` survives every rebuild and is readable while the store is locked.
Why fingerprints and not whole diffs: a log entry says which graphs (documents, curated
files) were added, removed or changed, with triple counts; `kg diff` gives the triples.

A fingerprint is (triples, sha256 of the sorted N-Triples lines). Graphs with blank nodes
are hashed through rdflib's canonical form, so a rebuild that renames blank nodes is no
change. Entry shape (JSON), the contract the /changes feed reads:

    {"at": "2026-11-26T07:30:00Z", "action": "build" | "ingest", "store": "<path>",
     "added": [{"graph": g, "triples": n}], "removed": [{"graph": g, "triples": n}],
     "changed": [{"graph": g, "triples_before": n, "triples_after": m}]}

Hooks (the lead adds them; see the issue-9 notes): kg.build calls `prepare_build` before the
swap and `append` after it; kg.ingest.pipeline.ingest_paths uses a `ChangeRecorder`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError
from kg.store import KgStore

LOG_SUFFIX = ".changes.jsonl"


@dataclass(frozen=True)
class Fingerprint:
    triples: int
    digest: str


def fingerprint(triples: Iterable[ox.Triple | ox.Quad]) -> Fingerprint:
    """Count and hash one graph's triples, independent of order and of blank node labels."""
    plain = [ox.Triple(t.subject, t.predicate, t.object) for t in triples]
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in plain):
        from rdflib import Graph
        from rdflib.compare import to_canonical_graph

        graph = Graph()
        graph.parse(data=ox.serialize(plain, format=ox.RdfFormat.N_TRIPLES), format="nt")
        lines = sorted(set(to_canonical_graph(graph).serialize(format="nt").splitlines()) - {""})
    else:
        lines = sorted({str(t) for t in plain})
    return Fingerprint(len(lines), hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest())


def store_fingerprints(store: KgStore, graphs: Iterable[str] | None = None) -> dict[str, Fingerprint]:
    """Fingerprints of some (default: all) named graphs of an open store; absent graphs are left out."""
    names = store.named_graphs() if graphs is None else list(graphs)
    out = {}
    for name in names:
        quads = list(store.quads(name))
        if quads:
            out[name] = fingerprint(quads)
    return out


def folder_fingerprints(path: Path) -> dict[str, Fingerprint]:
    """Fingerprints of every graph of the store folder at `path` ({} when there is none yet)."""
    if not path.exists():
        return {}
    store = KgStore.open(path, create=False)
    try:
        return store_fingerprints(store)
    finally:
        del store


def compare(before: Mapping[str, Fingerprint], after: Mapping[str, Fingerprint]) -> dict[str, list[dict[str, Any]]]:
    """Graphs added, removed and changed between two sets of fingerprints."""
    return {
        "added": [{"graph": g, "triples": after[g].triples} for g in sorted(set(after) - set(before))],
        "removed": [{"graph": g, "triples": before[g].triples} for g in sorted(set(before) - set(after))],
        "changed": [{"graph": g, "triples_before": before[g].triples, "triples_after": after[g].triples}
                    for g in sorted(set(before) & set(after)) if before[g] != after[g]],
    }


def log_path(store_path: Path) -> Path:
    """`/x/store` -> `/x/store.changes.jsonl`."""
    return store_path.with_name(store_path.name + LOG_SUFFIX)


def make_entry(action: str, store_path: Path, delta: Mapping[str, list[dict[str, Any]]],
               at: datetime | None = None) -> dict[str, Any]:
    moment = (at or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    return {"at": moment.strftime("%Y-%m-%dT%H:%M:%SZ"), "action": action, "store": str(store_path), **delta}


def append(store_path: Path, entry: Mapping[str, Any]) -> Path:
    """Add one entry to the store's log (creating it); returns the log's path."""
    path = log_path(store_path)
    try:
        with path.open("a", encoding="utf-8", newline="\n") as out:
            out.write(json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n")
    except OSError as exc:
        raise KgError(f"cannot write the change log: {exc.strerror or exc}", where=str(path)) from exc
    return path


def read_log(store_path: Path) -> list[dict[str, Any]]:
    """Every entry, oldest first; a damaged line is skipped rather than hiding the rest."""
    path = log_path(store_path)
    if not path.is_file():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict) and "at" in entry:
            entries.append(entry)
    return entries


# -- hooks ------------------------------------------------------------------------------------

def prepare_build(target: Path, new_graphs: Mapping[str, Iterable[ox.Quad]]) -> dict[str, Any]:
    """Before kg.build swaps the new store in: the entry comparing the old store with the new graphs."""
    after = {g: fingerprint(q) for g, q in new_graphs.items()}
    return make_entry("build", target, compare(folder_fingerprints(target), {g: f for g, f in after.items() if f.triples}))


@dataclass
class ChangeRecorder:
    """For ingest: note each graph before it is replaced, then write one entry for the run."""

    store: KgStore
    action: str = "ingest"
    before: dict[str, Fingerprint | None] = field(default_factory=dict)

    def replacing(self, graph_iri: str) -> None:
        """Call before the graph is replaced; a store with no folder (remote) is not logged."""
        if getattr(self.store, "path", None) is not None and graph_iri not in self.before:
            self.before[graph_iri] = store_fingerprints(self.store, [graph_iri]).get(graph_iri)

    def write(self) -> dict[str, Any] | None:
        """Append the entry when the store is a folder and something changed; returns it."""
        store_path = getattr(self.store, "path", None)  # a remote store has no folder to log beside
        if store_path is None or not self.before:
            return None
        after = store_fingerprints(self.store, self.before)
        before = {g: f for g, f in self.before.items() if f is not None}
        delta = compare(before, after)
        if not any(delta.values()):
            return None
        entry = make_entry(self.action, store_path, delta)
        append(store_path, entry)
        return entry
