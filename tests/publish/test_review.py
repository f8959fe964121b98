"""The review page's HTTP side over a real draft (fiction): it serves the text and the candidates, writes the
page's edits back as the TOML draft accept reads, reports accept's problems, and answers loopback only."""

from __future__ import annotations

import tomllib

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from minegraph.cli import main  # noqa: E402
from minegraph.errors import MinegraphError  # noqa: E402
from minegraph.ingest import review_draft  # noqa: E402
from minegraph.publish.review import create_review_app, is_loopback, serve_review  # noqa: E402
from tests.support.fiction import ingested_draft  # noqa: E402


@pytest.fixture
def client(tmp_path):
    project, draft = ingested_draft(tmp_path)
    app = create_review_app(
        lambda: review_draft.view(project, draft), lambda e: review_draft.save(project, draft, e), draft.stem
    )
    return TestClient(app, base_url="http://127.0.0.1"), project, draft


def test_the_page_and_the_draft_with_offsets_that_slice_the_archived_text(client):
    http, _, _ = client
    assert "review.js" in http.get("/").text
    data = http.get("/draft.json").json()
    assert len(data["statements"]) == 3 and any(d["iri"] == "decision:FIN-withdrawal" for d in data["decisions"])
    for s in data["statements"]:
        assert data["text"][s["start"] : s["end"]] == s["quote"]
    assert http.get("/assets/review.js").headers["content-type"].startswith("text/javascript")
    assert http.get("/assets/../review.py").status_code == 404


def test_saved_edits_are_the_draft_accept_reads(client):
    http, project, draft = client
    data = http.get("/draft.json").json()
    text = data["text"]
    quote = "the withdrawal is a mistake the town will pay for"
    start = text.index(quote)
    statements = data["statements"]
    statements[0]["assessments"][0].update(stance="neutral", method="accepted")
    statements.append(
        {
            "quote": quote,
            "start": start,
            "end": start + len(quote),
            "speaker": "new:Liisa Rantanen",
            "mode": "paraphrase",
            "assessments": [{"about": "decision:FIN-withdrawal", "stance": "oppose", "method": "accepted"}],
        }
    )
    answer = http.post("/draft", json={"statements": statements, "new_actors": data["new_actors"]}).json()
    assert answer["problems"] == []
    saved = tomllib.loads(draft.read_text(encoding="utf-8"))
    added = next(s for s in saved["statement"] if s["quote"] == quote)
    assert added["speaker"] == "person:liisa-rantanen" and added["assessment"][0]["stance"] == "oppose"
    assert any(a["id"] == "person:liisa-rantanen" for a in saved["new_actor"])
    assert draft.read_text(encoding="utf-8").startswith("# DRAFT for review")
    assert main(["--project", str(project.root), "accept", str(draft)]) == 0


def test_a_span_that_is_not_the_archived_text_is_refused_and_the_draft_kept(client):
    http, _, draft = client
    before = draft.read_bytes()
    data = http.get("/draft.json").json()
    data["statements"][0]["start"] += 1
    answer = http.post("/draft", json={"statements": data["statements"], "new_actors": []})
    assert answer.status_code == 422 and "is not the archived text" in answer.json()["error"]
    assert draft.read_bytes() == before


def test_accept_problems_come_back_all_at_once(client):
    http, _, _ = client
    data = http.get("/draft.json").json()
    for s in data["statements"]:
        s["assessments"] = []
    problems = http.post("/draft", json={"statements": data["statements"], "new_actors": data["new_actors"]}).json()
    assert len([p for p in problems["problems"] if "no [[statement.assessment]]" in p]) == 3


def test_only_loopback_names_and_json_are_answered(client):
    http, _, _ = client
    assert http.get("/", headers={"host": "evil.example"}).status_code == 400
    assert http.post("/draft", content=b"x", headers={"content-type": "text/plain"}).status_code == 415
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    with pytest.raises(MinegraphError, match="loopback only"):
        serve_review(lambda: {}, lambda e: {}, "t", host="0.0.0.0", port=1)
