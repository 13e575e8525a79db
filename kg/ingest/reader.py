"""Read one minutes document safely: refuse what is not text, normalise what is.

Documents are untrusted input. We refuse, with a KgError naming the file:
- empty files (nothing to extract, almost always a failed download);
- files over MAX_DOCUMENT_BYTES (5 MB; real minutes pages are tens of KB, and the extractor's
  regular expressions are linear but we keep memory and run time bounded);
- binary files: any NUL byte, or more than 1% control characters after decoding;
- text that is not UTF-8. We accept UTF-8 and UTF-8 with a BOM only. We do NOT guess cp1252 or
  Latin-1: almost any byte string "decodes cleanly" as cp1252, so a guess would silently store
  mojibake whose offsets and sha256 then look authoritative. Re-save the file as UTF-8 instead.

The stored text (kg:text) is normalised before any offset is taken: NFC, CRLF and lone CR to LF.
HTML (.html/.htm) is converted to text first (kg.ingest.html_text) and the text is what spans
index.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from kg.errors import KgError
from kg.ingest.html_text import html_to_text
from kg.ingest.model import SourceText
from kg.ingest.sidecar import read_sidecar, sidecar_path

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_CONTROL_RATIO = 0.01
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
DOCUMENT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
_ALLOWED_CONTROLS = {"\n", "\t", "\f", "\r"}


def read_document(path: Path, meta_path: Path | None = None) -> SourceText:
    """Read, check and normalise a document and its sidecar (`meta_path` overrides `<stem>.json`)."""
    path = Path(path)
    where = str(path)
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        raise KgError(f"not a minutes document (expected {', '.join(DOCUMENT_SUFFIXES)})", where)
    if not path.is_file():
        raise KgError("no such file", where)
    size = path.stat().st_size
    if size == 0:
        raise KgError("document is empty", where)
    if size > MAX_DOCUMENT_BYTES:
        raise KgError(f"document is {size} bytes, over the {MAX_DOCUMENT_BYTES}-byte limit", where)
    raw = path.read_bytes()
    text = decode_text(raw, where)
    origin: tuple[tuple[int, int, int], ...] = ()
    media_type = "text/plain"
    if suffix in HTML_SUFFIXES:
        text, origin = html_to_text(normalise(text))
        media_type = "text/html"
    text = normalise(text)
    if not text.strip():
        raise KgError("document has no text", where)
    meta = read_sidecar(meta_path if meta_path is not None else sidecar_path(path))
    return SourceText(
        doc_id=path.stem,
        path=path,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        meta=meta,
        media_type=media_type,
        origin=origin,
    )


def decode_text(raw: bytes, where: str) -> str:
    """UTF-8 (with or without BOM) or a KgError; binary content is refused before decoding."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise KgError("encoded as UTF-16, not UTF-8; re-save the document as UTF-8", where)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise KgError(f"binary file (NUL byte at offset {nul})", where)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KgError(
            f"not UTF-8 (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "re-save the document as UTF-8",
            where,
        ) from exc
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    if controls > MAX_CONTROL_RATIO * len(text):
        raise KgError(f"binary file ({controls} control characters in {len(text)})", where)
    return text


def normalise(text: str) -> str:
    """The one normalisation offsets are taken after: NFC, and every line break as LF."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
