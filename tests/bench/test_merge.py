"""Runs measured in parts are merged by size label: an earlier run's sizes that this run did not
measure are kept, a size both measured is this run's (its missing sections filled from the earlier
one), and no size appears twice, whatever its generator."""

from __future__ import annotations

import datetime
import json

from minegraph.bench.harness import publish
from minegraph.bench.machine import describe
from minegraph.bench.sections import Settings


def size(label: str, **sections) -> dict:
    return {
        "size": label,
        "triples": 10**5 if label.endswith("1e5") else 10**6,
        "synthetic": True,
        "queries": {},
        "load": {},
        **sections,
    }


def test_merging_keeps_each_size_once_and_fills_missing_sections(tmp_path):
    earlier = {
        "started": "2026-12-07T20:00:00+00:00",
        "sizes": [
            size("1e5", network=[{"wall": 1.0}]),
            size("crowd:1e5", network=[{"wall": 2.0}]),
            size("1e6", network=[{"wall": 3.0}]),
            size("crowd:1e6", network=[{"wall": 4.0}]),
        ],
    }
    (tmp_path / "earlier.json").write_text(json.dumps(earlier))
    settings = Settings(
        project=tmp_path,
        sizes=["1e6"],
        merge=tmp_path / "earlier.json",
        results=tmp_path / "results",
        docs=tmp_path / "performance.md",
        notes=tmp_path / "notes.md",
    )
    now = {
        "started": "2026-12-07T21:00:00+00:00",
        "command": "",
        "machine": describe(),
        "seed": 1,
        "sizes": [size("1e6", trace={"statement": []}), size("crowd:1e6")],
    }
    merged = publish(now, settings, datetime.datetime(2026, 12, 7, 21, tzinfo=datetime.timezone.utc))
    labels = [s["size"] for s in merged["sizes"]]
    assert sorted(labels) == ["1e5", "1e6", "crowd:1e5", "crowd:1e6"]
    by_label = {s["size"]: s for s in merged["sizes"]}
    assert by_label["crowd:1e6"]["network"] == [{"wall": 4.0}] and "network" in by_label["crowd:1e6"]["merged"]
    assert by_label["1e6"]["trace"] == {"statement": []} and by_label["1e5"]["run"] == earlier["started"]
