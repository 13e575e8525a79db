"""The plain data the extractor produces, kept free of rdflib so extraction stays pure and testable.

Every fact carries a `Span` into `SourceText.text` (the normalised text we store as kg:text), so
provenance always points back to the exact characters a fact came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Span:
    """A [start, end) range of code points into the stored text (end excluded, as oa:end)."""

    start: int
    end: int

    def quote(self, text: str) -> str:
        """The characters the span covers: what oa:exact must hold."""
        return text[self.start:self.end]

    def overlap(self, other: Span) -> int:
        """How many characters two spans share."""
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True)
class DocMeta:
    """What the sidecar `<stem>.json` says about a document; every field may be missing."""

    source_url: str | None = None
    council: str | None = None
    committee: str | None = None
    meeting_date: str | None = None
    item_number: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class SourceText:
    """A read, checked and normalised document: the only input the extractor sees.

    `origin` maps stored-text offsets back to the file for HTML input: a tuple of
    (text_offset, line, column) marks where each run of text began in the HTML source.
    """

    doc_id: str
    path: Path
    text: str
    sha256: str
    meta: DocMeta
    media_type: str = "text/plain"
    origin: tuple[tuple[int, int, int], ...] = ()


@dataclass(frozen=True)
class Person:
    """A person or, when `name` is None, a post named without a holder ("The Chair")."""

    name: str | None
    role: str | None
    kind: str  # councillor | officer | co-opted | external | unknown
    span: Span
    honorific: str | None = None
    mentions: tuple[Span, ...] = ()

    @property
    def key(self) -> str:
        """One person = one key: the normalised name, else the normalised post."""
        from kg.ingest.textutil import norm_key

        return norm_key(self.name) if self.name else "post:" + norm_key(self.role or "")


@dataclass(frozen=True)
class BodyMention:
    name: str
    iri: str
    span: Span
    matched: bool  # False: not in the gazetteer, a new node flagged kg:unmatched


@dataclass(frozen=True)
class Citation:
    """A mention of legislation. `iri` is None when the Act is not in the Act table."""

    act: str
    section: str | None
    iri: str | None
    span: Span
    act_iri: str | None = None


@dataclass(frozen=True)
class Decision:
    text: str
    span: Span
    decision_type: str  # resolved | agreed | noted
    item: str | None = None  # agenda item number or slug it was made under
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    asker: str | None  # Person.key of the asker
    answerer: str | None
    text: str
    span: Span
    answer_text: str | None = None
    answer_span: Span | None = None
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statement:
    speaker: str  # Person.key
    text: str
    span: Span
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class Amount:
    text: str
    value: str  # a decimal as a string, never a float
    currency: str
    purpose: str | None
    span: Span
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    text: str
    value: str
    measures: str
    span: Span
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateMention:
    text: str
    iso: str
    span: Span


@dataclass(frozen=True)
class AgendaItem:
    number: str | None
    title: str | None
    span: Span  # the whole item, heading to the next heading

    @property
    def ref(self) -> str:
        """The last segment of the item IRI: its number, else a slug of its title."""
        from kg.iris import slug

        return self.number if self.number else slug(self.title or "item")


@dataclass(frozen=True)
class DocInfo:
    council: str | None
    committee: str | None
    meeting_date: str | None
    title: str | None
    source_url: str | None
    title_span: Span | None = None
    council_span: Span | None = None
    committee_span: Span | None = None
    date_span: Span | None = None


@dataclass
class Extraction:
    """Everything found in one document, in document order within each kind."""

    source: SourceText
    document: DocInfo
    council_iri: str | None
    committee_iri: str | None
    curated: frozenset[str] = frozenset()  # council/committee IRIs that exist in curated data
    # curated IRIs for people and posts of the document's council: "person:{name key}" and
    # "post:{post key}" → IRI (Gazetteer.person_iri / post_iri); anything else is minted
    resolved: dict[str, str] = field(default_factory=dict)
    items: list[AgendaItem] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    bodies: list[BodyMention] = field(default_factory=list)
    legislation: list[Citation] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)

    def person(self, key: str | None) -> Person | None:
        return next((p for p in self.people if p.key == key), None) if key else None
