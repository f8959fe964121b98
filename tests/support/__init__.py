"""What the test folders share, in one importable package (``tests.support``) instead of path imports
between folders. Its fixture modules are plugins registered once, in tests/conftest.py:

- ``paths``: the checkout, the shared reference folder and the fixture files (``fixtures/``);
- ``stores``: copies of the project for the query layer, stores on every engine, an Oxigraph server;
- ``snapshot``: a snapshot of the real project, its store and network analysis (analysis, provenance, report);
- ``membership``: the reference CSVs, fresh builds of the membership parts, treaty check runs;
- ``engines``: answers compared across engines (the embedded ones, a server, Virtuoso);
- ``fiction``: a throw-away project with a fiction text ingested.
"""
