"""Reading untrusted documents: every refusal is a KgError that names the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.ingest import reader
from kg.ingest.reader import read_document


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "document is empty"),
    ("blank.txt", b"  \n\n \t\n", "document has no text"),
    ("nul.txt", b"RESOLVED\x00 that", "binary file (NUL byte at offset 8)"),
    ("controls.txt", b"\x01\x02\x03\x04 text" * 10, "binary file"),
    ("latin1.txt", "Councillor Jos\u00e9 asked".encode("latin-1"), "not UTF-8 (invalid byte 0xe9 at offset 14)"),
    ("utf16.txt", "RESOLVED".encode("utf-16"), "encoded as UTF-16, not UTF-8"),
    ("minutes.pdf", b"%PDF-1.4", "not a minutes document"),
])
def test_bad_documents_are_refused_with_the_file_named(tmp_path, name, data, message):
    path = write(tmp_path, name, data)
    with pytest.raises(KgError) as caught:
        read_document(path)
    assert caught.value.where == str(path)
    assert message in caught.value.message


def test_too_big_is_refused_before_reading(tmp_path, monkeypatch):
    path = write(tmp_path, "big.txt", b"a" * 101)
    monkeypatch.setattr(reader, "MAX_DOCUMENT_BYTES", 100)
    with pytest.raises(KgError, match=r"big\.txt: document is 101 bytes, over the 100-byte limit"):
        read_document(path)


def test_default_limit_is_five_megabytes(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(5 * 1024 * 1024 + 1)  # sparse: the size check must come before reading
    with pytest.raises(KgError, match="over the 5242880-byte limit"):
        read_document(path)


def test_missing_file(tmp_path):
    with pytest.raises(KgError, match="no such file"):
        read_document(tmp_path / "nope.txt")


@pytest.mark.parametrize("sidecar, message", [
    (b"{not json", "sidecar is not valid JSON"),
    (b"[1, 2]", "sidecar must be a JSON object"),
    (b'{"council": ["a"]}', "sidecar field 'council' must be a string or null"),
    (b'{"council": "Caf\xe9"}', "sidecar is not UTF-8"),
])
def test_bad_sidecar_is_a_kg_error_naming_the_sidecar(tmp_path, sidecar, message):
    doc = write(tmp_path, "m.txt", b"RESOLVED to note.")
    side = write(tmp_path, "m.json", sidecar)
    with pytest.raises(KgError) as caught:
        read_document(doc)
    assert str(side) in str(caught.value)
    assert message in caught.value.message


def test_normalisation_before_offsets(tmp_path):
    doc = write(tmp_path, "n.txt", "\ufeffCafe\u0301 line\r\nnext\rlast".encode("utf-8"))
    source = read_document(doc)
    assert source.text == "Caf\u00e9 line\nnext\nlast"
    assert source.doc_id == "n"
    import hashlib
    assert source.sha256 == hashlib.sha256(source.text.encode("utf-8")).hexdigest()


def test_sidecar_fields_missing_or_null_and_meta_override(tmp_path):
    doc = write(tmp_path, "s.txt", b"Minutes")
    write(tmp_path, "s.json", json.dumps({"council": "Xshire Council", "item_number": 7, "extra": 1}).encode())
    meta = read_document(doc).meta
    assert (meta.council, meta.committee, meta.item_number, meta.source_url) == ("Xshire Council", None, "7", None)
    other = write(tmp_path, "other.json", b'{"committee": "Cabinet"}')
    meta = read_document(doc, other).meta
    assert (meta.council, meta.committee) == (None, "Cabinet")
    (tmp_path / "s.json").unlink()
    assert read_document(doc).meta.council is None


def test_seed_sidecar_is_read():
    source = read_document(Path(__file__).resolve().parents[1] / "data" / "minutes" / "003_0ac8b5ab03480bfc.txt")
    assert (source.meta.council, source.meta.meeting_date) == ("Cheshire East Council", "2017-07-04")
