"""`/sparql` (**contract**): the SPARQL 1.1 Protocol, read-only.

Query by GET `?query=`, POST form `query=` or POST `application/sparql-query`; results as
JSON, XML, CSV or TSV (SELECT, ASK) and Turtle, JSON-LD or N-Triples (CONSTRUCT, DESCRIBE),
chosen by `?format=` or the Accept header, serialised by pyoxigraph in the query worker
(webui.sparql_exec) and streamed, never cut: machine formats have no row limit, only the time
limit (503 past it). Updates in any form get 403; SERVICE, oversize and over-nested queries
get 400 before the engine sees them (webui.sparql_guard). GET without a query returns the
service description (Turtle), or the query page for a browser.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, abort, redirect, request, url_for
from werkzeug.exceptions import Forbidden

from webui.query_jobs import GRAPH_FORMATS, RESULT_FORMATS
from webui.sparql_exec import run_user_query
from webui.sparql_guard import UPDATE_REFUSED

bp = Blueprint("sparql", __name__)

ALIASES = {"turtle": "ttl", "json-ld": "jsonld", "ntriples": "nt", "n-triples": "nt", "rdf": "rdfxml"}
# Accept values clients send that mean one of ours (SPARQLWrapper asks for application/json).
ACCEPT_ALIASES = {"application/json": "json", "text/xml": "xml", "application/xml": "xml",
                  "application/x-turtle": "ttl", "text/plain": "nt"}


def _refuse_update() -> None:
    raise Forbidden(UPDATE_REFUSED)


def _query_from_request() -> tuple[list[str], list[str], list[str]]:
    """(queries, default-graph-uri values, named-graph-uri values), refusing what the protocol forbids."""
    args = request.args
    if "update" in args or "using-graph-uri" in args or "using-named-graph-uri" in args:
        _refuse_update()
    default_graphs = args.getlist("default-graph-uri")
    named_graphs = args.getlist("named-graph-uri")
    if request.method == "GET":
        return args.getlist("query"), default_graphs, named_graphs
    media = request.mimetype
    if media == "application/x-www-form-urlencoded":
        form = request.form
        if "update" in form:
            _refuse_update()
        if "query" in args:
            abort(400, "give the query in the request body or the URL, not both")
        return (form.getlist("query"), default_graphs + form.getlist("default-graph-uri"),
                named_graphs + form.getlist("named-graph-uri"))
    if media == "application/sparql-query":
        charset = request.mimetype_params.get("charset", "utf-8").lower()
        if charset not in ("utf-8", "utf8"):
            abort(415, f"the query must be sent as UTF-8, not {charset}")
        if "query" in args:
            abort(400, "give the query in the request body or the URL, not both")
        try:
            text = request.get_data(cache=False).decode("utf-8")
        except UnicodeDecodeError:
            abort(400, "the query body is not valid UTF-8")
        return [text], default_graphs, named_graphs
    if media == "application/sparql-update":
        _refuse_update()
    if media == "multipart/form-data" and ("update" in request.form or "using-graph-uri" in request.form):
        _refuse_update()  # not a protocol form, but an update in any wrapping is still refused
    if not media:
        abort(400, "a POST needs a Content-Type: application/x-www-form-urlencoded or application/sparql-query")
    abort(415, f"unsupported Content-Type {media}; use application/x-www-form-urlencoded or application/sparql-query")


def _negotiate(offered: dict[str, tuple[str, object]], default: str) -> str:
    """The format key from ?format= or Accept, or "!message" when ?format= names one not offered.

    Decided before the query runs (the worker serialises), once per result kind, because the
    kind (SELECT, ASK, CONSTRUCT) is only known after execution.
    """
    fmt = request.values.get("format")
    if fmt:
        fmt = ALIASES.get(fmt, fmt)
        if fmt not in offered:
            return f"!format {fmt!r} is not available for this query; use one of: {', '.join(offered)}"
        return fmt
    if not request.accept_mimetypes:
        return default
    by_media = {media: key for key, (media, _f) in offered.items()}
    by_media.update({m: k for m, k in ACCEPT_ALIASES.items() if k in offered})
    best = request.accept_mimetypes.best_match([offered[default][0], *by_media])
    return by_media.get(best or "", default)


def negotiated_formats() -> dict[str, str]:
    """The format for each kind of result: SELECT, ASK and CONSTRUCT/DESCRIBE."""
    boolean = {k: RESULT_FORMATS[k] for k in ("json", "xml")}
    return {"solutions": _negotiate(RESULT_FORMATS, "json"),  # type: ignore[arg-type]
            "boolean": _negotiate(boolean, "json"),  # type: ignore[arg-type]
            "triples": _negotiate(GRAPH_FORMATS, "ttl")}  # type: ignore[arg-type]


def service_description() -> Response:
    """The SPARQL 1.1 Service Description of this endpoint, in Turtle."""
    sd = "http://www.w3.org/ns/sparql-service-description#"
    formats = "http://www.w3.org/ns/formats/"
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    try:
        service: ox.NamedNode | ox.BlankNode = ox.NamedNode(request.base_url)
    except ValueError:
        service = ox.BlankNode()
    dataset, graph = ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(service, rdf_type, ox.NamedNode(sd + "Service")),
        ox.Triple(service, ox.NamedNode(sd + "endpoint"), service),
        ox.Triple(service, ox.NamedNode(sd + "supportedLanguage"), ox.NamedNode(sd + "SPARQL11Query")),
        ox.Triple(service, ox.NamedNode(sd + "feature"), ox.NamedNode(sd + "UnionDefaultGraph")),
        ox.Triple(service, ox.NamedNode(sd + "defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, ox.NamedNode(sd + "Dataset")),
        ox.Triple(dataset, ox.NamedNode(sd + "defaultGraph"), graph),
        ox.Triple(graph, rdf_type, ox.NamedNode(sd + "Graph")),
    ]
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "JSON-LD", "N-Triples", "RDF_XML"):
        triples.append(ox.Triple(service, ox.NamedNode(sd + "resultFormat"), ox.NamedNode(formats + name)))
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes={"sd": sd})
    response = Response(body, mimetype="text/turtle")
    response.headers["Vary"] = "Accept"
    return response


def _browser_wants_page() -> bool:
    accept = request.accept_mimetypes
    return request.method == "GET" and "text/html" in accept.values() and \
        accept.best_match(["text/html", "application/sparql-results+json", "text/turtle"]) == "text/html"


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    """The protocol endpoint."""
    queries, default_graphs, named_graphs = _query_from_request()
    if len(queries) > 1:
        abort(400, "give exactly one query parameter")
    if _browser_wants_page():
        return redirect(url_for("queries.query_page", query=queries[0]) if queries
                        else url_for("queries.query_page"), code=303)  # type: ignore[return-value]
    if not queries:
        if request.method == "GET":
            return service_description()
        abort(400, "no query given")
    answer = run_user_query(queries[0], "protocol", base_iri=request.base_url, default_graphs=default_graphs,
                            named_graphs=named_graphs, formats=negotiated_formats())
    response = answer.response()
    response.headers["Vary"] = "Accept"
    return response
