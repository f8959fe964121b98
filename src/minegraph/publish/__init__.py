"""Publishing the graph as linked data: a guarded SPARQL endpoint, a query page, and IRIs that resolve.

``server.serve`` runs the HTTP app (:mod:`.app`, Starlette on uvicorn); queries are evaluated by
pyoxigraph in supervised worker processes (:mod:`.pool`, :mod:`.worker`) that are killed and
replaced when a query runs past its time or crashes. The release export is in ``publish.export``.

Routes: ``protocol`` (``/query``, SPARQL 1.1 Protocol), ``negotiation`` (the result format from ``format=`` or
Accept), ``capped`` (answers cut at a row cap), ``description`` (the Service Description), ``dereference``
(``/id/…`` and ``/ontology``), ``entity`` and ``pages`` (an entity's RDF and HTML page), ``finding`` (search and
indexes), ``examples`` (the query page's examples), ``served`` and ``downloads`` (the release at ``/dist/``),
``review`` (a draft's review page), ``responses`` (error answers), ``settings`` (every guard's limit).
May import every layer below cli."""
