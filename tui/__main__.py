"""The `mstrials-tui` command: parse arguments, load the dataset, then run the app or print results.

Exit codes: 0 success; 1 a requested record was not found; 2 invalid data or usage.
Textual is imported only when the app is actually started, so the script commands stay fast.
"""

from __future__ import annotations

import argparse
import gc
import sys
from typing import Callable, Sequence

from . import __version__
from .core import export, report, text
from .core.loader import DATA_ENV, default_data_path, load_dataset
from .core.model import Dataset, Trial, kind_of
from .core.problems import DataError

EXIT_OK, EXIT_NOT_FOUND, EXIT_INVALID = 0, 1, 2

EPILOG = f"""\
examples:
  mstrials-tui                          browse the bundled dataset
  mstrials-tui --open rebuild           start with the ReBUILD trial shown
  mstrials-tui --compare "CCMR One" ReBUILD
  mstrials-tui search "clemastine vep"
  mstrials-tui search "measure:mtr phase:2" --json
  mstrials-tui show NCT02040298
  mstrials-tui compare ccmr-one rebuild --format md
  mstrials-tui validate --data my-trials/
  mstrials-tui export --format csv > trials.csv
  mstrials-tui stats                    counts by intervention kind, phase and result

The dataset is --data PATH (a YAML file or a folder of them), else ${DATA_ENV}, else the bundled data.
"""


class UsageError(Exception):
    """Bad arguments that argparse cannot catch (e.g. an unknown trial)."""


def _parser() -> argparse.ArgumentParser:
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument(
        "--data",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"dataset file or folder (default: ${DATA_ENV} or the bundled data)",
    )
    parser = argparse.ArgumentParser(
        prog="mstrials-tui",
        description="Browse curated, cited MS remyelination trials in the terminal.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[data],
    )
    parser.add_argument("--version", action="version", version=f"mstrials-tui {__version__}")
    parser.add_argument("--open", metavar="ID", help="start with this trial, intervention or measure shown")
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"), help="start in the comparison of two trials")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("validate", parents=[data], help="check the dataset; exit 2 listing every problem")

    exporter = commands.add_parser("export", parents=[data], help="print the whole dataset as JSON or CSV")
    exporter.add_argument("--format", choices=("json", "csv"), default="json")

    show = commands.add_parser("show", parents=[data], help="print one trial, intervention or measure")
    show.add_argument("id", metavar="ID", help="slug, acronym or registry id (case-insensitive)")
    show.add_argument("--json", action="store_true", help="print JSON instead of text")

    search = commands.add_parser("search", parents=[data], help="fuzzy search; prints a ranked table")
    search.add_argument("query", nargs="+", metavar="QUERY", help="words and filters such as phase:2 measure:mtr")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results (default 20)")
    search.add_argument("--json", action="store_true", help="print JSON instead of a table")

    compare = commands.add_parser("compare", parents=[data], help="compare two trials field by field")
    compare.add_argument("a", metavar="A", help="first trial: slug, acronym or registry id")
    compare.add_argument("b", metavar="B", help="second trial")
    compare.add_argument("--format", choices=("md", "json", "text"), default="text")

    commands.add_parser("stats", parents=[data], help="print counts by intervention kind, phase and result")
    return parser


def _load(args: argparse.Namespace) -> Dataset:
    return load_dataset(default_data_path(getattr(args, "data", None)))


def _trial(dataset: Dataset, reference: str) -> Trial:
    trial = dataset.find_trial(reference)
    if trial is None:
        raise UsageError(f"no trial matches {reference!r} (try: mstrials-tui search {reference!r})")
    return trial


def _validate(args: argparse.Namespace) -> int:
    dataset = _load(args)
    counts = dataset.counts()
    print(
        f"ok: {counts['trials']} trials, {counts['interventions']} interventions, "
        f"{counts['measures']} measures ({text.one_line(dataset.info.name)} {text.one_line(dataset.info.version)})"
    )
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    dataset = _load(args)
    if args.format == "csv":
        sys.stdout.write(export.trials_csv(dataset))
    else:
        print(export.to_json(export.dataset_dict(dataset)))
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    dataset = _load(args)
    record = dataset.find(args.id)
    if record is None:
        print(f"mstrials-tui: nothing matches {args.id!r}; try: mstrials-tui search {args.id!r}", file=sys.stderr)
        return EXIT_NOT_FOUND
    if args.json:
        print(export.to_json(export.record_dict(record)))
    else:
        print(report.record_report(dataset, record))
    return EXIT_OK


def _search(args: argparse.Namespace) -> int:
    from .core.search import SearchIndex

    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    dataset = _load(args)
    result = SearchIndex(dataset).search(" ".join(args.query), limit=args.limit)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        rows = [
            {"kind": h.kind, "id": h.id, "title": h.title, "score": round(h.score, 1), "field": h.field}
            for h in result.hits
        ]
        print(export.to_json(rows))
        return EXIT_OK
    if not result.hits:
        print("no matches")
        return EXIT_OK
    print(_table(("KIND", "ID", "TITLE", "MATCHED", "SCORE"), [
        (h.kind, h.id, h.title, h.field, f"{h.score:.0f}") for h in result.hits
    ]))
    return EXIT_OK


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], max_width: int = 60) -> str:
    """A plain aligned table (no escape codes, so it pipes cleanly)."""
    cells = [[text.one_line(c) for c in header], *([text.one_line(c) for c in row] for row in rows)]
    cells = [[c if text.width(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [max(text.width(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for row in cells:
        padded = [c + " " * (w - text.width(c)) for c, w in zip(row, widths)]
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)


def _compare(args: argparse.Namespace) -> int:
    from .core import compare

    dataset = _load(args)
    comparison = compare.compare_trials(dataset, _trial(dataset, args.a), _trial(dataset, args.b))
    if args.format == "md":
        print(compare.to_markdown(comparison))
    elif args.format == "json":
        print(export.to_json(compare.to_dict(comparison)))
    else:
        print(compare.to_text(comparison))
    return EXIT_OK


def _run_app(args: argparse.Namespace) -> int:
    dataset = _load(args)
    if args.open and dataset.find(args.open) is None:
        raise UsageError(f"--open: nothing matches {args.open!r}")
    compare_refs = None
    if args.compare:
        compare_refs = (_trial(dataset, args.compare[0]).id, _trial(dataset, args.compare[1]).id)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "the browser needs an interactive terminal; for scripts use the search, show, compare, "
            "export and validate commands (see --help)"
        )
    from .app import run_app

    # The dataset lives as long as the app: moving it out of the collector's generations keeps a full
    # collection from walking every record (a 1 s freeze at 100 000 trials, see tests/bench).
    gc.freeze()
    run_app(dataset, open_ref=args.open, compare_refs=compare_refs)
    return EXIT_OK


def _stats(args: argparse.Namespace) -> int:
    from .core.stats import stats_markdown

    print(stats_markdown(_load(args)))
    return EXIT_OK


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: _run_app,
    "validate": _validate,
    "export": _export,
    "show": _show,
    "search": _search,
    "compare": _compare,
    "stats": _stats,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DataError as error:
        print(f"mstrials-tui: invalid data: {len(error.problems)} problem(s)", file=sys.stderr)
        for problem in error.problems:
            print(text.one_line(str(problem)), file=sys.stderr)
        return EXIT_INVALID
    except UsageError as error:
        print(f"mstrials-tui: {error}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        # `mstrials-tui export | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
