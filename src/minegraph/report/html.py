"""The analysts' report: one self-contained HTML page (styles inline, pictures as data URIs, also written
beside it as PNG and SVG) with the headline figures, the membership chart, the stance network, who said
what about which decision with links to each source, and the claims that disagree with reference data.

Every figure and row comes from the library queries (``queries/*.rq``) or the network analysis; every
text is escaped with :func:`html.escape`. The page is written atomically.
"""

from __future__ import annotations

import base64
import datetime
from collections.abc import Callable
from functools import cache
from html import escape
from pathlib import Path

from minegraph.analysis.plot import PICTURE_NAME, stance_picture
from minegraph.core.files import atomic_write
from minegraph.errors import MinegraphError
from minegraph.queries.library import find_query, internal_query
from minegraph.queries.run import execute_for_each, run_query
from minegraph.querylang.terms import compact
from minegraph.report.charts import CHART_NAME, membership_chart
from minegraph.report.debate import Story, section
from minegraph.report.picture_cache import drawn, kept

REPORT_NAME = "index.html"

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 78rem; color: #222; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { margin-top: 2.4rem; border-bottom: 1px solid #ddd; padding-bottom: .3rem; }
.lead { color: #555; margin-top: 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .8rem; }
.figure { border: 1px solid #ddd; border-radius: .5rem; padding: .7rem .9rem; background: #fafafa; }
.figure .value { font-size: 1.9rem; font-weight: 700; } .figure .what { color: #555; font-size: .9rem; }
img { max-width: 100%; height: auto; border: 1px solid #eee; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin-top: .6rem; }
th, td { border-bottom: 1px solid #e5e5e5; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; position: sticky; top: 0; }
.support { color: #2e7d32; font-weight: 600; } .oppose { color: #c62828; font-weight: 600; }
.neutral { color: #666; font-weight: 600; } .mixed { color: #ef8f00; font-weight: 600; }
code { font-size: .8rem; color: #555; } .note { color: #555; font-size: .9rem; }
"""


def _figures(store, project, today: datetime.date) -> list[tuple[object, str]]:
    """(value, what it counts) for the headline, each from a library query."""
    summary = run_query("membership-summary", {"date": today}, store=store, project=project).rows[0]
    timeline = run_query("withdrawals-timeline", store=store, project=project).rows
    per_source = run_query("statements-per-source", store=store, project=project).rows
    speakers = run_query("most-quoted-speakers", store=store, project=project).rows
    withdrawals = sum(1 for row in timeline if row["kind"] == "withdrawal")
    effective = sum(
        1 for row in timeline if row["kind"] == "withdrawal" and row["effective"] and row["effective"] <= today
    )
    return [
        (summary["inForce"], f"states for which the Convention is in force on {today:%d %B %Y}"),
        (summary["notBound"], f"of the {summary['universe']} states of the reference universe not bound by it"),
        (withdrawals, "withdrawal decisions (2025), " + f"{effective} in effect by {today:%d %B %Y}"),
        (
            sum(1 for row in timeline if row["kind"] == "suspension"),
            "suspension notified (contested; the state stays a party)",
        ),
        (
            sum(row["statements"] for row in per_source),
            "statements about decisions, with speaker and stance assessments",
        ),
        (sum(row["claims"] for row in per_source), "claims of figures and findings"),
        (len(speakers), "speakers quoted"),
        (len(per_source), "source documents quoting them"),
    ]


def _details(store, nodes) -> dict[str, dict]:
    """Full quote, mode and source of each assertion (one evaluation for every node)."""
    answers = execute_for_each(internal_query("assertion-details"), "node", sorted(set(nodes)), store)
    return {node: dict(rows[-1]) for node, rows in answers.items() if rows}


def _who_said_what(store, project) -> list[dict]:
    """The library's who-said-what over every source that carries statements, with full quotes and source URLs."""
    sources = [
        row["source"]
        for row in run_query("statements-per-source", store=store, project=project).rows
        if row["statements"]
    ]
    per_source = execute_for_each(find_query(project, "who-said-what"), "source", sources, store)
    rows = [row for source in sources for row in per_source[source]]
    details = _details(store, [row["statement"] for row in rows])
    return [
        dict(row, **{k: details[row["statement"]][k] for k in ("quote", "mode", "summary", "sourceLabel", "url")})
        for row in rows
    ]


def _link(url: str | None, text: str) -> str:
    return f'<a href="{escape(url)}">{escape(text)}</a>' if url else escape(text)


def _image(path: Path, alt: str) -> str:
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    svg = Path(path).with_suffix(".svg")
    return (
        f'<p><img src="data:image/png;base64,{data}" alt="{escape(alt)}"></p>'
        f'<p class="note">Also as <a href="{escape(svg.name)}">SVG</a> and <a href="{escape(path.name)}">PNG</a> beside this page.</p>'
    )


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _said(row: dict) -> str:
    """The quote in quotation marks, or a reported position's summary, marked as the curators' words."""
    if row["quote"]:
        return f"“{escape(row['quote'])}”"
    return f"<em>reported position (curators' summary):</em> {escape(row['summary'] or '')}"


def _said_rows(store, project) -> list[list[str]]:
    """Table rows of who said what: one per statement and stance, with the trace command."""
    return [
        [
            escape(r["speakerLabel"]),
            escape(r["role"] or ""),
            escape(r["decisions"]),
            f'<span class="{escape(r["stance"])}">{escape(r["stance"])}</span><br>{escape(r["method"] or "")}',
            f"{_said(r)}<br><code>{escape(r['mode'] or r['evidence'] or '')} · minegraph trace {escape(compact(r['statement']))}</code>",
            _link(r["url"], r["sourceLabel"]) + (f"<br>{escape(str(r['published']))}" if r["published"] else ""),
        ]
        for r in _who_said_what(store, project)
    ]


def _claim_rows(store, project) -> list[list[str]]:
    """Table rows of the claims that disagree with the reference data."""
    claims = run_query("claims-vs-reference", store=store, project=project).rows
    urls = _details(store, [r["claim"] for r in claims])
    return [
        [
            escape(r["speakerLabel"]),
            f"“{escape(r['quote'])}”",
            escape(_number(r["claimed"])),
            escape(_number(r["reference"])),
            escape(r["asWritten"]),
            escape(r["explanation"]),
            _link(urls.get(r["claim"], {}).get("url"), r["appearsInLabel"]),
        ]
        for r in claims
    ]


def render(
    store,
    project,
    out_dir: Path,
    *,
    today: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
    debate=None,
) -> str:
    """Compute everything, write the pictures into ``out_dir`` and return the page's HTML; ``debate``: the
    debate's :class:`minegraph.report.debate.Story` when the caller has it already. The analyses run only when
    their pictures or their kept results (:func:`minegraph.report.picture_cache.kept`) are not current."""
    today = today or datetime.date.today()
    story = debate if debate is not None else Story(store, project, progress=progress)
    key, out_dir = story.key, Path(out_dir)

    try:  # drawn to the graph's last date, not the clock
        chart_png = drawn(
            [out_dir / f"{CHART_NAME}{s}" for s in (".png", ".svg")],
            key,
            lambda: membership_chart(store, out_dir, progress=progress),
            progress,
        )[0]
    except ValueError as exc:  # no dated treaty acts: nothing to report on
        raise MinegraphError(f"cannot write the report: {exc}") from None
    network, sources = network_section(store, project, out_dir, key, progress)
    debate = debate_section(story, out_dir, progress)
    figures = "".join(
        f'<div class="figure"><div class="value">{escape(str(v))}</div><div class="what">{escape(w)}</div></div>'
        for v, w in _figures(store, project, today)
    )
    said_rows, claim_rows = _said_rows(store, project), _claim_rows(store, project)
    network_sources = [
        [_link(url, label), str(speakers), str(assertions)] for url, label, speakers, assertions in sources
    ]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>minegraph report: the Anti-Personnel Mine Ban Convention and the 2025 withdrawals</title>
<style>{STYLE}</style></head><body>
<h1>The Anti-Personnel Mine Ban Convention and the 2025 withdrawals</h1>
<p class="lead">Who said what about which decision, in which source — generated by minegraph on {escape(today.isoformat())}
from the graph in <code>graph/</code>. Every figure below is computed from the graph; every statement links to its source.</p>
<section id="headline"><h2>Headline figures</h2><div class="figures">{figures}</div></section>
<section id="membership"><h2>Membership over time</h2>{_image(chart_png, "States bound by the Convention over time")}</section>
{network}
{debate}
<section id="who-said-what"><h2>Who said what about which decision</h2>
<p class="note">Stances are stance assessments: one per statement and decision, read by the curators (method
"curated") or suggested by a machine. A statement that supports the ban and opposes the withdrawals has a row for
each stance. Trace any statement with the command under its quote.</p>
{_table(["Speaker", "Role at the time", "About", "Stance", "Quote", "Source"], said_rows)}</section>
<section id="claims"><h2>Claims that disagree with the reference data</h2>
{_table(["Said by", "Claim", "Claimed", "Reference", "Verdict", "Explanation", "Source"], claim_rows)}</section>
<section id="sources"><h2>Sources quoting the speakers</h2>
{_table(["Source document", "Speakers quoted", "Assertions"], network_sources)}</section>
</body></html>
"""


def debate_section(story, out_dir: Path, progress=None) -> str:
    """The story of the debate over its latest year (a :class:`minegraph.report.debate.Story`), "" with no statement."""
    if story.told is None:
        return ""
    return section(story.told, lambda: story.debate, out_dir, _image, progress=progress, key=story.key)


def network_section(store, project, out_dir: Path, key: str | None, progress=None) -> tuple[str, list]:
    """The report's section on the stance network and the sources quoting most speakers (url, label, speakers,
    assertions); analysed only when its picture or its kept facts are not current."""

    @cache
    def analysis():
        if progress:
            progress("analysing the stance network (coalitions, brokers)")
        from minegraph.analysis.graphs import analyse  # lazy: networkx and scipy, not imported when nothing changed

        return analyse(store, project)

    picture = drawn(
        [out_dir / f"{PICTURE_NAME}{s}" for s in (".png", ".svg")],
        key,
        lambda: stance_picture(
            analysis().graphs["stance"], analysis().coalitions, analysis().unaligned, out_dir, progress=progress
        ),
        progress,
    )[0]
    facts = kept(store, "stance-network", key, lambda: network_facts(analysis()))
    coalitions = "".join(
        f"<li><strong>{escape(name)}</strong> ({escape(description)}): {escape(', '.join(labels))}</li>"
        for name, description, labels in facts["coalitions"]
    )
    if facts["unaligned"]:
        coalitions += (
            "<li><strong>No side taken</strong> (neutral statements only): "
            + escape(", ".join(facts["unaligned"]))
            + "</li>"
        )
    brokers = ", ".join(f"{escape(label)} ({score:g})" for label, score in facts["brokers"]) or "none"
    counts = ", ".join(f"{name}: {nodes} nodes, {edges} edges" for name, nodes, edges in facts["counts"])
    html = f"""<section id="network"><h2>The stance network</h2>{_image(picture, "Speakers, the decisions they spoke about and their stance")}
<p>Coalitions (a two-sided split of the signed actor graph by structural balance; {facts["frustration"]} violated tie(s)):</p>
<ul>{coalitions}</ul><p class="note">Brokers between coalitions (shortest paths between members of different coalitions):
{brokers}. Graphs: {escape(counts)}. GraphML and GEXF files: <code>minegraph network --export</code>.</p></section>"""
    return html, facts["sources"]


def network_facts(analysis) -> dict:
    """What the report shows of the stance network's analysis, as plain values (kept between runs)."""
    stance = analysis.graphs["stance"]
    return {
        "coalitions": [[c.name, c.describe(stance), list(c.labels)] for c in analysis.coalitions],
        "unaligned": [stance.nodes[n]["label"] for n in analysis.unaligned],
        "frustration": analysis.frustration,
        "brokers": [[b["label"], b["score"]] for b in analysis.brokers[:6]],
        "sources": [[s["url"], s["label"], s["speakers"], s["assertions"]] for s in analysis.widest_sources],
        "counts": [[name, c["nodes"], c["edges"]] for name, c in analysis.counts().items()],
    }


def _number(value) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value) == int(value) else f"{value:,}"


def write_report(
    store,
    project,
    out_dir: Path | None = None,
    *,
    today: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
    debate=None,
) -> Path:
    """Write ``index.html`` and its pictures to ``out_dir`` (default ``out/report`` under the project); return its
    path. ``debate``: as :func:`render` takes it."""
    out_dir = Path(out_dir) if out_dir is not None else Path(project.root) / "out" / "report"
    page = render(store, project, out_dir, today=today, progress=progress, debate=debate)
    return atomic_write(out_dir / REPORT_NAME, page.encode("utf-8"))
