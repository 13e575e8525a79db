"""The Flask web UI and SPARQL endpoint."""
