# The release export (docs/export.md): dumps, VoID/DCAT, ontology docs, SHA256SUMS in dist/.
# `make export` writes dist/; `make test-export` runs its tests with Raptor's rapper installed.

.PHONY: export export-tools test-export export-context

EXPORT_OUTPUT ?= dist

## Write the release to $(EXPORT_OUTPUT)/ (EXPORT_FLAGS=--without-texts leaves out the archived texts).
export: $(STAMP)
	$(BIN)/python -c 'import sys; from minegraph.publish.export import export; \
m = export(".", sys.argv[1], without_texts="--without-texts" in sys.argv[2:]); \
print(f"{m.output_dir}: {len(m.files)} files, {m.triples} triples, graphs: {len(m.graphs)}")' $(EXPORT_OUTPUT) $(EXPORT_FLAGS)

## Raptor's rapper, the third parser the export tests read every dump with (Debian raptor2-utils).
export-tools:
	@command -v rapper >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq raptor2-utils; }

## The export tests, rapper included.
test-export: $(STAMP) export-tools
	$(BIN)/python -m pytest tests/publish/export -q

## Regenerate the committed JSON-LD context from the ontology (a test fails while it is stale).
export-context: $(STAMP)
	$(BIN)/python -c 'import pyoxigraph as ox; from pathlib import Path; \
from minegraph.publish.export.jsonld_context import generate_context, context_bytes, CONTEXT_FILE; \
import minegraph.publish.export as e; \
ctx = generate_context(ox.parse(path="ontology/minegraph.ttl", format=ox.RdfFormat.TURTLE)); \
Path(e.__file__).with_name(CONTEXT_FILE).write_bytes(context_bytes(ctx))'
