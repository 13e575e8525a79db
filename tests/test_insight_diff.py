"""`kg diff` and the change log (issue 9, part 5): two builds differ in exactly the documents changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import changes
from kg.build import build, parse_curated
from kg.cli import _document_loader
from kg.diff import diff_paths
from kg.insight_commands import diff_cmd
from kg.ingest.pipeline import load_folder_quads

PROJECT = Path(__file__).resolve().parents[1]
DOC = "https://w3id.org/csckg/graph/doc/"


def _root(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(PROJECT / "ontology", root / "ontology")
    shutil.copytree(PROJECT / "data", root / "data", ignore=shutil.ignore_patterns("reviews.ttl"))
    return root


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    tmp = tmp_path_factory.mktemp("diff")
    old_root, new_root = _root(tmp, "old"), _root(tmp, "new")
    minutes = new_root / "data" / "minutes"
    text = minutes / "001_a270c4e4c977499e.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("gave the presentation.", "gave the presentation today.", 1), encoding="utf-8")
    for path in minutes.glob("002_b1072249b8d37fcb.*"):
        path.unlink()
    old, new = tmp / "old-store", tmp / "new-store"
    build(str(old), root=old_root, load_documents=_document_loader())
    build(str(new), root=new_root, load_documents=_document_loader())
    return old, new, new_root


def test_diff_between_two_builds_lists_exactly_the_documents_changed(two_builds: tuple[Path, Path, Path]) -> None:
    old, new, _ = two_builds
    report = diff_paths(old, new)
    assert [(g, status) for g, status, _, _ in report.rows()] == [
        (DOC + "001_a270c4e4c977499e", "changed"),
        (DOC + "002_b1072249b8d37fcb", "removed"),
    ]
    change = report.changed[0]
    assert any("presentation today" in line for line in change.added)
    assert not any("presentation today" in line for line in change.removed)
    assert diff_paths(old, old).empty


def test_diff_command_exit_codes_and_json(two_builds: tuple[Path, Path, Path]) -> None:
    old, new, _ = two_builds
    runner = CliRunner()
    result = runner.invoke(diff_cmd, [str(old), str(new), "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert [g["graph"] for g in data["graphs_removed"]] == [DOC + "002_b1072249b8d37fcb"]
    assert data["graphs_added"] == []
    assert [g["graph"] for g in data["graphs_changed"]] == [DOC + "001_a270c4e4c977499e"]
    same = runner.invoke(diff_cmd, [str(old), str(old)])
    assert same.exit_code == 0 and "0 rows" in same.output


def test_diff_of_exports_compares_blank_nodes_by_isomorphism(tmp_path: Path) -> None:
    g = "https://w3id.org/csckg/graph/test"
    one = tmp_path / "one.nq"
    two = tmp_path / "two.trig"
    three = tmp_path / "three.nq"
    one.write_text(f'_:a <http://ex.org/p> "x" <{g}> .\n_:a <http://ex.org/q> _:b <{g}> .\n'
                   f'<http://ex.org/s> <http://ex.org/p> "1" <{g}/other> .\n', encoding="utf-8")
    two.write_text(f'<{g}> {{ _:zz <http://ex.org/p> "x" . _:zz <http://ex.org/q> _:yy . }}\n'
                   f'<{g}/other> {{ <http://ex.org/s> <http://ex.org/p> "1" . }}\n', encoding="utf-8")
    three.write_text(f'_:a <http://ex.org/p> "y" <{g}> .\n_:a <http://ex.org/q> _:b <{g}> .\n', encoding="utf-8")
    assert diff_paths(one, two).empty
    report = diff_paths(one, three)
    assert report.graphs_removed == {g + "/other": 1}
    assert [(c.graph, len(c.added), len(c.removed)) for c in report.changed] == [(g, 2, 2)]


def test_change_log_records_the_build_and_an_ingest(two_builds: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """What the build and ingest hooks write (the lead calls these from kg.build and kg.ingest.pipeline)."""
    old, _, new_root = two_builds
    store_path = tmp_path / "store"
    shutil.copytree(old, store_path)
    graphs = parse_curated(new_root)
    graphs.update(load_folder_quads(new_root / "data" / "minutes"))
    entry = changes.prepare_build(store_path, graphs)
    changes.append(store_path, entry)
    assert entry["action"] == "build" and entry["added"] == []
    assert [c["graph"] for c in entry["changed"]] == [DOC + "001_a270c4e4c977499e"]
    assert [r["graph"] for r in entry["removed"]] == [DOC + "002_b1072249b8d37fcb"]

    from kg.store import KgStore

    store = KgStore.open(store_path)
    recorder = changes.ChangeRecorder(store)
    recorder.replacing(DOC + "002_b1072249b8d37fcb")
    store.drop_graphs([DOC + "002_b1072249b8d37fcb"])
    recorder.replacing(DOC + "new-doc")
    store.replace_graphs({DOC + "new-doc": graphs[DOC + "001_a270c4e4c977499e"]})
    written = recorder.write()
    del store
    assert written is not None
    assert [(a["graph"], a["triples"] > 0) for a in written["added"]] == [(DOC + "new-doc", True)]
    assert [r["graph"] for r in written["removed"]] == [DOC + "002_b1072249b8d37fcb"]
    log = changes.read_log(store_path)
    assert [e["action"] for e in log] == ["build", "ingest"]
    assert changes.log_path(store_path).name == "store.changes.jsonl"
