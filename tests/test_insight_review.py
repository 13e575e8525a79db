"""Fact status and reviews (issue 9, part 3): a dispute survives `kg build`."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import _document_loader
from kg.errors import KgError
from kg.insight_commands import review_cmd
from kg.queries import resolve_query, rows, run
from kg.review import add_review, apply_reviews, latest_statuses, reviewing_loader
from kg.store import KgStore

PROJECT = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/csckg/id/"
Q3 = ID + "doc/000_55c1815c05f2b0c9/question/3"
S3 = ID + "duty/ukpga-2017-16-s3-personal-adviser-to-25"


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(PROJECT / "ontology", root / "ontology")
    shutil.copytree(PROJECT / "data", root / "data", ignore=shutil.ignore_patterns("reviews.ttl"))
    return root


def _build(root: Path, store: Path) -> None:
    build(str(store), root=root, load_documents=reviewing_loader(_document_loader()))


def _status(store_path: Path, fact: str) -> list[dict[str, str | None]]:
    store = KgStore.open(store_path, read_only=True)
    try:
        return rows(run(store, resolve_query("fact-status"), {"fact": fact}))[1]
    finally:
        del store


def test_a_dispute_survives_rebuilds_and_leaves_coverage(root: Path, tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    _build(root, store_path)
    assert [r["status"] for r in _status(store_path, Q3)] == ["extracted"]

    runner = CliRunner()
    result = runner.invoke(review_cmd, [Q3, "--status", "disputed", "--by", "Jane Smith", "--note",
                                        "Asks about resources, not the duty", "--store", str(store_path),
                                        "--file", str(root / "data" / "reviews.ttl")])
    assert result.exit_code == 0, result.output
    _build(root, store_path)
    got = _status(store_path, Q3)
    assert [(r["status"], r["reviewed_by"], r["note"]) for r in got] == [
        ("disputed", "Jane Smith", "Asks about resources, not the duty")]
    _build(root, store_path)  # and again
    assert [r["status"] for r in _status(store_path, Q3)] == ["disputed"]

    store = KgStore.open(store_path, read_only=True)
    statuses = [s["s"].value for s in store.query(f"SELECT ?s WHERE {{ <{Q3}> kg:status ?s }}")]  # type: ignore[index]
    assert statuses == ["https://w3id.org/csckg/concept/status-disputed"]  # replaced, not added
    responses = [r["response"] for r in rows(run(store, resolve_query("councils-by-duty"), {"duty": S3}))[1]]
    assert responses == [ID + "doc/000_55c1815c05f2b0c9/statement/6"]  # the disputed question no longer counts
    del store


def test_latest_review_wins_and_missing_facts_warn(root: Path, built_store: KgStore) -> None:
    path = root / "data" / "reviews.ttl"
    add_review(built_store, Q3, "disputed", "A", path=path, at=datetime(2026, 1, 1, tzinfo=timezone.utc))
    add_review(built_store, Q3, "reviewed", "B", "checked again", path=path, at=datetime(2026, 2, 1, tzinfo=timezone.utc))
    assert {k: v.value for k, v in latest_statuses(path).items()} == {
        Q3: "https://w3id.org/csckg/concept/status-reviewed"}
    assert apply_reviews({}, path=path) == [f"review of {Q3} not applied: no extracted fact with that IRI was loaded"]
    graph = "https://w3id.org/csckg/graph/doc/000_55c1815c05f2b0c9"
    quads = {graph: [ox.Quad(ox.NamedNode(Q3), ox.NamedNode("https://w3id.org/csckg/def/status"),
                             ox.NamedNode("https://w3id.org/csckg/concept/status-extracted"), ox.NamedNode(graph))]}
    carried: dict[str, list[ox.Quad]] = {}
    assert apply_reviews(carried, quads, path=path) == []
    assert quads[graph][0].object.value == "https://w3id.org/csckg/concept/status-reviewed"


def test_review_refuses_curated_and_unknown_facts(root: Path, built_store: KgStore, built_store_path: Path) -> None:
    path = root / "data" / "reviews.ttl"
    with pytest.raises(KgError, match="not an extracted fact"):
        add_review(built_store, S3, "disputed", "A", path=path)
    with pytest.raises(KgError, match="not an extracted fact"):
        add_review(built_store, ID + "doc/nope/question/1", "reviewed", "A", path=path)
    with pytest.raises(KgError, match="say who"):
        add_review(built_store, Q3, "reviewed", "  ", path=path)
    assert not path.exists()
    result = CliRunner().invoke(review_cmd, [S3, "--status", "reviewed", "--by", "A", "--file", str(path),
                                             "--store", str(built_store_path)])
    assert isinstance(result.exception, KgError) and not path.exists()


def test_review_graph_sets_the_status_on_an_ingested_graph(root: Path, built_store: KgStore) -> None:
    import rdflib

    from kg.review import review_graph

    path = root / "data" / "reviews.ttl"
    add_review(built_store, Q3, "reviewed", "A", path=path)
    status = rdflib.URIRef("https://w3id.org/csckg/def/status")
    graph = rdflib.Graph()
    graph.add((rdflib.URIRef(Q3), status, rdflib.URIRef("https://w3id.org/csckg/concept/status-extracted")))
    assert review_graph(graph, path) == 1
    assert list(graph.objects(rdflib.URIRef(Q3), status)) == [rdflib.URIRef("https://w3id.org/csckg/concept/status-reviewed")]
