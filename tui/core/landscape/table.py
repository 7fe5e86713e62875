"""The landscape's trials table: one row per trial, sortable by any column, filtered by the search language
and by facets (phase, status, result, mechanism, kind, measure) whose entries carry counts.

The query runs through the app's search (`SearchIndex.search(query + " type:trial", limit=None)`), so the
table understands every filter the search box does (`year:>2018 phase:2 n:>100 maxphase:<3` …). Facets
narrow further: values of one facet are alternatives, different facets must all hold, and each entry's
count is what the table would hold if that entry were added (the other facets applied, not its own).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .. import text, vocab
from ..model import Dataset, Trial, unique

if TYPE_CHECKING:
    from ..search.index import SearchIndex, SearchResult

NONE = "(none)"  # the facet value of a trial that has no value for that facet; never a vocabulary key
GAP = 2  # cells between two columns (DataTable's cell padding; two spaces in the text table)
# The order of results when sorting by result: best first.
RESULT_ORDER = ("yes", "mixed", "no", "ongoing", "not_reported")

Search = Callable[[str], "SearchResult"]
SortKey = tuple[Any, ...]
Chosen = tuple[tuple[str, str], ...]  # (facet, value) pairs toggled on, sorted: hashable, for reactives


@dataclass(frozen=True, slots=True)
class TrialRow:
    """What the table shows of one trial, computed once."""

    trial: Trial
    interventions: tuple[str, ...]  # names
    mechanisms: tuple[str, ...]  # mechanism group keys of its interventions
    kinds: tuple[str, ...]  # intervention kind keys
    measure_ids: tuple[str, ...]
    measure_labels: tuple[str, ...]
    n: int | None  # the headline count (as the n: filter uses)

    @property
    def id(self) -> str:
        return self.trial.id

    @property
    def label(self) -> str:
        return text.one_line(self.trial.label)


def trial_row(dataset: Dataset, trial: Trial) -> TrialRow:
    interventions = dataset.interventions_of(trial)
    measures = dataset.measures_of(trial)
    headline = trial.enrolment.headline
    return TrialRow(
        trial=trial,
        interventions=tuple(text.one_line(i.name) for i in interventions),
        mechanisms=unique(i.mechanism_group for i in interventions),
        kinds=unique(i.kind for i in interventions),
        measure_ids=tuple(m.id for m in measures),
        measure_labels=tuple(text.one_line(m.label) for m in measures),
        n=headline[1] if headline else None,
    )


def trial_rows(dataset: Dataset, trials: Iterable[Trial] | None = None) -> tuple[TrialRow, ...]:
    return tuple(trial_row(dataset, t) for t in (dataset.trials if trials is None else trials))


# Columns ------------------------------------------------------------------------------------------------


def years_text(trial: Trial) -> str:
    """'2014–2016', '2022–2027*' (* planned: the trial is still running), '?–?' when unknown."""
    start, end = trial.start_year, trial.end_year
    if start is None and end is None:
        return "?"
    shown = f"{start if start is not None else '?'}–{end if end is not None else '?'}"
    return shown + ("*" if trial.ongoing and end is not None else "")


def phase_key(phase: str | None) -> SortKey | None:
    """How far a phase got (a 1/2 trial sorts with phase 2), then the vocabulary's order; None if unknown."""
    if phase is None or phase not in vocab.PHASE_LEVEL:
        return None
    return (vocab.PHASE_LEVEL[phase], vocab.PHASE.rank(phase))


def _years_key(row: TrialRow) -> SortKey | None:
    start, end = row.trial.dates.start, row.trial.dates.end
    if start is None and end is None:
        return None
    return (start.fraction if start else float("inf"), end.fraction if end else float("inf"))


@dataclass(frozen=True)
class Column:
    """A column of the table: its heading, the text of a cell, how it sorts and how wide it may be."""

    key: str
    heading: str
    cell: Callable[[TrialRow], str]
    sort_key: Callable[[TrialRow], SortKey | None]  # None: unknown, listed last in either direction
    width: int  # wide enough to read: a column is shown only if every column before it gets this much
    max_width: int
    priority: int  # columns are dropped from the highest number down when the width runs short
    numeric: bool = False  # right-aligned


COLUMNS: tuple[Column, ...] = (
    Column("trial", "Trial", lambda r: r.label, lambda r: (r.label.casefold(),), 12, 24, 0),
    Column(
        "intervention",
        "Intervention",
        lambda r: "; ".join(r.interventions) or "?",
        lambda r: (r.interventions[0].casefold(),) if r.interventions else None,
        16,
        30,
        5,
    ),
    Column(
        "mechanism",
        "Mechanism",
        lambda r: "; ".join(vocab.MECHANISM_GROUP.label(m) for m in r.mechanisms) or "?",
        lambda r: (vocab.MECHANISM_GROUP.rank(r.mechanisms[0]),) if r.mechanisms else None,
        18,
        34,
        8,
    ),
    Column("phase", "Phase", lambda r: text.short_phase(r.trial.phase), lambda r: phase_key(r.trial.phase), 5, 5, 1),
    Column(
        "n",
        "n",
        lambda r: f"{r.n:,}" if r.n is not None else "?",
        lambda r: (r.n,) if r.n is not None else None,
        5,
        7,
        3,
        numeric=True,
    ),
    Column("years", "Start–end", lambda r: years_text(r.trial), _years_key, 11, 11, 4),
    Column(
        "status",
        "Status",
        lambda r: text.status(r.trial.status),
        lambda r: (vocab.STATUS.rank(r.trial.status),),
        12,
        22,
        6,
    ),
    Column(
        "result",
        "Result",
        lambda r: text.verdict(r.trial.verdict),
        lambda r: (RESULT_ORDER.index(r.trial.verdict) if r.trial.verdict in RESULT_ORDER else len(RESULT_ORDER),),
        9,
        14,
        2,
    ),
    Column(
        "measures",
        "Measures",
        lambda r: ", ".join(r.measure_labels) or "none",
        lambda r: (-len(r.measure_ids), ", ".join(r.measure_labels).casefold()) if r.measure_ids else None,
        14,
        40,
        7,
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}
SORT_KEYS = tuple(BY_KEY)
DEFAULT_SORT = "years"


def sort_rows(rows: Iterable[TrialRow], column: str = DEFAULT_SORT, descending: bool = False) -> tuple[TrialRow, ...]:
    """Rows ordered by a column (ties by trial name); rows whose value is unknown come last either way."""
    spec = BY_KEY[column]
    known: list[tuple[SortKey, TrialRow]] = []
    unknown: list[TrialRow] = []
    for row in sorted(rows, key=lambda r: (r.label.casefold(), r.id)):
        key = spec.sort_key(row)
        if key is None:
            unknown.append(row)
        else:
            known.append((key, row))
    known.sort(key=lambda pair: pair[0], reverse=descending)  # stable: ties stay in name order
    return (*(row for _, row in known), *unknown)


def next_sort(column: str, step: int = 1) -> str:
    """The column `step` places after `column`, wrapping around."""
    index = SORT_KEYS.index(column) if column in SORT_KEYS else 0
    return SORT_KEYS[(index + step) % len(SORT_KEYS)]


def fit_columns(width: int, gap: int = GAP) -> tuple[tuple[Column, int], ...]:
    """The columns that fit in `width` cells and their widths, in table order.

    Columns are taken by priority while each gets its readable width (the trial's name always, cut to
    the room there is), then the room left is shared out a cell at a time, up to each one's widest."""
    by_priority = sorted(COLUMNS, key=lambda c: c.priority)
    first = by_priority[0]
    chosen: dict[str, int] = {first.key: max(4, min(first.width, width - gap))}
    used = chosen[first.key] + gap
    for column in by_priority[1:]:
        if used + column.width + gap > width:
            break
        chosen[column.key] = column.width
        used += column.width + gap
    room = max(0, width - used)
    growing = [c for c in by_priority if c.key in chosen]
    while room > 0 and growing:  # one cell at a time to each column that can still grow, by priority
        growing = [c for c in growing if chosen[c.key] < c.max_width]
        for column in growing[:room]:
            chosen[column.key] += 1
            room -= 1
    return tuple((column, chosen[column.key]) for column in COLUMNS if column.key in chosen)


# Facets -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facet:
    """A way to narrow the table: the values a row has (several for combinations) and how they read."""

    name: str
    title: str
    values: Callable[[TrialRow], tuple[str, ...]]
    label: Callable[[Dataset, str], str]
    order: Callable[[Dataset, str], int]


def _one(value: str | None) -> tuple[str, ...]:
    return (value if value is not None else NONE,)


def _measure_label(dataset: Dataset, value: str) -> str:
    measure = dataset.measure(value)
    return text.one_line(measure.label) if measure else value


def _measure_order(dataset: Dataset, value: str) -> int:
    ids = [m.id for m in dataset.measures]
    return ids.index(value) if value in ids else len(ids)


def _vocabulary_facet(
    name: str, title: str, values: Callable[[TrialRow], tuple[str, ...]], words: vocab.Vocabulary
) -> Facet:
    return Facet(name, title, values, lambda d, v: words.label(v), lambda d, v: words.rank(v))


FACETS: tuple[Facet, ...] = (
    Facet(
        "phase",
        "Phase",
        lambda r: _one(r.trial.phase),
        lambda d, v: text.phase(v),
        lambda d, v: vocab.PHASE.rank(v),
    ),
    _vocabulary_facet("status", "Status", lambda r: (r.trial.status,), vocab.STATUS),
    Facet(
        "result",
        "Result",
        lambda r: (r.trial.verdict,),
        lambda d, v: text.verdict(v),
        lambda d, v: RESULT_ORDER.index(v) if v in RESULT_ORDER else len(RESULT_ORDER),
    ),
    _vocabulary_facet("mechanism", "Mechanism", lambda r: r.mechanisms or (NONE,), vocab.MECHANISM_GROUP),
    _vocabulary_facet("kind", "Intervention kind", lambda r: r.kinds or (NONE,), vocab.INTERVENTION_KIND),
    Facet("measure", "Measure", lambda r: r.measure_ids or (NONE,), _measure_label, _measure_order),
)
FACET_BY_NAME = {facet.name: facet for facet in FACETS}


def facet_label(dataset: Dataset, facet: str, value: str) -> str:
    """The words for a facet value; the empty bucket reads 'not reported' (or 'none' for measures)."""
    if value == NONE:
        return "no measures" if facet == "measure" else text.NOT_REPORTED
    return FACET_BY_NAME[facet].label(dataset, value)


@dataclass(frozen=True, slots=True)
class FacetEntry:
    value: str
    label: str
    count: int  # rows the table would hold with this entry on (the other facets applied)
    chosen: bool


@dataclass(frozen=True, slots=True)
class FacetGroup:
    name: str
    title: str
    entries: tuple[FacetEntry, ...]


def toggled(chosen: Chosen, facet: str, value: str) -> Chosen:
    """The chosen entries with (facet, value) switched on or off."""
    pair = (facet, value)
    pairs = set(chosen)
    pairs.symmetric_difference_update({pair})
    return tuple(sorted(pairs))


def by_facet(chosen: Chosen) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for facet, value in chosen:
        found.setdefault(facet, set()).add(value)
    return found


def apply_facets(rows: Iterable[TrialRow], chosen: Chosen, leave_out: str | None = None) -> tuple[TrialRow, ...]:
    """Rows that have one of the chosen values of every facet with a choice (except `leave_out`)."""
    wanted = {name: values for name, values in by_facet(chosen).items() if name != leave_out and name in FACET_BY_NAME}
    return tuple(
        row for row in rows if all(values & set(FACET_BY_NAME[name].values(row)) for name, values in wanted.items())
    )


def facet_groups(dataset: Dataset, rows: Sequence[TrialRow], chosen: Chosen) -> tuple[FacetGroup, ...]:
    """Every facet with an entry for each value the query's rows have (and each chosen one), with counts."""
    selected = by_facet(chosen)
    groups = []
    for facet in FACETS:
        pool = apply_facets(rows, chosen, leave_out=facet.name)
        counts: dict[str, int] = {}
        for row in pool:
            for value in unique(facet.values(row)):
                counts[value] = counts.get(value, 0) + 1
        values = set(counts) | {v for r in rows for v in facet.values(r)} | selected.get(facet.name, set())
        ordered = sorted(values, key=lambda v: (v == NONE, facet.order(dataset, v), v))
        entries = tuple(
            FacetEntry(v, facet_label(dataset, facet.name, v), counts.get(v, 0), v in selected.get(facet.name, set()))
            for v in ordered
        )
        groups.append(FacetGroup(facet.name, facet.title, entries))
    return tuple(groups)


def parse_facet(dataset: Dataset, spec: str) -> tuple[str, str]:
    """'phase=2', 'mechanism=metabolic', 'measure=VEP' -> (facet, value); ValueError saying what is known."""
    name, _, wanted = spec.partition("=")
    name, wanted = name.strip().casefold(), wanted.strip()
    facet = FACET_BY_NAME.get(name)
    if facet is None or not wanted:
        raise ValueError(f"facet {spec!r}: give NAME=VALUE with NAME one of {', '.join(FACET_BY_NAME)}")
    rows = trial_rows(dataset)
    values = unique(v for r in rows for v in facet.values(r))
    for value in values:
        if wanted.casefold() in (value.casefold(), facet_label(dataset, name, value).casefold()):
            return name, value
    known = ", ".join(values)
    raise ValueError(f"facet {name}: no value {wanted!r} in this dataset (known: {known})")


# The table as a whole ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableView:
    """The table for a query, chosen facets and sort: its rows, the facet counts, the query's problems."""

    query: str
    chosen: Chosen
    sort: str
    descending: bool
    matched: tuple[TrialRow, ...]  # trials the query selects, before the facets
    rows: tuple[TrialRow, ...]  # what the table shows, sorted
    facets: tuple[FacetGroup, ...]
    total: int  # trials in the dataset
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    # The interventions the query itself selects (maxphase:<3, kind:antibody, a name), or None when it
    # selects none: the matrix then shows only those rows, not the partners of combination trials.
    interventions: frozenset[str] | None = None

    @property
    def trials(self) -> tuple[Trial, ...]:
        return tuple(row.trial for row in self.rows)


def index_search(index: SearchIndex) -> Search:
    """A `Search` over every match of an index (no limit)."""
    return lambda query: index.search(query, limit=None)


def query_trials(
    dataset: Dataset, query: str, search: Search | None
) -> tuple[tuple[Trial, ...], tuple[str, ...], tuple[str, ...]]:
    """The trials a query selects (all for an empty query), in dataset order, with its errors and warnings."""
    if not query.strip():
        return dataset.trials, (), ()
    if search is None:
        raise ValueError("a query needs a search")
    result = search(f"{query} type:trial")
    if result.errors:
        return (), result.errors, result.warnings
    found = {hit.id for hit in result.hits if hit.kind == "trial"}
    return tuple(t for t in dataset.trials if t.id in found), (), result.warnings


# How an intervention must match to count as chosen by the query: by name (not a word of its summary),
# or by filters alone (maxphase:, kind:), which list records under "title".
NAMED_FIELDS = frozenset({"name", "alias", "id", "title"})


def query_interventions(query: str, search: Search | None) -> frozenset[str] | None:
    """The interventions a query names or filters itself, or None when it selects none (or is empty)."""
    if not query.strip() or search is None:
        return None
    result = search(f"{query} type:intervention")
    found = frozenset(hit.id for hit in result.hits if hit.kind == "intervention" and hit.field in NAMED_FIELDS)
    return found if found and not result.errors else None


def table_view(
    dataset: Dataset,
    query: str = "",
    chosen: Chosen = (),
    sort: str = DEFAULT_SORT,
    descending: bool = False,
    search: Search | None = None,
) -> TableView:
    trials, errors, warnings = query_trials(dataset, query, search)
    matched = trial_rows(dataset, trials)
    rows = sort_rows(apply_facets(matched, chosen), sort, descending)
    return TableView(
        query=query,
        chosen=chosen,
        sort=sort,
        descending=descending,
        matched=matched,
        rows=rows,
        facets=facet_groups(dataset, matched, chosen),
        total=len(dataset.trials),
        errors=errors,
        warnings=warnings,
        interventions=None if errors else query_interventions(query, search),
    )


def resorted(view: TableView, sort: str, descending: bool) -> TableView:
    """The same table in another order (no new search)."""
    return replace(view, sort=sort, descending=descending, rows=sort_rows(view.rows, sort, descending))


# Exports ------------------------------------------------------------------------------------------------


def description(view: TableView) -> str:
    """'4 of 11 trials · query "phase:2" · phase = Phase 2 · sorted by Start–end ▲'."""
    parts = [f"{len(view.rows):,} of {text.count(view.total, 'trial')}"]
    if view.query.strip():
        parts.append(f"query {text.one_line(view.query)!r}")
    for group in view.facets:
        chosen = [entry.label for entry in group.entries if entry.chosen]
        if chosen:
            parts.append(f"{group.title}: {' or '.join(chosen)}")
    parts.append(f"sorted by {BY_KEY[view.sort].heading} {'▼' if view.descending else '▲'}")
    return " · ".join(parts)


def rows_markdown(view: TableView) -> str:
    """The visible rows as a Markdown table with every column, under a line saying what was selected."""
    from .. import compare  # imported when used: the command line builds its parser from this module

    header = "| " + " | ".join(column.heading for column in COLUMNS) + " |"
    rule = "| " + " | ".join("---:" if column.numeric else "---" for column in COLUMNS) + " |"
    lines = [compare.markdown_cell(description(view)), "", header, rule]
    for row in view.rows:
        lines.append("| " + " | ".join(compare.markdown_cell(column.cell(row)) for column in COLUMNS) + " |")
    return "\n".join(lines)


def row_dict(row: TrialRow) -> dict[str, Any]:
    trial = row.trial
    return {
        "id": trial.id,
        "label": row.label,
        "registry_ids": list(trial.registry_ids),
        "interventions": list(row.interventions),
        "mechanisms": list(row.mechanisms),
        "phase": trial.phase,
        "n": row.n,
        "start": str(trial.dates.start) if trial.dates.start else None,
        "end": str(trial.dates.end) if trial.dates.end else None,
        "ongoing": trial.ongoing,
        "status": trial.status,
        "primary_outcome_met": trial.verdict,
        "measures": list(row.measure_ids),
    }


def rows_dict(view: TableView) -> dict[str, Any]:
    return {
        "query": view.query,
        "facets": {facet: sorted(values) for facet, values in by_facet(view.chosen).items()},
        "sort": view.sort,
        "descending": view.descending,
        "total": view.total,
        "shown": len(view.rows),
        "rows": [row_dict(row) for row in view.rows],
    }


def rows_csv(dataset: Dataset, view: TableView) -> str:
    """The visible rows as the CSV export (every column of the field table), in the table's order."""
    from .. import export  # imported when used, like compare

    return export.trials_csv(dataset, view.trials)


def chosen_from(pairs: Mapping[str, Iterable[str]]) -> Chosen:
    return tuple(sorted((facet, value) for facet, values in pairs.items() for value in values))
