"""The organisation graph: posts, units and bodies of the RDF store as one networkx MultiDiGraph.

Why a separate in-memory graph: an org chart and its analyses (reporting chains, spans of
control, shortest paths, centrality) are graph algorithms, which networkx does well and SPARQL
does badly. This module reads the store with a handful of SPARQL queries and normalises every
relation to one edge direction, "from the part to the whole" (a post reports to its manager, a
unit is part of its council, a council is a member of its partnership, an agency is hosted by
its host). Nothing is invented: an edge exists only where a triple states it.

Node ids are IRIs. Node attributes: `iri`, `label`, `type` (see `NODE_TYPES`), `holders`
(names of the people in a post, a list), `exists_from` / `exists_until` (ISO dates or absent),
`instance_of` (a list of institution IRIs). Edge attributes: `kind` (see `EDGE_KINDS`; also
the MultiDiGraph key), `status` ("curated", "extracted" or "inferred"), `sources` (a list of
IRIs: dct:source or prov:hadPrimarySource of the statement's subject), `predicate`, `graph`.
Tenure (memberships) and lifecycle events are kept on `graph.graph` for the as-of filter.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import networkx as nx
import pyoxigraph as ox

from kg.errors import KgError
from kg.labels import labels
from kg.namespaces import PREFIXES
from kg.orgchart_tenure import Tenure, held_on, read_tenures, set_holders
from kg.store import KgStore

__all__ = [
    "EDGE_KINDS", "LEGAL_KINDS", "ORG_KINDS", "STATUTORY_KINDS", "BODY_TYPES", "NODE_TYPES", "Event", "Tenure",
    "build_org_graph", "held_on", "select", "set_holders",
]

KG = PREFIXES["kg"]
KGC = PREFIXES["kgc"]
ORG = PREFIXES["org"]
LEGISLATION = "http://www.legislation.gov.uk/id/"
DOC_GRAPH = "https://w3id.org/csckg/graph/doc/"
INFERRED = KGC + "confidence-inferred"
EXTRACTED = KGC + "status-extracted"

#: Relations between organisations and posts, drawn on a chart.
ORG_KINDS = (
    "reports-to", "part-of", "member-of", "chairs", "advises", "accountable-to",
    "for-area-of", "hosted-by", "delivers-for", "instance-of",
)
#: Links to the law: a post's or body's statutory basis, shown as leaves of a chart.
STATUTORY_KINDS = ("statutory", "legal-basis")
#: Relations only the whole-graph analyses walk (legislation structure, lifecycle events).
LEGAL_KINDS = ("in-act", "amends", "succeeded-by")
EDGE_KINDS = ORG_KINDS + STATUTORY_KINDS + LEGAL_KINDS

#: (predicate, kind, reversed?) for the simple one-triple relations.
_DIRECT = (
    (ORG + "reportsTo", "reports-to", False),
    (ORG + "unitOf", "part-of", False),
    (ORG + "subOrganizationOf", "part-of", False),
    (ORG + "postIn", "part-of", False),
    (ORG + "hasMember", "member-of", True),  # partnership hasMember council -> council member-of partnership
    (KG + "chairs", "chairs", False),
    (KG + "advises", "advises", False),
    (KG + "accountableTo", "accountable-to", False),
    (KG + "forAreaOf", "for-area-of", False),
    (KG + "hostedBy", "hosted-by", False),
    (KG + "deliversFor", "delivers-for", False),
    (KG + "instanceOf", "instance-of", False),
    (KG + "legalBasis", "legal-basis", False),
    (KG + "inAct", "in-act", False),
    (KG + "inserts", "amends", False),
    (KG + "substitutes", "amends", False),
    ("http://data.europa.eu/eli/ontology#amends", "amends", False),
    ("http://data.europa.eu/eli/ontology#repeals", "amends", False),
)

#: rdf:type -> node type, first match wins (a Regulator is also a StatutoryBody).
NODE_TYPES = (
    (ORG + "Post", "post"),
    ("http://xmlns.com/foaf/0.1/Person", "person"),
    (KG + "LocalAuthority", "council"),
    (KG + "Department", "department"),
    (KG + "Committee", "committee"),
    (KG + "Board", "board"),
    (KG + "Partnership", "partnership"),
    (KG + "StatutoryInstitution", "institution"),
    (KG + "Regulator", "national-body"),
    (KG + "StatutoryBody", "national-body"),
    (KG + "GovernmentDepartment", "national-body"),
    (ORG + "OrganizationalUnit", "department"),
    (ORG + "OrganizationalCollaboration", "partnership"),
    (ORG + "FormalOrganization", "body"),
    (ORG + "Organization", "body"),
    (KG + "Duty", "duty"),
    (KG + "LifecycleEvent", "event"),
    (KG + "Establishment", "event"),
    (KG + "Abolition", "event"),
    (KG + "Replacement", "event"),
    (KG + "TransferOfFunctions", "event"),
    (KG + "Act", "provision"),
    (KG + "Section", "provision"),
    ("http://data.europa.eu/eli/ontology#LegalResourceSubdivision", "provision"),
    ("http://data.europa.eu/eli/ontology#LegalResource", "provision"),
)
BODY_TYPES = frozenset({"council", "department", "committee", "board", "partnership", "institution", "national-body", "body"})

_TRIPLES = """
SELECT ?s ?p ?o ?g WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER (isIRI(?s) && isIRI(?o))
}
"""

_NODE_FACTS = """
SELECT ?s ?p ?o WHERE {
  ?s ?p ?o .
  VALUES ?p { rdf:type kg:existsFrom kg:existsUntil kg:confidence kg:status prov:wasDerivedFrom
              dct:source prov:hadPrimarySource dct:bibliographicCitation }
}
"""

_ORG_NODES = """
SELECT DISTINCT ?s WHERE {
  ?s a ?t .
  VALUES ?t { org:Post kg:LocalAuthority kg:Department kg:Committee kg:Board kg:Partnership
              kg:StatutoryInstitution kg:Regulator kg:StatutoryBody kg:GovernmentDepartment
              org:Organization org:FormalOrganization org:OrganizationalUnit org:OrganizationalCollaboration }
}
"""

_STATUTORY = """
SELECT ?post ?role ?target ?via WHERE {
  ?post a org:Post ; org:role ?role .
  { ?role kg:legalBasis ?target . BIND("legal-basis" AS ?via) }
  UNION
  { ?target a kg:Duty ; kg:bearer ?role . BIND("bearer" AS ?via) }
}
"""

_BODY_DUTIES = """
SELECT DISTINCT ?duty ?body WHERE {
  ?duty a kg:Duty ; kg:bearer ?body .
  ?body a ?cls .
  FILTER NOT EXISTS { ?body a org:Role }
}
"""

_EVENTS = """
SELECT ?e ?type ?orig ?res ?date WHERE {
  ?e a ?type ; dct:date ?date .
  VALUES ?type { kg:Establishment kg:Abolition kg:Replacement kg:TransferOfFunctions }
  OPTIONAL { ?e org:originalOrganization ?orig }
  OPTIONAL { ?e org:resultingOrganization ?res }
}
"""


@dataclass(frozen=True)
class Event:
    """A lifecycle event: what ended (original) and what began (resulting) on a day."""

    iri: str
    type: str  # Establishment, Abolition, Replacement, TransferOfFunctions
    original: str | None
    resulting: str | None
    date: date


def select(store: KgStore, sparql: str, *, union: bool = True) -> ox.QuerySolutions:
    """Run one of this package's own SELECT queries (never user text)."""
    result = store.query(sparql, union=union)
    if not isinstance(result, ox.QuerySolutions):
        raise KgError("expected a SELECT query", where="kg.orgchart")
    return result


def build_org_graph(store: KgStore) -> nx.MultiDiGraph:
    """Every org, statutory and legal relation in the store, as one MultiDiGraph (no date filter)."""
    facts = _node_facts(store)
    graph = nx.MultiDiGraph()
    for s, p, o, g in _triples(store):
        for predicate, kind, reverse in _DIRECT:
            if p == predicate:
                src, dst = (o, s) if reverse else (s, o)
                _add_edge(graph, facts, src, dst, kind, subject=s, predicate=p, graph_iri=g)
    for row in select(store, _STATUTORY):
        post, role, target = row["post"].value, row["role"].value, row["target"].value
        _add_edge(graph, facts, post, target, "statutory", subject=post, predicate=ORG + "role", via=role)
    for row in select(store, _BODY_DUTIES):
        body, duty = row["body"].value, row["duty"].value
        _add_edge(graph, facts, body, duty, "statutory", subject=duty, predicate=KG + "bearer")
    tenures = read_tenures(store)
    for tenure in tenures:
        if tenure.post is None and tenure.organization is not None:
            org_type = _node_type(facts.get(tenure.organization, {}).get("type", set()), tenure.organization)
            if org_type in {"committee", "board", "partnership"}:  # a seat, not council staff
                kind = "chairs" if tenure.role == KGC + "role-chair" else "member-of"
                _add_edge(graph, facts, tenure.person, tenure.organization, kind,
                          subject=tenure.membership, predicate=ORG + "organization", membership=tenure.membership)
    for row in select(store, _ORG_NODES):
        if isinstance(row["s"], ox.NamedNode):
            graph.add_node(row["s"].value)  # a body or post with no relation yet is still on its chart
    events = _events(store)
    for event in events:
        if event.original and event.resulting:
            _add_edge(graph, facts, event.original, event.resulting, "succeeded-by",
                      subject=event.iri, predicate=ORG + "resultingOrganization", date=event.date.isoformat())
    _describe_nodes(store, graph, facts)
    # Roles and events only reach the graph through their kg:legalBasis; posts link to the law
    # directly (kind "statutory") and events are kept as "succeeded-by" edges, so drop them.
    graph.remove_nodes_from([n for n, t in graph.nodes(data="type") if t in {"role", "event"}])
    graph.graph["tenures"] = tenures
    graph.graph["events"] = events
    graph.graph["person_names"] = labels(store, {t.person for t in tenures})
    set_holders(graph, tenures, as_of=None)
    return graph


def _triples(store: KgStore) -> list[tuple[str, str, str, str]]:
    wanted = {p for p, _, _ in _DIRECT}
    values = " ".join(f"<{p}>" for p in sorted(wanted))
    query = _TRIPLES.replace("GRAPH ?g", f"VALUES ?p {{ {values} }}\n  GRAPH ?g", 1)
    return [(r["s"].value, r["p"].value, r["o"].value, r["g"].value) for r in select(store, query, union=False)]


def _node_facts(store: KgStore) -> dict[str, dict[str, set[str]]]:
    """type, dates, confidence, provenance and sources of every subject that has any."""
    facts: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    short = {
        PREFIXES["rdf"] + "type": "type", KG + "existsFrom": "from", KG + "existsUntil": "until",
        KG + "confidence": "confidence", KG + "status": "status", PREFIXES["prov"] + "wasDerivedFrom": "derived",
        PREFIXES["dct"] + "source": "source", PREFIXES["prov"] + "hadPrimarySource": "source",
        PREFIXES["dct"] + "bibliographicCitation": "citation",
    }
    for row in select(store, _NODE_FACTS):
        subject = row["s"]
        if isinstance(subject, ox.NamedNode):
            facts[subject.value][short[row["p"].value]].add(row["o"].value)
    return facts


def _status(facts: dict[str, dict[str, set[str]]], subject: str, graph_iri: str | None) -> str:
    """inferred (kg:confidence inferred) > extracted (prov:wasDerivedFrom, kg:status extracted or a
    document graph) > curated."""
    about = facts.get(subject, {})
    if INFERRED in about.get("confidence", set()):
        return "inferred"
    if about.get("derived") or EXTRACTED in about.get("status", set()) or (graph_iri or "").startswith(DOC_GRAPH):
        return "extracted"
    return "curated"


def _add_edge(graph: nx.MultiDiGraph, facts: dict[str, dict[str, set[str]]], src: str, dst: str, kind: str,
              *, subject: str, predicate: str, graph_iri: str | None = None, **extra: str) -> None:
    """One edge per (src, dst, kind); a second statement of it adds its sources and keeps the strongest status."""
    status = _status(facts, subject, graph_iri)
    sources = sorted(facts.get(subject, {}).get("source", set()))
    if graph.has_edge(src, dst, key=kind):
        data = graph.edges[src, dst, kind]
        data["sources"] = sorted(set(data["sources"]) | set(sources))
        if data["status"] == "inferred" or (status == "curated" and data["status"] == "extracted"):
            data["status"] = status
        return
    attrs = {"kind": kind, "status": status, "sources": sources, "predicate": predicate}
    if graph_iri:
        attrs["graph"] = graph_iri
    attrs.update(extra)
    graph.add_edge(src, dst, key=kind, **attrs)


def _node_type(types: set[str], iri: str) -> str:
    for cls, name in NODE_TYPES:
        if cls in types:
            return name
    if iri.startswith(LEGISLATION):
        return "provision"
    if iri.startswith(KGC + "role-"):
        return "role"
    return "other"


def _describe_nodes(store: KgStore, graph: nx.MultiDiGraph, facts: dict[str, dict[str, set[str]]]) -> None:
    names = labels(store, list(graph.nodes))
    for node in graph.nodes:
        about = facts.get(node, {})
        ntype = _node_type(about.get("type", set()), node)
        label = names[node]
        if ntype == "provision" and about.get("citation"):
            citation = min(about["citation"])
            label = citation if label in (node, citation) or label.startswith(("http", "leg")) else f"{citation}: {label}"
        attrs = graph.nodes[node]
        attrs.update({"iri": node, "label": label, "type": ntype, "holders": []})
        if about.get("from"):
            attrs["exists_from"] = min(about["from"])
        if about.get("until"):
            attrs["exists_until"] = max(about["until"])
        if INFERRED in about.get("confidence", set()):
            attrs["confidence"] = "inferred"
        attrs["instance_of"] = sorted(v for _, v, k in graph.out_edges(node, keys=True) if k == "instance-of")


def _value(row: ox.QuerySolution, name: str) -> str | None:
    term = row[name]
    return None if term is None else term.value


def _events(store: KgStore) -> list[Event]:
    out = []
    for row in select(store, _EVENTS):
        try:
            day = date.fromisoformat(row["date"].value[:10])
        except ValueError:
            continue
        out.append(Event(row["e"].value, row["type"].value.rsplit("/", 1)[-1], _value(row, "orig"), _value(row, "res"), day))
    return sorted(out, key=lambda e: (e.date, e.iri))
