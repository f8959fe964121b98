# PYTHON_ARGCOMPLETE_OK
"""The ``minegraph`` command: a thin face over the library.

Each subcommand lives in its own module of this package, named for the command (``report.py`` is
``minegraph report``, so it may share its name with a package elsewhere) and holding ``register(subparsers)``:
``run``, ``build``, ``validate``, ``query`` (also ``queries`` and ``sparql``), ``push``, ``serve``, ``trace``,
``network``, ``report``, ``ingest`` (also ``extract``, ``accept``…), ``export``, ``synth``. The top layer: it may
import everything, and nothing imports it. The library does the work and raises typed errors, which are mapped
here to one exit code per kind of failure: 0 success, 1 the graph does not conform / a check failed, 2 bad
input or usage (unreadable file, unknown query, bad parameter), 3 a remote endpoint failed."""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys

from minegraph.core.terminal import visible
from minegraph.errors import MinegraphError

#: Subcommand modules, in the order ``minegraph --help`` lists them.
COMMANDS = (
    "run",
    "build",
    "validate",
    "query",
    "push",
    "serve",
    "trace",
    "network",
    "report",
    "ingest",
    "export",
    "synth",
)


class Parser(argparse.ArgumentParser):
    """argparse with "did you mean" for a mistyped command or choice (Python 3.11's argparse has none)."""

    def error(self, message: str):
        found = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if found:
            choices = re.findall(r"'([^']*)'", found.group(2))
            import difflib  # lazy: only a mistyped command needs it (25 ms at every start otherwise)

            close = difflib.get_close_matches(found.group(1), choices, n=1, cutoff=0.6)
            if close:
                message += f"; did you mean '{close[0]}'?"
        super().error(message)


def _completion(parser: argparse.ArgumentParser) -> None:
    """Shell completion through argcomplete (``eval "$(register-python-argcomplete minegraph)"``), when installed;
    only a completing shell sets ``_ARGCOMPLETE``, so a command run never imports it."""
    if "_ARGCOMPLETE" not in os.environ:
        return
    try:
        import argcomplete  # lazy: only a completing shell needs it
    except ImportError:  # completion is a convenience: the command works without it
        return
    argcomplete.autocomplete(parser)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="minegraph",
        description="Knowledge graph of the Anti-Personnel Mine Ban Convention: who said what about which decision, in which source.",
    )
    parser.add_argument("--project", metavar="DIR", help="project root (default: found from the working directory)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name.replace('-', '_')}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    _completion(parser)
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except MinegraphError as exc:  # a message may echo query text or a file's bytes: controls made visible
        print(f"minegraph: error: {visible(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:  # pragma: no cover
        print("minegraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0


def project_from(args: argparse.Namespace):
    """The project the command works on (``--project`` or found from the working directory)."""
    from minegraph.core.project import (  # lazy: `minegraph --help` loads this module and stays light
        find_project,
        open_project,
    )

    if getattr(args, "project", None):
        return open_project(args.project)
    return find_project()


def read_stdin() -> str:
    """Standard input as text; bytes that are not UTF-8 are kept (``surrogateescape``) for the query
    guard to name, instead of failing here with a UnicodeDecodeError."""
    stream = getattr(sys.stdin, "buffer", None)
    return stream.read().decode("utf-8", "surrogateescape") if stream is not None else sys.stdin.read()


def to_stderr(message) -> None:
    """Progress goes to standard error, so standard output stays the result."""
    print(visible(str(message)), file=sys.stderr, flush=True)


def add_engine_option(parser) -> None:
    """``--engine``: the embedded engine a local command runs on."""
    parser.add_argument(
        "--engine", choices=("oxigraph", "rdflib"), default="oxigraph", help="local engine (default: oxigraph)"
    )


def local_store(args, project):
    """The project's store on the engine the command was asked for (``--engine``), reporting progress."""
    from minegraph.store import open_store  # lazy: `minegraph --help` loads this module and stays light

    return open_store(project, engine=getattr(args, "engine", "oxigraph"), progress=to_stderr)


def emit(text: str, output: str | None, what: str = "", *, human: bool = False) -> None:
    """Write a command's result to ``output`` atomically (saying so on stderr), or to standard output
    (no ``output``, or ``-``). Only a regular file is ever replaced. A ``human`` text (a table, a trace
    card: made for a terminal) has its control characters made visible; data formats are left as they are."""
    if human:
        text = visible(text)
    if output and output != "-":
        from minegraph.core.files import atomic_write  # lazy: `minegraph --help` loads this module and stays light

        atomic_write(output, text.encode("utf-8"))
        to_stderr(f"wrote {output}{what}")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
