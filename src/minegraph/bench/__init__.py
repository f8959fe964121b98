"""Scale: a synthetic generator that multiplies the real graph (``synth``) and the bench harness
that measures load, queries, validation and network analysis over its sizes (``run``)."""
