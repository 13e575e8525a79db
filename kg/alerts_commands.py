"""`kg alerts`: run the consistency alerts (queries/alerts-*.rq) and report them like `kg validate`.

Exit codes follow the CLI contract: 0 when no alert fires, 1 when alerts fire (a finding),
2 for bad usage (an unknown council name, a missing store). The lead registers it:
`cli.add_command(alerts_cmd, "alerts")`.
"""

from __future__ import annotations

import json
import sys

import click

from kg.alerts import run_alerts, summary
from kg.cli_options import store_option
from kg.labels import labels
from kg.output import compact, print_table
from kg.store import open_store


@click.command("alerts")
@store_option
@click.option("--council", default=None, metavar="NAME|IRI", help="Only this council (name, alias or IRI).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def alerts_cmd(store_spec: str | None, council: str | None, fmt: str) -> None:
    """Find inconsistencies: bodies named after their end, repealed bases, empty statutory posts,
    contradicting figures (exit 1 when any fires)."""
    store = open_store(store_spec, read_only=True)
    alerts = run_alerts(store, council)  # type: ignore[arg-type]
    if fmt == "json":
        click.echo(json.dumps({"count": len(alerts), "by_kind": summary(alerts),
                               "alerts": [a.to_json() for a in alerts]}, indent=2, ensure_ascii=False))
    else:
        names = labels(store, [a.council for a in alerts if a.council])  # type: ignore[arg-type]
        print_table(["kind", "council", "date", "alert", "evidence", "provision", "source"],
                    [[a.kind, names.get(a.council or "", ""), a.date or "", a.message, a.sentence or a.evidence or "",
                      compact(a.provision or ""), compact(a.source or "")] for a in alerts])
        counts = ", ".join(f"{n} {kind}" for kind, n in summary(alerts).items()) or "no alerts"
        click.echo(counts)
    sys.exit(1 if alerts else 0)
