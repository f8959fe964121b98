"""Wordings of ``rests-on`` and ``assessed-decisions``: a stance's cue words stand in the archived text, and a
statement is about exactly the decisions its stance assessments are toward (one per decision and assessor)."""

from __future__ import annotations

from collections.abc import Iterator

from .archived_texts import text_of
from .context import Context, finding, text, wording


@wording("rests-on")
def stance_words_in_archive(context: Context, rows) -> Iterator:
    for row in rows:
        archived = text_of(context, row["archive"])
        if archived is None:
            continue  # an unreadable text: the archives check's to report
        if row["value"].value not in archived:
            yield finding(
                f"The words {row['value'].value!r} the stance rests on (mg:restsOn) do not occur in the "
                "archived text of the assessed statement",
                row["focus"],
                row["path"],
            )


ASSESSED = {
    "about": "The statement is about <{value}> (mg:about) but no stance assessment of it is toward that decision (mg:towards)",
    "towards": "A stance assessment of the statement is toward <{value}> (mg:towards), but the statement is not about it (mg:about)",
    "twice": "The statement has more than one stance assessment toward <{value}> by <{by}>",
}


@wording("assessed-decisions")
def statements_about_their_assessed_decisions(context: Context, rows) -> Iterator:
    for row in rows:
        message = ASSESSED[row["kind"].value].format(value=text(row["value"]), by=text(row["by"]))
        yield finding(message, row["focus"], row["path"])
