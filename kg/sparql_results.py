"""Turn a SPARQL endpoint's answer into the pyoxigraph objects the embedded store returns.

Callers check `isinstance(result, ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples)`, so a
remote store must hand back those very classes. pyoxigraph's own parsers make them:
`parse_query_results` gives QuerySolutions and QueryBoolean; for CONSTRUCT and DESCRIBE the
triples are parsed with `pyoxigraph.parse` and re-emitted by a throwaway in-memory store, the
only way to obtain a genuine QueryTriples from Python.

A result is parsed to the end *before* it is returned. pyoxigraph parses lazily, and the
Oxigraph server's timeout answers HTTP 200 with a truncated body (security-anchors §0 finding 7):
`{"head":…,"results":{"bindings":[…The SPARQL operation has been cancelled`. Parsed lazily, that
would give the caller some rows and then an exception half-way through a table, or, worse, a
short answer that looks complete. Parsed eagerly, it is one clear KgError. JSON results are
preferred because the format is self-delimiting; the XML results parser accepts a document
without its closing tags, so XML must also end with `</sparql>`. TSV and CSV are not accepted:
a cut at a line end is undetectable. N-Triples is accepted for graphs (every server offers it,
and Oxigraph's cancellation text is not a triple, so it fails to parse).
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.errors import KgError
from kg.sparql_http import Response

#: Offered on every query: the server picks the kind that fits the query form.
ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
          "application/n-triples;q=0.9, text/turtle;q=0.8")

Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

_RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}
_GRAPHS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # old servers label N-Triples this way
    "text/turtle": ox.RdfFormat.TURTLE,
}


def parse_answer(response: Response) -> Result:
    """The answer as QuerySolutions, QueryBoolean or QueryTriples; KgError if it is not whole."""
    results_format = _RESULTS.get(response.media_type)
    if results_format is not None:
        return _results(response, results_format)
    graph_format = _GRAPHS.get(response.media_type)
    if graph_format is not None:
        return _triples(response, graph_format)
    raise KgError(f"the server answered with {response.media_type!r}, not SPARQL results or N-Triples "
                  f"({_excerpt(response.body)})", where=response.url)


def solutions(response: Response) -> ox.QuerySolutions:
    """An answer that must be a SELECT's solutions (for the store's own queries)."""
    answer = parse_answer(response)
    if not isinstance(answer, ox.QuerySolutions):
        raise KgError(f"expected SELECT results, got {type(answer).__name__}", where=response.url)
    return answer


def _results(response: Response, fmt: ox.QueryResultsFormat) -> ox.QuerySolutions | ox.QueryBoolean:
    if fmt == ox.QueryResultsFormat.XML and not response.body.rstrip().endswith(b"</sparql>"):
        raise _incomplete(response, "the XML document has no closing </sparql>")
    problem = _read_to_the_end(response.body, fmt)
    if problem is not None:
        raise _incomplete(response, problem)
    return ox.parse_query_results(response.body, fmt)  # a fresh iterator for the caller


def _read_to_the_end(body: bytes, fmt: ox.QueryResultsFormat) -> str | None:
    """Parse every solution once; the parser's complaint, or None when the body is whole.

    The parser object never outlives this call, nor is it kept alive by a traceback: pyoxigraph
    iterators are "unsendable", and one collected later on another thread (a web server's)
    raises "is being dropped on another thread".
    """
    try:
        parsed = ox.parse_query_results(body, fmt)
        if isinstance(parsed, ox.QuerySolutions):
            for _ in parsed:
                pass
        del parsed
    except (SyntaxError, ValueError) as exc:
        return str(exc)
    return None


def _triples(response: Response, fmt: ox.RdfFormat) -> ox.QueryTriples:
    problem, quads = _parse_graph(response.body, fmt)
    if problem is not None:
        raise _incomplete(response, problem)
    scratch = ox.Store()
    scratch.extend(quads)
    result = scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples)
    return result


def _parse_graph(body: bytes, fmt: ox.RdfFormat) -> tuple[str | None, list[ox.Quad]]:
    """All triples as default-graph quads, or the parser's complaint (see `_read_to_the_end`)."""
    try:
        return None, [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in ox.parse(body, fmt)]
    except (SyntaxError, ValueError) as exc:
        return str(exc), []


def _incomplete(response: Response, detail: str) -> KgError:
    return KgError(
        "the server's answer is incomplete or malformed, so it is not used (a server-side timeout "
        f"can cut a result short): {detail}; the body ends with {_excerpt(response.body[-120:])}",
        where=response.url,
    )


def _excerpt(body: bytes) -> str:
    text = " ".join(body.decode("utf-8", errors="replace").split())
    return repr(text[:200] + ("…" if len(text) > 200 else ""))
