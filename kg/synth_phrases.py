"""Report content and decisions for synthetic minutes: titles, the points an officer makes, and
the RESOLVED / AGREED blocks that record what the meeting decided.

Each point is dated: the Children and Social Work Bill before Royal Assent (27 April 2017), the
Act after; the LSCB before 29 September 2019, the safeguarding partnership after; CCGs before
July 2022, ICBs after. A few points are traps a correct extractor must not cite ("section 4.4
of the report", "paragraphs 6.5 to 6.6") and a few are hard but real ("section 11 audits" of
the Children Act 2004; "s.100B of the Local Government Act 1972"), so benchmarks see both.
"""

from __future__ import annotations

from collections.abc import Callable

from kg import synth_vocab as V
from kg.synth_facts import Plant

Block = tuple[str, object]


def title(p: Plant) -> tuple[str, str]:
    """(item title, one-line description) suited to the committee and the date."""
    year = p.date.year
    span = f"{year - 1}/{str(year)[2:]}"
    options = [
        ("Corporate Parenting Annual Report " + span, "To receive the annual report of the Corporate Parenting Panel."),
        ("Care Leavers Local Offer", "This report sets out the Council's local offer for care leavers."),
        ("Virtual School Head's Annual Report", "To consider the annual report of the Virtual School Head."),
        ("Children's Services Performance Report - Quarter " + str(p.rng.randrange(1, 5)),
         "This report provides an overview of performance across children's social care."),
        ("Sufficiency Strategy for Children in Care", "To consider the refreshed Sufficiency Strategy."),
        ("Fostering Service Annual Report", "To receive the annual report of the fostering service."),
        ("Executive Director's Update", "This report provides a brief overview of recent developments in Children's Services."),
        ("Ofsted Focused Visit", "To provide members with the outcome of the Ofsted focused visit and the improvement plan."),
        ("Children's Services Budget Monitoring", "To note the forecast outturn for children's services."),
    ]
    if p.date < V.LSCB_ABOLISHED:
        options.append(("Local Safeguarding Children Board Annual Report", "To receive the annual report of the Board."))
    else:
        options.append(("Safeguarding Children Partnership Annual Report", "To receive the annual report of the partnership."))
    if V.CSWA_ROYAL_ASSENT <= p.date < V.LSCB_ABOLISHED:
        options.append(("Children and Social Work Act 2017 Update",
                        "This briefing updates members on the provisions of the Act and actions taken locally."))
    chosen = p.pick(options)
    return p.a(chosen[0]), p.a(chosen[1])


def record_named(p: Plant, line: str) -> None:
    """A title or description that names an Act or a body is text too: record what it names."""
    if "Children and Social Work Act 2017" in line:
        p.cite("Children and Social Work Act 2017", None, "Children and Social Work Act 2017")
    if "Local Safeguarding Children Board" in line:
        p.body(V.LSCB, "Local Safeguarding Children Board")
    if "Safeguarding Children Partnership" in line:
        p.body(V.PARTNERSHIP, "Safeguarding Children Partnership")
    if "Ofsted" in line:
        p.body(V.OFSTED, "Ofsted")
    if "Virtual School Head" in line and not line.startswith("Virtual School Head"):
        p.post("Virtual School Head", "officer")  # "the report of the Virtual School Head" names a post
    if "Virtual School" in line:
        p.body(V.VIRTUAL_SCHOOL, "Virtual School")


Point = Callable[[Plant], str]


def _legislation_point(p: Plant) -> str:
    if p.date < V.CSWA_ROYAL_ASSENT:
        bill = p.cite("Children and Social Work Bill", None, "Children and Social Work Bill")
        return f"The {bill} was expected to receive Royal Assent in the spring and would extend support for care leavers."
    if p.date >= V.CWSB_INTRODUCED and p.chance(0.3):
        bill = p.cite("Children's Wellbeing and Schools Bill", None, "Children's Wellbeing and Schools Bill")
        return f"The {bill} would require local authorities to offer a family group decision-making meeting."
    act, section, gloss = p.pick(V.SECTIONS)
    style = p.rng.random()
    if style < 0.55:
        words = p.cite(act, section, f"section {section} of the {act}")
        return f"Members were reminded of {gloss} under {words}."
    if style < 0.8:
        words = p.cite(act, section, f"s.{section} of the {act}")
        return f"The report set out how the Council was meeting its duties under {words} ({gloss})."
    words = p.cite(act, section, f"s{section} of the {act}")
    return f"Under {words}, the Council must secure {gloss}."


def _cswa_point(p: Plant) -> str:
    if p.date < V.CSWA_ROYAL_ASSENT:
        return _legislation_point(p)
    act = p.cite("Children and Social Work Act 2017", None, "Children and Social Work Act 2017")
    return f"The {act} introduced the corporate parenting principles, to which every service must have regard."


def _section_word_points(p: Plant) -> str:
    kind = p.rng.random()
    if kind < 0.4:
        words = p.cite("Children Act 1989", "47", "Section 47")
        return f"The rate of {words} enquiries had risen to {p.rng.randrange(120, 260)} per 10,000 children."
    if kind < 0.7:
        words = p.cite("Children Act 1989", "20", "section 20 of the Children Act 1989")
        return f"The number of children accommodated under {words} continued to fall."
    words = p.cite("Children Act 1989", "31", "section 31 of the Children Act 1989")
    return f"Applications for care orders under {words} were in line with statistical neighbours."


def _body_point(p: Plant) -> str:
    kind = p.rng.random()
    if kind < 0.25:
        board = p.safeguarding_body()
        return f"The {board} had agreed a new multi-agency neglect strategy."
    if kind < 0.45:
        mash = p.body(V.MASH, p.pick(("MASH", "Multi Agency Safeguarding Hub")))
        return f"Contacts to the {mash} had increased by {p.rng.randrange(4, 19)} per cent on the previous year."
    if kind < 0.6:
        return f"The {p.health_body()} had agreed to fund a designated nurse for children in care."
    if kind < 0.75:
        vs = p.body(V.VIRTUAL_SCHOOL, "Virtual School")
        return f"The {vs} had secured a personal education plan for every child in care of school age."
    if kind < 0.88:
        raa = p.body(V.RAA, p.pick(("Regional Adoption Agency", "RAA")))
        return f"The {raa} had placed more children with adopters than in any previous year."
    if p.date >= V.SWE_ESTABLISHED:
        swe = p.body(V.SWE, "Social Work England")
        return f"All social workers had renewed their registration with {swe} on time."
    return f"All social workers had renewed their registration with the {p.regulator()}."


def _money_point(p: Plant) -> str:
    purpose = p.pick(V.PURPOSES)
    style = p.rng.random()
    if style < 0.4:
        return f"The Council had received {p.money(p.pick(V.FUNDING))} in the year."
    if style < 0.7:
        return f"A further {p.money(purpose, 'for')} had been agreed in the budget."
    if style < 0.9:
        return f"{_cap(p.money(purpose, 'for'))} would be drawn down from reserves."
    return f"The service was forecast to overspend by {p.money(None)} because of the cost of placements."


def _count_point(p: Plant) -> str:
    noun, verb = p.pick(V.COUNTED)
    return f"{_cap(p.count(noun))} {verb} at the end of the quarter."


def _trap_point(p: Plant) -> str:
    return p.pick(("The data in section 4.4 of the report showed a reduction in repeat referrals.",
                   "Section 7 of the report set out the workforce position.",
                   "Placement stability was set out in paragraphs 6.28 and 6.30."))


def _hard_point(p: Plant) -> str:
    words = p.cite("Children Act 2004", "11", "section 11")
    return f"All partner agencies had completed their {words} audits of safeguarding arrangements."


def late_item(p: Plant) -> str:
    """A procedural opening some minutes carry; it cites an Act the extractor does not know."""
    words = p.cite("Local Government Act 1972", "100B", "Section 100B(4)(b) of the Local Government Act 1972")
    return f"In accordance with his powers under {words}, the Chair admitted the report as a late item."


_POINTS: tuple[tuple[Point, int], ...] = (
    (_legislation_point, 10), (_cswa_point, 4), (_section_word_points, 6), (_body_point, 12),
    (_money_point, 10), (_count_point, 8), (_trap_point, 4), (_hard_point, 1),
)


def points(p: Plant, n: int) -> list[str]:
    """n different points in the officer's presentation, drawn by weight (a repeat is undone)."""
    total = sum(w for _, w in _POINTS)
    found: list[str] = []
    for _ in range(n * 3):
        if len(found) == n:
            break
        roll = p.rng.randrange(total)
        for point, weight in _POINTS:
            if roll < weight:
                mark = p.mark()
                said = p.a(point(p))
                if said in found:
                    p.rollback(mark)
                else:
                    found.append(said)
                break
            roll -= weight
    return found


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
