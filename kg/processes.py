"""Child processes the product starts (an oxigraph server, kg serve): wait until ready, stop.

Shared by the benchmark and the tests so both start and stop servers the same way.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def wait_http(url: str, ready_s: float, proc: subprocess.Popen[bytes] | None = None,
              headers: dict[str, str] | None = None) -> bool:
    """Poll `url` (loopback, no proxy) until it answers 200, the process dies or time runs out."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + ready_s
    request = urllib.request.Request(url, headers=headers or {"Accept": "application/sparql-results+json"})
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            with opener.open(request, timeout=5) as answer:
                if answer.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.02)
    return False


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate a child we started, then kill it if it does not go."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def oxigraph_binary() -> Path | None:
    """The `oxigraph` CLI (PyPI package `oxigraph`) beside this Python, else on PATH, else None."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    return Path(found) if found else None
