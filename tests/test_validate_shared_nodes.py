"""Two documents of one uncurated council share extracted nodes (its committee, its people):
each document attests them, and the graph stays valid."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import PROV

from kg.build import build
from kg.cli import _document_loader
from kg.store import KgStore
from kg.validate import validate

ROOT = Path(__file__).resolve().parents[1]
SEED = "000_55c1815c05f2b0c9"
COMMITTEE = "https://w3id.org/csckg/id/body/testshire-county-council/children-and-young-people-policy-development-and-scrutiny-panel"


def test_a_second_document_of_the_same_council_keeps_the_graph_valid(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "ontology", project / "ontology")
    shutil.copytree(ROOT / "data", project / "data", ignore=shutil.ignore_patterns("minutes"))
    minutes = project / "data" / "minutes"
    minutes.mkdir()
    for stem, date in (("testshire_1", "2018-09-18"), ("testshire_2", "2018-11-20")):
        shutil.copy(ROOT / "data" / "minutes" / f"{SEED}.txt", minutes / f"{stem}.txt")
        meta = json.loads((ROOT / "data" / "minutes" / f"{SEED}.json").read_text(encoding="utf-8"))
        meta.update(council="Testshire County Council", meeting_date=date, source_url=None)
        (minutes / f"{stem}.json").write_text(json.dumps(meta), encoding="utf-8")
    build(str(tmp_path / "store"), root=project, load_documents=_document_loader())
    store = KgStore.open(tmp_path / "store", read_only=True)
    graph = store.to_rdflib()
    del store
    assert len(set(graph.objects(URIRef(COMMITTEE), PROV.hadPrimarySource))) == 2
    report = validate(graph)
    assert [(r.focus, r.source_shape) for r in report.results if r.severity == "Violation"] == []
