"""The shared reference data (curation/reference/) as checked rows and RDF nodes for the parts.

Modules: ``csv_tables`` (the reference CSVs read into typed rows), ``fact_sources`` (per-fact citations from
field_sources.csv), ``readings`` (curated readings of free-text cells, each checked against its cell),
``nodes`` (RDF for the records of curation/membership.toml). May import core and the rest of assemble only."""
