"""Checks a user's SPARQL text must pass before it reaches pyoxigraph.

Why each check exists (see the security research, section 0):

- pyoxigraph federates `SERVICE` calls unconditionally and Python cannot turn that off, so a
  query with a SERVICE clause anywhere (sub-select, EXISTS, odd case, `\\u0053ERVICE`) is refused
  after *parsing* it: rdflib's parser applies `\\u` escapes and gives us a tree to walk, which
  a regular expression never could.
- Deeply nested brackets crash the pyoxigraph process with a stack overflow (about 3,000
  levels), so length and nesting depth are counted lexically first, cheaply, outside strings,
  IRIs and comments.
- The endpoint is read-only: text that parses as an update is refused with 403.

rdflib's parser needs a recursion limit far above the default for deep queries and is not
thread-safe, so every parse runs in one child process (webui.sparql_parser) that has both;
requests queue for it (parsing takes milliseconds) and a dead or stuck child is replaced.
"""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from werkzeug.exceptions import BadRequest, Forbidden

MAX_QUERY_BYTES = 100_000
MAX_DEPTH = 200
SERVICE_REFUSED = "SERVICE (federated query) is not allowed on this endpoint"
UPDATE_REFUSED = "this endpoint is read-only: SPARQL updates are not accepted"

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
PROJECT_ROOT = Path(__file__).resolve().parents[1]
PARSE_TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed every check, with what the parse told us about it."""

    text: str
    has_dataset_clause: bool  # FROM / FROM NAMED: then the union default graph must not apply


def check_length_and_depth(text: str, max_bytes: int = MAX_QUERY_BYTES, max_depth: int = MAX_DEPTH) -> None:
    """Refuse text longer than `max_bytes` (UTF-8) or nested deeper than `max_depth` brackets.

    Depth counts `(` and `{` together, skipping string literals, IRIs and comments, so a long
    literal full of braces is fine and `FILTER(((...)))` is counted like `{{{...}}}`.
    """
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise BadRequest(f"query is {size} bytes long; the limit is {max_bytes} bytes")
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if ch in "\"'":
            i = _skip_string(text, i)
            continue
        if ch == "<":
            match = _IRIREF.match(text, i)
            if match:
                i = match.end()
                continue
        if ch in "({":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > max_depth:
                raise BadRequest(f"query nesting is deeper than {max_depth} brackets")
        elif ch in ")}":
            depth -= 1
        i += 1


def _skip_string(text: str, start: int) -> int:
    """Index just after the string literal opening at `start` (short or long form)."""
    quote = text[start]
    if text.startswith(quote * 3, start):
        end = start + 3
        while end < len(text):
            if text[end] == "\\":
                end += 2
                continue
            if text.startswith(quote * 3, end):
                return end + 3
            end += 1
        return len(text)
    end = start + 1
    while end < len(text):
        ch = text[end]
        if ch == "\\":
            end += 2
            continue
        if ch == quote or ch == "\n":
            return end + 1
        end += 1
    return len(text)


def check_query(text: str, max_bytes: int = MAX_QUERY_BYTES, max_depth: int = MAX_DEPTH) -> CheckedQuery:
    """Every check in order; raises 400 (too big, syntax, SERVICE) or 403 (an update)."""
    check_length_and_depth(text, max_bytes, max_depth)
    answer = _PARSER.ask(text)
    if not answer["query"]:
        if answer["update"]:
            raise Forbidden(UPDATE_REFUSED)
        raise BadRequest(f"SPARQL syntax error: {answer['error']}")
    if answer["service"]:
        raise BadRequest(SERVICE_REFUSED)
    return CheckedQuery(text=text, has_dataset_clause=answer["dataset"])


class _ParserProcess:
    """The `webui.sparql_parser` child process, started on first use and replaced if it fails."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "webui.sparql_parser"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True, encoding="utf-8", bufsize=1, env=env, cwd=str(PROJECT_ROOT))
        return self._proc

    def _stop(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait(5)
        self._proc = None

    def ask(self, text: str) -> dict[str, Any]:
        """{"query": bool, "update": bool, "service": bool, "dataset": bool, "error": str}."""
        with self._lock:
            for _attempt in (1, 2):
                proc = self._proc if self._proc is not None and self._proc.poll() is None else self._start()
                assert proc.stdin is not None and proc.stdout is not None
                try:
                    proc.stdin.write(json.dumps(text) + "\n")
                    proc.stdin.flush()
                    ready, _w, _x = select.select([proc.stdout], [], [], PARSE_TIMEOUT_SECONDS)
                    line = proc.stdout.readline() if ready else ""
                    if line:
                        answer: dict[str, Any] = json.loads(line)
                        return answer
                except (OSError, ValueError):
                    pass
                self._stop()
            return {"query": False, "update": False, "service": False, "dataset": False,
                    "error": "the query could not be checked in time"}


_PARSER = _ParserProcess()
