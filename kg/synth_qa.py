"""Questions, answers and comments for synthetic minutes, in the shapes real minutes use.

Shapes (from real ModernGov pages): "Councillor X asked what ...", "Cllr Y asked whether ...",
an untitled co-opted member who asks ("Kevin Burnett asked if ..."), "A Member queried ...",
"In response to questions from Cllr Z, it was noted that:" with bullets, and the replies: "The
Director of Children's Services replied that ...", "Steve Miley responded that ...", "It was
explained that ...". Each question is recorded with its asker and answerer as the text shows them.
"""

from __future__ import annotations

from collections.abc import Callable

from kg import synth_vocab as V
from kg.synth_facts import Plant

Block = tuple[str, object]
_Topic = tuple[Callable[[Plant], str], Callable[[Plant], str]]


def _topics() -> list[_Topic]:
    """(question maker, answer maker) pairs; each plants its own facts only when called."""
    return [
        (lambda p: "what proportion of care leavers remained in touch with the Council",
         lambda p: f"{p.count('care leavers', 40, 260)} were contacted and of that figure "
                   f"{p.count('had taken up engagement', 10, 39)}"),
        (lambda p: "whether there were the resources to deliver a personal adviser for care leavers up to the age of 25",
         lambda p: f"the Council was in receipt of {p.money('new burdens funding')} for this work"),
        (lambda p: f"how the local authority, police and {p.health_body()} would work together through the "
                   f"{p.safeguarding_body()}",
         lambda p: "the three statutory partners met monthly and had agreed a pooled budget"),
        (lambda p: f"why the number of {p.cite('Children Act 1989', '47', 'Section 47')} enquiries had increased",
         lambda p: "a practice lead was looking at the cases behind the data to understand the root causes"),
        (lambda p: f"what progress had been made on the recommendations of the {p.body(V.OFSTED, 'Ofsted')} focused visit",
         lambda p: "an improvement plan had been agreed and progress would be reported to every meeting"),
        (lambda p: "how many foster carers had been recruited this year",
         lambda p: f"the service had recruited {p.count('new foster carers', 5, 40)} since bringing recruitment in-house"),
        (lambda p: f"what support the {p.body(V.VIRTUAL_SCHOOL, 'Virtual School')} offered to children placed out of area",
         lambda p: "the Virtual School tracked the attendance of every child in care, wherever they were placed"),
        (lambda p: f"whether the {p.body(V.MASH, 'MASH')} had the capacity to deal with the rise in contacts",
         lambda p: f"{p.money('additional social work capacity', 'for')} had been added to the budget"),
        (lambda p: "what the average weekly cost of a residential placement was",
         lambda p: f"the average cost was now {p.money(None, weekly=True)} a week, against a budget assumption that was far lower"),
        (lambda p: f"whether agency social workers were checked against the {p.regulator()} register",
         lambda p: "every agency worker was checked against the register before starting work"),
    ]


def _asker(p: Plant) -> tuple[str, str | None, str]:
    """(subject words, truth name or None, verb); co-opted members sit on scrutiny, not Cabinet."""
    roll = p.rng.random()
    if roll < (0.72 if p.committee_kind == "executive" else 0.55):
        person = p.pick(p.cast.councillors)
        return p.councillor(person), person.name, "asked"
    if roll < 0.72:
        person = p.pick(p.cast.coopted)
        return p.coopted(person), person.name, "asked"
    if roll < 0.86:
        return p.chair_post(), None, "asked"
    return p.pick(("A Member", "A Committee Member", "One Member")), None, p.pick(("asked", "queried"))


def _answerer(p: Plant) -> tuple[str, str | None, str]:
    """(subject words, truth name-or-post, verb)."""
    roll = p.rng.random()
    verb = p.pick(("replied", "responded", "confirmed", "explained", "advised", "said"))
    if roll < 0.45:
        return p.officer(p.cast.dcs, "post"), p.cast.dcs.role, verb
    if roll < 0.8:
        officer = p.pick((p.cast.ad, *p.cast.others))
        words = p.officer(officer, p.pick(("named", "post")))
        named = not words.startswith("The ")
        return words, officer.name if named else officer.role, verb
    return "It was explained", None, ""


def exchange(p: Plant) -> list[Block]:
    """One question and its answer (two paragraphs), or an "In response to questions" block."""
    topics = _topics()
    index = p.rng.randrange(len(topics))
    ask, answer = topics[index]
    if p.chance(0.15):
        person = p.pick(p.cast.councillors)
        lead = f"In response to questions from {p.councillor(person)}, it was noted that:"
        p.questions.append({"asker": p.a(person.name), "answerer": None, "text": p.a(lead)})
        second = topics[(index + 1 + p.rng.randrange(len(topics) - 1)) % len(topics)][1]
        return [("p", p.a(lead)), ("ul", [p.a(_cap(answer(p))) + ".", p.a(_cap(second(p))) + "."])]
    subject, asker, verb = _asker(p)
    question = f"{subject} {verb} {ask(p)}."
    words, answerer, reply_verb = _answerer(p)
    reply = f"{words} {reply_verb} that {answer(p)}." if reply_verb else f"{words} that {answer(p)}."
    p.questions.append({"asker": p.a(asker) if asker else None, "answerer": p.a(answerer) if answerer else None,
                        "text": p.a(question)})
    return [("p", p.a(question)), ("p", p.a(reply))]


def comment(p: Plant) -> list[Block]:
    """A statement that is not a question: "Councillor X commented that ..."."""
    if p.chance(0.3):
        return [("p", p.a(f"{p.chair_post()} thanked officers for the report and the work of the service."))]
    if p.chance(0.25):
        person = p.cast.lead_member  # "Councillor X, Cabinet Member for ..., added that ..."
        subject = p.councillor(person, with_role=True)
    else:
        subject = p.councillor(p.pick(p.cast.councillors))
    what = p.pick(("the funding from Government was not sufficient to meet the new duties",
                   "the voice of the child came through strongly in the report",
                   "members should visit a children's home in the borough before the next meeting",
                   "the improvement in placement stability was welcome"))
    verb = p.pick(("commented", "noted", "added", "stated"))
    return [("p", p.a(f"{subject} {verb} that {what}."))]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
