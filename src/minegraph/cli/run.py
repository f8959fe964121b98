"""``minegraph run``: the main job of ``make run`` on the embedded default store.

Validates the graph, then prints who said what in the seed article, the membership summary
(parties today, withdrawals in effect, contested cases), three headline queries of the
library, the story of the debate (who stood where, when the camps formed, anchored quotes and reported
positions), and writes the report with its pictures (membership over time, the stance network, the congruence
network by quarter, the polarisation curve). Each step is a library call; this module
only sequences and prints them.
"""

from __future__ import annotations

import shutil
import sys

from minegraph.core.terminal import visible

from . import project_from

#: Headline queries of the library printed at the end (name, parameters, heading).
HEADLINES = (
    ("contested-decisions", {}, "Decisions with both support and opposition"),
    ("claims-vs-reference", {}, "Claims of the sources that disagree with the reference data"),
    ("most-quoted-speakers", {}, "Most quoted speakers"),
)


def register(sub) -> None:
    parser = sub.add_parser(
        "run", help="the main job: validate, then who said what, membership, headline queries, pictures, report"
    )
    parser.add_argument("--output", metavar="DIR", help="where pictures and the report go (default: out/)")
    parser.add_argument("--width", type=int, metavar="N", help="table width (default: the terminal's)")
    parser.add_argument(
        "--revalidate",
        action="store_true",
        help="validate even when the inputs are those of the last conforming validation",
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    from minegraph.report.html import write_report  # lazy: per command
    from minegraph.store.session import (
        default_session,  # lazy: per command (the CLI loads every command module at start)
    )

    project = project_from(args)
    out_dir = project.root / (args.output or "out")
    width = args.width or shutil.get_terminal_size((140, 24)).columns

    heading("Validation")
    if not validation_step(project, revalidate=args.revalidate):
        return 1

    store = default_session(project).store
    heading("Who said what about which decision (Euronews, 2025-04-10)")
    show(store, "who-said-what", {}, width)

    on = _default_of(project, "membership-summary", "date")  # a fixed date of the data, never the clock
    heading(f"Membership of the Convention on {on}")
    show(store, "membership-summary", {"date": on}, width)
    heading("The 2025 withdrawals, act by act")
    show(store, "withdrawals-timeline", {}, width)

    for name, params, title in HEADLINES:
        heading(title)
        show(store, name, params, width)

    from minegraph.report.debate import Story  # lazy: per command

    debate = Story(store, project)  # computed only when its story is not kept from an earlier run
    if debate.told is not None:
        heading(f"The debate in {debate.told.year}: who stood where, when the camps formed, on what evidence")
        print("\n".join(debate.told.lines()))

    heading("Pictures and report")
    report = write_report(
        store, project, out_dir / "report", progress=lambda message: print(message, flush=True), debate=debate
    )
    shown = report.relative_to(project.root) if report.is_relative_to(project.root) else report
    print(f"report: {shown} (open it in a browser)")
    return 0


def validation_step(project, *, revalidate: bool = False) -> bool:
    """Validate (and print the findings), or say that the inputs are those of the last conforming
    validation and skip it; whether the graph conforms. Only a conforming validation is recorded."""
    from minegraph.validation import validate  # lazy: per command
    from minegraph.validation.record import recorded, remember  # lazy: per command
    from minegraph.validation.render import format_finding, summary  # lazy: per command

    previous = None if revalidate else recorded(project)
    if previous is not None:
        print(
            f"unchanged since it was validated on {previous['validated']} ({previous['summary']}): "
            "validation skipped (--revalidate runs it again)"
        )
        return True
    report = validate(project)
    for finding in report.findings:
        print(visible(format_finding(finding)))
    print(summary(report))
    remember(project, report, summary(report))
    return report.conforms


def _default_of(project, query: str, param: str) -> str:
    """The default value a library query's header gives one of its parameters."""
    from minegraph.queries.library import find_query  # lazy: per command

    return next(p.default for p in find_query(project, query).params if p.name == param)


def heading(title: str) -> None:
    print(f"\n== {title} ==", flush=True)


def show(store, name: str, params: dict, width: int) -> None:
    """Run a library query on ``store`` and print it as a table with labels."""
    from minegraph.queries.run import fetch_labels, result_iris, run_query  # lazy: per command
    from minegraph.queries.writers import render  # lazy: per command

    result = run_query(name, params, store=store)
    sys.stdout.write(
        visible(render(result, "table", labels=fetch_labels(store, result_iris(result)), width=width, max_column=48))
    )
