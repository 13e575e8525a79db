"""Issue 8, production serving: `kg serve` under waitress with query workers, and a short load run.

`kg serve` is started as a real process (the way `make run` starts it) on a free loopback port
it prints; the test reads the URL from its first line.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from kg.errors import KgError
from kg.store import KgStore
from test_web_fixture import ACT, GRAPHS
from webui.commands import serve
from webui.loadtest import check_target, default_paths, run_load

ROOT = Path(__file__).resolve().parents[1]
KG = Path(sys.executable).with_name("kg")


def make_store(path: Path) -> Path:
    store = KgStore.open(path)
    store.replace_graphs({name: rdflib.Graph().parse(data=ttl, format="turtle") for name, ttl in GRAPHS.items()})
    store.flush()
    del store
    return path


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("serve-prod") / "store")


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.update(int(t) for t in text)
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    proc = subprocess.Popen([str(KG), "serve", "--store", str(store_path), "--port", "0", "--query-timeout", "5",
                             "--query-workers", "2", "--threads", "8"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    match = re.search(r"on (http://127\.0\.0\.1:\d+)/ \(SPARQL at /sparql; queries stop after 5 s\)", line)
    assert match, line
    yield proc, match.group(1)
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.status, answer.read()


def test_kg_serve_answers_pages_and_sparql_with_worker_processes(server: tuple[subprocess.Popen[str], str]) -> None:
    proc, base = server
    assert get(base + "/")[0] == 200
    assert json.loads(get(base + "/acts?format=json")[1])["rows"][0]["act"] == ACT
    query = urllib.parse.urlencode({"query": "ASK { ?s a kg:Act }"})
    assert get(f"{base}/sparql?{query}") == (200, b'{"head":{},"boolean":true}')
    workers = children(proc.pid)
    assert len(workers) >= 2  # the query workers (and the guard's parser process)
    cmdlines = [Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") for pid in workers]
    assert sum(b"webui.query_worker" in c for c in cmdlines) == 2


def test_four_clients_for_three_seconds_without_an_error(server: tuple[subprocess.Popen[str], str]) -> None:
    _proc, base = server
    paths = default_paths(base)
    assert any(p.startswith("/entity?") for p in paths) and any(p.startswith("/sparql?") for p in paths)
    report = run_load(base, clients=4, seconds=3, paths=paths)
    assert report.errors == 0, report.error_samples
    assert report.requests >= 20 and report.statuses == {"200": report.requests}
    assert 0 < report.p50_ms <= report.p95_ms <= report.p99_ms <= report.max_ms
    assert 2.9 <= report.seconds < 3 + 35 and report.throughput_rps > 0
    print(report.to_json())


def test_sigterm_stops_the_server_and_its_workers(tmp_path: Path) -> None:
    proc = subprocess.Popen([str(KG), "serve", "--store", str(make_store(tmp_path / "store")), "--port", "0", "--query-workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    assert proc.stdout is not None and "serving" in proc.stdout.readline()
    workers = children(proc.pid)
    assert workers
    os.kill(proc.pid, signal.SIGTERM)
    proc.wait(10)
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers)  # a worker exits when its pipe closes


def test_serve_options() -> None:
    result = CliRunner().invoke(serve, ["--help"])
    assert "--query-timeout SECONDS" in result.output and "--query-workers" in result.output
    result = CliRunner().invoke(serve, ["--query-timeout", "0", "--get", "/"])
    assert result.exit_code == 2 and "0.1<=x<=3600" in result.output


def test_a_missing_store_fails_before_serving(tmp_path: Path) -> None:
    done = subprocess.run([str(KG), "serve", "--store", str(tmp_path / "absent"), "--port", "0"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 2 and "no store here yet" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("url", ["http://example.org:8000", "https://127.0.0.1:8000", "http://10.0.0.1"])
def test_load_tool_runs_on_loopback_only(url: str) -> None:
    with pytest.raises(KgError, match="loopback only"):
        check_target(url, 4, 3)
    with pytest.raises(KgError, match="clients"):
        check_target("http://127.0.0.1:1", 1000, 3)
    with pytest.raises(KgError, match="seconds"):
        check_target("http://127.0.0.1:1", 4, 10_000)
