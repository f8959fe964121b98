"""Measure the extractor against gold texts: quote-span P/R/F1 (overlap and exact), speaker and stance
accuracy on matched quotes, per text and overall (micro-averaged over all gold items).

A gold folder holds `NAME.txt` and its `NAME.json` (issue 10's format). A predicted span matches a gold
quote when they overlap by at least half of the longer span (one-to-one, largest overlaps first).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from minegraph.ingest.extract import extract
from minegraph.ingest.fold import key
from minegraph.ingest.model import Actor, Candidate, Decision

GOLD_FIELDS = {
    "speaker",
    "speaker_canonical",
    "speaker_role",
    "organisation",
    "quote",
    "about",
    "stance",
    "attribution_cue",
    "direct",
    "note",
    "classes",
}
REQUIRED = {"speaker", "quote", "stance"}
STANCES = {"support", "oppose", "neutral"}


class GoldError(ValueError):
    """A gold file that does not follow the format; the message names the file and the item."""


@dataclass
class TextScore:
    name: str
    gold: int
    predicted: int
    matched: int
    exact: int
    speaker_ok: int
    stance_ok: int
    misses: list[dict] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)

    @staticmethod
    def _prf(hit: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = hit / pred if pred else 1.0 if not gold else 0.0
        r = hit / gold if gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def figures(self) -> dict:
        p, r, f = self._prf(self.matched, self.predicted, self.gold)
        ep, er, ef = self._prf(self.exact, self.predicted, self.gold)
        return {
            "text": self.name,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "exact_precision": round(ep, 3),
            "exact_recall": round(er, 3),
            "exact_f1": round(ef, 3),
            "speaker_accuracy": round(self.speaker_ok / self.matched, 3) if self.matched else None,
            "stance_accuracy": round(self.stance_ok / self.matched, 3) if self.matched else None,
        }


@dataclass
class Report:
    texts: list[TextScore]

    def overall(self) -> TextScore:
        total = TextScore("overall", 0, 0, 0, 0, 0, 0)
        for t in self.texts:
            for name in ("gold", "predicted", "matched", "exact", "speaker_ok", "stance_ok"):
                setattr(total, name, getattr(total, name) + getattr(t, name))
        return total

    def rows(self) -> list[dict]:
        return [t.figures() for t in self.texts] + [self.overall().figures()]

    def by_class(self) -> list[dict]:
        """Seen and held-out figures: span P/R/F1 of each part, then recall, speaker, decision and stance
        accuracy of every gold class (a text is held out when its name says `heldout`)."""
        rows = []
        for part in ("seen", "held-out"):
            texts = [t for t in self.texts if ("heldout" in t.name) == (part == "held-out")]
            total = Report(texts).overall().figures() if texts else {}
            rows.append(
                {
                    "part": part,
                    "class": "ALL",
                    "gold": total.get("gold", 0),
                    "f1": total.get("f1"),
                    "precision": total.get("precision"),
                    "recall": total.get("recall"),
                    "speaker": total.get("speaker_accuracy"),
                    "stance": total.get("stance_accuracy"),
                    "decision": _rate([o for t in texts for o in t.outcomes if o["matched"]], "about"),
                }
            )
            classes = sorted({c for t in texts for o in t.outcomes for c in o["classes"]})
            for name in classes:
                items = [o for t in texts for o in t.outcomes if name in o["classes"]]
                hit = [o for o in items if o["matched"]]
                rows.append(
                    {
                        "part": part,
                        "class": name,
                        "gold": len(items),
                        "f1": None,
                        "precision": None,
                        "recall": round(len(hit) / len(items), 3),
                        "speaker": _rate(hit, "speaker"),
                        "stance": _rate(hit, "stance"),
                        "decision": _rate(hit, "about"),
                    }
                )
        return rows

    def class_table(self) -> str:
        head = ("part", "class", "gold", "P", "R", "F1", "spk", "decision", "stance")
        keys = ("part", "class", "gold", "precision", "recall", "f1", "speaker", "decision", "stance")
        lines = [head] + [
            tuple("-" if r[k] is None else f"{r[k]:.2f}" if isinstance(r[k], float) else str(r[k]) for k in keys)
            for r in self.by_class()
        ]
        widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
        return (
            "\n".join(
                "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
                for row in lines
            )
            + "\n"
        )

    def json(self) -> str:
        body = {
            "texts": self.rows(),
            "classes": self.by_class(),
            "misses": {t.name: t.misses for t in self.texts if t.misses},
        }
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"

    def table(self) -> str:
        head = ("text", "gold", "pred", "P", "R", "F1", "exP", "exR", "exF1", "spk", "stance")
        lines = [head]
        for r in self.rows():
            lines.append(
                (
                    r["text"],
                    str(r["gold"]),
                    str(r["predicted"]),
                    *(
                        f"{r[k]:.2f}"
                        for k in ("precision", "recall", "f1", "exact_precision", "exact_recall", "exact_f1")
                    ),
                    *("-" if r[k] is None else f"{r[k]:.2f}" for k in ("speaker_accuracy", "stance_accuracy")),
                )
            )
        widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
        out = [
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
            for row in lines
        ]
        out.insert(1, "-" * len(out[0]))
        out.insert(len(out) - 1, "-" * len(out[0]))
        return "\n".join(out) + "\n"


def _stance_toward(cand: Candidate, about: list[str]) -> str:
    """The candidate's stance toward the gold item's decision when it gives one, else its main stance."""
    for decision in about:
        if decision in cand.stances:
            return cand.stances[decision]
    return cand.stance


def _rate(outcomes: list[dict], key: str) -> float | None:
    judged = [o[key] for o in outcomes if o[key] is not None]
    return round(sum(judged) / len(judged), 3) if judged else None


def load_gold(json_path: Path) -> tuple[str, list[dict]]:
    """The text and the gold items of one gold pair, checked; GoldError names the file and item."""
    txt_path = json_path.with_suffix(".txt")
    if not txt_path.is_file():
        raise GoldError(f"{json_path}: no text {txt_path.name} beside it")
    text = txt_path.read_text(encoding="utf-8")
    try:
        doc = json.loads(json_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise GoldError(f"{json_path}: line {err.lineno}: not JSON ({err.msg})") from None
    gold = doc.get("gold") if isinstance(doc, dict) else None
    if not isinstance(gold, list):
        raise GoldError(f'{json_path}: no "gold" list')
    for i, item in enumerate(gold):
        where = f"{json_path}: gold item {i + 1}"
        if not isinstance(item, dict) or not REQUIRED <= item.keys():
            raise GoldError(f"{where}: needs {sorted(REQUIRED)}")
        unknown = set(item) - GOLD_FIELDS
        if unknown:
            raise GoldError(f"{where}: unknown field(s) {sorted(unknown)}")
        if item["stance"] not in STANCES:
            raise GoldError(f"{where}: stance {item['stance']!r} is not one of {sorted(STANCES)}")
        about = item.get("about", "")
        if not (isinstance(about, str) or (isinstance(about, list) and all(isinstance(a, str) for a in about))):
            raise GoldError(f"{where}: about must be a decision IRI or a list of them")
        if not isinstance(item.get("classes", []), list):
            raise GoldError(f"{where}: classes must be a list of names")
        if text.count(item["quote"]) != 1:
            raise GoldError(f"{where}: quote occurs {text.count(item['quote'])} times in {txt_path.name}, not once")
    return text, gold


def speaker_matches(cand: Candidate, item: dict) -> bool:
    """The predicted speaker names the gold one: same name, a canonical one, or the surname."""
    names = [item["speaker"], *item.get("speaker_canonical", [])]
    if cand.speaker_iri and cand.speaker_iri in names:
        return True
    pred = key(cand.speaker or "")
    if not pred:
        return False
    for name in names:
        gold = key(name)
        if pred == gold or (gold and pred[-1] == gold[-1] and set(pred) <= set(gold)):
            return True
    return False


def _match(cands: list[Candidate], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (candidate, gold) overlapping by at least half of the longer span."""
    pairs = []
    for ci, c in enumerate(cands):
        for gi, (gs, ge) in enumerate(spans):
            overlap = min(c.end, ge) - max(c.start, gs)
            if overlap > 0 and overlap * 2 >= max(c.end - c.start, ge - gs):
                pairs.append((-overlap, ci, gi))
    used_c, used_g, out = set(), set(), []
    for _, ci, gi in sorted(pairs):
        if ci not in used_c and gi not in used_g:
            used_c.add(ci)
            used_g.add(gi)
            out.append((ci, gi))
    return out


def score_text(name: str, text: str, gold: list[dict], cands: list[Candidate]) -> TextScore:
    spans = [(text.index(g["quote"]), text.index(g["quote"]) + len(g["quote"])) for g in gold]
    pairs = _match(cands, spans)
    score = TextScore(name, len(gold), len(cands), len(pairs), 0, 0, 0)
    outcome = [
        {"classes": g.get("classes", []), "matched": False, "speaker": None, "stance": None, "about": None}
        for g in gold
    ]
    score.outcomes = outcome
    matched_c = {ci for ci, _ in pairs}
    matched_g = {gi for _, gi in pairs}
    for ci, gi in pairs:
        c, g = cands[ci], gold[gi]
        score.exact += (c.start, c.end) == spans[gi]
        ok_speaker = speaker_matches(c, g)
        score.speaker_ok += ok_speaker
        about = g.get("about") or []
        about = [about] if isinstance(about, str) else list(about)
        stance = _stance_toward(c, about)
        score.stance_ok += stance == g["stance"]
        # the mirrored stance toward the ban that a contrast adds is not a wrong decision
        predicted = {d for d in c.about if d in about or c.stances.get(d) in (None, c.stance)}
        outcome[gi].update(
            matched=True,
            speaker=ok_speaker,
            stance=stance == g["stance"],
            about=predicted == set(about) if about else None,
        )
        if not ok_speaker or stance != g["stance"]:
            score.misses.append(
                {
                    "quote": g["quote"][:80],
                    "gold_speaker": g["speaker"],
                    "speaker": c.speaker,
                    "gold_stance": g["stance"],
                    "stance": stance,
                }
            )
    for gi in sorted(set(range(len(gold))) - matched_g):
        score.misses.append({"missed": gold[gi]["quote"][:80], "gold_speaker": gold[gi]["speaker"]})
    for ci in sorted(set(range(len(cands))) - matched_c):
        score.misses.append({"spurious": cands[ci].quote[:80], "speaker": cands[ci].speaker})
    return score


def evaluate(gold_dir: str | Path, actors: list[Actor], decisions: list[Decision] | None = None) -> Report:
    """Extract every gold text of `gold_dir` from scratch and score it against its gold."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise GoldError(f"{folder}: not a folder")
    texts = []
    for json_path in sorted(folder.glob("*.json")):
        text, gold = load_gold(json_path)
        texts.append(score_text(json_path.stem, text, gold, extract(text, actors, decisions)))
    if not texts:
        raise GoldError(f"{folder}: no gold .json files")
    return Report(texts)
