"""Zipf-skewed extra assertions: clones of real statements and claims, appended (window of text
and all) to a copy's archived texts, so offsets, prefixes, suffixes and cues still verify.

Hosts (archived texts) and speakers are drawn by rank with weight ``1 / rank**ZIPF``; the number
of extras per copy also falls off as ``1 / (copy + 1)**ZIPF``, so copy 0's documents and speakers
become hubs and every query over statements grows with the graph.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from dataclasses import dataclass

from .learned import Assertion, RealGraph
from .template import END, EXTRA, START

ZIPF = 1.0


def zipf_weights(n: int, s: float = ZIPF) -> list[float]:
    return [1.0 / (rank**s) for rank in range(1, n + 1)]


def allocate(total: int, parts: int, s: float = ZIPF) -> list[int]:
    """``total`` split over ``parts`` by Zipf weights (largest remainder: sums to ``total`` exactly)."""
    weights = zipf_weights(parts, s)
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    counts = [int(x) for x in shares]
    order = sorted(range(parts), key=lambda i: (counts[i] - shares[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


@dataclass
class _Choice:
    """Items with cumulative Zipf weights for ``random.choices``."""

    items: list
    cumulative: list[float]

    @classmethod
    def of(cls, items: list) -> "_Choice":
        return cls(items, list(itertools.accumulate(zipf_weights(len(items)))))

    def draw(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


class ExtraPlan:
    """Which assertions can be cloned into which archived texts, and how they are drawn."""

    def __init__(self, real: RealGraph, extra_templates: list[str]):
        self.templates = extra_templates
        self.index = {id(a): i for i, a in enumerate(real.assertions)}
        by_host: dict = defaultdict(lambda: defaultdict(list))
        for a in real.assertions:
            if not real.archives[a.archive].endswith(".json"):  # appending would break the JSON
                by_host[a.archive][a.speakers].append(a)
        hosts = sorted(by_host, key=lambda h: (-sum(map(len, by_host[h].values())), str(h)))
        self.hosts = _Choice.of(hosts)
        self.speakers = {h: _Choice.of(sorted(by_host[h], key=lambda s: (-len(by_host[h][s]), s))) for h in hosts}
        self.by_speaker = by_host

    def expected_size(self) -> float:
        """Expected triples per extra assertion under the draw distribution."""
        total_host = self.hosts.cumulative[-1] if self.hosts.items else 1.0
        expected, previous = 0.0, 0.0
        for host, cumulative in zip(self.hosts.items, self.hosts.cumulative):
            p_host, previous = (cumulative - previous) / total_host, cumulative
            speakers, prev_s = self.speakers[host], 0.0
            for speaker, cum_s in zip(speakers.items, speakers.cumulative):
                p_speaker, prev_s = (cum_s - prev_s) / speakers.cumulative[-1], cum_s
                sizes = [self.templates[self.index[id(a)]].count("\n") for a in self.by_speaker[host][speaker]]
                expected += p_host * p_speaker * sum(sizes) / len(sizes)
        return expected or 1.0

    def draw(self, rng: random.Random) -> Assertion:
        host = self.hosts.draw(rng)
        return rng.choice(self.by_speaker[host][self.speakers[host].draw(rng)])


@dataclass
class GrowingText:
    """An archived text of one copy: the real text, then the windows appended to it."""

    original: str
    parts: list[str]
    length: int

    @classmethod
    def of(cls, text: str) -> "GrowingText":
        return cls(text, [text], len(text))

    def append(self, window: str) -> int:
        """Append a line break and ``window``; return the offset where the window starts."""
        self.parts.append("\n" + window)
        self.length += 1 + len(window)
        return self.length - len(window)

    def text(self) -> str:
        return "".join(self.parts)


def generate(plan: ExtraPlan, rng: random.Random, n: int, texts: dict) -> str:
    """``n`` extra assertions for one copy: their triples (copy sentinels still in), with each
    window of text appended to ``texts[archive]`` (a :class:`GrowingText`)."""
    lines = []
    for i in range(n):
        assertion = plan.draw(rng)
        text = texts[assertion.archive]
        begin, finish = assertion.window
        start = text.append(text.original[begin:finish]) + assertion.start - begin
        template = plan.templates[plan.index[id(assertion)]]
        lines.append(
            template.replace(EXTRA, f"-x{i:05d}")
            .replace(START, str(start))
            .replace(END, str(start + assertion.end - assertion.start))
        )
    return "".join(lines)
