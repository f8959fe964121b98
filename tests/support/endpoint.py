"""A real endpoint for the publish tests: ``minegraph.publish.server`` in a child process on 127.0.0.1 over the
checkout, and plain HTTP requests to it (errors are answers too)."""

from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from rdflib import URIRef

from minegraph.bench.loadserver import Server
from minegraph.bench.loadserver import start_server as _start_server
from tests.support.paths import ROOT

LVA = URIRef("https://w3id.org/minegraph/id/state/LVA")


def start_server(tmp: Path, *options: str) -> Server:
    """Start a server on the checkout and wait until /health answers (the store is built first if it is missing)."""
    return _start_server(ROOT, tmp, *options, env={**os.environ, "MINEGRAPH_HOME": str(ROOT)})


def http(server, path: str, data: bytes | None = None, headers: dict | None = None):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(server.url + path, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as failed:
        return failed.code, failed.headers, failed.read()


def get(server, text: str, **params):
    return http(server, "/query?" + urllib.parse.urlencode({"query": text, **params}))


def wait(driver, condition, timeout=20):
    """What ``condition(driver)`` returns once it is truthy (a browser test's page has caught up), within ``timeout`` s."""
    from selenium.webdriver.support.ui import WebDriverWait  # lazy: optional, make test-browser installs it

    return WebDriverWait(driver, timeout).until(condition)
