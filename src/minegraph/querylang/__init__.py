"""The query language layer: SPARQL text (tokenized once, parameters bound as terms), RDF terms, results."""
