"""The store wrapper: atomic graph replacement, clear parse errors, the one-writer lock."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.errors import KgError
from kg.store import KgStore, parse_rdf_bytes, parse_rdf_file

G1 = "https://w3id.org/csckg/graph/test/one"
EX = "http://example.org/"


def _graph(turtle: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=f"@prefix ex: <{EX}> .\n" + turtle, format="turtle")


def test_replace_graphs_is_idempotent() -> None:
    store = KgStore.memory()
    graph = _graph("ex:a ex:p ex:b . ex:a ex:q 5 .")
    store.replace_graphs({G1: graph})
    store.replace_graphs({G1: graph})
    assert len(store) == 2
    assert store.named_graphs() == [G1]


def test_replace_graphs_replaces_only_the_named_graph() -> None:
    store = KgStore.memory()
    store.replace_graphs({G1: _graph("ex:a ex:p ex:old ."), G1 + "2": _graph("ex:x ex:p ex:y .")})
    store.replace_graphs({G1: _graph("ex:a ex:p ex:new .")})
    objects = sorted(q.object.value for q in store.quads())
    assert objects == [EX + "new", EX + "y"]


def test_a_failed_replace_leaves_every_graph_as_it_was() -> None:
    store = KgStore.memory()
    store.replace_graphs({G1: _graph("ex:a ex:p ex:kept .")})
    with pytest.raises(KgError, match="not a valid graph IRI"):
        store.replace_graphs({G1: _graph("ex:a ex:p ex:new ."), "not an iri": _graph("ex:b ex:p ex:c .")})
    assert [q.object.value for q in store.quads()] == [EX + "kept"]


def test_parse_error_names_file_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\nex:a ex:p "unterminated .\n', encoding="utf-8")
    with pytest.raises(KgError) as caught:
        parse_rdf_file(bad, G1)
    assert caught.value.where == f"{bad}:3:11"
    assert "RDF syntax error" in caught.value.message


def test_binary_junk_is_refused() -> None:
    with pytest.raises(KgError, match="binary data, not RDF text"):
        parse_rdf_bytes(b"\x00\x01\x02garbage", ox.RdfFormat.TURTLE, G1, source="junk.ttl")


def test_unknown_file_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(KgError, match="unknown RDF file type"):
        parse_rdf_file(path, G1)


def test_second_writer_gets_a_clear_message(tmp_path: Path) -> None:
    first = KgStore.open(tmp_path / "store")
    with pytest.raises(KgError, match="in use by another process"):
        KgStore.open(tmp_path / "store")
    del first


def test_opening_a_missing_store_without_create_says_to_build(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="run `kg build` first"):
        KgStore.open(tmp_path / "nothing", create=False)


def test_an_endpoint_url_is_not_a_store_folder() -> None:
    with pytest.raises(KgError, match="is a SPARQL endpoint, not a store folder"):
        KgStore.open("http://127.0.0.1:7878")


def test_to_rdflib_gives_the_union_of_graphs() -> None:
    store = KgStore.memory()
    store.replace_graphs({G1: _graph("ex:a ex:p ex:b ."), G1 + "2": _graph("ex:a ex:p ex:b . ex:c ex:p ex:d .")})
    assert len(store.to_rdflib()) == 2
    assert len(store.to_rdflib([G1])) == 1
