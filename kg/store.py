"""The embedded Oxigraph store: open it, replace named graphs atomically, query it.

Everything else in the product reads the graph through this module, so there is one copy of
the data (the store) and one place that knows how Oxigraph behaves: it keeps values not
spellings, it allows one read-write process per folder, and a single SPARQL update is a
transaction (all or nothing).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import pyoxigraph as ox
import rdflib

from kg.errors import KgError
from kg.namespaces import PREFIXES
from kg.sparql_http import is_remote_spec

if TYPE_CHECKING:
    from kg.remote_store import RemoteStore

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_STORE_DIR = ".kg-store"
STORE_ENV = "KG_STORE"

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


def default_store_path() -> Path:
    """$KG_STORE if set, else `.kg-store/` in the project root (documented in the README)."""
    env = os.environ.get(STORE_ENV)
    return Path(env) if env else PROJECT_ROOT / DEFAULT_STORE_DIR


def resolve_store_path(spec: str | os.PathLike[str] | None) -> Path:
    """Turn a `--store` value into a folder path, refusing specs this build cannot open."""
    if spec is None or str(spec) == "":
        return default_store_path()
    text = str(spec)
    if text.startswith(("http://", "https://")):
        raise KgError(
            f"{text} is a SPARQL endpoint, not a store folder (open it with kg.store.open_store)",
            where="--store",
        )
    return Path(text)


def open_store(
    spec: str | os.PathLike[str] | None = None, *, create: bool = True, read_only: bool = False
) -> AnyStore:
    """Open the store a `--store` value names: an http(s) URL is a SPARQL endpoint, anything else a folder."""
    if is_remote_spec(spec):
        from kg.remote_store import RemoteStore  # here, not at the top: kg.remote_store imports this module

        return RemoteStore.open(str(spec), create=create, read_only=read_only)
    return KgStore.open(spec, create=create, read_only=read_only)


def parse_rdf_file(path: Path, graph_iri: str) -> list[ox.Quad]:
    """Parse a whole RDF file into quads of one named graph, before anything touches the store.

    Parsing first means a syntax error on line 1,001 leaves the store exactly as it was; the
    error names the file, line and column.
    """
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise KgError(f"unknown RDF file type {path.suffix!r}", where=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KgError(f"cannot read file: {exc.strerror or exc}", where=str(path)) from exc
    return parse_rdf_bytes(data, fmt, graph_iri, source=str(path), base_iri=path.resolve().as_uri())


def parse_rdf_bytes(
    data: bytes,
    fmt: ox.RdfFormat,
    graph_iri: str,
    *,
    source: str,
    base_iri: str | None = None,
) -> list[ox.Quad]:
    """Parse RDF bytes with Oxigraph's parser (never rdflib's: it is not atomic on errors)."""
    if b"\x00" in data[:8192]:
        raise KgError("binary data, not RDF text", where=source)
    graph = ox.NamedNode(graph_iri)
    try:
        return [
            ox.Quad(q.subject, q.predicate, q.object, graph)
            for q in ox.parse(data, format=fmt, base_iri=base_iri)
        ]
    except SyntaxError as exc:
        raise KgError(_syntax_message(exc), where=_syntax_where(source, exc)) from exc
    except ValueError as exc:  # bad IRIs and similar reported by the parser
        raise KgError(str(exc), where=source) from exc


def _syntax_where(source: str, exc: SyntaxError) -> str:
    if exc.lineno:
        return f"{source}:{exc.lineno}:{exc.offset or 1}"
    return source


def _syntax_message(exc: SyntaxError) -> str:
    message = exc.msg if isinstance(exc.msg, str) else str(exc)
    if message.startswith("Parser error between"):
        message = message.split(": ", 1)[-1]
    return f"RDF syntax error: {message}"


def _checked_iri(iri: str) -> str:
    """Refuse a graph name that is not a valid IRI before it goes into an update's text."""
    try:
        return ox.NamedNode(iri).value
    except ValueError as exc:
        raise KgError(f"not a valid graph IRI: {iri!r} ({exc})") from exc


def graph_to_quads(graph: rdflib.Graph, graph_iri: str) -> list[ox.Quad]:
    """Move an rdflib graph (the extractor's output) into Oxigraph quads of one named graph."""
    data = graph.serialize(format="nt", encoding="utf-8")
    return parse_rdf_bytes(data, ox.RdfFormat.N_TRIPLES, graph_iri, source=f"<{graph_iri}>")


class KgStore:
    """One open store. Use `KgStore.open(spec)` for the on-disk store, `KgStore.memory()` in tests."""

    def __init__(self, store: ox.Store, path: Path | None) -> None:
        self._store = store
        self.path = path

    @classmethod
    def open(
        cls,
        spec: str | os.PathLike[str] | None = None,
        *,
        create: bool = True,
        read_only: bool = False,
    ) -> KgStore:
        """Open (and by default create) the store folder.

        Oxigraph allows one read-write process per folder; a second one gets a clear message
        instead of a raw lock error. Commands that only read open the store read-only, which
        takes no lock, so `kg query` works while `kg serve` (which never writes) holds it.
        """
        path = resolve_store_path(spec)
        if (read_only or not create) and not path.exists():
            raise KgError("no store here yet; run `kg build` first", where=str(path))
        if path.exists() and not path.is_dir():
            raise KgError("the store path is a file, not a folder", where=str(path))
        try:
            store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise KgError(
                    "the store is in use by another process (is `kg serve`, `kg build` or "
                    "`kg ingest` running?); stop it and try again",
                    where=str(path),
                ) from exc
            raise KgError(f"cannot open the store: {exc}", where=str(path)) from exc
        return cls(store, path)

    @classmethod
    def memory(cls) -> KgStore:
        """An in-memory store, for tests and one-off extraction."""
        return cls(ox.Store(), None)

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for the few callers that need its full API."""
        return self._store

    # -- writing -------------------------------------------------------------------------

    def replace_graphs(self, graphs: Mapping[str, rdflib.Graph | Iterable[ox.Quad]]) -> None:
        """Drop and re-add the given named graphs in one transaction (all or nothing).

        One SPARQL update is one Oxigraph transaction, so a reader never sees a half-replaced
        document and a failure leaves every graph as it was.
        """
        parts: list[str] = []
        for graph_iri, content in graphs.items():
            graph_iri = _checked_iri(graph_iri)
            quads = (
                graph_to_quads(content, graph_iri)
                if isinstance(content, rdflib.Graph)
                else [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(graph_iri)) for q in content]
            )
            parts.append(f"DROP SILENT GRAPH <{graph_iri}>")
            if quads:
                triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
                body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
                parts.append(f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}}} }}")
        if parts:
            self._update(" ;\n".join(parts))

    def drop_graphs(self, graph_iris: Iterable[str]) -> None:
        """Remove whole named graphs in one transaction."""
        update = " ;\n".join(f"DROP SILENT GRAPH <{_checked_iri(g)}>" for g in graph_iris)
        if update:
            self._update(update)

    def bulk_load(self, quads: Iterable[ox.Quad]) -> None:
        """Oxigraph's bulk loader: fast and, since 0.5, atomic. For empty or fresh stores."""
        try:
            self._store.bulk_extend(quads)
        except OSError as exc:
            raise KgError(f"bulk load failed: {exc}", where=str(self.path or "<memory>")) from exc

    def _update(self, update: str) -> None:
        try:
            self._store.update(update)
        except (SyntaxError, OSError, ValueError) as exc:
            raise KgError(f"store update failed: {exc}", where=str(self.path or "<memory>")) from exc

    def flush(self) -> None:
        """Make sure everything written is on disk before the process reports success."""
        self._store.flush()

    # -- reading -------------------------------------------------------------------------

    def query(self, sparql: str, *, union: bool = True) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query with the project's prefixes predeclared.

        `union=True` makes the default graph the union of all named graphs, so analysts can
        query without GRAPH clauses.
        """
        try:
            return self._store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=union)
        except SyntaxError as exc:
            raise KgError(f"SPARQL syntax error: {exc}", where="query") from exc
        except OSError as exc:
            raise KgError(f"query failed: {exc}", where="query") from exc

    def named_graphs(self) -> list[str]:
        """Every named graph in the store, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self, graph_iri: str | None = None) -> Iterator[ox.Quad]:
        """All quads, or those of one named graph."""
        graph = ox.NamedNode(graph_iri) if graph_iri else None
        return self._store.quads_for_pattern(None, None, None, graph)

    def __len__(self) -> int:
        return len(self._store)

    def to_rdflib(self, graph_iris: Iterable[str] | None = None) -> rdflib.Graph:
        """The union of some (or all) named graphs as an rdflib Graph, e.g. for pySHACL."""
        if graph_iris is None:
            quads: Iterable[ox.Quad] = self._store.quads_for_pattern(None, None, None, None)
        else:
            quads = [q for g in graph_iris for q in self.quads(g)]
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        union = rdflib.Graph()
        union.parse(data=data, format="nt")
        for prefix, iri in PREFIXES.items():
            union.bind(prefix, iri)
        return union

    def dump(self, out: io.BufferedIOBase, fmt: ox.RdfFormat, graph_iri: str | None = None) -> None:
        """Write the store (or one graph) in an RDF format."""
        if graph_iri:
            self._store.dump(out, format=fmt, from_graph=ox.NamedNode(graph_iri))
        else:
            self._store.dump(out, format=fmt)


#: Either kind of store; both have the same methods (kg.remote_store keeps KgStore's contract).
AnyStore: TypeAlias = "KgStore | RemoteStore"
