"""The extractor's entry point: a text and the actor gazetteer in, candidate statements out.

One pass over the sentences, in order: debate turns, quotations (with their cues, split quotations,
partial quotations and quotations carried over from the previous speaker), then attributed paraphrase
of sentences with no quotation; the people and bodies each sentence names become antecedents for
the next ones. Work per sentence is bounded, so the whole is linear in the text's length.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from minegraph.ingest import attribution as att
from minegraph.ingest.antecedents import Discourse, Entity
from minegraph.ingest.countries import Countries
from minegraph.ingest.fold import words
from minegraph.ingest.linking import Linker
from minegraph.ingest.model import Actor, Candidate, Decision
from minegraph.ingest.quotes import QuoteSpan, find_quotes
from minegraph.ingest.segment import Sentence, sentences
from minegraph.ingest.stance import SpeakerInfo, StanceModel

_WORD = re.compile(r"\w")
CONTEXT = 1000  # the paragraph context of a statement's stance, either side of its sentence


class _Run:
    """State of one extraction."""

    def __init__(self, text: str, actors: list[Actor], decisions: list[Decision] | None) -> None:
        self.text = text
        self.countries = Countries(actors)
        self.discourse = Discourse(Linker(actors, self.countries))
        self.stance = StanceModel(decisions, self.countries)
        self.stance.read_document(text)
        self.out: list[Candidate] = []
        self.last: tuple[int, Entity] | None = None  # paragraph and entity of the last statement
        self.stances: dict[int, Counter] = defaultdict(Counter)
        self.paragraphs: dict[int, tuple[int, int]] = {}
        self.sentence_index = 0
        self.quiet_subject: tuple[int, int, Entity] | None = None

    def emit(
        self,
        entity: Entity | None,
        ref_text: str | None,
        start: int,
        end: int,
        mode: str,
        cue: tuple[int, int] | None,
        sent: Sentence,
    ) -> None:
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end <= start:
            return
        quote = self.text[start:end]
        cue_text = self.text[cue[0] : cue[1]].strip(" ,:;") if cue else None
        context = self.text[sent.start : sent.end] if mode != "paraphrase" else (cue_text or "")
        if mode == "direct":
            context = context.replace(quote, " ")
        actor = entity.actor if entity else None
        prior = self._prior(entity)
        p_start, p_end = self.paragraphs.get(sent.para, (sent.start, sent.end))
        para = self.text[max(p_start, sent.start - CONTEXT) : min(p_end, sent.end + CONTEXT)]
        s = self.stance.suggest(
            quote, context, self.text[sent.start : sent.end], para, actor, prior, self._speaker_info(entity, ref_text)
        )
        cand = Candidate(
            quote=quote,
            start=start,
            end=end,
            direct=mode == "direct",
            speaker=entity.label if entity else ref_text,
            speaker_iri=actor.iri if actor else None,
            role=entity.role if entity else None,
            organisation=entity.organisation if entity else None,
            cue=cue_text or None,
            about=s.about,
            stance=s.stance,
            confidence=s.confidence,
            mode=mode,
            speaker_as_reported=ref_text,
            matched_on=entity.matched_on if entity and actor else None,
            rests_on=s.rests_on,
            new_actor=entity is not None and actor is None,
            speaker_kind=entity.kind if entity else None,
            stances=s.stances,
        )
        self.out.append(cand)
        if entity is not None:
            self.last = (sent.para, entity)
            self.discourse.last_speaker = entity
            if s.stance != "neutral" and s.rests_on:
                self.stances[id(entity)][s.stance] += 1

    def _speaker_info(self, entity: Entity | None, ref_text: str | None) -> SpeakerInfo | None:
        """The speaker's words (name, role, body, as reported) and countries, for the own-government rule."""
        if entity is None:
            return None
        said = " ".join(x for x in (entity.name, entity.role, entity.organisation, entity.reported, ref_text) if x)
        countries = set(entity.countries) | set(self.countries.find_all(words(said)))
        if entity.actor is not None and entity.actor.country:
            countries.add(entity.actor.country)
        return SpeakerInfo(
            frozenset(words(said)) | frozenset(entity.roles), tuple(sorted(countries)), entity.kind == "group"
        )

    def _prior(self, entity: Entity | None) -> str | None:
        if entity is None or not self.stances[id(entity)]:
            return None
        return self.stances[id(entity)].most_common(1)[0][0]

    def carry(self, para: int) -> Entity | None:
        """The speaker of a cue-less quotation: the subject of the sentence just before it when that one
        reported no statement ("X disagreed. "…""), else the last speaker, in this or the previous paragraph."""
        if (
            self.quiet_subject
            and self.quiet_subject[0] == self.sentence_index - 1
            and self.quiet_subject[1] in (para, para - 1)
        ):
            return self.quiet_subject[2]
        if self.last and self.last[0] in (para, para - 1):
            return self.last[1]
        return None

    def note_quiet_sentence(self, sent: Sentence) -> None:
        """Remember the named subject of a sentence that reported no statement."""
        if self.text[sent.end - 1] not in ".!?…":
            self.quiet_subject = None  # a headline or a dateline, not a sentence with a subject
            return
        ref = att.leading_subject(self.text, sent.start, sent.end, self.countries)
        entity = self.discourse.mention(ref) if ref is not None and ref.kind in ("name", "org") else None
        self.quiet_subject = (self.sentence_index, sent.para, entity) if entity else None


def _by_sentence(sents: list[Sentence], quotes: list[QuoteSpan]) -> list[list[QuoteSpan]]:
    """The quotations opening in each sentence (both lists sorted: one merge walk)."""
    out: list[list[QuoteSpan]] = [[] for _ in sents]
    k = 0
    for q in quotes:
        while k < len(sents) and sents[k].end <= q.open:
            k += 1
        if k < len(sents) and sents[k].start <= q.open:
            out[k].append(q)
    return out


def _quotes_of_sentence(run: _Run, sent: Sentence, qs: list[QuoteSpan]) -> None:
    text, countries = run.text, run.countries
    prev: tuple[Entity | None, str | None, tuple[int, int]] | None = None
    partial_done = False
    for i, q in enumerate(qs):
        lo = max(qs[i - 1].close + 1 if i else sent.start, q.open - att.CUE_REACH)
        hi = min(qs[i + 1].open if i + 1 < len(qs) else sent.end, q.close + 1 + att.CUE_REACH)
        cue = att.after_cue(text, q.close, hi, countries)
        if cue is None and prev is not None and i and _continues(text, qs[i - 1], q):
            entity, ref_text, span = prev
            run.emit(entity, ref_text, q.start, q.end, "direct", span, sent)
            continue
        if cue is None:
            cue = att.before_cue(text, lo, q.open, countries)
        if cue is not None:
            entity = run.discourse.resolve(cue.ref)
            if entity is None and cue.ref.kind == "document":
                owner = att.possessor(text, sent.start, q.open, countries)
                entity = run.discourse.resolve(owner) if owner else None
            span = (cue.start, cue.end)
            run.emit(entity, cue.ref.reported or cue.ref.text, q.start, q.end, "direct", span, sent)
            prev = (entity, cue.ref.text, span)
            _adding_that(run, sent, cue, entity)
            continue
        before, after = text[lo : q.open], text[q.close + 1 : hi]
        if (
            not _WORD.search(before)
            and not _WORD.search(after)
            and (q.continued or text[q.start].isupper() or not text[q.start].isalpha())
        ):
            entity = run.carry(sent.para)
            if entity is not None:
                run.emit(entity, entity.reported or entity.name, q.start, q.end, "direct", None, sent)
                prev = (entity, entity.name, None)
            continue
        if not partial_done:
            partial_done = _partial(run, sent, qs)


def _continues(text: str, before: QuoteSpan, q: QuoteSpan) -> bool:
    """A quotation split by its cue: `"…," said X, "…"` (the cue ends in a comma before the reopening)."""
    between = text[before.close + 1 : q.open].rstrip()
    return between.endswith(",") and len(between.split()) <= 25


def _adding_that(run: _Run, sent: Sentence, cue, entity: Entity | None) -> None:
    found = att.adding_that(run.text, cue.end, sent.end)
    if found:
        run.emit(
            entity, cue.ref.reported or cue.ref.text, found[0], found[1], "paraphrase", (found[0], found[0] + 11), sent
        )


def _partial(run: _Run, sent: Sentence, qs: list[QuoteSpan]) -> bool:
    """A quoted fragment inside attributed paraphrase: the whole sentence is the statement."""
    skip = [(q.open, q.close + 1) for q in qs]
    cue = att.sentence_cue(run.text, sent.start, sent.end, skip, run.countries)
    if cue is None:
        return False
    if "statement" in run.text[cue.start : cue.end]:
        run.discourse.statement_author = run.discourse.resolve(cue.ref)
        entity = run.discourse.statement_author
    else:
        entity = run.discourse.resolve(cue.ref)
    run.emit(entity, cue.ref.reported or cue.ref.text, sent.start, sent.end, "partial", (cue.start, cue.end), sent)
    return True


def _named_turn(run: _Run, start: int, end: int):
    """An interview or transcript turn, `Lindqvist: …`, whose label names a person the text has introduced."""
    found = att.label_turn(run.text, start, end, run.countries)
    if found is None:
        return None
    entity = run.discourse.known(found[0].ref)
    return found if entity is not None and entity.kind == "person" else None


def _sentence(run: _Run, sent: Sentence, qs: list[QuoteSpan], first_of_para: bool) -> bool:
    """Find the statements of one sentence; True when it opens a debate turn (the paragraph is done)."""
    text = run.text
    if first_of_para:
        para_end = run.paragraphs[sent.para][1]
        found = att.turn(text, sent.start, para_end, run.countries) or _named_turn(run, sent.start, para_end)
        if found:
            cue, s, e = found
            entity = run.discourse.resolve(cue.ref)
            run.emit(entity, cue.ref.reported or cue.ref.text, s, e, "direct", (cue.start, cue.end), sent)
            return True
    if qs:
        _quotes_of_sentence(run, sent, qs)
    else:
        found = att.paraphrase(text, sent.start, sent.end, run.countries)
        if found:
            cue, s, e = found
            entity = run.discourse.resolve(cue.ref)
            mode = "partial" if (s, e) == (sent.start, sent.end) else "paraphrase"
            run.emit(entity, cue.ref.reported or cue.ref.text, s, e, mode, (cue.start, cue.end), sent)
    run.discourse.scan(text, sent.start, sent.end, [(q.open, q.close + 1) for q in qs])
    return False


def extract(text: str, actors: list[Actor], decisions: list[Decision] | None = None) -> list[Candidate]:
    """Candidate statements of `text`, in text order; offsets are code points, end exclusive."""
    run = _Run(text, actors, decisions)
    quotes = find_quotes(text)
    sents = sentences(text, quotes)
    for sent in sents:
        lo, hi = run.paragraphs.get(sent.para, (sent.start, sent.end))
        run.paragraphs[sent.para] = (min(lo, sent.start), max(hi, sent.end))
    turn_para = -1
    previous_para = -1
    for index, (sent, qs) in enumerate(zip(sents, _by_sentence(sents, quotes))):
        first, previous_para = sent.para != previous_para, sent.para
        if sent.para == turn_para:
            continue
        run.sentence_index = index
        before = len(run.out)
        if _sentence(run, sent, qs, first):
            turn_para = sent.para
        elif len(run.out) == before and not qs:
            run.note_quiet_sentence(sent)
    run.out.sort(key=lambda c: (c.start, c.end))
    return run.out


def extract_file(path: str | Path, actors: list[Actor], decisions: list[Decision] | None = None) -> list[Candidate]:
    """Extract from a UTF-8 text file, read exactly as archived (no newline translation)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return extract(handle.read(), actors, decisions)
