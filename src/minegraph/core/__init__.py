"""The bottom layer: what every other package needs and nothing of minegraph's own above it.

Modules: ``namespaces`` (prefixes and the instance-IRI scheme), ``project`` (where the files live),
``formats`` (the one format registry), ``rdf_io`` (RDF files read with precise errors, Turtle written
deterministically), ``files`` (atomic writes, directories swapped in one step, the build lock), ``anchors``
(quotes anchored in archived texts), ``treaty_rules`` (Articles 17 and 20 as date arithmetic),
``document_kinds`` (the kinds of source document), ``terminal`` (text made safe for a terminal).
May import :mod:`minegraph.errors` only."""
