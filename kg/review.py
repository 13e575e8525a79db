"""Reviews of extracted facts: a file in data/ that says "fact X reviewed/disputed by WHO on WHEN".

Why a file and not an edit to the store: the store is rebuilt from sources, so a status set
in the store would be lost on the next `kg build`. `data/reviews.ttl` is a source like the
curated data; the build applies it (apply_reviews) to the document graphs it loads, so a
fact's status survives rebuilds and re-ingests, and the file is reviewed in git like any
curated change. Being Turtle under data/, the build also loads it as its own named graph, so
who reviewed what, when and why can be queried (queries/fact-status.rq).

Status rule (documented in the issue-9 notes): extracted facts carry kg:status in their
document graph; curated nodes carry none, and queries read "no kg:status" as
kgc:status-curated (COALESCE(?status, "curated")). Adding a status triple to every curated
node would double the curated triples for no information.

A review is a Web Annotation (no new ontology class needed)::

    <https://w3id.org/csckg/id/review/{hash}> a oa:Annotation ;
        oa:motivatedBy oa:assessing ; oa:hasTarget <fact> ;
        kg:status kgc:status-disputed ; dct:creator "Name" ;
        dct:created "2026-11-26T07:30:00Z"^^xsd:dateTime ; oa:bodyValue "note" .

The IRI is a hash of the record (fact, status, by, time, note): derived from the thing, never a
counter. The latest review of a fact (by dct:created) decides its status.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.errors import KgError
from kg.namespaces import KG, KGC, KGID, OA
from kg.store import PROJECT_ROOT, KgStore, parse_rdf_file

REVIEWS_FILE = "data/reviews.ttl"
STATUSES = ("reviewed", "disputed")
_STATUS = ox.NamedNode(str(KG.status))
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ANNOTATION = ox.NamedNode(str(OA.Annotation))
_TARGET = ox.NamedNode(str(OA.hasTarget))
_CREATED = ox.NamedNode("http://purl.org/dc/terms/created")
_HEADER = """# Reviews of extracted facts, written by `kg review` and applied by `kg build` (kg/review.py).
# One oa:Annotation per review; the latest (dct:created) decides the fact's kg:status.
@prefix kg:   <https://w3id.org/csckg/def/> .
@prefix kgc:  <https://w3id.org/csckg/concept/> .
@prefix oa:   <http://www.w3.org/ns/oa#> .
@prefix dct:  <http://purl.org/dc/terms/> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
"""


@dataclass(frozen=True)
class Review:
    fact: str
    status: str  # "reviewed" | "disputed"
    by: str
    at: str  # xsd:dateTime, UTC, e.g. 2026-11-26T07:30:00Z
    note: str | None = None

    @property
    def iri(self) -> str:
        key = "\n".join((self.fact, self.status, self.by, self.at, self.note or ""))
        return f"{KGID}review/{hashlib.sha256(key.encode('utf-8')).hexdigest()[:20]}"

    def turtle(self) -> str:
        """The annotation as a self-contained Turtle block (full IRIs; literals escaped by Oxigraph)."""
        note = f" ;\n    oa:bodyValue {ox.Literal(self.note)}" if self.note else ""
        return (f"\n<{ox.NamedNode(self.iri).value}> a oa:Annotation ;\n    oa:motivatedBy oa:assessing ;\n"
                f"    oa:hasTarget <{ox.NamedNode(self.fact).value}> ;\n    kg:status kgc:status-{self.status} ;\n"
                f"    dct:creator {ox.Literal(self.by)} ;\n    dct:created \"{self.at}\"^^xsd:dateTime{note} .\n")


def reviews_path(root: Path = PROJECT_ROOT) -> Path:
    return root / REVIEWS_FILE


def latest_statuses(path: Path) -> dict[str, ox.NamedNode]:
    """fact IRI -> the status concept of its latest review ({} when the file does not exist)."""
    if not path.is_file():
        return {}
    quads = parse_rdf_file(path, "urn:reviews")
    by_node: dict[ox.Term, dict[str, ox.Term]] = {}
    for q in quads:
        by_node.setdefault(q.subject, {})[q.predicate.value] = q.object
    found: dict[str, tuple[str, ox.NamedNode]] = {}
    for props in by_node.values():
        if props.get(_TYPE.value) != _ANNOTATION:
            continue
        target, status, created = props.get(_TARGET.value), props.get(_STATUS.value), props.get(_CREATED.value)
        if not isinstance(target, ox.NamedNode) or not isinstance(status, ox.NamedNode):
            continue
        when = created.value if isinstance(created, ox.Literal) else ""
        if target.value not in found or when >= found[target.value][0]:
            found[target.value] = (when, status)
    return {fact: status for fact, (_, status) in found.items()}


def apply_reviews(*graph_maps: MutableMapping[str, list[ox.Quad]], path: Path | None = None) -> list[str]:
    """Replace the kg:status of every reviewed fact in the given graphs (in place).

    Takes one or more {graph IRI: quads} maps (the build's graphs and the carried-over ones);
    returns warnings for reviews whose fact is in none of them (e.g. re-extraction renumbered it).
    """
    statuses = latest_statuses(path or reviews_path())
    if not statuses:
        return []
    seen: set[str] = set()
    for graphs in graph_maps:
        for graph_iri, quads in list(graphs.items()):
            if not any(q.predicate == _STATUS and q.subject.value in statuses for q in quads):
                continue
            new: list[ox.Quad] = []
            for q in quads:
                if q.predicate == _STATUS and isinstance(q.subject, ox.NamedNode) and q.subject.value in statuses:
                    seen.add(q.subject.value)
                    q = ox.Quad(q.subject, q.predicate, statuses[q.subject.value], q.graph_name)
                new.append(q)
            graphs[graph_iri] = new
    return [f"review of {fact} not applied: no extracted fact with that IRI was loaded"
            for fact in sorted(set(statuses) - seen)]


def review_graph(graph: rdflib.Graph, path: Path | None = None) -> int:
    """For kg ingest: set the reviewed status on an rdflib document graph before it is stored."""
    changed = 0
    for fact, status in latest_statuses(path or reviews_path()).items():
        node = rdflib.URIRef(fact)
        if (node, rdflib.URIRef(_STATUS.value), None) in graph:
            graph.set((node, rdflib.URIRef(_STATUS.value), rdflib.URIRef(status.value)))
            changed += 1
    return changed


def reviewing_loader(loader: Callable[[Path], dict[str, list[ox.Quad]]] | None,
                     path: Path | None = None) -> Callable[[Path], dict[str, list[ox.Quad]]] | None:
    """Wrap a kg.build DocumentLoader so the documents it loads come with reviews applied."""
    if loader is None:
        return None

    def load(folder: Path) -> dict[str, list[ox.Quad]]:
        graphs = loader(folder)
        apply_reviews(graphs, path=path or reviews_path(folder.parent.parent))
        return graphs

    return load


_IS_EXTRACTED = """
ASK { ?fact prov:hadPrimarySource ?doc ; kg:status ?s .
      FILTER (?s IN (kgc:status-extracted, kgc:status-reviewed, kgc:status-disputed)) }
"""


def add_review(store: KgStore, fact: str, status: str, by: str, note: str | None = None,
               path: Path | None = None, at: datetime | None = None) -> Review:
    """Check the fact is an extracted fact in the store, then append the review to the file."""
    if status not in STATUSES:
        raise KgError(f"status must be one of {', '.join(STATUSES)}, not {status!r}", where="--status")
    if not by.strip():
        raise KgError("say who reviewed it", where="--by")
    try:
        node = ox.NamedNode(fact.strip("<>"))
    except ValueError as exc:
        raise KgError(f"not a valid IRI: {fact!r}", where="FACT_IRI") from exc
    if not bool(store.query(_IS_EXTRACTED.replace("?fact", f"<{node.value}>"))):
        raise KgError(f"{node.value} is not an extracted fact in the store (only facts taken from "
                      "documents can be reviewed; curated data is corrected in data/)", where="FACT_IRI")
    moment = (at or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    review = Review(node.value, status, by.strip(), moment, note.strip() if note and note.strip() else None)
    target = path or reviews_path()
    try:
        new_file = not target.exists()
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a", encoding="utf-8", newline="\n") as out:
            if new_file:
                out.write(_HEADER)
            out.write(review.turtle())
    except OSError as exc:
        raise KgError(f"cannot write the review file: {exc.strerror or exc}", where=str(target)) from exc
    parse_rdf_file(target, "urn:check")  # the file must stay valid Turtle; fail loudly if not
    return review


def status_counts(statuses: Mapping[str, ox.NamedNode]) -> dict[str, int]:
    out: dict[str, int] = {}
    for status in statuses.values():
        name = status.value.removeprefix(str(KGC) + "status-")
        out[name] = out.get(name, 0) + 1
    return out
