"""Running SPARQL for /sparql, /query and the named-query pages: guard, limits, execution.

Order of events for every such query: the guard (webui.sparql_guard: length, nesting, SERVICE,
updates), then execution under the time limit (`QUERY_TIMEOUT`, `kg serve --query-timeout`):

* an on-disk store: in a pool of worker processes that open the store read-only and are
  killed at the deadline (webui.query_workers), because pyoxigraph cannot cancel a query;
* a remote store (kg.remote_store): the server runs it, and the HTTP client's timeout is the
  limit (a second RemoteStore handle with that timeout is kept for user queries);
* an in-memory store (tests) or `QUERY_WORKERS = 0`: in the request thread, with no hard limit
  (an in-memory store cannot be shared with another process).

The default graph is the union of the named graphs unless the query names its own dataset
(FROM / FROM NAMED) or the protocol's `default-graph-uri` / `named-graph-uri` do; those
override FROM, as the SPARQL 1.1 Protocol says. Graph IRIs are only graph names: nothing is
fetched. Over the limit the client gets 503 "query exceeded the N s limit", never a short
result.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from flask import Flask, Response, current_app
from werkzeug.exceptions import BadRequest, InternalServerError, ServiceUnavailable

from kg.errors import KgError
from kg.store import KgStore
from webui.context import get_store
from webui.query_jobs import decode_term, execute, make_job
from webui.query_workers import PoolBusy, QueryPool, QueryTimeout, WorkerFailed
from webui.sparql_guard import check_query

log = logging.getLogger(__name__)

POOL_KEY = "kg_query_pool"
REMOTE_KEY = "kg_query_remote"
_POOL_LOCK = threading.Lock()
CHUNK = 1 << 16


def timeout_message(limit: float) -> str:
    return f"query exceeded the {limit:g} s limit"


@dataclass
class Answer:
    """A finished job: its header, and the serialised body (a spool file or bytes) if any."""

    header: dict[str, Any]
    path: Path | None = None
    data: bytes | None = None

    def response(self, mimetype: str | None = None) -> Response:
        """The body as a streamed response (the spool file is unlinked once opened)."""
        media = mimetype or self.header["media"]
        if self.path is None:
            return Response(self.data or b"", mimetype=media)
        handle = open(self.path, "rb")  # noqa: SIM115 - closed by the generator
        size = os.fstat(handle.fileno()).st_size
        self.path.unlink(missing_ok=True)

        def chunks() -> Iterator[bytes]:
            with handle:
                while chunk := handle.read(CHUNK):
                    yield chunk

        response = Response(chunks(), mimetype=media, direct_passthrough=True)
        response.content_length = size
        return response

    def discard(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)

    @property
    def terms(self) -> list[list[Any]]:
        """Table mode: the rows kept, as pyoxigraph terms again."""
        return [[decode_term(t) for t in row] for row in self.header.get("rows", [])]


def graph_names(iris: Sequence[str], parameter: str) -> list[str]:
    """Protocol dataset IRIs, checked (400 for an invalid one)."""
    try:
        return [ox.NamedNode(i).value for i in iris]
    except ValueError as exc:
        raise BadRequest(f"{parameter}: not a valid IRI ({exc})") from exc


def run_user_query(text: str, mode: str, *, base_iri: str | None, default_graphs: Sequence[str] = (),
                   named_graphs: Sequence[str] = (), formats: Mapping[str, str] | None = None,
                   row_limit: int = 0) -> Answer:
    """Check and run a query from outside; 400/403 for refused text, 503 past the limit."""
    config = current_app.config
    checked = check_query(text, config["SPARQL_MAX_BYTES"], config["SPARQL_MAX_DEPTH"])
    dataset = bool(default_graphs or named_graphs)
    job = make_job(checked.text, mode, base_iri=base_iri, union=not checked.has_dataset_clause,
                   default_graphs=graph_names(default_graphs, "default-graph-uri") if dataset else None,
                   named_graphs=graph_names(named_graphs, "named-graph-uri") if dataset else None,
                   formats=formats, row_limit=row_limit)
    return run_job(job)


def run_named_query(text: str, mode: str, *, row_limit: int = 0) -> Answer:
    """A catalogue query (already bound): guarded too, always over the union default graph."""
    config = current_app.config
    checked = check_query(text, config["SPARQL_MAX_BYTES"], config["SPARQL_MAX_DEPTH"])
    return run_job(make_job(checked.text, mode, union=True, row_limit=row_limit))


def run_job(job: dict[str, Any]) -> Answer:
    """Execute where the store allows, under the limit; client errors become 400."""
    limit = float(current_app.config["QUERY_TIMEOUT"])
    store = get_store()
    pool = query_pool(current_app._get_current_object())  # type: ignore[attr-defined]
    if pool is not None:
        try:
            header, path = pool.run(job, limit)
        except QueryTimeout:
            log.warning("query killed at the %g s limit", limit)
            raise ServiceUnavailable(timeout_message(limit)) from None
        except PoolBusy:
            raise ServiceUnavailable(f"all {pool.size} query workers are busy; try again in a moment",
                                     retry_after=5) from None
        except WorkerFailed as exc:
            log.error("query worker failed: %s", exc)
            raise InternalServerError("the query could not be run (the query engine stopped)") from None
        answer = Answer(header, path)
    else:
        engine = _remote_for_queries(store, limit) if not isinstance(store, KgStore) else store.oxigraph
        out = io.BytesIO() if job["mode"] != "table" else None
        try:
            header = execute(engine, job, out)
        except KgError as exc:
            if "(timeout)" in str(exc):
                raise ServiceUnavailable(timeout_message(limit)) from None
            raise
        answer = Answer(header, None, out.getvalue() if out is not None else None)
    if not answer.header.get("ok"):
        status = int(answer.header.get("status", 500))
        message = str(answer.header.get("message", "query failed"))
        raise BadRequest(message) if status == 400 else InternalServerError(message)
    return answer


def _remote_for_queries(store: Any, limit: float) -> Any:
    """The RemoteStore's pyoxigraph-like handle, with the query limit as its HTTP timeout."""
    from kg.remote_store import RemoteStore

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    handle = app.extensions.get(REMOTE_KEY)
    if handle is None:
        assert isinstance(store, RemoteStore)
        endpoints = dataclasses.replace(store.endpoints, timeout=limit)
        handle = RemoteStore(endpoints, read_only=True).oxigraph
        app.extensions[REMOTE_KEY] = handle
    return handle


def query_pool(app: Flask) -> QueryPool | None:
    """The app's worker pool, started on first use; None when queries run in-process."""
    pool: QueryPool | None = app.extensions.get(POOL_KEY)
    if pool is not None:
        return pool
    store = app.extensions.get("kg")
    size = int(app.config.get("QUERY_WORKERS", 0))
    if size < 1 or not isinstance(store, KgStore) or store.path is None:
        return None
    with _POOL_LOCK:
        pool = app.extensions.get(POOL_KEY)
        if pool is None:
            pool = QueryPool(store.path, size)
            app.extensions[POOL_KEY] = pool
    return pool


def start_query_pool(app: Flask) -> QueryPool | None:
    """Start the pool now and wait until every worker has opened the store (for `kg serve`)."""
    pool = query_pool(app)
    if pool is not None:
        try:
            pool.wait_ready()
        except Exception as exc:
            pool.close()
            app.extensions.pop(POOL_KEY, None)
            raise KgError(f"query workers could not start: {exc}", where=str(pool.store_path)) from exc
    return pool


def stop_query_pool(app: Flask) -> None:
    pool: QueryPool | None = app.extensions.pop(POOL_KEY, None)
    if pool is not None:
        pool.close()
