"""Speaker phrases: read "Espen Barth Eide, Norway's foreign minister" into name, role, body and country.

`analyse` classifies a phrase as a name, a body, a role descriptor ("Finland's defence minister",
"the ministry"), a pronoun, a document ("the government's statement") or an indefinite person
("a passer-by"); resolution to earlier mentions is `discourse.Discourse`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minegraph.ingest.countries import Countries
from minegraph.ingest.fold import fold
from minegraph.ingest.lexicon import (
    COLLECTIVE,
    DOCUMENT_HEADS,
    HONORIFICS,
    NAME_PARTICLES,
    NOBODY,
    ORG_HEADS,
    PRONOUNS,
    ROLE_WORDS,
)

_TOKEN = re.compile(r"[^\s,;:()]+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_STOP_PART = re.compile(
    r"^(?:who|which|whose|where|without|with|adding|recalling|according|as|when|after|"
    r"before|while|in|on|at|during|speaking|referring|since|because)\b|^[a-z]+ing\b"
)
_ARTICLES = frozenset({"the", "a", "an"})
_GLUE = frozenset({"of", "the", "for", "and", "a", "an", "on", "in", "at", "from"})
_NUMBERS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "both"})
_NAMED = re.compile(r"\b(?:named|called)\s+(?=[^\W\d_])")


def _is_role(word: str) -> bool:
    """A role word, or a hyphenated one made of role words ("vice-chair")."""
    return word in ROLE_WORDS or ("-" in word and all(p in ROLE_WORDS for p in word.split("-")))


@dataclass
class Ref:
    """What a speaker phrase says about its speaker; offsets are those of the phrase in the text."""

    kind: str
    text: str
    start: int
    end: int
    name: str | None = None
    role: str | None = None
    organisation: str | None = None
    country: str | None = None
    heads: tuple[str, ...] = ()
    owner: "Ref | None" = None
    indefinite: bool = False
    definite: bool = False
    reported: str | None = None


def _tokens(text: str, base: int) -> list[tuple[str, int, int]]:
    return [(m.group(), base + m.start(), base + m.end()) for m in _TOKEN.finditer(text)]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _plain(tok: str) -> str:
    return fold(_POSSESSIVE.sub("", tok))


def _parts(text: str, countries: Countries) -> list[tuple[int, int]]:
    """Comma parts of a phrase, with country lists ("Estonia, Latvia, and Poland") kept in one part."""
    bounds = [(m.start(), m.end()) for m in re.finditer(r"[^,]+", text)]
    merged: list[tuple[int, int]] = []
    for s, e in bounds:
        piece = re.sub(r"^\s*(?:and|&)\s+", "", text[s:e]).strip()
        first = piece.split()[0] if piece else ""
        if (
            merged
            and piece
            and (
                countries.lookup(piece)
                or (countries.lookup(first) and countries.lookup(text[merged[-1][0] : merged[-1][1]].split()[-1]))
            )
        ):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _name_run(toks: list[tuple[str, int, int]], countries: Countries) -> int:
    """Index where the trailing run of name tokens starts (len(toks) when there is none)."""
    i = len(toks)
    while i > 0:
        tok = toks[i - 1][0]
        low = _plain(tok)
        ok = (
            _is_cap(tok)
            and not _is_role(low)
            and low not in ORG_HEADS
            and low not in DOCUMENT_HEADS
            and not countries.lookup(low)
            and not _POSSESSIVE.search(tok)
        )
        if not ok and not (low in NAME_PARTICLES and i < len(toks) and i > 1):
            break
        i -= 1
    while i < len(toks) and _plain(toks[i][0]) in NAME_PARTICLES:
        i += 1
    return i


_DOC_TAIL = re.compile(
    r"\b(?:" + "|".join(sorted(DOCUMENT_HEADS)) + r")\b(?=\s+(?:to|in|on|of|from|for|by)\s)", re.IGNORECASE
)


def _classify_main(text: str, base: int, countries: Countries) -> Ref | None:
    m = _DOC_TAIL.search(text)
    if m:
        text = text[: m.end()]
    toks = _tokens(text, base)
    indefinite = bool(toks) and fold(toks[0][0]) in ("a", "an")
    definite = bool(toks) and fold(toks[0][0]) == "the"
    if len(toks) > 1 and fold(toks[0][0]) in ("its", "their"):
        return _owned_by_pronoun(text, base, toks, countries)
    while toks and (fold(toks[0][0]) in _ARTICLES or fold(toks[0][0]).rstrip(".") in HONORIFICS):
        toks = toks[1:]
    if not toks:
        return None
    start, end = toks[0][1], toks[-1][2]
    words = [_plain(t[0]) for t in toks]
    if len(toks) == 1 and words[0] in PRONOUNS:
        return Ref("pronoun", toks[0][0], start, end, heads=(words[0],))
    if " ".join(words) in NOBODY or words[0] in NOBODY:
        return None
    group = _collective(toks, words, start, end, text, base, countries, indefinite, definite)
    if group is not None:
        return group
    role_of = _role_of(toks, words, start, end, text, base)
    if role_of is not None:
        return role_of
    country = None
    owner = None
    for k, (tok, _, e) in enumerate(toks[:-1]):
        if _POSSESSIVE.search(tok):
            iso = countries.lookup(_POSSESSIVE.sub("", tok))
            if iso:
                country = iso
            else:
                owner = _classify_main(_POSSESSIVE.sub("", text[: e - base]), base, countries)
                toks, words = toks[k + 1 :], words[k + 1 :]
                break
    if words[-1] in DOCUMENT_HEADS:
        return Ref(
            "document", text[start - base : end - base], start, end, heads=tuple(words), owner=owner, country=country
        )
    cut = _name_run(toks, countries)
    if cut < len(toks):
        return _named(toks, cut, words, start, end, text, base, countries, country)
    body = _named_body(toks, words, text, base, end, country)
    if body is not None:
        return body
    lead = next((k for k, w in enumerate(words) if w in ("of", "at", "from")), None)
    if lead and _name_run(toks[:lead], countries) == 0:
        name = " ".join(t[0] for t in toks[:lead])
        org = text[toks[lead + 1][1] - base : end - base] if lead + 1 < len(toks) else None
        return Ref("name", text[start - base : end - base], start, end, name=name, organisation=_strip_article(org))
    return _by_heads(toks, words, text, base, countries, country, indefinite, definite)


def _by_heads(toks, words, text, base, countries, country, indefinite, definite) -> Ref | None:
    """A phrase with no name in it: a body (capitalised, with a body word), a role descriptor, or nothing."""
    start, end = toks[0][1], toks[-1][2]
    for w in words:
        iso = countries.lookup(w)
        if iso and not country:
            country = iso
    capital = country is not None or any(_is_cap(t[0]) for t in toks)
    kind = (
        "org"
        if capital and any(w in ORG_HEADS for w in words)
        else "descriptor"
        if any(_is_role(w) or w in ORG_HEADS for w in words)
        else "name"
        if all(_is_cap(t[0]) for t in toks)
        else None
    )
    if kind is None or (
        kind in ("descriptor", "org")
        and not all(
            _is_role(w) or w in ORG_HEADS or w in _GLUE or w in _NUMBERS or _is_cap(t[0]) for w, t in zip(words, toks)
        )
    ):
        return None
    phrase = text[start - base : end - base]
    role = " ".join(t[0] for t in toks if _is_role(_plain(t[0]))) or None
    return Ref(
        kind,
        phrase,
        start,
        end,
        name=phrase if kind != "descriptor" else None,
        role=role if kind == "descriptor" else None,
        country=country,
        heads=tuple(words),
        indefinite=indefinite,
        definite=definite,
    )


def _owned_by_pronoun(text, base, toks, countries) -> Ref | None:
    """ "its director, Sofia Lind": the phrase after the pronoun, its owner kept to be resolved in context."""
    owner = Ref("pronoun", toks[0][0], toks[0][1], toks[0][2], heads=(fold(toks[0][0]),))
    start, end = toks[1][1], toks[-1][2]
    ref = _classify_main(text[start - base : end - base], start, countries)
    if ref is not None and ref.kind == "descriptor":
        ref.owner, ref.definite = owner, True
    return ref


def _named_body(toks, words, text, base, end, country) -> Ref | None:
    """ "the aid group Clearway Trust": a lower-case body word, then the body's capitalised name."""
    k = len(toks)
    while k > 0 and _is_cap(toks[k - 1][0]):
        k -= 1
    if (
        k == 0
        or k == len(toks)
        or words[k - 1] not in ORG_HEADS
        or words[k - 1] in COLLECTIVE
        or _is_cap(toks[k - 1][0])
    ):
        return None
    name = text[toks[k][1] - base : end - base]
    return Ref("org", name, toks[k][1], end, name=name, country=country, heads=tuple(words))


def _collective(toks, words, start, end, text, base, countries, indefinite, definite) -> Ref | None:
    """A collective speaker: a plural head with at most four words before it ("the three governments",
    "humanitarian groups", "the Estonian, Latvian and Lithuanian delegations")."""
    if words[-1] not in COLLECTIVE or len(words) > 6 or "of" in words:
        return None
    country = next((iso for iso in (countries.lookup(w) for w in words) if iso), None)
    phrase = text[start - base : end - base]
    return Ref(
        "descriptor", phrase, start, end, country=country, heads=tuple(words), indefinite=indefinite, definite=definite
    )


def _role_of(toks, words, start, end, text, base) -> Ref | None:
    """ "a legal adviser to the Convention's support unit": role words, then the body they serve."""
    lead = next((k for k, w in enumerate(words) if w in ("to", "of", "at", "for", "with")), None)
    if (
        not lead
        or not _is_role(words[lead - 1])
        or lead + 1 >= len(toks)
        or not all(t[0][:1].islower() for t in toks[:lead])
    ):
        return None
    role = text[toks[0][1] - base : toks[lead - 1][2] - base]
    org = text[toks[lead + 1][1] - base : end - base]
    return Ref(
        "descriptor",
        text[start - base : end - base],
        start,
        end,
        role=role,
        organisation=_strip_article(org),
        heads=tuple(words[:lead]),
    )


def _strip_article(text: str | None) -> str | None:
    if not text:
        return None
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE) or None


def _named(toks, cut, words, start, end, text, base, countries, country) -> Ref:
    """A phrase ending in a name: what precedes it is role, body and country ("Commission spokesperson X")."""
    name = " ".join(t[0] for t in toks[cut:])
    pre = toks[:cut]
    at = [k for k, t in enumerate(pre) if _is_role(_plain(t[0]))]
    role = text[pre[at[0]][1] - base : pre[at[-1]][2] - base] if at else None
    org = (
        " ".join(
            t[0] for t in pre if _is_cap(t[0]) and _plain(t[0]) not in ROLE_WORDS and not countries.lookup(_plain(t[0]))
        )
        or None
    )
    for t in pre:
        iso = countries.lookup(_plain(t[0]))
        if iso and not country:
            country = iso
    if len(toks) - cut == 1 and not pre and words[-1] in PRONOUNS:
        return Ref("pronoun", name, start, end, heads=(words[-1],))
    if any(_plain(t[0]) in ORG_HEADS for t in pre) and not at:  # "the humanitarian group Mine Free World"
        return Ref(
            "org",
            text[toks[cut][1] - base : end - base],
            toks[cut][1],
            end,
            name=name,
            country=country,
            heads=tuple(words),
        )
    return Ref(
        "name",
        text[toks[cut][1] - base : end - base],
        toks[cut][1],
        end,
        name=name,
        role=role,
        organisation=org,
        country=country,
        heads=tuple(words[:cut]),
    )


def _apposition(ref: Ref, text: str, base: int, countries: Countries) -> None:
    """Fold an apposition ("vice president of the ICRC", "Norway's foreign minister") into ref."""
    other = _classify_main(text, base, countries)
    if other is None:
        return
    if other.kind == "name" and ref.kind == "descriptor":
        ref.kind, ref.name, ref.start, ref.end = "name", other.name, other.start, other.end
        ref.organisation = ref.organisation or other.organisation
        return
    if ref.kind != "name":
        return
    m = re.match(r"(?P<role>.*?)\s+(?:of|at|for|from|in)\s+(?:the\s+)?(?P<org>.+)$", text.strip())
    if m and any(fold(w) in ROLE_WORDS for w in m.group("role").split()):
        ref.role = ref.role or _strip_article(m.group("role"))
        ref.organisation = ref.organisation or _strip_article(m.group("org"))
    elif other.kind == "descriptor":
        ref.role = ref.role or other.role
        ref.country = ref.country or other.country
    elif other.kind == "org":
        ref.organisation = ref.organisation or other.name


def analyse(text: str, phrase_start: int, phrase_end: int, countries: Countries) -> Ref | None:
    """Read text[phrase_start:phrase_end] as a speaker phrase, or None when it names no speaker."""
    while phrase_end > phrase_start and text[phrase_end - 1] in " \t.,;:!?—–-":
        phrase_end -= 1
    phrase = text[phrase_start:phrase_end]
    named = _NAMED.search(phrase)
    if named:  # "a retired army officer named Algis Petrauskas": the name, with the phrase as its role
        ref = analyse(text, phrase_start + named.end(), phrase_end, countries)
        if ref is not None and ref.kind == "name":
            ref.role = ref.role or _strip_article(phrase[: named.start()].split(",")[-1])
            return ref
    parts = _parts(phrase, countries)
    if not parts:
        return None
    s, e = parts[0]
    ref = _classify_main(phrase[s:e], phrase_start + s, countries)
    if ref is None:
        return None
    reported_end = phrase_start + parts[0][1]
    for s, e in parts[1:3]:
        piece = phrase[s:e].strip()
        if not piece or _STOP_PART.match(piece):
            break
        _apposition(ref, phrase[s:e], phrase_start + s, countries)
        reported_end = phrase_start + e
    ref.reported = text[phrase_start:reported_end].strip(" ,")
    return ref
