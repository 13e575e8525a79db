"""`kg diff OLD NEW`: what changed between two versions of the graph, named graph by named graph.

Why per named graph: one graph is one source file or one ingested document, so "which graphs
changed" answers "which documents changed" directly. IRIs are stable (derived from the thing,
never from a counter), so triples compare as text. Blank nodes have no stable identity: a
graph holding any is compared with rdflib.compare (isomorphism, then graph_diff on the
canonical forms), so a rebuild that renames blank nodes is not a change.

OLD and NEW are each a store folder or an N-Quads (.nq) or TriG (.trig) export
(`kg export --format nquads`). The default graph of an export counts as a graph named "".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from kg.errors import KgError
from kg.store import KgStore

DEFAULT_GRAPH = ""
_FILE_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}

Dataset = dict[str, list[ox.Triple]]


@dataclass
class GraphChange:
    """One named graph that is in both versions and differs: triples as N-Triples lines."""

    graph: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"graph": self.graph, "added": self.added, "removed": self.removed}


@dataclass
class DiffReport:
    """Graphs added, removed and changed (sorted); unchanged graphs are not listed."""

    graphs_added: dict[str, int] = field(default_factory=dict)  # graph -> triples
    graphs_removed: dict[str, int] = field(default_factory=dict)
    changed: list[GraphChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.graphs_added or self.graphs_removed or self.changed)

    def to_json(self, triples: bool = True) -> dict[str, Any]:
        return {
            "graphs_added": [{"graph": g, "triples": n} for g, n in self.graphs_added.items()],
            "graphs_removed": [{"graph": g, "triples": n} for g, n in self.graphs_removed.items()],
            "graphs_changed": [c.to_json() if triples else {"graph": c.graph, "added": len(c.added),
                                                            "removed": len(c.removed)} for c in self.changed],
        }

    def rows(self) -> list[tuple[str, str, int, int]]:
        """(graph, status, triples added, triples removed) for a table."""
        out = [(g, "added", n, 0) for g, n in self.graphs_added.items()]
        out += [(g, "removed", 0, n) for g, n in self.graphs_removed.items()]
        out += [(c.graph, "changed", len(c.added), len(c.removed)) for c in self.changed]
        return sorted(out)


def load(spec: str | Path) -> Dataset:
    """A store folder or an N-Quads/TriG file as {graph IRI: triples}."""
    path = Path(spec)
    if path.is_dir():
        store = KgStore.open(path, read_only=True)
        try:
            return _group(store.quads())
        finally:
            del store
    fmt = _FILE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise KgError("expected a store folder, an .nq or a .trig file", where=str(path))
    if not path.is_file():
        raise KgError("no such file or folder", where=str(path))
    try:
        return _group(ox.parse(path.read_bytes(), format=fmt))
    except SyntaxError as exc:
        raise KgError(f"RDF syntax error: {exc}", where=str(path)) from exc


def _group(quads: Iterable[ox.Quad]) -> Dataset:
    out: Dataset = {}
    for quad in quads:
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else DEFAULT_GRAPH
        out.setdefault(name, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return out


def diff(old: Dataset, new: Dataset) -> DiffReport:
    """Compare two datasets graph by graph."""
    report = DiffReport()
    for name in sorted(set(old) | set(new)):
        if name not in old:
            report.graphs_added[name] = len(set(map(str, new[name])))
        elif name not in new:
            report.graphs_removed[name] = len(set(map(str, old[name])))
        else:
            change = diff_graph(name, old[name], new[name])
            if change is not None:
                report.changed.append(change)
    return report


def diff_graph(name: str, old: list[ox.Triple], new: list[ox.Triple]) -> GraphChange | None:
    """The triples added and removed in one graph, None when the two are the same (isomorphic)."""
    if not (_has_blank(old) or _has_blank(new)):
        before, after = {str(t) + " ." for t in old}, {str(t) + " ." for t in new}
        if before == after:
            return None
        return GraphChange(name, sorted(after - before), sorted(before - after))
    iso_old, iso_new = to_isomorphic(_rdflib(old)), to_isomorphic(_rdflib(new))
    if iso_old == iso_new:
        return None
    _both, only_old, only_new = graph_diff(iso_old, iso_new)
    return GraphChange(name, _nt_lines(only_new), _nt_lines(only_old))


def _has_blank(triples: list[ox.Triple]) -> bool:
    return any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)


def _rdflib(triples: list[ox.Triple]) -> Graph:
    graph = Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def _nt_lines(graph: Graph) -> list[str]:
    data = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted(line for line in data.splitlines() if line.strip())


def diff_paths(old: str | Path, new: str | Path) -> DiffReport:
    """`kg diff OLD NEW` without the printing."""
    return diff(load(old), load(new))
