"""Issue 8, no outbound access: nothing the endpoint or the pipeline reads makes a request.

Every test runs a loopback recorder (tests/test_web_sparql.py's Recorder) and asserts it saw
nothing; each "control" test shows the same recorder does see the library fetch when the
protection is not in the way, so a zero means the protection worked.

Covered elsewhere, not repeated here:
* SERVICE refused on /sparql (GET, POST) and /query in 13 forms, with a recorder:
  tests/test_web_sparql.py::test_service_refused_without_connection; FROM, FROM NAMED and the
  protocol dataset IRIs never fetched: ::test_from_and_dataset_iris_are_never_fetched;
* SHACL uses only the project's shapes: tests/test_shapes.py::test_data_cannot_bring_its_own_shapes;
* a remote store's truncated 200 answer is an error, not a short result (finding 7):
  tests/test_remote_errors.py::test_a_200_answer_cut_short_is_an_error and ::test_the_fake_finding_7_body_is_quoted.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from flask import Flask

from kg.errors import KgError
from kg.store import KgStore, parse_rdf_bytes, parse_rdf_file
from test_web_sparql import Recorder, recorder  # noqa: F401 - the fixture
from webui import create_app
from webui.sparql_exec import stop_query_pool

ROOT = Path(__file__).resolve().parents[1]
SERVICE_REFUSED = "SERVICE (federated query) is not allowed on this endpoint"

#: Forms tests/test_web_sparql.py does not already try.
MORE_SERVICE_FORMS = [
    "SELECT * WHERE { { SELECT ?s WHERE { { SELECT ?s WHERE { SERVICE <{url}> { ?s ?p ?o } } } } } }",
    "SELECT * WHERE { SERVICE#comment\n<{url}>#another\n{ ?s ?p ?o } }",
    "SELECT * WHERE {\tService\r\n\r\n<{url}>\t{?s ?p ?o}}",
    "SELECT * WHERE { GRAPH ?g { SERVICE <{url}> { ?s ?p ?o } } }",
    "SELECT * WHERE { ?a ?b ?c FILTER NOT EXISTS { SERVICE SILENT <{url}> { ?s ?p ?o } } }",
    "SELECT * WHERE { BIND(<{url}> AS ?e) SERVICE SILENT ?e { ?s ?p ?o } }",
    "SELECT (COUNT(*) AS ?n) WHERE { SERVICE <{url}> { ?s ?p ?o } } GROUP BY ?s HAVING (COUNT(*) > 0)",
    "PREFIX x: <{url}/> SELECT * WHERE { SERVICE x:endpoint { ?s ?p ?o } }",
    "BASE <{url}> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
    "ASK { \\u0073ervice <{url}> { ?s ?p ?o } }",
]


@pytest.fixture(scope="module")
def disk_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An on-disk store, so queries run in the worker processes (the production path)."""
    path = tmp_path_factory.mktemp("outbound") / "store"
    store = KgStore.open(path)
    store.oxigraph.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
                               ox.Literal("o"), ox.NamedNode("http://example.org/g")))
    store.flush()
    queries = tmp_path_factory.mktemp("named")
    (queries / "federated.rq").write_text(
        "# title: Federated\n# param: endpoint iri = http://127.0.0.1:9/sparql | where\n"
        "SELECT * WHERE { { SELECT ?s WHERE { SERVICE ?endpoint { ?s ?p ?o } } } }\n", encoding="utf-8")
    (queries / "plain.rq").write_text("# title: Plain\nSELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    app = create_app({"QUERY_WORKERS": 1, "QUERIES_DIR": queries}, store=store)
    yield app
    stop_query_pool(app)


def settle(rec: Recorder) -> list[bytes]:
    time.sleep(0.3)
    return rec.hits


@pytest.mark.parametrize("form", MORE_SERVICE_FORMS)
def test_more_service_forms_are_refused_on_every_query_route(disk_app: Flask, recorder: Recorder, form: str) -> None:
    client = disk_app.test_client()
    query = form.replace("{url}", f"http://127.0.0.1:{recorder.port}/sparql")
    for response in (client.get("/sparql", query_string={"query": query}),
                     client.post("/sparql", data=query.encode(), content_type="application/sparql-query"),
                     client.post("/sparql", data={"query": query}),
                     client.get("/query", query_string={"query": query, "format": "csv"}),
                     client.get("/query", query_string={"query": query, "format": "json"})):
        assert response.status_code == 400
        assert SERVICE_REFUSED in response.get_data(as_text=True)
    assert settle(recorder) == []


def test_service_in_a_named_query_is_refused(disk_app: Flask, recorder: Recorder) -> None:
    client = disk_app.test_client()
    url = f"http://127.0.0.1:{recorder.port}/sparql"
    for fmt in ("html", "json", "csv"):
        response = client.get("/queries/federated", query_string={"endpoint": url, "format": fmt})
        assert response.status_code == 400
        assert SERVICE_REFUSED in response.get_data(as_text=True)
    assert client.get("/queries/plain?format=json").get_json()["rows"] == [{"s": "http://example.org/s"}]
    assert settle(recorder) == []


def test_control_the_worker_engine_does_federate(disk_app: Flask, recorder: Recorder) -> None:
    """Without the guard, the same worker path connects: the zero above is the guard's doing."""
    from webui.query_jobs import make_job
    from webui.sparql_exec import query_pool

    pool = query_pool(disk_app)
    assert pool is not None
    job = make_job(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{recorder.port}/sparql> {{ ?s ?p ?o }} }}", "table")
    header, _path = pool.run(job, 10)
    assert header["ok"] is True
    assert len(settle(recorder)) == 1


# -- JSON-LD contexts, owl:imports, FROM inside validation -----------------------------------

def jsonld(context: str) -> bytes:
    return ('{"@context": "%s", "@id": "http://example.org/a", "name": "x"}' % context).encode()


@pytest.mark.parametrize("context", ["http://127.0.0.1:{port}/ctx.jsonld", "file:///etc/hostname"])
def test_remote_jsonld_context_is_never_fetched(recorder: Recorder, tmp_path: Path, context: str) -> None:
    data = jsonld(context.replace("{port}", str(recorder.port)))
    with pytest.raises(KgError, match="LoadDocumentCallback"):
        parse_rdf_bytes(data, ox.RdfFormat.JSON_LD, "http://example.org/g", source="x.jsonld")
    path = tmp_path / "curated.jsonld"
    path.write_bytes(data)
    with pytest.raises(KgError) as caught:
        parse_rdf_file(path, "http://example.org/g")
    assert caught.value.where == str(path)
    assert "localhost" not in str(caught.value) and "\n" not in str(caught.value)
    assert settle(recorder) == []


def test_control_rdflib_would_fetch_the_context(recorder: Recorder) -> None:
    with pytest.raises(Exception):
        rdflib.Graph().parse(data=jsonld(f"http://127.0.0.1:{recorder.port}/ctx.jsonld"), format="json-ld")
    assert len(settle(recorder)) == 1


def test_the_product_never_parses_rdf_with_rdflib_from_a_url_or_as_json_ld() -> None:
    """Static check: rdflib parses JSON-LD (fetching contexts) only in tests, never in kg/ or webui/."""
    for path in list((ROOT / "kg").rglob("*.py")) + list((ROOT / "webui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for call in re.findall(r"\.parse\([^)]*\)", text):
            assert not re.search(r"json-?ld", call, re.I), (path, call)
            assert "http" not in call and "urlopen" not in call, (path, call)


def test_owl_imports_and_links_are_stored_as_data_never_followed(recorder: Recorder) -> None:
    from kg.validate import validate

    url = f"http://127.0.0.1:{recorder.port}"
    ttl = (f"<http://example.org/o> a <http://www.w3.org/2002/07/owl#Ontology> ; "
           f"<http://www.w3.org/2002/07/owl#imports> <{url}/o.ttl> ; "
           f"<http://www.w3.org/2000/01/rdf-schema#seeAlso> <{url}/see> ; "
           f"<http://www.w3.org/ns/shacl#shapesGraph> <{url}/shapes> .")
    store = KgStore.memory()
    store.replace_graphs({"http://example.org/g": rdflib.Graph().parse(data=ttl, format="turtle")})
    assert len(store) == 4
    validate(store.to_rdflib(), ontology=rdflib.Graph())
    quads = parse_rdf_bytes(ttl.encode(), ox.RdfFormat.TURTLE, "http://example.org/g", source="x.ttl")
    assert len(quads) == 4
    assert settle(recorder) == []


def _from_shape(port: int) -> str:
    return f"""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:T ;
  sh:sparql [ sh:select "SELECT $this FROM <http://127.0.0.1:{port}/x> WHERE {{ $this ?p ?o }}" ] .
ex:a a ex:T ."""


def test_from_inside_a_data_graph_cannot_make_validation_fetch(recorder: Recorder) -> None:
    from kg.validate import validate

    data = rdflib.Dataset()
    data.graph(rdflib.URIRef("http://example.org/g")).parse(data=_from_shape(recorder.port), format="turtle")
    report = validate(data, ontology=rdflib.Graph())
    assert report.results == []
    assert settle(recorder) == []


def test_control_pyshacl_fetches_from_unless_load_graphs_is_off(recorder: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    """Why SPARQL_LOAD_GRAPHS must be False: pySHACL on a Dataset dereferences a FROM in a shape."""
    import pyshacl

    shapes = rdflib.Graph().parse(data=_from_shape(recorder.port), format="turtle")

    def run() -> None:
        data = rdflib.Dataset()
        data.parse(data="<http://example.org/a> a <http://example.org/T> .", format="turtle")
        try:
            pyshacl.validate(data, shacl_graph=shapes)
        except Exception:  # rdflib cannot parse the recorder's answer after fetching it
            pass

    monkeypatch.setattr(rdflib.plugins.sparql, "SPARQL_LOAD_GRAPHS", True)
    run()
    fetched = len(settle(recorder))
    assert fetched >= 1  # rdflib tries turtle, xml, n3 and nt in turn: one GET each
    monkeypatch.setattr(rdflib.plugins.sparql, "SPARQL_LOAD_GRAPHS", False)
    run()
    assert len(settle(recorder)) == fetched  # nothing more


def test_the_web_app_turns_rdflib_graph_loading_off() -> None:
    code = "import webui, rdflib.plugins.sparql as s; print(s.SPARQL_LOAD_GRAPHS)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"


def test_every_kg_command_turns_rdflib_graph_loading_off() -> None:
    code = "import kg.validate, rdflib.plugins.sparql as s; print(s.SPARQL_LOAD_GRAPHS)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"
