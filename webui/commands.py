"""`kg serve`: run the web UI and SPARQL endpoint under waitress, or print one page (`--get`).

waitress is the production server: one process, several threads, so the one read-write
Oxigraph store is opened once. `--debug` uses Flask's development server with the debugger,
and only on a loopback address (the Werkzeug debugger executes code for whoever reaches it).
`--get PATH` runs one request through the test client and prints the body, exiting 0 on 200
and 1 otherwise, as `datasette --get` does, so pages can be scripted and checked without a server.
"""

from __future__ import annotations

import sys

import click

from kg.cli_options import store_option
from kg.errors import KgError
from kg.store import KgStore, open_store

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def get_page(store_spec: str | None, path: str) -> tuple[int, bytes]:
    """One GET through the test client; the store is released before returning (one opener per folder)."""
    from webui import create_app

    app = create_app(store=open_store(store_spec, create=False))
    try:
        response = app.test_client().get(path)
        return response.status_code, response.get_data()
    finally:
        app.extensions.pop("kg", None)


@click.command("serve")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--debug", is_flag=True, help="Flask's development server with the debugger (loopback only).")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="waitress worker threads.")
@click.option("--get", "get_path", metavar="PATH", help="Print the body of one page (e.g. /acts?format=json) and exit.")
def serve(store_spec: str | None, host: str, port: int, debug: bool, threads: int, get_path: str | None) -> None:
    """Serve the web pages and the read-only SPARQL endpoint (/sparql)."""
    from webui import create_app

    if get_path:
        status, body = get_page(store_spec, get_path)
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
        sys.exit(0 if status == 200 else 1)
    store = open_store(store_spec, create=False)
    app = create_app(store=store)
    if debug:
        if host not in LOOPBACK:
            raise KgError("--debug is only allowed on a loopback --host (the debugger runs code)", where="--host")
        app.run(host=host, port=port, debug=True, use_reloader=False)
        return
    import waitress

    click.echo(f"serving {store.path} on http://{host}:{port}/ (SPARQL at /sparql); Ctrl-C to stop")
    waitress.serve(app, host=host, port=port, threads=threads, ident="kg")
