"""Benchmark of ingestion: the current pipeline, its parts, and the fast path that builds the store.

Why separate parts: one figure (documents/s end to end) does not say what to fix. So this module
times, per document, reading + extraction + RDF (`kg.ingest.pipeline.document_graph` without
validation), SHACL validation with each option, and loading with each option, and then runs the
recommended fast path end to end over the whole corpus, which is also how the benchmark's store
is built (so the query, web and remote figures are on exactly the graph that was ingested).

The fast path (benchmarks/README.md, "Recommended ingest"): worker processes extract and
validate each document with pyshacl-turbo against the document graph plus the curated and
ontology triples about the nodes it mentions (its neighbourhood) and the class hierarchy, then
hand N-Triples to the parent, which loads batches with Oxigraph's bulk loader. A document with a
violation about its own nodes is refused, as in the pipeline.
"""

from __future__ import annotations

import multiprocessing as mp
import statistics
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDFS

from kg.build import parse_curated
from kg.errors import KgError
from kg.iris import doc_graph
from kg.store import KgStore

#: Ontology predicates a shape may follow from any node (sh:class through subclasses).
_AXIOMS = (RDFS.subClassOf, RDFS.subPropertyOf)


@dataclass
class IngestFigures:
    """What the ingest phase measured; every rate is documents (or triples) per second."""

    documents: int = 0
    failed: int = 0
    triples: int = 0
    extract_ms: dict[str, float] = field(default_factory=dict)  # read+extract, to_rdf: median ms/doc
    extract_docs_per_s: float = 0.0  # one process, extraction + RDF only
    validate_ms: dict[str, float] = field(default_factory=dict)  # option -> median ms/doc
    slim_agrees: str = ""  # "n/n": turbo-slim gives the same own-node results as pySHACL today
    load_docs_per_s: dict[str, float] = field(default_factory=dict)  # option -> docs/s (load only)
    current_docs_per_s: float = 0.0  # kg.ingest.pipeline.ingest_paths as it is today
    current_sample: int = 0
    fast_docs_per_s: float = 0.0  # the fast path, end to end, whole corpus
    fast_triples_per_s: float = 0.0
    fast_workers: int = 0
    fast_s: float = 0.0


# ------------------------------------------------------------------ per-process state -------

_STATE: dict[str, Any] = {}


def _state() -> dict[str, Any]:
    """Gazetteer, curated context, ontology and compiled shapes, built once per process."""
    if not _STATE:
        from kg.ingest.pipeline import DATA_DIR, ONTOLOGY, build_gazetteer, curated_context
        from kg.validate import _cached_ontology

        ontology = _cached_ontology()
        context = curated_context(DATA_DIR, [])
        _STATE["gazetteer"] = build_gazetteer(DATA_DIR, ONTOLOGY)
        _STATE["context"] = context
        _STATE["ontology"] = ontology
        everything = rdflib.Graph()
        for triple in context:
            everything.add(triple)
        for triple in ontology:
            everything.add(triple)
        _STATE["everything"] = everything
        axioms = rdflib.Graph()
        for predicate in _AXIOMS:
            for triple in ontology.triples((None, predicate, None)):
                axioms.add(triple)
        _STATE["axioms"] = axioms
    return _STATE


def slim_data(graph: rdflib.Graph) -> rdflib.Graph:
    """The document graph, the curated and ontology triples about the nodes it mentions, and
    the class hierarchy: everything the shapes read about this document's own nodes."""
    state = _state()
    data = rdflib.Graph()
    for triple in graph:
        data.add(triple)
    nodes = {o for o in graph.objects() if isinstance(o, rdflib.URIRef)} | set(graph.subjects())
    source = state["everything"]
    for node in nodes:
        for triple in source.triples((node, None, None)):
            data.add(triple)
    for triple in state["axioms"]:
        data.add(triple)
    return data


def own_violations(graph: rdflib.Graph, mode: str) -> set[tuple[str, str, str]]:
    """Results about the document's own nodes, as the pipeline's check_graph counts them.

    mode "pyshacl" / "turbo": today's check (neighbourhood in the curated data, whole ontology);
    "turbo-slim": slim_data() and no separate ontology.
    """
    from kg.ingest.pipeline import _neighbourhood
    from kg.validate import validate

    state = _state()
    if mode == "turbo-slim":
        report = validate(slim_data(graph), ontology=rdflib.Graph(), engine="turbo")
    else:
        report = validate(graph + _neighbourhood(graph, state["context"]), engine=mode)
    subjects = set(graph.subjects())
    return {(str(r.focus), r.source_shape, r.severity) for r in report.results if r.focus in subjects}


def _extract(path: Path) -> tuple[str, rdflib.Graph, float, float]:
    """One document to its graph (no validation), with read+extract and to_rdf times in ms."""
    from kg.ingest.extract import extract
    from kg.ingest.reader import read_document
    from kg.ingest.to_rdf import extraction_to_graph

    t0 = time.perf_counter()
    ex = extract(read_document(path), _state()["gazetteer"])
    t1 = time.perf_counter()
    graph = extraction_to_graph(ex)
    t2 = time.perf_counter()
    return doc_graph(ex.source.doc_id), graph, (t1 - t0) * 1000, (t2 - t1) * 1000


def _fast_chunk(paths: list[str]) -> list[tuple[str, bytes | None, int]]:
    """Worker: extract and turbo-validate a chunk; (graph IRI, N-Triples or None, triples)."""
    out: list[tuple[str, bytes | None, int]] = []
    for text in paths:
        try:
            graph_iri, graph, _, _ = _extract(Path(text))
            bad = [r for r in own_violations(graph, "turbo-slim") if r[2] == "Violation"]
        except KgError:
            out.append((text, None, 0))
            continue
        if bad:
            out.append((text, None, 0))
        else:
            out.append((graph_iri, graph.serialize(format="nt", encoding="utf-8"), len(graph)))
    return out


def _chunks(items: Sequence[Path], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield [str(p) for p in items[start:start + size]]


# ------------------------------------------------------------------ the phase ---------------

def documents(corpus: Path) -> list[Path]:
    """The corpus's documents, in the pipeline's order."""
    from kg.ingest.pipeline import discover

    found, _ = discover([corpus])
    return found


def measure_parts(docs: Sequence[Path], figures: IngestFigures, *, sample: int, log: Any) -> None:
    """Extraction on up to 2,000 documents; validation options and the current pipeline on
    `sample` of them (pySHACL at ~0.2 s a document would otherwise dominate the run)."""
    state = _state()
    docs = docs[:max(sample, 2000)]
    reads, rdfs = [], []
    started = time.perf_counter()
    graphs: list[tuple[str, rdflib.Graph]] = []
    for path in docs:
        graph_iri, graph, read_ms, rdf_ms = _extract(path)
        reads.append(read_ms)
        rdfs.append(rdf_ms)
        if len(graphs) < sample:
            graphs.append((graph_iri, graph))
    elapsed = time.perf_counter() - started
    figures.extract_ms = {"read_extract": statistics.median(reads), "to_rdf": statistics.median(rdfs)}
    figures.extract_docs_per_s = len(docs) / elapsed
    log(f"extraction: {len(docs)} documents in {elapsed:.1f} s")
    agree = 0
    for mode in ("pyshacl", "turbo", "turbo-slim"):
        own_violations(graphs[0][1], mode)  # warm-up: shapes parsed and compiled
        times, verdicts = [], []
        for _, graph in graphs:
            t0 = time.perf_counter()
            verdicts.append(own_violations(graph, mode))
            times.append((time.perf_counter() - t0) * 1000)
        figures.validate_ms[mode] = statistics.median(times)
        if mode == "pyshacl":
            reference = verdicts
        if mode == "turbo-slim":
            agree = sum(a == b for a, b in zip(reference, verdicts))
    figures.slim_agrees = f"{agree}/{len(graphs)}"
    log(f"per-document validation on {len(graphs)} documents: {figures.validate_ms}")
    _measure_current(docs[:sample], figures)
    log(f"current pipeline: {figures.current_docs_per_s:.1f} documents/s on {figures.current_sample}")
    del state


def _measure_current(sample: Sequence[Path], figures: IngestFigures) -> None:
    """kg.ingest.pipeline.ingest_paths as `kg ingest` runs it, into a fresh on-disk store."""
    from kg.ingest.pipeline import ingest_paths

    with tempfile.TemporaryDirectory(prefix="kg-bench-current-") as tmp:
        store = KgStore.open(Path(tmp) / "store")
        started = time.perf_counter()
        summary = ingest_paths(store, list(sample), progress=False)
        store.flush()
        figures.current_docs_per_s = len(sample) / (time.perf_counter() - started)
        figures.current_sample = summary.documents
        del store


def measure_loading(nt_docs: Sequence[tuple[str, bytes]], figures: IngestFigures) -> None:
    """Load the same documents into fresh on-disk stores: one SPARQL update per document
    (today), remove + extend per document, one update per 200 documents, the bulk loader."""
    quads = {iri: [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(iri))
                   for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)] for iri, data in nt_docs}
    items = list(quads.items())
    options = {
        "replace_each": lambda s: [s.replace_graphs({i: q}) for i, q in items],
        "remove_extend_each": lambda s: [_remove_extend(s, i, q) for i, q in items],
        "replace_batch200": lambda s: [s.replace_graphs(dict(items[k:k + 200])) for k in range(0, len(items), 200)],
        "bulk": lambda s: s.bulk_load(q for _, qs in items for q in qs),
    }
    for name, load in options.items():
        with tempfile.TemporaryDirectory(prefix="kg-bench-load-") as tmp:
            store = KgStore.open(Path(tmp) / "store")
            started = time.perf_counter()
            load(store)
            store.flush()
            figures.load_docs_per_s[name] = len(items) / (time.perf_counter() - started)
            del store


def _remove_extend(store: KgStore, graph_iri: str, quads: list[ox.Quad]) -> None:
    """Per document without SPARQL text: remove the graph, then Store.extend (one transaction
    each, so a reader can see the document absent between the two)."""
    graph = ox.NamedNode(graph_iri)
    if store.oxigraph.contains_named_graph(graph):
        store.oxigraph.remove_graph(graph)
    store.oxigraph.extend(quads)


def build_store(docs: Sequence[Path], target: Path, figures: IngestFigures, *, workers: int,
                batch: int = 500, log: Any) -> list[tuple[str, bytes]]:
    """The fast path end to end into `target`: curated data first, then every document.

    Returns a sample of the loaded documents' N-Triples (for measure_loading)."""
    store = KgStore.open(target)
    curated = parse_curated()
    from kg.ingest.pipeline import load_folder_quads
    from kg.build import MINUTES_DIR
    from kg.store import PROJECT_ROOT

    seeds = load_folder_quads(PROJECT_ROOT / MINUTES_DIR)
    store.bulk_load(q for qs in (*curated.values(), *seeds.values()) for q in qs)
    sample: list[tuple[str, bytes]] = []
    pending: list[ox.Quad] = []
    loaded = triples = failed = 0
    started = time.perf_counter()
    ctx = mp.get_context("fork")
    with ctx.Pool(workers, initializer=_state) as pool:
        for chunk in pool.imap(_fast_chunk, _chunks(docs, 25)):
            for graph_iri, data, count in chunk:
                if data is None:
                    failed += 1
                    continue
                graph = ox.NamedNode(graph_iri)
                pending.extend(ox.Quad(t.subject, t.predicate, t.object, graph)
                               for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
                loaded += 1
                triples += count
                if len(sample) < 1000:
                    sample.append((graph_iri, data))
            if len(pending) >= batch * 400:
                store.bulk_load(pending)
                pending = []
    if pending:
        store.bulk_load(pending)
    store.flush()
    elapsed = time.perf_counter() - started
    figures.documents, figures.failed, figures.fast_workers, figures.fast_s = loaded, failed, workers, elapsed
    figures.fast_docs_per_s = len(docs) / elapsed
    figures.fast_triples_per_s = triples / elapsed
    figures.triples = len(store)
    log(f"fast path: {loaded} documents ({failed} refused), {triples} triples in {elapsed:.1f} s")
    del store
    return sample
