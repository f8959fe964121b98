"""What the endpoint allows: every guard's limit in one place, each configurable."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from minegraph.querylang.guard import Limits

DEFAULT_BASE = "https://w3id.org/minegraph/"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class Settings:
    """The endpoint's configuration (``minegraph serve`` options map onto these fields)."""

    host: str = "127.0.0.1"
    port: int = 7878
    base: str = DEFAULT_BASE  # the data's IRI namespace, answered under this server's own address
    timeout: float = 30.0  # wall-clock seconds a query may run before its worker is killed
    workers: int = 2
    max_rows: int = 10_000  # rows (or triples) per answer; more are cut, with a header saying so
    max_concurrent: int = 32  # requests being answered or waiting for a worker; more get 429
    queue_timeout: float | None = None  # seconds a request waits for a free worker (None: see queue_deadline)
    retry_after: int = 2
    limits: Limits = field(default_factory=Limits)
    allowed_hosts: tuple[str, ...] = ()  # Host header values accepted; empty: loopback names and --host
    cors_origins: tuple[str, ...] = ("*",)

    def queue_deadline(self) -> float:
        """How long a request waits for a free worker: shorter than a query may run (half the timeout, at
        most 10 s), so while slow queries hold every worker the others get a 503 with Retry-After soon
        instead of waiting out the slow ones' whole timeout."""
        return self.queue_timeout if self.queue_timeout is not None else min(self.timeout / 2, 10.0)

    def hosts(self) -> list[str]:
        """Host names the Host header may carry (DNS rebinding defence)."""
        if self.allowed_hosts:
            return list(self.allowed_hosts)
        names = {*LOOPBACK_NAMES, self.host}
        return sorted(n for n in names if n not in ("0.0.0.0", "::"))

    def is_loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host.strip("[]")).is_loopback
        except ValueError:
            return False
