"""`kg build`: one named graph per file, all or nothing, hand-ingested documents kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib

from kg.build import build, curated_files
from kg.errors import KgError
from kg.iris import doc_graph
from kg.namespaces import GRAPH
from kg.store import KgStore

PREFIX = "@prefix ex: <http://example.org/> .\n"


def _project(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PREFIX + text, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return _project(
        tmp_path / "project",
        {
            "ontology/kg.ttl": "ex:Thing a ex:Class .",
            "ontology/vocab/modality.ttl": "ex:duty a ex:Concept .",
            "data/legislation/act.ttl": "ex:act ex:title 'An Act' . ex:act ex:year 2017 .",
            "ontology/shapes.ttl": "ex:shape a ex:NotLoaded .",
        },
    )


def _graph_sizes(path: Path) -> dict[str, int]:
    store = KgStore.open(path, create=False)
    try:
        return {g: sum(1 for _ in store.quads(g)) for g in store.named_graphs()}
    finally:
        del store


def test_build_loads_one_named_graph_per_file(project: Path, tmp_path: Path) -> None:
    report = build(str(tmp_path / "store"), root=project)
    expected = {
        f"{GRAPH}data/legislation/act.ttl": 2,
        f"{GRAPH}ontology/kg.ttl": 1,
        f"{GRAPH}ontology/vocab/modality.ttl": 1,
    }
    assert report.graphs == expected
    assert report.triples == 4
    assert _graph_sizes(tmp_path / "store") == expected


def test_shapes_are_not_loaded_as_data(project: Path) -> None:
    assert [p.relative_to(project).as_posix() for p in curated_files(project)] == [
        "data/legislation/act.ttl",
        "ontology/kg.ttl",
        "ontology/vocab/modality.ttl",
    ]


def test_a_bad_file_leaves_the_previous_store_untouched(project: Path, tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    build(str(store_path), root=project)
    before = _graph_sizes(store_path)
    _project(project, {"data/bodies/broken.ttl": "ex:a ex:b ex:c .\nex:a ex:b ."})
    with pytest.raises(KgError) as caught:
        build(str(store_path), root=project)
    assert caught.value.where is not None
    assert caught.value.where.startswith(f"{project / 'data/bodies/broken.ttl'}:3:")
    assert _graph_sizes(store_path) == before
    assert not (tmp_path / "store.building").exists()


def test_rebuild_keeps_documents_ingested_from_elsewhere(project: Path, tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    build(str(store_path), root=project)
    store = KgStore.open(store_path)
    extra = rdflib.Graph().parse(data=PREFIX + "ex:doc ex:title 'Minutes' .", format="turtle")
    store.replace_graphs({doc_graph("elsewhere-1"): extra})
    del store
    report = build(str(store_path), root=project)
    assert report.carried_over == [doc_graph("elsewhere-1")]
    assert _graph_sizes(store_path)[doc_graph("elsewhere-1")] == 1


def test_rebuild_drops_graphs_of_deleted_files(project: Path, tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    build(str(store_path), root=project)
    (project / "data/legislation/act.ttl").unlink()
    build(str(store_path), root=project)
    assert f"{GRAPH}data/legislation/act.ttl" not in _graph_sizes(store_path)


def test_build_refuses_while_another_process_holds_the_store(project: Path, tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    build(str(store_path), root=project)
    holder = KgStore.open(store_path)
    with pytest.raises(KgError, match="in use by another process"):
        build(str(store_path), root=project)
    del holder
