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
serve: $(NODE_ASSETS)
