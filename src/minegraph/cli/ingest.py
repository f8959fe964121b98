"""``minegraph ingest``, ``extract``, ``evaluate-extraction``: new sources into drafts for review.

``ingest FILE.txt --url … --title … --publisher … --date …`` archives the text and writes a draft;
``ingest DIR/`` does every ``.txt`` with its sidecar ``.json``; ``extract`` prints the extractor's
candidates only; ``evaluate-extraction GOLD_DIR`` measures the extractor against gold texts.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from . import emit, project_from, to_stderr


def register(sub) -> None:
    # lazy: command start-up (`minegraph --help` imports every command module)
    from minegraph.core.document_kinds import KINDS

    parser = sub.add_parser(
        "ingest", help="archive a new source text, extract its statements, write a draft for review"
    )
    parser.add_argument(
        "path",
        metavar="FILE|DIR",
        help="a UTF-8 text, a web page (.html) or a PDF, or a folder of them each with a sidecar .json",
    )
    parser.add_argument("--url", help="where the text was published (default for a page: its canonical URL)")
    parser.add_argument("--title", help="its title (default for a page or PDF: its own title)")
    parser.add_argument(
        "--publisher",
        help="who published it (an existing actor's name, or a new organisation; default for a page: its site name)",
    )
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="when it was published (default for a page or PDF: its own date)"
    )
    parser.add_argument("--lang", default="en", help="language of the text (default: en)")
    parser.add_argument("--kind", choices=sorted(KINDS), default="news", help="kind of document (default: news)")
    parser.add_argument("--drafts", metavar="DIR", help="where drafts go (default: drafts/ in the project)")
    parser.set_defaults(handler=run_ingest)

    parser = sub.add_parser("accept", help="check a reviewed draft, write it as curation, rebuild and validate")
    parser.add_argument("draft", metavar="DRAFT", help="the reviewed draft (drafts/<slug>.toml)")
    parser.add_argument(
        "--reviewer",
        default="organisation:minegraph-curators",
        help="the agent of accepted stances (an actor IRI; default: the curators)",
    )
    parser.set_defaults(handler=run_accept)

    parser = sub.add_parser("extract", help="print the statements the extractor finds in a text (nothing is written)")
    parser.add_argument(
        "path",
        metavar="FILE",
        help="a UTF-8 text, a web page (.html) or a PDF (offsets refer to its text as ingest would archive it)",
    )
    parser.add_argument(
        "--format", "-f", choices=("json", "table"), default="json", help="output format (default: json)"
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    parser.set_defaults(handler=run_extract)

    parser = sub.add_parser("evaluate-extraction", help="precision, recall and F1 of the extractor on gold texts")
    parser.add_argument("gold_dir", metavar="GOLD_DIR", help="a folder of .txt files, each with its gold .json")
    parser.add_argument(
        "--format", "-f", choices=("table", "json"), default="table", help="output format (default: table)"
    )
    parser.add_argument(
        "--by-class",
        action="store_true",
        help="figures of the seen and held-out texts per gold class instead of per text",
    )
    parser.set_defaults(handler=run_evaluate)


def _progress(index: int, total: int, name: str) -> None:
    done = int(30 * index / total)
    end = "\n" if index == total else ""
    print(f"\r[{'#' * done}{'.' * (30 - done)}] {index}/{total} {name[:40]:<40}", end=end, file=sys.stderr, flush=True)


def run_ingest(args) -> int:
    # lazy: command start-up (`minegraph --help` imports every command module)
    from minegraph.ingest.documents import load
    from minegraph.ingest.workflow import complete_meta, ingest_file, ingest_folder

    project = project_from(args)
    path = Path(args.path)
    drafts = Path(args.drafts) if args.drafts else None
    if path.is_dir():
        results = list(ingest_folder(project, path, _progress, drafts))
    else:
        loaded = load(path)
        meta = complete_meta(
            path,
            loaded,
            url=args.url,
            title=args.title,
            publisher=args.publisher,
            date=args.date,
            lang=args.lang,
            kind=args.kind,
        )
        results = [ingest_file(project, path, meta, drafts_dir=drafts, loaded=loaded)]
    for result in results:
        linked = sum(1 for c in result.candidates if c.speaker_iri)
        print(f"archived {_shown(result.archive, project)} as source:{result.slug}")
        print(
            f"draft    {_shown(result.draft, project)}: {len(result.candidates)} candidate statement(s), "
            f"{linked} with a linked speaker; review it, then: {accept_command(project, result.draft)}"
        )
    return 0


def accept_command(project, draft: Path) -> str:
    """The accept command for a draft, with absolute paths: it works from any directory."""
    return f"minegraph --project {shlex.quote(str(project.root.resolve()))} accept {shlex.quote(str(Path(draft).resolve()))}"


def _shown(path: Path, project) -> str:
    try:
        return str(path.resolve().relative_to(project.root.resolve()))
    except ValueError:
        return str(path)


def run_accept(args) -> int:
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.ingest.accept import accept

    project = project_from(args)
    result = accept(project, Path(args.draft), reviewer=args.reviewer, progress=to_stderr)
    for path in result.written:
        print(f"wrote {_shown(path, project)}")
    print(
        f"accepted source:{result.slug}: {result.statements} statement(s); stance assessments: "
        f"{result.accepted} accepted by the reviewer, {result.suggested} left as the extractor suggested them; "
        "the graph is rebuilt and conforms"
    )
    return 0


def run_extract(args) -> int:
    # lazy: command start-up (`minegraph --help` imports every command module)
    from minegraph.ingest import to_json, to_table
    from minegraph.ingest.documents import load
    from minegraph.ingest.extract import extract
    from minegraph.ingest.workflow import Gazetteer

    project = project_from(args)
    text = load(Path(args.path)).text
    gazetteer = Gazetteer(project)
    candidates = extract(text, gazetteer.actors, gazetteer.decisions)
    emit(
        to_json(candidates) if args.format == "json" else to_table(candidates), args.output, human=args.format != "json"
    )
    return 0


def run_evaluate(args) -> int:
    # lazy: command start-up (`minegraph --help` imports every command module)
    from minegraph.ingest import evaluate
    from minegraph.ingest.workflow import Gazetteer

    project = project_from(args)
    gazetteer = Gazetteer(project)
    to_stderr(f"evaluating the extractor on {args.gold_dir}")
    report = evaluate(args.gold_dir, gazetteer.actors, gazetteer.decisions)
    table = report.class_table() if args.by_class else report.table()
    sys.stdout.write(table if args.format == "table" else report.json())
    return 0
