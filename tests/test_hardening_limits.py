"""Issue 8, endpoint limits: a query deadline that really stops the work, row and request limits.

Security anchors §6 B4 (deadline that frees the CPU), B6 (row cap with a signal), B8 (request
sizes), B3 (read-only whatever the wrapping). The store here is on disk, so user queries run
in the worker pool (webui.query_workers), exactly as under `kg serve`.
"""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask

from kg.store import KgStore
from webui import create_app
from webui.commands import make_server
from webui.sparql_exec import POOL_KEY, query_pool

#: The 3-pattern cartesian product (security anchors §0 finding 6): 400 triples give 64 M rows,
#: about 15 s of work, in constant memory (COUNT streams; the ORDER BY sorts one row).
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f } ORDER BY ?n"
LIMIT_S = 2.0
N_TRIPLES = 400


def fill(path: Path, n: int = N_TRIPLES) -> None:
    store = KgStore.open(path)
    graph = ox.NamedNode("http://example.org/g")
    store.oxigraph.extend(ox.Quad(ox.NamedNode(f"http://example.org/e{i:04d}"), ox.NamedNode("http://example.org/p"),
                                  ox.Literal(f"=v{i}"), graph) for i in range(n))
    store.flush()
    del store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("limits") / "store"
    fill(path)
    return path


@pytest.fixture(scope="module")
def queries_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("queries")
    (folder / "heavy.rq").write_text(f"# title: Heavy\n{HEAVY}\n", encoding="utf-8")
    (folder / "all.rq").write_text("# title: All\nSELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def app(store_path: Path, queries_dir: Path) -> Iterator[Flask]:
    store = KgStore.open(store_path, create=False)
    app = create_app({"QUERY_TIMEOUT": LIMIT_S, "QUERY_WORKERS": 2, "QUERIES_DIR": queries_dir,
                      "HTML_ROW_LIMIT": 10, "RESULT_ROW_LIMIT": 50}, store=store)
    yield app
    pool = app.extensions.pop(POOL_KEY, None)
    if pool is not None:
        pool.close()
    app.extensions.pop("kg", None)


@pytest.fixture(scope="module")
def base(app: Flask) -> Iterator[str]:
    server = make_server(app, "127.0.0.1", 0, threads=8)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(5)


def get(url: str, timeout: float = 30.0, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read(), dict(answer.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def sparql_url(base: str, query: str, **params: str) -> str:
    return f"{base}/sparql?" + urllib.parse.urlencode({"query": query, **params})


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


# -- the deadline ---------------------------------------------------------------------------

def test_heavy_query_is_stopped_others_keep_answering_and_the_worker_is_replaced(app: Flask, base: str) -> None:
    assert get(sparql_url(base, "ASK {}"))[0] == 200  # the pool is up
    pool = query_pool(app)
    assert pool is not None
    before = set(pool.pids())
    heavy: dict[str, object] = {}

    def run_heavy() -> None:
        started = time.monotonic()
        heavy["answer"] = get(sparql_url(base, HEAVY))
        heavy["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_heavy)
    thread.start()
    cheap: list[tuple[int, float]] = []
    while thread.is_alive():
        started = time.monotonic()
        status, body, _h = get(sparql_url(base, "ASK { ?s ?p ?o }"))
        cheap.append((status, time.monotonic() - started))
        assert json.loads(body) == {"head": {}, "boolean": True}
        time.sleep(0.2)
    thread.join()
    status, body, headers = heavy["answer"]  # type: ignore[misc]
    assert status == 503
    assert body == f"503 Service unavailable: query exceeded the {LIMIT_S:g} s limit\n".encode()
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert LIMIT_S <= heavy["seconds"] < LIMIT_S + 2  # type: ignore[operator]
    assert len(cheap) >= 5 and all(s == 200 and t < 1.0 for s, t in cheap), cheap
    after = set(pool.pids())
    killed = before - after
    assert len(killed) == 1 and len(after) == 2, (before, after)
    assert not alive(killed.pop())  # the CPU is free: the process running the query is gone
    assert get(sparql_url(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", format="csv"))[1] == b"n\r\n400\r\n"


def test_query_page_and_named_query_pages_have_the_same_limit(base: str) -> None:
    for url, accept in ((f"{base}/query?" + urllib.parse.urlencode({"query": HEAVY}), "application/json"),
                        (f"{base}/queries/heavy", "text/html")):
        started = time.monotonic()
        status, body, _h = get(url, headers={"Accept": accept})
        assert time.monotonic() - started < LIMIT_S + 2
        assert status == 503
        assert f"query exceeded the {LIMIT_S:g} s limit" in body.decode()
    assert get(f"{base}/queries/all?format=json")[0] == 200


def test_a_worker_that_dies_mid_query_is_a_500_and_is_replaced(app: Flask, base: str) -> None:
    pool = query_pool(app)
    assert pool is not None
    assert get(sparql_url(base, "ASK {}"))[0] == 200
    before = set(pool.pids())
    answer: dict[str, object] = {}
    thread = threading.Thread(target=lambda: answer.update(r=get(sparql_url(base, HEAVY))))
    thread.start()
    time.sleep(0.7)
    busy = [pid for pid in before if _cpu_ticks(pid) > 0]
    os.kill(max(busy, key=_cpu_ticks), 9)  # an engine crash, as the stack overflow of finding 2
    thread.join(10)
    status, body, _h = answer["r"]  # type: ignore[misc]
    assert status == 500
    assert body == b"500 Server error: the query could not be run (the query engine stopped)\n"
    assert len(set(pool.pids()) - before) == 1
    assert get(sparql_url(base, "ASK {}"))[1] == b'{"head":{},"boolean":true}'


def _cpu_ticks(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().split(") ", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (FileNotFoundError, IndexError):
        return 0


def test_busy_pool_answers_503_with_retry_after(store_path: Path) -> None:
    from webui.query_jobs import make_job
    from webui.query_workers import PoolBusy, QueryPool

    pool = QueryPool(store_path, 1)
    try:
        worker = pool._idle.get()  # the only worker, taken as a long query would
        started = time.monotonic()
        with pytest.raises(PoolBusy):
            pool.run(make_job("ASK {}", "table"), 0.3)
        assert 0.3 <= time.monotonic() - started < 1.0
        pool._idle.put(worker)
        header, path = pool.run(make_job("ASK {}", "table"), 30)
        assert header == {"ok": True, "kind": "boolean", "columns": ["boolean"], "rows": [], "total": 1, "boolean": True}
        assert path is None
    finally:
        pool.close()
    assert not pool.spool.exists()


def test_busy_error_keeps_retry_after_header() -> None:
    from werkzeug.exceptions import ServiceUnavailable

    app = create_app(store=KgStore.memory())

    @app.route("/busy")
    def busy() -> str:
        raise ServiceUnavailable("all 2 query workers are busy; try again in a moment", retry_after=5)

    response = app.test_client().get("/busy", headers={"Accept": "text/plain"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.get_data() == b"503 Service unavailable: all 2 query workers are busy; try again in a moment\n"


def test_remote_store_queries_use_the_limit_as_http_timeout() -> None:
    from remote_server import Canned, fake_endpoint

    from kg.remote_store import RemoteStore

    with fake_endpoint(Canned(body=b'{"head":{},"boolean":true}')) as fake:
        store = RemoteStore.open(fake.url)
        app = create_app({"QUERY_TIMEOUT": 1.0}, store=store)
        fake.answer = Canned(body=b'{"head":{"vars":["s"]},"results":{"bindings":[]}}', delay_s=4)
        started = time.monotonic()
        response = app.test_client().get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert time.monotonic() - started < 1.0 + 2
        assert response.status_code == 503
        assert response.get_data() == b"503 Service unavailable: query exceeded the 1 s limit\n"
        assert app.extensions["kg_query_remote"]._store.endpoints.timeout == 1.0
        assert store.endpoints.timeout == 60.0  # the app's own handle keeps its timeout


# -- row limits -----------------------------------------------------------------------------

ALL = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"


def test_json_pages_stop_at_the_row_limit_and_say_so(base: str) -> None:
    for url in (f"{base}/query?" + urllib.parse.urlencode({"query": ALL, "format": "json"}),
                f"{base}/queries/all?format=json"):
        status, body, _h = get(url)
        data = json.loads(body)
        assert status == 200
        assert len(data["rows"]) == 50 and data["total"] == N_TRIPLES and data["truncated"] is True
        assert data["row_limit"] == 50 and data["columns"] == ["s", "o"]
        assert data["rows"][0] == {"s": "http://example.org/e0000", "o": "=v0"}


def test_html_pages_show_the_first_rows_and_state_the_limit(base: str) -> None:
    status, body, _h = get(f"{base}/query?" + urllib.parse.urlencode({"query": ALL}))
    page = body.decode()
    assert status == 200
    assert ("400 rows; the first 10 are shown here; the CSV download has them all (JSON stops at 50 rows)."
            in page)
    assert page.count("<tr>") == 11


def test_csv_streams_every_row(base: str) -> None:
    status, body, headers = get(f"{base}/queries/all?format=csv")
    assert status == 200 and headers["Content-Disposition"] == 'attachment; filename="all.csv"'
    lines = body.decode().split("\r\n")
    assert lines[0] == "s,o" and lines[1] == "http://example.org/e0000,'=v0" and len(lines) == N_TRIPLES + 2
    status, body, headers = get(sparql_url(base, ALL, format="csv"))
    assert status == 200 and headers["Content-Length"] == str(len(body))
    assert body.count(b"\r\n") == N_TRIPLES + 1 and b"\r\nhttp://example.org/e0000,=v0\r\n" in body


def test_sparql_json_is_never_cut(base: str) -> None:
    data = json.loads(get(sparql_url(base, ALL))[1])
    assert len(data["results"]["bindings"]) == N_TRIPLES


def test_result_files_are_removed_after_streaming(app: Flask, base: str) -> None:
    pool = query_pool(app)
    assert pool is not None
    for fmt in ("csv", "json", "xml", "tsv"):
        assert get(sparql_url(base, ALL, format=fmt))[0] == 200
    assert get(f"{base}/queries/all?format=csv")[0] == 200
    time.sleep(0.2)
    assert list(pool.spool.iterdir()) == []


# -- request limits and read-only ----------------------------------------------------------

def test_request_body_and_form_limits(base: str) -> None:
    big = b"ASK {}\n#" + b"x" * 2_000_000
    for data, content_type in ((big, "application/sparql-query"), (b"query=" + big, "application/x-www-form-urlencoded")):
        request = urllib.request.Request(f"{base}/sparql", data=data, headers={"Content-Type": content_type})
        try:
            urllib.request.urlopen(request, timeout=10)
            raise AssertionError("a 2 MB body was accepted")
        except urllib.error.HTTPError as exc:
            assert exc.code == 413
        except (ConnectionError, urllib.error.URLError):
            pass  # waitress may close the connection once the limit is passed; never a 200


def test_too_many_form_parts_is_413(app: Flask) -> None:
    parts = "".join(f'--x\r\nContent-Disposition: form-data; name="p{i}"\r\n\r\n1\r\n' for i in range(1500)) + "--x--\r\n"
    response = app.test_client().post("/sparql", data=parts.encode(), content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413


def test_a_long_get_url_is_refused_by_the_server(base: str) -> None:
    status, body, _h = get(sparql_url(base, "ASK {} #" + "x" * 70_000))
    assert status in (400, 431) and b"boolean" not in body


@pytest.mark.parametrize(("content_type", "body"), [
    ("application/sparql-update", b"DROP ALL"),
    ("APPLICATION/SPARQL-UPDATE", b"DROP ALL"),
    ("application/sparql-update; charset=UTF-16", "DROP ALL".encode("utf-16")),
    ("multipart/form-data; boundary=b", b'--b\r\nContent-Disposition: form-data; name="update"\r\n\r\nDROP ALL\r\n--b--\r\n'),
    ("application/x-www-form-urlencoded", b"update=DROP%20ALL&query=ASK%20%7B%7D"),
    ("application/sparql-query", b"DROP ALL"),
    ("application/sparql-query", b"CLEAR ALL ; LOAD <http://127.0.0.1:9/x>"),
])
def test_updates_are_403_whatever_the_content_type(app: Flask, store_path: Path, content_type: str, body: bytes) -> None:
    response = app.test_client().post("/sparql", data=body, content_type=content_type)
    assert response.status_code == 403
    assert response.get_data() == b"403 Forbidden: this endpoint is read-only: SPARQL updates are not accepted\n"
    assert len(app.extensions["kg"]) == N_TRIPLES


def test_guard_still_runs_before_the_workers(base: str) -> None:
    status, body, _h = get(sparql_url(base, "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"))
    assert (status, body) == (400, b"400 Bad request: query nesting is deeper than 200 brackets\n")
