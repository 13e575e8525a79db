"""The ontology's documentation page, generated from the Turtle so it can never drift from it.

`render_ontology_html` turns an ontology graph (kg.ttl plus the SKOS schemes) into one
self-contained HTML page: inline CSS, no script, no external assets, so it works offline and
can be published as a single file. `write_ontology_html` reads the repository's own files and
writes that page; the `kg docs -o FILE` command calls it.

Anchors: our own terms use their local name (`#Duty`, `#legalBasis`), so a term's IRI and its
documentation fragment read alike; reused external terms, schemes and concepts use
`prefix-local` (`#org-Post`, `#kgc-modality-duty`), which cannot collide with ours.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import PREFIXES

REPO_ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

_CLASS_TYPES = (OWL.Class, RDFS.Class)
_OTHER_PROPERTY_TYPES = (OWL.AnnotationProperty, RDF.Property)
_NOT_AN_ANCHOR = re.compile(r"[^A-Za-z0-9_-]+")
# Predicates shown in their own slot on a concept, so not repeated among its other facts.
_CONCEPT_SLOTS = frozenset({RDF.type, SKOS.prefLabel, SKOS.altLabel, SKOS.definition,
                            SKOS.notation, SKOS.inScheme, SKOS.topConceptOf, SKOS.closeMatch})


@dataclass(frozen=True)
class Link:
    """A reference to another term: its short name, and where to go (an anchor or the IRI)."""

    text: str
    href: str


@dataclass(frozen=True)
class Term:
    """Everything the page says about one class or property."""

    iri: str
    anchor: str
    curie: str
    label: str
    comments: tuple[str, ...]
    kind: str
    supers: tuple[Link, ...]
    subs: tuple[Link, ...]
    domains: tuple[Link, ...]
    ranges: tuple[Link, ...]
    close_matches: tuple[Link, ...]
    defined_by: Link | None


@dataclass(frozen=True)
class Fact:
    """One further statement about a concept (e.g. its TNA modality or legal basis)."""

    predicate: Link
    value: str
    link: Link | None


@dataclass(frozen=True)
class Concept:
    """One SKOS concept as shown in its scheme's table."""

    iri: str
    anchor: str
    curie: str
    label: str
    notation: str
    definition: str
    alt_labels: tuple[str, ...]
    types: tuple[Link, ...]
    close_matches: tuple[Link, ...]
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Scheme:
    """A SKOS concept scheme with its concepts, sorted by label."""

    iri: str
    anchor: str
    curie: str
    label: str
    definition: str
    see_also: tuple[Link, ...]
    concepts: tuple[Concept, ...]


@dataclass(frozen=True)
class Page:
    """The whole page, split into the sections the template lays out."""

    iri: str
    title: str
    description: str
    version: str
    license: Link | None
    classes: tuple[Term, ...]
    object_properties: tuple[Term, ...]
    datatype_properties: tuple[Term, ...]
    reused_classes: tuple[Term, ...]
    reused_properties: tuple[Term, ...]
    schemes: tuple[Scheme, ...]


class _Namer:
    """Short names and anchors for IRIs, from our prefixes plus those bound in the graph."""

    def __init__(self, graph: Graph, own_namespace: str, on_page: dict[str, str]) -> None:
        prefixes = {str(ns): p for p, ns in graph.namespaces() if p}
        prefixes.update({ns: p for p, ns in PREFIXES.items()})
        self._by_length = sorted(prefixes.items(), key=lambda item: -len(item[0]))
        self.own = own_namespace
        self.on_page = on_page

    def curie(self, iri: str) -> str:
        """`prefix:local` when a known namespace fits and the rest is a plain name, else the IRI."""
        for namespace, prefix in self._by_length:
            local = iri[len(namespace):]
            if iri.startswith(namespace) and local and "/" not in local and "#" not in local:
                return f"{prefix}:{local}"
        return iri

    def anchor(self, iri: str) -> str:
        """Our own terms by local name; everything else as prefix-local (or a cleaned IRI)."""
        if iri.startswith(self.own) and "/" not in iri[len(self.own):]:
            return iri[len(self.own):]
        return _NOT_AN_ANCHOR.sub("-", self.curie(iri).replace(":", "-")).strip("-")

    def link(self, node: Node) -> Link:
        """A link to a term on this page when it is here, else to the IRI itself."""
        if isinstance(node, BNode):
            return Link("(anonymous class expression)", "")
        iri = str(node)
        return Link(self.curie(iri), "#" + self.on_page[iri] if iri in self.on_page else iri)


def _english(graph: Graph, subject: Node, predicate: URIRef) -> list[str]:
    """Values of a literal property, English (or untagged) first, so the page reads in English."""
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    values.sort(key=lambda lit: (lit.language not in ("en", None), str(lit)))
    return [str(v) for v in values]


def _label(graph: Graph, subject: Node, fallback: str) -> str:
    """rdfs:label, else skos:prefLabel, else the short name: every entry needs a heading."""
    for predicate in (RDFS.label, SKOS.prefLabel):
        values = _english(graph, subject, predicate)
        if values:
            return values[0]
    return fallback


def _links(graph: Graph, namer: _Namer, subject: Node, predicate: URIRef) -> tuple[Link, ...]:
    """Sorted links to the objects of one predicate."""
    return tuple(sorted((namer.link(o) for o in graph.objects(subject, predicate)),
                        key=lambda link: link.text.lower()))


def _subjects_of_types(graph: Graph, types: tuple[URIRef, ...]) -> set[str]:
    """IRIs typed with any of `types` (blank nodes are never documented terms)."""
    return {str(s) for t in types for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)}


def _ontology_iri(graph: Graph) -> URIRef:
    """The one owl:Ontology in the graph; its IRI is also our terms' namespace."""
    found = [s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef)]
    if len(found) != 1:
        raise KgError("expected exactly one owl:Ontology in the ontology graph, "
                      f"found {len(found)}", "ontology/kg.ttl")
    return found[0]


def _term(graph: Graph, namer: _Namer, iri: str, kind: str) -> Term:
    """Collect one class or property's documentation from the graph."""
    node = URIRef(iri)
    sub_of = RDFS.subClassOf if kind == "class" else RDFS.subPropertyOf
    defined = next(iter(graph.objects(node, RDFS.isDefinedBy)), None)
    return Term(
        iri=iri, anchor=namer.anchor(iri), curie=namer.curie(iri),
        label=_label(graph, node, namer.curie(iri)),
        comments=tuple(_english(graph, node, RDFS.comment)),
        kind=kind, supers=_links(graph, namer, node, sub_of),
        subs=tuple(sorted((namer.link(s) for s in graph.subjects(sub_of, node)),
                          key=lambda link: link.text.lower())),
        domains=_links(graph, namer, node, RDFS.domain),
        ranges=_links(graph, namer, node, RDFS.range),
        close_matches=_links(graph, namer, node, SKOS.closeMatch),
        defined_by=namer.link(defined) if defined is not None else None,
    )


def _concept(graph: Graph, namer: _Namer, iri: str) -> Concept:
    """Collect one concept's documentation, including facts such as kg:tnaModality."""
    node = URIRef(iri)
    facts = []
    for predicate, value in sorted(graph.predicate_objects(node)):
        if predicate in _CONCEPT_SLOTS:
            continue
        link = namer.link(value) if isinstance(value, URIRef) else None
        facts.append(Fact(namer.link(predicate), link.text if link else str(value), link))
    return Concept(
        iri=iri, anchor=namer.anchor(iri), curie=namer.curie(iri),
        label=_label(graph, node, namer.curie(iri)),
        notation=", ".join(str(n) for n in graph.objects(node, SKOS.notation)),
        definition=" ".join(_english(graph, node, SKOS.definition)),
        alt_labels=tuple(_english(graph, node, SKOS.altLabel)),
        types=tuple(link for link in _links(graph, namer, node, RDF.type)
                    if link.text != "skos:Concept"),
        close_matches=_links(graph, namer, node, SKOS.closeMatch), facts=tuple(facts),
    )


def _schemes(graph: Graph, namer: _Namer) -> tuple[Scheme, ...]:
    """Every concept scheme with the concepts that say they are in it."""
    schemes = []
    for iri in sorted(_subjects_of_types(graph, (SKOS.ConceptScheme,))):
        node = URIRef(iri)
        members = {str(c) for c in graph.subjects(SKOS.inScheme, node) if isinstance(c, URIRef)}
        concepts = sorted((_concept(graph, namer, c) for c in members),
                          key=lambda c: c.label.lower())
        schemes.append(Scheme(
            iri=iri, anchor=namer.anchor(iri), curie=namer.curie(iri),
            label=_label(graph, node, namer.curie(iri)),
            definition=" ".join(_english(graph, node, SKOS.definition)),
            see_also=_links(graph, namer, node, RDFS.seeAlso), concepts=tuple(concepts),
        ))
    return tuple(schemes)


def build_page(ontology: Graph) -> Page:
    """Sort every declared term into the page's sections: ours by kind, then the reused ones."""
    ontology_iri = _ontology_iri(ontology)
    own = str(ontology_iri)
    classes = _subjects_of_types(ontology, _CLASS_TYPES)
    objects = _subjects_of_types(ontology, (OWL.ObjectProperty,)) - classes
    datatypes = _subjects_of_types(ontology, (OWL.DatatypeProperty,)) - classes - objects
    others = _subjects_of_types(ontology, _OTHER_PROPERTY_TYPES) - classes - objects - datatypes
    concepts = _subjects_of_types(ontology, (SKOS.ConceptScheme,)) | {
        str(c) for c in ontology.subjects(SKOS.inScheme, None) if isinstance(c, URIRef)}
    terms = classes | objects | datatypes | others
    placeholder = _Namer(ontology, own, {})
    namer = _Namer(ontology, own, {iri: placeholder.anchor(iri) for iri in terms | concepts})

    def kind(iri: str) -> str:
        for name, members in (("class", classes), ("object property", objects),
                              ("datatype property", datatypes)):
            if iri in members:
                return name
        if (URIRef(iri), RDF.type, OWL.AnnotationProperty) in ontology:
            return "annotation property"
        return "property"

    def section(iris: set[str], ours: bool) -> tuple[Term, ...]:
        chosen = [i for i in iris if i.startswith(own) == ours and i != own]
        return tuple(sorted((_term(ontology, namer, i, kind(i)) for i in chosen),
                            key=lambda t: (t.label.lower(), t.curie)))

    license_node = next(iter(ontology.objects(ontology_iri, DCTERMS.license)), None)
    titles = _english(ontology, ontology_iri, DCTERMS.title)
    return Page(
        iri=own,
        title=titles[0] if titles else own,
        description=" ".join(_english(ontology, ontology_iri, DCTERMS.description)),
        version=", ".join(str(v) for v in ontology.objects(ontology_iri, OWL.versionInfo)),
        license=namer.link(license_node) if license_node is not None else None,
        classes=section(classes, True),
        object_properties=section(objects, True),
        datatype_properties=section(datatypes | others, True),
        reused_classes=section(classes, False),
        reused_properties=section(objects | datatypes | others, False),
        schemes=_schemes(ontology, namer),
    )


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """One Jinja environment, autoescaping everything: labels and comments are data, not HTML."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )


def render_ontology_html(ontology: Graph) -> str:
    """The documentation page for an ontology graph, as one self-contained HTML string."""
    return _environment().get_template("ontology.html").render(page=build_page(ontology))


def ontology_files(root: Path = REPO_ROOT) -> list[Path]:
    """kg.ttl first, then every SKOS scheme file, in a stable order."""
    return [root / "ontology" / "kg.ttl", *sorted((root / "ontology" / "vocab").glob("*.ttl"))]


def load_ontology(root: Path = REPO_ROOT) -> Graph:
    """Parse the repository's ontology files into one graph, naming the file that fails."""
    graph = Graph()
    for path in ontology_files(root):
        if not path.is_file():
            raise KgError("ontology file not found", str(path))
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
            raise KgError(f"cannot parse Turtle: {exc}", str(path)) from exc
    return graph


def write_ontology_html(out: Path) -> Path:
    """Write the documentation page for the repository's ontology to `out` and return it."""
    html = render_ontology_html(load_ontology())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return out
