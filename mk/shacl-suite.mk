# The W3C SHACL Core test suite (98 tests), as shipped in pySHACL's source distribution on PyPI: downloaded
# and unpacked into .cache/ (gitignored, never committed); tests/validation/test_w3c_core_suite.py runs
# every test through the SPARQL engine's entry points and compares with the expected reports.

SHACL_SUITE_VERSION := 0.40.1
SHACL_SUITE_CACHE := .cache/shacl-suite
SHACL_SUITE := $(SHACL_SUITE_CACHE)/core/manifest.ttl

.PHONY: shacl-suite-data

## Fetch the W3C SHACL Core manifests (pySHACL's sdist, pinned) into .cache/shacl-suite/core.
shacl-suite-data: $(SHACL_SUITE)

$(SHACL_SUITE): mk/shacl-suite.mk | $(STAMP)
	rm -rf $(SHACL_SUITE_CACHE)/download $(SHACL_SUITE_CACHE)/core
	$(BIN)/python -m pip download --quiet --no-deps --no-binary :all: pyshacl==$(SHACL_SUITE_VERSION) \
		-d $(SHACL_SUITE_CACHE)/download
	tar -xzf $(SHACL_SUITE_CACHE)/download/pyshacl-$(SHACL_SUITE_VERSION).tar.gz -C $(SHACL_SUITE_CACHE)/download \
		pyshacl-$(SHACL_SUITE_VERSION)/test/resources/sht_tests/core
	mv $(SHACL_SUITE_CACHE)/download/pyshacl-$(SHACL_SUITE_VERSION)/test/resources/sht_tests/core $(SHACL_SUITE_CACHE)/core
	rm -rf $(SHACL_SUITE_CACHE)/download
	@touch $@

# `make test` runs the suite: fetch it first.
test: $(SHACL_SUITE)
