"""Showing query results to a person in a terminal: short names instead of long IRIs."""

from __future__ import annotations

from collections.abc import Sequence

import click
import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from kg.namespaces import PREFIXES


def compact(iri: str) -> str:
    """`https://w3id.org/csckg/id/body/x` -> `kgid:body/x`; unknown namespaces stay whole."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def term_text(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    """A result cell as text: compact IRIs, literal values, blank for unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def solutions_table(solutions: ox.QuerySolutions) -> tuple[list[str], list[list[str]]]:
    """Columns and text rows of a SELECT result."""
    columns = [v.value for v in solutions.variables]
    return columns, [[term_text(s[c]) for c in columns] for s in solutions]


def print_table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A readable table on standard output, with the row count under it."""
    table = Table(*columns, show_lines=False, header_style="bold")
    for row in rows:
        table.add_row(*row)
    Console(width=max(120, Console().width)).print(table)
    click.echo(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
