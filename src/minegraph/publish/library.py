"""The query library (``queries/*.rq``) as examples for the query page: title, description, and the
text with every parameter bound to its default, by the project's SEP-0007 substitution."""

from __future__ import annotations

from pathlib import Path


def examples(project) -> list[dict]:
    """One example per library query; a query with a required parameter shows it unbound, saying so."""
    from minegraph.errors import MinegraphError
    from minegraph.queries.library import load_query, query_files
    from minegraph.querylang.text import substitute

    found = []
    for path in query_files(project):
        try:
            query = load_query(Path(path))
        except MinegraphError:
            continue  # a broken library file is `minegraph validate`'s to report, not the page's
        defaults = {p.name: p.term(p.default) for p in query.params if not p.required}
        required = [p.summary() for p in query.params if p.required]
        found.append({"name": query.name, "title": query.title, "description": query.description,
                      "parameters": [p.summary() for p in query.params], "required": required,
                      "query": substitute(query.text, defaults)})
    return found
