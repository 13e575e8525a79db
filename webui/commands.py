"""`kg serve`: run the web UI and SPARQL endpoint under waitress, or print one page (`--get`).

Production topology (issue 8): one waitress process with threads holds the store read-write
(Oxigraph allows one such opener per folder, and the server never writes); user SPARQL runs in
`--query-workers` child processes that open the store read-only and are killed at the
`--query-timeout` deadline (**contract** option, default 30 s). So the two things that can
hurt a shared server, a runaway query and an engine crash, happen in a killable child, and the
threads only render pages from cheap, fixed queries. That is why there is no `--workers`:
several HTTP processes would each need their own query pool and could not open the store
read-write; if page rendering ever needs more than one core, run several `kg serve` behind a
proxy on copies of the store (see SECURITY.md).

`--debug` uses Flask's development server with the debugger, and only on a loopback address
(the Werkzeug debugger executes code for whoever reaches it). `--get PATH` runs one request
through the test client and prints the body, exiting 0 on 200 and 1 otherwise, as
`datasette --get` does; queries then run in-process (a one-shot local command needs no pool).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from kg.cli_options import store_option
from kg.errors import KgError
from kg.store import open_store

if TYPE_CHECKING:
    from flask import Flask

LOOPBACK = ("127.0.0.1", "localhost", "::1")
DEFAULT_QUERY_TIMEOUT = 30.0
DEFAULT_QUERY_WORKERS = 2
#: waitress limits: bodies as large as Flask accepts (MAX_CONTENT_LENGTH), headers (and so the
#: GET query string) at 64 KB; a longer query must be POSTed, as the SPARQL Protocol allows.
MAX_REQUEST_HEADER_BYTES = 64 * 1024


def make_server(app: Flask, host: str = "127.0.0.1", port: int = 0, threads: int = 8) -> Any:
    """The production waitress server for an app, with the request limits above."""
    import waitress

    return waitress.create_server(
        app, host=host, port=port, threads=threads, ident="kg",
        max_request_body_size=int(app.config["MAX_CONTENT_LENGTH"]),
        max_request_header_size=MAX_REQUEST_HEADER_BYTES)


def get_page(store_spec: str | None, path: str) -> tuple[int, bytes]:
    """One GET through the test client; the store is released before returning (one opener per folder)."""
    from webui import create_app

    app = create_app({"QUERY_WORKERS": 0}, store=open_store(store_spec, create=False))
    try:
        response = app.test_client().get(path)
        return response.status_code, response.get_data()
    finally:
        app.extensions.pop("kg", None)


@click.command("serve")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port, printed at start).")
@click.option("--debug", is_flag=True, help="Flask's development server with the debugger (loopback only).")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="waitress worker threads.")
@click.option("--query-timeout", "query_timeout", default=DEFAULT_QUERY_TIMEOUT, show_default=True,
              type=click.FloatRange(0.1, 3600), metavar="SECONDS",
              help="Stop a SPARQL query after this long (HTTP 503); its worker process is killed.")
@click.option("--query-workers", "query_workers", default=DEFAULT_QUERY_WORKERS, show_default=True,
              type=click.IntRange(1, 64), help="Worker processes running SPARQL queries (each opens the store read-only).")
@click.option("--get", "get_path", metavar="PATH", help="Print the body of one page (e.g. /acts?format=json) and exit.")
def serve(store_spec: str | None, host: str, port: int, debug: bool, threads: int, query_timeout: float,
          query_workers: int, get_path: str | None) -> None:
    """Serve the web pages and the read-only SPARQL endpoint (/sparql)."""
    from webui import create_app
    from webui.sparql_exec import start_query_pool, stop_query_pool

    if get_path:
        status, body = get_page(store_spec, get_path)
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        sys.exit(0 if status == 200 else 1)
    if debug and host not in LOOPBACK:
        raise KgError("--debug is only allowed on a loopback --host (the debugger runs code)", where="--host")
    store = open_store(store_spec, create=False)
    app = create_app({"QUERY_TIMEOUT": query_timeout, "QUERY_WORKERS": query_workers}, store=store)
    if debug:
        app.run(host=host, port=port, debug=True, use_reloader=False)
        return
    start_query_pool(app)
    server = make_server(app, host, port, threads)
    where = store.path if getattr(store, "path", None) else getattr(store, "url", "")
    click.echo(f"serving {where} on http://{host}:{server.effective_port}/ (SPARQL at /sparql; "
               f"queries stop after {query_timeout:g} s); Ctrl-C to stop", nl=True)
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:  # pragma: no cover - interactive stop
        pass
    finally:
        stop_query_pool(app)
