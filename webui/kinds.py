"""The kinds of thing a person looks for, each a set of classes (asserted rdf:type, no inference).

Shared by the home page counts, the search type filter and the entity page's kind badge, so
"bodies" means the same classes everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.namespaces import PREFIXES

KG = PREFIXES["kg"]
ORG = PREFIXES["org"]


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    classes: tuple[str, ...]


KINDS: tuple[Kind, ...] = (
    Kind("act", "Acts", (KG + "Act",)),
    Kind("section", "Sections", (KG + "Section", KG + "Schedule")),
    Kind("duty", "Duties and powers", (KG + "Duty",)),
    Kind("body", "Bodies", tuple(KG + c for c in (
        "LocalAuthority", "StatutoryBody", "Regulator", "GovernmentDepartment", "Board", "Partnership",
        "Committee", "Department", "StatutoryInstitution")) + (ORG + "Organization",)),
    Kind("council", "Councils", (KG + "LocalAuthority",)),
    Kind("person", "People", (PREFIXES["foaf"] + "Person",)),
    Kind("post", "Posts", (ORG + "Post",)),
    Kind("document", "Documents", (KG + "SourceDocument",)),
    Kind("meeting", "Meetings", (KG + "Meeting",)),
    Kind("decision", "Decisions", (KG + "Decision",)),
    Kind("concept", "Concepts", (PREFIXES["skos"] + "Concept",)),
)
BY_KEY = {k.key: k for k in KINDS}


def kind_of(types: set[str]) -> Kind | None:
    """The first kind (in KINDS order) whose classes the node has, councils before bodies."""
    if KG + "LocalAuthority" in types:
        return BY_KEY["council"]
    return next((k for k in KINDS if types.intersection(k.classes)), None)
