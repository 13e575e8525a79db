"""Insight pages (issue 9): consistency alerts, duty coverage, councils compared, the change feed.

Each page is a thin view over the library: kg.alerts for /alerts, the named queries
duty-coverage and compare-* for /coverage and /compare (run with kg.queries, parameters bound
as RDF terms), kg.changes for /changes. List pages have JSON and CSV twins (webui.listing);
/changes has Atom and JSON. The lead registers the blueprint: add `insight` to the imports
and the module tuple in webui/__init__.py `_register_blueprints`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from kg import changes
from kg.alerts import Alert, run_alerts
from kg.errors import KgError
from kg.namespaces import GRAPH, KGID
from kg.queries import resolve_query, rows, run
from webui.context import get_store, select, value
from webui.entity_data import span_anchor
from webui.insight_svg import Bar, bar_chart, to_number
from webui.listing import requested_format, twin
from webui.terms import iri_views

bp = Blueprint("insight", __name__)

ALERT_COLUMNS = ["kind", "council", "council_label", "date", "message", "evidence", "sentence", "subject",
                 "provision", "source", "span"]
COMPARE_VIEWS = {  # view -> (named query, parameter it takes, column charted, chart title)
    "duty": ("compare-councils-duty", "duty", "responses", "Facts in minutes responding to the duty, by council"),
    "funding": ("compare-funding", "year", "total_gbp", "Money mentioned in minutes (GBP), by council"),
    "decisions": ("decisions-by-year", "council", "decisions", "Decisions recorded in minutes, by council"),
}

_COUNCILS = "SELECT ?council ?label WHERE { ?council a kg:LocalAuthority ; skos:prefLabel ?label } ORDER BY ?label"
_DUTIES = "SELECT ?duty ?label WHERE { ?duty a kg:Duty ; rdfs:label ?label } ORDER BY ?label ?duty"


def _options(sparql: str, key: str) -> list[tuple[str, str]]:
    return [(value(r[key]) or "", value(r["label"]) or "") for r in select(sparql)]


def _named_rows(name: str, params: dict[str, str]) -> tuple[list[str], list[dict[str, str | None]]]:
    return rows(run(get_store(), resolve_query(name), params))  # type: ignore[arg-type]


# -- alerts ------------------------------------------------------------------------------------

@bp.route("/alerts")
def alerts_page() -> Response:
    """Every consistency alert (or one council's), each with its evidence."""
    council = request.args.get("council", "").strip() or None
    found = run_alerts(get_store(), council)
    views = iri_views(i for a in found for i in (a.council, a.subject, a.provision, a.source) if i)
    plain = [_alert_row(a, views) for a in found]
    kinds: dict[str, int] = {}
    for a in found:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    return twin(ALERT_COLUMNS, plain, lambda: render_template(
        "insight/alerts.html", alerts=found, rows=plain, views=views, kinds=kinds, council=council or "",
        councils=_options(_COUNCILS, "council"), links=[_evidence_link(a) for a in found]), "alerts")


def _alert_row(alert: Alert, views: dict[str, Any]) -> dict[str, str | None]:
    return {"kind": alert.kind, "council": alert.council,
            "council_label": views[alert.council].label if alert.council in views else None,
            "date": alert.date, "message": alert.message, "evidence": alert.evidence, "sentence": alert.sentence,
            "subject": alert.subject, "provision": alert.provision, "source": alert.source, "span": alert.span}


def _evidence_link(alert: Alert) -> str | None:
    """The source page, scrolled to the span, when the evidence is in a document."""
    if not alert.source or not alert.source.startswith(str(KGID) + "doc/"):
        return None
    href = url_for("sources.source", iri=alert.source)
    anchor = None
    if alert.span and "/span/" in alert.span:
        start, _, end = alert.span.rsplit("/span/", 1)[1].partition("-")
        anchor = span_anchor(start, end)
    return f"{href}#{anchor}" if anchor else href


# -- duty coverage -----------------------------------------------------------------------------

@bp.route("/coverage")
def coverage_page() -> Response:
    """For a council and a date: duties in force that bear on it, with and without local responses."""
    council = request.args.get("council", "").strip()
    as_of = request.args.get("as_of", "").strip() or date.today().isoformat()
    columns: list[str] = []
    plain: list[dict[str, str | None]] = []
    if council:
        columns, plain = _named_rows("duty-coverage", {"council": council, "as_of": as_of})
    elif requested_format() != "html":
        raise KgError("give a council", where="council")
    duties = {r["duty"] for r in plain}
    silent = {r["duty"] for r in plain if r["coverage"] == "no recorded response"}
    views = iri_views(i for r in plain for i in (r["duty"], r["response"], r["source"]) if i)
    return twin(columns, plain, lambda: render_template(
        "insight/coverage.html", rows=plain, views=views, council=council, as_of=as_of,
        councils=_options(_COUNCILS, "council"), total=len(duties), silent=len(silent)), "duty-coverage")


# -- compare councils --------------------------------------------------------------------------

@bp.route("/compare")
def compare_page() -> Response:
    """Councils side by side on a duty, on money, or on decisions, with a bar chart and downloads."""
    view = request.args.get("view", "duty")
    if view not in COMPARE_VIEWS:
        raise KgError(f"unknown view {view!r}; use one of: {', '.join(COMPARE_VIEWS)}", where="view")
    name, param, measure, title = COMPARE_VIEWS[view]
    given = request.args.get(param, "").strip()
    query = resolve_query(name)
    default = next((p.default for p in query.params if p.name == param), None)
    columns, plain = _named_rows(name, {param: given} if given else {})
    chart = bar_chart(_bars(plain, measure), title)
    return twin(columns, plain, lambda: render_template(
        "insight/compare.html", view=view, views_list=list(COMPARE_VIEWS), param=param, given=given or (default or ""),
        columns=columns, rows=plain, chart=chart, title=title, duties=_options(_DUTIES, "duty"),
        councils=_options(_COUNCILS, "council")), f"compare-{view}")


def _bars(plain: list[dict[str, str | None]], measure: str) -> list[Bar]:
    """One bar per council, summing the measure over its rows (years)."""
    totals: dict[str, Any] = {}
    labels: dict[str, str] = {}
    for row in plain:
        key = row.get("council") or row.get("council_iri") or ""
        labels[key] = row.get("council_label") or key
        totals[key] = totals.get(key, 0) + to_number(row.get(measure))
    ordered = sorted(totals, key=lambda k: (-totals[k], labels[k]))
    return [Bar(labels[k], totals[k]) for k in ordered]


# -- change feed -------------------------------------------------------------------------------

@bp.route("/changes")
def changes_feed() -> Response | str:
    """What each build and ingest changed, newest first: HTML, JSON or Atom."""
    fmt = requested_format(("html", "json", "atom"))
    store = get_store()
    entries = list(reversed(changes.read_log(store.path))) if store.path else []
    if fmt == "json":
        return jsonify({"entries": entries})
    if fmt == "atom":
        return Response(_atom(entries), mimetype="application/atom+xml")
    return render_template("insight/changes.html", entries=entries, doc_link=_doc_link)


def _doc_link(graph: str) -> str | None:
    """The source page of a document graph (graph/doc/{id} holds kgid:doc/{id})."""
    prefix = f"{GRAPH}doc/"
    if not graph.startswith(prefix):
        return None
    return url_for("sources.source", iri=f"{KGID}doc/{graph[len(prefix):]}")


def _entry_id(entry: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(entry, sort_keys=True).encode("utf-8")).hexdigest()[:24]
    return f"tag:w3id.org,2026:csckg/changes/{digest}"


def _title(entry: dict[str, Any]) -> str:
    return (f"{entry.get('action', 'change')}: {len(entry.get('added', []))} graphs added, "
            f"{len(entry.get('changed', []))} changed, {len(entry.get('removed', []))} removed")


def _atom(entries: list[dict[str, Any]]) -> str:
    """An Atom 1.0 feed; every text is XML-escaped."""
    self_href = url_for("insight.changes_feed", format="atom", _external=True)
    page = url_for("insight.changes_feed", _external=True)
    updated = entries[0]["at"] if entries else "1970-01-01T00:00:00Z"
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
           "<title>CSC KG: what changed</title>", f"<id>{xml_escape(page)}</id>",
           f"<link rel=\"self\" href={quoteattr(self_href)}/>", f"<link href={quoteattr(page)}/>",
           f"<updated>{xml_escape(str(updated))}</updated>", "<author><name>csc-kg</name></author>"]
    for entry in entries:
        lines = [f"+ {g['graph']} ({g.get('triples', 0)} triples)" for g in entry.get("added", [])]
        lines += [f"~ {g['graph']} ({g.get('triples_before', 0)} -> {g.get('triples_after', 0)} triples)"
                  for g in entry.get("changed", [])]
        lines += [f"- {g['graph']} ({g.get('triples', 0)} triples)" for g in entry.get("removed", [])]
        out += ["<entry>", f"<title>{xml_escape(_title(entry))}</title>", f"<id>{xml_escape(_entry_id(entry))}</id>",
                f"<updated>{xml_escape(str(entry['at']))}</updated>", f"<link href={quoteattr(page)}/>",
                f"<content type=\"text\">{xml_escape(chr(10).join(lines) or 'no graph changed')}</content>",
                "</entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"
