"""Wording of ``owners``: one owner per node. Each IRI is described (is the subject of triples) in exactly one
file of graph/, the file of the build part that owns it; other files only point at it (``time:Instant``
value nodes excepted). Its query runs over the files store (profile: over "files"; checks.context.files_store)."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, finding, text, wording


def owner_message(node: str, files: list[str]) -> str:
    return (
        f"<{node}> is described in {len(files)} files ({', '.join(files)}); one build part owns each node "
        "and the other files only point at it"
    )


@wording("owners")
def one_owner_per_node(context: Context, rows) -> Iterator:
    for row in rows:
        files = sorted(row["files"].value.split(" "))
        yield finding(owner_message(text(row["focus"]), files), row["focus"])
