"""The build's parts: each module writes one or more ``graph/*.ttl`` files, registered with ``registry.part``.

Modules: ``convention`` (the Convention and its timing rules), ``states`` (the reference states and their
treaty acts), ``withdrawals`` (the 2025 withdrawal processes), ``landmine_monitor`` (Landmine Monitor figures
as claims), ``actors`` (persons, bodies, posts, roles, places), ``source_documents`` (one curated source and
its statements and claims), ``assertions`` (statements and claims as RDF). May import core and the rest of
assemble, nothing above."""
