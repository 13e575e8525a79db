"""The SPARQL parse check, run as its own process: `python -m webui.sparql_parser`.

Reads one JSON string (a query text) per line on stdin and writes one JSON object per line:
`{"query": bool, "update": bool, "service": bool, "dataset": bool, "error": str}`.

Why a process: rdflib's pyparsing grammar needs about 40 Python frames per nesting level, so
parsing a 200-deep query needs a recursion limit near 10,000, and Python's limit is
process-wide; raised inside the server it made pySHACL validation (which recurses until
RecursionError) run for minutes. pyparsing is not thread-safe either. Here both problems stay
in a child that the server can kill and replace.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from typing import Any

RECURSION_LIMIT = 20_000
STACK_BYTES = 512 * 1024 * 1024


def comp_values(node: Any) -> Iterator[Any]:
    """Every rdflib CompValue in a parse tree, depth first, without recursion."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)) or type(item).__name__ == "ParseResults":
            stack.extend(item)


def check(text: str) -> dict[str, Any]:
    """What the parse says about one text."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    answer: dict[str, Any] = {"query": False, "update": False, "service": False, "dataset": False, "error": ""}
    try:
        names = {node.name for node in comp_values(parseQuery(text))}
        answer.update(query=True, service="ServiceGraphPattern" in names, dataset="DatasetClause" in names)
    except RecursionError:
        answer["error"] = "query too deeply nested to parse"
    except Exception as exc:  # pyparsing raises ParseException and friends
        answer["error"] = " ".join(str(exc).split())
        try:
            parseUpdate(text)
            answer["update"] = True
        except Exception:  # not an update either: a plain syntax error
            pass
    return answer


def _serve() -> None:
    for line in sys.stdin:
        try:
            text = json.loads(line)
            answer = check(text) if isinstance(text, str) else {"query": False, "update": False,
                                                                 "service": False, "dataset": False,
                                                                 "error": "expected a JSON string"}
        except ValueError:
            answer = {"query": False, "update": False, "service": False, "dataset": False, "error": "bad input"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


def main() -> None:
    """Serve requests on a thread with a big stack, so deep recursion cannot overflow it."""
    sys.setrecursionlimit(RECURSION_LIMIT)
    threading.stack_size(STACK_BYTES)
    worker = threading.Thread(target=_serve)
    worker.start()
    worker.join()


if __name__ == "__main__":
    main()
