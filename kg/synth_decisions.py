"""What the meeting decided, in the shapes council minutes record it, with the truth of each.

Shapes: "The Panel RESOLVED to note the update." (one sentence); "RESOLVED" then "To note the
... and in particular:" and numbered points (each point a decision, all noted); "RESOLVED:" or
"Resolved –" with lettered "That ..." points; "RESOLVED – That the report be noted." on one line;
"RESOLVED to note the report."; "AGREED:" points and "It was agreed that:" bullets; a Cabinet's
"RESOLVED – That Cabinet:" with "(a) notes ...;". And, rarely, the numbered-paragraph style some
councils use ("17.4     Resolved – That ..."), which is real and hard. A committee *report*
records no decision: its "is asked to: Note the contents" is a recommendation (see synth_docs).
"""

from __future__ import annotations

from kg import synth_vocab as V
from kg.synth_facts import Plant
from kg.synth_phrases import record_named

Block = tuple[str, object]


def _note_items(p: Plant) -> list[str]:
    pool = [
        lambda: f"The increase in the rate of referrals and the effectiveness of the {p.body(V.MASH, 'MASH')}",
        lambda: "The improvement in the timeliness of initial health assessments",
        lambda: "The significant improvement in the number of care leavers in suitable accommodation",
        lambda: "The action taken to improve the recruitment and retention of social workers (section 7)",
        lambda: f"The progress made against the improvement plan following the {p.body(V.OFSTED, 'Ofsted')} focused visit",
        lambda: "The need to reduce the number of children placed out of area (paragraphs 6.28 and 6.30)",
        lambda: "The very good performance on long term placement stability",
    ]
    order = list(range(len(pool)))
    p.rng.shuffle(order)
    return [pool[i]() for i in order[:p.rng.randrange(2, 5)]]


def _that_items(p: Plant, item_title: str, single: bool = False) -> list[tuple[str, str]]:
    """(text, type) "That ..." decisions; only the chosen ones are made (and plant their facts)."""
    word = p.meeting_word
    pool = [
        lambda: ("That the report be noted", "noted"),
        lambda: (f"That the {_titled(p, item_title)} be approved", "resolved"),
        lambda: (f"That a further update be brought to the {word} in six months", "resolved"),
        lambda: (f"That an additional {p.money(p.pick(V.PURPOSES), 'for')} be approved", "resolved"),
        lambda: ("That the Chair write to the Secretary of State about the level of new burdens funding", "resolved"),
        lambda: ("That the comments of the Committee be passed to the Cabinet Member", "resolved"),
        lambda: ("That officers circulate the data on missing children to all members", "resolved"),
    ]
    first = pool[0]() if p.chance(0.5) else pool[1]()
    if single:
        return [first] if p.chance(0.6) else [pool[p.rng.randrange(2, len(pool))]()]
    rest = [pool[i]() for i in p.rng.sample(range(2, len(pool)), p.rng.randrange(1, 3))]
    return [first, *rest]


def _titled(p: Plant, item_title: str) -> str:
    """The item title inside a decision: what it names is text too."""
    record_named(p, item_title)
    return item_title


def _record(p: Plant, text: str, kind: str) -> str:
    text = p.a(text)
    p.decisions.append({"text": text, "type": kind})
    return text


def decisions(p: Plant, item_number: str | None, item_title: str, html: bool) -> list[Block]:
    """The decision block that closes an item of minutes."""
    word = p.meeting_word
    the = "" if word in ("Cabinet", "Executive") else "The "
    roll = p.rng.random()
    if word in ("Cabinet", "Executive") and roll < 0.35:
        items = [("notes the report", "noted"), (f"approves the {_titled(p, item_title)}", "resolved")]
        if p.chance(0.5):
            items.append((f"delegates authority to the {p.cast.dcs.role}, in consultation with the "
                          f"{p.cast.lead_member.role}, to implement the decision", "resolved"))
        texts = [_record(p, f"{t};" if i < len(items) - 1 else f"{t}.", k) for i, (t, k) in enumerate(items)]
        return [("p", f"RESOLVED – That {word}:"), ("ol", [(f"({chr(97 + i)})", t) for i, t in enumerate(texts)])]
    if roll < 0.15:
        return [("p", _record(p, f"{the}{word} RESOLVED to note the {p.pick(('update', 'report'))}.", "noted"))]
    if roll < 0.3:
        notes = _note_items(p)
        texts = [_record(p, t + (";" if i < len(notes) - 1 else "."), "noted") for i, t in enumerate(notes)]
        return [("p", "RESOLVED"), ("p", p.a(f"To note the {_titled(p, item_title)} and in particular:")),
                ("ol", [(f"{i + 1}.", t) for i, t in enumerate(texts)])]
    if roll < 0.5:
        items = _that_items(p, item_title)
        texts = [_record(p, t + (";" if i < len(items) - 1 else "."), k) for i, (t, k) in enumerate(items)]
        marker = p.pick(("RESOLVED:", "RESOLVED", "Resolved:", "RESOLVED -"))
        return [("p", marker), ("ol", [(f"({chr(97 + i)})", t) for i, t in enumerate(texts)])]
    if roll < 0.65:
        text, kind = _that_items(p, item_title, single=True)[0]
        marker = p.pick(("RESOLVED –", "RESOLVED -", "Resolved:", "RESOLVED:"))
        return [("p", f"{marker} {_record(p, text + '.', kind)}")]
    if roll < 0.75:
        return [("p", _record(p, f"RESOLVED to note the {p.pick(('report', 'update', 'presentation'))}.", "noted"))]
    if roll < 0.9:
        items = _that_items(p, item_title)
        texts = [_record(p, t + ".", "agreed") for t, _ in items]
        if p.chance(0.5) or html:
            return [("p", "AGREED:"), ("ol", [(f"{i + 1}.", t) for i, t in enumerate(texts)])]
        return [("p", "It was agreed that:"), ("ul", texts)]
    if roll < 0.95 or item_number is None:
        text, kind = _that_items(p, item_title, single=True)[0]
        return [("p", f"RESOLVED – {_record(p, text + '.', kind)}")]
    text, kind = _that_items(p, item_title, single=True)[0]  # the hard, numbered-paragraph style
    return [("p", f"{item_number}.{p.rng.randrange(2, 6)}     Resolved – {_record(p, text + '.', kind)}")]
