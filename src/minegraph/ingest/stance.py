"""Suggest what a statement is about (decisions) and its stance toward it, from a cue lexicon.

The target is the Convention itself when the statement speaks of the ban and of no withdrawal; else the
withdrawals (or suspensions) of the states named in the statement, its sentence, its paragraph, or, failing
those, of the states the text says are withdrawing. Harm-of-mines words argue for the ban (so against
a withdrawal); security words argue for the withdrawal; reassurance and refusal-to-comment words are
neutral. Every suggestion carries a confidence and the words it rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from minegraph.ingest.countries import Countries
from minegraph.ingest.fold import fold, words
from minegraph.ingest.model import Actor, Decision

PRO_BAN = (
    "civilian",
    "civilians",
    "child",
    "children",
    "victim",
    "victims",
    "kill",
    "kills",
    "maim",
    "wounded",
    "mutilated",
    "injured",
    "injuries",
    "harm",
    "suffering",
    "casualties",
    "tragic",
    "backwards",
    "domino effect",
    "negative signal",
    "slippery slope",
    "not justify",
    "weapons of the past",
    "weapon of the past",
    "weapon from the past",
    "reciprocity",
    "downward spiral",
    "costly",
    "condemn",
    "condemns",
    "condemned",
    "taboo",
    "reverse course",
    "reject",
    "indiscriminate",
    "damage",
    "distinguish",
    "danger",
    "unacceptable",
    "banning",
    "humanitarian disarmament",
    "oppose",
    "regret",
    "regrettable",
    "deplore",
    "deplores",
    "dangerous",
    "mistake",
    "step back",
    "undermine",
    "undermines",
    "erode",
    "erodes",
    "violation",
    "reconsider",
    "concerned",
    "worried",
    "alarming",
    "maimed",
    "killed",
    "amputation",
    "survivors",
    "humanitarian",
    "regrets",
    "regretted",
    "weakens",
    "weaken",
    "betrayal",
    "worst",
    "reverse",
    "grave mistake",
    "wrong",
    "remain within",
    "not follow",
    "saved",
    "lives",
    "achievement",
    "successful",
    "safer",
    "best friends",
    "worth defending",
    "cost lives",
    "reward aggression",
    "threatens",
    "erode",
    "tragic step",
    "not share",
    "painful",
)
PRO_WITHDRAW = (
    "security",
    "deterrence",
    "deter",
    "defend",
    "defensive",
    "survival",
    "prepare",
    "prepared",
    "versatile",
    "lethality",
    "necessary measure",
    "every option",
    "on the table",
    "tie our hands",
    "can be used",
    "deny terrain",
    "protects",
    "protect",
    "attacked",
    "threat",
    "threats",
    "justifies",
    "deteriorated",
    "necessary",
    "sovereign",
    "flexibility",
    "freedom of action",
    "aggression",
    "deterrent",
    "capabilities",
    "eastern flank",
    "right decision",
    "welcomed",
    "welcomes",
    "overdue",
    "credible",
    "every tool",
    "every means",
    "responsibly",
    "fully support",
    "support the bill",
    "unavoidable",
    "legitimate means",
    "sets foot",
)
NEUTRAL = (
    "no plans",
    "not plan",
    "declined to comment",
    "without commenting",
    "stopped short of",
    "no intention",
    "final decision",
    "not considering",
    "respect",
    "understood",
    "committed to",
    "contributed",
    "in peacetime",
    "consulted",
    "procedures",
    "will decide",
    "take effect",
    "not yet decided",
    "took note",
    "taken note",
    "take note",
    "national matter",
    "no position",
    "sovereign decisions",
    "not comment",
    "decides on its own",
    "enter into force",
    "voted in favour",
    "depositary",
    "notifications",
    "will vote",
)
_RECOMMEND = re.compile(r"\brecommend\w*")
WITHDRAW_WORDS = re.compile(
    r"\b(?:withdraw\w*|abandon\w*|walk(?:s|ing|ed)? away|depart\w*|leav(?:e|es|ing)|exit(?:s|ing|ed)?|quit(?:s|ting)?|pull(?:s|ed|ing)? out|"
    r"suspen\w*|denounc\w*|renounc\w*)\b"
)
BAN_WORDS = re.compile(r"\b(?:ban|banning|bans|prohibition|prohibit\w*)\b")
_LEX = [(p, "ban") for p in PRO_BAN] + [(p, "withdraw") for p in PRO_WITHDRAW] + [(p, "neutral") for p in NEUTRAL]
_LEX_RE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p, _ in sorted(_LEX, key=lambda x: -len(x[0]))) + r")\b")
_SIDE = {p: side for p, side in _LEX}
_NEGATION = re.compile(r"\b(?:not|no|never|nobody|cannot|without)\s+(?:\w+\s+){0,2}$|n't\s+(?:\w+\s+){0,2}$")
# Words of a government carrying out its own decision (not of its parliament's opposition or of a press office).
_GOVERNMENT = frozenset(
    {
        "minister",
        "ministers",
        "ministry",
        "government",
        "governments",
        "cabinet",
        "president",
        "prime",
        "forces",
        "delegations",
        "state",
    }
)
_NOT_GOVERNMENT = frozenset(
    {"opposition", "lawmaker", "mp", "mep", "member", "press", "committee", "parliament", "former"}
)
# Words of a procedural report (who received what, when it takes effect): with no cue word it takes no side,
# whatever the speaker says elsewhere.
_PROCEDURE = re.compile(
    r"\b(?:received|instrument|notification|notified|deposit\w*|take effect|takes effect|"
    r"enter into force|entered into force|article \d+|depositary|secretariat|as of today|"
    r"will travel|would travel|will meet|will vote)\b"
)
_BUT = re.compile(r"\b(?:but|yet|however)\b")
_PRAISE = re.compile(r"\b(?:treaty|convention|ban|prohibition)\b")
_STATE_TYPES = ("withdrawal", "suspension")


@dataclass
class Suggestion:
    about: list[str]
    stance: str
    confidence: float
    rests_on: list[str]
    note: str
    stances: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SpeakerInfo:
    """What stance needs to know of a speaker: its folded name/role/body words, countries, and if a group."""

    words: frozenset[str]
    countries: tuple[str, ...]
    group: bool = False


class StanceModel:
    """Decisions by state and the document's withdrawing states; one per text."""

    def __init__(self, decisions: list[Decision] | None, countries: Countries) -> None:
        self.countries = countries
        self.decisions = decisions or []
        self.by_state: dict[str, list[str]] = {}
        self.by_actor: dict[str, str] = {}
        self.recommendations: list[str] = []
        self.ban: str | None = None
        for d in self.decisions:
            if d.type in _STATE_TYPES:
                for iso in d.states:
                    self.by_state.setdefault(iso, []).append(d.iri)
            elif d.type == "recommendation" and d.by:
                self.by_actor[d.by] = d.iri
                self.recommendations.append(d.iri)
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
        if (
            self.ban
            and not self.withdrawing
            and not WITHDRAW_WORDS.search(fq)
            and not WITHDRAW_WORDS.search(fs)
            and (BAN_WORDS.search(fq) or BAN_WORDS.search(fs))
        ):
            return [self.ban], "ban"
        # In a text about withdrawals, words on the treaty are said about leaving it ("the treaty saves lives").
        extra = self.recommendations if _RECOMMEND.search(fq) or _RECOMMEND.search(fs) else []
        if actor is not None and actor.country in self.by_state and actor.kind in ("organisation", "post"):
            return sorted(set(self.by_state[actor.country]) | set(extra)), "withdraw"
        states = self._states(quote, sentence, paragraph)
        return sorted({d for iso in states for d in self.by_state[iso]} | set(extra)), "withdraw"

    def suggest(
        self,
        quote: str,
        context: str,
        sentence: str,
        paragraph: str,
        actor: Actor | None,
        prior: str | None,
        speaker: "SpeakerInfo | None" = None,
    ) -> Suggestion:
        """About, stance, confidence and the words it rests on, for one candidate statement."""
        about, target = self.about(quote, sentence, paragraph, actor)
        scores = {"ban": 0.0, "withdraw": 0.0, "neutral": 0.0}
        hits: list[str] = []
        for text, weight in ((quote, 1.0), (context, 0.5)):
            folded = fold(text)
            turn = _BUT.search(folded)
            for m in _LEX_RE.finditer(folded):
                side = _SIDE[m.group()]
                if side != "neutral" and _NEGATION.search(folded, max(0, m.start() - 30), m.start()):
                    continue  # "no security argument could justify …": the cue is negated, so it says nothing
                # "understood X but urged Y": what follows "but" is what the speaker stands by
                contrast = 1.0 if turn is None else 2.0 if m.start() > turn.start() else 0.5
                scores[side] += weight * contrast * (1.5 if side == "neutral" else 1.0)
                hits.append(m.group())
        procedural = _PROCEDURE.search(fold(quote))
        found = _decide(scores, hits, about, target, None if procedural else prior)
        if procedural and not hits:
            found.rests_on = [f"a procedural report ({procedural.group()}): no stance"]
        own = self.own_decisions(speaker, about)
        if own:
            # a reassurance ("no plans", "committed to") from the government leaving reads as neutral on its own
            confidence = 0.75 if found.stance != "neutral" or not found.rests_on else 0.55
            found = Suggestion(
                about,
                "support",
                confidence,
                [f"the speaker's own government carries out the decision ({', '.join(sorted(own))})", *found.rests_on],
                "the speaker's own government carries it out",
            )
        found.stances = {d: found.stance for d in about}
        fq, fs = fold(quote), fold(sentence)
        ban_talk = _PRAISE.search(fq) or (BAN_WORDS.search(fs) and not WITHDRAW_WORDS.search(fs))
        if target == "withdraw" and self.ban and found.stance == "oppose" and ban_talk and about:
            # "the treaty saves lives" said against leaving it: support for the ban itself
            found.stances[self.ban] = "support"
            found.about = [*about, self.ban]
            found.rests_on.append("words on the treaty set against leaving it: support for the ban")
        return found

    def own_decisions(self, speaker: "SpeakerInfo | None", about: list[str]) -> set[str]:
        """The states of `about` whose own government the speaker speaks for (minister, ministry, government)."""
        if speaker is None or not speaker.words & _GOVERNMENT or speaker.words & _NOT_GOVERNMENT:
            return set()
        states = {iso for iso, iris in self.by_state.items() if set(iris) & set(about)}
        if speaker.countries:
            return set(speaker.countries) & states
        if speaker.group or len(states) == 1:
            return states
        return set()


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
