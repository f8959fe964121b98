"""HTML and PDF in: `ingest page.html` / `report.pdf` archive the main text (boilerplate gone, PDF lines
unwrapped), record the original's SHA-256 and media type, take the page's own title, date and site as
defaults, and refuse a text that is not English. The page and the PDF are fiction made here."""

from __future__ import annotations

import hashlib
import shutil
import tomllib
from pathlib import Path

import pytest

from minegraph.cli import main
from minegraph.core.project import Project
from minegraph.errors import InputError
from minegraph.ingest.documents import english_share, load, unwrap

ROOT = Path(__file__).resolve().parents[2]

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Forum chair regrets Finland's exit | Nordic Policy Review</title>
<meta property="og:title" content="Forum chair regrets Finland's exit">
<meta property="og:site_name" content="Nordic Policy Review">
<meta property="article:published_time" content="2025-07-02T09:00:00+00:00">
<link rel="canonical" href="https://example.invalid/nordic-policy-review/forum-chair-regrets-exit">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe to our newsletter</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<main><article>
<h1>Forum chair regrets Finland's exit</h1>
<p>HELSINKI, July 2 - Finland's decision to leave the Ottawa Convention drew a sharp response on Wednesday
from the chair of a regional forum, who said the treaty had protected civilians for a generation.</p>
<p>"Walking away from this treaty is a grave mistake that will cost lives," said Ingrid Solheim, chair of the
Nordic Mine Action Forum. "Children pay for these decisions long after the soldiers have gone home."</p>
<p>The Finnish defence ministry said that the withdrawal was necessary to deter any aggression on the eastern
border. It added that no mines would be laid in peacetime.</p>
<p>The forum will meet again in the autumn to discuss its response to the withdrawals.</p>
</article></main>
<aside><h3>Most read</h3><ul><li>Ten best saunas in Lapland</li><li>Weather: a warm week ahead</li></ul></aside>
<footer><p>Copyright Nordic Policy Review. All rights reserved. Privacy policy. Terms of use.</p></footer>
</body></html>
"""

PDF_LINES = [
    "Statement of the Mine Action Forum (fictional)",
    "",
    "The Chair of the Forum, Ms Ingrid Solheim, said that the withdrawal of",
    "Finland from the Convention was a grave mistake that would cost the",
    "lives of civilians for decades.",
    "",
    '"Leaving the treaty will not make anyone safer," she added. "The fields',
    'will still be there when the war is over."',
]


def make_pdf(lines: list[str], title: str, created: str = "D:20250630120000Z") -> bytes:
    """A one-page PDF (Helvetica, WinAnsi) holding `lines`, with a title and creation date in its Info."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 11 Tf 14 TL 72 760 Td " + " ".join(f"({esc(line)}) Tj T*" for line in lines) + " ET"
    stream = content.encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        f"<< /Title ({esc(title)}) /CreationDate ({created}) >>".encode("cp1252"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def scratch(tmp_path) -> Project:
    for part in ("ontology", "graph", "queries", "curation"):
        shutil.copytree(ROOT / part, tmp_path / "project" / part)
    return Project(tmp_path / "project")


def _draft(project: Project) -> tuple[dict, str]:
    path = next((project.root / "drafts").glob("*.toml"))
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    archived = (project.graph_dir / "sources" / data["document"]["archive"]).read_text(encoding="utf-8")
    return data, archived


def test_a_web_page_is_archived_as_its_main_text_with_its_own_metadata_as_defaults(scratch, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["--project", str(scratch.root), "ingest", str(page)]) == 0
    data, archived = _draft(scratch)
    doc = data["document"]
    assert "grave mistake that will cost lives" in archived
    assert not any(junk in archived for junk in ("Subscribe", "cookies", "saunas", "All rights reserved"))
    assert (doc["title"], doc["date"]) == ("Forum chair regrets Finland's exit", "2025-07-02")
    assert doc["url"] == "https://example.invalid/nordic-policy-review/forum-chair-regrets-exit"
    assert doc["publisher"] == "organisation:nordic-policy-review"
    assert doc["media_type"] == "text/html" and doc["original_file"] == "page.html"
    assert doc["original_sha256"] == hashlib.sha256(page.read_bytes()).hexdigest()
    statements = data["statement"]
    assert any(s["quote"].startswith("Walking away from this treaty") for s in statements)
    for s in statements:
        assert archived[s["start"] : s["end"]] == s["quote"], "offsets refer to the archived text"


def test_a_pdf_is_archived_as_its_text_with_wrapped_lines_joined(scratch, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(make_pdf(PDF_LINES, "Statement on Finland's withdrawal"))
    assert (
        main(
            [
                "--project",
                str(scratch.root),
                "ingest",
                str(pdf),
                "--url",
                "https://example.invalid/r.pdf",
                "--publisher",
                "Mine Action Forum",
            ]
        )
        == 0
    )
    data, archived = _draft(scratch)
    doc = data["document"]
    assert "the withdrawal of Finland from the Convention was a grave mistake that would cost the lives" in archived
    assert (doc["title"], doc["date"], doc["media_type"]) == (
        "Statement on Finland's withdrawal",
        "2025-06-30",
        "application/pdf",
    )
    assert doc["original_sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    quotes = {s["quote"]: s for s in data["statement"]}
    assert "Leaving the treaty will not make anyone safer" in quotes
    for s in data["statement"]:
        assert archived[s["start"] : s["end"]] == s["quote"]


def test_a_text_not_in_english_is_refused_with_a_clear_message_and_nothing_written(scratch, tmp_path, capsys):
    text = tmp_path / "lv.txt"
    text.write_text(
        "Aizsardzības ministrija paziņoja, ka valsts izstāsies no konvencijas, jo drošības situācija "
        "reģionā ir būtiski mainījusies. Ministrs uzsvēra, ka lēmums ir pieņemts pēc konsultācijām ar "
        "sabiedrotajiem un ka mīnas netiks izvietotas miera laikā.\n",
        encoding="utf-8",
    )
    assert (
        main(
            [
                "--project",
                str(scratch.root),
                "ingest",
                str(text),
                "--url",
                "https://example.invalid/lv",
                "--title",
                "Paziņojums",
                "--publisher",
                "Ministrija",
                "--date",
                "2025-06-27",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "does not read as English" in err and "lv.txt" in err and "Traceback" not in err
    assert not (scratch.root / "drafts").exists()


def test_a_declared_other_language_is_refused_too(scratch, capsys):
    gold = ROOT / "tests" / "gold" / "fiction-02-press-release.txt"
    assert (
        main(
            [
                "--project",
                str(scratch.root),
                "ingest",
                str(gold),
                "--url",
                "https://example.invalid/x",
                "--title",
                "t",
                "--publisher",
                "Euronews",
                "--date",
                "2025-01-01",
                "--lang",
                "fr",
            ]
        )
        == 2
    )
    assert "reads English only" in capsys.readouterr().err


def test_a_page_without_a_date_names_the_missing_field(scratch, tmp_path, capsys):
    page = tmp_path / "undated.html"
    page.write_text(
        PAGE.replace('<meta property="article:published_time" content="2025-07-02T09:00:00+00:00">', ""),
        encoding="utf-8",
    )
    assert main(["--project", str(scratch.root), "ingest", str(page)]) == 2
    assert "--date" in capsys.readouterr().err


def test_english_share_tells_english_prose_from_other_languages():
    assert english_share("The minister said that the decision was taken after a debate in the parliament.") > 0.3
    assert english_share("Ministrs uzsvēra, ka lēmums ir pieņemts pēc konsultācijām ar sabiedrotajiem.") < 0.1


def test_unwrap_joins_a_paragraph_and_keeps_hyphens_and_sentence_ends():
    page = "The treaty on anti-\npersonnel mines was signed\nin Ottawa.\nIt entered into force in 1999."
    assert unwrap(page) == "The treaty on anti-personnel mines was signed in Ottawa.\n\nIt entered into force in 1999."


def test_load_reports_an_unreadable_pdf_by_name(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really a pdf")
    with pytest.raises(InputError, match="broken.pdf"):
        load(bad)


def test_extract_reads_a_web_page_with_offsets_into_its_main_text(scratch, tmp_path, capsys):
    import json

    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["--project", str(scratch.root), "extract", str(page)]) == 0
    found = json.loads(capsys.readouterr().out)["statements"]
    text = load(page).text
    assert found and all(text[c["start"] : c["end"]] == c["quote"] for c in found)
    assert any(c["speaker"] == "Ingrid Solheim" and c["stance"] == "oppose" for c in found)
