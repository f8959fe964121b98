"""What the test folders share, in one importable package (``tests.support``) instead of path imports between
folders or imports of a conftest. The plugins (fixtures and hooks every folder sees, registered once in
tests/conftest.py):

- ``write_audit``: no test writes outside its tmp_path;
- ``collection``: which test files were collected (tests/architecture/test_collection.py);
- ``stores``: copies of the project for the query layer, stores on every engine, an Oxigraph server;
- ``snapshot``: a snapshot of the real project, its store and network analysis (analysis, provenance, report);
- ``membership``: the reference CSVs, fresh builds of the membership parts, treaty check runs.

The helpers, imported where used:

- ``paths``: the checkout, the shared reference folder and the fixture files (``fixtures/``);
- ``engines``: answers compared across engines (the embedded ones, a server, Virtuoso), the Virtuoso push command;
- ``endpoint``: the publish endpoint in a child process, HTTP requests to it, a browser wait;
- ``fiction``: fiction ingested into a throw-away project, a draft as a reviewer leaves it;
- ``processes``: a process's children, whether it runs, its CPU time, its query workers;
- ``release``: what the release holds, read with rdflib (the export tests' yardstick).
"""
