"""``minegraph synth --triples N --seed S --output DIR``: a synthetic project of the real graph's shape."""

from __future__ import annotations

from minegraph.errors import InputError

from . import project_from


def register(sub) -> None:
    parser = sub.add_parser(
        "synth", help="write a synthetic project with the real graph's shape (10^4 to 10^7 triples)"
    )
    parser.add_argument("--triples", type=int, default=10_000, help="data triples to aim for (default: 10000)")
    parser.add_argument("--seed", type=int, default=1, help="the seed: the same seed gives the same bytes")
    parser.add_argument(
        "--output", required=True, metavar="DIR", help="directory to write (an earlier output is replaced)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(handler=run)


def run(args) -> int:
    # lazy: command start-up (`minegraph --help` imports every command module)
    from minegraph.bench.synth import SynthError, synthesize

    project = project_from(args)
    try:
        manifest = synthesize(project.root, args.output, triples=args.triples, seed=args.seed, progress=not args.quiet)
    except SynthError as exc:
        raise InputError(args.output, str(exc)) from None
    print(
        f"wrote {args.output}: {manifest.triples} triples ({manifest.copies} copies, {manifest.extras} extra assertions)"
    )
    return 0
