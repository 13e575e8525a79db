"""The HTTP side of a remote store: the `--store URL` syntax and a strict SPARQL 1.1 client.

A remote store is reached with the standard library only (urllib), so the product gains no
dependency. The client is strict on purpose:

* every request has a deadline for the whole exchange (default 60 s), not just per socket read,
  so a server that trickles bytes cannot hold a command for ever;
* a refused connection, an HTTP error, a redirect or an unexpected media type is a `KgError`
  that names the URL (never a raw traceback), with the server's own message, truncated;
* redirects are not followed: a POST silently turned into a GET by a redirect would lose the
  update, and the URL the user gave should be the one that answers;
* a body that arrives short (http.client's IncompleteRead) is an error. The Oxigraph server's
  query timeout answers HTTP 200 and then writes "The SPARQL operation has been cancelled" into
  the body (security-anchors §0 finding 7), which only the results parser can notice; that is
  done in `kg.sparql_results`.

Store URL syntax (documented in the README by the lead)::

    http[s]://HOST[:PORT][/PATH][?query=Q&update=U&store=S&union=param|native&timeout=SECONDS]

`Q`, `U` and `S` are the SPARQL query, SPARQL update and Graph Store Protocol endpoints. They
default to `query`, `update` and `store` and are resolved against `PATH/`; a value starting
with `/` is a path on the same host. So `http://127.0.0.1:7878` is an Oxigraph server
(`/query`, `/update`, `/store`) and `http://127.0.0.1:3030/kg?store=data&union=native` is an
Apache Jena Fuseki dataset `kg` (`/kg/query`, `/kg/update`, `/kg/data`).

`union` says how the default graph becomes the union of the named graphs (the product's
queries rely on it): `param` (default) sends Oxigraph's `union-default-graph` query
parameter; `native` sends nothing, for servers whose default graph already is the union
(Fuseki/TDB2 with `tdb2:unionDefaultGraph true`, GraphDB, Virtuoso). With `native`, a query
asked with `union=False` still sees the union: those servers cannot switch it per query.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from kg.errors import KgError

DEFAULT_TIMEOUT_S = 60.0
MESSAGE_LIMIT = 500  # characters of a server's error body quoted in a KgError
UNION_MODES = ("param", "native")
_OPTIONS = ("query", "update", "store", "union", "timeout")
_CHUNK = 1 << 16


def is_remote_spec(spec: object) -> bool:
    """True for a `--store` value that names an HTTP(S) endpoint rather than a folder."""
    return isinstance(spec, str) and spec.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Endpoints:
    """Where a remote store's three services live, and how it unions the default graph."""

    query: str
    update: str
    store: str
    union: str = "param"
    timeout: float = DEFAULT_TIMEOUT_S

    @property
    def label(self) -> str:
        """The query endpoint, used as the store's name in messages."""
        return self.query


def parse_spec(spec: str, *, timeout: float | None = None) -> Endpoints:
    """Turn a `--store http://...` value into endpoints, refusing anything ambiguous."""
    parts = urllib.parse.urlsplit(spec)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise KgError(f"not an http(s) store URL: {spec!r}", where="--store")
    if parts.username or parts.password:
        raise KgError("credentials in the store URL are not supported (they would appear in messages)",
                      where="--store")
    if parts.fragment:
        raise KgError(f"a store URL has no #fragment: {spec!r}", where="--store")
    try:
        options = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query)))
    except ValueError as exc:
        raise KgError(f"cannot read the store URL's options: {exc}", where="--store") from exc
    unknown = sorted(set(options) - set(_OPTIONS))
    if unknown:
        raise KgError(f"unknown store URL option {unknown[0]!r}; known: {', '.join(_OPTIONS)}", where="--store")
    union = options.get("union", "param")
    if union not in UNION_MODES:
        raise KgError(f"union={union!r}; use one of: {', '.join(UNION_MODES)}", where="--store")
    seconds = timeout if timeout is not None else _seconds(options.get("timeout"))
    origin = f"{parts.scheme.lower()}://{parts.netloc}"
    base = origin + parts.path.rstrip("/") + "/"

    def endpoint(name: str) -> str:
        value = options.get(name, name)
        if not value or "://" in value or "?" in value or "#" in value:
            raise KgError(f"{name}={value!r}: give a path on the same server", where="--store")
        return origin + value if value.startswith("/") else base + value

    return Endpoints(endpoint("query"), endpoint("update"), endpoint("store"), union, seconds)


def _seconds(text: str | None) -> float:
    if text is None:
        return DEFAULT_TIMEOUT_S
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 86_400:
        raise KgError(f"timeout={text!r}: give seconds, more than 0", where="--store")
    return value


class HttpStatusError(KgError):
    """The server answered with an HTTP error status (kept, so a caller can tell 400 from 500)."""

    def __init__(self, message: str, where: str, status: int) -> None:
        super().__init__(message, where)
        self.status = status


@dataclass(frozen=True)
class Response:
    """A complete 2xx answer: status, media type (no parameters) and the whole body."""

    status: int
    media_type: str
    body: bytes
    url: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None  # urllib then raises HTTPError with the 3xx status


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SparqlHttp:
    """Sends one request at a time and returns the whole body, or raises a KgError."""

    def __init__(self, endpoints: Endpoints) -> None:
        self.endpoints = endpoints
        host = urllib.parse.urlsplit(endpoints.query).hostname or ""
        # Loopback never goes through an HTTP proxy from the environment; other hosts do.
        proxies = {} if _is_loopback(host) else urllib.request.getproxies()
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler(proxies), _NoRedirect())

    def post(
        self,
        url: str,
        body: bytes,
        content_type: str,
        *,
        accept: str | None = None,
        params: list[tuple[str, str]] | None = None,
    ) -> Response:
        """POST `body` to `url` (plus query parameters); the answer must be 2xx and complete."""
        full = url + ("?" + urllib.parse.urlencode(params) if params else "")
        headers = {"Content-Type": content_type, "User-Agent": "csc-kg"}
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(full, data=body, headers=headers, method="POST")
        timeout = self.endpoints.timeout
        deadline = time.monotonic() + timeout
        try:
            with self._opener.open(request, timeout=timeout) as answer:
                data = _read_all(answer, deadline, timeout, url)
                media = answer.headers.get_content_type()
                return Response(answer.status, media, data, url)
        except urllib.error.HTTPError as exc:
            raise HttpStatusError(_http_error_message(exc), url, exc.code) from exc
        except urllib.error.URLError as exc:
            raise KgError(_unreachable_message(exc.reason, timeout), where=url) from exc
        except http.client.IncompleteRead as exc:
            raise KgError(f"the server closed the connection after {len(exc.partial)} bytes of the answer "
                          "(incomplete response)", where=url) from exc
        except (TimeoutError, socket.timeout) as exc:
            raise KgError(f"no answer within {timeout:g} s (timeout)", where=url) from exc
        except (http.client.HTTPException, OSError) as exc:
            raise KgError(f"the connection failed: {exc}", where=url) from exc


def _read_all(answer: http.client.HTTPResponse, deadline: float, timeout: float, url: str) -> bytes:
    chunks: list[bytes] = []
    while True:
        if time.monotonic() > deadline:
            raise KgError(f"the answer took longer than {timeout:g} s (timeout)", where=url)
        chunk = answer.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _http_error_message(exc: urllib.error.HTTPError) -> str:
    try:
        raw = exc.read()
    except (OSError, http.client.HTTPException):
        raw = b""
    finally:
        exc.close()
    text = " ".join(raw.decode("utf-8", errors="replace").split())
    if len(text) > MESSAGE_LIMIT:
        text = text[:MESSAGE_LIMIT] + "…"
    head = f"the server answered HTTP {exc.code} {exc.reason}"
    if 300 <= exc.code < 400:
        location = exc.headers.get("Location", "?") if exc.headers else "?"
        return f"{head} (a redirect to {location}; redirects are not followed, give that URL in --store)"
    return f"{head}: {text}" if text else head


def _unreachable_message(reason: object, timeout: float) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "cannot connect: connection refused (is the SPARQL server running?)"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s (timeout)"
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve the host name: {reason.strerror or reason}"
    return f"cannot connect: {reason}"
