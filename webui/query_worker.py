"""One query worker process: `python -m webui.query_worker STORE_PATH`.

Why a process: pyoxigraph has no cancellation and releases the GIL, so a runaway query can
only be stopped by killing the process running it (security-anchors §0 findings 2 and 6).
The pool (webui.query_workers) starts these, sends one job at a time and SIGKILLs a worker
at the deadline. A worker opens the store read-only, which takes no lock, so any number of
workers can sit beside the server process that holds the read-write handle (the server
never writes while serving).

Protocol on stdin/stdout: frames of an 8-byte big-endian length and a JSON object. After
opening the store the worker sends {"ready": true} (or {"fatal": message} and exits); then
for each job it writes the serialised result to the job's "out" file (protocol and CSV
modes) and answers with the header from webui.query_jobs.execute. Nothing else may write to
stdout, so sys.stdout is pointed at stderr.
"""

from __future__ import annotations

import json
import os
import struct
import sys
from typing import IO, Any

_LENGTH = struct.Struct(">Q")
MAX_FRAME = 64 * 1024 * 1024


def write_frame(stream: IO[bytes], message: dict[str, Any]) -> None:
    data = json.dumps(message).encode("utf-8")
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: IO[bytes]) -> dict[str, Any] | None:
    """The next frame, or None at end of input."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    if size > MAX_FRAME:
        raise ValueError("frame too large")
    data = stream.read(size)
    if len(data) < size:
        return None
    message: dict[str, Any] = json.loads(data)
    return message


def serve(store_path: str, inp: IO[bytes], out: IO[bytes]) -> None:
    """Open the store read-only, then answer jobs until stdin closes."""
    from kg.errors import KgError
    from kg.store import KgStore
    from webui.query_jobs import execute

    try:
        store = KgStore.open(store_path, read_only=True).oxigraph
    except KgError as exc:
        write_frame(out, {"fatal": str(exc)})
        return
    write_frame(out, {"ready": True, "pid": os.getpid()})
    while True:
        job = read_frame(inp)
        if job is None:
            return
        try:
            if job.get("out"):
                with open(job["out"], "wb") as sink:
                    header = execute(store, job, sink)
            else:
                header = execute(store, job, None)
        except Exception as exc:  # an engine failure: report it, keep serving
            print(f"query worker: {type(exc).__name__}: {exc}", file=sys.stderr)
            header = {"ok": False, "status": 500, "message": "the query engine failed on this query"}
        write_frame(out, header)


def main() -> None:
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # stray prints must not corrupt the frames
    serve(sys.argv[1], sys.stdin.buffer, protocol_out)


if __name__ == "__main__":
    main()
