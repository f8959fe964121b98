"""OpenLink Virtuoso as a remote store: what differs from a plain SPARQL 1.1 server.

Queries go to ``/sparql`` (SPARQL 1.1 Protocol, unauthenticated, read-only). Uploads go to
``/sparql-graph-crud-auth``, Virtuoso's Graph Store Protocol endpoint, which wants HTTP digest
authentication of a user with the SPARQL_UPDATE role (``dba``). Virtuoso has no default graph of
its own: a query without ``FROM`` reads the union of every graph, its system graphs included, so
minegraph always pushes into a named graph and queries it with ``default-graph-uri``.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from minegraph.errors import EndpointError, InputError
from minegraph.store.remote import RemoteStore, user_agent

#: The named graph ``minegraph push --server virtuoso`` fills when no ``--graph`` is given.
DEFAULT_GRAPH = "urn:minegraph:graph"
#: Environment variable holding the password, when no ``--password-file`` is given.
PASSWORD_VARIABLE = "MINEGRAPH_ENDPOINT_PASSWORD"


def graph_store_url_for(endpoint: str) -> str:
    """Virtuoso's authenticated Graph Store endpoint beside its query endpoint: ``/sparql`` → ``/sparql-graph-crud-auth``."""
    parts = urllib.parse.urlsplit(endpoint)
    if not parts.path.rstrip("/").endswith("/sparql"):
        raise InputError(
            None,
            f"cannot tell Virtuoso's Graph Store URL of {endpoint} (expected .../sparql); give it with --store-url",
        )
    path = parts.path.rstrip("/")[: -len("/sparql")] + "/sparql-graph-crud-auth"
    return urllib.parse.urlunsplit(parts._replace(path=path, query=""))


def read_password(password_file: str | Path | None) -> str | None:
    """The password from a file (first line), else from ``$MINEGRAPH_ENDPOINT_PASSWORD``, else None."""
    if password_file:
        path = Path(password_file)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InputError(path, f"cannot read the password file: {exc.strerror or exc}") from None
        if not lines or not lines[0].strip():
            raise InputError(path, "the password file is empty", line=1)
        return lines[0].strip()
    return os.environ.get(PASSWORD_VARIABLE) or None


class VirtuosoStore(RemoteStore):
    """A Virtuoso server: digest-authenticated Graph Store uploads, one named graph as the default graph."""

    name = "virtuoso"

    def __init__(
        self,
        endpoint: str,
        *,
        graph: str | None = None,
        user: str | None = None,
        password: str | None = None,
        store_url: str | None = None,
        timeout: float = 60,
        allow_service: bool = False,
    ):
        super().__init__(
            endpoint,
            store_url=store_url or graph_store_url_for(endpoint),
            graph=graph or DEFAULT_GRAPH,
            timeout=timeout,
            allow_service=allow_service,
        )
        self.user, self._password = user, password

    def download(self) -> bytes:
        """The whole graph as N-Triples (Graph Store Protocol GET, authenticated like uploads)."""
        request = urllib.request.Request(
            self._graph_url(), headers={"Accept": "application/n-triples", "User-Agent": user_agent()}
        )
        with self._failures("download"), self._open(request) as response:
            return response.read()

    def _open(self, request: urllib.request.Request):
        """Send a Graph Store request with its digest ``Authorization`` already set.

        urllib's own digest handling sends the request, waits for the 401 challenge and sends it
        again; Virtuoso answers 401 before reading a large body and closes the connection (a broken
        pipe on our side), and a streamed body cannot be sent twice. So a bodiless HEAD fetches the
        challenge first and the real request goes once, authenticated.
        """
        if not self.user or self._password is None:
            raise InputError(
                None,
                f"{self.store_url} needs a user with the SPARQL_UPDATE role and its password: "
                f"give --user NAME and --password-file FILE (or set ${PASSWORD_VARIABLE})",
            )
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, self.store_url, self.user, self._password)
        digest = urllib.request.HTTPDigestAuthHandler(passwords)
        challenge = self._challenge(request.full_url)
        authorization = digest.get_authorization(request, challenge) if challenge else None
        if authorization is None:
            raise EndpointError(f"{self.store_url}: the server did not ask for digest authentication")
        request.add_unredirected_header("Authorization", f"Digest {authorization}")
        if request.data is not None:
            self._check_credentials(request.full_url, digest, challenge)
        return urllib.request.urlopen(request, timeout=self.timeout)

    def _check_credentials(self, url: str, digest, challenge: dict[str, str]) -> None:
        """An authenticated HEAD before a body goes out: Virtuoso refuses bad credentials before
        reading the body and drops the connection, which would read as a broken pipe, not as 401.
        Only 401 means refused: accepted credentials meet 501, as the endpoint implements no HEAD."""
        probe = urllib.request.Request(url, method="HEAD", headers={"User-Agent": user_agent()})
        probe.add_unredirected_header("Authorization", f"Digest {digest.get_authorization(probe, challenge)}")
        try:
            with urllib.request.urlopen(probe, timeout=self.timeout):
                pass
        except urllib.error.HTTPError as exc:
            if exc.code == 401:
                raise
            exc.close()

    def _challenge(self, url: str) -> dict[str, str] | None:
        """The parameters of the server's ``WWW-Authenticate: Digest …`` answer to a bodiless request."""
        probe = urllib.request.Request(url, method="HEAD", headers={"User-Agent": user_agent()})
        try:
            with urllib.request.urlopen(probe, timeout=self.timeout):
                return None
        except urllib.error.HTTPError as exc:
            header = (exc.headers.get("WWW-Authenticate") or "") if exc.code == 401 else ""
            exc.close()
        scheme, _, rest = header.partition(" ")
        if scheme.lower() != "digest":
            return None
        return urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(rest)))
