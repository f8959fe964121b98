"""Discourse-network analysis in the manner of Discourse Network Analyzer (DNA, Leifeld) and its R package
rDNA, over minegraph's coded statements: affiliation (actor × decision), congruence, conflict and
congruence-minus-conflict networks with DNA's normalisations, actors at the level of person, organisation or
state, time windows, a polarisation score and coalitions per window — every tie traceable to its statements.

Modules: :mod:`.statements` (the coded statements, from the library query ``discourse-statements``),
:mod:`.networks` (the networks and their networkx graphs), :mod:`.matrices` (their sparse arithmetic),
:mod:`.polarisation`, :mod:`.windows`,
:mod:`.exports` (GraphML, dynamic GEXF, rDNA-style CSV matrices, JSON), :mod:`.pictures`, :mod:`.render`
(networks in words for a terminal). See docs/discourse-networks.md for the definitions."""
