"""Document templates for `kg synth`: one agenda item of minutes in one of four real formats.

- "agenda": a ModernGov "Agenda item" page as text (title, description, "Minutes:", paragraphs,
  the decision, "Supporting documents:");
- "issue": a ModernGov "Issue - meetings" page ("Meeting: 13/10/2020 - Cabinet (Item 321)",
  "[Report of ...]", "Reasons for decision");
- "report": a committee report with numbered paragraphs, a cover sheet ("Date of Meeting:",
  "Report of:", "Subject/Title:", "Portfolio Holder:") and a recommendation, which is not a
  decision; under an Act heading it cites sections bare ("Under s2", "(s. 3)", "s.16 of the Act");
- "html": the agenda item page as ModernGov-style HTML.
The content (who speaks, what is cited, what is decided) comes from synth_phrases, synth_qa and
synth_decisions through the Plant ledger, so the truth is recorded as the words are written.
"""

from __future__ import annotations

import html as html_mod
from dataclasses import dataclass

from kg import synth_vocab as V
from kg.synth_decisions import decisions
from kg.synth_facts import Plant
from kg.synth_phrases import late_item, points, record_named
from kg.synth_qa import comment, exchange

Block = tuple[str, object]
_NBSP_GAP = "\n\n\u00a0\n\n"


@dataclass(frozen=True)
class Item:
    """One agenda item: where and when it was taken and how it is published."""

    number: str | None
    title: str
    description: str
    fmt: str  # agenda | issue | report | html


def _ordinal(day: int) -> str:
    return f"{day}{'th' if 11 <= day % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def _discussion(p: Plant, item: Item) -> list[Block]:
    """Introduction, the officer's points, questions and answers, a comment, the decision."""
    blocks: list[Block] = [("p", p.a(late_item(p)))] if p.chance(0.03) else []
    if p.chance(0.5):
        blocks.append(("p", f"{p.officer(p.cast.dcs, 'post')} introduced the report."))
        lead = p.a("Key points included:")
    else:
        presenter = p.pick((p.cast.ad, *p.cast.others))
        lead = f"{p.officer(presenter, 'named')} presented the report and highlighted the following:"
    said = points(p, p.rng.randrange(2, 5))
    if p.force_late_lscb:
        said.insert(0, f"The {p.body(V.LSCB, 'LSCB')} had published its annual report and business plan.")
    blocks += [("p", lead), ("ul", said)]
    for _ in range(p.rng.randrange(1, 4)):
        blocks += exchange(p)
    if p.chance(0.4):
        blocks += comment(p)
    return blocks


def compose(p: Plant, item: Item) -> str:
    """The whole document text (or HTML) for one item."""
    for _ in range(2 if item.fmt in ("issue", "html") else 1):  # the title is printed twice on those pages
        record_named(p, item.title)
    record_named(p, item.description)
    if item.fmt == "report":
        return p.a(_report(p, item))
    body = _discussion(p, item)
    body += decisions(p, item.number, item.title, item.fmt == "html")
    if item.fmt == "html":
        return _html(p, item, body)
    gap = _NBSP_GAP if p.chance(0.5) else "\n\n"
    bullet = p.pick(("·  ", "·         ", "• "))
    text = gap.join(_text_block(b, bullet) for b in body)
    if item.fmt == "issue":
        report_of = p.officer(p.cast.dcs, "post")[len("The "):]
        head = (f"Issue - meetings\n\n{item.title}\n\nMeeting: {p.date:%d/%m/%Y} - {p.committee} (Item {item.number})"
                f"\n\n{item.number} {item.title} pdf icon PDF {p.rng.randrange(80, 2900)} KB"
                f"\n\n[Report of the {report_of}.]\n\n{item.description}\n\nMinutes:\n\n")
        tail = ("\n\nReasons for decision\n\nThe report enables members to assure themselves that the Council "
                "is discharging its duties to children in its care.")
        return p.a(head + text + tail)
    return p.a(f"Agenda item\n\n{item.title}\n\n{item.description}\n\nMinutes:\n\n{text}\n\nSupporting documents:")


def _text_block(block: Block, bullet: str) -> str:
    kind, value = block
    if kind == "p":
        return str(value)
    if kind == "ul":
        return "\n\n".join(f"{bullet}{v}" for v in value)  # type: ignore[union-attr]
    return "\n\n".join(f"  {label} {text}" for label, text in value)  # type: ignore[union-attr]


def _html(p: Plant, item: Item, body: list[Block]) -> str:
    def e(text: str) -> str:  # the council's apostrophes, then HTML escaping
        return html_mod.escape(p.a(text), quote=False)

    parts = []
    for kind, value in body:
        if kind == "p":
            parts.append(f"<p>{e(str(value))}</p>")
        elif kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{e(v)}</li>" for v in value) + "</ul>")  # type: ignore[union-attr]
        else:
            parts.append("<ol>" + "".join(f"<li>{e(t)}</li>" for _, t in value) + "</ol>")  # type: ignore[union-attr]
    doc_id = p.rng.randrange(10000, 99999)
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Agenda item - {e(item.title)} | {e(p.council)}</title>\n"
        "<script>var mgPageType = 'mgAi'; window.dataLayer = window.dataLayer || [];</script>\n"
        '<link rel="stylesheet" href="/SiteSpecific/ssMgStyles.css">\n</head>\n<body>\n<div id="modgov">\n'
        '<div class="mgHeader"><h1 class="mgMainTitleTxt">Agenda item</h1></div>\n'
        f'<h2 class="mgSubTitleTxt">{e(item.title)}</h2>\n'
        f'<div class="mgWordPara"><p>{e(item.description)}</p></div>\n'
        '<h3 class="mgSubSubTitleTxt">Minutes:</h3>\n<div class="mgWordPara">\n' + "\n".join(parts) + "\n</div>\n"
        '<h3 class="mgSubSubTitleTxt">Supporting documents:</h3>\n<ul class="mgBulletList">'
        f'<li><a href="documents/s{doc_id}/Report.pdf">{e(item.title)}</a> PDF {p.rng.randrange(80, 900)} KB</li></ul>\n'
        "</div>\n</body>\n</html>\n"
    )


def _act_section(p: Plant) -> list[str]:
    """The seed-003 shape: an Act as a heading, then its sections cited bare."""
    act = "Children and Social Work Act 2017"
    lines = [p.cite(act, None, act)]
    lines.append(f"- Under {p.cite(act, '2', 's2')} all local authorities must publish a local offer for care leavers.")
    lines.append("- The provision of a Personal Adviser is extended from the age of 21 up to 25 "
                 f"({p.cite(act, '3', 's. 3')}).")
    if p.date < V.LSCB_ABOLISHED:
        lscb = p.body(V.LSCB, "LSCBs")
        ca = p.cite("Children Act 2004", None, "Children Act 2004")
        lines.append(f"- {p.cite(act, '30', 'S.30')} abolishes {lscb} by removing the relevant sections from the {ca}.")
    partners = p.body(V.PARTNERSHIP, "safeguarding partners")
    lines.append(f"- {p.cite(act, '16', 's.16 of the Act')} requires local authorities to make new safeguarding "
                 f"arrangements with the {partners}.")
    if p.chance(0.5):
        again = p.body(V.PARTNERSHIP, "safeguarding partners")
        lines.append(f"- {p.cite(act, '17', 'S.17')} places a duty on the {again} to identify and review serious "
                     "child safeguarding cases.")
    return lines


def _report(p: Plant, item: Item) -> str:
    author = p.officer_line(p.cast.dcs)
    holder = p.member_line(p.cast.lead_member, "Portfolio Holder")
    date = f"{_ordinal(p.date.day)} {p.date:%B %Y}"
    out = [f"\n{p.council}", p.committee, f"Date of Meeting: {date}", f"Report of: {author}",
           f"Subject/Title: {item.title}", f"Portfolio Holder: {holder}",
           "1. Report Summary", f"- 1.1. {item.description}",
           "2. Recommendation", f"- 2.1. {p.committee} is asked to:", "- 2.1.1 Note the contents of the report.",
           "3. Reasons for Recommendation",
           f"- 3.1. The {p.committee} needs to be aware of national and local issues that affect children in care.",
           "4. Background"]
    n = 1
    if p.date >= V.CSWA_ROYAL_ASSENT and p.chance(0.5):
        out += ["National Developments", *_act_section(p), "Local Developments"]
    for point in points(p, p.rng.randrange(3, 7)):
        out.append(f"- 4.{n}. {point}")
        n += 1
    out += ["5. Financial Implications",
            f"- 5.1. {p.a(_financial(p))}",
            "6. Access to Information", "The background papers relating to this report can be inspected by "
            "contacting the report writer:", p.contact(p.cast.ad)]
    return "\n\n".join(out) + "\n"


def _financial(p: Plant) -> str:
    purpose = p.pick(V.PURPOSES)
    return f"The Council has been allocated {p.money(purpose, 'for')} in the current financial year."
