"""SHACL validation of the graph against the project's own shapes.

Why this module exists rather than calling pySHACL directly:

- The shapes always come from the repository (`ontology/shapes.ttl` and `ontology/shapes/`),
  never from the data: with `shacl_graph=None` pySHACL would let shapes embedded in untrusted
  data decide the verdict (research/security-anchors.md, finding 10). Shape triples the data
  carries are stripped as well.
- A store hands us a Dataset of many named graphs, while cross-node rules (a duty's legal basis
  typed in another file) need their union; we validate one private union graph.
- The ontology and vocabularies are mixed into that private copy in full. pySHACL's `ont_graph`
  would only copy RDFS/OWL axioms, and the scheme-restriction shapes also need the vocabularies'
  `skos:inScheme` triples; mixing into our own copy also spares pySHACL a second clone.
- The CLI, the tests and the web UI want results as plain records with readable shape names.
- Two engines sit behind `validate(engine=...)`: pySHACL (the reference, the default) and
  pyshacl-turbo (a compiled Rust engine: the shapes are compiled once per process, then a
  document validates in tens of milliseconds instead of ~0.2 s). tests/test_validate_engines.py
  holds them to identical (focus, shape, severity) sets on every shape fixture, so switching
  engines cannot change a verdict (benchmarks/README.md has the measurements).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from threading import Lock
from typing import Any, Iterable

import pyshacl
from rdflib import BNode, ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import PREFIXES

ROOT = Path(__file__).resolve().parents[1]
SEVERITIES: tuple[str, ...] = ("Violation", "Warning", "Info")
ENGINES: tuple[str, ...] = ("pyshacl", "turbo")
#: Environment variable naming the default engine (e.g. KG_SHACL_ENGINE=turbo), so a deployment
#: can switch without a code change; unset means pySHACL, the reference.
ENGINE_ENV = "KG_SHACL_ENGINE"
# pySHACL is not safe to run concurrently on one shapes graph (RDFLib/pySHACL#314) and the
# shapes graph is shared per process, so validations run one at a time.
_PYSHACL_LOCK = Lock()


# ------------------------------------------------------------------ loading ----------------

def shape_files(root: Path = ROOT) -> list[Path]:
    """The shapes files in load order: the core file, then the split files by name."""
    core = root / "ontology" / "shapes.ttl"
    return ([core] if core.is_file() else []) + sorted((root / "ontology" / "shapes").glob("*.ttl"))


def ontology_files(root: Path = ROOT) -> list[Path]:
    """kg.ttl and the SKOS vocabularies, whichever exist yet."""
    kg_ttl = root / "ontology" / "kg.ttl"
    return ([kg_ttl] if kg_ttl.is_file() else []) + sorted((root / "ontology" / "vocab").glob("*.ttl"))


def _parse_files(paths: Iterable[Path]) -> Graph:
    """Parse Turtle files into one graph, turning parse errors into KgError with the file."""
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    for path in paths:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
            raise KgError(f"cannot parse: {exc}", str(path)) from exc
    return graph


def load_shapes() -> Graph:
    """The project's shapes graph, read fresh from the repository."""
    files = shape_files()
    if not files:
        raise KgError("no shapes found", str(ROOT / "ontology" / "shapes.ttl"))
    return _parse_files(files)


def load_ontology() -> Graph:
    """kg.ttl plus the vocabularies (empty if none is written yet), for subclass and scheme facts."""
    return _parse_files(ontology_files())


@lru_cache(maxsize=1)
def _cached_shapes() -> Graph:
    """Shapes parsed once per process; validate() never mutates them."""
    return load_shapes()


@lru_cache(maxsize=1)
def _cached_ontology() -> Graph:
    """Ontology parsed once per process; it is only read from."""
    return load_ontology()


# ------------------------------------------------------------------ results ----------------

@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, with the shape named compactly (e.g. "kgsh:Duty-legalBasis")."""

    focus: Node
    path: str | None
    value: Node | None
    severity: str
    source_shape: str
    message: str

    def sort_key(self) -> tuple[int, str, str, str, str]:
        """Violations first, then by shape, focus node, path and value."""
        return (SEVERITIES.index(self.severity) if self.severity in SEVERITIES else 9,
                self.source_shape, str(self.focus), self.path or "", _term_text(self.value))

    def to_json(self) -> dict[str, Any]:
        """Terms in SPARQL-JSON style, so IRIs, blank nodes and literals stay distinct."""
        return {"focus": _json_term(self.focus), "path": self.path,
                "value": _json_term(self.value) if self.value is not None else None,
                "severity": self.severity, "source_shape": self.source_shape,
                "message": self.message}


@dataclass
class ValidationReport:
    """The outcome of one validation: conforms means no Violation (Warnings and Infos allowed)."""

    conforms: bool
    results: list[ValidationResult]
    results_graph: Graph = field(repr=False)

    def counts(self) -> dict[str, int]:
        """Number of results per severity, every severity listed."""
        found = Counter(r.severity for r in self.results)
        return {s: found.get(s, 0) for s in SEVERITIES}

    def summary(self) -> str:
        """One line: the verdict and the counts."""
        counts = self.counts()
        parts = ", ".join(f"{n} {s}{'' if n == 1 else 's'}" for s, n in counts.items())
        verdict = "conforms" if self.conforms else "does not conform"
        return f"Validation {verdict}: {parts}."

    def to_text(self) -> str:
        """Readable report: the summary, then one block per shape with its results, sorted."""
        lines = [self.summary()]
        for shape, group in _grouped(sorted(self.results, key=ValidationResult.sort_key)):
            lines.append("")
            lines.append(f"{shape} ({group[0].severity}, {len(group)} result"
                         f"{'' if len(group) == 1 else 's'})")
            for result in group:
                lines.append(f"  - focus: {_term_text(result.focus)}")
                if result.path:
                    lines.append(f"    path: {result.path}")
                if result.value is not None:
                    lines.append(f"    value: {_term_text(result.value)}")
                lines.append(f"    message: {result.message}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {"conforms": self.conforms, "counts": self.counts(),
                "results": [r.to_json() for r in sorted(self.results, key=ValidationResult.sort_key)]}


def _grouped(results: list[ValidationResult]) -> list[tuple[str, list[ValidationResult]]]:
    """Results grouped by (severity, shape), keeping the sorted order."""
    groups: dict[tuple[str, str], list[ValidationResult]] = {}
    for result in results:
        groups.setdefault((result.severity, result.source_shape), []).append(result)
    return [(shape, group) for (_, shape), group in groups.items()]


# ------------------------------------------------------------------ terms ------------------

def compact(iri: Node) -> str:
    """prefix:local for our namespaces, <iri> otherwise, _:id for blank nodes."""
    if isinstance(iri, BNode):
        return f"_:{iri}"
    text = str(iri)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        local = text[len(ns):]
        if text.startswith(ns) and local and all(c.isalnum() or c in "-_." for c in local):
            return f"{prefix}:{local}"
    return f"<{text}>"


def _term_text(node: Node | None) -> str:
    """A term as a person reads it: compact IRIs, quoted literals with their type."""
    if node is None:
        return ""
    if isinstance(node, Literal):
        quoted = '"' + str(node).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        if node.language:
            return f"{quoted}@{node.language}"
        return f"{quoted}^^{compact(node.datatype)}" if node.datatype else quoted
    return compact(node)


def _json_term(node: Node) -> dict[str, str]:
    """A term in SPARQL 1.1 JSON results form."""
    if isinstance(node, Literal):
        out = {"type": "literal", "value": str(node)}
        if node.language:
            out["xml:lang"] = node.language
        elif node.datatype:
            out["datatype"] = str(node.datatype)
        return out
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    return {"type": "uri", "value": str(node)}


def _path_text(graph: Graph, path: Node) -> str:
    """A SHACL path (as copied into the report graph) in SPARQL property-path syntax."""
    if isinstance(path, URIRef):
        return compact(path)
    if graph.value(path, RDF.first) is not None:
        return "/".join(_path_text(graph, p) for p in Collection(graph, path))
    for predicate, fmt in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"),
                           (SH.oneOrMorePath, "{}+"), (SH.zeroOrOnePath, "{}?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            return fmt.format(_path_text(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path_text(graph, p) for p in Collection(graph, alternatives)) + ")"
    return compact(path)


# ------------------------------------------------------------------ validation -------------

def _all_triples(data: Graph) -> Iterable[tuple[Node, Node, Node]]:
    """Every triple of a Graph, or of every named graph of a Dataset (their union)."""
    if isinstance(data, ConjunctiveGraph):  # Dataset is a ConjunctiveGraph
        return ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
    return data.triples((None, None, None))


def _is_shape_triple(predicate: Node, obj: Node) -> bool:
    """A triple that would describe a shape: any sh: predicate, or a type in the sh: namespace."""
    sh_ns = str(SH)
    return str(predicate).startswith(sh_ns) or (predicate == RDF.type and str(obj).startswith(sh_ns))


def trusted_copy(data: Graph | Dataset, ontology: Graph) -> Graph:
    """A private union graph of the data without shape triples, plus our ontology.

    Untrusted data must not bring its own shapes, so every sh: predicate and every sh: type is
    dropped. The subject's other triples stay: otherwise typing a bad node as sh:NodeShape
    would hide it from validation.
    """
    if not isinstance(data, Graph):
        raise KgError(f"expected an rdflib Graph or Dataset, got {type(data).__name__}")
    work = Graph()
    for prefix, iri in PREFIXES.items():
        work.bind(prefix, iri)
    for s, p, o in _all_triples(data):
        if not _is_shape_triple(p, o):
            work.add((s, p, o))
    for triple in ontology:
        work.add(triple)
    return work


def resolve_engine(engine: str | None) -> str:
    """The engine asked for, else $KG_SHACL_ENGINE, else pySHACL; an unknown name is a KgError."""
    name = (engine or os.environ.get(ENGINE_ENV) or "pyshacl").strip().lower()
    if name not in ENGINES:
        raise KgError(f"unknown SHACL engine {name!r}; choose one of {', '.join(ENGINES)}",
                      where=f"engine (or ${ENGINE_ENV})")
    return name


def validate(data: Graph | Dataset, *, shapes: Graph | None = None,
             ontology: Graph | None = None, engine: str | None = None) -> ValidationReport:
    """Validate data against the project's shapes (or `shapes`), never shapes from the data.

    `ontology` defaults to kg.ttl plus the vocabularies; pass an empty Graph to validate the
    data alone (the tests do, so they do not depend on files written in parallel).
    `engine` is "pyshacl" (default) or "turbo" (see the module docstring and resolve_engine).
    """
    name = resolve_engine(engine)
    shapes_graph = shapes if shapes is not None else _cached_shapes()
    ont = ontology if ontology is not None else _cached_ontology()
    work = trusted_copy(data, ont)
    try:
        if name == "turbo":
            results_graph = _run_turbo(work, shapes_graph)
        else:
            with _PYSHACL_LOCK:
                _conforms, results_graph, _text = pyshacl.validate(
                    work, shacl_graph=shapes_graph, ont_graph=None, inference="none",
                    abort_on_first=False, allow_infos=True, allow_warnings=True, meta_shacl=False,
                    advanced=True, js=False, debug=False, do_owl_imports=False, inplace=True)
    except KgError:
        raise
    except Exception as exc:  # both engines report bad shapes and runtime faults with many types
        raise KgError(f"SHACL validation failed: {exc}") from exc
    if not isinstance(results_graph, Graph):  # pySHACL returns a ValidationFailure on bad shapes
        raise KgError(f"SHACL validation failed: {getattr(results_graph, 'message', results_graph)}")
    results = _read_results(results_graph)
    conforms = not any(r.severity == "Violation" for r in results)
    return ValidationReport(conforms=conforms, results=sorted(results, key=ValidationResult.sort_key),
                            results_graph=results_graph)


# ------------------------------------------------------------------ pyshacl-turbo ----------

_TURBO_LOCK = Lock()
#: Compiled programs by shapes graph. Keyed on id() with the graph kept alive beside it, so an
#: id is never reused while its entry exists; the project's shapes are the only usual key.
_TURBO_PROGRAMS: dict[int, tuple[Graph, Any]] = {}


def _turbo_program(shapes_graph: Graph) -> Any:
    """The shapes compiled once per process (~20 ms); compiling per call would cost more than
    validating a document."""
    try:
        import pyshacl_turbo
    except ImportError as exc:
        raise KgError("the turbo engine needs pyshacl-turbo (pip install 'pyshacl-turbo==0.6.5')",
                      where="engine") from exc
    with _TURBO_LOCK:
        entry = _TURBO_PROGRAMS.get(id(shapes_graph))
        if entry is None or entry[0] is not shapes_graph:
            if len(_TURBO_PROGRAMS) >= 8:
                _TURBO_PROGRAMS.clear()
            entry = (shapes_graph, pyshacl_turbo.compile_shapes(shapes_graph, advanced=True))
            _TURBO_PROGRAMS[id(shapes_graph)] = entry
        return entry[1]


def _run_turbo(work: Graph, shapes_graph: Graph) -> Graph:
    """Validate the trusted copy with the compiled program; the report graph as pySHACL's."""
    program = _turbo_program(shapes_graph)
    _conforms, results_graph, _text = program.validate(
        work, inference="none", abort_on_first=False, allow_infos=True, allow_warnings=True)
    if not isinstance(results_graph, Graph):
        raise KgError(f"SHACL validation failed: {getattr(results_graph, 'message', results_graph)}")
    return results_graph


def _read_results(report: Graph) -> list[ValidationResult]:
    """Turn pySHACL's report graph into ValidationResult records."""
    out: list[ValidationResult] = []
    # Only top-level results: nested ones (sh:detail, from sh:node or sh:or) are explained by
    # their parent's shape and message.
    top = {n for r in report.subjects(RDF.type, SH.ValidationReport) for n in report.objects(r, SH.result)}
    for node in sorted(top, key=str):
        severity = report.value(node, SH.resultSeverity)
        path = report.value(node, SH.resultPath)
        shape = report.value(node, SH.sourceShape)
        out.append(ValidationResult(
            focus=report.value(node, SH.focusNode),
            path=_path_text(report, path) if path is not None else None,
            value=report.value(node, SH.value),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            source_shape=compact(shape) if shape is not None else "",
            message=_message(report, node)))
    return out


def _message(report: Graph, node: Node) -> str:
    """The English message if there is one, else any message, else an empty string."""
    messages = list(report.objects(node, SH.resultMessage))
    for message in messages:
        if isinstance(message, Literal) and message.language == "en":
            return str(message)
    return str(messages[0]) if messages else ""


__all__ = ["ENGINES", "ENGINE_ENV", "ValidationReport", "ValidationResult", "load_shapes",
           "load_ontology", "validate", "resolve_engine",
           "trusted_copy", "shape_files", "ontology_files", "compact"]
