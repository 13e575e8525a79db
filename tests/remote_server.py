"""Test servers on 127.0.0.1 only: a real `oxigraph serve` and a fake endpoint with canned answers.

The real server (from the `oxigraph` PyPI package, installed with the test extras) proves the
remote store against the protocol as a server speaks it; the fake one produces what a real
server does only on a bad day (a 200 answer cut short, a 500 with a huge page, a redirect, a
slow answer), so the client's refusals are tested exactly. Nothing here touches any address but
loopback, and every process and thread started here is stopped by the context manager.
"""

from __future__ import annotations

import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.processes import oxigraph_binary, stop, wait_http

HOST = "127.0.0.1"


def free_port() -> int:
    """A port nothing listens on right now (the OS picks it; closed again before returning)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@contextmanager
def oxigraph_server(location: Path | None, *extra: str, ready_s: float = 20.0) -> Iterator[str]:
    """Run `oxigraph serve` on a free loopback port; yield its base URL; stop it afterwards.

    Readiness is an answered `ASK {}`. A port taken between choosing and binding makes the
    server exit; that is retried twice with a new port.
    """
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the oxigraph binary is not installed")
    last_error = ""
    for _attempt in range(3):
        port = free_port()
        args = [str(binary), "serve", "--bind", f"{HOST}:{port}", *extra]
        if location is not None:
            args[2:2] = ["--location", str(location)]
        log = tempfile.TemporaryFile()  # a file, not a pipe: a chatty server never blocks on it
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=log)
        url = f"http://{HOST}:{port}"
        try:
            if wait_http(f"{url}/query?query=ASK%7B%7D", ready_s, proc):
                yield url
                return
            if proc.poll() is not None:
                log.seek(0)
                last_error = log.read().decode("utf-8", "replace")[-500:]
        finally:
            stop(proc)
            log.close()
    raise RuntimeError(f"oxigraph serve did not start: {last_error}")


@dataclass
class Canned:
    """One canned answer: status, headers and body; `delay_s` before anything is sent."""

    status: int = 200
    content_type: str = "application/sparql-results+json"
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


@dataclass
class FakeEndpoint:
    """A loopback HTTP server that answers every request with `answer`, and records requests."""

    answer: Canned = field(default_factory=Canned)
    requests: list[tuple[str, str, bytes]] = field(default_factory=list)
    url: str = ""


@contextmanager
def fake_endpoint(answer: Canned | None = None) -> Iterator[FakeEndpoint]:
    """Start a FakeEndpoint on a free loopback port; shut it down afterwards."""
    state = FakeEndpoint(answer or Canned())

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            state.requests.append((self.command, self.path, self.rfile.read(length)))
            canned = state.answer
            if canned.delay_s:
                time.sleep(canned.delay_s)
            self.send_response(canned.status)
            self.send_header("Content-Type", canned.content_type)
            self.send_header("Content-Length", str(len(canned.body)))
            for name, value in canned.headers.items():
                self.send_header(name, value)
            self.end_headers()
            try:
                self.wfile.write(canned.body)
            except OSError:
                pass  # the client gave up first (the timeout test)

        do_GET = do_POST = _answer

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
            return

    server = ThreadingHTTPServer((HOST, 0), Handler)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    state.url = f"http://{HOST}:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
