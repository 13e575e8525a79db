"""Stable IRIs derived from the things themselves, so a rebuild mints the same ones."""

from __future__ import annotations

import re
import unicodedata

from kg.namespaces import GRAPH, KGID

_APOSTROPHES = re.compile(r"['\u2018\u2019`]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-': "Children's Services" -> "childrens-services"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = _APOSTROPHES.sub("", ascii_text.replace("\u2019", "'")).lower()
    return _NON_WORD.sub("-", ascii_text).strip("-") or "unnamed"


def node(*parts: str) -> str:
    """An IRI under kgid: from already-slugged path parts."""
    return str(KGID) + "/".join(parts)


def doc_graph(doc_id: str) -> str:
    """The named graph that holds everything extracted from one document."""
    return f"{GRAPH}doc/{doc_id}"


def data_graph(relative_path: str) -> str:
    """The named graph of one curated file, named by its path under data/ (or ontology/)."""
    return f"{GRAPH}{relative_path}"
