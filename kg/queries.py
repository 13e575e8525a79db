"""The named-query catalogue: `queries/*.rq` files with a header that documents them.

A query file starts with comment lines that say what it answers, e.g.::

    # title: Duties imposed by an Act
    # description: Every duty or power whose legal basis is a section of the Act.
    # param: act iri = http://www.legislation.gov.uk/id/ukpga/2017/16 | The Act (legislation.gov.uk id)

Parameters are bound, never pasted: each value becomes an RDF term (Oxigraph checks IRIs and
escapes literals) in a VALUES block placed at the start of the query's WHERE group, so a value
cannot change the query's shape. Oxigraph's own `substitutions` would be neater, but it makes
BOUND() false and demands the variable be projected, which breaks optional parameters. A
parameter with no value stays unbound, and the query is written to treat that as "any".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.store import PROJECT_ROOT, KgStore

QUERIES_DIR = PROJECT_ROOT / "queries"
PARAM_TYPES = ("iri", "date", "string", "integer", "entity")

_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s+(\w+)(?:\s*=\s*(\S+))?\s*(?:\|\s*(.*))?$")


@dataclass(frozen=True)
class Param:
    """One documented parameter of a named query."""

    name: str
    type: str
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A query from the catalogue, with the documentation its header gives."""

    name: str
    title: str
    description: str
    sparql: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    path: Path | None = None


def parse_query_file(path: Path) -> NamedQuery:
    """Read one `.rq` file and its header; a malformed header names the file and line."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": []}
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            fields[match.group(1)].append(match.group(2).strip())
        elif fields["description"] and line.startswith("#   "):
            fields["description"][-1] += " " + line[1:].strip()
    params = tuple(_parse_param(p, path) for p in fields["param"])
    if not fields["title"]:
        raise KgError("query file has no '# title:' header", where=f"{path}:1")
    return NamedQuery(
        name=path.stem,
        title=fields["title"][0],
        description=" ".join(fields["description"]),
        sparql=text,
        params=params,
        path=path,
    )


def _parse_param(spec: str, path: Path) -> Param:
    match = _PARAM.match(spec)
    if not match or match.group(2) not in PARAM_TYPES:
        raise KgError(f"bad '# param:' header {spec!r}; expected 'name type [= default] | text'", where=str(path))
    name, ptype, default, description = match.groups()
    return Param(name, ptype, default, (description or "").strip())


def catalogue(directory: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """Every named query, by name."""
    return {q.name: q for q in (parse_query_file(p) for p in sorted(directory.glob("*.rq")))}


def resolve_query(name_or_path: str, directory: Path = QUERIES_DIR) -> NamedQuery:
    """A catalogue name, a path to an .rq file, or '-' (read by the caller) to a NamedQuery."""
    queries = catalogue(directory)
    if name_or_path in queries:
        return queries[name_or_path]
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise KgError("no such query file", where=str(path))
        text = path.read_text(encoding="utf-8")
        try:
            return parse_query_file(path)
        except KgError:
            return NamedQuery(name=path.stem, title=path.stem, description="", sparql=text, path=path)
    known = ", ".join(sorted(queries)) or "none"
    raise KgError(f"unknown query {name_or_path!r}; named queries: {known}")


def adhoc_query(text: str) -> NamedQuery:
    """A query given on standard input."""
    return NamedQuery(name="-", title="query from standard input", description="", sparql=text)


def bind_params(store: KgStore, query: NamedQuery, values: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Turn `--param k=v` strings (and defaults) into RDF terms, checking each against its type."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown and declared:
        raise KgError(f"unknown parameter {unknown[0]!r} for {query.name}; it takes: {', '.join(declared)}")
    bound: dict[str, ox.NamedNode | ox.Literal] = {}
    for name, param in declared.items():
        raw = values.get(name, param.default)
        if raw is not None and raw != "":
            bound[name] = _term(store, param, raw)
    if not declared:  # ad-hoc query: every value is a plain string or an <IRI>
        for name, raw in values.items():
            bound[name] = _term(store, Param(name, "iri" if raw.startswith("http") else "string", None, ""), raw)
    return bound


def _term(store: KgStore, param: Param, raw: str) -> ox.NamedNode | ox.Literal:
    where = f"--param {param.name}"
    try:
        if param.type == "iri":
            return ox.NamedNode(raw.strip("<>"))
        if param.type == "date":
            return ox.Literal(date.fromisoformat(raw).isoformat(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
        if param.type == "integer":
            return ox.Literal(str(int(raw)), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        if param.type == "entity":
            return find_entity(store, raw)
    except ValueError as exc:
        raise KgError(f"{raw!r} is not a valid {param.type}: {exc}", where=where) from exc
    return ox.Literal(raw)


_WHERE_OPEN = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def with_values(sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with `VALUES (?a ?b) { (term term) }` opening its WHERE group."""
    if not bindings:
        return sparql
    match = _WHERE_OPEN.search(_strip_comments(sparql))
    if match is None:
        raise KgError("a query with parameters needs a WHERE { ... } group")
    names = " ".join(f"?{n}" for n in bindings)
    terms = " ".join(str(t) for t in bindings.values())
    return f"{sparql[:match.end()]}\n  VALUES ({names}) {{ ({terms}) }}{sparql[match.end():]}"


def _strip_comments(sparql: str) -> str:
    """Blank out comment text (keeping offsets) so a WHERE in a comment is not matched."""
    return re.sub(r"(?m)^\s*#.*$", lambda m: " " * len(m.group(0)), sparql)


_FIND_ENTITY = """
SELECT DISTINCT ?e WHERE {
  { ?e skos:prefLabel ?l } UNION { ?e skos:altLabel ?l } UNION { ?e foaf:name ?l } UNION { ?e dct:title ?l }
  FILTER (LCASE(STR(?l)) = LCASE(STR(?name)))
} ORDER BY ?e
"""


def find_entity(store: KgStore, name_or_iri: str) -> ox.NamedNode:
    """An IRI as given, or the one node whose label or alias is `name` (case-insensitive)."""
    if name_or_iri.startswith(("http://", "https://", "<")):
        return ox.NamedNode(name_or_iri.strip("<>"))
    found = [s["e"] for s in store.query(with_values(_FIND_ENTITY, {"name": ox.Literal(name_or_iri)}))]
    if not found:
        raise KgError(f"nothing in the graph is called {name_or_iri!r}")
    if len(found) > 1:
        options = ", ".join(f.value for f in found[:5])
        raise KgError(f"{name_or_iri!r} is ambiguous ({options}); give the IRI")
    node = found[0]
    assert isinstance(node, ox.NamedNode)
    return node


def run(store: KgStore, query: NamedQuery, values: dict[str, str] | None = None) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a named query with its parameters bound."""
    return store.query(with_values(query.sparql, bind_params(store, query, values or {})))


def rows(solutions: ox.QuerySolutions) -> tuple[list[str], list[dict[str, str | None]]]:
    """Plain Python rows (IRIs and literal values as strings), for tests, tables and pages."""
    columns = [v.value for v in solutions.variables]
    out = [{c: (None if s[c] is None else s[c].value) for c in columns} for s in solutions]
    return columns, out
