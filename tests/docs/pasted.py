"""Command outputs pasted in the README and docs/, checked against the real graph so they cannot go stale.

A fenced block is checked when each of its ``$ `` lines runs a read-only ``minegraph`` command on the
checkout (``validate``, ``queries``, ``query``, ``sparql``, ``trace``, ``network``; no ``--project``, no
pipe); walkthroughs that write files or start servers are not. Normalised: trailing spaces, ``time``'s
lines; a line that is only ``…`` (or starts with ``… (``) stands for any number of lines. Tables are
drawn ``COLUMNS`` wide. ``python tests/docs/pasted.py --update`` rewrites the blocks from real runs,
keeping each elision where it was.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "queries" / "README.md"]
COLUMNS = "140"
_FENCE = re.compile(r"^```[A-Za-z]*\n(.*?)^```", re.M | re.S)
_CHECKED = re.compile(r"^(?:time )?minegraph (?:validate|queries|query|sparql|trace|network)\b")
_TIMING = re.compile(r"^(real|user|sys)\s+\d+m[\d.]+s$")


@dataclass
class Case:
    document: Path
    line: int  # of the command in the document
    command: str
    expected: list[str]

    @property
    def name(self) -> str:
        return f"{self.document.relative_to(ROOT)}:{self.line}"


def _segments(block: str, first_line: int, document: Path) -> list[Case] | None:
    """The block's commands with their pasted outputs, or None when the block is not one to check."""
    cases: list[Case] = []
    for offset, line in enumerate(block.splitlines()):
        if line.startswith("$ "):
            command = line[2:]
            if not _CHECKED.match(command) or "--project" in command or "|" in command or command.endswith("\\"):
                return None
            cases.append(Case(document, first_line + offset, command, []))
        elif cases:
            cases[-1].expected.append(line)
        elif line.strip():
            return None
    return cases or None


def cases() -> list[Case]:
    found = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        for block in _FENCE.finditer(text):
            first_line = text.count("\n", 0, block.start(1)) + 1
            found.extend(_segments(block.group(1), first_line, document) or [])
    return found


def run(command: str) -> list[str]:
    """The command's standard output on the checkout, as lines (``time`` dropped)."""
    words = shlex.split(command.removeprefix("time "))
    env = {**os.environ, "COLUMNS": COLUMNS, "LINES": "50"}
    done = subprocess.run(
        [sys.executable, "-m", "minegraph", *words[1:]], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    return [line.rstrip() for line in done.stdout.splitlines()]


def _is_elision(line: str) -> bool:
    return line.strip() == "…" or line.startswith("… (")


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the pasted lines are the output, an elision standing for any run of lines."""
    pattern = [line.rstrip() for line in expected if not _TIMING.match(line.strip())]

    def match(i: int, j: int) -> bool:
        if i == len(pattern):
            return j == len(actual)
        if _is_elision(pattern[i]):
            return any(match(i + 1, k) for k in range(j, len(actual) + 1))
        return j < len(actual) and pattern[i] == actual[j] and match(i + 1, j + 1)

    return match(0, 0)


def refreshed(expected: list[str], actual: list[str]) -> list[str]:
    """New pasted lines: the real output, with an elision where there was one (same head and tail lengths)."""
    kept = [line for line in expected if not _TIMING.match(line.strip())]
    cut = next((i for i, line in enumerate(kept) if _is_elision(line)), None)
    if cut is None:
        return actual
    tail = len(kept) - cut - 1
    if cut + tail >= len(actual):
        return actual
    return actual[:cut] + [kept[cut]] + (actual[-tail:] if tail else [])


def update() -> int:
    """Rewrite every checked block from real runs; the number of commands whose output changed."""
    changed = 0
    by_document: dict[Path, list[Case]] = {}
    for case in cases():
        by_document.setdefault(case.document, []).append(case)
    for document, found in by_document.items():
        lines = document.read_text(encoding="utf-8").split("\n")
        for case in reversed(found):  # from the bottom, so earlier line numbers stay right
            actual = run(case.command)
            if matches(case.expected, actual):
                continue
            start = case.line  # index of the first output line (the command is at case.line - 1)
            lines[start : start + len(case.expected)] = refreshed(case.expected, actual)
            changed += 1
        document.write_text("\n".join(lines), encoding="utf-8")
    return changed


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/docs/pasted.py --update")
    print(f"{update()} pasted output(s) rewritten")
