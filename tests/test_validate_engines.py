"""pySHACL and pyshacl-turbo give the same verdicts on every shape fixture.

Why: kg.validate.validate(engine="turbo") is the fast path for ingest and whole-graph runs
(benchmarks/README.md), and pySHACL stays the reference. A switch of engine must never change a
verdict, so every fixture of tests/test_shapes.py (the good graph and each bad/*.ru) is validated
by both, and the (focus, source shape, severity) sets must be identical, and equal to the
fixture's `# expect:` lines. The turbo version is pinned in pyproject; re-run this file before
moving the pin.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.errors import KgError
from kg.validate import ENGINE_ENV, ValidationReport, resolve_engine, validate
from test_shapes import BAD, EMPTY, FIXTURES, broken, expectations, good_graph

pytest.importorskip("pyshacl_turbo", reason="pyshacl-turbo is not installed (pyproject pins it)")


def result_set(report: ValidationReport) -> set[tuple[str, str, str]]:
    """(focus, source shape, severity): what a verdict is made of; messages may differ."""
    return {(str(r.focus), r.source_shape, r.severity) for r in report.results}


def both(graph: Graph) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    reference = validate(graph, ontology=EMPTY, engine="pyshacl")
    turbo = validate(graph, ontology=EMPTY, engine="turbo")
    assert reference.conforms == turbo.conforms
    return result_set(reference), result_set(turbo)


def test_engines_agree_on_the_good_graph() -> None:
    reference, turbo = both(good_graph())
    assert reference == turbo == set()


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_engines_agree_on_each_bad_fixture(path: Path) -> None:
    reference, turbo = both(broken(path))
    assert turbo == reference
    expected = {(focus, shape, sev) for sev, shape, focus in expectations(path.read_text(encoding="utf-8"))}
    assert reference == expected


def test_engines_agree_with_the_project_ontology_mixed_in() -> None:
    """The default path (kg.ttl and the vocabularies added) as the CLI and ingest use it."""
    graph = broken(FIXTURES / "bad" / "Duty-legalBasis.ru")
    assert result_set(validate(graph, engine="turbo")) == result_set(validate(graph, engine="pyshacl"))


def test_engine_is_chosen_by_argument_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENGINE_ENV, raising=False)
    assert resolve_engine(None) == "pyshacl"
    monkeypatch.setenv(ENGINE_ENV, "turbo")
    assert resolve_engine(None) == "turbo"
    assert resolve_engine("pyshacl") == "pyshacl"
    with pytest.raises(KgError, match="unknown SHACL engine"):
        resolve_engine("rudof")
