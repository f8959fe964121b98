"""``python -m benchmarks`` (``make bench``): the bench harness of :mod:`minegraph.bench.harness`.

It measures, for the real graph and synthetic graphs of 10^4, 10^5 and 10^6 triples (``--large``
adds 10^7), in fresh processes: load (pyoxigraph bulk_load, minegraph's store, rdflib), every
library query (first run, p50, p95) through ``run_query`` next to raw pyoxigraph and rdflib's
engine (capped), validation (minegraph's two engines, pySHACL and pyrudof alone, capped), network
analysis and peak memory, with growth exponents and same-run ratios (this harness replaces the older
side-by-side script benchmarks/validate_engines.py). What this file measured before (load, queries against rdflib, validation on the
real graph) is the ``real`` size of that run. ``--sizes real,1e4`` runs fewer sizes.
"""

from __future__ import annotations

import sys

from minegraph.bench.harness import main

if __name__ == "__main__":
    sys.exit(main())
