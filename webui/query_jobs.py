"""One SPARQL job, run against a pyoxigraph-like store and serialised where it ran.

Why a module of its own: user queries run in worker processes (webui.query_workers) that can
be killed at the deadline, and pyoxigraph result objects cannot cross a process boundary.
So the job (query text, dataset options, what to produce) is plain JSON, and the answer is
either a file of serialised results (the SPARQL protocol formats and the UI's CSV export,
streamed to the client from disk with bounded memory) or, for an HTML/JSON page, the first
`row_limit` rows encoded as JSON terms plus the total row count. The same `execute` runs
in-process for in-memory and remote stores, so both paths produce identical bytes.

This module imports no Flask: a worker only needs pyoxigraph and the project's prefixes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import IO, Any, Union

import pyoxigraph as ox

from kg.namespaces import PREFIXES

Result = Union[ox.QuerySolutions, ox.QueryBoolean, ox.QueryTriples]
Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]

#: The SPARQL protocol's result formats: key -> (media type, pyoxigraph format).
RESULT_FORMATS: dict[str, tuple[str, ox.QueryResultsFormat]] = {
    "json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "csv": ("text/csv", ox.QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
}
GRAPH_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "ttl": ("text/turtle", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
KINDS = ("solutions", "boolean", "triples")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # as webui.listing: UI CSV exports only


def make_job(text: str, mode: str, *, base_iri: str | None = None, union: bool = True,
             default_graphs: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None,
             formats: Mapping[str, str] | None = None, row_limit: int = 0) -> dict[str, Any]:
    """A JSON-able job. `mode` is "protocol" (serialise in `formats[kind]`, a key of the tables
    above or "!message" to refuse that kind), "table" (rows for a page) or "csv" (UI export)."""
    if mode not in ("protocol", "table", "csv"):
        raise ValueError(f"unknown job mode {mode!r}")
    return {"text": text, "mode": mode, "base_iri": base_iri, "union": union,
            "default_graphs": list(default_graphs) if default_graphs is not None else None,
            "named_graphs": list(named_graphs) if named_graphs is not None else None,
            "formats": dict(formats or {}), "row_limit": row_limit}


def run_query(store: Any, job: Mapping[str, Any]) -> Result:
    """Run the job's query on a pyoxigraph Store (or kg.remote_oxigraph.RemoteOxigraph)."""
    options: dict[str, Any] = {"prefixes": PREFIXES, "base_iri": job.get("base_iri")}
    if job.get("default_graphs") is not None or job.get("named_graphs") is not None:
        options["default_graph"] = [ox.NamedNode(i) for i in job.get("default_graphs") or []]
        options["named_graphs"] = [ox.NamedNode(i) for i in job.get("named_graphs") or []]
    elif job.get("union", True):
        options["use_default_graph_as_union"] = True
    return store.query(job["text"], **options)  # type: ignore[no-any-return]


def kind_of(result: Result) -> str:
    if isinstance(result, ox.QueryBoolean):
        return "boolean"
    return "triples" if isinstance(result, ox.QueryTriples) else "solutions"


def execute(store: Any, job: Mapping[str, Any], out: IO[bytes] | None) -> dict[str, Any]:
    """Run one job; the answer header (JSON-able). Protocol and CSV modes write to `out`.

    Errors the client caused come back as {"ok": False, "status": 400, "message": ...};
    anything else propagates (the worker reports it as a 500 without details).
    """
    try:
        result = run_query(store, job)
    except SyntaxError as exc:
        return {"ok": False, "status": 400, "message": f"SPARQL syntax error: {exc}"}
    except ValueError as exc:
        return {"ok": False, "status": 400, "message": f"invalid query: {exc}"}
    kind = kind_of(result)
    if job["mode"] == "table":
        return _table(result, kind, int(job["row_limit"]))
    assert out is not None
    if job["mode"] == "csv":
        _ui_csv(result, kind, out)
        return {"ok": True, "kind": kind, "media": "text/csv"}
    key = job["formats"].get(kind, "")
    if not key or key.startswith("!"):
        return {"ok": False, "status": 400, "message": key[1:] or f"no format for a {kind} result"}
    if kind == "triples":
        media, rdf_format = GRAPH_FORMATS[key]
        ox.serialize(result, out, format=rdf_format)  # type: ignore[call-overload]
    else:
        media, results_format = RESULT_FORMATS[key]
        result.serialize(out, format=results_format)  # type: ignore[union-attr]
    return {"ok": True, "kind": kind, "media": media, "format": key}


def _columns_and_rows(result: Result, kind: str) -> tuple[list[str], Any]:
    if kind == "triples":
        return ["subject", "predicate", "object"], ([t.subject, t.predicate, t.object] for t in result)  # type: ignore[union-attr]
    columns = [v.value for v in result.variables]  # type: ignore[union-attr]
    return columns, ([s[c] for c in columns] for s in result)  # type: ignore[union-attr]


def _table(result: Result, kind: str, row_limit: int) -> dict[str, Any]:
    """The first `row_limit` rows as JSON terms and the total count (the rest is only counted)."""
    if kind == "boolean":
        return {"ok": True, "kind": kind, "columns": ["boolean"], "rows": [], "total": 1,
                "boolean": bool(result)}
    columns, rows = _columns_and_rows(result, kind)
    kept: list[list[Any]] = []
    total = 0
    for row in rows:
        if total < row_limit:
            kept.append([encode_term(t) for t in row])
        total += 1
    return {"ok": True, "kind": kind, "columns": columns, "rows": kept, "total": total, "boolean": None}


def plain_value(term: Term | None) -> str | None:
    """A term's plain text, as webui.context.value gives it."""
    if term is None:
        return None
    return str(term) if isinstance(term, ox.Triple) else term.value


def safe_cell(text: str | None) -> str:
    """A CSV cell a spreadsheet will not evaluate as a formula (same rule as webui.listing)."""
    if not text:
        return ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _ui_csv(result: Result, kind: str, out: IO[bytes]) -> None:
    """The UI's CSV export, written row by row (the raw endpoint keeps spec-exact CSV)."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\r\n")
    if kind == "boolean":
        writer.writerow(["boolean"])
        writer.writerow(["true" if bool(result) else "false"])
    else:
        columns, rows = _columns_and_rows(result, kind)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([safe_cell(plain_value(t)) for t in row])
    text.flush()
    text.detach()


def encode_term(term: Term | None) -> Any:
    """A term as JSON: {"i": iri} | {"b": id} | {"l": text, "lang"|"dt": ...} | {"t": [s, p, o]}."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"i": term.value}
    if isinstance(term, ox.BlankNode):
        return {"b": term.value}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"l": term.value, "lang": term.language}
        return {"l": term.value, "dt": term.datatype.value}
    return {"t": [encode_term(term.subject), encode_term(term.predicate), encode_term(term.object)]}


def decode_term(data: Any) -> Term | None:
    """The inverse of encode_term."""
    if data is None:
        return None
    if "i" in data:
        return ox.NamedNode(data["i"])
    if "b" in data:
        return ox.BlankNode(data["b"])
    if "l" in data:
        if "lang" in data:
            return ox.Literal(data["l"], language=data["lang"])
        return ox.Literal(data["l"], datatype=ox.NamedNode(data["dt"]))
    s, p, o = (decode_term(x) for x in data["t"])
    return ox.Triple(s, p, o)  # type: ignore[arg-type]
