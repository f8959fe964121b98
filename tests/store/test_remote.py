"""Remote endpoints: ``minegraph push`` round-trips the graph through a real Oxigraph server, and every
network failure becomes one clear EndpointError (exit code 3)."""

from __future__ import annotations

import http.server
import threading
import time

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from minegraph.cli import main
from minegraph.core.rdf_io import load_graph
from minegraph.errors import EndpointError, InputError
from minegraph.querylang.terms import canonical
from minegraph.store.remote import RemoteStore

STATE = "https://w3id.org/minegraph/id/state/"


def _canonical(graph: Graph) -> Graph:
    """The graph with every literal in canonical form (Oxigraph rewrites some literal forms)."""
    out = Graph()
    for s, p, o in graph:
        out.add((s, p, canonical(o)))
    return out


@pytest.mark.parametrize("which", ["real", "fixture"])
def test_push_then_reading_the_graph_back_gives_an_isomorphic_graph(
    server_stores, real_project, fixture_project, which
):
    project = real_project if which == "real" else fixture_project
    local = load_graph(project.all_rdf_files())
    back = server_stores[which].graph()
    assert len(back) == len(_canonical(local))
    assert isomorphic(_canonical(back), _canonical(local))


def test_a_construct_query_on_the_server_returns_the_whole_graph(server_stores):
    remote = server_stores["fixture"]
    constructed = remote.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert constructed.form == "CONSTRUCT"
    assert isomorphic(constructed.graph(), remote.graph())


def test_push_replaces_the_graph_and_append_adds_to_it(oxigraph_server, fixture_project, tmp_path):
    endpoint = f"{oxigraph_server}/query"
    graph = "urn:minegraph:test:replace"
    assert main(["--project", str(fixture_project.root), "push", "--endpoint", endpoint, "--graph", graph]) == 0
    remote = RemoteStore(endpoint, graph=graph)
    full = remote.triple_count()
    one = tmp_path / "one.nt"
    one.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    remote.upload(one, replace=True)
    assert remote.triple_count() == 1
    assert (
        main(["--project", str(fixture_project.root), "push", "--endpoint", endpoint, "--graph", graph, "--append"])
        == 0
    )
    assert remote.triple_count() == full + 1


def test_the_cli_queries_a_named_graph_of_the_server(server_stores, oxigraph_server, fixture_project, capsys):
    graph = server_stores["fixture"].graph_iri  # where conftest pushed the fixture graph
    args = [
        "--project",
        str(fixture_project.root),
        "query",
        "actors-by-type",
        "--param",
        "class=mg:State",
        "--endpoint",
        f"{oxigraph_server}/query",
        "--graph",
        graph,
        "--format",
        "csv",
    ]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        f"https://w3id.org/minegraph/ontology#State,State,{STATE}{code},{name},{STATE}{code},{name}"
        for code, name in [("FIN", "Finland"), ("LVA", "Latvia"), ("USA", "United States of America")]
    ]


def test_an_unknown_path_on_the_server_is_an_http_404(oxigraph_server):
    with pytest.raises(EndpointError, match=r"/nowhere: query failed with HTTP 404"):
        RemoteStore(f"{oxigraph_server}/nowhere").query("ASK {}")


def test_an_unreachable_server_is_reported():
    with pytest.raises(EndpointError, match=r"^http://127\.0\.0\.1:9/query: cannot reach the server"):
        RemoteStore("http://127.0.0.1:9/query", timeout=5).query("ASK {}")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/sparql", "localhost:7878/query"])
def test_only_http_endpoints_are_accepted(url):
    with pytest.raises(InputError, match="must be an http"):
        RemoteStore(url)


def test_the_graph_store_url_must_be_given_when_it_cannot_be_derived():
    with pytest.raises(InputError, match="give it with --store-url"):
        _ = RemoteStore("http://example.org/sparql").store_url
    assert RemoteStore("http://h:1/ds/query").store_url == "http://h:1/ds/store"


# ----------------------------------------------------------------------- a scripted HTTP server


class _Script(http.server.BaseHTTPRequestHandler):
    status, body, content_type, delay, headers_seen = 200, b"", "text/plain", 0.0, []
    extra_headers: dict[str, str] = {}

    def _answer(self):
        type(self).headers_seen.append(dict(self.headers))
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        time.sleep(self.delay)
        self.send_response(self.status)
        self.send_header("Content-Type", self.content_type)
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def scripted():
    """A local HTTP server answering every request as its class attributes say."""
    handler = type("Script", (_Script,), {"headers_seen": [], "extra_headers": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    # shutdown() waits for serve_forever to notice (every poll_interval, 0.5 s by default): once a test
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield handler, f"http://127.0.0.1:{server.server_address[1]}/query"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "status, message",
    [
        (400, "HTTP 400: Parse error near line 3"),
        (401, "HTTP 401: Parse error near line 3"),
        (403, "HTTP 403 Forbidden: Parse error near line 3"),
        (500, "HTTP 500: Parse error near line 3"),
        (503, "HTTP 503 Service Unavailable: Parse error near line 3"),
    ],
)
def test_an_http_error_names_the_status_and_the_servers_message(scripted, status, message):
    handler, url = scripted
    handler.status, handler.body = status, b"Parse error near line 3"
    with pytest.raises(EndpointError, match=f"^{url}: query failed with {message}"):
        RemoteStore(url).query("SELECT * WHERE { ?s ?p ?o }")


def test_rate_limiting_says_when_to_retry(scripted):
    handler, url = scripted
    handler.status, handler.body, handler.extra_headers = 429, b"slow down", {"Retry-After": "30"}
    with pytest.raises(
        EndpointError, match=r"HTTP 429 Too Many Requests \(rate limited: retry after 30 s\): slow down"
    ):
        RemoteStore(url).query("ASK {}")


def test_a_server_that_does_not_answer_in_time_is_a_timeout(scripted):
    handler, url = scripted
    handler.delay = 3
    with pytest.raises(EndpointError, match=r"no answer within 1 s \(query\)"):
        RemoteStore(url, timeout=1).query("ASK {}")


def test_a_reply_that_is_not_sparql_json_is_refused(scripted):
    handler, url = scripted
    handler.body, handler.content_type = b"<html>maintenance</html>", "text/html"
    with pytest.raises(EndpointError, match=r"not a SPARQL JSON result \(text/html"):
        RemoteStore(url).query("SELECT * WHERE { ?s ?p ?o }")


@pytest.mark.parametrize("media, name", [("application/rdf+xml", "RDF/XML"), ("application/ld+json", "JSON-LD")])
def test_rdf_xml_and_json_ld_answers_are_refused_unread(scripted, media, name):
    handler, url = scripted
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'
    )
    handler.body, handler.content_type = bomb, media
    with pytest.raises(EndpointError, match=f"answered {name}, which minegraph refuses"):
        RemoteStore(url).query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def test_requests_carry_minegraph_user_agent_and_no_comments(scripted):
    from minegraph import __version__

    handler, url = scripted
    handler.body, handler.content_type = b'{"head": {}, "boolean": true}', "application/sparql-results+json"
    assert RemoteStore(url).query("# drops everything\nASK {}").boolean is True
    assert handler.headers_seen[-1]["User-Agent"] == f"minegraph/{__version__}"


def test_endpoint_failures_exit_with_code_3_and_no_traceback(scripted, fixture_project, capsys):
    handler, url = scripted
    handler.status, handler.body = 500, b"boom"
    assert main(["--project", str(fixture_project.root), "query", "dataset-summary", "--endpoint", url]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"minegraph: error: {url}: query failed with HTTP 500: boom") and "Traceback" not in err
