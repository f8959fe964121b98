"""The query library (``queries/*.rq``) as examples for the query page: title, description, and the
file's text as it is — its parameters' defaults stand in its ``VALUES`` blocks, for the reader to edit."""

from __future__ import annotations

from pathlib import Path

from minegraph.errors import MinegraphError


def examples(project) -> list[dict]:
    """One example per library query, its text as the file has it (it runs on any SPARQL server)."""
    # lazy: ~90 ms of imports, only on this path
    from minegraph.queries.library import load_query, query_files

    found = []
    for path in query_files(project):
        try:
            query = load_query(Path(path))
        except MinegraphError:
            continue  # a broken library file is `minegraph validate`'s to report, not the page's
        required = [p.summary() for p in query.params if p.required]
        found.append(
            {
                "name": query.name,
                "title": query.title,
                "description": query.description,
                "parameters": [p.summary() for p in query.params],
                "required": required,
                "query": query.text,
            }
        )
    return found
