"""A pool of query worker processes that are killed and replaced at the deadline.

Why: pyoxigraph cannot cancel a query and releases the GIL, so a thread-side timeout would
answer the client but leave the query burning a core (security-anchors §0 finding 6, §5
"the only hard stops are killing a process"). Each worker (webui.query_worker) opens the
store read-only and runs one job at a time; the pool hands a job to an idle worker, waits
until the deadline, and on expiry SIGKILLs the worker and starts a fresh one, so the CPU is
freed and the next query finds a working pool. A worker that dies (an engine crash) is
replaced the same way and the server process never goes down with it.

Waiting for an idle worker counts against the same deadline: the limit is on the time the
client waits. Results are written by the worker to a private spool folder and streamed to the
client from there, so neither process holds a large result in memory.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]
_LENGTH = struct.Struct(">Q")
START_TIMEOUT_SECONDS = 60.0


class QueryTimeout(Exception):
    """The query ran past the limit; its worker was killed."""


class PoolBusy(Exception):
    """No worker became free before the deadline."""


class WorkerFailed(Exception):
    """The worker died or could not open the store."""


class Worker:
    """One `python -m webui.query_worker STORE` child and its framed pipe."""

    def __init__(self, store_path: Path) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "webui.query_worker", str(store_path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, cwd=str(PROJECT_ROOT))
        self.ready = False
        self._buffer = bytearray()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        data = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(_LENGTH.pack(len(data)) + data)
        self.proc.stdin.flush()

    def receive(self, deadline: float) -> dict[str, Any]:
        """The next frame; TimeoutError at the deadline, WorkerFailed if the child is gone."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while True:
            if len(self._buffer) >= _LENGTH.size:
                (size,) = _LENGTH.unpack_from(self._buffer)
                if len(self._buffer) >= _LENGTH.size + size:
                    data = bytes(self._buffer[_LENGTH.size:_LENGTH.size + size])
                    del self._buffer[:_LENGTH.size + size]
                    message: dict[str, Any] = json.loads(data)
                    return message
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _w, _x = select.select([fd], [], [], remaining)
            if not ready:
                raise TimeoutError
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise WorkerFailed("the query worker stopped")
            self._buffer += chunk

    def wait_ready(self, deadline: float) -> None:
        if self.ready:
            return
        message = self.receive(deadline)
        if "fatal" in message:
            raise WorkerFailed(str(message["fatal"]))
        self.ready = True

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL cannot be ignored
            pass
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass


class QueryPool:
    """`size` workers over one store folder; `run(job, timeout)` is safe from many threads."""

    def __init__(self, store_path: Path, size: int) -> None:
        if size < 1:
            raise ValueError("a query pool needs at least one worker")
        self.store_path = Path(store_path)
        self.size = size
        self.spool = Path(tempfile.mkdtemp(prefix="kg-query-spool-"))
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.replaced = 0  # workers killed and replaced (timeouts and crashes), for tests and logs
        for _ in range(size):
            self._add()
        atexit.register(self.close)

    def _add(self) -> None:
        worker = Worker(self.store_path)
        with self._lock:
            self._all.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
            self.replaced += 1
            closed = self._closed
        if not closed:
            self._add()

    def wait_ready(self, timeout: float = START_TIMEOUT_SECONDS) -> None:
        """Block until every idle worker has opened the store (fail fast at `kg serve` start)."""
        deadline = time.monotonic() + timeout
        taken: list[Worker] = []
        try:
            for _ in range(self.size):
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
                taken.append(worker)
                try:
                    worker.wait_ready(deadline)
                except TimeoutError as exc:
                    raise WorkerFailed("a query worker did not start in time") from exc
        finally:
            for worker in taken:
                self._idle.put(worker)

    def pids(self) -> list[int]:
        with self._lock:
            return sorted(w.pid for w in self._all)

    def run(self, job: dict[str, Any], timeout: float) -> tuple[dict[str, Any], Path | None]:
        """Run a job; (header, result file or None). The caller deletes the file when done."""
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty as exc:
            raise PoolBusy from exc
        out = self.spool / uuid.uuid4().hex if job["mode"] in ("protocol", "csv") else None
        try:
            worker.wait_ready(deadline)
            worker.send({**job, "out": str(out) if out else None})
            header = worker.receive(deadline)
        except TimeoutError as exc:
            self._discard(out)
            self._replace(worker)
            raise QueryTimeout from exc
        except (WorkerFailed, OSError, ValueError) as exc:
            self._discard(out)
            self._replace(worker)
            raise WorkerFailed(str(exc)) from exc
        if header.get("status") == 500:
            self._replace(worker)  # the engine failed (e.g. an I/O error): start from a fresh open
        else:
            self._idle.put(worker)
        if not header.get("ok"):
            self._discard(out)
            out = None
        return header, out

    @staticmethod
    def _discard(path: Path | None) -> None:
        if path is not None:
            path.unlink(missing_ok=True)

    def close(self) -> None:
        """Kill every worker and remove the spool folder."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
        shutil.rmtree(self.spool, ignore_errors=True)
