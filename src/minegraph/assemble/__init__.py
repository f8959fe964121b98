"""Assemble the graph: curation/ (reference CSVs, per-source TOML) → graph/*.ttl, deterministic.

`builder` runs the registered `parts/` (`registry.@part`) and writes sorted Turtle; `records` reads curation
TOML with located errors; `reference/` turns the shared reference CSVs into nodes; `dataset` describes the data;
`source_registry` gives every fact's source a document IRI; `rdf` holds the parts' small shared helpers.
May import core only (the store reads what this writes; it does not call it)."""
