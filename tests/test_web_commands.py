"""`kg serve` as a click command: `--get PATH` prints one page, exit 0 on 200 else 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from test_web_fixture import ACT, GRAPHS
from kg.store import KgStore
from webui.commands import serve


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import rdflib

    path = tmp_path_factory.mktemp("serve") / "store"
    store = KgStore.open(path)
    store.replace_graphs({name: rdflib.Graph().parse(data=ttl, format="turtle") for name, ttl in GRAPHS.items()})
    store.flush()
    del store
    return path


def test_get_prints_page_and_exits_0(store_path: Path) -> None:
    result = CliRunner().invoke(serve, ["--store", str(store_path), "--get", "/acts?format=json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rows"][0]["act"] == ACT


def test_get_exits_1_when_not_200(store_path: Path) -> None:
    result = CliRunner().invoke(serve, ["--store", str(store_path), "--get", "/entity?iri=http://example.org/none"])
    assert result.exit_code == 1
    assert "Not found" in result.output


def test_missing_store_is_a_kg_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(serve, ["--store", str(tmp_path / "absent"), "--get", "/"])
    assert result.exit_code != 0
    assert "no store here yet" in str(result.exception)


def test_debug_refused_off_loopback(store_path: Path) -> None:
    result = CliRunner().invoke(serve, ["--store", str(store_path), "--debug", "--host", "0.0.0.0"])
    assert result.exit_code != 0
    assert "loopback" in str(result.exception)


def test_help_lists_options() -> None:
    result = CliRunner().invoke(serve, ["--help"])
    assert result.exit_code == 0
    for option in ("--store", "--host", "--port", "--debug", "--get"):
        assert option in result.output
