"""One format registry: every reader of formats (CLI, endpoint, release, VoID, network exports, file
loading) takes its formats from :mod:`minegraph.core.formats`, and a row there is all a new format needs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from minegraph.core.formats import FORMATS, KINDS, by_name, by_suffix, formats, names

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "minegraph"


def test_every_row_is_complete_and_named_once():
    assert len({f.name for f in FORMATS}) == len(FORMATS)
    for fmt in FORMATS:
        assert "/" in fmt.media_type and fmt.suffix.startswith(".") and fmt.kinds and set(fmt.kinds) <= set(KINDS)
        assert fmt.writer.split(":")[0] in ("oxigraph", "rdflib", "minegraph")


def test_oxigraph_writes_every_format_the_registry_says_it_writes():
    import pyoxigraph as ox

    for fmt in FORMATS:
        if fmt.oxigraph:
            kind = ox.QueryResultsFormat if fmt.kinds == ("results",) else ox.RdfFormat
            assert hasattr(kind, fmt.oxigraph), fmt


def test_the_endpoint_offers_rdf_xml_for_graph_answers_as_sparqlwrapper_asks():
    from minegraph.publish.negotiation import GRAPHS, RESULTS, choose

    assert choose(GRAPHS, None, "application/rdf+xml").name == "rdfxml"
    assert choose(RESULTS, None, "application/sparql-results+xml").name == "xml"
    assert choose(GRAPHS, "turtle", None).name == "ttl"  # the endpoint's older names stay accepted


def test_the_cli_release_void_and_network_exports_read_the_registry():
    from minegraph.analysis.graphml import FORMATS as NETWORK
    from minegraph.core.rdf_io import rdf_format
    from minegraph.queries.writers import FORMATS as CLI

    assert CLI == names("table", "results", "graph") and "rdfxml" in CLI and "xml" in CLI
    assert NETWORK == tuple(f.name for f in formats("network"))
    assert by_suffix(".trig", "rdf-dump").extra["eu_file_type"] == "RDF_TRIG"
    assert rdf_format(Path("x.nq"))[1] == by_name("nq").extra["rdflib"]


def test_an_unknown_kind_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown format kind 'sheet'"):
        formats("sheet")


def _media_type_literals(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    known = {f.media_type for f in FORMATS}
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        and max(
            sum(isinstance(c, ast.Constant) and c.value in known for c in cells) for cells in (node.keys, node.values)
        )
        > 1
    ]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_keeps_a_table_of_media_types_of_its_own(path):
    """A dict keyed by, or mapping to, two or more of the registry's media types is a format table."""
    lines = _media_type_literals(path)
    assert not lines, (
        f"{path.relative_to(PACKAGE)}:{lines}: a table keyed by media types; add rows to minegraph.core.formats"
    )


def test_the_service_description_lists_every_format_the_endpoint_writes():
    from minegraph.publish.description import FORMATS as W3C
    from minegraph.publish.description import description
    from minegraph.publish.negotiation import GRAPHS, RESULTS

    triples = description("http://127.0.0.1:7878/query", "https://w3id.org/minegraph/id/dataset/minegraph")
    listed = {t.object.value for t in triples if t.predicate.value.endswith("#resultFormat")}
    assert len(listed) == len(RESULTS + GRAPHS) and f"{W3C}Turtle" in listed and f"{W3C}RDF_XML" in listed
