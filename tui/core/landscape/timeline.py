"""The timeline: trials as bars from start to (actual or planned) end, by year, grouped by mechanism or phase.

"Today" is passed in (never read from the clock here), so the same data always draws the same chart. A
running trial's bar goes to its planned end (or to today, open-ended, when none is known); a finished
trial whose end is not known is drawn as its start alone. Trials without a start are listed, not drawn.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .. import text, vocab
from ..model import Dataset, Trial
from .axis import LINEAR, Axis

GROUPINGS = ("mechanism", "phase")
GROUPING_TITLES = {"mechanism": "mechanism", "phase": "phase"}
DEFAULT_GROUPING = "mechanism"
NONE = "(none)"
YEAR_STEPS = (1, 2, 5, 10, 20, 50)


def year_fraction(day: date) -> float:
    """A date as a fractional year (2026-01-15 -> 2026.04)."""
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


@dataclass(frozen=True, slots=True)
class Bar:
    """One trial on the timeline."""

    trial: Trial
    start: float  # fractional years
    end: float | None  # None: a finished trial whose end is not known
    open_end: bool  # running with no end known: drawn to today

    @property
    def ongoing(self) -> bool:
        return self.trial.ongoing

    @property
    def label(self) -> str:
        """'ORION P2'."""
        return f"{text.one_line(self.trial.label)} {text.short_phase(self.trial.phase)}"


@dataclass(frozen=True, slots=True)
class TimelineGroup:
    key: str
    title: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    groups: tuple[TimelineGroup, ...]
    first_year: int
    last_year: int  # inclusive
    today: float
    undated: tuple[Trial, ...]
    grouping: str

    @property
    def axis(self) -> Axis:
        """Years as a linear axis from 1 January of the first year to 31 December of the last."""
        return Axis(float(self.first_year), float(self.last_year + 1), LINEAR)

    @property
    def bars(self) -> tuple[Bar, ...]:
        return tuple(bar for group in self.groups for bar in group.bars)


def _bar(trial: Trial, today: float) -> Bar | None:
    start = trial.dates.start
    if start is None:
        return None
    end = trial.dates.end
    if end is not None:
        return Bar(trial, start.fraction, max(end.fraction, start.fraction), open_end=False)
    if trial.ongoing:
        return Bar(trial, start.fraction, max(today, start.fraction), open_end=True)
    return Bar(trial, start.fraction, None, open_end=False)


def _group_of(dataset: Dataset, trial: Trial, grouping: str) -> tuple[str, str, int]:
    """(key, title, rank) of the group a trial goes in: its first intervention's mechanism, or its phase."""
    if grouping == "phase":
        if trial.phase is None:
            return NONE, "Phase not reported", len(vocab.PHASE.values)
        return trial.phase, text.phase(trial.phase), vocab.PHASE.rank(trial.phase)
    interventions = dataset.interventions_of(trial)
    if not interventions:
        return NONE, "Mechanism not reported", len(vocab.MECHANISM_GROUP.values)
    key = interventions[0].mechanism_group
    return key, vocab.MECHANISM_GROUP.label(key), vocab.MECHANISM_GROUP.rank(key)


def timeline(
    dataset: Dataset, trials: Iterable[Trial] | None = None, *, today: date, grouping: str = DEFAULT_GROUPING
) -> Timeline:
    """The timeline of `trials` (all by default); years span every bar and today."""
    if grouping not in GROUPINGS:
        raise ValueError(f"unknown grouping {grouping!r}: one of {', '.join(GROUPINGS)}")
    now = year_fraction(today)
    groups: dict[str, tuple[str, int, list[Bar]]] = {}
    undated = []
    for trial in dataset.trials if trials is None else trials:
        bar = _bar(trial, now)
        if bar is None:
            undated.append(trial)
            continue
        key, title, rank = _group_of(dataset, trial, grouping)
        groups.setdefault(key, (title, rank, []))[2].append(bar)
    bars = [bar for _, _, found in groups.values() for bar in found]
    years = [math.floor(bar.start) for bar in bars]
    years += [math.floor(bar.end) for bar in bars if bar.end is not None]
    years.append(today.year)
    ordered = sorted(groups.items(), key=lambda item: (item[1][1], item[0]))
    return Timeline(
        groups=tuple(
            TimelineGroup(key, title, tuple(sorted(found, key=lambda b: (b.start, b.trial.label.casefold()))))
            for key, (title, _, found) in ordered
        ),
        first_year=min(years),
        last_year=max(years),
        today=now,
        undated=tuple(sorted(undated, key=lambda t: t.label.casefold())),
        grouping=grouping,
    )


def next_grouping(grouping: str, step: int = 1) -> str:
    index = GROUPINGS.index(grouping) if grouping in GROUPINGS else 0
    return GROUPINGS[(index + step) % len(GROUPINGS)]


def year_ticks(first: int, last: int, width: int) -> tuple[tuple[int, str], ...]:
    """(cell, year) of the years labelled on a ruler of `width` cells: every 1, 2, 5, 10… years, the
    smallest step whose four-digit labels (and a space) do not touch."""
    axis = Axis(float(first), float(last + 1), LINEAR)
    years = last + 1 - first
    for step in YEAR_STEPS:
        if (width - 1) * step / years >= 6 or step == YEAR_STEPS[-1]:  # ≥ 5 cells apart after rounding
            break
    start = math.ceil(first / step) * step
    placed = []
    for year in range(start, last + 1, step):
        column = axis.column(float(year), width)
        if column is not None and column + 4 <= width:
            placed.append((column, str(year)))
    return tuple(placed)


def bar_cells(bar: Bar, axis: Axis, width: int) -> tuple[int, int]:
    """The first and last cell of a bar (the same cell for a start alone)."""
    start = axis.column(bar.start, width)
    start = 0 if start is None else start
    if bar.end is None:
        return start, start
    end = axis.column(bar.end, width)
    end = width - 1 if end is None else end
    return start, max(start, end)


def timeline_records(line: Timeline) -> list[dict[str, Any]]:
    """One object per trial (drawn or not), for JSON and CSV."""
    records = []
    for group in line.groups:
        for bar in group.bars:
            trial = bar.trial
            records.append(
                {
                    "group": group.key,
                    "group_title": group.title,
                    "trial": trial.id,
                    "label": trial.label,
                    "phase": trial.phase,
                    "status": trial.status,
                    "ongoing": trial.ongoing,
                    "start": str(trial.dates.start) if trial.dates.start else None,
                    "end": str(trial.dates.end) if trial.dates.end else None,
                    "end_planned": trial.ongoing and trial.dates.end is not None,
                    "primary_outcome_met": trial.verdict,
                }
            )
    for trial in line.undated:
        records.append(
            {
                "group": None,
                "group_title": None,
                "trial": trial.id,
                "label": trial.label,
                "phase": trial.phase,
                "status": trial.status,
                "ongoing": trial.ongoing,
                "start": None,
                "end": str(trial.dates.end) if trial.dates.end else None,
                "end_planned": trial.ongoing and trial.dates.end is not None,
                "primary_outcome_met": trial.verdict,
            }
        )
    return records
