"""`kg build`: load the ontology, the curated data and the seed minutes into a fresh store.

The build writes a complete new store in a staging folder with Oxigraph's bulk loader and
only then swaps it in, so a failure at any point (a syntax error in one file, a crash, a
full disk) leaves the previous store exactly as it was. Documents ingested from outside
`data/minutes/` are carried over from the previous store, so a rebuild never loses them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import changes
from kg.errors import KgError
from kg.iris import data_graph
from kg.namespaces import GRAPH
from kg.review import REVIEWS_FILE, apply_reviews
from kg.sparql_http import is_remote_spec
from kg.store import PROJECT_ROOT, KgStore, parse_rdf_file, resolve_store_path

CURATED_PATTERNS = ("ontology/kg.ttl", "ontology/vocab/*.ttl", "data/**/*.ttl")
MINUTES_DIR = "data/minutes"
DOC_GRAPH_PREFIX = f"{GRAPH}doc/"

#: Turns the minutes folder into named graphs; the ingestion package registers itself here.
DocumentLoader = Callable[[Path], dict[str, list[ox.Quad]]]


@dataclass
class BuildReport:
    """What a build loaded, for the CLI summary and the issue notes."""

    store_path: Path | str  # a folder, or the URL of a SPARQL server
    graphs: dict[str, int] = field(default_factory=dict)  # graph IRI -> triples
    carried_over: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def curated_files(root: Path = PROJECT_ROOT) -> list[Path]:
    """The curated RDF files a build loads, in a stable order."""
    found: set[Path] = set()
    for pattern in CURATED_PATTERNS:
        found.update(p for p in root.glob(pattern) if p.is_file())
    return sorted(found)


def graph_for_file(path: Path, root: Path = PROJECT_ROOT) -> str:
    """One named graph per curated file, named by its path in the project."""
    return data_graph(path.resolve().relative_to(root.resolve()).as_posix())


def parse_curated(root: Path = PROJECT_ROOT) -> dict[str, list[ox.Quad]]:
    """Parse every curated file before touching any store; the first error stops the build."""
    return {graph_for_file(p, root): parse_rdf_file(p, graph_for_file(p, root)) for p in curated_files(root)}


def build(
    store_spec: str | None = None,
    *,
    root: Path = PROJECT_ROOT,
    load_documents: DocumentLoader | None = None,
) -> BuildReport:
    """Build the store from the project's sources and swap it in atomically."""
    if is_remote_spec(store_spec):
        return _build_on_server(str(store_spec), root, load_documents)
    target = resolve_store_path(store_spec)
    graphs = parse_curated(root)
    report = BuildReport(store_path=target)
    if load_documents is not None and (root / MINUTES_DIR).is_dir():
        graphs.update(load_documents(root / MINUTES_DIR))

    carried = _carry_over(target, owned=set(graphs))
    review_warnings = apply_reviews(graphs, carried, path=root / REVIEWS_FILE)
    if load_documents is not None:
        report.warnings += review_warnings
    change_entry = changes.prepare_build(target, {**graphs, **carried})
    staging = target.with_name(target.name + ".building")
    _remove(staging)
    try:
        fresh = KgStore.open(staging)
        fresh.bulk_load(q for quads in graphs.values() for q in quads)
        for graph_iri, quads in carried.items():
            fresh.bulk_load(quads)
            report.carried_over.append(graph_iri)
        fresh.flush()
        for graph_iri, quads in {**graphs, **carried}.items():
            report.graphs[graph_iri] = len(quads)
        del fresh
        _swap(staging, target)
    except BaseException:
        _remove(staging)
        raise
    changes.append(target, change_entry)
    return report


def _build_on_server(url: str, root: Path, load_documents: DocumentLoader | None) -> BuildReport:
    """`kg build --store URL`: parse everything first, then one update request (kg.remote_store.build_remote)."""
    from kg.remote_store import RemoteStore, build_remote

    graphs = parse_curated(root)
    if load_documents is not None and (root / MINUTES_DIR).is_dir():
        graphs.update(load_documents(root / MINUTES_DIR))
    apply_reviews(graphs, path=root / REVIEWS_FILE)
    store = RemoteStore.open(url)
    report = BuildReport(store_path=url)
    report.carried_over = [g for g in store.named_graphs() if g.startswith(DOC_GRAPH_PREFIX) and g not in graphs]
    build_remote(store, graphs)
    report.graphs = {g: len(q) for g, q in graphs.items()}
    report.graphs.update(count_by_graph(store, report.carried_over))
    return report


def _carry_over(target: Path, owned: set[str]) -> dict[str, list[ox.Quad]]:
    """Document graphs in the old store that this build does not produce (ingested by hand)."""
    if not target.exists():
        return {}
    old = KgStore.open(target, create=False)
    try:
        keep = [g for g in old.named_graphs() if g.startswith(DOC_GRAPH_PREFIX) and g not in owned]
        return {g: list(old.quads(g)) for g in keep}
    finally:
        del old


def _swap(staging: Path, target: Path) -> None:
    """Replace the target folder with the staging one; the old store is kept until the end."""
    previous = target.with_name(target.name + ".previous")
    _remove(previous)
    if target.exists():
        target.rename(previous)
    try:
        staging.rename(target)
    except OSError as exc:
        if previous.exists():
            previous.rename(target)
        raise KgError(f"could not put the new store in place: {exc}", where=str(target)) from exc
    _remove(previous)


def _remove(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)


def count_by_graph(store: KgStore, graphs: Iterable[str]) -> dict[str, int]:
    """Triples per named graph, for reports."""
    return {g: sum(1 for _ in store.quads(g)) for g in graphs}
