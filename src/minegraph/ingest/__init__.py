"""Ingest: find the statements of a new source text (quotes, speakers, roles, stance) and measure how well.

The extractor is rule-based and offline. `extract(text, actors)` returns candidate statements whose
offsets are code points into `text` (end exclusive); `evaluate(gold_dir, actors)` measures it against
gold texts; `draft.write_draft` turns candidates into a curation TOML draft for review.

Reading a text: `documents` (web page, PDF or text → archived plain text), `segment` (paragraphs, sentences),
`quotes` (quotation spans), `attribution` (who a quote is attributed to), `speakers` (speaker phrases),
`antecedents` (pronouns and "the minister" → who was mentioned), `capacity` (the role read), `linking`
(speaker → actor), `countries`, `fold` and `lexicon` (word lists and matching keys), `stance` (decisions and
stance from cues); `model` (the extractor's plain data), `gazetteer` (actors and decisions from the graph),
`output` (candidates as JSON or a table). The road into the graph: `workflow` (archive, extract, draft),
`draft`, `review_draft` (the review page's view), `problems` (every problem of a draft at once), `reviewed`
(each record of a reviewed draft checked and written as TOML), `accept` (a reviewed draft becomes curation,
then build and validate). May import every layer below cli."""

from minegraph.ingest.evaluate import Report, evaluate
from minegraph.ingest.extract import extract, extract_file
from minegraph.ingest.gazetteer import actors_from_graph, decisions_from_graph
from minegraph.ingest.model import Actor, Candidate, Decision, Post
from minegraph.ingest.output import to_json, to_table

__all__ = [
    "Actor",
    "Candidate",
    "Decision",
    "Post",
    "Report",
    "actors_from_graph",
    "decisions_from_graph",
    "evaluate",
    "extract",
    "extract_file",
    "to_json",
    "to_table",
]
