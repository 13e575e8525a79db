"""A knowledge graph of English children's social care."""

__version__ = "0.1.0"
