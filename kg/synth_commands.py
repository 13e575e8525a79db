"""`kg synth`: write a deterministic synthetic corpus of council minutes for benchmarks.

Thin on purpose: option parsing and one summary line; `kg.synth.generate` does the work and
raises KgError, which the `kg` group turns into a one-line message and exit code 2. The lead
registers it: `cli.add_command(synth_cmd, "synth")`.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from kg.synth import MAX_YEARS, generate
from kg.synth_vocab import COUNCILS


@click.command("synth")
@click.option("--councils", type=click.IntRange(1, len(COUNCILS)), default=5, show_default=True,
              help=f"How many councils: the first N of the {len(COUNCILS)} children's services authorities.")
@click.option("--years", type=click.IntRange(1, MAX_YEARS), default=1, show_default=True,
              help="How many years of meetings (about 20 documents per council per year).")
@click.option("--start-year", type=int, default=2017, show_default=True, help="The first year of meetings.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives byte-identical output.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write (must be new or empty).")
@click.option("--plant-inconsistencies", is_flag=True,
              help="Add a few documents that name the LSCB after its abolition (29 September 2019), "
                   "recorded in truth.jsonl with kind \"inconsistency\".")
def synth_cmd(councils: int, years: int, start_year: int, seed: int, out: Path, plant_inconsistencies: bool) -> None:
    """Generate realistic minutes documents with sidecars and one truth.jsonl (for benchmarks).

    \b
    Examples:
      kg synth --councils 150 --years 5 --seed 1 --out /tmp/corpus
      kg synth --councils 3 --years 4 --start-year 2018 --out /tmp/small --plant-inconsistencies
    """
    started = time.perf_counter()
    report = generate(out, councils, years, seed, start_year, plant_inconsistencies)
    elapsed = time.perf_counter() - started
    noun = "inconsistency" if report.inconsistencies == 1 else "inconsistencies"
    planted = f" ({report.inconsistencies} planted {noun})" if plant_inconsistencies else ""
    years = f"{len(report.years)} year{'s' if len(report.years) > 1 else ''} ({report.years[0]}" + (
        f"-{report.years[-1]})" if len(report.years) > 1 else ")")
    click.echo(f"wrote {report.documents} documents{planted} for {report.councils} councils x {years} "
               f"to {report.out} in {elapsed:.1f} s; truth: {report.truth}")
