"""The bench's Markdown: every validator has its row, a validator that is not installed says so, one past
its cap shows "> cap", and the SPARQL engine's ratio to a capped pySHACL is an upper bound."""

from __future__ import annotations

from minegraph.bench import page, result_tables, summary

MACHINE = {
    "cpu": "test",
    "cores": 2,
    "memory_gb": 1,
    "load_average": [0, 0, 0],
    "python": "3",
    "system": "x",
    "packages": {},
}


def run(wall: float, **extra) -> dict:
    return {"wall": wall, "cpu": wall, "peak_mb": 100.0, **extra}


def results() -> dict:
    counts = {"Violation": 0, "Warning": 1, "Info": 0}
    return {
        "started": "2026-01-01T00:00:00+00:00",
        "command": "test",
        "machine": MACHINE,
        "sizes": [
            {
                "size": "1e6",
                "triples": 10**6,
                "synthetic": True,
                "queries": {},
                "validate": {
                    "sparql": [run(12.0, counts=counts)] * 3,
                    "pyshacl": [{"timeout": 600.0}],
                    "pyshacl-alone": [{"timeout": 600.0, "skipped": "over the cap at 1e5"}],
                    "pyrudof": [{"missing": "not installed"}],
                },
            }
        ],
    }


def test_validation_rows_cells_and_ratio():
    data = results()
    data["summary"] = summary.summarise(data)
    text = result_tables.markdown(data)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in text.splitlines() if line.startswith("| validate: ")}
    assert set(rows) == {name for name, path in summary.OPERATIONS if path[0] == "validate"}
    assert "12.00 s (CPU 12.00 s, 100 MB)" in rows["validate: minegraph.validate (SPARQL engine: shapes + checks)"]
    assert "> 600 s" in rows["validate: minegraph.validate engine=pyshacl (shapes + checks)"]
    assert "> 600 s" in rows["validate: pySHACL alone (shapes only)"]
    assert "not installed" in rows["validate: pyrudof alone (shapes only)"]
    assert "| ratio validate SPARQL engine / pyshacl engine | < 0.02× |" in text
    assert "| sparql | 0 violations, 1 warnings |" in text


def test_queries_on_the_disk_store_get_their_own_table():
    data = results()
    data["sizes"][0]["queries"] = {"a": {"project": {"p50": 0.1}, "raw": {"p50": 0.1}}}
    data["sizes"][0]["disk"] = {
        "reopen": 0.04,
        "triples": 10**6,
        "peak_mb": 812.0,
        "queries": {"a": {"first": 0.5, "p50": 0.25, "p95": 0.3, "rows": 7, "peak_mb_so_far": 640.0}},
    }
    data["summary"] = summary.summarise(data)
    text = result_tables.markdown(data)
    assert "## Library queries on the on-disk store at 1e6 (1000000 triples)" in text
    assert "Reopened in 40.0 ms; peak RSS of the process 812 MB" in text
    assert "| a | 7 | 500.0 ms | 250.0 ms | 300.0 ms | 2.5× | 640 MB |" in text


def test_notes_on_the_misses_follow_the_targets_table():
    data = results()
    data["summary"] = summary.summarise(data)
    text = page.performance_page(data, result_tables.markdown(data), "x.json", "## Why\n\nBecause.\n")
    assert text.index("## Targets of the performance issue") < text.index("## Why") < text.index("## Operations")
    assert "## Why" not in page.performance_page(data, result_tables.markdown(data), "x.json")


def test_network_rows_show_the_load_and_exact_betweenness():
    data = results()
    data["sizes"][0]["network"] = [run(4.0, with_load=7.5, with_load_cpu=7.0)] * 3
    data["sizes"][0]["network_exact"] = [run(11.0)]
    data["summary"] = summary.summarise(data)
    text = result_tables.markdown(data)
    assert "| network: load + analyse, as a user waits | 7.50 s (CPU 7.00 s, 100 MB) |" in text
    assert "| network: analyse, betweenness exact (no sample) | 11.00 s (CPU 11.00 s, 100 MB) |" in text


def test_endpoint_table_names_the_worst_query_and_whether_answers_match():
    data = results()
    timing = {"minegraph": {"p50": 0.02}, "oxigraph": {"p50": 0.01}}
    data["sizes"][0]["endpoint"] = {
        "median_ratio": 1.1,
        "queries": {
            "a": {**timing, "ratio_p50": 2.0, "bytes": {"minegraph": 10, "oxigraph": 10}},
            "b": {**timing, "ratio_p50": 1.1, "bytes": {"minegraph": 10, "oxigraph": 12}},
        },
    }
    data["summary"] = summary.summarise(data)
    assert "| 1e6 | 1.1× | a 2× | 1 of 2 | 2 |" in result_tables.markdown(data)


def test_endpoint_table_names_the_queries_past_the_timeout_and_compares_the_rest():
    data = results()
    timing = {"minegraph": {"p50": 0.02}, "oxigraph": {"p50": 0.01}}
    data["sizes"][0]["endpoint"] = {
        "median_ratio": 2.0,
        "queries": {
            "a": {**timing, "ratio_p50": 2.0, "bytes": {"minegraph": 10, "oxigraph": 10}},
            "slow": {"timeout": 120.0, "ratio_p50": None},
        },
    }
    data["summary"] = summary.summarise(data)
    assert "| 1e6 | 2× | a 2× | 1 of 2 | 2 (slow: past the timeout) |" in result_tables.markdown(data)
