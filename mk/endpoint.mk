# The query page's browser assets (YASGUI), installed from the npm registry into node_modules/
# at the version package-lock.json pins; the endpoint serves them from there (never copied into git).

NODE_ASSETS := node_modules/@zazuko/yasgui/build/yasgui.min.js

.PHONY: assets

## Install the query page's JavaScript (npm ci: exactly package-lock.json).
assets: $(NODE_ASSETS)

$(NODE_ASSETS): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install -y npm (or install Node.js)"; exit 2; }
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

# The endpoint's tests and `make serve` need the query page's assets.
test serve: $(NODE_ASSETS)

PACKAGED_ASSETS := src/minegraph/publish/static/yasgui

.PHONY: wheel-assets

## Copy YASGUI's build (and its licence) into the package, for a wheel that serves the query page
## without node_modules/ (the copy is ignored by git; package-data must list publish/static/yasgui/*).
wheel-assets: $(NODE_ASSETS)
	mkdir -p $(PACKAGED_ASSETS)
	cp node_modules/@zazuko/yasgui/build/yasgui.min.js node_modules/@zazuko/yasgui/build/yasgui.min.css $(PACKAGED_ASSETS)/
	cp node_modules/@zazuko/yasgui/LICENSE* $(PACKAGED_ASSETS)/ 2>/dev/null || true
