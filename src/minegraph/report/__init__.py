"""The analysts' report: one self-contained HTML page of the graph's headline figures, charts and debate.

Modules: ``html`` (the page itself), ``charts`` (the membership chart), ``debate`` (the story of the debate
over a year, in sentences and HTML), ``picture_cache`` (pictures redrawn only when their inputs change).
May import every layer below it (core up to analysis), never ingest, publish, bench, scaleout or cli."""
