"""Options shared by every `kg` command, defined once so they read the same everywhere."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])

STORE_ENV = "KG_STORE"


def store_option(fn: F) -> F:
    """`--store PATH` (**contract**): the store to use; default KG_STORE or the project's .kg-store."""
    return click.option(
        "--store",
        "store_spec",
        default=lambda: os.environ.get(STORE_ENV),
        metavar="PATH",
        help="Store folder (default: $KG_STORE, else .kg-store/ in the project root).",
    )(fn)
