"""The gazetteer: names of known bodies, the Act table and the duty IRIs that exist.

Built once per run from curated data (data/bodies, data/councils, data/duties,
data/legislation), plus a small built-in alias table for the acronyms and short names minutes
use ("LSCB", "MASH", "the Virtual School"). Empty folders give an empty but working gazetteer.
Every IRI in the built-in table is one that data/bodies/*.ttl describes (tests/test_ingest_curated.py
checks it), so a document linked with or without curated data points at the same node.

Curated labels are used only when they can identify a body on their own: a label with no
capital letter ("national panel") or a bare "the X" ("the Panel") is skipped, because it would
match every committee that calls itself "the Panel".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.namespace import FOAF, ORG, RDF, RDFS, SKOS

from kg.errors import KgError
from kg.ingest.acts import ActTable, load_act_table
from kg.ingest.textutil import norm_key
from kg.iris import node
from kg.namespaces import KG

_B = "body"
BUILT_IN_ALIASES: dict[str, str] = {
    "LSCB": node(_B, "local-safeguarding-children-boards"),
    "Local Safeguarding Children Board": node(_B, "local-safeguarding-children-boards"),
    "Local Safeguarding Children's Board": node(_B, "local-safeguarding-children-boards"),
    "Social Work England": node(_B, "social-work-england"),
    "SWE": node(_B, "social-work-england"),
    "HCPC": node(_B, "health-and-care-professions-council"),
    "Health and Care Professions Council": node(_B, "health-and-care-professions-council"),
    "MASH": node(_B, "multi-agency-safeguarding-hubs"),
    "Multi Agency Safeguarding Hub": node(_B, "multi-agency-safeguarding-hubs"),
    "Multi-Agency Safeguarding Hub": node(_B, "multi-agency-safeguarding-hubs"),
    "CCG": node(_B, "clinical-commissioning-groups"),
    "Clinical Commissioning Group": node(_B, "clinical-commissioning-groups"),
    "ICB": node(_B, "integrated-care-boards"),
    "Integrated Care Board": node(_B, "integrated-care-boards"),
    "Virtual School": node(_B, "virtual-school"),
    "Adoption Counts": node(_B, "adoption-counts"),
    "LSAB": node(_B, "safeguarding-adults-boards"),
    "Safeguarding Adults Board": node(_B, "safeguarding-adults-boards"),
    "Local Safeguarding Adults Board": node(_B, "safeguarding-adults-boards"),
    "Ofsted": node(_B, "ofsted"),
    "OFSTED": node(_B, "ofsted"),
    "DfE": node(_B, "department-for-education"),
    "Department for Education": node(_B, "department-for-education"),
    "Child Safeguarding Practice Review Panel": node(_B, "child-safeguarding-practice-review-panel"),
    "Child Safeguarding Review Panel": node(_B, "child-safeguarding-practice-review-panel"),
    "safeguarding partner arrangements": node(_B, "safeguarding-partner-arrangements"),
    "safeguarding partners": node(_B, "safeguarding-partner-arrangements"),
    "safeguarding partnership": node(_B, "safeguarding-partner-arrangements"),
    "Safeguarding Children Partnership": node(_B, "safeguarding-partner-arrangements"),
    "Regional Adoption Agency": node(_B, "regional-adoption-agencies"),
    "RAA": node(_B, "regional-adoption-agencies"),
}

_ORG_CLASSES = {
    ORG.Organization, ORG.FormalOrganization, ORG.OrganizationalUnit, ORG.OrganizationalCollaboration,
    KG.LocalAuthority, KG.StatutoryBody, KG.Regulator, KG.GovernmentDepartment, KG.Board,
    KG.Partnership, KG.Committee, KG.Department, KG.StatutoryInstitution,
}


@dataclass
class Gazetteer:
    """Body names → IRIs (with one pattern to find them), councils by name, duties, Acts."""

    names: dict[str, list[str]] = field(default_factory=dict)  # surface name → IRIs, built-in first
    councils: dict[str, str] = field(default_factory=dict)  # norm_key(label) → IRI
    duties: frozenset[str] = frozenset()
    acts: ActTable = field(default_factory=lambda: load_act_table(None))
    pattern: re.Pattern[str] | None = None
    warnings: list[str] = field(default_factory=list)
    known: set[str] = field(default_factory=set)  # every IRI curated data describes (bodies, posts, people)
    instance_of: dict[str, str] = field(default_factory=dict)  # local body IRI → national institution (kg:instanceOf)
    posts: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (council slug, post key) → post IRIs
    people: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (council slug, name key) → person IRIs
    chairs: dict[str, str] = field(default_factory=dict)  # post IRI → the committee or board it chairs (kg:chairs)
    _keys: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, iri: str) -> None:
        found = self.names.setdefault(name, [])
        if iri not in found:
            found.append(iri)

    def compile(self) -> Gazetteer:
        self._keys = {}
        for name, iris in self.names.items():
            found = self._keys.setdefault(_match_key(name), [])
            found.extend(i for i in iris if i not in found)
        parts = [_name_regex(n) for n in sorted(self.names, key=len, reverse=True)]
        self.pattern = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])") if parts else None
        return self

    def find(self, text: str, council_slug: str | None = None) -> list[tuple[int, int, str, str]]:
        """(start, end, surface, iri) for every known body name, longest match first."""
        if self.pattern is None:
            return []
        found = []
        for m in self.pattern.finditer(text):
            iri = self.resolve(m.group(0), council_slug)
            if iri:
                found.append((m.start(), m.end(), m.group(0), iri))
        return found

    def resolve(self, name: str, council_slug: str | None = None) -> str | None:
        """A council's own body first, then a national one; another council's body never."""
        iris = self._keys.get(_match_key(name), [])
        local = [i for i in iris if council_slug and i.startswith(node("body", council_slug) + "/")]
        national = [i for i in iris if not _is_local(i)]
        return (local or national or [None])[0]

    def council_iri(self, name: str) -> str | None:
        return self.councils.get(norm_key(name))

    def has_duty(self, iri: str) -> bool:
        return iri in self.duties

    def post_iri(self, label: str, council_slug: str | None, committee_iri: str | None = None) -> str | None:
        """The council's curated post whose prefLabel or altLabel is this label, when exactly one is.

        "the Corporate Director" in a B&NES document is B&NES's curated Corporate Director (People
        and Communities); two curated posts both called "Director" would be a guess, so none is taken.
        A post that chairs one committee ("the Chair" of a scrutiny panel) is only that committee's
        chair: it answers in that committee's documents, not in Cabinet's.
        """
        if not council_slug:
            return None
        found = [i for i in self.posts.get((council_slug, post_key(label)), [])
                 if i not in self.chairs or self.chairs[i] == committee_iri]
        return _only(found)

    def person_iri(self, name: str, council_slug: str | None) -> str | None:
        """The council's curated person with this foaf:name, when exactly one has it."""
        return _only(self.people.get((council_slug, norm_key(name)), [])) if council_slug else None


def _only(iris: list[str]) -> str | None:
    return iris[0] if len(iris) == 1 else None


def post_key(label: str) -> str:
    """Post labels compare loosely and without a leading "the" ("the Chair" is "Chair")."""
    return re.sub(r"^the\s+", "", norm_key(label))


def _council_of(iri: str, kind: str) -> str | None:
    """kgid:post/{council}/... and kgid:person/{council}/...: the council slug the IRI sits under."""
    prefix = node(kind, "")
    rest = iri[len(prefix):] if iri.startswith(prefix) else ""
    return rest.split("/", 1)[0] if "/" in rest else None


def _is_local(iri: str) -> bool:
    """A body minted under a council (kgid:body/{council}/{unit}) belongs to that council."""
    rest = iri[len(node("body", "")):] if iri.startswith(node("body", "")) else ""
    return "/" in rest


def _is_acronym(name: str) -> bool:
    return len(name) <= 6 and " " not in name and sum(c.isupper() for c in name) >= 2


def _match_key(surface: str) -> str:
    """Acronyms keep their case ("MASH" is not "mash"); names compare loosely, plural folded."""
    surface = re.sub(r"^(?:the|The|THE)\s+", "", surface.strip())
    surface = re.sub(r"(?:['’]s|s['’]?)$", "", surface)
    if _is_acronym(surface):
        return surface
    return norm_key(re.sub(r"['’]", "", surface))


def _name_regex(name: str) -> str:
    """Acronyms exact; names case-insensitive, any apostrophe or none, flexible spaces/hyphens."""
    if _is_acronym(name):
        return re.escape(name) + r"(?:s|['’]s)?"
    words = re.split(r"[\s-]+", name)
    pieces = [re.sub(r"['’]", "['’]?", re.escape(w).replace("\\'", "'")) for w in words]
    body = r"[\s-]+".join(pieces)
    return "(?i:" + body + r"(?:s|['’]s)?)"


def usable_label(label: str) -> bool:
    """Skip labels that could not identify one body: no capital letter, or 'the' plus one word."""
    words = label.split()
    if not any(c.isupper() for c in label):
        return False
    return not (len(words) == 2 and words[0].lower() == "the")


def build_gazetteer(data_dir: Path | None, ontology_path: Path | None = None, strict: bool = False) -> Gazetteer:
    """Read curated Turtle once; a missing folder contributes nothing.

    A curated file that does not parse is skipped with a warning (strict=False) so one broken
    file being edited does not stop ingestion; `kg validate` is where curated data must be valid.
    """
    gazetteer = Gazetteer(names={n: [i] for n, i in BUILT_IN_ALIASES.items()})
    org_classes = set(_ORG_CLASSES) | _org_subclasses(ontology_path, gazetteer, strict)
    duties: set[str] = set()
    if data_dir is not None:
        for folder in ("bodies", "councils"):
            for path in sorted((data_dir / folder).glob("*.ttl")):
                _add_bodies(gazetteer, _parse(path, gazetteer, strict), org_classes)
        for path in sorted((data_dir / "duties").glob("*.ttl")):
            graph = _parse(path, gazetteer, strict)
            duties.update(str(s) for s in graph.subjects(RDF.type, KG.Duty) if isinstance(s, rdflib.URIRef))
        gazetteer.acts = load_act_table(data_dir / "legislation", skip_bad=not strict)
    gazetteer.duties = frozenset(duties)
    gazetteer.warnings.extend(gazetteer.acts.warnings)
    return gazetteer.compile()


def _parse(path: Path, gazetteer: Gazetteer, strict: bool) -> rdflib.Graph:
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many exception types for bad Turtle
        error = KgError(f"cannot read curated data for the gazetteer: {str(exc).splitlines()[0]}", str(path))
        if strict:
            raise error from exc
        gazetteer.warnings.append(str(error))
        return rdflib.Graph()
    return graph


def _org_subclasses(ontology_path: Path | None, gazetteer: Gazetteer, strict: bool) -> set[rdflib.term.Node]:
    """Every class the ontology declares under org:Organization, transitively."""
    if ontology_path is None or not ontology_path.is_file():
        return set()
    graph = _parse(ontology_path, gazetteer, strict)
    return set(graph.transitive_subjects(RDFS.subClassOf, ORG.Organization))


def _add_bodies(gazetteer: Gazetteer, graph: rdflib.Graph, org_classes: set[rdflib.term.Node]) -> None:
    gazetteer.known.update(str(s) for s in graph.subjects(RDF.type, None) if isinstance(s, rdflib.URIRef))
    for local, national in graph.subject_objects(KG.instanceOf):
        gazetteer.instance_of[str(local)] = str(national)
    for post, body in graph.subject_objects(KG.chairs):
        gazetteer.chairs[str(post)] = str(body)
    for subject in sorted({s for s, _, o in graph.triples((None, RDF.type, None)) if o in org_classes}, key=str):
        if not isinstance(subject, rdflib.URIRef):
            continue
        is_council = (subject, RDF.type, KG.LocalAuthority) in graph
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(subject, prop):
                text = str(label).strip()
                if is_council:
                    gazetteer.councils[norm_key(text)] = str(subject)
                if text and usable_label(text):
                    gazetteer.add(text, str(subject))
    _add_posts_and_people(gazetteer, graph)


def _add_posts_and_people(gazetteer: Gazetteer, graph: rdflib.Graph) -> None:
    """Index curated posts (prefLabel, altLabel) and people (foaf:name) by the council they sit under.

    A prefLabel usually ends with the council ("Head of the Virtual School, Bath and North East
    Somerset Council"), so the part before that last comma is indexed as well; any other comma
    ("Deputy Executive Member, Children and Families") is part of the post's name.
    """
    for kind, cls, props in (("post", ORG.Post, (SKOS.prefLabel, SKOS.altLabel)), ("person", FOAF.Person, (FOAF.name,))):
        index = gazetteer.posts if kind == "post" else gazetteer.people
        for subject in sorted(graph.subjects(RDF.type, cls), key=str):
            council = _council_of(str(subject), kind)
            if council is None or not isinstance(subject, rdflib.URIRef):
                continue
            keys = set()
            for prop in props:
                for label in graph.objects(subject, prop):
                    text = str(label).strip()
                    keys.add(post_key(text) if kind == "post" else norm_key(text))
                    head, _, tail = text.rpartition(", ")
                    if kind == "post" and head and gazetteer.councils.get(norm_key(tail)) == node("body", council):
                        keys.add(post_key(head))
            for key in keys - {""}:
                found = index.setdefault((council, key), [])
                if str(subject) not in found:
                    found.append(str(subject))
