"""The `mstrials-tui` command: parse arguments, load the dataset, then run the app or print results.

Exit codes: 0 success; 1 a requested record was not found (or a name is ambiguous); 2 invalid data or
usage; 3 the output could not be written (`registry check` is like diff: 1 means differences). Textual (and
the search machinery) is imported only when a command needs it, so the script commands stay fast.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import gc
import io
import os
import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from . import __version__, cli_landscape
from .core import text
from .core.model import Dataset, Record, Trial
from .core.paths import DATA_ENV, default_data_path
from .core.problems import DataError
from .core.search.normalise import squashed

if TYPE_CHECKING:
    from pathlib import Path

    from .app import DataLoader
    from .core.loader import Progress
    from .core.registry.api import Fetched

EXIT_OK, EXIT_NOT_FOUND, EXIT_INVALID, EXIT_OUTPUT = 0, 1, 2, 3
EXIT_DIFFERENT = 1  # registry check, like diff
DEFAULT_LIMIT = 20

EPILOG = f"""\
examples:
  mstrials-tui                          browse the bundled dataset
  mstrials-tui --open rebuild           start with the ReBUILD trial shown
  mstrials-tui --compare "CCMR One" ReBUILD
  mstrials-tui search "clemastine vep"
  mstrials-tui search "measure:mtr phase:2 year:>2015" --all --json
  mstrials-tui show NCT02040298
  mstrials-tui compare ccmr-one rebuild --format md
  mstrials-tui validate --data my-trials/
  mstrials-tui export --format csv > trials.csv
  mstrials-tui stats                    counts, and how much of the data is structured and cited
  mstrials-tui registry check --online  compare curated trials with ClinicalTrials.gov (exit 1: differences)
  mstrials-tui registry draft NCT05338450 --online --output new.yaml
  mstrials-tui table "year:>2018 phase:2" --sort n --desc
  mstrials-tui matrix --sort evidence   interventions × measures (--format md|json|csv)
  mstrials-tui forest vep               effects on one measure, one panel per estimate type and unit
  mstrials-tui timeline --group phase

The dataset is --data PATH (a YAML file or a folder of them), else ${DATA_ENV}, else the bundled data.
Exit codes: 0 ok, 1 not found or ambiguous, 2 invalid data or usage, 3 output could not be written.
"""


class UsageError(Exception):
    """Bad arguments that argparse cannot catch."""


class NotFound(Exception):
    """A name that matches no record, or several; the message says which, and what to try."""


class Output:
    """Where results go: stdout, with colour only on a terminal that wants it, lines fitted to its width."""

    def __init__(self) -> None:
        stream = sys.stdout
        self.tty = stream.isatty()
        self.colour = self.tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        self.width = os.get_terminal_size().columns if self.tty else 100

    def style(self, value: str, code: str) -> str:
        """`value` in an SGR style (1 bold, 2 dim, 3 italic) on a colour terminal; as is otherwise."""
        return f"\x1b[{code}m{value}\x1b[0m" if self.colour else value

    def print(self, value: str = "") -> None:
        print(value)


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

    validate = commands.add_parser(
        "validate", parents=[data], help="check the dataset and its curation rules; exit 2 listing the problems"
    )
    validate.add_argument(
        "--lenient", action="store_true", help="check the format only, not the curation rules of data/README.md"
    )

    exporter = commands.add_parser("export", parents=[data], help="print the whole dataset as JSON or CSV")
    exporter.add_argument("--format", choices=("json", "csv"), default="json")

    show = commands.add_parser("show", parents=[data], help="print one trial, intervention or measure")
    show.add_argument("id", metavar="ID", help="slug, acronym, registry id or name (case-insensitive)")
    show.add_argument("--json", action="store_true", help="print JSON instead of text")

    search = commands.add_parser("search", parents=[data], help="fuzzy search; prints a ranked table")
    search.add_argument("query", nargs="+", metavar="QUERY", help="words and filters such as phase:2 measure:mtr")
    search.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, metavar="N", help=f"at most N results (default {DEFAULT_LIMIT})"
    )
    search.add_argument("--all", action="store_true", help="every result")
    search.add_argument("--json", action="store_true", help="print JSON (with the total) instead of a table")

    compare = commands.add_parser("compare", parents=[data], help="compare two trials field by field")
    compare.add_argument("a", metavar="A", help="first trial: slug, acronym or registry id")
    compare.add_argument("b", metavar="B", help="second trial")
    compare.add_argument("--format", choices=("md", "json", "text"), default="text")

    commands.add_parser(
        "stats", parents=[data], help="counts by kind, phase and result; how much is structured and cited"
    )
    _registry_parser(commands, data)
    # The landscape views (table, matrix, forest, timeline): see cli_landscape.py.
    cli_landscape.add_parsers(commands, data)
    return parser


def _registry_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], data: argparse.ArgumentParser
) -> None:
    """`registry check` and `registry draft`: the curators' link to ClinicalTrials.gov (see README.md)."""
    registry = commands.add_parser(
        "registry",
        help="check curated trials against ClinicalTrials.gov, or draft new records from it",
        description="Compare curated trials with their ClinicalTrials.gov records, or draft new trial records. "
        "Reads saved API responses (the cache of earlier --online runs, or --from) unless --online is given.",
    )
    actions = registry.add_subparsers(dest="registry_command", metavar="ACTION", required=True)
    network = argparse.ArgumentParser(add_help=False)
    network.add_argument(
        "--online",
        action="store_true",
        help="fetch from the ClinicalTrials.gov API (one request a second; cached for later offline runs)",
    )
    network.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="give up on an answer after this long (default 30)",
    )
    check = actions.add_parser(
        "check",
        parents=[data, network],
        help="print where curated trials differ from their registry records (exit 0 none, 1 some, 2 errors)",
    )
    check.add_argument(
        "ids",
        nargs="*",
        metavar="ID",
        help="trials to check (slug, acronym or registry id; default: all with an NCT id)",
    )
    check.add_argument(
        "--from", dest="source", metavar="DIR", help="read saved API responses DIR/NCT….json instead of fetching"
    )
    check.add_argument("--json", action="store_true", help="print JSON instead of text")
    draft = actions.add_parser(
        "draft", parents=[data, network], help="write a draft trial record (YAML) prefilled from the registry"
    )
    draft.add_argument("ids", nargs="+", metavar="NCT", help="ClinicalTrials.gov ids (NCT followed by 8 digits)")
    draft.add_argument(
        "--from", dest="source", metavar="PATH", help="a saved API response (FILE) or a folder of them (DIR/NCT….json)"
    )
    draft.add_argument("--output", metavar="FILE", help="write to FILE, which must not exist (default: stdout)")


def _load(args: argparse.Namespace, curated: bool = False) -> Dataset:
    from .core.loader import load_dataset

    dataset = load_dataset(default_data_path(getattr(args, "data", None)), curated=curated)
    for warning in dataset.warnings:
        print(f"warning: {text.one_line(str(warning))}", file=sys.stderr)
    return dataset


def _record(dataset: Dataset, reference: str, kind: type[Record] | None = None) -> Record:
    """The record a name means, or NotFound saying what it could mean."""
    records: tuple[Record, ...] = (
        dataset.trials if kind is Trial else (*dataset.trials, *dataset.interventions, *dataset.measures)
    )
    candidates = tuple(c for c in dataset.candidates(reference) if kind is None or isinstance(c, kind))
    if not candidates:
        # A name a few records start with ("ccmr": CCMR One and CCMR Two).
        key = squashed(reference)
        candidates = tuple(
            r for r in records if key and (squashed(r.label).startswith(key) or squashed(r.id).startswith(key))
        )
    if len(candidates) == 1:
        return candidates[0]
    what = "trial" if kind is Trial else "record"
    shown = text.one_line(reference)
    if candidates:
        names = ", ".join(f"{c.id} ({text.one_line(c.label)})" for c in candidates[:12])
        raise NotFound(f"{shown!r} could mean several {what}s: {names}; give one of these ids")
    by_name = {r.id: r for r in records} | {r.label.casefold(): r for r in records}
    close = difflib.get_close_matches(reference.strip().casefold(), list(by_name), n=5, cutoff=0.6)
    suggestions = list(dict.fromkeys(by_name[c].id for c in close))[:3]
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    raise NotFound(f"no {what} matches {shown!r}{hint} (try: mstrials-tui search {shown!r})")


def _validate(args: argparse.Namespace) -> int:
    dataset = _load(args, curated=not args.lenient)
    counts = dataset.counts()
    mode = "format" if args.lenient else "format and curation rules"
    sizes = ", ".join(text.count(counts[kind], kind[:-1]) for kind in ("trials", "interventions", "measures"))
    print(f"ok ({mode}): {sizes} ({text.one_line(dataset.info.name)} {text.one_line(dataset.info.version)})")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from .core import export

    dataset = _load(args)
    if args.format == "csv":
        sys.stdout.write(export.trials_csv(dataset))
    else:
        print(export.to_json(export.dataset_dict(dataset)))
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from .core import export, report

    dataset = _load(args)
    record = _record(dataset, args.id)
    if args.json:
        print(export.to_json(export.record_dict(record)))
    else:
        print(report.record_report(dataset, record, width=min(Output().width, 120)))
    return EXIT_OK


def _search(args: argparse.Namespace) -> int:
    from .core import export
    from .core.search import SearchIndex

    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    dataset = _load(args)
    limit = None if args.all else args.limit
    result = SearchIndex(dataset).search(" ".join(args.query), limit=limit)
    for warning in result.warnings:
        print(f"warning: {text.one_line(warning)}", file=sys.stderr)
    if result.errors:
        for error in result.errors:
            print(f"mstrials-tui: {text.one_line(error)}", file=sys.stderr)
        return EXIT_INVALID
    if args.json:
        hits = [
            {"kind": h.kind, "id": h.id, "title": h.title, "score": round(h.score, 1), "field": h.field}
            for h in result.hits
        ]
        print(export.to_json({"query": result.query, "total": result.total, "shown": len(hits), "hits": hits}))
        return EXIT_OK
    out = Output()
    if not result.hits:
        print("no matches")
        return EXIT_OK
    rows = [(h.kind, h.id, h.title, h.field.replace("_", " "), f"{h.score:.0f}") for h in result.hits]
    print(table(("KIND", "ID", "TITLE", "MATCHED", "SCORE"), rows, out, shrink=2))
    if result.total > len(result.hits):
        note = f"{len(result.hits)} of {result.total:,} results shown; --all shows every one, --limit N the best N"
        sys.stdout.flush()  # the table first, then the note (stderr when piped)
        print(out.style(note, "2"), file=sys.stderr if not out.tty else sys.stdout)
    return EXIT_OK


def table(header: Sequence[str], rows: Sequence[Sequence[str]], out: Output, shrink: int = 0) -> str:
    """A plain aligned table that fits the output's width: column `shrink` gives way, cut with '…'."""
    cells = [[text.one_line(c) for c in header], *([text.one_line(c) for c in row] for row in rows)]
    widths = [max(text.width(row[i]) for row in cells) for i in range(len(header))]
    overflow = sum(widths) + 2 * (len(widths) - 1) - out.width
    if overflow > 0:
        widths[shrink] = max(12, widths[shrink] - overflow)
    lines = []
    for number, row in enumerate(cells):
        padded = []
        for i, (cell, width) in enumerate(zip(row, widths, strict=True)):
            shown = text.truncate(cell, width)
            shown += " " * (width - text.width(shown)) if i < len(row) - 1 else ""
            padded.append(shown)
        line = "  ".join(padded).rstrip()
        lines.append(out.style(line, "1") if number == 0 else line)
    return "\n".join(lines)


def _compare(args: argparse.Namespace) -> int:
    from .core import compare, export

    dataset = _load(args)
    a, b = (_record(dataset, ref, Trial) for ref in (args.a, args.b))
    assert isinstance(a, Trial) and isinstance(b, Trial)
    comparison = compare.compare_trials(dataset, a, b)
    if args.format == "md":
        print(compare.to_markdown(comparison))
    elif args.format == "json":
        print(export.to_json(compare.to_dict(comparison)))
    else:
        print(compare.to_text(comparison, width=min(Output().width, 160)))
    return EXIT_OK


def _run_app(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "the browser needs an interactive terminal; for scripts use the search, show, compare, "
            "export and validate commands (see --help)"
        )
    path = default_data_path(getattr(args, "data", None))
    from .app import DataLoader, run_app
    from .core.settings import settings_path

    if args.open or args.compare:
        # A name that matches nothing is reported (exit 1) before the screen is taken over.
        dataset = _load_for_app(path)
        if args.open:
            _record(dataset, args.open)
        for reference in args.compare or ():
            _record(dataset, reference, Trial)
        loader = DataLoader(str(path), lambda progress: dataset)
    else:
        loader = dataset_loader(path)
    compare_refs = (args.compare[0], args.compare[1]) if args.compare else None
    error = run_app(loader, open_ref=args.open, compare_refs=compare_refs, settings_path=settings_path())
    if error is not None:
        raise error
    return EXIT_OK


def dataset_loader(path: Path) -> DataLoader:
    """How the app reads its data: in a worker thread, through the cache (the loader, YAML and the schema
    are imported there too, while the first screen is drawn)."""
    from .app import DataLoader

    return DataLoader(str(path), partial(_load_for_app, path))


def _load_for_app(path: Path, progress: Progress | None = None) -> Dataset:
    from .core.loader import load_dataset

    dataset = load_dataset(path, progress=progress, use_cache=True)
    # The dataset lives as long as the app: moving it out of the collector's generations keeps a full
    # collection from walking every record (a 1 s freeze at 100 000 trials, see tests/bench).
    gc.freeze()
    return dataset


def _stats(args: argparse.Namespace) -> int:
    from .core.stats import stats_markdown

    print(stats_markdown(_load(args)))
    return EXIT_OK


def _registry(args: argparse.Namespace) -> int:
    from .core.registry.errors import RegistryError

    if args.online and args.source:
        raise UsageError("give --online or --from, not both")
    if args.timeout <= 0:
        raise UsageError("--timeout must be above 0")
    try:
        return _registry_check(args) if args.registry_command == "check" else _registry_draft(args)
    except RegistryError as error:
        print(f"mstrials-tui: registry: {text.one_line(str(error))}", file=sys.stderr)
        return EXIT_INVALID


def _registry_source(args: argparse.Namespace, files: bool) -> Callable[[str], Fetched]:
    """Where registry records come from: the API (--online), --from PATH, else the cache of earlier fetches."""
    from pathlib import Path

    from .core.registry import api

    if args.online:
        client = api.RegistryClient(timeout=args.timeout, cache_dir=api.default_cache_dir())
        return client.fetch
    if args.source is None:
        folder = api.default_cache_dir()
        if not folder.is_dir():
            raise UsageError(
                f"no saved registry responses yet ({folder}): fetch them with --online, or give --from DIR"
            )
    else:
        folder = Path(args.source)
        if not folder.exists():
            raise UsageError(f"--from {args.source}: no such file or folder")
        if not files and not folder.is_dir():
            raise UsageError(f"--from {args.source}: expected a folder of saved responses (NCT….json)")
    return lambda nct: api.read_saved(folder, nct)


def _progress() -> Callable[[int, int, str], None] | None:
    """'fetching 3/73 NCT…' on a terminal's stderr, overwritten in place; nothing when stderr is a file."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, nct: str) -> None:
        print(f"\rfetching {done + 1}/{total} {nct}", end="", file=sys.stderr, flush=True)

    return show


def _registry_check(args: argparse.Namespace) -> int:
    from .core import export
    from .core.registry import diff

    dataset = _load(args)
    trials: list[Trial] = []
    for reference in args.ids:
        try:
            record = _record(dataset, reference, Trial)
        except NotFound as error:
            raise UsageError(str(error)) from None  # exit 1 means "differences" here
        assert isinstance(record, Trial)
        if not diff.nct_ids(record):
            raise UsageError(f"{record.id} has no ClinicalTrials.gov (NCT) id to check")
        trials.append(record)
    if not args.ids:
        trials = [t for t in dataset.trials if diff.nct_ids(t)]
    get = _registry_source(args, files=False)
    unique = {t.id: t for t in trials}.values()
    progress = _progress() if args.online else None
    try:
        run = diff.check_trials(unique, get, skip_missing=not args.ids, progress=progress)
    finally:
        if progress is not None:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)  # clear the progress line
    if args.json:
        print(export.to_json(diff.to_dict(run.checks, run.errors)))
    else:
        print(diff.to_text(run.checks, run.errors))
    if run.skipped:
        names = ", ".join(e.nct_id for e in run.skipped[:10]) + (", …" if len(run.skipped) > 10 else "")
        print(
            f"warning: {text.count(len(run.skipped), 'registry record')} not checked, no saved response ({names}): "
            "fetch them with --online",
            file=sys.stderr,
        )
    if run.errors or not run.checks:
        return EXIT_INVALID
    return EXIT_DIFFERENT if any(c.differs for c in run.checks) else EXIT_OK


def _registry_draft(args: argparse.Namespace) -> int:
    from datetime import date
    from pathlib import Path

    from .core.files import write_exclusive
    from .core.registry import api, draft, parse

    ids = list(dict.fromkeys(api.normalise_nct(i) for i in args.ids))
    if args.source and Path(args.source).is_file() and len(ids) > 1:
        raise UsageError("--from FILE holds one saved response: give one NCT id, or --from a folder")
    dataset = _load(args)
    get = _registry_source(args, files=True)
    taken = set(dataset.by_id)
    drafts, origins = [], []
    for nct in ids:
        fetched = get(nct)
        record = parse.parse_study(fetched.payload, nct, fetched.redirected_to)
        drafted = draft.draft_record(record, dataset, taken)
        taken.add(drafted.trial_id)
        drafts.append(drafted)
        origins.append(fetched.origin)
        for warning in (*fetched.warnings, *record.notes, *drafted.warnings):
            print(f"warning: {nct}: {text.one_line(warning)}", file=sys.stderr)
        for placeholder in drafted.placeholders:
            print(f"warning: {nct}: intervention id {placeholder} is a placeholder: replace it", file=sys.stderr)
    document = draft.draft_document(drafts, date.today(), origins)
    if not args.output:
        sys.stdout.write(document)
        return EXIT_OK
    try:
        path = write_exclusive(Path(args.output), document)
    except FileExistsError:
        print(f"mstrials-tui: {args.output} already exists; drafts never overwrite a file", file=sys.stderr)
        return EXIT_OUTPUT
    print(f"wrote {text.count(len(drafts), 'draft record')} to {path}", file=sys.stderr)
    return EXIT_OK


def _landscape(args: argparse.Namespace) -> int:
    """table, matrix, forest, timeline (cli_landscape.py), with its problems reported like the others'."""
    try:
        return cli_landscape.run(args, _load(args), Output())
    except cli_landscape.Unknown as error:
        raise NotFound(str(error)) from error
    except cli_landscape.Invalid as error:
        raise UsageError(str(error)) from error


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: _run_app,
    "validate": _validate,
    "export": _export,
    "show": _show,
    "search": _search,
    "compare": _compare,
    "stats": _stats,
    "registry": _registry,
    **dict.fromkeys(cli_landscape.COMMAND_NAMES, _landscape),
}


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            # Characters the output's encoding cannot hold become '?', never a traceback.
            stream.reconfigure(errors="replace")
    args = _parser().parse_args(argv)
    try:
        code = COMMANDS[args.command](args)
        sys.stdout.flush()
        return code
    except DataError as error:
        print(f"mstrials-tui: invalid data: {error.summary()}", file=sys.stderr)
        for line in error.report_lines():
            print(text.one_line(line), file=sys.stderr)
        return EXIT_INVALID
    except UsageError as error:
        print(f"mstrials-tui: {error}", file=sys.stderr)
        return EXIT_INVALID
    except NotFound as error:
        print(f"mstrials-tui: {error}", file=sys.stderr)
        return EXIT_NOT_FOUND
    except BrokenPipeError:
        # `mstrials-tui export | head` closes the pipe early; that is not an error.
        _silence_stdout()
        return EXIT_OK
    except OSError as error:
        _silence_stdout()
        print(f"mstrials-tui: could not write the output: {error.strerror or error}", file=sys.stderr)
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def entry() -> None:
    exit_now(main())


def exit_now(code: int) -> None:
    """Leave at once: flush the output, then end the process without tearing down every object one by one
    (a dataset of 100 000 trials and its search index are millions of them: seconds of freeing memory) and
    without waiting for a worker thread still building the search index. The terminal is restored by then;
    nothing else needs a clean shutdown (files are written whole, then renamed)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
