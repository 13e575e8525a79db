"""`kg bench`: option parsing, progress on stderr, the table and the JSON line on stdout.

Thin on purpose: kg.bench does the work. The JSON object is the LAST line of standard output
(**contract**), so `kg bench ... | tail -1 | jq` works. The lead registers the command:
`cli.add_command(bench_cmd, "bench")`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from kg.bench import PHASES, BenchConfig, run
from kg.bench_report import render
from kg.synth import MAX_YEARS
from kg.synth_vocab import COUNCILS


@click.command("bench")
@click.option("--councils", type=click.IntRange(1, len(COUNCILS)), default=150, show_default=True,
              help="Scale: councils in the synthetic corpus (kg synth).")
@click.option("--years", type=click.IntRange(1, MAX_YEARS), default=5, show_default=True, help="Scale: years of minutes.")
@click.option("--seed", type=int, default=1, show_default=True, help="Corpus seed (same seed, same corpus).")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Ingest worker processes (default: CPU count).")
@click.option("--sample", type=click.IntRange(2, 10_000), default=60, show_default=True,
              help="Documents for per-document validation and the current pipeline.")
@click.option("--rdflib-councils", type=click.IntRange(1, len(COUNCILS)), default=10, show_default=True,
              help="Scale (councils x 1 year) at which rdflib's in-memory store is compared.")
@click.option("--rdflib-cap", type=float, default=60.0, show_default=True, help="Seconds per rdflib query before 'timeout'.")
@click.option("--validate-cap", type=float, default=300.0, show_default=True,
              help="Seconds for one whole-graph validation before 'timeout'.")
@click.option("--query-cap", type=float, default=30.0, show_default=True,
              help="Seconds for one run of a named query (embedded and remote) before 'timeout'.")
@click.option("--query-runs", type=click.IntRange(3, 1000), default=10, show_default=True, help="Timed runs per named query.")
@click.option("--clients", type=click.IntRange(1, 64), default=16, show_default=True, help="Concurrent web clients.")
@click.option("--web-requests", type=click.IntRange(10, 100_000), default=3000, show_default=True,
              help="Requests per web scenario at most.")
@click.option("--web-seconds", type=float, default=20.0, show_default=True, help="Seconds per web scenario at most.")
@click.option("--skip", "skip", multiple=True, type=click.Choice(PHASES), help="Leave a phase out (repeatable).")
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the corpus and stores in this (new or empty) folder instead of a temporary one.")
def bench_cmd(councils: int, years: int, seed: int, workers: int | None, sample: int, rdflib_councils: int,
              rdflib_cap: float, validate_cap: float, query_cap: float, query_runs: int, clients: int, web_requests: int,
              web_seconds: float, skip: tuple[str, ...], keep: Path | None) -> None:
    """Measure ingest, queries, validation and the web server at a scale; JSON on the last line.

    \b
    Examples:
      kg bench --councils 150 --years 5          # the full run (about 10-15 minutes on 2 cores)
      kg bench --councils 3 --years 1 --skip web --skip remote
    """
    config = BenchConfig(councils=councils, years=years, seed=seed, sample=sample, rdflib_councils=rdflib_councils,
                         rdflib_cap_s=rdflib_cap, validate_cap_s=validate_cap, query_cap_s=query_cap, query_runs=query_runs,
                         clients=clients, web_requests=web_requests, web_seconds=web_seconds,
                         skip=frozenset(skip), keep=keep)
    if workers is not None:
        config.workers = workers
    started = time.perf_counter()

    def log(message: str) -> None:
        click.echo(f"[{time.perf_counter() - started:7.1f} s] {message}", err=True)

    rows, result = run(config, log)
    click.echo(render(rows))
    sys.stdout.flush()
    click.echo(json.dumps(result, ensure_ascii=False, separators=(",", ":")))
