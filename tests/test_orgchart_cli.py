"""`kg orgchart` and `kg org chain|span|path|central` on a fixture store, through a `kg`-like group."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from orgchart_fixture import CURATED_GRAPH, DOC_GRAPH, FIXTURES, iri

from kg.cli import KgGroup
from kg.orgchart_commands import org_group, orgchart_cmd
from kg.store import KgStore, parse_rdf_file


@click.group(cls=KgGroup)
def kg() -> None:
    """The commands as the lead registers them in `kg`."""


kg.add_command(orgchart_cmd, "orgchart")
kg.add_command(org_group, "org")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("orgchart") / "store"
    store = KgStore.open(path)
    store.bulk_load([q for name, g in (("testshire.ttl", CURATED_GRAPH), ("testshire-minutes.ttl", DOC_GRAPH))
                     for q in parse_rdf_file(FIXTURES / name, g)])
    store.flush()
    del store
    gc.collect()
    return str(path)


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(kg, list(args), catch_exceptions=False)


def test_orgchart_json_to_stdout(store_path: str) -> None:
    result = run("orgchart", "--store", store_path, "--council", "Testshire", "--format", "json", "--depth", "0", "--no-statutory")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert len(doc["nodes"]) == 15 and len(doc["edges"]) == 20


def test_orgchart_format_from_file_suffix(store_path: str, tmp_path: Path) -> None:
    out = tmp_path / "chart.mmd"
    result = run("orgchart", "--store", store_path, "--council", "Testshire", "--as-of", "2019-09-30", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Testshire Council as of 2019-09-30\n---\nflowchart TB\n")
    assert '{{"Testshire Safeguarding Children<br/>Partnership"}}' in text and "Testshire LSCB" not in text
    assert "wrote " in result.output  # the note goes to stderr, which CliRunner mixes in


def test_png_needs_an_output_file(store_path: str) -> None:
    result = CliRunner().invoke(kg, ["orgchart", "--store", store_path, "--council", "Testshire", "--format", "png"])
    assert result.exit_code == 2
    assert "--output: --format png is binary; give -o FILE" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["--council", "Testshire", "--as-of", "29/09/2019"], "--as-of: '29/09/2019' is not a date (use YYYY-MM-DD)"),
    (["--council", "Nowhere"], "nothing in the graph is called 'Nowhere'"),
    ([], "say what to chart: --council, --unit or --body"),
])
def test_orgchart_errors_exit_2(store_path: str, args: list[str], message: str) -> None:
    result = CliRunner().invoke(kg, ["orgchart", "--store", store_path, *args])
    assert result.exit_code == 2
    assert message in result.output


def test_org_chain(store_path: str) -> None:
    result = run("org", "chain", "--store", store_path, "Team Manager (Children in Care)", "--as-of", "2019-09-28")
    assert result.output.splitlines() == [
        "Team Manager (Children in Care)",
        "  Assistant Director <Safeguarding> & Quality",
        "    Director of Children's Services, Testshire Council (Jane Doe)",
        "in: Testshire Council",
    ]


def test_org_span(store_path: str) -> None:
    result = run("org", "span", "--store", store_path, iri("post/testshire-council/director-of-childrens-services"))
    assert result.output.splitlines() == [
        "Director of Children's Services, Testshire Council (Jane Doe, Seán O'Neil): 2 direct, 4 in total",
        "  direct: Assistant Director <Safeguarding> & Quality",
        "  direct: Head of the Virtual School, Testshire Council (Ann Smith)",
        "  below:  Principal Social Worker, Testshire Council",
        "  below:  Team Manager (Children in Care)",
    ]


def test_org_path(store_path: str) -> None:
    result = run("org", "path", "--store", store_path, "Virtual School [Testshire]", "Social Work England")
    lines = result.output.splitlines()
    assert lines[0] == "Virtual School [Testshire]"
    assert lines[1] == "  --instance-of--> Virtual School"
    assert lines[-2] == "  <--legal-basis-- Social Work England"
    assert lines[-1] == "8 steps"


def test_org_central(store_path: str) -> None:
    result = run("org", "central", "--store", store_path, "--council", "Testshire", "--top", "2")
    assert [line.split("  ", 1)[1] for line in result.output.splitlines()] == [
        "Testshire Council", "Children's Services, Testshire Council",
    ]
