"""The query language layer: SPARQL text (tokenized once, parameters bound as terms), RDF terms, results.

Modules: ``lexer`` (the one SPARQL tokenizer), ``text`` (the query form and parameter binding),
``defaults`` (a library file's parameter defaults), ``terms`` (typed parameter values, safe spelling),
``native`` (Python values from pyoxigraph terms), ``results`` (rows the same whatever the engine),
``guard`` (limits decided on the raw text), ``parse`` (the parse-only syntax check).
May import core only: it knows SPARQL, not stores."""
