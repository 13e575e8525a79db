"""ingest_paths with a fake store and the real KgStore; the click commands end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.ingest.commands import eval_cmd, extract_cmd, ingest_cmd
from kg.ingest.gazetteer import build_gazetteer
from kg.ingest.pipeline import ingest_paths
from kg.iris import doc_graph

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "minutes"


class FakeStore:
    """The one method the pipeline needs from kg.store.KgStore."""

    def __init__(self) -> None:
        self.graphs: dict[str, object] = {}
        self.calls = 0

    def replace_graphs(self, graphs):
        self.calls += 1
        self.graphs.update(graphs)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in SEEDS.iterdir():
        shutil.copy(path, docs / path.name)
    (docs / "broken.txt").write_bytes(b"Councillor X asked\x00")
    return docs


def test_bad_document_is_a_warning_and_the_others_go_in(folder):
    store = FakeStore()
    summary = ingest_paths(store, [folder], progress=False, gazetteer=build_gazetteer(None), validate_graphs=False)
    assert summary.documents == 5
    assert len(summary.failures) == 1 and str(folder / "broken.txt") in summary.failures[0]
    assert summary.failures[0] in summary.warnings
    assert sorted(store.graphs) == sorted(doc_graph(p.stem) for p in SEEDS.glob("*.txt"))
    assert store.calls == 5  # one transaction per document
    assert summary.facts["decisions"] == 12 and summary.facts["questions"] == 19 and summary.facts["amounts"] == 2
    assert summary.unmatched["School Standards Board"] == 2 and summary.unmatched["Leeds City Council"] == 1


def test_urls_missing_paths_duplicates_and_non_documents(tmp_path, folder):
    other = tmp_path / "again"
    other.mkdir()
    shutil.copy(SEEDS / "004_716b7456e7929a64.txt", other / "004_716b7456e7929a64.txt")
    summary = ingest_paths(FakeStore(), [folder / "004_716b7456e7929a64.txt", other, Path("http://127.0.0.1/x.txt"),
                                         tmp_path / "missing.txt", SEEDS / "000_55c1815c05f2b0c9.json"],
                           progress=False, gazetteer=build_gazetteer(None), validate_graphs=False)
    assert summary.documents == 1
    messages = "\n".join(summary.failures)
    assert "already used by" in messages and "URLs are not ingested" in messages
    assert "no such file or folder" in messages and "not a minutes document" in messages


def test_real_store_reingest_replaces_not_duplicates():
    store_mod = pytest.importorskip("kg.store")
    store = store_mod.KgStore.memory()
    seed = [SEEDS / "004_716b7456e7929a64.txt"]
    first = ingest_paths(store, seed, progress=True)  # validated, with a progress bar
    assert first.failures == [] and first.documents == 1
    size = len(store)
    ingest_paths(store, seed, progress=False)
    assert len(store) == size
    assert doc_graph("004_716b7456e7929a64") in store.named_graphs()


def test_cli_extract_json_contract():
    result = CliRunner().invoke(extract_cmd, [str(SEEDS / "000_55c1815c05f2b0c9.txt"), "--json", "--data", "/nonexistent"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data)[:7] == ["document", "people", "bodies", "legislation", "decisions", "questions", "amounts"]
    assert [a["value"] for a in data["amounts"]] == [7292, 30000]


def test_cli_extract_with_meta_and_summary(tmp_path):
    meta = tmp_path / "meta.json"
    meta.write_text('{"council": "Xshire Council", "committee": "Cabinet"}', encoding="utf-8")
    result = CliRunner().invoke(extract_cmd, [str(SEEDS / "001_a270c4e4c977499e.txt"), "--meta", str(meta), "--data", "/nonexistent"])
    assert result.exit_code == 0
    assert "council: Xshire Council; committee: Cabinet" in result.output
    assert "decision  That the presentation be noted." in result.output


def test_cli_extract_errors_exit_2_naming_the_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(extract_cmd, [str(bad)])
    assert result.exit_code == 2
    assert f"{bad}: document is empty" in result.output


def test_cli_ingest_exit_codes(tmp_path, folder):
    pytest.importorskip("kg.store")
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(SEEDS / "004_716b7456e7929a64.txt", good)
    shutil.copy(SEEDS / "004_716b7456e7929a64.json", good)
    runner = CliRunner()
    ok = runner.invoke(ingest_cmd, [str(good), "--store", str(tmp_path / "store"), "--no-progress"])
    assert ok.exit_code == 0, ok.output
    assert "ingested 1 documents" in ok.output
    bad = runner.invoke(ingest_cmd, [str(folder / "broken.txt"), "--store", str(tmp_path / "store"), "--no-progress"])
    assert bad.exit_code == 2
    assert "broken.txt: binary file" in bad.output


def test_cli_eval_prints_every_kind():
    result = CliRunner().invoke(eval_cmd, [str(ROOT / "tests" / "gold"), "--data", "/nonexistent"])
    assert result.exit_code == 0, result.output
    rows = [line.split()[0] for line in result.output.splitlines()[1:]]
    assert rows == ["people", "bodies", "legislation", "decisions", "questions", "amounts", "overall"]
