"""The query pages: the named-query catalogue (`/queries`, `/queries/<name>`) and `/query`.

A named query runs with its defaults as soon as it is opened (as Datasette's canned queries
do) and its form changes the parameters; the URL is the shareable link, and `format=csv|json`
on the same URL downloads the result. `/query` is the free editor: a plain textarea that
Yasqe enhances when JavaScript runs; its text goes through the same guard as /sparql.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request, url_for

from kg import queries as catalogue_mod
from kg.namespaces import PREFIXES
from webui.context import get_store
from webui.listing import twin
from webui.results import labelled_rows, result_table
from webui.sparql_exec import run_user_query

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
    store = get_store()
    bound = catalogue_mod.bind_params(store, query, values)
    sparql = catalogue_mod.with_values(query.sparql, bound)
    table, terms = result_table(store.query(sparql))
    limit = current_app.config["HTML_ROW_LIMIT"]
    form_values = {p.name: request.args.get(p.name, p.default or "") for p in query.params}
    return twin(table.columns, table.plain, lambda: render_template(
        "queries/named.html", query=query, table=table, rows=labelled_rows(terms, limit), limit=limit,
        form_values=form_values, editor_href=url_for("queries.query_page", query=sparql)), f"{name}")


@bp.route("/query", methods=["GET", "POST"])
def query_page() -> object:
    """The free query editor and, when a query is given, its results."""
    text = request.values.get("query", "")
    table = None
    rows: list[list[object]] = []
    limit = current_app.config["HTML_ROW_LIMIT"]
    if text.strip():
        result = run_user_query(text, base_iri=url_for("sparql.endpoint", _external=True))
        table, terms = result_table(result)
        rows = labelled_rows(terms, limit)  # type: ignore[assignment]
    html = lambda: render_template(  # noqa: E731
        "queries/editor.html", text=text or _prologue() + "\n" + EXAMPLE, table=table, rows=rows,
        limit=limit, ran=bool(text.strip()))
    if table is None:
        if request.args.get("format", "html") != "html":
            abort(400, "give a query to download its results")
        return html()
    return twin(table.columns, table.plain, html, "query")
