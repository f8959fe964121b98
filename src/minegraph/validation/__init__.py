"""Validation: the SHACL shapes and the checks SHACL cannot express, one report.

Two engines give the same findings: ``sparql`` (default: the shapes compiled to SPARQL, run over one
Oxigraph store, :mod:`minegraph.validation.sparql`) and ``pyshacl`` (the reference: pySHACL over rdflib,
:mod:`minegraph.validation.pyshacl`). Both run the one definition of each check in ``checks/`` (a profile
row, a ``.rq`` and a wording function) and return ``findings`` (one ``Finding`` per problem); ``render``
words them for people and ``record`` remembers a conforming run by its inputs' digest.
"""

from minegraph.errors import InputError

ENGINES = ("sparql", "pyshacl")


def validate(project, *, engine: str = "sparql", checks=None, shacl: bool = True):
    """Validate a project's ``ontology/`` + ``graph/*.ttl`` with ``engine``; a ValidationReport."""
    if engine == "pyshacl":
        from minegraph.validation.pyshacl import validate as run  # lazy: pySHACL and rdflib take a second
    elif engine == "sparql":
        from minegraph.validation.sparql import validate_sparql as run  # lazy: the engine chosen only
    else:
        raise InputError(project.root, f"unknown validation engine {engine!r}; expected one of {', '.join(ENGINES)}")
    return run(project, checks=checks, shacl=shacl)
