"""Ingest documents into the store: read → extract → graph → validate → replace the doc graph.

One document is one named graph (kg.iris.doc_graph), replaced in one transaction, so a
re-ingest never leaves a half-written document. A bad document is a warning naming the file:
nothing is written for it and the others still go in.

Validation: the document graph is checked with kg.validate.validate together with the curated
data it points at (a council or committee node lives in data/councils/*.ttl, not in the
document graph); only results about nodes the document graph describes count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import rdflib

from kg import changes
from kg.errors import KgError
from kg.ingest.extract import extract
from kg.ingest.gazetteer import Gazetteer, build_gazetteer
from kg.ingest.model import Extraction
from kg.ingest.reader import DOCUMENT_SUFFIXES, read_document
from kg.ingest.to_rdf import extraction_to_graph
from kg.iris import doc_graph
from kg.review import review_graph

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
ONTOLOGY = PROJECT_ROOT / "ontology" / "kg.ttl"


class GraphStore(Protocol):
    def replace_graphs(self, graphs: Any) -> None: ...


@dataclass
class IngestSummary:
    """What a run did, for the CLI and for tests."""

    documents: int = 0
    facts: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)
    unmatched: Counter[str] = field(default_factory=Counter)  # body names not in the gazetteer


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """Documents under the given files/folders (sidecars are not documents), and problems."""
    found: list[Path] = []
    problems: list[str] = []
    for path in paths:
        text = str(path)
        if "://" in text or text.startswith(("file:", "http:", "https:")):
            problems.append(str(KgError("URLs are not ingested (offline product); give a local path", text)))
        elif path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
        elif path.is_file():
            if path.suffix.lower() in DOCUMENT_SUFFIXES:
                found.append(path)
            else:
                problems.append(str(KgError(f"not a minutes document (expected {', '.join(DOCUMENT_SUFFIXES)})", text)))
        else:
            problems.append(str(KgError("no such file or folder", text)))
    return found, problems


def count_facts(ex: Extraction) -> Counter[str]:
    return Counter({
        "people": len(ex.people), "bodies": len(ex.bodies), "legislation": len(ex.legislation),
        "decisions": len(ex.decisions), "questions": len(ex.questions),
        "answers": sum(1 for q in ex.questions if q.answer_span), "statements": len(ex.statements),
        "amounts": len(ex.amounts), "figures": len(ex.figures),
    })


def document_graph(path: Path, gazetteer: Gazetteer, context: rdflib.Graph | None) -> tuple[str, rdflib.Graph, Extraction]:
    """One document all the way to a validated graph; a KgError names the file on any problem."""
    ex = extract(read_document(path), gazetteer)
    graph = extraction_to_graph(ex)
    if context is not None:
        check_graph(graph, context, str(path))
    return doc_graph(ex.source.doc_id), graph, ex


def check_graph(graph: rdflib.Graph, context: rdflib.Graph, where: str) -> None:
    """SHACL violations about this graph's own nodes → KgError (when kg.validate exists)."""
    try:
        from kg.validate import validate
    except ImportError:
        return
    subjects = set(graph.subjects())
    report = validate(graph + _neighbourhood(graph, context))
    bad = [r for r in report.results if r.severity == "Violation" and r.focus in subjects]
    if bad:
        first = bad[0]
        raise KgError(f"extracted graph fails SHACL ({len(bad)} violations; first: {first.message} on <{first.focus}>)", where)


def _neighbourhood(graph: rdflib.Graph, context: rdflib.Graph) -> rdflib.Graph:
    """The curated triples about nodes this graph points at: all a shape needs, and fast."""
    nodes = {o for o in graph.objects() if isinstance(o, rdflib.URIRef)} | set(graph.subjects())
    found = rdflib.Graph()
    for node in nodes:
        for triple in context.triples((node, None, None)):
            found.add(triple)
    return found


def curated_context(data_dir: Path | None, warnings: list[str]) -> rdflib.Graph:
    """The curated Turtle the document graphs point at, for validation only (never written)."""
    graph = rdflib.Graph()
    if data_dir is None or not data_dir.is_dir():
        return graph
    for path in sorted(data_dir.glob("**/*.ttl")):
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many exception types for bad Turtle
            warnings.append(str(KgError(f"curated file skipped for validation: {str(exc).splitlines()[0]}", str(path))))
    return graph


def ingest_paths(store: GraphStore, paths: Sequence[Path], progress: bool, *,
                 data_dir: Path | None = DATA_DIR, gazetteer: Gazetteer | None = None,
                 validate_graphs: bool = True) -> IngestSummary:
    """Ingest every document under `paths`; one failure never stops the others."""
    summary = IngestSummary()
    documents, problems = discover([Path(p) for p in paths])
    summary.failures += problems
    summary.warnings += problems
    gaz = gazetteer or build_gazetteer(data_dir, ONTOLOGY)
    summary.warnings += gaz.warnings
    context = curated_context(data_dir, summary.warnings) if validate_graphs else None
    seen: dict[str, Path] = {}
    recorder = changes.ChangeRecorder(store)  # type: ignore[arg-type]
    for path in _progress(documents, progress):
        try:
            if path.stem in seen:
                raise KgError(f"document id {path.stem!r} already used by {seen[path.stem]} in this run", str(path))
            graph_iri, graph, ex = document_graph(path, gaz, context)
            review_graph(graph, data_dir / "reviews.ttl" if data_dir else None)
            recorder.replacing(graph_iri)
            store.replace_graphs({graph_iri: graph})
        except KgError as exc:
            summary.failures.append(str(exc))
            summary.warnings.append(str(exc))
            continue
        seen[path.stem] = path
        summary.documents += 1
        summary.graphs.append(graph_iri)
        summary.facts.update(count_facts(ex))
        summary.unmatched.update(b.name for b in ex.bodies if not b.matched)
    recorder.write()
    return summary


def _progress(items: list[Path], show: bool) -> Iterable[Path]:
    if not show:
        yield from items
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("ingesting", total=len(items))
        for item in items:
            bar.update(task, description=f"ingesting {item.name}")
            yield item
            bar.advance(task)


def load_folder_quads(folder: Path) -> dict[str, list[Any]]:
    """For `kg build`: every document in a folder as Oxigraph quads, all or nothing."""
    from kg.store import graph_to_quads

    gaz = build_gazetteer(folder.parent if folder.parent.name == "data" else DATA_DIR, ONTOLOGY)
    found, problems = discover([folder])
    if problems:
        raise KgError(problems[0])
    result: dict[str, list[Any]] = {}
    for path in found:
        graph_iri, graph, _ = document_graph(path, gaz, None)
        result[graph_iri] = graph_to_quads(graph, graph_iri)
    return result
