"""A validation run's result, whichever engine ran it: one :class:`Finding` per problem (with the file its
subject is described in, its label, the property and a message) and the :class:`ValidationReport`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

#: Severities, most serious first; only a Violation makes the graph non-conforming.
SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class Finding:
    """One problem: what is wrong (message), where (file, subject, property) and who says so (source)."""

    severity: str
    message: str
    source: str  # "shape mgsh:Statement-stance" or "check quotes"
    focus: str | None = None  # the subject's IRI
    label: str | None = None
    file: str | None = None  # relative to the project root, e.g. "graph/actors.ttl"
    path: str | None = None  # the property, as a CURIE or a SHACL path
    value: str | None = None  # the offending value, in Turtle notation
    component: str | None = None  # the SHACL constraint component, for shape findings

    def sort_key(self) -> tuple:
        rank = SEVERITIES.index(self.severity) if self.severity in SEVERITIES else len(SEVERITIES)  # a shape's own IRI
        return (self.file or "~", self.focus or "", rank, self.path or "", self.message)


@dataclass
class ValidationReport:
    """Every finding of one validation run, and what was validated."""

    findings: list[Finding]
    triples: int
    files: list[str] = field(default_factory=list)
    shacl: bool = True
    checks: list[str] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when there is no Violation (Warnings and Infos are reported but do not fail)."""
        return not any(f.severity == "Violation" for f in self.findings)

    def counts(self) -> dict[str, int]:
        """Number of findings per severity (every severity present, zero included)."""
        return {severity: sum(1 for f in self.findings if f.severity == severity) for severity in SEVERITIES}

    def messages(self) -> list[str]:
        return [f.message for f in self.findings]

    def to_dict(self) -> dict:
        return {
            "conforms": self.conforms,
            "counts": self.counts(),
            "triples": self.triples,
            "files": self.files,
            "shacl": self.shacl,
            "checks": self.checks,
            "findings": [asdict(f) for f in self.findings],
        }
