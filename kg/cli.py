"""The `kg` command. Thin: each command calls the library and maps errors to exit codes.

Exit codes (**contract**): 0 success, 1 a finding (SHACL violations), 2 bad usage or bad
input, with a one-line message naming what was wrong and where.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
import pyoxigraph as ox

from kg import build as build_mod
from kg import queries as queries_mod
from kg.cli_options import store_option
from kg.errors import KgError
from kg.output import print_table, solutions_table
from kg.store import KgStore, open_store

EXPORT_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}


class KgGroup(click.Group):
    """Turns the library's KgError into a one-line message and exit code 2, in one place."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=KgGroup)
@click.version_option(package_name="csc-kg")
def cli() -> None:
    """A knowledge graph of English children's social care.

    Build the store, validate it, query it, and ingest council minutes. Every command takes
    --store PATH (default: $KG_STORE, else .kg-store/ in the project).
    """


@cli.command("build")
@store_option
@click.option("--no-minutes", is_flag=True, help="Load curated data only, not data/minutes/.")
def build_cmd(store_spec: str | None, no_minutes: bool) -> None:
    """Load the ontology, curated data and seed minutes into a fresh store (all or nothing)."""
    started = time.perf_counter()
    loader = None if no_minutes else _document_loader()
    report = build_mod.build(store_spec, load_documents=loader)
    elapsed = time.perf_counter() - started
    click.echo(
        f"built {report.store_path}: {report.triples} triples in {len(report.graphs)} named graphs "
        f"({elapsed:.2f} s)"
    )
    if report.carried_over:
        click.echo(f"kept {len(report.carried_over)} documents ingested earlier from outside data/minutes/")
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)


def _document_loader() -> build_mod.DocumentLoader:
    """The minutes extractor's loader, imported only when a build needs it."""
    from kg.ingest.pipeline import load_folder_quads

    return load_folder_quads


@cli.command("validate")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Treat warnings as failures too.")
def validate_cmd(store_spec: str | None, fmt: str, strict: bool) -> None:
    """Check the whole graph against the project's SHACL shapes (exit 1 on violations)."""
    from kg.validate import validate

    store = open_store(store_spec, read_only=True)
    report = validate(store.to_rdflib())
    if fmt == "json":
        import json

        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    elif fmt == "turtle":
        click.echo(report.results_graph.serialize(format="turtle"))
    else:
        click.echo(report.to_text())
    failed = not report.conforms or (strict and bool(report.results))
    sys.exit(1 if failed else 0)


@cli.command("query")
@click.argument("name_or_file")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml"]), default="table", show_default=True)
@store_option
def query_cmd(name_or_file: str, params: tuple[str, ...], fmt: str, store_spec: str | None) -> None:
    """Run a named query (see `kg queries`), an .rq file, or '-' for standard input."""
    query = (
        queries_mod.adhoc_query(sys.stdin.read())
        if name_or_file == "-"
        else queries_mod.resolve_query(name_or_file)
    )
    values = dict(_split_param(p) for p in params)
    store = open_store(store_spec, read_only=True)
    result = queries_mod.run(store, query, values)
    if isinstance(result, ox.QueryBoolean):
        click.echo("true" if bool(result) else "false")
    elif isinstance(result, ox.QueryTriples):
        click.echo(ox.serialize(result, format=ox.RdfFormat.TURTLE).decode("utf-8"), nl=False)
    elif fmt == "table":
        print_table(*solutions_table(result))
    else:
        sys.stdout.buffer.write(result.serialize(format=RESULT_FORMATS[fmt]))
        sys.stdout.buffer.flush()


def _split_param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise KgError(f"--param {text!r} must look like NAME=VALUE")
    return name.strip(), value.strip()


@cli.command("queries")
def queries_cmd() -> None:
    """List the named queries with their parameters."""
    for q in queries_mod.catalogue().values():
        click.echo(f"{q.name}: {q.title}")
        if q.description:
            click.echo(f"    {q.description}")
        for p in q.params:
            default = f" (default {p.default})" if p.default else ""
            click.echo(f"    --param {p.name}=<{p.type}>{default}  {p.description}")


@cli.command("stats")
@store_option
def stats_cmd(store_spec: str | None) -> None:
    """Count triples by named graph and nodes by class."""
    from kg.stats import class_counts, graph_counts

    store = open_store(store_spec, read_only=True)
    print_table(["graph", "triples"], [[g, str(n)] for g, n in graph_counts(store)])
    click.echo(f"total: {len(store)} triples")
    print_table(["class", "nodes"], [[c, str(n)] for c, n in class_counts(store)])


@cli.command("export")
@store_option
@click.option("--format", "fmt", type=click.Choice(sorted(EXPORT_FORMATS)), default="turtle", show_default=True)
@click.option("--graph", "graph_iri", default=None, help="Export one named graph only.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="File to write (default: standard output).")
def export_cmd(store_spec: str | None, fmt: str, graph_iri: str | None, output: Path | None) -> None:
    """Write the graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD.

    Turtle, N-Triples and JSON-LD hold the union of all named graphs; N-Quads and TriG keep
    the graphs apart.
    """
    from kg.export import export

    store = open_store(store_spec, read_only=True)
    data = export(store, EXPORT_FORMATS[fmt], graph_iri)
    if output:
        output.write_bytes(data)
        click.echo(f"wrote {output} ({len(data)} bytes)", err=True)
    else:
        sys.stdout.buffer.write(data)


@cli.command("docs")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("ontology.html"), show_default=True)
def docs_cmd(output: Path) -> None:
    """Write the ontology documentation page (HTML) generated from ontology/kg.ttl."""
    from kg.docs import write_ontology_html

    path = write_ontology_html(output)
    click.echo(f"wrote {path}")


def _register_optional_commands() -> None:
    """Commands that live beside their library code (ingestion, org charts, synthetic corpus, web)."""
    from kg.alerts_commands import alerts_cmd
    from kg.bench_commands import bench_cmd
    from kg.ingest.commands import eval_cmd, extract_cmd, ingest_cmd
    from kg.insight_commands import diff_cmd, review_cmd
    from kg.orgchart_commands import org_group, orgchart_cmd
    from kg.synth_commands import synth_cmd
    from webui.commands import serve as serve_cmd

    cli.add_command(extract_cmd, "extract")
    cli.add_command(ingest_cmd, "ingest")
    cli.add_command(eval_cmd, "eval")
    cli.add_command(orgchart_cmd, "orgchart")
    cli.add_command(org_group, "org")
    cli.add_command(synth_cmd, "synth")
    cli.add_command(serve_cmd, "serve")
    cli.add_command(alerts_cmd, "alerts")
    cli.add_command(diff_cmd, "diff")
    cli.add_command(review_cmd, "review")
    cli.add_command(bench_cmd, "bench")


_register_optional_commands()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="kg")
