"""The planting ledger: every person, citation, body, amount, figure, question and decision a
synthetic document states is written through one `Plant` object, which returns the words to
print and records the fact for truth.jsonl at the same moment.

Why one object: the truth can then never drift from the text. A template cannot say
"£1.2m" without the ledger recording 1200000, nor name the LSCB without it being dated.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kg import synth_vocab as V


@dataclass(frozen=True)
class Person:
    """A member of a council's cast. `kind`: councillor | officer | co-opted."""

    first: str
    last: str
    kind: str
    role: str | None = None

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Cast:
    """The people one council's minutes name in one year."""

    councillors: tuple[Person, ...]
    lead_member: Person
    dcs: Person
    ad: Person
    others: tuple[Person, ...]
    coopted: tuple[Person, ...]


@dataclass
class Plant:
    """One document's context (who, when, which council) and its ledger of planted facts."""

    rng: random.Random
    date: dt.date
    council: str
    committee: str
    committee_kind: str  # scrutiny | parenting | executive
    cast: Cast
    apos: str = "'"
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    citations: list[dict[str, Any]] = field(default_factory=list)
    bodies: list[dict[str, Any]] = field(default_factory=list)
    amounts: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    questions: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    force_late_lscb: bool = False  # a planted inconsistency: name the LSCB after its abolition
    _named: set[str] = field(default_factory=set)

    # -- words ---------------------------------------------------------------------------

    def a(self, text: str) -> str:
        """The council's apostrophe style: some publish ’, some '."""
        return text.replace("'", self.apos)

    def pick(self, options: tuple[Any, ...] | list[Any]) -> Any:
        return options[self.rng.randrange(len(options))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    @property
    def meeting_word(self) -> str:
        """What the minutes call the meeting body: "the Panel", "the Committee", "Cabinet"."""
        for word in ("Panel", "Board", "Commission", "Committee"):
            if word in self.committee:
                return word
        return "Cabinet" if self.committee == "Cabinet" else "Executive"

    # -- people ---------------------------------------------------------------------------

    def _record_person(self, key: str, name: str | None, role: str | None, kind: str) -> None:
        name, role = (self.a(name) if name else None), (self.a(role) if role else None)
        entry = self.people.setdefault(key, {"name": name, "role": role, "kind": kind})
        entry["name"] = entry["name"] or name
        entry["role"] = entry["role"] or role

    def councillor(self, person: Person, with_role: bool = False) -> str:
        """"Councillor Liz Hardman" first, then "Cllr Hardman"; with_role adds ", Chair of ...,"."""
        title = self.pick(("Councillor", "Councillor", "Cllr"))
        if person.name in self._named:
            return f"{title} {person.last}"
        self._named.add(person.name)
        role = person.role if with_role else None
        self._record_person(person.name, person.name, role, "councillor")
        return f"{title} {person.name}" + (f", {self.a(role)}," if role else "")

    def officer(self, person: Person, style: str) -> str:
        """style "named": "Jane Doe, Director of ...," (first time); "post": "The Director of ..."."""
        role = person.role or ""
        if style == "post":
            holder = self.people.get(person.name)
            if holder is None:
                self._record_person("post:" + role, None, role, person.kind)
            return "The " + self.a(role)
        if person.name in self._named:
            return person.name
        self._named.add(person.name)
        self.people.pop("post:" + role, None)  # "Name, Post" links every mention of the post to her
        self._record_person(person.name, person.name, role, person.kind)
        return f"{person.name}, {self.a(role)},"

    def officer_line(self, person: Person) -> str:
        """"Name, Post" with no trailing comma, for "Report of:" lines."""
        return self.officer(person, "named").rstrip(",")

    def member_line(self, person: Person, role: str) -> str:
        """A councillor given under a post heading ("Portfolio Holder: Cllr George Hayes")."""
        self._named.add(person.name)
        self._record_person(person.name, person.name, role, "councillor")
        return f"Cllr {person.name}"

    def contact(self, person: Person) -> str:
        """The "Name:" / "Designation:" block that closes a committee report."""
        self._named.add(person.name)
        self.people.pop("post:" + (person.role or ""), None)
        self._record_person(person.name, person.name, person.role, person.kind)
        return f"Name: {person.name}\nDesignation: {self.a(person.role or '')}"

    def coopted(self, person: Person) -> str:
        self._record_person(person.name, person.name, None, "co-opted")
        return person.name

    def post(self, role: str, kind: str) -> None:
        """A post named without its holder."""
        self._record_person("post:" + role, None, role, kind)

    def chair_post(self) -> str:
        self._record_person("post:Chair", None, "Chair", "councillor")
        return "The Chair"

    # -- law and bodies ---------------------------------------------------------------------

    def cite(self, act: str, section: str | None, surface: str) -> str:
        """Record a citation of `act` (section or whole Act) printed as `surface`."""
        surface = self.a(surface)
        if act in V.BILLS:
            iri = V.BILLS[act]
        else:
            iri = V.ACTS[act] + (f"/section/{section}" if section else "")
        self.citations.append({"text": surface, "act": act, "section": section, "iri": iri})
        return surface

    def body(self, iri: str, surface: str) -> str:
        self.bodies.append({"name": surface, "iri": iri})
        return surface

    def safeguarding_body(self) -> str:
        """The LSCB before 29 September 2019, the safeguarding partnership after."""
        if self.date < V.LSCB_ABOLISHED:
            return self.body(V.LSCB, self.pick(("LSCB", "LSCB", "Local Safeguarding Children Board")))
        return self.body(V.PARTNERSHIP, self.pick(("safeguarding partnership", "Safeguarding Children Partnership",
                                                   "safeguarding partners")))

    def health_body(self) -> str:
        if self.date < V.ICB_FROM:
            return self.body(V.CCG, self.pick(("CCG", "Clinical Commissioning Group")))
        return self.body(V.ICB, self.pick(("ICB", "Integrated Care Board")))

    def regulator(self) -> str:
        if self.date < V.SWE_REGULATOR_FROM:
            return self.body(V.HCPC, "HCPC")
        return self.body(V.SWE, "Social Work England")

    # -- numbers --------------------------------------------------------------------------

    def money(self, purpose: str | None, joiner: str = "of", weekly: bool = False) -> str:
        """A sum of money in one of the spellings minutes use, recorded with its value."""
        style = "weekly" if weekly else self.pick(("exact", "exact", "m", "k", "million"))
        if style == "weekly":  # a residential placement costs thousands a week, not millions
            value = Decimal(self.rng.randrange(3500, 12000))
            text = f"£{value:,}"
        elif style == "exact":
            value = Decimal(self.rng.randrange(1500, 95000))
            text = f"£{value:,}"
        elif style == "m":
            value = Decimal(self.rng.randrange(3, 60)) / 10 * 1_000_000
            text = f"£{value / 1_000_000:.1f}m"
        elif style == "k":
            value = Decimal(self.rng.randrange(5, 95) * 10) * 1000
            text = f"£{value / 1000:.0f}k"
        else:
            value = Decimal(self.rng.randrange(2, 9)) * 1_000_000
            text = f"£{value / 1_000_000:.0f} million"
        self.amounts.append({"text": text, "value": format(value.normalize(), "f"), "currency": "GBP",
                             "purpose": purpose})
        return f"{text} {joiner} {purpose}" if purpose else text

    def count(self, noun: str, low: int = 6, high: int = 240) -> str:
        value = self.rng.randrange(low, high)
        self.figures.append({"value": value, "measures": noun})
        return f"{value} {noun}"

    # -- undo (a repeated point is dropped with its facts) -------------------------------------

    def mark(self) -> tuple[int, int, int, int]:
        return len(self.citations), len(self.bodies), len(self.amounts), len(self.figures)

    def rollback(self, mark: tuple[int, int, int, int]) -> None:
        """Forget facts recorded after `mark`; points plant no people, questions or decisions."""
        del self.citations[mark[0]:], self.bodies[mark[1]:], self.amounts[mark[2]:], self.figures[mark[3]:]

    # -- the truth line -----------------------------------------------------------------------

    def truth(self) -> dict[str, Any]:
        return {"people": list(self.people.values()), "questions": self.questions,
                "decisions": self.decisions, "citations": self.citations, "bodies": self.bodies,
                "amounts": self.amounts, "figures": self.figures}
