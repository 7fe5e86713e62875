"""The landscape's command-line views: `table`, `matrix`, `forest MEASURE`, `timeline`.

The same core functions as the Landscape screen (`core.landscape`), printed as text (plain when piped) or as
Markdown, JSON or CSV. `tui.__main__` adds the parsers and runs `run`; problems are raised as `Unknown`
(exit 1) or `Invalid` (exit 2) for it to report.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import Protocol

from .core.model import Dataset, Trial

COMMAND_NAMES = ("table", "matrix", "forest", "timeline")
# SGR codes for the roles of styled lines on a colour terminal (1 bold, 2 dim); other roles stay plain.
ROLE_CODES = {"heading": "1", "point": "1", "clip": "1", "warning": "1", "muted": "2", "axis": "2", "empty": "2"}


class Unknown(Exception):
    """A name that matches nothing (exit 1)."""


class Invalid(Exception):
    """A query or option that cannot be used (exit 2)."""


class Out(Protocol):
    width: int
    colour: bool

    def style(self, value: str, code: str) -> str: ...


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser], data: argparse.ArgumentParser) -> None:
    from .core.landscape.matrix import DEFAULT_ORDER, ORDERS
    from .core.landscape.table import DEFAULT_SORT, SORT_KEYS
    from .core.landscape.timeline import DEFAULT_GROUPING, GROUPINGS

    def common(parser: argparse.ArgumentParser, formats: tuple[str, ...], query: bool = True) -> None:
        parser.add_argument("--format", choices=formats, default="text", help="output format (default: text)")
        parser.add_argument("--width", type=int, metavar="N", help="width of the text output (default: the terminal's)")
        if query:
            parser.add_argument(
                "--query", default="", metavar="QUERY", help="only the trials a search selects (year:>2018 phase:2 …)"
            )

    table = commands.add_parser(
        "table", parents=[data], help="the trials table: one row per trial, sorted and filtered"
    )
    table.add_argument(
        "query", nargs="*", metavar="QUERY", help="search words and filters (year:>2018 phase:2 n:>50 maxphase:<3 …)"
    )
    table.add_argument(
        "--sort", choices=SORT_KEYS, default=DEFAULT_SORT, help=f"column to sort by (default {DEFAULT_SORT})"
    )
    table.add_argument("--desc", action="store_true", help="largest, latest or best first")
    table.add_argument(
        "--facet",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="narrow by a facet (phase, status, result, mechanism, kind, measure); repeat for more",
    )
    common(table, ("text", "md", "json", "csv"), query=False)

    matrix = commands.add_parser(
        "matrix", parents=[data], help="interventions × measures with the results of their trials"
    )
    matrix.add_argument(
        "--sort", choices=ORDERS, default=DEFAULT_ORDER, help=f"row order within a mechanism (default {DEFAULT_ORDER})"
    )
    common(matrix, ("text", "md", "json", "csv"))

    forest = commands.add_parser("forest", parents=[data], help="a forest plot of the effects reported on one measure")
    forest.add_argument(
        "measure", metavar="MEASURE", help="measure id, abbreviation or name (vep, mtr, 'P100 latency')"
    )
    common(forest, ("text", "json", "csv"))

    timeline = commands.add_parser("timeline", parents=[data], help="trials as bars from start to end, by year")
    timeline.add_argument(
        "--group", choices=GROUPINGS, default=DEFAULT_GROUPING, help=f"group by (default {DEFAULT_GROUPING})"
    )
    timeline.add_argument("--today", metavar="YYYY-MM-DD", help="the date of the today line (default: today)")
    common(timeline, ("text", "json", "csv"))


def _selection(dataset: Dataset, query: str) -> tuple[tuple[Trial, ...] | None, frozenset[str] | None]:
    """The trials a query selects (None: no query, every trial) and the interventions it selects itself;
    Invalid for a query with errors."""
    from .core.landscape.table import index_search, query_interventions, query_trials
    from .core.search.index import SearchIndex

    if not query.strip():
        return None, None
    search = index_search(SearchIndex(dataset))
    trials, errors, warnings = query_trials(dataset, query, search)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if errors:
        raise Invalid("; ".join(errors))
    return trials, query_interventions(query, search)


def _trials(dataset: Dataset, query: str) -> tuple[Trial, ...] | None:
    return _selection(dataset, query)[0]


def _styled(lines: tuple[tuple[tuple[str, str], ...], ...], out: Out) -> str:
    rows = []
    for line in lines:
        shown = "".join(
            out.style(part, ROLE_CODES[role]) if out.colour and role in ROLE_CODES else part for part, role in line
        )
        rows.append(shown.rstrip())
    return "\n".join(rows)


def _width(args: argparse.Namespace, out: Out) -> int:
    if args.width is not None and args.width < 40:
        raise Invalid("--width must be at least 40")
    return args.width or out.width


def _table(args: argparse.Namespace, dataset: Dataset, out: Out) -> str:
    from .core.export import to_json
    from .core.landscape import table
    from .core.landscape.render_text import table_lines
    from .core.search.index import SearchIndex

    chosen = []
    for spec in args.facet:
        try:
            chosen.append(table.parse_facet(dataset, spec))
        except ValueError as error:
            raise Invalid(str(error)) from error
    query = " ".join(args.query)
    search = table.index_search(SearchIndex(dataset)) if query.strip() else None
    view = table.table_view(dataset, query, tuple(sorted(chosen)), args.sort, args.desc, search)
    for warning in view.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if view.errors:
        raise Invalid("; ".join(view.errors))
    if args.format == "md":
        return table.rows_markdown(view)
    if args.format == "json":
        return to_json(table.rows_dict(view))
    if args.format == "csv":
        return table.rows_csv(dataset, view).rstrip("\n")
    width = _width(args, out)
    return _styled(table_lines(view, width), out) + "\n" + out.style(table.description(view), "2")


def _matrix(args: argparse.Namespace, dataset: Dataset, out: Out) -> str:
    from .core.export import to_json
    from .core.landscape import matrix, records
    from .core.landscape.render_text import matrix_text

    trials, interventions = _selection(dataset, args.query)
    found = matrix.evidence_matrix(dataset, trials, args.sort, interventions)
    if args.format == "json":
        return to_json({"order": found.order, "cells": matrix.matrix_records(found)})
    if args.format == "md":
        return records.matrix_markdown(found)
    if args.format == "csv":
        return records.records_csv(records.matrix_csv_records(found)).rstrip("\n")
    return matrix_text(found, _width(args, out))


def _forest(args: argparse.Namespace, dataset: Dataset, out: Out) -> str:
    from .core.export import to_json
    from .core.landscape import forest, records
    from .core.landscape.render_text import forest_chart

    measure = forest.find_measure(dataset, args.measure)
    if measure is None:
        known = ", ".join(m.id for m in forest.forest_measures(dataset))
        raise Unknown(f"no measure matches {args.measure!r} (measures with outcomes: {known})")
    plot = forest.forest_plot(dataset, measure, _trials(dataset, args.query))
    if args.format == "json":
        return to_json(forest.forest_dict(plot))
    if args.format == "csv":
        return records.records_csv(forest.forest_records(plot)).rstrip("\n")
    chart = forest_chart(plot, _width(args, out))
    return _styled((*chart.header, *chart.lines), out)


def _timeline(args: argparse.Namespace, dataset: Dataset, out: Out) -> str:
    from .core.export import to_json
    from .core.landscape import records, timeline
    from .core.landscape.render_text import timeline_chart

    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError as error:
        raise Invalid(f"--today {args.today!r} is not a date (YYYY-MM-DD)") from error
    line = timeline.timeline(dataset, _trials(dataset, args.query), today=today, grouping=args.group)
    if args.format == "json":
        return to_json(
            {"today": today.isoformat(), "grouping": line.grouping, "trials": timeline.timeline_records(line)}
        )
    if args.format == "csv":
        return records.records_csv(timeline.timeline_records(line)).rstrip("\n")
    chart = timeline_chart(line, _width(args, out), f" ({today.isoformat()})")
    return _styled((*chart.header, *chart.lines), out)


RUNNERS: dict[str, Callable[[argparse.Namespace, Dataset, Out], str]] = {
    "table": _table,
    "matrix": _matrix,
    "forest": _forest,
    "timeline": _timeline,
}


def run(args: argparse.Namespace, dataset: Dataset, out: Out) -> int:
    print(RUNNERS[args.command](args, dataset, out))
    return 0
