"""Everything the entity page shows about one node, read straight from the store.

The page is generic on purpose: every node (ours, legislation.gov.uk's, a concept, an
ontology term) gets one, with all outgoing and incoming relations grouped by property and
each property named by its label from the ontology. Lookups go through `quads_for_pattern`
with a `NamedNode`, never through SPARQL text built from the request.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import abort, url_for

from kg.namespaces import PREFIXES
from kg.output import compact
from webui.context import Term, get_store, select, value
from webui.kinds import Kind, kind_of
from webui.terms import NodeView, iri_views, literal_view, term_views

RDF_TYPE = PREFIXES["rdf"] + "type"
DESCRIPTION_PROPERTIES = (PREFIXES["dct"] + "description", PREFIXES["rdfs"] + "comment",
                          PREFIXES["skos"] + "definition")
MAX_IRI_LENGTH = 4000
MAX_VALUES = 200  # per property and direction; the rest is counted, not listed


@dataclass(frozen=True)
class Item:
    """One value of a relation; a blank node carries its own properties, one level deep."""

    node: NodeView
    children: tuple[tuple[NodeView, NodeView], ...] = ()


@dataclass(frozen=True)
class Relation:
    """The values of one property, in one direction."""

    prop: NodeView
    items: tuple[Item, ...]
    more: int = 0


@dataclass(frozen=True)
class Evidence:
    """The sentence an extracted fact came from, and where to read it in its document."""

    exact: str | None
    href: str | None
    document: NodeView | None


@dataclass
class EntityPage:
    node: NodeView
    kind: Kind | None
    types: list[NodeView]
    descriptions: list[str]
    dates: list[tuple[NodeView, NodeView]]
    outgoing: list[Relation]
    incoming: list[Relation]
    evidence: list[Evidence]
    graphs: list[str]
    is_document: bool = False
    extra: dict[str, object] = field(default_factory=dict)


def parse_iri(raw: str | None) -> ox.NamedNode:
    """The `iri` parameter as a NamedNode: 400 when missing, too long or not an IRI."""
    if not raw:
        abort(400, "give the node's IRI as ?iri=")
    if len(raw) > MAX_IRI_LENGTH:
        abort(400, f"IRI longer than {MAX_IRI_LENGTH} characters")
    try:
        return ox.NamedNode(raw)
    except ValueError as exc:
        abort(400, f"not a valid IRI: {exc}")


def node_triples(node: ox.NamedNode) -> tuple[list[ox.Triple], list[ox.Triple], list[str]]:
    """Outgoing and incoming triples (each once, whatever graphs hold it) and the graphs."""
    store = get_store().oxigraph
    graphs: set[str] = set()
    out: dict[ox.Triple, None] = {}
    for quad in store.quads_for_pattern(node, None, None, None):
        out[quad.triple] = None
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs.add(quad.graph_name.value)
    inc: dict[ox.Triple, None] = {}
    for quad in store.quads_for_pattern(None, None, node, None):
        inc[quad.triple] = None
    return list(out), list(inc), sorted(graphs)


def entity_page(node: ox.NamedNode) -> EntityPage:
    """All the page's data; 404 when the graph says nothing about the node."""
    out, inc, graphs = node_triples(node)
    if not out and not inc:
        abort(404, f"nothing in the graph is about {node.value}")
    iris = {node.value}
    for t in out:
        iris.add(t.predicate.value)
        if isinstance(t.object, ox.NamedNode):
            iris.add(t.object.value)
    for t in inc:
        iris.add(t.predicate.value)
        if isinstance(t.subject, ox.NamedNode):
            iris.add(t.subject.value)
    bnode_props = _blank_node_children(t.object for t in out)
    for children in bnode_props.values():
        for p, o in children:
            iris.add(p.value)
            if isinstance(o, ox.NamedNode):
                iris.add(o.value)
    views = iri_views(iris)
    props = {i: _property_view(v) for i, v in views.items()}

    types = sorted((views[t.object.value] for t in out
                    if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode)),
                   key=lambda v: v.label.lower())
    descriptions = [t.object.value for t in out
                    if t.predicate.value in DESCRIPTION_PROPERTIES and isinstance(t.object, ox.Literal)
                    and t.object.language in (None, "en")]

    def view(term: Term) -> NodeView:
        return views[term.value] if isinstance(term, ox.NamedNode) else literal_view(term)

    def item(term: Term) -> Item:
        children = tuple((props[p.value], view(o)) for p, o in bnode_props.get(term, ()))
        return Item(view(term), children)

    shown_above = {RDF_TYPE, *DESCRIPTION_PROPERTIES}
    outgoing = _group(((t.predicate.value, t.object) for t in out if t.predicate.value not in shown_above),
                      props, item)
    incoming = _group(((t.predicate.value, t.subject) for t in inc), props, item)
    dates = [(props[t.predicate.value], literal_view(t.object)) for t in out
             if isinstance(t.object, ox.Literal) and literal_view(t.object).is_date]
    type_iris = {t.value for t in types}
    return EntityPage(
        node=views[node.value], kind=kind_of(type_iris), types=types, descriptions=descriptions,
        dates=sorted(dates, key=lambda d: d[1].value), outgoing=outgoing, incoming=incoming,
        evidence=evidence(node), graphs=graphs,
        is_document=PREFIXES["kg"] + "SourceDocument" in type_iris,
    )


def _blank_node_children(objects: Iterable[Term]) -> dict[Term, list[tuple[ox.NamedNode, Term]]]:
    store = get_store().oxigraph
    found: dict[Term, list[tuple[ox.NamedNode, Term]]] = {}
    for obj in objects:
        if isinstance(obj, ox.BlankNode) and obj not in found:
            found[obj] = sorted(((q.predicate, q.object) for q in store.quads_for_pattern(obj, None, None, None)),
                                key=lambda po: (po[0].value, po[1].value if not isinstance(po[1], ox.Triple) else ""))
    return found


def _group(pairs: Iterable[tuple[str, Term]], props: dict[str, NodeView],
           item: Callable[[Term], Item]) -> list[Relation]:
    grouped: dict[str, list[Term]] = defaultdict(list)
    for prop, term in pairs:
        grouped[prop].append(term)
    relations = []
    for prop, terms in grouped.items():
        items = sorted((item(t) for t in terms),
                       key=lambda i: (i.node.kind != "iri", i.node.label.lower(), i.node.value))
        relations.append(Relation(props[prop], tuple(items[:MAX_VALUES]), max(0, len(items) - MAX_VALUES)))
    return sorted(relations, key=lambda r: r.prop.label.lower())


def _property_view(view: NodeView) -> NodeView:
    """A property with a readable name even when the ontology gives it no label."""
    if view.label != compact(view.value):
        return view
    local = re.split(r"[#/:]", view.value.rstrip("/#"))[-1]
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).replace("_", " ").lower()
    return NodeView(view.kind, view.value, words or view.label, view.href, view.external)


_EVIDENCE = """
SELECT ?span ?doc ?exact ?start ?end WHERE {
  ?node prov:wasDerivedFrom ?span .
  OPTIONAL { ?span oa:hasSource ?doc }
  OPTIONAL { ?span oa:hasSelector ?quote . ?quote oa:exact ?exact }
  OPTIONAL { ?span oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end }
} ORDER BY ?start ?span
"""


def evidence(node: ox.NamedNode) -> list[Evidence]:
    """The quoted sentence(s) behind an extracted fact (prov:wasDerivedFrom a span)."""
    rows = select(_EVIDENCE, node=node)
    docs = term_views(r["doc"] for r in rows)
    found = []
    for row, doc in zip(rows, docs):
        href = None
        if doc is not None and doc.kind == "iri":
            anchor = span_anchor(value(row["start"]), value(row["end"]))
            href = url_for("sources.source", iri=doc.value) + (f"#{anchor}" if anchor else "")
        found.append(Evidence(value(row["exact"]), href, doc))
    return found


def span_anchor(start: str | None, end: str | None) -> str | None:
    """The id a span's <mark> has on the source page (the link target for evidence)."""
    if start is None or end is None:
        return None
    return f"span-{start}-{end}"
