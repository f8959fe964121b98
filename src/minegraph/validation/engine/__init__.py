"""SHACL Core shapes compiled to SPARQL and run where the data is, on a pyoxigraph store.

``validate_store(store, shapes_path)`` returns the same findings as pySHACL (focus, path, constraint
component, message) without rdflib: the shapes are read with pyoxigraph, compiled once into one query per
constraint (cached by the SHA-256 of the shapes file) and evaluated by Oxigraph.
"""

from .cache import compile_shapes, compiled_shapes, shapes_digest
from .compiler import CompiledConstraint
from .engine import Finding, load_store, validate_store
from .shapes import ShapesError

__all__ = ["CompiledConstraint", "Finding", "ShapesError", "compile_shapes", "compiled_shapes", "load_store",
           "shapes_digest", "validate_store"]
