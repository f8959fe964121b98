"""The load test's request mix and its clients: four classes of requests, each with the statuses it must
get, drawn at random (seeded) by client threads on keep-alive connections (see :mod:`.loadtest`)."""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from minegraph.queries.library import package_query
from minegraph.querylang.guard import Limits
from minegraph.querylang.text import substitute

from .loadserver import HOST, Listener

LOAD_QUERIES = Path(__file__).with_name("load_queries")
BASE = "https://w3id.org/minegraph/"
WEIGHTS = {"library": 60, "entity": 25, "over-limit": 10, "slow": 5}
ENTITY_FORMATS = ("text/html", "text/turtle", "application/ld+json")


@dataclass(frozen=True)
class Options:
    """How much load, on which server settings."""

    clients: int = 8
    seconds: float = 30.0
    workers: int = 2
    timeout: float = 20.0  # the server's --timeout: the slow class must reach it, the library must not
    sample_every: float = 2.0
    seed: int = 1
    max_entities: int = 200
    queries: tuple[str, ...] = ()  # only these library queries (by name); every one when empty


@dataclass(frozen=True)
class Request:
    """One request of the mix and what it must answer: a status in ``expected`` and, for an error, one
    of the ``errors`` kinds in the JSON body."""

    cls: str
    name: str
    method: str
    path: str
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()
    expected: tuple[int, ...] = (200,)
    errors: tuple[str, ...] = ()


@dataclass
class Outcome:
    cls: str
    name: str
    status: int
    latency: float
    at: float
    ok: bool
    detail: str = ""


def _query_request(cls: str, name: str, text: str, variant: int, **expect) -> Request:
    """The query sent by GET, POST form, or POST as ``application/sparql-query`` (``variant`` picks)."""
    if variant % 3 == 0:
        return Request(cls, name, "GET", "/query?" + urllib.parse.urlencode({"query": text}), **expect)
    if variant % 3 == 1:
        return Request(
            cls,
            name,
            "POST",
            "/query",
            urllib.parse.urlencode({"query": text}).encode(),
            (("Content-Type", "application/x-www-form-urlencoded"),),
            **expect,
        )
    return Request(
        cls, name, "POST", "/query", text.encode(), (("Content-Type", "application/sparql-query"),), **expect
    )


def over_limit_requests(listener_port: int, limits: Limits = Limits()) -> list[Request]:
    """One request per guard limit (the server's defaults): each must be refused with 400 and its kind."""
    # lazy: rdflib (~170 ms), only on this path
    from rdflib import URIRef

    service = substitute(
        package_query(LOAD_QUERIES, "service").text, {"endpoint": URIRef(f"http://{HOST}:{listener_port}/sparql")}
    )
    small = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    long = small + "\n#" + "x" * limits.max_length
    depth = limits.max_depth + 8
    deep = "ASK { FILTER(" + "(" * depth + "true" + ")" * depth + ") }"
    chain = "ASK { FILTER(" + " || ".join(["true"] * (limits.max_operators + 44)) + ") }"
    return [
        _query_request("over-limit", "too-long", long, 2, expected=(400,), errors=("too-long",)),
        _query_request("over-limit", "too-deep", deep, 0, expected=(400,), errors=("too-deep",)),
        _query_request("over-limit", "operators", chain, 1, expected=(400,), errors=("too-deep",)),
        _query_request("over-limit", "service", service, 0, expected=(400,), errors=("service",)),
    ]


def slow_requests() -> list[Request]:
    text = package_query(LOAD_QUERIES, "slow").text
    return [
        _query_request("slow", "cross-product", text, v, expected=(503, 504), errors=("busy", "timeout"))
        for v in range(3)
    ]


def library_requests(examples: list[dict]) -> list[Request]:
    return [_query_request("library", ex["name"], ex["query"], v) for ex in examples for v in range(3)]


def entity_requests(iris: list[str]) -> list[Request]:
    requests = []
    for i, iri in enumerate(iris):
        path = "/" + iri[len(BASE) :]
        accept = ENTITY_FORMATS[i % len(ENTITY_FORMATS)]
        requests.append(Request("entity", path.split("/")[2], "GET", path, None, (("Accept", accept),)))
    return requests


@dataclass
class Mix:
    """What the clients draw from, and the state they share (the slow-query gate, the results)."""

    requests: dict[str, list[Request]]
    seed: int
    slow_rest: float  # seconds after a slow query ends before the next may start
    deadline: float = 0.0
    origin: float = 0.0
    unseen: list[Request] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    slow_running: bool = False
    slow_next: float = 0.0

    def __post_init__(self):
        # every over-limit kind, one slow query, one of each other class first, then the weighted draw
        self.unseen = [
            *self.requests["over-limit"],
            self.requests["slow"][0],
            self.requests["entity"][0],
            self.requests["library"][0],
        ]

    def draw(self, rng: random.Random) -> Request:
        with self.lock:
            request = self.unseen.pop(0) if self.unseen else None
        if request is None:
            cls = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
            request = rng.choice(self.requests[cls])
        if request.cls == "slow" and not self._start_slow():
            request = rng.choice(self.requests["library"])
        return request

    def _start_slow(self) -> bool:
        """One slow query at a time, and a rest after each: it holds a worker (and a core) for the whole
        timeout, and the other classes must keep a worker most of the time."""
        with self.lock:
            if self.slow_running or time.monotonic() < self.slow_next:
                return False
            self.slow_running = True
            return True

    def slow_done(self) -> None:
        with self.lock:
            self.slow_running, self.slow_next = False, time.monotonic() + self.slow_rest

    def record(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)


def _error_kind(body: bytes) -> str:
    try:
        return str(json.loads(body).get("error", ""))
    except (ValueError, AttributeError):
        return ""


def send(conn: http.client.HTTPConnection, request: Request) -> tuple[int, str]:
    """The status and, for an error, its JSON kind (a 200 must carry a body)."""
    conn.request(request.method, request.path, body=request.body, headers=dict(request.headers))
    answer = conn.getresponse()
    body = answer.read()
    if answer.status == 200:
        return 200, "" if body else "empty body"
    return answer.status, _error_kind(body)


def judge(request: Request, status: int, kind: str) -> bool:
    """Whether the answer is the one this request must get: its status, and its error kind for an error."""
    if status not in request.expected:
        return False
    if status == 200:
        return not kind  # kind holds what was wrong with a 200 (an empty body)
    return not request.errors or kind in request.errors


def client(index: int, port: int, mix: Mix, timeout: float) -> None:
    """One client: requests back to back on a keep-alive connection until the deadline."""
    rng = random.Random(mix.seed * 1000 + index)
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        while time.monotonic() < mix.deadline:
            request = mix.draw(rng)
            started = time.monotonic()
            try:
                status, kind = send(conn, request)
            except (OSError, http.client.HTTPException) as exc:
                status, kind = 0, f"{type(exc).__name__}: {exc}"
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
            finally:
                if request.cls == "slow":
                    mix.slow_done()
            ended = time.monotonic()
            mix.record(
                Outcome(
                    request.cls,
                    request.name,
                    status,
                    ended - started,
                    started - mix.origin,
                    judge(request, status, kind),
                    kind,
                )
            )
    finally:
        conn.close()


def build_mix(server, options: Options, listener: Listener) -> tuple[Mix, dict]:
    """The request mix from the running server: its library examples and its entities (one warm-up pass)."""
    started = time.monotonic()
    examples = [ex for ex in server.get_json("/examples.json") if not options.queries or ex["name"] in options.queries]
    if not examples:
        raise ValueError(f"no library query named {', '.join(options.queries)}")
    entities = server.get_json(
        "/query?" + urllib.parse.urlencode({"query": package_query(LOAD_QUERIES, "entities").text, "format": "json"}),
        timeout=options.timeout + 5,
    )
    iris = [b["entity"]["value"] for b in entities["results"]["bindings"]]
    step = max(len(iris) // options.max_entities, 1)
    requests = {
        "library": library_requests(examples),
        "entity": entity_requests(iris[::step][: options.max_entities]),
        "slow": slow_requests(),
        "over-limit": over_limit_requests(listener.port),
    }
    conn = http.client.HTTPConnection(HOST, server.port, timeout=options.timeout * 3 + 10)
    try:
        warm = [(r.name, send(conn, r)[0]) for r in requests["library"][::3]]
    finally:
        conn.close()
    mix = Mix(requests, options.seed, slow_rest=options.timeout)
    return mix, {
        "examples": len(examples),
        "entities": len(iris),
        "entity_pages": len(requests["entity"]),
        "warmup_s": round(time.monotonic() - started, 2),
        "warmup_statuses": dict(warm),
    }


def drive(server, options: Options, mix: Mix) -> float:
    """The clients' run; its wall time (including the wait for the last answers)."""
    mix.origin = time.monotonic()
    mix.deadline = mix.origin + options.seconds
    threads = [
        threading.Thread(
            target=client,
            args=(i, server.port, mix, options.timeout * 3 + 10),
            name=f"loadtest-client-{i}",
            daemon=True,
        )
        for i in range(options.clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - mix.origin
