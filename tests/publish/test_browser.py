"""A real browser (headless Chromium through chromedriver) on the query page and entity pages.

Run with ``make test-browser`` (installs Chromium and chromedriver from Debian when missing).
Screenshots are kept in pytest's temporary folder (``…/screenshots0/``; a test writes nowhere else).
"""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest

from tests.support.endpoint import get, wait

pytestmark = pytest.mark.browser


def test_query_page_runs_a_library_example(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(server.url + "/sparql")
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#examples option")) > 10)
    picker = Select(browser.find_element(By.ID, "examples"))
    picker.select_by_visible_text("Membership of the Convention on a date, in numbers")
    wait(browser, lambda d: "inForce" in d.execute_script("return window.minegraphYasgui.getTab().getQuery()"))
    browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
    rows = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr"))
    browser.save_screenshot(str(browser.artefacts / "query-page-membership-summary.png"))
    cells = [c.text for c in rows[0].find_elements(By.TAG_NAME, "td")]
    counts = [int(m.group(1)) for m in (re.match(r'^\D*"?(\d+)"?', c) for c in cells[1:]) if m]
    assert len(rows) == 1 and max(counts) >= 197 and any(100 < n < 197 for n in counts)  # universe, in force
    origins = browser.execute_script("return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)")
    assert set(origins) <= {server.url}  # everything from this server: works with no internet


def test_result_iris_link_to_entity_pages(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/sparql")
    wait(browser, lambda d: d.execute_script("return !!window.minegraphYasgui"))
    browser.execute_script(
        "window.minegraphYasgui.getTab().setQuery(arguments[0])",
        "PREFIX state: <https://w3id.org/minegraph/id/state/> SELECT ?s WHERE { BIND(state:LVA AS ?s) }",
    )
    browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
    link = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".yasr table tbody a[href*='/id/state/LVA']"))[0]
    assert link.get_attribute("href") == server.url + "/id/state/LVA"
    link.click()
    wait(browser, lambda d: d.current_url == server.url + "/id/state/LVA")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Latvia"


def test_entity_pages_in_the_browser(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/id/state/LVA")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Latvia"
    browser.save_screenshot(str(browser.artefacts / "entity-state-LVA.png"))
    query = "PREFIX mg: <https://w3id.org/minegraph/ontology#> SELECT ?s WHERE { ?s a mg:Statement ; mg:quote ?q } ORDER BY ?s LIMIT 1"
    iri = json.loads(get(server, query, format="json")[2])["results"]["bindings"][0]["s"]["value"]
    browser.get(server.url + urllib.parse.urlparse(iri).path.removeprefix("/minegraph"))
    card = browser.find_element(By.CSS_SELECTOR, "section.card")
    assert "Trace card" in card.text and browser.find_element(By.TAG_NAME, "mark").text
    browser.save_screenshot(str(browser.artefacts / "entity-statement.png"))
    # a statement read as opposing the withdrawals and supporting the Convention: its page shows both stances
    browser.get(server.url + "/id/statement/euronews-2025-04-10-10-strada-banning-obvious")
    stances = [
        row.find_element(By.TAG_NAME, "td").text
        for row in browser.find_elements(By.CSS_SELECTOR, "section.card tr.sub")
        if row.find_element(By.TAG_NAME, "th").text == "stance"
    ]
    assert {text.split()[0] for text in stances} == {"oppose", "support"}, stances
    assert "none recorded" not in browser.find_element(By.CSS_SELECTOR, "section.card").text


def test_the_query_page_opens_with_its_query_in_view(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/sparql")
    wait(browser, lambda d: d.execute_script("return !!window.minegraphYasgui"))
    editor = browser.find_element(By.CSS_SELECTOR, ".yasqe .CodeMirror")
    assert "SELECT" in editor.text and editor.text.count("PREFIX") <= 3  # the query, not a screen of PREFIX lines
    browser.save_screenshot(str(browser.artefacts / "query-page-opening.png"))


def test_the_editor_completes_entities_and_ontology_terms_from_this_server(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/sparql")
    wait(browser, lambda d: d.execute_script("return !!window.minegraphYasgui"))
    for typed, wanted in (("state:latv", "state:LVA"), ("mg:Statem", "mg:Statement")):
        browser.execute_script(
            "const y = window.minegraphYasgui.getTab().getYasqe();"
            "y.setValue('PREFIX mg: <https://w3id.org/minegraph/ontology#>\\n"
            "PREFIX state: <https://w3id.org/minegraph/id/state/>\\nSELECT * WHERE { ?s ?p ' + arguments[0]);"
            "y.focus(); y.setCursor(y.lineCount() - 1, 1000); y.autocomplete();",
            typed,
        )
        hints = wait(browser, lambda d: [h.text for h in d.find_elements(By.CSS_SELECTOR, ".CodeMirror-hints li")])
        assert wanted in hints, (typed, hints)
    browser.save_screenshot(str(browser.artefacts / "query-page-autocompletion.png"))
    origins = browser.execute_script("return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)")
    assert set(origins) <= {server.url}


def test_search_downloads_and_indexes_in_the_browser(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/id/state/LVA")
    box = browser.find_element(By.CSS_SELECTOR, "form[role=search] input[name=q]")
    box.send_keys("Latvia")
    box.submit()
    wait(browser, lambda d: "/search" in d.current_url)
    assert browser.find_elements(By.CSS_SELECTOR, "ol a[href='/id/state/LVA']")
    browser.save_screenshot(str(browser.artefacts / "search-latvia.png"))
    browser.get(server.url + "/dist/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Downloads"
    assert browser.find_elements(By.CSS_SELECTOR, "a[href='/dist/minegraph.ttl']")
    browser.save_screenshot(str(browser.artefacts / "downloads.png"))
    browser.get(server.url + "/id/state/")
    assert len(browser.find_elements(By.CSS_SELECTOR, "ul li a")) == 197
    browser.get(server.url + "/ontology")
    assert "not there yet" not in browser.page_source
    browser.save_screenshot(str(browser.artefacts / "ontology.png"))
