"""The review page in a real browser (headless Chromium, `make test-browser`): on a real ingested draft the
reviewer rejects a candidate, selects words the extractor missed, names the speaker, sets the decision and
stance, saves; accept then puts the statement in the graph. The text is fiction (tests/support/fiction.py).
Screenshots go to the test's tmp_path (a test writes nothing outside it)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from minegraph.bench.loadserver import free_port
from minegraph.cli import main
from tests.support.endpoint import wait
from tests.support.fiction import ingested_draft

pytestmark = pytest.mark.browser
SELECT = """
const [start, end] = arguments;
const spans = [...document.querySelectorAll('#text span.seg')];
function point(offset) {
  for (const span of spans) {
    const from = Number(span.dataset.start), cps = Array.from(span.textContent);
    if (offset >= from && offset <= from + cps.length) {
      return [span.firstChild, cps.slice(0, offset - from).join('').length];
    }
  }
}
const range = document.createRange();
range.setStart(...point(start));
range.setEnd(...point(end));
const sel = window.getSelection();
sel.removeAllRanges();
sel.addRange(range);
"""


@pytest.fixture
def review(tmp_path):
    project, draft = ingested_draft(tmp_path)
    port = free_port()
    log = (tmp_path / "review.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from minegraph.cli import main; sys.exit(main())",
            "--project",
            str(project.root),
            "serve",
            "--review",
            str(draft),
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(os.environ),
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/draft.json", timeout=2).read()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail((tmp_path / "review.log").read_text())
            time.sleep(0.2)
    yield url, project, draft
    process.terminate()
    process.wait(15)
    log.close()


def test_select_a_span_set_a_stance_save_accept_and_the_statement_is_in_the_graph(review, browser, capsys, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    url, project, draft = review
    browser.get(url + "/")
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#statements li")) == 3
    rejected = next(
        e
        for e in browser.find_elements(By.CSS_SELECTOR, "#text .cand.suggested")
        if e.text == "Mines do not sign ceasefires"
    )
    rejected.click()
    browser.find_element(By.ID, "reject").click()
    assert len(browser.find_elements(By.CSS_SELECTOR, "#statements li")) == 2
    text = browser.execute_script("return state.data.text")
    quote = "the withdrawal is a mistake the town will pay for"
    start = text.index(quote)
    browser.execute_script(SELECT, start, start + len(quote))
    browser.find_element(By.ID, "add").click()
    assert browser.find_element(By.ID, "quote").text == quote
    browser.find_element(By.ID, "new-speaker").send_keys("Liisa Rantanen\t")
    Select(browser.find_element(By.ID, "about-0")).select_by_value("decision:FIN-withdrawal")
    Select(browser.find_element(By.ID, "stance-0")).select_by_value("oppose")
    browser.save_screenshot(str(tmp_path / "review-page-editing.png"))
    browser.find_element(By.ID, "save").click()
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-saved") == "1")
    status = browser.find_element(By.ID, "status").text
    browser.save_screenshot(str(tmp_path / "review-page-saved.png"))
    assert "ready to accept" in status, status + browser.find_element(By.ID, "problems").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "#statements li")) == 3
    assert main(["--project", str(project.root), "accept", str(draft)]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "--project",
                str(project.root),
                "query",
                "who-said-what",
                "--param",
                f"source=source:{draft.stem}",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    rows = capsys.readouterr().out
    assert "Liisa Rantanen" in rows and quote in rows and "oppose" in rows.lower()
    assert "Mines do not sign ceasefires" not in rows
