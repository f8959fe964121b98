"""Plain data of the extractor: the actor gazetteer it links to, and the candidates it proposes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Post:
    """A post an actor holds (or is): its country (ISO 3166 alpha-3) and the words naming its role."""

    iri: str
    label: str
    country: str | None = None
    role_words: tuple[str, ...] = ()
    holder: str | None = None


@dataclass(frozen=True)
class Actor:
    """One actor the extractor may link a speaker to. `kind` is person, organisation, post or state."""

    iri: str
    label: str
    aliases: tuple[str, ...] = ()
    posts: tuple[Post, ...] = ()
    kind: str = "person"
    country: str | None = None
    role_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    """A decision a statement may be about: the states (ISO3) that took it and its type word."""

    iri: str
    label: str
    states: tuple[str, ...]
    type: str
    by: str | None = None


@dataclass
class Candidate:
    """A candidate statement. The first twelve fields are the JSON of issue 10; the rest are internal."""

    quote: str
    start: int
    end: int
    direct: bool
    speaker: str | None
    speaker_iri: str | None
    role: str | None
    organisation: str | None
    cue: str | None
    about: list[str]
    stance: str
    confidence: float
    mode: str = "direct"
    speaker_as_reported: str | None = None
    matched_on: str | None = None
    rests_on: list[str] = field(default_factory=list)
    new_actor: bool = False
    speaker_kind: str | None = None
    stances: dict[str, str] = field(default_factory=dict)

    PUBLIC = (
        "quote",
        "start",
        "end",
        "direct",
        "speaker",
        "speaker_iri",
        "role",
        "organisation",
        "cue",
        "about",
        "stance",
        "confidence",
    )

    def public(self) -> dict:
        """The fields of the issue's JSON, in its order."""
        return {name: getattr(self, name) for name in self.PUBLIC}
