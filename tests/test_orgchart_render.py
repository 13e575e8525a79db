"""Chart formats: DOT that Graphviz accepts, SVG/PNG, Mermaid structure and escaping, GraphML, JSON."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from orgchart_fixture import fixture_store, iri

from kg.errors import KgError
from kg.orgchart import ChartRequest, build_chart
from kg.orgchart_dot import dot_string
from kg.orgchart_render import (
    mermaid_text,
    render,
    run_dot,
    to_dot,
    to_json,
    to_mermaid,
)

needs_dot = pytest.mark.skipif(not Path("/usr/bin/dot").exists() and shutil.which("dot") is None,
                               reason="Graphviz (dot) is not installed")

AD = iri("post/testshire-council/assistant-director-safeguarding")
DCS = iri("post/testshire-council/director-of-childrens-services")


@pytest.fixture(scope="module")
def chart():
    return build_chart(fixture_store(), ChartRequest(council="Testshire"))


def dot_ids(dot: str) -> dict[str, str]:
    """IRI -> DOT node id, read back from the tooltips."""
    return {m.group(2): m.group(1) for m in re.finditer(r'^\s*(n\d+) \[label=.*?tooltip="[a-z-]+: ([^"]+)"', dot, re.M)}


# -- DOT ---------------------------------------------------------------------------------

def test_dot_escaping() -> None:
    assert dot_string('Corporate Parenting "Panel"') == '"Corporate Parenting \\"Panel\\""'
    assert dot_string("A & B\nC\\D") == '"A &amp; B\\nC\\\\D"'
    assert dot_string("Children's") == '"Children\'s"'


def test_dot_layout_clusters_and_legend(chart) -> None:
    dot = to_dot(chart)
    assert dot.startswith("digraph orgchart {\n  graph [rankdir=TB, ")
    ids = dot_ids(dot)
    assert len(ids) == chart.number_of_nodes()
    # departments and boards are clusters; the Virtual School's cluster is inside Children's Services'
    services, school = ids[iri("body/testshire-council/childrens-services")], ids[iri("body/testshire-council/virtual-school")]
    outer = dot.index(f"subgraph cluster_{services} {{")
    inner = dot.index(f"subgraph cluster_{school} {{")
    assert outer < inner
    assert f"subgraph cluster_{ids[iri('body/testshire-council/local-safeguarding-children-board')]} {{" in dot
    assert "subgraph cluster_legend {" in dot
    assert 'legend0a -> legend0b' in dot and 'label="inferred (not stated in a source)"' in dot
    # hierarchy: manager above report (edge drawn manager -> report, arrow back)
    line = next(x for x in dot.splitlines() if x.strip().startswith(f"{ids[DCS]} -> {ids[AD]} "))
    assert "dir=back" in line and "style=dashed" in line and 'xlabel="(inferred)"' in line
    curated = next(x for x in dot.splitlines()
                   if x.strip().startswith(f"{ids[AD]} -> {ids[iri('post/testshire-council/team-manager')]} "))
    assert "style=dashed" not in curated and "dir=back" in curated


def test_dot_escapes_labels(chart) -> None:
    dot = to_dot(chart)
    assert 'label="Corporate Parenting \\"Panel\\""' in dot
    assert 'label="Assistant Director\\n<Safeguarding> &amp; Quality"' in dot  # wrapped at 32 characters
    # the root council's name is not repeated after each of its posts; holders in brackets
    assert 'label="Director of Children\'s Services\\n(Jane Doe, Seán O\'Neil)"' in dot
    assert "URL=" not in dot  # links only when asked for
    linked = to_dot(chart, link=lambda node: "/entity?iri=" + node)
    assert f'URL="/entity?iri={DCS}"' in linked


@needs_dot
def test_dot_passes_graphviz_and_svg_keeps_labels_escaped(chart) -> None:
    svg = run_dot(to_dot(chart, link=lambda node: "/entity?iri=" + node), "svg").decode("utf-8")
    assert "<svg" in svg
    assert ">&lt;Safeguarding&gt; &amp; Quality</text>" in svg
    assert "Corporate Parenting &quot;Panel&quot;" in svg
    assert f'xlink:href="/entity?iri={DCS}"' in svg
    assert render(chart, "png")[:8] == b"\x89PNG\r\n\x1a\n"


@needs_dot
@pytest.mark.parametrize("sideways", [True, False])
def test_dot_draws_the_as_of_chart_that_crashed_graphviz_243(sideways: bool) -> None:
    # Labelled unconstrained edges inside clusters made dot 2.43 die on SIGSEGV; edge texts are xlabels now.
    chart = build_chart(fixture_store(), ChartRequest(council="Testshire", as_of=date(2019, 9, 28)))
    assert run_dot(to_dot(chart, sideways=sideways), "svg").lstrip().startswith(b"<?xml")


def test_a_graphviz_crash_falls_back_to_the_plain_layout(chart, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []

    def fake_run(args, input, **kwargs):  # noqa: A002 - subprocess.run's own keyword
        calls.append(input)
        return subprocess.CompletedProcess(args, -11 if len(calls) == 1 else 0, b"<svg/>", b"")

    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/dot")
    monkeypatch.setattr(subprocess, "run", fake_run)
    assert render(chart, "svg") == b"<svg/>"
    assert b"constraint=false" in calls[0] and b"constraint=false" not in calls[1]
    calls.clear()
    monkeypatch.setattr(subprocess, "run", lambda args, input, **kw: subprocess.CompletedProcess(args, 1, b"", b"Error: syntax error in line 3\n"))
    with pytest.raises(KgError, match="Graphviz failed: Error: syntax error in line 3"):
        render(chart, "svg")


def test_missing_graphviz_is_a_clear_error(chart, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(KgError, match="Graphviz is not installed"):
        render(chart, "svg")
    assert render(chart, "dot").startswith(b"digraph")  # the other formats do not need it


def test_unknown_format(chart) -> None:
    with pytest.raises(KgError, match="unknown chart format 'pdf'"):
        render(chart, "pdf")


# -- Mermaid -----------------------------------------------------------------------------

_DECL = re.compile(r'^\s*(n\d+)(\[\["|\["|\(\["|\{\{"|\[/"|\[\("|\("|\(\("|>")(.*?)("\]\]|"\]|"\]\)|"\}\}|"/\]|"\)\]|"\)|"\)\)|"\])$')
_EDGE = re.compile(r'^  (n\d+) (-->|==>|-\.->)\|"([^"]*)"\| (n\d+)$')
_SUB = re.compile(r'^\s*subgraph (cn\d+)\["([^"]*)"\]$')


def test_mermaid_escaping() -> None:
    assert mermaid_text("Children's \"Panel\" [A] (B) {C} <D> & #1 | x") == (
        "Children#39;s #quot;Panel#quot; #91;A#93; #40;B#41; #123;C#125; #lt;D#gt; #amp; #35;1 #124; x"
    )
    assert mermaid_text("two\nlines") == "two<br/>lines"


def test_mermaid_structure(chart) -> None:
    text = to_mermaid(chart)
    lines = text.splitlines()
    assert lines[:4] == ["---", "title: Testshire Council", "---", "flowchart TB"]
    declared: list[str] = []
    edges = []
    depth = 0
    for line in lines[4:]:
        if _SUB.match(line):
            depth += 1
        elif line.strip() == "end":
            depth -= 1
            assert depth >= 0
        elif match := _EDGE.match(line):
            edges.append(match.groups())
        else:
            match = _DECL.match(line)
            assert match, f"not a node declaration: {line!r}"
            declared.append(match.group(1))
            body = match.group(3)
            assert '"' not in body and "'" not in body and "[" not in body and "]" not in body
    assert depth == 0
    assert len(declared) == len(set(declared)) == chart.number_of_nodes()  # every node declared once
    assert len(edges) == chart.number_of_edges()
    assert {e[0] for e in edges} | {e[3] for e in edges} <= set(declared)
    assert "Director of Children#39;s Services<br/>#40;Jane Doe, Seán O#39;Neil#41;" in text
    inferred = [e for e in edges if e[1] == "-.->"]
    assert sorted(e[2] for e in inferred) == ["part of #40;inferred#41;", "reports to #40;inferred#41;"]
    assert sum(1 for e in edges if e[1] == "==>") == 3  # the three stated reporting lines


# -- GraphML -----------------------------------------------------------------------------

def test_graphml_loads_back_with_attributes(chart) -> None:
    data = render(chart, "graphml")
    assert b"None" not in data
    back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert set(back.nodes) == set(chart.nodes)
    assert back.number_of_edges() == chart.number_of_edges()
    dcs = back.nodes[DCS]
    assert (dcs["type"], dcs["label"], dcs["iri"], dcs["holders"]) == (
        "post", "Director of Children's Services, Testshire Council", DCS, "Jane Doe; Seán O'Neil")
    edge = back.edges[AD, DCS, "reports-to"]
    assert (edge["kind"], edge["status"], edge["sources"]) == ("reports-to", "inferred", "https://example.org/testshire/structure")
    assert back.graph["root"] == iri("body/testshire-council")


# -- JSON --------------------------------------------------------------------------------

def test_json_is_cytoscape_elements(chart) -> None:
    doc = json.loads(render(chart, "json"))
    assert set(doc) == {"nodes", "edges"}
    assert len(doc["nodes"]) == chart.number_of_nodes() and len(doc["edges"]) == chart.number_of_edges()
    ids = {n["data"]["id"] for n in doc["nodes"]}
    assert all(set(n) == {"data"} for n in doc["nodes"] + doc["edges"])
    assert all({"source", "target", "id", "kind", "status", "sources"} <= set(e["data"]) for e in doc["edges"])
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in doc["edges"])
    node = next(n["data"] for n in doc["nodes"] if n["data"]["id"] == iri("post/testshire-council/head-of-the-virtual-school"))
    assert node["type"] == "post" and node["holders"] == ["Ann Smith"]
    assert node["cluster"] == iri("body/testshire-council/virtual-school")
    assert to_json(chart) == doc
