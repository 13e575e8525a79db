"""A knowledge graph of English children's social care."""

__version__ = "0.1.0"

import rdflib.plugins.sparql as _rdflib_sparql

# Never let rdflib dereference FROM / FROM NAMED / LOAD while evaluating SPARQL (pySHACL's
# SPARQL constraints run on rdflib): the graph must never fetch from the network.
_rdflib_sparql.SPARQL_LOAD_GRAPHS = False
