"""Build the extractor's gazetteer (actors, posts, decisions) from the project's graph by SPARQL.

The queries live in queries/*.rq beside this module. IRIs are returned in the curation's compact
form, kind:slug (person:gilles-carbonnier), which is what a draft names its speakers with.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from minegraph.ingest.fold import words
from minegraph.ingest.model import Actor, Decision, Post
from minegraph.queries.library import package_query
from minegraph.store.base import Store
from minegraph.store.oxigraph import OxigraphStore

QUERIES = Path(__file__).with_name("queries")
BASE = "https://w3id.org/minegraph/id/"
MG = "https://w3id.org/minegraph/ontology#"
_ORG_CLASSES = {
    "GovernmentBody",
    "Parliament",
    "InternationalOrganisation",
    "NonGovernmentalOrganisation",
    "MediaOutlet",
    "PoliticalGroup",
    "Coalition",
    "Organisation",
}
_GOVERNMENT = ("government", "cabinet", "council of ministers")


def compact(iri: str) -> str:
    """https://w3id.org/minegraph/id/person/x -> person:x; other IRIs unchanged."""
    if iri.startswith(BASE):
        kind, _, slug = iri[len(BASE) :].partition("/")
        return f"{kind}:{slug}"
    return iri


def _query_text(name: str) -> str:
    return package_query(QUERIES, name.removesuffix(".rq")).text


def open_store(path_or_store: str | Path | Store) -> Store:
    """A minegraph store of the graph: given as a Store, a project root (its graph/), a folder of .ttl or one .ttl."""
    if isinstance(path_or_store, Store):
        return path_or_store
    path = Path(path_or_store)
    if (path / "graph").is_dir():
        path = path / "graph"
    files = sorted(path.glob("*.ttl")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise FileNotFoundError(f"{path}: no Turtle files to build the gazetteer from")
    return OxigraphStore.memory(files)


def _rows(store: Store, name: str) -> list[dict]:
    """The rows of one of the gazetteer's queries, as Python values (IRIs as str)."""
    return store.query(_query_text(name)).rows


def _value(row, var: str) -> str | None:
    value = row[var]
    return None if value is None else str(value)


def _posts(store: Store) -> tuple[dict[str, Post], dict[str, list[Post]]]:
    """Posts by IRI, and the posts each holder holds."""
    posts: dict[str, Post] = {}
    held: dict[str, list[Post]] = defaultdict(list)
    holders: dict[str, list[str]] = defaultdict(list)
    info: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}
    for row in _rows(store, "posts.rq"):
        post = compact(_value(row, "post"))
        role = _value(row, "role")
        label = _value(row, "label")
        role_words = tuple(words(label)) + (tuple(words(role.rsplit("/", 1)[-1].replace("-", " "))) if role else ())
        info[post] = (label, _value(row, "iso"), role_words)
        holder = _value(row, "holder")
        if holder and compact(holder) not in holders[post]:
            holders[post].append(compact(holder))
    for iri, (label, iso, role_words) in info.items():
        only = holders[iri][0] if len(holders[iri]) == 1 else None
        posts[iri] = Post(iri, label, iso, role_words, only)
        for holder in holders[iri]:
            held[holder].append(posts[iri])
    return posts, held


def _role_words(kind: str, classes: set[str], label: str) -> tuple[str, ...]:
    folded = " ".join(words(label))
    extra = []
    if "GovernmentBody" in classes and any(g in folded for g in _GOVERNMENT):
        extra.append("government")
    if "Parliament" in classes:
        extra.append("parliament")
    return tuple(words(label)) + tuple(extra)


def actors_from_graph(path_or_store: str | Path | Store) -> list[Actor]:
    """The gazetteer: every person, organisation, post and state of the graph, sorted by IRI."""
    store = open_store(path_or_store)
    posts, held = _posts(store)
    seen: dict[str, dict] = {}
    for row in _rows(store, "actors.rq"):
        iri = compact(_value(row, "actor"))
        entry = seen.setdefault(iri, {"label": _value(row, "label"), "aliases": [], "classes": set(), "iso": None})
        entry["classes"].add(_value(row, "class").removeprefix(MG))
        alt = _value(row, "alt")
        if alt and alt not in entry["aliases"]:
            entry["aliases"].append(alt)
        entry["iso"] = entry["iso"] or _value(row, "iso")
    actors = []
    for iri, e in sorted(seen.items()):
        classes = e["classes"]
        kind = (
            "person"
            if "Person" in classes
            else "post"
            if "Post" in classes
            else "state"
            if "State" in classes
            else "organisation"
        )
        own = (posts[iri],) if kind == "post" and iri in posts else tuple(held.get(iri, ()))
        actors.append(
            Actor(iri, e["label"], tuple(e["aliases"]), own, kind, e["iso"], _role_words(kind, classes, e["label"]))
        )
    return actors


def decisions_from_graph(path_or_store: str | Path | Store) -> list[Decision]:
    """Every decision of the graph with the states that took it, sorted by IRI."""
    store = open_store(path_or_store)
    found: dict[str, dict] = {}
    for row in _rows(store, "decisions.rq"):
        iri = compact(_value(row, "decision"))
        kind = _value(row, "type")
        entry = found.setdefault(
            iri,
            {
                "label": _value(row, "label"),
                "states": [],
                "type": kind.rsplit("/", 1)[-1].rsplit(":", 1)[-1] if kind else "",
                "by": compact(_value(row, "by")) if _value(row, "by") else None,
            },
        )
        iso = _value(row, "iso")
        if iso and iso not in entry["states"]:
            entry["states"].append(iso)
    return [Decision(iri, e["label"], tuple(e["states"]), e["type"], e["by"]) for iri, e in sorted(found.items())]
