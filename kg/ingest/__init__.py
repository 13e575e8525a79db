"""Minutes ingestion: from council documents to graph facts with provenance."""
