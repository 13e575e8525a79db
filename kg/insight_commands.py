"""`kg diff OLD NEW` and `kg review FACT`: the issue-9 commands that are not `kg alerts`.

`kg diff` exits like diff(1): 0 when the two versions hold the same graphs, 1 when they
differ, 2 for bad input. Table output lists one row per graph added, removed or changed
(with triple counts); `--triples` adds the N-Triples lines; JSON always carries them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli_options import store_option
from kg.diff import diff_paths
from kg.output import print_table


@click.command("diff")
@click.argument("old", type=click.Path(exists=True))
@click.argument("new", type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--triples", is_flag=True, help="Table format: also print the triples added (+) and removed (-).")
def diff_cmd(old: str, new: str, fmt: str, triples: bool) -> None:
    """List per named graph the triples added and removed between two store folders or exports
    (.nq, .trig); blank nodes compare by isomorphism."""
    report = diff_paths(old, new)
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print_table(["graph", "status", "added", "removed"], [[g, s, str(a), str(r)] for g, s, a, r in report.rows()])
        if triples:
            for change in report.changed:
                click.echo(f"\n{change.graph}")
                for line in change.added:
                    click.echo(f"+ {line}")
                for line in change.removed:
                    click.echo(f"- {line}")
    sys.exit(0 if report.empty else 1)


@click.command("review")
@click.argument("fact_iri")
@click.option("--status", type=click.Choice(["reviewed", "disputed"]), required=True)
@click.option("--by", "by", required=True, metavar="NAME", help="Who checked the fact.")
@click.option("--note", default=None, metavar="TEXT", help="Why (shown with the fact).")
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Review file (default: data/reviews.ttl in the project).")
@store_option
def review_cmd(fact_iri: str, status: str, by: str, note: str | None, file: Path | None, store_spec: str | None) -> None:
    """Record that an extracted fact was reviewed or disputed; `kg build` applies it.

    \b
    Example:
      kg review https://w3id.org/csckg/id/doc/000_55c1815c05f2b0c9/question/3 --status disputed \\
          --by "Jane Smith" --note "The question was about resources, not the duty"
    """
    from kg.review import add_review
    from kg.store import open_store

    store = open_store(store_spec, read_only=True)
    review = add_review(store, fact_iri, status, by, note, path=file)  # type: ignore[arg-type]
    click.echo(f"recorded: {review.fact} {review.status} by {review.by} at {review.at}; "
               "run `kg build` to apply it to the store")
