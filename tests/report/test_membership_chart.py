"""The membership chart: counts from SPARQL, withdrawals marked, PNG and SVG written atomically."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pyoxigraph

from minegraph.core.rdf_io import load_graph
from minegraph.report.charts import marks, membership_chart, membership_series
from tests.support.paths import TREATY_FIXTURES


def test_the_series_steps_through_the_2025_changes(pyoxigraph_store):
    series = {day: (in_force, consented) for day, in_force, consented in membership_series(pyoxigraph_store)}
    # 1 March 1999: the 40 deposits up to the 40th (16 Sept 1998) and 5 later September ones enter into force;
    # 67 states had deposited, the number the Arms Control Association reported in early 1999 (README)
    assert series[date(1999, 3, 1)] == (45, 67)
    assert series[date(1999, 2, 25)] == (0, 67)
    assert series[date(2025, 3, 12)] == (164, 165)  # Marshall Islands deposit: consented, not yet in force
    assert series[date(2025, 9, 1)] == (165, 166)
    assert series[date(2025, 12, 1)] == (166, 166)
    assert series[date(2025, 12, 27)] == (163, 163)
    assert series[date(2026, 1, 10)] == (162, 162)
    assert max(series) == date(2026, 2, 20) and series[max(series)] == (161, 161)
    assert min(series) == date(1997, 12, 3)


def test_the_series_is_the_same_from_an_rdflib_graph(project):
    """Engine agreement on the hand-made membership fixture (rdflib's engine needs minutes for the
    real graph's date × state product; the real graph's series is pinned by the test above)."""
    files = [*project.ontology_files(), TREATY_FIXTURES / "valid.ttl"]
    oxigraph = pyoxigraph.Store()
    for path in files:
        oxigraph.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    series = membership_series(oxigraph)
    assert len(series) >= 3 and any(in_force for _, in_force, _ in series)
    assert membership_series(load_graph(files)) == series


def test_the_withdrawals_and_the_suspension_are_marked(pyoxigraph_store):
    assert marks(pyoxigraph_store) == [
        (date(1999, 3, 1), "entry-into-force", "Convention enters into force"),
        (date(2025, 7, 18), "suspension", "UKR notifies a suspension (contested; stays a party)"),
        (date(2025, 12, 27), "withdrawal", "EST, LTU, LVA withdrawals take effect"),
        (date(2026, 1, 10), "withdrawal", "FIN withdrawal takes effect"),
        (date(2026, 2, 20), "withdrawal", "POL withdrawal takes effect"),
    ]


def test_the_chart_is_written_as_png_and_svg_without_leftover_temporary_files(pyoxigraph_store, tmp_path):
    out = tmp_path / "charts"
    reported = []
    paths = membership_chart(pyoxigraph_store, out, today=date(2026, 6, 30), progress=reported.append)
    assert [p.name for p in paths] == ["membership-over-time.png", "membership-over-time.svg"]
    assert paths[0].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    svg = paths[1].read_text(encoding="utf-8")
    assert "<svg" in svg and "States bound by the Anti-Personnel Mine Ban Convention" in svg
    assert "POL withdrawal takes effect" in svg
    assert sorted(p.name for p in out.iterdir()) == ["membership-over-time.png", "membership-over-time.svg"]
    assert reported == [f"wrote {p}" for p in paths]


def test_importing_the_charts_module_does_not_import_matplotlib():
    code = "import sys, minegraph.report.charts; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_chart_is_drawn_to_the_last_date_the_graph_holds_not_to_the_clock(pyoxigraph_store, tmp_path):
    from minegraph.report.charts import last_date

    assert last_date(pyoxigraph_store) == date(2026, 2, 20)  # Poland's withdrawal takes effect
    default = membership_chart(pyoxigraph_store, tmp_path / "default")
    explicit = membership_chart(pyoxigraph_store, tmp_path / "explicit", today=date(2026, 2, 20))
    assert default[0].read_bytes() == explicit[0].read_bytes()  # the PNG (the SVG's element ids are random)
    assert "20 February 2026" in default[1].read_text(encoding="utf-8")
