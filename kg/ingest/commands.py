"""The `kg extract`, `kg ingest` and `kg eval` commands. Only here do errors become exit codes."""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import click

from kg.cli_options import store_option
from kg.errors import KgError
from kg.ingest.evaluate import KINDS, evaluate
from kg.ingest.extract import extract
from kg.ingest.extract_json import to_json
from kg.ingest.gazetteer import build_gazetteer
from kg.ingest.pipeline import DATA_DIR, ONTOLOGY, PROJECT_ROOT, ingest_paths
from kg.ingest.reader import read_document


def _fail(exc: KgError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)


@click.command("extract")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--meta", "meta", type=click.Path(path_type=Path), default=None,
              help="Sidecar JSON (default: FILE's stem + .json beside it).")
@click.option("--json", "as_json", is_flag=True, help="Print the contract JSON.")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=DATA_DIR, show_default=True,
              help="Curated data folder the gazetteer is built from.")
def extract_cmd(file: Path, meta: Path | None, as_json: bool, data_dir: Path) -> None:
    """Extract facts from one minutes document (no store needed)."""
    try:
        if meta is not None and not meta.is_file():
            raise KgError("no such sidecar file", str(meta))
        ex = extract(read_document(file, meta), build_gazetteer(data_dir, ONTOLOGY))
    except KgError as exc:
        _fail(exc)
        return
    data = to_json(ex)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    doc = data["document"]
    click.echo(f"{file}: {doc['title'] or '(no title)'}")
    click.echo(f"  council: {doc['council'] or 'unknown'}; committee: {doc['committee'] or 'unknown'}; "
               f"date: {doc['meeting_date'] or 'unknown'}")
    for person in data["people"]:
        click.echo(f"  person    {person['name'] or '-'} ({person['role'] or 'no post'}; {person['kind']})")
    unmatched = {b.span.as_list()[0] for b in ex.bodies if not b.matched}
    for body in {b["iri"]: b for b in data["bodies"]}.values():
        flag = "  (new: not in the gazetteer)" if body["span"][0] in unmatched else ""
        click.echo(f"  body      {body['name']} -> {body['iri']}{flag}")
    for cite in {c["iri"] or c["act"]: c for c in data["legislation"]}.values():
        click.echo(f"  law       {cite['act']}{' s.' + cite['section'] if cite['section'] else ''} -> {cite['iri']}")
    for d in data["decisions"]:
        click.echo(f"  decision  {d['text']}")
    for q in data["questions"]:
        click.echo(f"  question  {q['asker'] or '?'} -> {q['answerer'] or '?'}: {q['text']}")
    for a in data["amounts"]:
        click.echo(f"  amount    {a['text']} ({a['value']} {a['currency']}) for {a['purpose'] or '?'}")
    for f in data["figures"]:
        click.echo(f"  figure    {f['value']} {f['measures']}")


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--no-progress", is_flag=True, help="Do not show a progress bar.")
def ingest_cmd(paths: tuple[Path, ...], store_spec: str | None, no_progress: bool) -> None:
    """Ingest minutes documents (files or folders) into the store; exit 2 if any failed."""
    from kg.store import open_store

    try:
        store = open_store(store_spec)
        try:
            summary = ingest_paths(store, list(paths), progress=not no_progress)
            store.flush()
        finally:
            del store  # the store holds a file lock until it is released
            gc.collect()
    except KgError as exc:
        _fail(exc)
        return
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)
    facts = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.facts.items()))
    click.echo(f"ingested {summary.documents} documents ({facts or 'no facts'}); "
               f"{len(summary.failures)} failed, {len(summary.warnings)} warnings")
    if summary.unmatched:
        names = ", ".join(f"{name} ({n})" for name, n in sorted(summary.unmatched.items()))
        click.echo(f"bodies not in the gazetteer (new nodes flagged kg:unmatched): {names}")
    if summary.failures:
        sys.exit(2)


@click.command("eval")
@click.argument("gold_dir", required=False, type=click.Path(path_type=Path),
                default=PROJECT_ROOT / "tests" / "gold")
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path), default=PROJECT_ROOT / "data" / "minutes",
              show_default=True, help="Folder holding the documents the gold files annotate.")
@click.option("--data", "data_dir", type=click.Path(path_type=Path), default=DATA_DIR, show_default=True,
              help="Curated data folder for the gazetteer.")
@click.option("--verbose", is_flag=True, help="List every miss and extra.")
def eval_cmd(gold_dir: Path, docs_dir: Path, data_dir: Path, verbose: bool) -> None:
    """Precision, recall and F1 per kind against the gold files."""
    try:
        totals, per_doc = evaluate(gold_dir, docs_dir, build_gazetteer(data_dir, ONTOLOGY))
    except KgError as exc:
        _fail(exc)
        return
    click.echo(f"{'kind':<12} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for kind in (*KINDS, "overall"):
        s = totals[kind]
        click.echo(f"{kind:<12} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4} {s.fp:3} {s.fn:3}")
    if verbose:
        for doc_id, scores in per_doc.items():
            for kind, s in scores.items():
                for miss in s.misses:
                    click.echo(f"  {doc_id} {kind}: {miss}")
