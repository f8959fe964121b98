"""The speakers a text has mentioned so far, for resolving he/she/it/they, "the minister", "the ministry"
and surnames to the nearest compatible antecedent, and for carrying a speaker over to the next quote."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

from minegraph.ingest.fold import key, words
from minegraph.ingest.lexicon import COLLECTIVE, ORG_HEADS, ROLE_WORDS
from minegraph.ingest.linking import Linker
from minegraph.ingest.model import Actor
from minegraph.ingest.speakers import Ref, analyse

WINDOW = 60  # antecedents looked at, most recent first: keeps resolution linear in the text
_PLURAL = frozenset({"ministers", "countries", "states", "governments", "groups", "tablers", "members"})
_BODY_OR_POST = frozenset({"ministry", "government", "parliament", "cabinet", "minister", "president", "prime"})
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
_DATELINE = re.compile(r",\s+(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)")
_GLUE = frozenset({"of", "the", "de", "van", "von", "el", "al", "da", "di", "du", "der", "for"})


@dataclass(eq=False)
class Entity:
    """A speaker or candidate antecedent: a person, a body, or a group of either."""

    name: str
    kind: str
    actor: Actor | None = None
    matched_on: str | None = None
    roles: set[str] = field(default_factory=set)
    role: str | None = None
    organisation: str | None = None
    reported: str | None = None
    countries: set[str] = field(default_factory=set)
    _keys: tuple[str, set[str]] | None = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> str:
        return self.actor.label if self.actor else self.name

    def keys(self) -> set[str]:
        if self._keys is None or self._keys[0] != self.name:
            ks = {" ".join(key(self.name))}
            if self.actor:
                ks |= _actor_keys(self.actor)
            self._keys = (self.name, ks)
        return self._keys[1]


class Discourse:
    """Mentions in text order; the recent ones are the antecedents."""

    def __init__(self, linker: Linker) -> None:
        self.linker = linker
        self.recent: deque[Entity] = deque(maxlen=WINDOW)
        self.statement_author: Entity | None = None
        self.last_speaker: Entity | None = None
        self.last_country: str | None = None

    def _touch(self, entity: Entity) -> Entity:
        try:
            self.recent.remove(entity)
        except ValueError:
            pass
        self.recent.append(entity)
        return entity

    def _find_same(self, ref: Ref, actor: Actor | None) -> Entity | None:
        k = " ".join(key(ref.name or ref.text))
        last = k.split()[-1] if k else ""
        for e in reversed(self.recent):
            if actor is not None and e.actor is not None and e.actor.iri == actor.iri:
                return e
            if k and k in e.keys():
                return e
            if (
                e.kind == "person"
                and last
                and len(k.split()) == 1
                and any(ek.split()[-1:] == [last] for ek in e.keys() if ek)
            ):
                return e
        return None

    def known(self, ref: Ref) -> Entity | None:
        """The entity an earlier mention introduced under this name or surname, if any (nothing recorded)."""
        actor, _ = self.linker.link(ref)
        entity = self._find_same(ref, actor)
        return self._touch(entity) if entity is not None else None

    def mention(self, ref: Ref) -> Entity | None:
        """Record a named mention (person or body) and return its entity."""
        if ref.kind not in ("name", "org"):
            return None
        if ref.owner is not None and ref.owner.kind == "pronoun" and not ref.organisation:
            body = self._pronoun(ref.owner.heads[0])  # "its director, Sofia Lind": the body last named
            ref.organisation = body.label if body is not None and body.kind != "person" else None
        actor, matched = self.linker.link(ref)
        entity = self._find_same(ref, actor)
        if entity is None:
            if ref.kind == "name" and actor is None and len((ref.name or "").split()) == 1:
                return None
            kind = _kind(ref, actor)
            entity = Entity(ref.name or ref.text, kind, actor, matched)
        _enrich(entity, ref)
        return self._touch(entity)

    def resolve(self, ref: Ref) -> Entity | None:
        """The entity a speaker phrase refers to, or None when it names no one we can tell."""
        if ref.kind == "pronoun":
            return self._pronoun(ref.heads[0])
        if ref.kind == "document":
            return self._document(ref)
        if ref.kind == "descriptor":
            return self._descriptor(ref)
        entity = self.mention(ref)
        if entity is None and ref.kind == "name":
            entity = Entity(ref.name or ref.text, "person")
            _enrich(entity, ref)
            self._touch(entity)
        return entity

    def _pronoun(self, word: str) -> Entity | None:
        want = {"person": ("person",), "organisation": ("organisation", "group"), "group": ("group", "organisation")}[
            _pronoun_kind(word)
        ]
        for kind in want:
            for e in reversed(self.recent):
                if e.kind == kind:
                    return self._touch(e)
        return None

    def _descriptor(self, ref: Ref) -> Entity | None:
        heads = {w for w in ref.heads if w in ROLE_WORDS or w in ORG_HEADS} - {"former", "state", "national"}
        if ref.definite and heads and heads <= _GENERIC_BODY:
            # "the organisation", "the group": the last body that spoke, else the last one mentioned.
            if self.last_speaker is not None and self.last_speaker.kind == "organisation":
                return self._touch(self.last_speaker)
            for e in reversed(self.recent):
                if e.kind == "organisation":
                    return self._touch(e)
        if not ref.indefinite and heads:
            for e in reversed(self.recent):
                if e.roles & heads and (
                    ref.country is None or (e.actor is not None and e.actor.country == ref.country)
                ):
                    return self._touch(e)
        if ref.definite and ref.country is None and self.last_country and heads & _BODY_OR_POST:
            ref.country = self.last_country  # "the ministry" in a story about one country
        actor, matched = (None, None) if ref.indefinite or not ref.country else self.linker.link(ref)
        entity = Entity(ref.text, _descriptor_kind(ref), actor, matched)
        _enrich(entity, ref)
        return entity if ref.indefinite else self._touch(entity)

    def _document(self, ref: Ref) -> Entity | None:
        if ref.owner is not None:
            return self.resolve(ref.owner)
        if "statement" in ref.heads and self.statement_author is not None:
            return self._touch(self.statement_author)
        actor, matched = self.linker.link(ref)
        if actor is None or actor.kind == "state":
            return None
        return self._touch(Entity(actor.label, "organisation", actor, matched))

    def scan(self, text: str, start: int, end: int, skip: list[tuple[int, int]]) -> None:
        """Record the named people and bodies of text[start:end] outside the `skip` spans (quotes)."""
        pos = start
        for s, e in [*skip, (end, end)]:
            if s > pos:
                self._scan_piece(text, pos, min(s, end), start)
            pos = max(pos, e)
            if pos >= end:
                break

    def _scan_piece(self, text: str, start: int, end: int, sentence_start: int) -> None:
        named = self.linker.countries.find_all(words(text[start:end]))
        if named:
            self.last_country = named[-1]
        for run_start, run_end in _capital_runs(text, start, end):
            run = text[run_start:run_end]
            if run_start == sentence_start and " " not in run:
                continue
            if _DATELINE.match(text, run_end):
                continue  # "New York, 30 June": a place, not a speaker
            ref = analyse(text, run_start, run_end, self.linker.countries)
            if ref is None or ref.kind not in ("name", "org") or self.linker.countries.lookup(run):
                continue
            before = words(text[max(sentence_start, run_start - 60) : run_start])[-5:]
            ref.heads = tuple(ref.heads) + tuple(w for w in before if w in ROLE_WORDS)
            self.mention(ref)


def _capital_runs(text: str, start: int, end: int):
    """Spans of consecutive capitalised words, with up to two of/the/particles inside, in one pass."""
    run_start = last_cap = prev_end = -1
    glue = 0
    for m in _WORD_RE.finditer(text, start, end):
        word = m.group()
        adjacent = prev_end >= 0 and m.start() - prev_end <= 2 and text[prev_end : m.start()].isspace()
        if word[:1].isupper():
            if run_start < 0 or not adjacent:
                if run_start >= 0:
                    yield run_start, last_cap
                run_start = m.start()
            last_cap, glue = m.end(), 0
        elif run_start >= 0 and adjacent and word in _GLUE and glue < 2:
            glue += 1
        else:
            if run_start >= 0:
                yield run_start, last_cap
            run_start, glue = -1, 0
        prev_end = m.end()
    if run_start >= 0:
        yield run_start, last_cap


_ACTOR_KEYS: dict[str, set[str]] = {}


def _actor_keys(actor: Actor) -> set[str]:
    if actor.iri not in _ACTOR_KEYS:
        _ACTOR_KEYS[actor.iri] = {" ".join(key(n)) for n in (actor.label, *actor.aliases)}
    return _ACTOR_KEYS[actor.iri]


_GENERIC_BODY = frozenset({"organisation", "organization", "group", "body", "charity", "ngo"})


def _descriptor_kind(ref: Ref) -> str:
    """A role descriptor names a person; a body word alone a body; a plural head a group."""
    if ref.heads and ref.heads[-1] in COLLECTIVE:
        return "group"
    if any(w in ORG_HEADS for w in ref.heads) and not any(
        w in ROLE_WORDS
        for w in ref.heads
        if w
        not in (
            "defence",
            "defense",
            "foreign",
            "affairs",
            "national",
            "state",
            "interior",
            "justice",
            "finance",
            "development",
            "regional",
        )
    ):
        return "organisation"
    return "person"


def _pronoun_kind(word: str) -> str:
    return {
        "he": "person",
        "she": "person",
        "him": "person",
        "her": "person",
        "his": "person",
        "it": "organisation",
        "its": "organisation",
    }.get(word, "group")


def _kind(ref: Ref, actor: Actor | None) -> str:
    if actor is not None:
        if actor.kind == "person" or actor.kind == "post":
            return "person"
        return "group" if set(words(actor.label)) & _PLURAL else "organisation"
    if ref.kind == "org":
        return "group" if set(words(ref.text)) & _PLURAL else "organisation"
    return "person"


def _enrich(entity: Entity, ref: Ref) -> None:
    entity.roles |= {w for w in (*ref.heads, *words(ref.role or "")) if w in ROLE_WORDS or w in ORG_HEADS}
    entity.role = entity.role or ref.role
    entity.organisation = entity.organisation or ref.organisation
    if ref.country:
        entity.countries.add(ref.country)
    if ref.kind == "name" and ref.name and len(ref.name.split()) > len(entity.name.split()) and entity.actor is None:
        entity.name = ref.name
