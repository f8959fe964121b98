"""The scale-out path: moving the graph to a SPARQL server when one machine's embedded store is not
enough. Server-specific loading lives here (:mod:`.virtuoso`); the generic SPARQL 1.1 client is
:mod:`minegraph.store.remote`."""
