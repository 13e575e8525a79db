"""Stores built from the org chart fixture Turtle (tests/fixtures/orgchart/), for the org chart tests."""

from __future__ import annotations

from pathlib import Path

from kg.store import KgStore, parse_rdf_file

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "orgchart"
CURATED_GRAPH = "https://w3id.org/csckg/graph/data/councils/testshire.ttl"
DOC_GRAPH = "https://w3id.org/csckg/graph/doc/test-doc"

ID = "https://w3id.org/csckg/id/"
LEG = "http://www.legislation.gov.uk/id/"


def iri(path: str) -> str:
    """`body/x` -> the full kgid IRI; legislation paths (`ukpga/...`) -> the legislation.gov.uk id."""
    return LEG + path if path.startswith("ukpga/") else ID + path


def fixture_store(*extra: tuple[str, str]) -> KgStore:
    """An in-memory store with the Testshire fixture (curated graph + one document graph)."""
    store = KgStore.memory()
    files = [("testshire.ttl", CURATED_GRAPH), ("testshire-minutes.ttl", DOC_GRAPH), *extra]
    quads = [q for name, graph in files for q in parse_rdf_file(FIXTURES / name, graph)]
    store.bulk_load(quads)
    return store


def cycle_store() -> KgStore:
    store = KgStore.memory()
    store.bulk_load(parse_rdf_file(FIXTURES / "cycle.ttl", "https://w3id.org/csckg/graph/data/councils/loopton.ttl"))
    return store
