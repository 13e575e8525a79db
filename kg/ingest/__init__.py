"""Minutes ingestion: from council documents to graph facts with provenance.

read → extract → graph → validate → store, one module per job:

- reader.py        read_document(): size/empty/binary/encoding checks, NFC + LF normalisation,
                   HTML via html_text.py, sidecar via sidecar.py (model.py holds the data classes)
- extract.py       extract(source, gazetteer) -> Extraction, pure; the finders it calls:
  meeting.py       document, meeting and agenda items (sidecar first, then the text)
  people.py        councillors, officers, co-opted members, posts without a name
  questions.py     questions, answers, statements
  decisions.py     RESOLVED / AGREED / "Resolved:" points (recommendations are not decisions)
  legislation.py   citations → legislation.gov.uk section IRIs (acts.py: the Act table)
  bodies.py        gazetteer matches, the meeting's council/committee, unknown bodies
  amounts.py       money (kg:MonetaryAmount) and figures (kg:Statistic); dates.py: dates
  topics.py        kg:about links (duties only when data/duties has them)
- gazetteer.py     names from data/bodies + data/councils (bodies, a council's posts and people,
                   kg:instanceOf), duties, the Act table
- extract_json.py  the `kg extract --json` contract
- to_rdf.py        extraction_to_graph(): the README "Minutes" shape, IRIs only, no blank nodes
- pipeline.py      ingest_paths(store, paths, progress) -> IngestSummary; load_folder_quads for build
- evaluate.py      precision / recall / F1 against tests/gold (bodies through kg:instanceOf)
- commands.py      `kg extract`, `kg ingest`, `kg eval`
"""
