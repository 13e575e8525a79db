"""Read the `<stem>.json` sidecar that carries what the text may not say (council, date, URL)."""

from __future__ import annotations

import json
from pathlib import Path

from kg.errors import KgError
from kg.ingest.model import DocMeta

MAX_SIDECAR_BYTES = 64 * 1024
_FIELDS = ("source_url", "council", "committee", "meeting_date", "item_number", "title")


def sidecar_path(document: Path) -> Path:
    """The sidecar sits beside the document with the same stem."""
    return document.with_suffix(".json")


def read_sidecar(path: Path | None) -> DocMeta:
    """Parse a sidecar; a missing file gives empty metadata, a broken one a KgError naming it."""
    if path is None or not path.exists():
        return DocMeta()
    where = str(path)
    if path.stat().st_size > MAX_SIDECAR_BYTES:
        raise KgError(f"sidecar is larger than {MAX_SIDECAR_BYTES} bytes", where)
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise KgError(f"sidecar is not UTF-8 ({exc.reason} at byte {exc.start})", where) from exc
    except json.JSONDecodeError as exc:
        raise KgError(f"sidecar is not valid JSON: {exc.msg}", f"{where}:{exc.lineno}:{exc.colno}") from exc
    if not isinstance(data, dict):
        raise KgError("sidecar must be a JSON object", where)
    values: dict[str, str | None] = {}
    for name in _FIELDS:
        value = data.get(name)
        if value is not None and not isinstance(value, (str, int)):
            raise KgError(f"sidecar field {name!r} must be a string or null", where)
        values[name] = str(value).strip() or None if value is not None else None
    return DocMeta(**values)
