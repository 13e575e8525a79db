"""Query results as a table a person can read: labels and links instead of raw IRIs.

Used by the named-query pages and the free query page; their JSON/CSV twins carry the plain
values (listing.twin). HTML tables stop at HTML_ROW_LIMIT rows with a visible notice; the
downloads are never cut.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from webui.context import value
from webui.listing import PlainRow
from webui.terms import NodeView, term_views

TRIPLE_COLUMNS = ["subject", "predicate", "object"]


@dataclass
class ResultTable:
    kind: str  # "select", "ask" or "graph"
    columns: list[str] = field(default_factory=list)
    plain: list[PlainRow] = field(default_factory=list)
    boolean: bool | None = None

    @property
    def count(self) -> int:
        return len(self.plain)


def result_table(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> tuple[ResultTable, list[list[object]]]:
    """The result as plain rows plus the raw terms, read once (pyoxigraph results are iterators)."""
    if isinstance(result, ox.QueryBoolean):
        table = ResultTable("ask", ["boolean"], [{"boolean": "true" if bool(result) else "false"}], bool(result))
        return table, []
    if isinstance(result, ox.QueryTriples):
        terms = [[t.subject, t.predicate, t.object] for t in result]
        columns = TRIPLE_COLUMNS
        kind = "graph"
    else:
        columns = [v.value for v in result.variables]
        terms = [[s[c] for c in columns] for s in result]
        kind = "select"
    plain = [{c: value(t) for c, t in zip(columns, row)} for row in terms]  # type: ignore[arg-type]
    return ResultTable(kind, columns, plain), terms


def labelled_rows(terms: list[list[object]], limit: int) -> list[list[NodeView | None]]:
    """The first `limit` rows of terms as views, labelled with one query."""
    shown = terms[:limit]
    flat = term_views(t for row in shown for t in row)  # type: ignore[misc]
    width = len(shown[0]) if shown else 0
    return [flat[i * width:(i + 1) * width] for i in range(len(shown))]
