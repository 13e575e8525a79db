"""`kg orgchart` (draw a council's or body's structure) and `kg org ...` (ask questions of it).

Thin on purpose: option parsing and printing only; the library (`kg.orgchart`,
`kg.orgchart_render`, `kg.orgchart_analysis`) does the work and raises KgError, which the `kg`
group turns into a one-line message and exit code 2. The lead registers both commands:
`cli.add_command(orgchart_cmd, "orgchart")` and `cli.add_command(org_group, "org")`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import networkx as nx

from kg.cli_options import store_option
from kg.errors import KgError
from kg.orgchart import ChartRequest, build_chart, org_graph, parse_date, resolve
from kg.orgchart_analysis import (
    central_bodies,
    containers,
    managers,
    reporting_chain,
    shortest_path,
    span_of_control,
)
from kg.orgchart_render import EXTENSIONS, FORMATS, render
from kg.orgchart_scope import scope
from kg.store import KgStore, open_store

_BINARY = frozenset({"png"})
_BY_SUFFIX = {f".{ext}": fmt for fmt, ext in EXTENSIONS.items()} | {".gv": "dot", ".md": "mermaid", ".mermaid": "mermaid"}


def _open(store_spec: str | None) -> KgStore:
    return open_store(store_spec, read_only=True)


@click.command("orgchart")
@store_option
@click.option("--council", default=None, metavar="NAME|IRI",
              help="Chart a council: everything under it and the bodies around it.")
@click.option("--unit", default=None, metavar="NAME|IRI",
              help="Chart one department, service or committee (instead of the whole council).")
@click.option("--body", default=None, metavar="NAME|IRI",
              help="Chart any other body (a partnership, a board, a national body).")
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
              help="Show the structure and post holders on that date.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=0),
              help="Hops to bodies around the root (partnerships, hosts, institutions).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: from the -o suffix, else dot).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@click.option("--no-statutory", is_flag=True,
              help="Leave out the statutory links (posts to the law that requires them).")
def orgchart_cmd(store_spec: str | None, council: str | None, unit: str | None, body: str | None, as_of: str | None,
                 depth: int, fmt: str | None, output: Path | None, no_statutory: bool) -> None:
    """Draw the role structure of a council or body: who reports to whom, units, boards and partnerships.

    \b
    Examples:
      kg orgchart --council "Cheshire East Council" -o cheshire-east.svg
      kg orgchart --council "B&NES" --as-of 2019-09-28 --format mermaid
    """
    chosen = fmt or (_BY_SUFFIX.get(output.suffix.lower()) if output else None) or "dot"
    if chosen in _BINARY and output is None:
        raise KgError(f"--format {chosen} is binary; give -o FILE", where="--output")
    store = _open(store_spec)
    chart = build_chart(store, ChartRequest(council=council, unit=unit, body=body, as_of=parse_date(as_of),
                                            depth=depth, statutory=not no_statutory))
    data = render(chart, chosen)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    output.write_bytes(data)
    click.echo(f"wrote {output} ({chart.number_of_nodes()} nodes, {chart.number_of_edges()} edges, {chosen})", err=True)


@click.group("org")
def org_group() -> None:
    """Questions about the organisation graph: reporting chains, spans, paths, central bodies."""


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    attrs = graph.nodes[node]
    holders = attrs.get("holders") or []
    return str(attrs.get("label", node)) + (f" ({', '.join(holders)})" if holders else "")


def _graph(store: KgStore, as_of: str | None) -> nx.MultiDiGraph:
    return org_graph(store, parse_date(as_of))


_as_of_option = click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD", help="Use the structure on that date.")


@org_group.command("chain")
@click.argument("post")
@_as_of_option
@store_option
def chain_cmd(post: str, as_of: str | None, store_spec: str | None) -> None:
    """The reporting chain of POST up to the top, then the units it sits in."""
    store = _open(store_spec)
    graph = _graph(store, as_of)
    chain = reporting_chain(graph, resolve(store, post))
    for depth, node in enumerate(chain):
        click.echo(f"{'  ' * depth}{_label(graph, node)}")
        others = [m for m in managers(graph, node) if m not in chain]
        for other in others:
            click.echo(f"{'  ' * (depth + 1)}(also reports to {_label(graph, other)})")
    within = containers(graph, chain[-1])
    if within:
        click.echo("in: " + " < ".join(_label(graph, n) for n in within))


@org_group.command("span")
@click.argument("post")
@_as_of_option
@store_option
def span_cmd(post: str, as_of: str | None, store_spec: str | None) -> None:
    """Span of control of POST: posts reporting directly, and all posts below it."""
    store = _open(store_spec)
    graph = _graph(store, as_of)
    span = span_of_control(graph, resolve(store, post))
    click.echo(f"{_label(graph, span.post)}: {len(span.direct)} direct, {len(span.total)} in total")
    for node in span.direct:
        click.echo(f"  direct: {_label(graph, node)}")
    for node in span.total:
        if node not in span.direct:
            click.echo(f"  below:  {_label(graph, node)}")


@org_group.command("path")
@click.argument("a")
@click.argument("b")
@_as_of_option
@store_option
def path_cmd(a: str, b: str, as_of: str | None, store_spec: str | None) -> None:
    """The shortest chain of relations between A and B (bodies, posts, duties, the law)."""
    store = _open(store_spec)
    graph = _graph(store, as_of)
    steps = shortest_path(graph, resolve(store, a), resolve(store, b))
    click.echo(_label(graph, steps[0].source) if steps else _label(graph, resolve(store, a)))
    for step in steps:
        arrow = f"--{step.kind}-->" if step.forward else f"<--{step.kind}--"
        mark = " (inferred)" if step.status == "inferred" else ""
        click.echo(f"  {arrow} {_label(graph, step.target)}{mark}")
    click.echo(f"{len(steps)} step{'s' if len(steps) != 1 else ''}")


@org_group.command("central")
@click.option("--council", default=None, metavar="NAME|IRI", help="Only the chart of this council (default: the whole graph).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=0), help="With --council: hops around it.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1), help="How many bodies to list.")
@_as_of_option
@store_option
def central_cmd(council: str | None, depth: int, top: int, as_of: str | None, store_spec: str | None) -> None:
    """Bodies that connect most others (betweenness centrality over org relations)."""
    store = _open(store_spec)
    graph = _graph(store, as_of)
    if council:
        root = resolve(store, council)
        if root not in graph:
            raise KgError("not in the organisation graph (or not on that date)", where=root)
        graph = graph.subgraph(scope(graph, root, depth=depth, statutory=False)).copy()
    for node, score in central_bodies(graph, top):
        click.echo(f"{score:.4f}  {_label(graph, node)}")
