"""The timeline: legislation events and local decisions, oldest first, grouped by year.

Legislation: Royal Assent (eli:date_document), Bills introduced, sections coming into force
and ceasing to be in force. Bodies: lifecycle events (dct:date). Local: decisions, dated by
their meeting. Filters: `kind` (legislation, bodies, local) and `from` / `to` years.
"""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, abort, render_template, request

from webui.context import select, value
from webui.listing import twin
from webui.acts import section_sort_key
from webui.terms import NodeView, iri_views

bp = Blueprint("timeline", __name__)

_EVENTS = """
SELECT DISTINCT ?date ?event ?group ?subject ?context ?detail WHERE {
  { ?subject a kg:Act ; eli:date_document ?date . BIND ("Royal Assent" AS ?event) BIND ("legislation" AS ?group) }
  UNION { ?subject a kg:Bill ; kg:introducedOn ?date . BIND ("Bill introduced" AS ?event) BIND ("legislation" AS ?group)
          OPTIONAL { ?subject kg:becameAct ?context } }
  UNION { ?subject eli:first_date_entry_in_force ?date ; kg:inAct ?context .
          BIND ("Comes into force" AS ?event) BIND ("legislation" AS ?group) }
  UNION { ?subject eli:date_no_longer_in_force ?date . OPTIONAL { ?subject kg:inAct ?context }
          BIND ("No longer in force" AS ?event) BIND ("legislation" AS ?group) }
  UNION { ?subject dct:date ?date ; a ?context .
          FILTER (?context IN (kg:Establishment, kg:Abolition, kg:Replacement, kg:TransferOfFunctions, kg:LifecycleEvent))
          BIND ("Body lifecycle" AS ?event) BIND ("bodies" AS ?group) }
  UNION { ?subject a kg:Decision ; kg:madeAt/schema:superEvent ?meeting .
          ?meeting schema:startDate ?date . OPTIONAL { ?meeting kg:council ?context }
          OPTIONAL { ?subject dct:description ?detail }
          BIND ("Decision" AS ?event) BIND ("local" AS ?group) }
}
"""

GROUPS = {"legislation": "Legislation", "bodies": "Bodies", "local": "Local decisions"}


def _year(raw: str | None, name: str) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or len(raw) != 4:
        abort(400, f"{name} must be a year like 2017")
    return int(raw)


def _order(row: dict[str, str | None], views: dict[str, NodeView]) -> tuple[object, ...]:
    """Date, then event, then Act, then section number (2 < 10 < 16A), then label."""
    reference = views[row["subject"] or ""].reference or ""
    return (row["date"] or "", row["event"] or "", (row["context_label"] or "").lower(),
            section_sort_key(reference.split(" ", 1)[-1]) if reference else (2, 0, ""),
            (row["subject_label"] or "").lower())


@bp.route("/timeline")
def timeline() -> object:
    """Events in date order, filtered by kind and years."""
    group = request.args.get("kind") or None
    if group is not None and group not in GROUPS:
        abort(400, f"unknown kind {group!r}; use one of: {', '.join(GROUPS)}")
    start, end = _year(request.args.get("from"), "from"), _year(request.args.get("to"), "to")
    found = [r for r in select(_EVENTS) if group is None or value(r["group"]) == group]
    found = [r for r in found if (start is None or (value(r["date"]) or "")[:4] >= str(start))
             and (end is None or (value(r["date"]) or "")[:4] <= str(end))]
    views = iri_views(value(r[c]) or "" for r in found for c in ("subject", "context") if r[c] is not None)
    rows = sorted(({"date": value(r["date"]), "event": value(r["event"]), "kind": value(r["group"]),
                    "subject": value(r["subject"]), "subject_label": views[value(r["subject"]) or ""].label,
                    "context": value(r["context"]),
                    "context_label": views[value(r["context"]) or ""].label if r["context"] else None,
                    "detail": value(r["detail"])}
                   for r in found), key=lambda r: _order(r, views))
    years = [(year, list(items)) for year, items in groupby(rows, key=lambda r: (r["date"] or "????")[:4])]
    columns = ["date", "event", "kind", "subject", "subject_label", "context", "context_label", "detail"]
    return twin(columns, rows, lambda: render_template(
        "timeline/timeline.html", years=years, views=views, groups=GROUPS, group=group,
        start=request.args.get("from", ""), end=request.args.get("to", ""), count=len(rows)), "timeline")
