"""minegraph: a linked-data knowledge graph of the Anti-Personnel Mine Ban Convention.

Data flows one way: sources (curation/) → RDF graph (graph/*.ttl) → store → validation,
queries, analysis and export.
"""

__version__ = "0.1.0"
