"""`/orgchart?council=IRI` (and `?body=`, `?unit=`, `?as_of=`, `?depth=`): the org chart page.

Why a page as well as the CLI: the people who asked for the chart (a scrutiny panel) use a
browser. The page shows the chart as inline SVG drawn by Graphviz (node links go to
`/entity?iri=...`), zoomable by a small same-origin script (the CSP forbids inline scripts
and CDNs; without JavaScript the chart simply scrolls), download links for every format
(`/orgchart.<fmt>?...`), a plain GET form with an as-of date picker, and the analyses: spans
of control, a reporting chain (`?post=`), central bodies and a shortest path (`?from=&to=`).

Safety: request values are only ever resolved to IRIs (`kg.orgchart.resolve`, which binds
them as RDF terms), never pasted into SPARQL; labels are escaped for DOT by
`kg.orgchart_dot` and for XML by Graphviz's SVG writer, and everything else by Jinja.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import networkx as nx
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    render_template,
    request,
    url_for,
)
from markupsafe import Markup

from kg.errors import KgError
from kg.orgchart import ChartRequest, build_chart, org_graph, parse_date, resolve
from kg.orgchart_analysis import (
    central_bodies,
    containers,
    reporting_chain,
    shortest_path,
    span_of_control,
)
from kg.orgchart_model import select
from kg.orgchart_render import EXTENSIONS, FORMATS, MEDIA_TYPES, render
from kg.store import KgStore

bp = Blueprint("orgcharts", __name__)

MAX_DEPTH = 4
_PARAMS = ("council", "unit", "body", "as_of", "depth")
_SVG_START = re.compile(r"<svg\b")

_COUNCILS = """
SELECT ?c (SAMPLE(?l) AS ?label) WHERE { ?c a kg:LocalAuthority ; skos:prefLabel ?l } GROUP BY ?c ORDER BY ?label
"""


def _store() -> KgStore:
    store = current_app.extensions["kg"]
    assert isinstance(store, KgStore)
    return store


def _link(iri: str) -> str:
    return f"{request.script_root}/entity?iri={quote(iri, safe='')}"


def _request_from_args() -> ChartRequest | None:
    args = {k: (request.args.get(k) or "").strip() for k in _PARAMS}
    if not (args["council"] or args["unit"] or args["body"]):
        return None
    try:
        depth = int(args["depth"] or 1)
    except ValueError:
        abort(400, "depth must be a whole number")
    if not 0 <= depth <= MAX_DEPTH:
        abort(400, f"depth must be between 0 and {MAX_DEPTH}")
    return ChartRequest(council=args["council"] or None, unit=args["unit"] or None, body=args["body"] or None,
                        as_of=parse_date(args["as_of"] or None, where="as_of"), depth=depth)


def _chart_params() -> dict[str, str]:
    return {k: request.args[k] for k in _PARAMS if request.args.get(k)}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "orgchart"


def inline_svg(svg: bytes) -> Markup:
    """Graphviz's SVG without its XML prolog and DOCTYPE, for embedding in the page.

    Graphviz escapes every label and attribute for XML; the DOT it reads was escaped by us.
    """
    text = svg.decode("utf-8")
    match = _SVG_START.search(text)
    if match is None:
        raise KgError("Graphviz returned no SVG")
    return Markup(text[match.start():])  # noqa: S704 - Graphviz output from escaped DOT


@bp.route("/orgchart.<fmt>")
def download(fmt: str) -> Response:
    """The chart of the same parameters in one format, as a download."""
    if fmt not in FORMATS:
        abort(404, f"unknown chart format {fmt!r}; use one of {', '.join(FORMATS)}")
    chart_request = _request_from_args()
    if chart_request is None:
        abort(400, "say what to chart: ?council=, ?unit= or ?body=")
    chart = build_chart(_store(), chart_request)
    data = render(chart, fmt, link=_link if fmt in ("dot", "svg") else None)
    name = f"{_slug(str(chart.graph['title']))}.{EXTENSIONS[fmt]}"
    response = Response(data, content_type=MEDIA_TYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.route("/orgchart")
def page() -> str:
    """The form, the chart, the downloads and the analyses."""
    store = _store()
    councils = [(r["c"].value, r["label"].value) for r in select(store, _COUNCILS)]
    chart_request = _request_from_args()
    context: dict[str, object] = {"councils": councils, "args": request.args, "max_depth": MAX_DEPTH}
    if chart_request is None:
        return render_template("orgcharts/page.html", **context)
    chart = build_chart(store, chart_request)
    params = _chart_params()
    context.update({
        "chart": chart,
        "title": chart.graph["title"],
        "root": chart.graph["root"],
        "downloads": [(fmt, url_for("orgcharts.download", fmt=fmt) + "?" + urlencode(params)) for fmt in FORMATS],
        "entity_link": _link,
        "post_link": lambda iri: url_for("orgcharts.page") + "?" + urlencode({**params, "post": iri}),
        "posts": sorted(((n, str(a["label"])) for n, a in chart.nodes(data=True) if a.get("type") == "post"),
                        key=lambda item: item[1]),
        "spans": _spans(chart),
        "central": [(n, chart.nodes[n]["label"], s) for n, s in central_bodies(chart, 5)],
    })
    try:
        context["svg"] = inline_svg(render(chart, "svg", link=_link))
    except KgError as exc:  # Graphviz missing: the page still offers every other format
        context["svg_error"] = str(exc)
    context.update(_analyses(store, chart, chart_request))
    return render_template("orgcharts/page.html", **context)


def _spans(chart: nx.MultiDiGraph) -> list[tuple[str, str, int, int]]:
    """(post, label, direct, total) for each post with anyone reporting to it."""
    rows = []
    for node, attrs in sorted(chart.nodes(data=True), key=lambda n: str(n[1].get("label"))):
        if attrs.get("type") == "post":
            span = span_of_control(chart, node)
            if span.direct:
                rows.append((node, str(attrs["label"]), len(span.direct), len(span.total)))
    return rows


def _analyses(store: KgStore, chart: nx.MultiDiGraph, chart_request: ChartRequest) -> dict[str, object]:
    """The reporting chain of ?post= and the path between ?from= and ?to=, when asked."""
    out: dict[str, object] = {}
    post = (request.args.get("post") or "").strip()
    if post:
        node = resolve(store, post)
        if node not in chart:
            abort(400, "that post is not on this chart")
        chain = reporting_chain(chart, node)
        out["chain"] = [(n, chart.nodes[n]["label"], chart.nodes[n].get("holders", [])) for n in chain]
        out["chain_within"] = [(n, chart.nodes[n]["label"]) for n in containers(chart, chain[-1])]
    source, target = (request.args.get("from") or "").strip(), (request.args.get("to") or "").strip()
    if source and target:
        whole = org_graph(store, chart_request.as_of)
        steps = shortest_path(whole, resolve(store, source), resolve(store, target))
        out["path"] = [
            (s.source, whole.nodes[s.source]["label"], s.kind, s.forward, s.status, s.target, whole.nodes[s.target]["label"])
            for s in steps
        ]
    return out
