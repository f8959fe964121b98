"""Suggest what a statement is about (decisions) and its stance toward it, from a cue lexicon.

The target is the Convention itself when the statement speaks of the ban and of no withdrawal; else the
withdrawals (or suspensions) of the states named in the statement, its sentence, its paragraph, or, failing
those, of the states the text says are withdrawing. Harm-of-mines words argue for the ban (so against
a withdrawal); security words argue for the withdrawal; reassurance and refusal-to-comment words are
neutral. Every suggestion carries a confidence and the words it rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minegraph.ingest.countries import Countries
from minegraph.ingest.fold import fold, words
from minegraph.ingest.model import Actor, Decision

PRO_BAN = ("civilian", "civilians", "child", "children", "victim", "victims", "kill", "kills", "maim", "wounded",
           "mutilated", "injured", "injuries", "harm", "suffering", "casualties", "tragic", "backwards",
           "domino effect", "negative signal", "slippery slope", "not justify", "weapons of the past",
           "weapon of the past", "weapon from the past", "reciprocity", "downward spiral", "costly",
           "condemn", "condemns", "condemned", "taboo", "reverse course", "reject", "indiscriminate",
           "damage", "distinguish", "danger", "unacceptable", "banning", "humanitarian disarmament", "oppose",
           "regret", "regrettable", "deplore", "deplores", "dangerous", "mistake", "step back", "undermine",
           "undermines", "erode", "erodes", "violation", "reconsider", "concerned", "worried", "alarming",
           "maimed", "killed", "amputation", "survivors", "humanitarian")
PRO_WITHDRAW = ("security", "deterrence", "deter", "defend", "defensive", "survival", "prepare", "prepared",
                "versatile", "lethality", "necessary measure", "every option", "on the table", "tie our hands",
                "can be used", "deny terrain", "protects", "protect", "attacked", "threat", "threats",
                "justifies", "deteriorated", "necessary", "sovereign", "flexibility", "freedom of action",
                "aggression", "deterrent", "capabilities", "eastern flank", "right decision")
NEUTRAL = ("no plans", "not plan", "declined to comment", "without commenting", "stopped short of",
           "no intention", "final decision", "not considering", "respect", "understood", "committed to",
           "contributed", "in peacetime", "consulted", "procedures", "will decide", "take effect",
           "not yet decided")
WITHDRAW_WORDS = re.compile(r"\b(?:withdraw\w*|leav(?:e|es|ing)|exit(?:s|ing|ed)?|quit(?:s|ting)?|pull(?:s|ed|ing)? out|"
                            r"suspen\w*|denounc\w*|renounc\w*)\b")
BAN_WORDS = re.compile(r"\b(?:ban|banning|bans|prohibition|prohibit\w*)\b")
_LEX = [(p, "ban") for p in PRO_BAN] + [(p, "withdraw") for p in PRO_WITHDRAW] + [(p, "neutral") for p in NEUTRAL]
_LEX_RE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p, _ in sorted(_LEX, key=lambda x: -len(x[0]))) + r")\b")
_SIDE = {p: side for p, side in _LEX}
_STATE_TYPES = ("withdrawal", "suspension")


@dataclass
class Suggestion:
    about: list[str]
    stance: str
    confidence: float
    rests_on: list[str]
    note: str


class StanceModel:
    """Decisions by state and the document's withdrawing states; one per text."""

    def __init__(self, decisions: list[Decision] | None, countries: Countries) -> None:
        self.countries = countries
        self.decisions = decisions or []
        self.by_state: dict[str, list[str]] = {}
        self.by_actor: dict[str, str] = {}
        self.ban: str | None = None
        for d in self.decisions:
            if d.type in _STATE_TYPES:
                for iso in d.states:
                    self.by_state.setdefault(iso, []).append(d.iri)
            elif d.type == "recommendation" and d.by:
                self.by_actor[d.by] = d.iri
            elif d.type == "adoption":
                self.ban = d.iri
        self.withdrawing: list[str] = []

    def read_document(self, text: str) -> None:
        """Note the states the text says are withdrawing (named in a sentence with a withdrawal word)."""
        for line in re.split(r"(?<=[.!?])\s+|\n", text):
            folded = fold(line)
            if WITHDRAW_WORDS.search(folded):
                for iso in self.countries.find_all(words(line)):
                    if iso in self.by_state and iso not in self.withdrawing:
                        self.withdrawing.append(iso)

    def _states(self, *texts: str) -> list[str]:
        """States named in the statement, else its sentence, else its paragraph; else the text's."""
        allowed = set(self.withdrawing) or set(self.by_state)
        for t in texts:
            found = [iso for iso in self.countries.find_all(words(t)) if iso in allowed]
            if found:
                return found
        return self.withdrawing

    def about(self, quote: str, sentence: str, paragraph: str, actor: Actor | None) -> tuple[list[str], str]:
        """The decisions a statement is about and whether the target is the ban or a withdrawal."""
        fq, fs = fold(quote), fold(sentence)
        if actor is not None and actor.iri in self.by_actor:
            return [self.by_actor[actor.iri]], "withdraw"
        if self.ban and not WITHDRAW_WORDS.search(fq) and not WITHDRAW_WORDS.search(fs) and \
                (BAN_WORDS.search(fq) or BAN_WORDS.search(fs)):
            return [self.ban], "ban"
        if actor is not None and actor.country in self.by_state and actor.kind in ("organisation", "post"):
            return list(self.by_state[actor.country]), "withdraw"
        states = self._states(quote, sentence, paragraph)
        return sorted({d for iso in states for d in self.by_state[iso]}), "withdraw"

    def suggest(self, quote: str, context: str, sentence: str, paragraph: str, actor: Actor | None,
                prior: str | None) -> Suggestion:
        """About, stance, confidence and the words it rests on, for one candidate statement."""
        about, target = self.about(quote, sentence, paragraph, actor)
        scores = {"ban": 0.0, "withdraw": 0.0, "neutral": 0.0}
        hits: list[str] = []
        for text, weight in ((quote, 1.0), (context, 0.5)):
            for m in _LEX_RE.finditer(fold(text)):
                side = _SIDE[m.group()]
                scores[side] += weight * (1.5 if side == "neutral" else 1.0)
                hits.append(m.group())
        return _decide(scores, hits, about, target, prior)


def _decide(scores, hits, about, target, prior) -> Suggestion:
    ban, wd, neu = scores["ban"], scores["withdraw"], scores["neutral"]
    if ban == wd == neu == 0:
        if prior:
            return Suggestion(about, prior, 0.4, [], "no cue word; the speaker's stance elsewhere in the text")
        return Suggestion(about, "neutral", 0.3, [], "no cue word")
    if neu >= max(ban, wd):
        side, top, second = "neutral", neu, max(ban, wd)
    elif ban > wd:
        side, top, second = "ban", ban, max(wd, neu)
    elif wd > ban:
        side, top, second = "withdraw", wd, max(ban, neu)
    else:
        stance = prior or "neutral"
        return Suggestion(about, stance, 0.35, sorted(set(hits)), "cue words on both sides")
    stance = "neutral" if side == "neutral" else "support" if side == target else "oppose"
    confidence = round(min(0.95, 0.5 + 0.45 * (top - second) / (top + second + 1)), 2)
    return Suggestion(about, stance, confidence, sorted(set(hits)), f"cue words of the {side} side")
