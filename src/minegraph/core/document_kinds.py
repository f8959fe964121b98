"""The kinds of source document ``minegraph ingest --kind`` accepts and the ontology class each is recorded
as: here, not in :mod:`minegraph.ingest`, so every command's argument parser can offer the choices without
importing the extractor (about 60 ms at each start)."""

from __future__ import annotations

#: Kinds of source document (``--kind``) and the ontology class each is recorded as.
KINDS = {
    "news": "NewsArticle",
    "press-release": "OfficialStatement",
    "official-statement": "OfficialStatement",
    "parliamentary-record": "LegalText",
    "report": "Report",
}
