"""Shared fixtures: one store built from the real project data, reused by read-only tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import _document_loader
from kg.store import KgStore


@pytest.fixture(scope="session")
def built_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`kg build` of the project's own sources, once per test session."""
    path = tmp_path_factory.mktemp("built") / "store"
    build(str(path), load_documents=_document_loader())
    return path


@pytest.fixture(scope="session")
def built_store(built_store_path: Path) -> Iterator[KgStore]:
    """The built store, opened read-only once (so CLI tests can open it too)."""
    store = KgStore.open(built_store_path, read_only=True)
    yield store
    del store


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
