# The real-browser test of the query page and the entity pages: headless Chromium driven through
# chromedriver by selenium. Chromium and chromedriver come from Debian, installed when missing.

BROWSER_STAMP := $(VENV)/.browser-installed

.PHONY: test-browser browser-deps

browser-deps:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  apt-get update -qq && apt-get install -y -qq chromium chromium-driver; fi

$(BROWSER_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,browser]'
	@touch $@

## Headless Chromium opens the query page, runs a library example, opens entity pages; screenshots in
## pytest's temporary folder (screenshots0/).
test-browser: browser-deps $(BROWSER_STAMP) $(NODE_ASSETS)
	$(BIN)/python -m pytest tests/publish -m browser -q
