"""Every problem of a reviewed draft at once: a collector of record errors, and "did you mean" for a
field, an IRI or a value that is close to a known one. A reviewer fixes a draft in one pass, not one
error per run."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from minegraph.errors import CurationError


def did_you_mean(value: object, known: Iterable[str]) -> str:
    """` (did you mean 'x'?)` when a known name is close to `value`, else an empty string."""
    if not isinstance(value, str) or not value:
        return ""
    choices = sorted(set(known))
    close = difflib.get_close_matches(value, choices, n=2, cutoff=0.6)
    if not close:  # "person:rokas-vaitkus" for "person:vaitkus": match on the part after the prefix too
        tails = {c.split(":", 1)[-1]: c for c in choices}
        close = [tails[t] for t in difflib.get_close_matches(value.split(":", 1)[-1], list(tails), n=2, cutoff=0.6)]
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


class Problems:
    """Record errors collected while checking one draft; `raise_if_any` reports them all, in line order."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.found: list[CurationError] = []

    @contextmanager
    def collect(self) -> Iterator[None]:
        """Run a check; its CurationError is noted and the checking goes on."""
        try:
            yield
        except CurationError as err:
            self.found.append(err)

    def raise_if_any(self) -> None:
        if not self.found:
            return
        if len(self.found) == 1:
            raise self.found[0]
        ordered = sorted(self.found, key=lambda e: (e.line is None, e.line or 0))
        lines = [f"  line {e.line}: {e.message}" if e.line else f"  {e.message}" for e in ordered]
        raise CurationError(self.path, f"{len(ordered)} problems; nothing was written:\n" + "\n".join(lines))
