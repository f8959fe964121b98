"""Validation findings as lines a person reads: one line per finding, then a summary."""

from __future__ import annotations

import json


def format_finding(finding) -> str:
    """``graph/FILE: SEVERITY "label" <IRI> property: message`` (parts that are unknown are left out)."""
    parts = [f"{finding.file or '(no file)'}:", finding.severity]
    if finding.label:
        parts.append(json.dumps(finding.label, ensure_ascii=False))
    if finding.focus:
        parts.append(f"<{finding.focus}>")
    where = " ".join(parts)
    prop = f" {finding.path}" if finding.path else ""
    return f"{where}{prop}: {finding.message}  [{finding.source}]"


def summary(report) -> str:
    counts = report.counts()
    ran = ("shapes + " if report.shacl else "") + f"{len(report.checks)} check(s)"
    verdict = "the graph conforms" if report.conforms else "the graph does NOT conform"
    return (
        f"{counts['Violation']} violation(s), {counts['Warning']} warning(s), {counts['Info']} info(s) "
        f"in {report.triples} triples ({ran}): {verdict}"
    )
