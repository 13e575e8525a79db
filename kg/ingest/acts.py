"""The Act table: which names in minutes mean which Act or Bill, in one place.

Seeded from curated data (data/legislation/*.ttl: kg:Act with dct:title and skos:altLabel,
kg:Bill with dct:title) when present, on top of a built-in table of the core Acts so the
extractor works before the curated data exists. legislation.gov.uk identifiers are derived
from year and chapter: http://www.legislation.gov.uk/id/ukpga/{year}/{chapter}.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.namespace import DCTERMS, RDF, SKOS

from kg.errors import KgError
from kg.iris import node, slug
from kg.namespaces import KG, LEGID


@dataclass(frozen=True)
class ActEntry:
    """An Act (iri on legislation.gov.uk) or a Bill (iri under kgid:bill/)."""

    title: str
    iri: str
    aliases: tuple[str, ...] = ()
    is_bill: bool = False

    def section_iri(self, number: str) -> str | None:
        """Sections exist only for Acts; a Bill's clauses are not minted."""
        return None if self.is_bill else f"{self.iri}/section/{number}"


def _act(title: str, year: int, chapter: int, *aliases: str) -> ActEntry:
    return ActEntry(title, f"{LEGID}ukpga/{year}/{chapter}", aliases)


def _bill(title: str, *aliases: str) -> ActEntry:
    return ActEntry(title, node("bill", slug(title)), aliases, is_bill=True)


BUILT_IN: tuple[ActEntry, ...] = (
    _act("Children Act 1989", 1989, 41, "CA 1989"),
    _act("Children Act 2004", 2004, 31, "CA 2004"),
    _act("Children and Social Work Act 2017", 2017, 16, "CSWA 2017", "CSWA"),
    _act("Children and Families Act 2014", 2014, 6, "CFA 2014"),
    _act("Care Act 2014", 2014, 23),
    _act("Children's Wellbeing and Schools Act 2026", 2026, 21, "CWSA 2026"),
    _act("Children (Leaving Care) Act 2000", 2000, 35),
    _act("Adoption and Children Act 2002", 2002, 38),
    _act("Children and Young Persons Act 2008", 2008, 23),
    _act("Education Act 1996", 1996, 56),
    _act("Education and Inspections Act 2006", 2006, 40),
    _act("Health and Social Care Act 2012", 2012, 7),
    _act("Health and Care Act 2022", 2022, 31),
    # cited in the procedure of almost every committee's minutes: urgent items (s.100B(4)(b)),
    # exempt information (s.100A, Schedule 12A), delegation (s.101)
    _act("Local Government Act 1972", 1972, 70, "LGA 1972"),
    _bill("Children and Social Work Bill"),
    _bill("Children's Wellbeing and Schools Bill", "Schools and Children's Wellbeing Bill"),
)

_YEAR = re.compile(r"\s+\d{4}$")


@dataclass
class ActTable:
    """Names to entries, with one compiled pattern that finds any of them in text."""

    entries: list[ActEntry] = field(default_factory=list)
    by_name: dict[str, ActEntry] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None
    warnings: list[str] = field(default_factory=list)

    def add(self, entry: ActEntry) -> None:
        """Later entries (curated data) win over earlier ones (built-in) for the same IRI."""
        self.entries = [e for e in self.entries if e.iri != entry.iri] + [entry]

    def compile(self) -> ActTable:
        names: dict[str, ActEntry] = {}
        yearless: dict[str, list[ActEntry]] = {}
        for entry in self.entries:
            for name in (entry.title, *entry.aliases):
                names[name_key(name)] = entry
                if not entry.is_bill and _YEAR.search(name):
                    yearless.setdefault(name_key(_YEAR.sub("", name)), []).append(entry)
        for key, found in yearless.items():
            if len({e.iri for e in found}) == 1 and key not in names:
                names[key] = found[0]  # "the Children and Social Work Act" is unambiguous
        self.by_name = names
        alternatives = sorted(names, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<![\w’'])(?:" + "|".join(_name_regex(n) for n in alternatives) + r")(?![\w’'])", re.IGNORECASE
        )
        return self

    def lookup(self, name: str) -> ActEntry | None:
        return self.by_name.get(name_key(name))

    def find(self, text: str) -> Iterable[re.Match[str]]:
        return self.pattern.finditer(text) if self.pattern else iter(())


def name_key(name: str) -> str:
    """Apostrophes, case and spacing do not distinguish Act names."""
    return " ".join(re.sub(r"['’]", "", name).lower().split())


def _name_regex(key: str) -> str:
    """A key back to a tolerant pattern: optional apostrophe after any letter, flexible spaces."""
    words = key.split(" ")
    return r"\s+".join("".join(re.escape(ch) + ("['’]?" if ch.isalpha() and i == len(w) - 2 else "")
                                for i, ch in enumerate(w)) for w in words)


def load_act_table(legislation_dir: Path | None, skip_bad: bool = False) -> ActTable:
    """Built-in Acts and Bills, then every kg:Act / kg:Bill with a dct:title in curated data.

    With skip_bad, a file that does not parse is reported in `warnings` and skipped.
    """
    table = ActTable()
    for entry in BUILT_IN:
        table.add(entry)
    if legislation_dir is not None and legislation_dir.is_dir():
        for path in sorted(legislation_dir.glob("*.ttl")):
            try:
                entries = _entries_from(path)
            except KgError as exc:
                if not skip_bad:
                    raise
                table.warnings.append(str(exc))
                continue
            for entry in entries:
                table.add(entry)
    return table.compile()


def _entries_from(path: Path) -> list[ActEntry]:
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many types for bad Turtle
        raise KgError(f"cannot read curated legislation: {str(exc).splitlines()[0]}", str(path)) from exc
    entries: list[ActEntry] = []
    for cls, is_bill in ((KG.Act, False), (KG.Bill, True)):
        for subject in sorted(set(graph.subjects(RDF.type, cls)), key=str):
            title = graph.value(subject, DCTERMS.title)
            if title is None or not isinstance(subject, rdflib.URIRef):
                continue
            aliases = tuple(sorted(str(a) for a in graph.objects(subject, SKOS.altLabel)))
            entries.append(ActEntry(str(title), str(subject), aliases, is_bill))
    return entries
