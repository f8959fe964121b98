"""Ingest: find the statements of a new source text (quotes, speakers, roles, stance) and measure how well.

The extractor is rule-based and offline. `extract(text, actors)` returns candidate statements whose
offsets are code points into `text` (end exclusive); `evaluate(gold_dir, actors)` measures it against
gold texts; `draft.write_draft` turns candidates into a curation TOML draft for review.
"""

from minegraph.ingest.model import Actor, Candidate, Decision, Post
from minegraph.ingest.extract import extract, extract_file
from minegraph.ingest.output import to_json, to_table
from minegraph.ingest.gazetteer import actors_from_graph, decisions_from_graph
from minegraph.ingest.evaluate import Report, evaluate

__all__ = [
    "Actor", "Candidate", "Decision", "Post", "Report", "actors_from_graph", "decisions_from_graph",
    "evaluate", "extract", "extract_file", "to_json", "to_table",
]
