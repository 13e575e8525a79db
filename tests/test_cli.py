"""The `kg` command contract: exit codes 0/1/2, one-line errors naming what and where."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli

COMMANDS = ["build", "validate", "query", "queries", "stats", "export", "docs", "extract", "ingest", "eval"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: cli " + command in result.output or "Usage: kg " + command in result.output


@pytest.mark.parametrize("command", ["build", "validate", "query", "stats", "export", "ingest"])
def test_every_store_command_takes_store(runner: CliRunner, command: str) -> None:
    assert "--store PATH" in runner.invoke(cli, [command, "--help"]).output


def test_unknown_query_is_bad_usage(runner: CliRunner, built_store_path: Path) -> None:
    result = runner.invoke(cli, ["query", "no-such-query", "--store", str(built_store_path)])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: unknown query 'no-such-query'; named queries: ")
    assert "amendments, body-lifecycle, " in result.output


def test_query_on_a_missing_store_says_to_build(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["query", "duties-by-act", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.output == f"kg: error: {tmp_path / 'none'}: no store here yet; run `kg build` first\n"


def test_bad_param_value_names_the_param(runner: CliRunner, built_store_path: Path) -> None:
    result = runner.invoke(cli, ["query", "duties-in-force", "-p", "as_of=last tuesday", "--store", str(built_store_path)])
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: --param as_of: 'last tuesday' is not a valid date")


def test_unknown_param_is_refused(runner: CliRunner, built_store_path: Path) -> None:
    result = runner.invoke(cli, ["query", "duties-by-act", "-p", "colour=red", "--store", str(built_store_path)])
    assert result.exit_code == 2
    assert "unknown parameter 'colour' for duties-by-act; it takes: act" in result.output


def test_sparql_syntax_error_is_bad_input(runner: CliRunner, built_store_path: Path) -> None:
    result = runner.invoke(cli, ["query", "-", "--store", str(built_store_path)], input="SELECT WHERE {")
    assert result.exit_code == 2
    assert result.output.startswith("kg: error: query: SPARQL syntax error:")


def test_query_from_stdin_as_csv(runner: CliRunner, built_store_path: Path) -> None:
    query = 'SELECT ?title WHERE { <http://www.legislation.gov.uk/id/ukpga/2017/16> dct:title ?title }'
    result = runner.invoke(cli, ["query", "-", "--format", "csv", "--store", str(built_store_path)], input=query)
    assert result.exit_code == 0, result.output
    assert result.output.replace("\r\n", "\n") == "title\nChildren and Social Work Act 2017\n"


def test_ask_query_prints_true_or_false(runner: CliRunner, built_store_path: Path) -> None:
    query = "ASK { <https://w3id.org/csckg/id/body/social-work-england> a kg:Regulator }"
    result = runner.invoke(cli, ["query", "-", "--store", str(built_store_path)], input=query)
    assert (result.exit_code, result.output) == (0, "true\n")


@pytest.mark.parametrize(
    ("fmt", "parse_format"),
    [("turtle", ox.RdfFormat.TURTLE), ("nquads", ox.RdfFormat.N_QUADS), ("jsonld", ox.RdfFormat.JSON_LD),
     ("ntriples", ox.RdfFormat.N_TRIPLES), ("trig", ox.RdfFormat.TRIG)],
)
def test_export_round_trips(runner: CliRunner, built_store_path: Path, tmp_path: Path, fmt: str, parse_format: ox.RdfFormat) -> None:
    out = tmp_path / f"export.{fmt}"
    result = runner.invoke(cli, ["export", "--format", fmt, "-o", str(out), "--store", str(built_store_path)])
    assert result.exit_code == 0, result.output
    parsed = list(ox.parse(path=str(out), format=parse_format))
    assert parsed, "export wrote nothing"
    if fmt in ("nquads", "trig"):
        assert {q.graph_name.value for q in parsed} >= {"https://w3id.org/csckg/graph/ontology/kg.ttl"}


def test_export_of_an_unknown_graph_is_bad_input(runner: CliRunner, built_store_path: Path) -> None:
    result = runner.invoke(cli, ["export", "--graph", "https://nope.example/", "--store", str(built_store_path)])
    assert result.exit_code == 2
    assert result.output == "kg: error: --graph: no named graph 'https://nope.example/' in the store\n"


def test_stats_counts_graphs_and_classes(runner: CliRunner, built_store_path: Path) -> None:
    result = runner.invoke(cli, ["stats", "--store", str(built_store_path)])
    assert result.exit_code == 0, result.output
    assert "https://w3id.org/csckg/graph/ontology/kg.ttl" in result.output
    assert "kg:Duty" in result.output


def test_queries_lists_every_named_query(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["queries"])
    assert result.exit_code == 0
    names = [line.split(":")[0] for line in result.output.splitlines() if line and not line.startswith(" ")]
    assert names == sorted(p.stem for p in (Path(__file__).parents[1] / "queries").glob("*.rq"))


def test_build_while_another_writer_holds_the_store_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    from kg.store import KgStore

    holder = KgStore.open(tmp_path / "store")
    result = runner.invoke(cli, ["build", "--store", str(tmp_path / "store")])
    del holder
    assert result.exit_code == 2
    assert "in use by another process" in result.output


def _project_with(tmp_path: Path, extra: dict[str, str]) -> Path:
    """A copy of the project's ontology plus the given data files, to build from."""
    import shutil

    root = tmp_path / "project"
    real = Path(__file__).resolve().parents[1]
    shutil.copytree(real / "ontology", root / "ontology")
    for rel, text in extra.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


BROKEN_DUTY = """
@prefix kg: <https://w3id.org/csckg/def/> .
@prefix kgc: <https://w3id.org/csckg/concept/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://w3id.org/csckg/id/duty/broken> a kg:Duty ;
    rdfs:label "A duty with no legal basis"@en ;
    kg:modality kgc:modality-duty ;
    kg:bearer kgc:role-local-authority-england ;
    kg:beneficiary kgc:group-children ;
    kg:action "do something"@en ;
    dct:source <https://example.org/source> .
"""


def test_validate_exits_0_on_the_real_data(runner: CliRunner, built_store_path: Path) -> None:
    result = runner.invoke(cli, ["validate", "--store", str(built_store_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Validation conforms: 0 Violations, ")


def test_validate_exits_1_on_a_violation_and_names_it(runner: CliRunner, tmp_path: Path) -> None:
    from kg.build import build

    root = _project_with(tmp_path, {"data/duties/broken.ttl": BROKEN_DUTY})
    build(str(tmp_path / "store"), root=root)
    result = runner.invoke(cli, ["validate", "--store", str(tmp_path / "store"), "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    violations = [r for r in report["results"] if r["severity"] == "Violation"]
    assert [(r["focus"]["value"], r["source_shape"]) for r in violations] == [
        ("https://w3id.org/csckg/id/duty/broken", "kgsh:Duty-legalBasis")
    ]


def test_validate_strict_fails_on_warnings(runner: CliRunner, built_store_path: Path) -> None:
    result = runner.invoke(cli, ["validate", "--strict", "--store", str(built_store_path)])
    assert result.exit_code == 1
