"""Namespaces used across the package, so no module spells an IRI by hand.

rdflib ships closed namespaces for ORG, PROV, SKOS, DCTERMS and FOAF; the others are open
`Namespace`s here. Our own terms are checked against `ontology/kg.ttl` by a test instead.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD

BASE = "https://w3id.org/csckg/"
KG = Namespace(BASE + "def/")
KGC = Namespace(BASE + "concept/")
KGSH = Namespace(BASE + "shapes/")
KGID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")

ELI = Namespace("http://data.europa.eu/eli/ontology#")
LEG = Namespace("http://www.legislation.gov.uk/def/legislation/")
LEGID = Namespace("http://www.legislation.gov.uk/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
DCT = DCTERMS

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "kgc": str(KGC),
    "kgsh": str(KGSH),
    "kgid": str(KGID),
    "eli": str(ELI),
    "leg": str(LEG),
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "oa": str(OA),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "time": str(TIME),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
}


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, for queries written without them."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


__all__ = [
    "BASE", "KG", "KGC", "KGSH", "KGID", "GRAPH", "ELI", "LEG", "LEGID", "OA", "SCHEMA",
    "DCT", "DCTERMS", "FOAF", "ORG", "OWL", "PROV", "RDF", "RDFS", "SH", "SKOS", "TIME",
    "XSD", "PREFIXES", "sparql_prologue",
]
