"""Org charts of a council or body: the one entry point the CLI and the web UI call.

Why a facade: the CLI command, the web page and the tests must draw the same chart from the
same arguments, so the steps (read the store, filter by date, pick the root's part of the
graph, check reporting lines, render) live here once. See `kg.orgchart_model` for what the
graph holds, `kg.orgchart_scope` for the as-of and scope rules, `kg.orgchart_render` for the
formats and `kg.orgchart_analysis` for chains, spans, paths and centrality.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import networkx as nx
import pyoxigraph as ox

from kg.errors import KgError
from kg.orgchart_model import build_org_graph, select
from kg.orgchart_scope import as_of as filter_as_of
from kg.orgchart_scope import chart_subgraph, check_reporting_lines, lifespan, scope
from kg.queries import find_entity, with_values
from kg.store import KgStore

__all__ = ["ChartRequest", "build_chart", "org_graph", "parse_date", "resolve"]


@dataclass(frozen=True)
class ChartRequest:
    """What to draw: a root (unit, else body, else council; names or IRIs), a date and a depth."""

    council: str | None = None
    unit: str | None = None
    body: str | None = None
    as_of: date | None = None
    depth: int = 1
    statutory: bool = True


def parse_date(text: str | None, where: str = "--as-of") -> date | None:
    """A YYYY-MM-DD option value as a date; a clear KgError otherwise."""
    if text is None or text == "":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise KgError(f"{text!r} is not a date (use YYYY-MM-DD)", where=where) from exc


_ORG_NAMED = """
SELECT DISTINCT ?e WHERE {
  { ?e skos:prefLabel ?l } UNION { ?e skos:altLabel ?l } UNION { ?e foaf:name ?l }
  FILTER (LCASE(STR(?l)) = LCASE(STR(?name)))
  ?e a ?t .
  VALUES ?t { org:Post org:Organization org:FormalOrganization org:OrganizationalUnit
              org:OrganizationalCollaboration kg:LocalAuthority kg:Department kg:Committee kg:Board
              kg:Partnership kg:StatutoryInstitution kg:Regulator kg:StatutoryBody kg:GovernmentDepartment }
} ORDER BY ?e
"""


def resolve(store: KgStore, name_or_iri: str) -> str:
    """A name, alias or IRI to the IRI of the body or post it names (KgError when none or ambiguous).

    A name that is also a section title ("Social Work England" is s.36's title) means the body:
    bodies and posts are preferred to other nodes with the same label.
    """
    if not name_or_iri.startswith(("http://", "https://", "<")):
        found = [r["e"].value for r in select(store, with_values(_ORG_NAMED, {"name": ox.Literal(name_or_iri)}))]
        if len(found) == 1:
            return found[0]
    try:
        return find_entity(store, name_or_iri).value
    except ValueError as exc:  # a malformed IRI
        raise KgError(f"not a valid IRI: {name_or_iri!r}") from exc


def org_graph(store: KgStore, as_of: date | None = None) -> nx.MultiDiGraph:
    """The whole organisation graph, on a date when given; reporting lines checked for cycles."""
    graph = build_org_graph(store)
    if as_of is not None:
        graph = filter_as_of(graph, as_of)
    check_reporting_lines(graph)
    return graph


def build_chart(store: KgStore, request: ChartRequest) -> nx.MultiDiGraph:
    """The chart's graph; `graph.graph` carries root, title, as_of and depth for the renderers."""
    name = request.unit or request.body or request.council
    if not name:
        raise KgError("say what to chart: --council, --unit or --body")
    root = resolve(store, name)
    full = build_org_graph(store)
    if root not in full:
        raise KgError(f"{name!r} is not a body, unit or post in the graph", where=root)
    if request.unit and request.council:  # the unit must be one of that council's
        council = resolve(store, request.council)
        if council not in full or root not in scope(full, council, depth=0, statutory=False):
            raise KgError(f"{full.nodes[root]['label']} is not a unit of {request.council}", where="--unit")
    graph = full
    if request.as_of is not None:
        graph = filter_as_of(full, request.as_of)
        if root not in graph:
            start, end = lifespan(full, root)
            known = [f"from {start.isoformat()}"] if start else []
            known += [f"ended {end.isoformat()}"] if end else []
            known = known or ["what it is part of did not exist then"]
            raise KgError(f"{full.nodes[root]['label']} did not exist on {request.as_of.isoformat()} ({'; '.join(known)})")
    chart = chart_subgraph(graph, scope(graph, root, depth=request.depth, statutory=request.statutory))
    check_reporting_lines(chart)
    label = chart.nodes[root]["label"]
    chart.graph.update({
        "root": root,
        "title": f"{label} as of {request.as_of.isoformat()}" if request.as_of else label,
        "as_of": request.as_of.isoformat() if request.as_of else "",
        "depth": request.depth,
    })
    return chart
