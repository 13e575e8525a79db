"""Every list page has data twins: `?format=json` and `?format=csv` (one scheme everywhere).

JSON is `{"columns": [...], "rows": [{column: value}]}` with plain strings (IRIs and literal
values); CSV has the same columns. Spreadsheet formulas are neutralised in CSV cells (a leading
`'` before `= + - @`, tab or CR), because these files are opened in Excel by scrutiny staff.
The raw SPARQL endpoint keeps spec-exact CSV; this applies only to the UI's exports.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from flask import Response, abort, jsonify, request

FORMATS = ("html", "json", "csv")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

PlainRow = dict[str, str | None]


def requested_format(allowed: Sequence[str] = FORMATS) -> str:
    """The `format` parameter, "html" by default; 400 for anything not offered."""
    fmt = request.args.get("format", "html")
    if fmt not in allowed:
        abort(400, f"unknown format {fmt!r}; use one of: {', '.join(allowed)}")
    return fmt


def safe_cell(text: str | None) -> str:
    """A CSV cell a spreadsheet will not evaluate as a formula."""
    if not text:
        return ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_text(columns: Sequence[str], rows: Sequence[PlainRow]) -> str:
    """The rows as CSV text with a header line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
    return out.getvalue()


def twin(columns: Sequence[str], rows: Sequence[PlainRow], html: Callable[[], str], filename: str) -> Response:
    """The HTML page, or its JSON or CSV twin, as the `format` parameter asks."""
    fmt = requested_format()
    if fmt == "json":
        response = jsonify({"columns": list(columns), "rows": [{c: r.get(c) for c in columns} for r in rows]})
    elif fmt == "csv":
        response = Response(csv_text(columns, rows), mimetype="text/csv")
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    else:
        response = Response(html(), mimetype="text/html")
    return response
