"""Print candidates: the issue's JSON ({"statements": [...]}) or a plain-text table."""

from __future__ import annotations

import json

from minegraph.ingest.model import Candidate


def to_json(candidates: list[Candidate]) -> str:
    """`{"statements": [...]}` with exactly the issue's fields, in its order; deterministic."""
    body = {"statements": [c.public() for c in candidates]}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def _cell(value, width: int) -> str:
    text = "" if value is None else ", ".join(value) if isinstance(value, list) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def to_table(candidates: list[Candidate]) -> str:
    """One line per candidate: offsets, mode, speaker (and IRI), stance with confidence, the quote."""
    head = f"{'start':>6} {'end':>6}  {'mode':<10} {'speaker':<32} {'speaker_iri':<36} {'stance':<8} {'conf':>4}  quote"
    lines = [head, "-" * len(head)]
    for c in candidates:
        lines.append(
            f"{c.start:>6} {c.end:>6}  {c.mode:<10} {_cell(c.speaker, 32):<32} "
            f"{_cell(c.speaker_iri, 36):<36} {c.stance:<8} {c.confidence:>4.2f}  {_cell(c.quote, 70)}"
        )
    return "\n".join(lines) + "\n"
