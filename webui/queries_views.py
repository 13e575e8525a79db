"""The query pages: the named-query catalogue (`/queries`, `/queries/<name>`) and `/query`.

A named query runs with its defaults as soon as it is opened (as Datasette's canned queries
do) and its form changes the parameters; the URL is the shareable link, and `format=csv|json`
on the same URL downloads the result. `/query` is the free editor: a plain textarea that
Yasqe enhances when JavaScript runs; its text goes through the same guard as /sparql.

Both run in the query workers under the time limit (webui.sparql_exec). HTML shows the first
HTML_ROW_LIMIT rows and JSON the first RESULT_ROW_LIMIT (saying so, with the total); the CSV
download streams every row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, url_for

from kg import queries as catalogue_mod
from kg.namespaces import PREFIXES
from webui.context import get_store, value
from webui.listing import PlainRow, requested_format, twin
from webui.results import labelled_rows
from webui.sparql_exec import Answer, run_named_query, run_user_query

bp = Blueprint("queries", __name__)

EDITOR_PREFIXES = ("kg", "kgid", "eli", "org", "dct", "skos", "rdfs")
EXAMPLE = """SELECT ?act ?title ?assent WHERE {
  ?act a kg:Act ;
       dct:title ?title .
  OPTIONAL { ?act eli:date_document ?assent }
}
ORDER BY ?assent
"""


def _prologue() -> str:
    """The PREFIX lines the editor starts with (the rest are predeclared anyway)."""
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in EDITOR_PREFIXES)


def _catalogue() -> dict[str, catalogue_mod.NamedQuery]:
    directory = current_app.config.get("QUERIES_DIR")
    return catalogue_mod.catalogue(directory) if directory else catalogue_mod.catalogue()


@bp.route("/queries")
def catalogue_page() -> object:
    """Every named query with its title, description and parameters."""
    queries = list(_catalogue().values())
    rows = [{"name": q.name, "title": q.title, "description": q.description,
             "parameters": "; ".join(f"{p.name} ({p.type})" for p in q.params)} for q in queries]
    return twin(["name", "title", "description", "parameters"], rows,
                lambda: render_template("queries/catalogue.html", queries=queries), "queries")


@bp.route("/queries/<name>")
def named_query(name: str) -> object:
    """Run one named query with the parameters in the URL (defaults otherwise)."""
    query = _catalogue().get(name)
    if query is None:
        abort(404, f"no named query called {name!r}")
    declared = {p.name for p in query.params}
    values = {k: v for k, v in request.args.items() if k in declared and v.strip()}
    bound = catalogue_mod.bind_params(get_store(), query, values)
    sparql = catalogue_mod.with_values(query.sparql, bound)
    form_values = {p.name: request.args.get(p.name, p.default or "") for p in query.params}
    return _results(lambda mode, limit: run_named_query(sparql, mode, row_limit=limit), name, lambda table, rows, limit: render_template(
        "queries/named.html", query=query, table=table, rows=rows, limit=limit,
        form_values=form_values, editor_href=url_for("queries.query_page", query=sparql)))


@bp.route("/query", methods=["GET", "POST"])
def query_page() -> object:
    """The free query editor and, when a query is given, its results."""
    text = request.values.get("query", "")
    limit = current_app.config["HTML_ROW_LIMIT"]

    def page(table: PageTable | None, rows: list[list[object]], limit: int) -> str:
        return render_template("queries/editor.html", text=text or _prologue() + "\n" + EXAMPLE, table=table,
                               rows=rows, limit=limit, ran=table is not None)

    if not text.strip():
        if request.args.get("format", "html") != "html":
            abort(400, "give a query to download its results")
        return page(None, [], limit)
    base = url_for("sparql.endpoint", _external=True)
    return _results(lambda mode, n: run_user_query(text, mode, base_iri=base, row_limit=n), "query", page)


@dataclass
class PageTable:
    """What the results templates need: `count` is every row, `plain` only those kept."""

    kind: str
    columns: list[str]
    plain: list[PlainRow]
    count: int
    boolean: bool | None


def _results(run: Callable[[str, int], Answer], filename: str,
             html: Callable[[PageTable, list[list[object]], int], str]) -> Response:
    """HTML (first HTML_ROW_LIMIT rows), JSON (first RESULT_ROW_LIMIT rows, with the total and
    `truncated`) or CSV (every row, streamed from the query worker's file)."""
    fmt = requested_format()
    if fmt == "csv":
        response = run("csv", 0).response("text/csv")
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    config = current_app.config
    limit = config["HTML_ROW_LIMIT"] if fmt == "html" else config["RESULT_ROW_LIMIT"]
    answer = run("table", limit)
    header = answer.header
    terms = answer.terms
    columns = list(header["columns"])
    if header["kind"] == "boolean":
        plain: list[PlainRow] = [{"boolean": "true" if header["boolean"] else "false"}]
    else:
        plain = [{c: value(t) for c, t in zip(columns, row)} for row in terms]  # type: ignore[arg-type]
    table = PageTable(header["kind"].replace("solutions", "select").replace("triples", "graph").replace("boolean", "ask"),
                      columns, plain, int(header["total"]), header["boolean"])
    if fmt == "json":
        return jsonify({"columns": columns, "rows": plain, "total": table.count,
                        "truncated": table.count > len(plain), "row_limit": limit})
    return Response(html(table, labelled_rows(terms, limit), limit), mimetype="text/html")
