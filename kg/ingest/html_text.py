"""Turn ModernGov-style HTML into plain text that keeps block structure (paragraphs, list items).

Uses only the standard library's html.parser. Scripts and styles are dropped; block elements end
a line; list items start with a bullet so the extractor sees the same shapes as in plain text
minutes. Each run of text records where it came from, so a stored-text offset can be traced
back to a line and column of the HTML file.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

_BLOCK = {
    "p", "div", "br", "li", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "blockquote", "pre", "dt", "dd", "hr", "title",
}
_SKIP = {"script", "style", "head", "noscript", "template"}
_CELL = {"td", "th"}
_SPACES = re.compile(r"[ \t\r\n\f]+")


class _TextBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.origin: list[tuple[int, int, int]] = []
        self.skip_depth = 0
        self.newlines = 0  # newlines at the end of the text so far

    def _emit(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)
            stripped = text.rstrip("\n")
            self.newlines = (self.newlines if not stripped else 0) + len(text) - len(stripped)

    def _break(self, count: int) -> None:
        """End the current line or paragraph, never stacking more than `count` newlines."""
        if self.length:
            if self.parts and self.parts[-1].endswith(" ") and not self.newlines:
                self.parts[-1] = self.parts[-1].rstrip(" ")
                self.length = sum(len(p) for p in self.parts)
            self._emit("\n" * max(0, count - self.newlines))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "li":
            self._break(2)
            self._emit("· ")
        elif tag in _BLOCK:
            self._break(1 if tag == "br" else 2)
        elif tag in _CELL and self.length and not self.newlines:
            self._emit(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self._break(1)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK:
            self._break(2)

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        text = unicodedata.normalize("NFC", _SPACES.sub(" ", data))
        if self.newlines or not self.length:
            text = text.lstrip(" ")
        if not text:
            return
        line, column = self.getpos()
        self.origin.append((self.length, line, column))
        self._emit(text)


def html_to_text(html: str) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    """Plain text with blank lines between blocks, plus (offset, line, column) origins.

    Offsets in the origin table index the returned text, which is what gets stored.
    """
    builder = _TextBuilder()
    builder.feed(html)
    builder.close()
    builder._break(0)
    text = "".join(builder.parts).rstrip("\n ")
    return text, tuple(builder.origin)
