"""Publishing the graph as linked data: a guarded SPARQL endpoint, a query page, and IRIs that resolve.

``server.serve`` runs the HTTP app (:mod:`.app`, Starlette on uvicorn); queries are evaluated by
pyoxigraph in supervised worker processes (:mod:`.pool`, :mod:`.worker`) that are killed and
replaced when a query runs past its time or crashes. The release export is in ``publish.export``.
"""
