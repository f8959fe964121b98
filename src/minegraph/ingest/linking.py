"""Link a speaker to an actor of the gazetteer: by name or alias, by surname, or by post or body
("Finland's defence minister" -> the post, or its one known holder). Case- and diacritics-insensitive."""

from __future__ import annotations

from collections import defaultdict

from minegraph.ingest.countries import Countries
from minegraph.ingest.fold import STOP, fold, key, words
from minegraph.ingest.model import Actor
from minegraph.ingest.speakers import Ref

_SYNONYMS = {
    "defense": "defence",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "head": "president",
    "govt": "government",
}
_POST_HEADS = frozenset({"minister", "president", "spokesperson", "secretary-general", "chair", "prime"})
_BODY_HEADS = frozenset({"ministry", "government", "parliament", "cabinet", "council", "commission"})
_IGNORED = STOP | {"national", "of", "the", "republic", "state", "official", "also"}


def _norm(ws) -> frozenset[str]:
    return frozenset(_SYNONYMS.get(w, w) for w in ws if w not in _IGNORED)


class Linker:
    """Indexes of the gazetteer for linking; built once per document set."""

    def __init__(self, actors: list[Actor], countries: Countries | None = None) -> None:
        self.countries = countries or Countries(actors)
        self.by_iri = {a.iri: a for a in actors}
        self.by_key: dict[tuple[str, ...], list[Actor]] = defaultdict(list)
        self.by_surname: dict[str, list[Actor]] = defaultdict(list)
        self.roles: list[tuple[Actor, str | None, frozenset[str]]] = []
        for a in actors:
            if a.kind == "state":
                continue
            for name in (a.label, *a.aliases):
                self.by_key[key(name)].append(a)
                if a.kind == "person" and key(name):
                    self.by_surname[key(name)[-1]].append(a)
            if a.kind in ("post", "organisation"):
                country_words = set(words(self.countries.names.get(a.country or "", "")))
                self.roles.append((a, a.country, _norm(w for w in a.role_words if w not in country_words)))

    def link(self, ref: Ref) -> tuple[Actor | None, str | None]:
        """The actor a resolved speaker phrase names, and the words it was matched on."""
        if ref.name:
            found = self._by_name(ref.name)
            if found:
                return found, ref.name
            if ref.kind == "name" and ref.name and len(ref.name.split()) > 1 and ref.kind != "org":
                if not any(w in _BODY_HEADS for w in words(ref.name)):
                    return None, None
        heads = ref.heads or tuple(words(ref.text))
        return self._by_role(heads, ref.country, ref.text)

    def _by_name(self, name: str) -> Actor | None:
        k = key(name)
        hits = self.by_key.get(k, [])
        if len(hits) == 1:
            return hits[0]
        if len(k) == 1:
            people = self.by_surname.get(k[0], [])
            if len(people) == 1:
                return people[0]
        if len(k) > 1:
            people = [p for p in self.by_surname.get(k[-1], []) if key(p.label)[0][:1] == k[0][:1]]
            if len(people) == 1:
                return people[0]
        return None

    def _by_role(self, heads, country: str | None, text: str) -> tuple[Actor | None, str | None]:
        if len({self.countries.lookup(w) for w in heads} - {None}) > 1:
            return None, None  # "the ministers of Estonia and Latvia": a group no one post or body is
        country_words = set(words(self.countries.names.get(country or "", "")))
        want = _norm(w for w in heads if w not in country_words and not self.countries.lookup(w))
        if not want:
            return None, None
        is_post = bool(want & _POST_HEADS) and not want & _BODY_HEADS
        hits = [
            a
            for a, c, ws in self.roles
            if want <= ws and (c == country or not country and c is None) and (a.kind == "post") == is_post
        ]
        if len(hits) != 1 and not country:
            hits = [a for a, c, ws in self.roles if want <= ws and (a.kind == "post") == is_post]
        if len(hits) != 1:
            return None, None
        hit = hits[0]
        if hit.kind == "post" and hit.posts and hit.posts[0].holder in self.by_iri:
            return self.by_iri[hit.posts[0].holder], text
        return hit, text

    def resolve_key(self, name: str) -> str:
        """A folded comparison key for a name (used to merge mentions of one speaker)."""
        return " ".join(key(name)) or fold(name)
