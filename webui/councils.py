"""Councils (kg:LocalAuthority): the list, and the council panel on a council's entity page.

A scrutiny member opens a council to see its structure (committees, departments, posts and
who holds them) next to what its minutes record (meetings, decisions, amounts and figures),
each fact linked to the sentence it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, render_template, url_for

from webui.context import Row, select, value
from webui.entity_data import span_anchor
from webui.listing import twin
from webui.terms import NodeView, iri_views

bp = Blueprint("councils", __name__)

_COUNCILS = """
SELECT ?council (COUNT(DISTINCT ?unit) AS ?units) (COUNT(DISTINCT ?post) AS ?posts)
       (COUNT(DISTINCT ?meeting) AS ?meetings) WHERE {
  ?council a kg:LocalAuthority .
  OPTIONAL { ?unit org:subOrganizationOf|org:unitOf ?council }
  OPTIONAL { ?post a org:Post ; org:postIn/(org:subOrganizationOf|org:unitOf)* ?council }
  OPTIONAL { ?meeting kg:council ?council }
} GROUP BY ?council
"""

_UNITS = """
SELECT ?unit ?link WHERE {
  ?unit ?link ?council .
  FILTER (?link IN (org:subOrganizationOf, org:unitOf))
}
"""

_POSTS = """
SELECT ?post ?in ?person ?from ?to WHERE {
  ?post org:postIn ?in .
  ?in (org:subOrganizationOf|org:unitOf)* ?council .
  OPTIONAL {
    { ?m kg:post ?post ; org:member ?person .
      OPTIONAL { ?m org:memberDuring/time:hasBeginning/time:inXSDDate ?from }
      OPTIONAL { ?m org:memberDuring/time:hasEnd/time:inXSDDate ?to } }
    UNION { ?person org:holds ?post }
  }
}
"""

_MEETINGS = """
SELECT ?meeting ?date ?committee ?decision ?text ?dtype ?span ?start ?end ?doc WHERE {
  ?meeting kg:council ?council .
  OPTIONAL { ?meeting schema:startDate ?date }
  OPTIONAL { ?meeting schema:organizer ?committee }
  OPTIONAL {
    ?decision a kg:Decision ; kg:madeAt/schema:superEvent ?meeting .
    OPTIONAL { ?decision dct:description ?text }
    OPTIONAL { ?decision kg:decisionType ?dtype }
    OPTIONAL { ?decision prov:wasDerivedFrom ?span .
               OPTIONAL { ?span oa:hasSource ?doc }
               OPTIONAL { ?span oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end } }
  }
} ORDER BY DESC(?date) ?meeting ?start
"""

_FIGURES = """
SELECT ?fact ?type ?amount ?currency ?what ?doc ?start ?end WHERE {
  ?doc dct:publisher ?council .
  ?fact prov:hadPrimarySource ?doc ; a ?type ; schema:value ?amount .
  FILTER (?type IN (kg:MonetaryAmount, kg:Statistic))
  OPTIONAL { ?fact schema:currency ?currency }
  OPTIONAL { ?fact kg:purpose|kg:measures ?what }
  OPTIONAL { ?fact prov:wasDerivedFrom/oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end }
} ORDER BY ?doc ?start
"""


@dataclass
class PostRow:
    post: NodeView
    unit: NodeView
    holders: list[tuple[NodeView, str | None, str | None]] = field(default_factory=list)


@dataclass
class DecisionRow:
    decision: NodeView
    text: str | None
    kind: NodeView | None
    href: str | None


@dataclass
class MeetingRow:
    meeting: NodeView
    date: str | None
    committee: NodeView | None
    decisions: list[DecisionRow] = field(default_factory=list)


def grouped_number(text: str | None) -> str | None:
    """250000.0 -> "250,000"; 1234.5 -> "1,234.50"; anything not a number unchanged."""
    try:
        number = Decimal(text or "")
    except InvalidOperation:
        return text
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,.2f}"


def _source_href(doc: str | None, start: str | None, end: str | None) -> str | None:
    if not doc:
        return None
    anchor = span_anchor(start, end)
    return url_for("sources.source", iri=doc) + (f"#{anchor}" if anchor else "")


def _iris(rows: list[Row], *columns: str) -> set[str]:
    return {r[c].value for r in rows for c in columns if isinstance(r[c], ox.NamedNode)}


def council_panel(council: ox.NamedNode) -> dict[str, object]:
    """Structure, posts and holders, meetings with decisions, amounts and figures."""
    units = select(_UNITS, council=council)
    posts = select(_POSTS, council=council)
    meetings = select(_MEETINGS, council=council)
    figures = select(_FIGURES, council=council)
    views = iri_views(_iris(units, "unit") | _iris(posts, "post", "in", "person")
                      | _iris(meetings, "meeting", "committee", "decision", "dtype")
                      | _iris(figures, "fact", "what", "type", "doc"))
    committees = sorted({views[value(r["unit"]) or ""] for r in units if (value(r["link"]) or "").endswith("subOrganizationOf")},
                        key=lambda v: v.label.lower())
    departments = sorted({views[value(r["unit"]) or ""] for r in units if (value(r["link"]) or "").endswith("unitOf")},
                         key=lambda v: v.label.lower())
    post_rows: dict[str, PostRow] = {}
    for r in posts:
        post = value(r["post"]) or ""
        row = post_rows.setdefault(post, PostRow(views[post], views[value(r["in"]) or ""]))
        person = value(r["person"])
        holder = (views[person], value(r["from"]), value(r["to"])) if person else None
        if holder and holder not in row.holders:
            row.holders.append(holder)
    meeting_rows: dict[str, MeetingRow] = {}
    for r in meetings:
        iri = value(r["meeting"]) or ""
        committee = value(r["committee"])
        row = meeting_rows.setdefault(iri, MeetingRow(views[iri], value(r["date"]), views[committee] if committee else None))
        decision = value(r["decision"])
        if decision and all(d.decision.value != decision for d in row.decisions):
            dtype = value(r["dtype"])
            row.decisions.append(DecisionRow(views[decision], value(r["text"]), views[dtype] if dtype else None,
                                             _source_href(value(r["doc"]), value(r["start"]), value(r["end"]))))
    figure_rows = []
    seen: set[str] = set()
    for r in figures:
        fact = value(r["fact"]) or ""
        if fact in seen:
            continue
        seen.add(fact)
        what = value(r["what"])
        figure_rows.append({
            "fact": views[fact], "is_money": (value(r["type"]) or "").endswith("MonetaryAmount"),
            "amount": grouped_number(value(r["amount"])), "currency": value(r["currency"]),
            "what": (views[what].label if what in views else what),
            "href": _source_href(value(r["doc"]), value(r["start"]), value(r["end"])),
        })
    return {
        "committees": committees, "departments": departments,
        "posts": sorted(post_rows.values(), key=lambda p: (p.unit.label.lower(), p.post.label.lower())),
        "meetings": list(meeting_rows.values()), "figures": figure_rows,
        "orgchart_href": "/orgchart?" + urlencode({"council": council.value}),
    }


@bp.route("/councils")
def councils_list() -> object:
    """Every council with counts of units, posts and meetings."""
    found = select(_COUNCILS)
    views = iri_views(value(r["council"]) or "" for r in found)
    rows = sorted(({"council": value(r["council"]), "council_label": views[value(r["council"]) or ""].label,
                    "units": value(r["units"]), "posts": value(r["posts"]), "meetings": value(r["meetings"])}
                   for r in found), key=lambda r: (r["council_label"] or "").lower())
    columns = ["council", "council_label", "units", "posts", "meetings"]
    return twin(columns, rows, lambda: render_template("councils/list.html", rows=rows, views=views), "councils")
