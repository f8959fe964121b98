"""Scale: synthetic graphs of the real one's shape, and the bench that times minegraph on them (``make bench``).

Generators: ``synth`` (copies of the real graph; ``learned`` is what it reads from it, ``template`` the N-Triples
it writes, ``extras`` and ``reported`` the skewed extra statements) and ``crowd`` (a second, independent one).
Harness: ``harness`` picks sizes and writes results; ``sections`` holds what one size measures, in fresh
``measure`` processes running ``targets``, ``tasks``, ``disk`` and ``endpoint``; ``fit`` and ``growth`` give exponents, ``summary`` the figures, ``result_tables`` and ``page`` the tables and docs/performance.md,
``goals`` judges the targets, ``machine`` and ``progress`` describe and show the run. ``make loadtest``:
``loadtest``, ``loadmix``, ``loadserver``, ``loadreport``. May import every layer below cli."""
