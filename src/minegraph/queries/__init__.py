"""The query layer's Python face: the ``.rq`` library read, run with typed parameters, written out.

Modules: ``library`` (the one reader of ``.rq`` files: ``queries/*.rq``, ``queries/internal/`` and other
packages' ``.rq`` folders through ``package_query``), ``run`` (library queries by name, ad-hoc SPARQL,
labels for display), ``writers`` (results as a terminal table, CSV/TSV/JSON, JSON lines, Turtle, JSON-LD),
``streaming`` (answers written row by row), ``unknown`` (warnings for parameters that name nothing),
``checked`` (library texts that passed the parse-only check, remembered beside the store).
May import core, querylang and store."""
