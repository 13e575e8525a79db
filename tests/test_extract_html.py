"""ModernGov-style HTML: block structure kept, scripts dropped, same facts as the text version."""

from __future__ import annotations

from pathlib import Path

from kg.ingest.extract import extract
from kg.ingest.extract_json import to_json
from kg.ingest.gazetteer import build_gazetteer
from kg.ingest.html_text import html_to_text
from kg.ingest.reader import read_document

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "tests" / "fixtures" / "minutes" / "html" / "haringey_cabinet_item_321.html"
TEXT = ROOT / "data" / "minutes" / "004_716b7456e7929a64.txt"


def test_html_to_text_keeps_blocks_and_drops_scripts():
    text, origin = html_to_text("<html><head><script>x()</script><style>p{}</style></head><body>"
                                "<h2>Minutes:</h2><p>Cllr  A&amp;B asked &#8216;why&#8217;.</p>"
                                "<ul><li>one</li><li>two <b>bold</b></li></ul><p>RESOLVED</p></body></html>")
    assert text == "Minutes:\n\nCllr A&B asked ‘why’.\n\n· one\n\n· two bold\n\nRESOLVED"
    assert origin[0] == (0, 1, 67)


def test_html_gives_the_same_facts_as_its_text():
    gaz = build_gazetteer(None)
    html_source = read_document(HTML)
    from_html = to_json(extract(html_source, gaz))
    from_text = to_json(extract(read_document(TEXT), gaz))
    assert html_source.media_type == "text/html"
    assert "tracking" not in html_source.text
    for kind, fields in [("decisions", ("text",)), ("questions", ("asker", "answerer", "text")),
                         ("legislation", ("act", "section", "iri")), ("amounts", ("value",)),
                         ("figures", ("value", "measures"))]:
        assert [tuple(x[f] for f in fields) for x in from_html[kind]] == [tuple(x[f] for f in fields) for x in from_text[kind]], kind
    assert {(p["name"], p["role"], p["kind"]) for p in from_html["people"]} == {
        (p["name"], p["role"], p["kind"]) for p in from_text["people"]}
    assert {b["iri"] for b in from_html["bodies"]} == {b["iri"] for b in from_text["bodies"]}
    assert from_html["document"] == from_text["document"]
    assert len(from_html["decisions"]) == 7


def test_html_spans_index_the_stored_text():
    gaz = build_gazetteer(None)
    source = read_document(HTML)
    data = to_json(extract(source, gaz))
    text = source.text
    assert text[slice(*data["decisions"][2]["span"])] == "The increase in the rate of Section 47 enquiries (paragraph 6.17);"
    assert [text[slice(*c["span"])] for c in data["legislation"]] == ["Section 47"]
    assert text[slice(*data["questions"][0]["span"])] == "In response to questions from Cllr Cawley-Harrison, it was noted that:"
    for offset, line, column in source.origin:
        assert 0 <= offset <= len(text) and line >= 1 and column >= 0
