"""``rests-on`` and ``assessed-decisions``: a stance's cue words stand in the archived text, and a statement
is about exactly the decisions its stance assessments are toward (one per decision and assessor)."""

from __future__ import annotations

from collections.abc import Iterator

from .anchors import archives
from .base import CheckFinding, Context, check, text

MG = "https://w3id.org/minegraph/ontology#"


@check("rests-on")
def stance_words_in_archive(context: Context) -> Iterator[CheckFinding]:
    texts = archives(context)
    for row in context.select("rests-on"):
        found = texts.get(row["archive"])
        if found is None or found[0].text is None:
            continue  # an unanchored statement (SHACL's to report) or an unreadable text (the archives check's)
        if row["words"].value not in found[0].text:
            yield CheckFinding("rests-on", f"The words {row['words'].value!r} the stance rests on (mg:restsOn) do not "
                               "occur in the archived text of the assessed statement", text(row["assessment"]), MG + "restsOn")


@check("assessed-decisions")
def statements_about_their_assessed_decisions(context: Context) -> Iterator[CheckFinding]:
    for row in context.select("about-not-assessed"):
        yield CheckFinding("assessed-decisions", f"The statement is about <{text(row['decision'])}> (mg:about) but no "
                           "stance assessment of it is toward that decision (mg:towards)", text(row["statement"]), MG + "about")
    for row in context.select("assessed-not-about"):
        yield CheckFinding("assessed-decisions", f"A stance assessment of the statement is toward <{text(row['decision'])}> "
                           "(mg:towards), but the statement is not about it (mg:about)", text(row["statement"]), MG + "about")
    for row in context.select("assessed-twice"):
        yield CheckFinding("assessed-decisions", f"The statement has more than one stance assessment toward "
                           f"<{text(row['decision'])}> by <{text(row['by'])}>", text(row["statement"]), MG + "about")
