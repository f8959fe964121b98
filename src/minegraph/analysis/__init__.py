"""The shape of the debate and of the membership as graphs, their measures and their files.

Modules: ``graphs`` (the stance, reported and membership graphs as NetworkX graphs; ``analyse`` runs every
measure), ``measures`` (agreement, coalitions, centrality, brokers, most quoted), ``shortest_paths`` (shortest-path
betweenness on a sparse adjacency matrix), ``membership``
(the treaty-membership graph over time), ``tables`` (the analyses as plain-text tables), ``graphml`` (GraphML
and GEXF files), ``plot`` (the stance-network picture, matplotlib); ``discourse/`` (discourse networks as DNA
computes them). May import core, querylang, store, queries and provenance — never report or anything above."""
