"""The facade stays callable: importing the layers never replaces minegraph.query, validate or trace."""

import importlib
import pkgutil

import minegraph

FACADE = ("query", "run_query", "sparql", "session", "Session", "open_store", "validate", "trace", "network")


def test_the_facade_functions_survive_importing_every_module():
    for module in pkgutil.walk_packages(minegraph.__path__, "minegraph."):
        if module.name != "minegraph.__main__":
            importlib.import_module(module.name)
    for name in FACADE:
        assert callable(getattr(minegraph, name)), f"minegraph.{name} is shadowed by a subpackage"


def test_importing_minegraph_loads_nothing_heavy():
    import subprocess
    import sys

    code = "import sys, minegraph; print(sorted(m for m in ('rdflib', 'pyoxigraph', 'networkx', 'pyshacl') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_validate_through_the_facade(project):
    report = minegraph.validate(project, shacl=False)
    assert report.conforms, [f.message for f in report.findings][:5]
