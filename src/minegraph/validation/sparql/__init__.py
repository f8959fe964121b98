"""The default validation engine: SHACL Core shapes compiled to SPARQL and run where the data is, on one
pyoxigraph store, beside the checks of :mod:`minegraph.validation.checks` (``run``: ``validate_sparql``).

``validate_store(store, shapes_path)`` returns the same results as pySHACL (focus, path, constraint
component, message) without rdflib: the shapes are read with pyoxigraph, compiled once into one query per
constraint (``compiler``, ``values`` and ``focus``: one method per component, each linking its section of the
SHACL specification; cached by the SHA-256 of the shapes file by ``cache``) and evaluated by Oxigraph
(``engine``); ``load`` is the store of a project's files. Beside them: ``shapes`` (the shapes graph, indexed),
``vocab`` (the IRIs the compiler reads), ``components`` (what the components share, which terms are refused),
``patterns`` (violation patterns as SPARQL), ``paths`` (SHACL property paths), ``sources`` (the derived integer
datatypes Oxigraph folds, read back from the files).
"""

from .cache import compile_shapes, compiled_shapes, shapes_digest
from .compiler import CompiledConstraint
from .engine import Result, validate_store
from .run import load, validate_sparql
from .shapes import ShapesError

__all__ = [
    "CompiledConstraint",
    "Result",
    "ShapesError",
    "compile_shapes",
    "compiled_shapes",
    "load",
    "shapes_digest",
    "validate_sparql",
    "validate_store",
]
