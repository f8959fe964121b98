"""Fixtures of the publish tests: a real endpoint (``minegraph.publish.server`` in a child process on 127.0.0.1)
and a headless Chromium for the browser tests (``make test-browser``)."""

from __future__ import annotations

import shutil
import tempfile

import pytest

from tests.support.endpoint import start_server


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The shared endpoint: 2 workers, a 2 s timeout, a 500-row cap, room for 128 requests in flight, each
    waiting up to 30 s for a worker (a burst of 100 must all be answered)."""
    started = start_server(
        tmp_path_factory.mktemp("endpoint"),
        "--timeout",
        "2",
        "--max-rows",
        "500",
        "--max-concurrent",
        "128",
        "--max-depth",
        "32",
        "--queue-timeout",
        "30",
    )
    yield started
    assert started.stop() == 0


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service  # lazy: optional, make test-browser installs it

    driver_path = shutil.which("chromedriver")
    if driver_path is None:
        pytest.fail("chromedriver is missing: run 'make test-browser' (it installs chromium and chromium-driver)")
    profile = tempfile.mkdtemp(prefix="minegraph-chromium-")
    options = webdriver.ChromeOptions()
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    driver.artefacts = tmp_path_factory.mktemp("screenshots")  # looked at by people; printed at the end
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)
