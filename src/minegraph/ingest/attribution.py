"""Attribution cues: who a quotation or a sentence is attributed to, and the words that say so.

Each function looks at one sentence (and the quotation in it) and returns a `Cue`: the speaker phrase
read by `speakers.analyse` and the span of the cue. Regexes are anchored or bounded to one sentence,
with no nested unbounded repeats, so matching stays linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minegraph.ingest.countries import Countries
from minegraph.ingest.lexicon import (
    ADVERBS,
    LEADING_CLAUSE,
    ORG_HEADS,
    PARA_ACT_RE,
    PARA_JUDGE_RE,
    PARA_SPEECH_RE,
    ROLE_WORDS,
    SAY_RE,
)
from minegraph.ingest.speakers import Ref, analyse

AFTER_VERBS = (
    "said|says|told|tells|added|adds|stated|states|recalled|recalls|explained|claimed|claims|warned|"
    "warns|insisted|insists|noted|notes|argued|argues|stressed|wrote|writes|write|reads|read|asked|"
    "replied|answered|declared|continued|urged|commented|emphasised|emphasized|announced|"
    "acknowledged|admitted|concluded|observed|remarked|suggested|confirmed|conceded|cautioned|"
    "vowed|pledged|promised|predicted|asserted|maintained"
)
_AFTER_VERB_RE = re.compile(AFTER_VERBS, re.IGNORECASE)
_NOT_SPEAKER = r"[^,;:“”\"«»„\n]"
_AFTER_VERB_FIRST = re.compile(
    rf"^[\s,.—–-]*(?P<verb>(?:{AFTER_VERBS}))\b\s+(?P<who>{_NOT_SPEAKER}{{1,160}}"
    rf"(?:,{_NOT_SPEAKER}{{1,120}}){{0,2}})",
    re.IGNORECASE,
)
_AFTER_WHO_FIRST = re.compile(
    rf"^[\s,.—–-]*(?P<who>{_NOT_SPEAKER}{{1,80}}?(?:,{_NOT_SPEAKER}{{1,100}},)?)"
    rf"\s+(?:[a-z]+ly\s+|also\s+|then\s+)?(?P<verb>(?:{AFTER_VERBS}))\b",
    re.IGNORECASE,
)
_DOC_THAT = re.compile(
    r"\b(?P<doc>(?:an?|the|another)\s+(?:amendment|motion|resolution|declaration|statement|"
    r"report|text|letter|bill))\s+that\s*$",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"(?:,\s*|—|–)\s*according to\s+(?P<who>[^,.;—–]{1,120})", re.IGNORECASE)
_ACCORDING_AT = re.compile(r"according to\s+(?P<who>[^,.;—–]{1,120})", re.IGNORECASE)
_TRAILING = re.compile(
    r",\s*(?P<who>[^,;:]{1,80}?)\s+(?P<verb>said|says|told|added|stated|explained|claimed|"
    r"warned|insisted|noted|argued|stressed)(?:\s+[^\s,.;:]+){0,3}\s*[.!?]?$"
)
_PARENTHETICAL = re.compile(
    r",\s*(?P<who>he|she|they|it|(?:the\s+)?[A-Z][^,]{0,40}?)\s+(?P<verb>said|claimed|added|argued|"
    r"warned|insisted|noted|says|claims|believes|thinks)\s*,"
)
_IN_VIEW = re.compile(
    r"\bin (?P<who>his|her|their|its) (?:view|experience|opinion|words|judgement|judgment)\b", re.IGNORECASE
)
_TABLED = re.compile(
    r"(?:An?|The|Another)\s+(?:motion|amendment|resolution|declaration|statement|bill|text|"
    r"letter)\b[^,]{0,60},\s*(?:tabled|issued|drafted|presented|signed|put forward|submitted|"
    r"proposed)\s+by\s+(?P<who>[^,]{1,100}?)(?:\s+and\s+[a-z]+\b[^,]*)?,"
)
_THAT = re.compile(
    r"\s*(?:[a-z]+ly\s+)?(?:(?:in|on|at|during|after|before|last|this|late|earlier|later|yesterday|today|via)\b"
    r"[^.;:!?,\n]{0,50}?\s)?that\b\s*",
    re.IGNORECASE,
)
_VERB_TAIL = re.compile(r"(?:\s+[^\s,.;:!?“”\"«»„]+){0,3}\s*")
_TOLD_OBJECT = re.compile(r"[^.;:!?]{0,80}?\bthat\b\s*")
_AS_CLAUSE = re.compile(r"(?:^|,\s*|\s)as\s+(?=\S+$)")
_CONJUNCTION = re.compile(r"(?:while|whereas|although|though|and|but)\s+", re.IGNORECASE)
_TURN = re.compile(
    r"^(?P<who>(?:(?:Mr|Ms|Mrs|Dr|Sir|Dame|Madam)\.?\s+[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3}|"
    r"The\s+(?:Chair|Speaker|President|Chairman|Chairwoman|Presiding Officer)|"
    r"(?:Minister|Secretary|Commissioner|Deputy)\b[^:()\n]{0,60})(?:\s*\([^()\n]{1,60}\))?):\s+"
    r"(?P<speech>\S.*)$"
)


SUBJECT_REACH = 250  # a subject is looked for this far (in code points) before its verb
CUE_REACH = 300  # a quotation's cue is looked for this far before and after it

# "Jānis Ozols (NA): …": a name with its party or body in brackets opens a turn too.
_TURN_NAMED = re.compile(
    r"^(?P<who>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){1,3}\s*\([^()\n]{1,60}\)):\s+"
    r"(?P<speech>\S.*)$"
)


_LABEL = re.compile(r"^(?P<who>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,2}):\s+(?P<speech>\S.*)$")


@dataclass
class Cue:
    """An attribution: the speaker phrase, the cue's span, how the statement is reported."""

    ref: Ref
    start: int
    end: int
    mode: str = "direct"


def _subject(text: str, start: int, verb_start: int, countries: Countries) -> Ref | None:
    """The speaker phrase right before a verb: leading adverbial clauses and trailing adverbs dropped."""
    if verb_start - start > SUBJECT_REACH:
        comma = text.rfind(", ", verb_start - SUBJECT_REACH, verb_start)
        if comma < 0:
            return None
        start = comma + 2
    if re.search(r"\s(?:and|but)\s+$", text[max(start, verb_start - 6) : verb_start]):
        # "The Council expressed … and recalled": the verbs share the clause's subject.
        return leading_subject(text, start, verb_start, countries)
    seg = text[start:verb_start]
    lead = LEADING_CLAUSE.match(seg)
    offset = start + (lead.end() if lead else 0)
    seg = text[offset:verb_start]
    adv = ADVERBS.search(seg)
    end = offset + (adv.start() if adv else len(seg.rstrip()))
    seg = text[offset:end]
    whole = offset
    as_clause = list(_AS_CLAUSE.finditer(seg))
    if as_clause:
        offset += as_clause[-1].end()
    elif len(seg.split()) > 14 and ", " in seg:
        offset += seg.rindex(", ") + 2
    conj = _CONJUNCTION.match(text, offset, end)
    offset = conj.end() if conj else offset
    if end <= offset or len(text[offset:end].split()) > 16:
        return None
    ref = analyse(text, offset, end, countries)
    if ref is None and as_clause and len(seg.split()) <= 14:
        # "The Secretary-General, in his capacity as depositary, confirms": an apposition, not "as X said".
        ref = analyse(text, whole, end, countries)
    return ref


def leading_subject(text: str, start: int, end: int, countries: Countries) -> Ref | None:
    """The subject at the start of a clause: names, role words and appositions up to the first verb."""
    lead = LEADING_CLAUSE.match(text, start, end)
    pos = lead.end() if lead else start
    stop = pos
    for m in re.finditer(r"[^\s,]+|,", text[pos:end]):
        tok = m.group().strip("’'")
        low = tok.lower().removesuffix("’s").removesuffix("'s")
        if (
            tok != ","
            and tok[:1].islower()
            and low not in ROLE_WORDS
            and low not in ORG_HEADS
            and low not in ("of", "and", "the", "for", "a", "an")
        ):
            break
        stop = pos + m.end()
    return analyse(text, pos, stop, countries) if stop > pos else None


def after_cue(text: str, close: int, limit: int, countries: Countries) -> Cue | None:
    """`"…," said X` / `"…," X told Y` right after a closing quotation mark."""
    segment = text[close + 1 : limit]
    m = _AFTER_VERB_FIRST.match(segment)
    if m:
        ref = analyse(text, close + 1 + m.start("who"), close + 1 + m.end("who"), countries)
        if ref is not None:
            return Cue(ref, close + 1 + m.start("verb"), close + 1 + m.end("who"))
    m = _AFTER_WHO_FIRST.match(segment)
    if m:
        ref = analyse(text, close + 1 + m.start("who"), close + 1 + m.end("who"), countries)
        if ref is not None:
            return Cue(ref, close + 1 + m.start("who"), close + 1 + m.end("verb"))
    return None


def before_cue(text: str, start: int, opening: int, countries: Countries) -> Cue | None:
    """`X said: "…"`, `X said that "…"`, `an amendment that "…"` before an opening mark."""
    seg = text[start:opening].rstrip()
    doc = _DOC_THAT.search(seg)
    if doc:
        ref = analyse(text, start + doc.start("doc"), start + doc.end("doc"), countries)
        return Cue(ref, start + doc.start(), start + len(seg)) if ref else None
    verbs = list(SAY_RE.finditer(seg))
    # `X told reporters "…"`: a speech verb and at most three words, then a full quoted sentence.
    ends_on_verb = (
        bool(verbs)
        and _AFTER_VERB_RE.fullmatch(verbs[-1].group()) is not None
        and _VERB_TAIL.fullmatch(seg, verbs[-1].end()) is not None
        and text[opening + 1 : opening + 2].isupper()
    )
    if not (seg.endswith(":") or seg.endswith(",") or re.search(r"\bthat$", seg) or ends_on_verb):
        return None
    for v in verbs:
        ref = _subject(text, start, start + v.start(), countries)
        if ref is not None:
            return Cue(ref, start + v.start(), start + len(seg))
    if seg.endswith(":"):
        ref = leading_subject(text, start, start + len(seg), countries)
        if ref is not None:
            return Cue(ref, ref.start, start + len(seg))
    return None


def sentence_cue(text: str, start: int, end: int, skip: list[tuple[int, int]], countries: Countries) -> Cue | None:
    """The first speech verb of a sentence outside its quotations whose subject names a speaker."""
    m = _PARENTHETICAL.search(text, start, end)
    if m and not _inside(m.start(), skip):
        ref = analyse(text, m.start("who"), m.end("who"), countries)
        if ref is not None:
            return Cue(ref, m.start("who"), m.end("verb"), "partial")
    for v in SAY_RE.finditer(text, start, end):
        if _inside(v.start(), skip):
            continue
        ref = _subject(text, start, v.start(), countries)
        if ref is not None and ref.kind != "document":
            return Cue(ref, v.start(), v.end(), "partial")
    return None


def _inside(pos: int, skip: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in skip)


def paraphrase(text: str, start: int, end: int, countries: Countries) -> tuple[Cue, int, int] | None:
    """An attributed paraphrase in a sentence with no quotation: the cue and the reported span.

    A line with no closing punctuation is a headline or a title, not reported speech."""
    if text[end - 1] not in ".!?…":
        return None
    for finder in (_tabled, _according, _trailing, _parenthetical, _in_view, _subject_verb):
        found = finder(text, start, end, countries)
        if found is not None:
            return found
    return None


def _strip_stop(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in " .;:!?":
        e -= 1
    while s < e and text[s] in " ,":
        s += 1
    return s, e


def _tabled(text, start, end, countries):
    m = _TABLED.match(text, start, end)
    if not m:
        return None
    ref = analyse(text, m.start("who"), m.end("who"), countries)
    return (Cue(ref, m.start("who") - 10, m.end("who"), "paraphrase"), start, end) if ref else None


def _according(text, start, end, countries):
    m = _ACCORDING.search(text, start, end)
    if m and m.start() > start and text[m.start()] not in ",—–":
        m = None
    if m is None and text[start : start + 12].lower() == "according to":
        m = _ACCORDING_AT.match(text, start, end)
    if not m:
        return None
    ref = analyse(text, m.start("who"), m.end("who"), countries)
    if ref is None or ref.kind == "document":
        return None
    cue_start = m.start() if text[m.start()] not in ",—–" else m.start() + 1
    if m.start() == start:
        s, e = _strip_stop(text, m.end("who"), end)
    else:
        s, e = _strip_stop(text, start, m.start())
    return (Cue(ref, cue_start, m.end("who"), "paraphrase"), s, e) if e > s else None


def _trailing(text, start, end, countries):
    m = _TRAILING.search(text, start, end)
    if not m:
        return None
    ref = analyse(text, m.start("who"), m.end("who"), countries)
    if ref is None or ref.kind == "document":
        return None
    s, e = _strip_stop(text, start, m.start())
    return (Cue(ref, m.start("who"), m.end("verb"), "paraphrase"), s, e) if e > s else None


def _parenthetical(text, start, end, countries):
    m = _PARENTHETICAL.search(text, start, end)
    if not m:
        return None
    ref = analyse(text, m.start("who"), m.end("who"), countries)
    return (Cue(ref, m.start("who"), m.end("verb"), "paraphrase"), start, end) if ref else None


def _in_view(text, start, end, countries):
    m = _IN_VIEW.search(text, start, end)
    if not m:
        return None
    ref = analyse(text, m.start("who"), m.end("who"), countries)
    return (Cue(ref, m.start(), m.end(), "paraphrase"), start, end) if ref else None


def _subject_verb(text, start, end, countries):
    for pattern, act in ((PARA_SPEECH_RE, False), (PARA_ACT_RE, True), (PARA_JUDGE_RE, True)):
        for v in pattern.finditer(text, start, end):
            ref = _subject(text, start, v.start(), countries)
            if ref is None or ref.kind == "document":
                continue
            if act:
                if pattern is PARA_JUDGE_RE:  # the whole clause, an apposition before the name included
                    lead = LEADING_CLAUSE.match(text, start, v.start())
                    first = lead.end() if lead else start
                else:
                    first = _with_article(text, start, ref.start)
                s, e = _strip_stop(text, first, end)
                return Cue(ref, v.start(), v.end(), "paraphrase"), s, e
            rest = v.end()
            obj = _THAT.match(text, rest, end) or (
                _TOLD_OBJECT.match(text, rest, end) if v.group().lower() in ("told", "tells") else None
            )
            if obj:
                rest = obj.end()
            elif v.group().lower() in ("told", "tells"):
                continue
            s, e = _strip_stop(text, rest, end)
            if len(text[s:e].split()) >= 3:
                return Cue(ref, v.start(), rest, "paraphrase"), s, e
    return None


def _with_article(text: str, floor: int, pos: int) -> int:
    """Move a phrase start back over the article the speaker analysis dropped ("the European Commission")."""
    m = re.search(r"\b(?:the|The|a|A|an|An)\s+$", text[max(floor, pos - 5) : pos])
    return pos - len(m.group()) if m else pos


_POSSESSOR = re.compile(r"(?P<who>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})(?:'s|’s)\s")


def possessor(text: str, start: int, end: int, countries: Countries) -> Ref | None:
    """The last named possessor before a quotation ("the EU's position …: "…""), for document speakers."""
    found = None
    for m in _POSSESSOR.finditer(text, start, end):
        ref = analyse(text, m.start("who"), m.end("who"), countries)
        if ref is not None and not countries.lookup(m.group("who")):
            found = ref
    return found


def adding_that(text: str, start: int, end: int) -> tuple[int, int] | None:
    """`…, adding that …`: the reported clause, cue included, as the seed's curators anchor it."""
    m = re.search(r"\badding that\b", text[start:end])
    if not m:
        return None
    s, e = _strip_stop(text, start + m.start(), end)
    return (s, e) if e > s else None


def turn(text: str, start: int, end: int, countries: Countries) -> tuple[Cue, int, int] | None:
    """A turn of a debate record: `Mr Jānis Ozols (National Alliance): text`."""
    m = _TURN.match(text[start:end]) or _TURN_NAMED.match(text[start:end])
    if not m or len(m.group("speech").split()) < 3:
        return None
    who = m.group("who")
    paren = re.search(r"\(([^()]+)\)\s*$", who)
    title = who[: paren.start()].strip() if paren else who
    if paren and title.startswith("The "):
        # "The Chair (Anna Berzina)": the title's holder is named in brackets.
        ref = analyse(text, start + paren.start(1), start + paren.end(1), countries)
        if ref is not None:
            ref.role = ref.role or title.removeprefix("The ")
            ref.heads = tuple(ref.heads) + tuple(w.lower() for w in title.split())
    else:
        # "Mr Jānis Ozols (National Alliance)": the brackets name the speaker's party or body.
        ref = analyse(text, start, start + len(title), countries)
        if ref is not None and paren:
            ref.organisation = ref.organisation or paren.group(1)
    if ref is None:
        return None
    s, e = _strip_stop(text, start + m.start("speech"), end)
    return Cue(ref, start, start + m.end("who") + 1, "direct"), s, e


def label_turn(text: str, start: int, end: int, countries: Countries) -> tuple[Cue, int, int] | None:
    """`Lindqvist: text` at a paragraph's start: a bare name label (the caller checks it names someone known)."""
    m = _LABEL.match(text[start:end])
    if not m or not m.group("who")[:1].isupper() or len(m.group("speech").split()) < 3:
        return None
    ref = analyse(text, start, start + m.end("who"), countries)
    if ref is None or ref.kind != "name":
        return None
    s, e = _strip_stop(text, start + m.start("speech"), end)
    return Cue(ref, start, start + m.end("who") + 1, "direct"), s, e
