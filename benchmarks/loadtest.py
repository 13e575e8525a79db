"""Load a running `kg serve` (or any server) on loopback with N concurrent clients.

Why a script beside `kg bench`: to re-check one page or endpoint after a change without the
whole benchmark. It reuses kg.bench_web.run_load (threads, one keep-alive connection each,
bounded in request count and time) and refuses any host but loopback.

    .venv/bin/python benchmarks/loadtest.py --port 8000 --path '/entity?iri=...' --clients 16
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from kg.bench_web import run_load

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--path", action="append", required=True, help="Path to GET (repeatable; round-robin).")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000, help="At most this many requests in total.")
    parser.add_argument("--seconds", type=float, default=20.0, help="At most this long.")
    parser.add_argument("--accept", default="text/html")
    args = parser.parse_args(argv)
    if args.host not in LOOPBACK:
        parser.error("only loopback hosts are allowed")
    figures = run_load(args.host, args.port, args.path, clients=args.clients, max_requests=args.requests,
                       max_s=args.seconds, headers={"Accept": args.accept})
    print(json.dumps(asdict(figures)))
    return 0 if figures.errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
