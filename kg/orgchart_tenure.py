"""Tenure: who held which post (or committee seat) when, from org:Membership and its dates.

Why its own module: the as-of view needs to say who was in a post on a day, and the data is
uneven. Some tenures have an interval (`org:memberDuring`, days or only a month), many only a
day they were seen in office (`kg:observedOn`), some nothing. A tenure is shown on a day its
interval covers; one without an interval cannot be ruled out, so it is shown with what is
known ("seen 2017-07-04", "dates unknown") instead of being dropped or presented as fact.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import networkx as nx
import pyoxigraph as ox

from kg.errors import KgError
from kg.store import KgStore

_MEMBERSHIPS = """
SELECT ?m ?person ?post ?orgn ?role ?begin ?beginYm ?end ?endYm ?seen WHERE {
  ?m a org:Membership ; org:member ?person .
  OPTIONAL { ?m kg:observedOn ?seen }
  OPTIONAL { ?m kg:post ?post }
  OPTIONAL { ?m org:organization ?orgn }
  OPTIONAL { ?m org:role ?role }
  OPTIONAL { ?m org:memberDuring ?i .
    OPTIONAL { ?i time:hasBeginning ?b . OPTIONAL { ?b time:inXSDDate ?begin } OPTIONAL { ?b time:inXSDgYearMonth ?beginYm } }
    OPTIONAL { ?i time:hasEnd ?e . OPTIONAL { ?e time:inXSDDate ?end } OPTIONAL { ?e time:inXSDgYearMonth ?endYm } } }
}
"""


@dataclass(frozen=True)
class Tenure:
    """One person in one post (or committee seat), with the dates the data gives (or none)."""

    membership: str
    person: str
    post: str | None
    organization: str | None
    role: str | None
    begin: date | None
    end: date | None
    observed: date | None = None

    @property
    def dated(self) -> bool:
        """Whether the data gives the tenure an interval (a beginning or an end)."""
        return self.begin is not None or self.end is not None


def _select(store: KgStore, sparql: str) -> ox.QuerySolutions:
    result = store.query(sparql)
    if not isinstance(result, ox.QuerySolutions):
        raise KgError("expected a SELECT query", where="kg.orgchart_tenure")
    return result


def _value(row: ox.QuerySolution, name: str) -> str | None:
    term = row[name]
    return None if term is None else term.value


def _parse_day(day: ox.Literal | None, month: ox.Literal | None, *, end: bool) -> date | None:
    """An xsd:date, or a gYearMonth widened to its first (begin) or last (end) day."""
    if day is not None:
        try:
            return date.fromisoformat(day.value[:10])
        except ValueError:
            return None
    if month is not None:
        try:
            year, mon = (int(x) for x in month.value[:7].split("-"))
        except ValueError:
            return None
        if not end:
            return date(year, mon, 1)
        nxt = date(year + (mon == 12), mon % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return None


def read_tenures(store: KgStore) -> list[Tenure]:
    """Every org:Membership with a person, its post or organisation, role and dates."""
    out: dict[str, Tenure] = {}
    for row in _select(store, _MEMBERSHIPS):
        membership = row["m"]
        if not isinstance(membership, ox.NamedNode) or not isinstance(row["person"], ox.NamedNode):
            continue
        tenure = Tenure(
            membership=membership.value, person=row["person"].value, post=_value(row, "post"),
            organization=_value(row, "orgn"), role=_value(row, "role"),
            begin=_parse_day(row["begin"], row["beginYm"], end=False),
            end=_parse_day(row["end"], row["endYm"], end=True),
            observed=_parse_day(row["seen"], None, end=False),
        )
        out.setdefault(tenure.membership, tenure)
    return sorted(out.values(), key=lambda t: t.membership)


def set_holders(graph: nx.MultiDiGraph, tenures: list[Tenure], as_of: date | None) -> None:
    """Names of the people in each post; with `as_of`, those whose tenure may cover that day.

    A dated tenure counts when its interval includes the day. An undated one cannot be ruled
    out, so it is kept with what is known: "Name (seen 2017-07-04)" or "Name (dates unknown)".
    """
    names: dict[str, list[str]] = defaultdict(list)
    people = graph.graph.get("person_names", {})
    for tenure in tenures:
        if tenure.post is None or tenure.post not in graph:
            continue
        if as_of is not None and not held_on(tenure, as_of):
            continue
        name = str(people.get(tenure.person, tenure.person))
        if as_of is not None and not tenure.dated:
            name += f" (seen {tenure.observed.isoformat()})" if tenure.observed else " (dates unknown)"
        if name not in names[tenure.post]:
            names[tenure.post].append(name)
    for node, attrs in graph.nodes(data=True):
        if attrs.get("type") == "post":
            attrs["holders"] = sorted(names.get(node, []))


def held_on(tenure: Tenure, day: date) -> bool:
    """True when the tenure's interval (begin inclusive, end inclusive) contains the day."""
    if tenure.begin is not None and day < tenure.begin:
        return False
    if tenure.end is not None and day > tenure.end:
        return False
    return True
