"""Acts: the list of Acts, and the Act panel shown on an Act's entity page.

The panel answers what an analyst opens an Act for: its sections in order (2 < 10 < 16A),
when each came into force, the duties each imposes (bearer, beneficiary, modality), what each
inserts, amends or repeals, and where council minutes cite it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import Blueprint, render_template, url_for

from webui.context import select, value
from webui.entity_data import span_anchor
from webui.listing import twin
from webui.terms import NodeView, iri_views

bp = Blueprint("acts", __name__)

_ACTS = """
SELECT ?act ?citation ?assent (COUNT(DISTINCT ?section) AS ?sections) (COUNT(DISTINCT ?duty) AS ?duties) WHERE {
  ?act a kg:Act .
  OPTIONAL { ?act eli:id_local ?citation }
  OPTIONAL { ?act eli:date_document ?assent }
  OPTIONAL { ?section kg:inAct ?act ; a kg:Section .
             OPTIONAL { ?duty kg:legalBasis ?basis . ?basis (eli:is_part_of)* ?section . ?duty a kg:Duty } }
} GROUP BY ?act ?citation ?assent ORDER BY ?assent ?act
"""

_SECTIONS = """
SELECT ?s ?type ?number ?from ?until WHERE {
  ?s kg:inAct ?act ; eli:number ?number ; a ?type .
  FILTER (?type IN (kg:Section, kg:Schedule))
  OPTIONAL { ?s eli:first_date_entry_in_force ?from }
  OPTIONAL { ?s eli:date_no_longer_in_force ?until }
}
"""

_DUTIES = """
SELECT ?section ?duty ?modality ?bearer ?beneficiary WHERE {
  ?duty a kg:Duty ; kg:legalBasis ?basis .
  ?basis kg:inAct ?act .
  OPTIONAL { ?basis eli:is_part_of ?parent . ?parent a kg:Section }
  BIND (COALESCE(?parent, ?basis) AS ?section)
  OPTIONAL { ?duty kg:modality ?modality }
  OPTIONAL { ?duty kg:bearer ?bearer }
  OPTIONAL { ?duty kg:beneficiary ?beneficiary }
}
"""

_EFFECTS = """
SELECT ?section ?effect ?target WHERE {
  ?section kg:inAct ?act ; ?effect ?target .
  FILTER (?effect IN (kg:inserts, eli:amends, kg:substitutes, eli:repeals))
}
"""

_CITATIONS = """
SELECT ?section ?mention ?doc ?exact ?start ?end WHERE {
  { ?mention kg:mentions ?act . BIND (?act AS ?section) }
  UNION { ?section kg:inAct ?act . ?mention kg:mentions ?section }
  ?mention a kg:LegislationCitation .
  OPTIONAL { ?mention prov:hadPrimarySource ?doc }
  OPTIONAL { ?mention prov:wasDerivedFrom ?span .
             OPTIONAL { ?span oa:hasSelector ?q . ?q oa:exact ?exact }
             OPTIONAL { ?span oa:hasSelector ?p . ?p oa:start ?start ; oa:end ?end } }
} ORDER BY ?doc ?start
"""

@dataclass
class DutyRow:
    duty: NodeView
    modality: NodeView | None
    bearers: list[NodeView] = field(default_factory=list)
    beneficiaries: list[NodeView] = field(default_factory=list)


@dataclass
class Citation:
    document: NodeView | None
    exact: str | None
    href: str | None


@dataclass
class SectionRow:
    section: NodeView
    number: str
    is_schedule: bool
    in_force: str | None
    until: str | None
    duties: list[DutyRow] = field(default_factory=list)
    effects: list[tuple[str, NodeView]] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


def section_sort_key(number: str) -> tuple[int, int, str]:
    """Numeric first, then the letter suffix: 2 < 10 < 16 < 16A < 16B."""
    match = re.match(r"\s*(\d+)(.*)$", number)
    if match:
        return (0, int(match.group(1)), match.group(2).strip().upper())
    return (1, 0, number.upper())


def act_panel(act: ox.NamedNode) -> dict[str, object]:
    """Sections with their duties, effects and citations, and the Act-level citations."""
    sections = select(_SECTIONS, act=act)
    duties = select(_DUTIES, act=act)
    effects = select(_EFFECTS, act=act)
    citations = select(_CITATIONS, act=act)
    iris = {value(r[c]) for rows, cols in ((sections, ("s",)), (duties, ("section", "duty", "modality", "bearer", "beneficiary")),
                                           (effects, ("section", "effect", "target")), (citations, ("section", "doc")))
            for r in rows for c in cols if isinstance(r[c], ox.NamedNode)}
    views = iri_views(i for i in iris if i)

    rows: dict[str, SectionRow] = {}
    for r in sections:
        iri = value(r["s"]) or ""
        if iri not in rows:
            rows[iri] = SectionRow(views[iri], value(r["number"]) or "",
                                   (value(r["type"]) or "").endswith("Schedule"),
                                   value(r["from"]), value(r["until"]))
    by_duty: dict[tuple[str, str], DutyRow] = {}
    for r in duties:
        section, duty = value(r["section"]) or "", value(r["duty"]) or ""
        if section not in rows:
            continue
        key = (section, duty)
        if key not in by_duty:
            modality = value(r["modality"])
            by_duty[key] = DutyRow(views[duty], views[modality] if modality else None)
            rows[section].duties.append(by_duty[key])
        for col, target in (("bearer", by_duty[key].bearers), ("beneficiary", by_duty[key].beneficiaries)):
            iri = value(r[col])
            if iri and views[iri] not in target:
                target.append(views[iri])
    for r in effects:
        section, effect, target = value(r["section"]) or "", value(r["effect"]) or "", value(r["target"]) or ""
        if section in rows and target in views:
            rows[section].effects.append((views[effect].label, views[target]))
    act_citations: list[Citation] = []
    for r in citations:
        section, doc = value(r["section"]) or "", value(r["doc"])
        anchor = span_anchor(value(r["start"]), value(r["end"]))
        href = (url_for("sources.source", iri=doc) + (f"#{anchor}" if anchor else "")) if doc else None
        citation = Citation(views.get(doc) if doc else None, value(r["exact"]), href)
        (rows[section].citations if section in rows else act_citations).append(citation)
    ordered = sorted(rows.values(), key=lambda s: (s.is_schedule, section_sort_key(s.number)))
    for row in ordered:
        row.duties.sort(key=lambda d: d.duty.label.lower())
        row.effects.sort(key=lambda e: (e[0], e[1].label))
    return {"sections": ordered, "act_citations": act_citations,
            "has_effects": any(s.effects for s in ordered), "has_citations": any(s.citations for s in ordered)}


@bp.route("/acts")
def acts_list() -> object:
    """Every Act in the graph with its citation, Royal Assent and counts."""
    found = select(_ACTS)
    views = iri_views(value(r["act"]) or "" for r in found)
    rows = [{"act": value(r["act"]), "act_label": views[value(r["act"]) or ""].label,
             "citation": value(r["citation"]), "royal_assent": value(r["assent"]),
             "sections": value(r["sections"]), "duties": value(r["duties"])} for r in found]
    columns = ["act", "act_label", "citation", "royal_assent", "sections", "duties"]
    return twin(columns, rows, lambda: render_template("acts/list.html", rows=rows, views=views), "acts")
