"""Forest plots: each trial's reported effect on one measure, as a point with its interval on a shared axis.

Effects of different estimate types or units never share an axis: each (estimate type, unit) is a panel of
its own (a mean difference in ms, one in ms per eye, an odds ratio…), ratios on a log scale. Nothing is
pooled. Outcomes on the measure without an estimate, and trials that used the measure without a recorded
outcome on it, are listed with their verdict rather than left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .. import effects, text, vocab
from ..model import Dataset, Effect, Measure, Outcome, Trial
from ..search.normalise import squashed
from .axis import LINEAR, LOG, Axis, axis_range

KIND_TAGS = {"primary": "1°", "secondary": "2°", "exploratory": "3°"}
NOTHING_POOLED = "One line per reported estimate and its interval; nothing is pooled."


@dataclass(frozen=True, slots=True)
class ForestRow:
    """One outcome's reported estimate."""

    trial: Trial
    outcome: Outcome
    effect: Effect
    n: int | None  # analysed for this estimate, else the trial's participants

    @property
    def label(self) -> str:
        """'1° ORION n=50 5 months'."""
        n = f"n={self.n:,}" if self.n is not None else "n=?"
        parts = [KIND_TAGS.get(self.outcome.kind, "?"), text.one_line(self.trial.label), n]
        if self.outcome.time_point:
            parts.append(text.one_line(self.outcome.time_point))
        return " ".join(parts)

    @property
    def value(self) -> str:
        """'−1.7 (−2.9 to −0.5)', the interval left out when not reported."""
        effect = self.effect
        shown = text.signed(effect.estimate, 4)
        if effect.ci_low is not None and effect.ci_high is not None:
            shown += f" ({text.signed(effect.ci_low, 4)} to {text.signed(effect.ci_high, 4)})"
        return shown


@dataclass(frozen=True, slots=True)
class Panel:
    """The rows that share one axis: same estimate type, same unit."""

    estimate_type: str
    unit: str | None
    rows: tuple[ForestRow, ...]
    axis: Axis

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.estimate_type, self.unit)

    @property
    def ratio(self) -> bool:
        return self.estimate_type in vocab.RATIO_ESTIMATES

    @property
    def no_effect(self) -> float:
        return 1.0 if self.ratio else 0.0

    @property
    def title(self) -> str:
        """'Mean difference, ms', 'Odds ratio (log scale)'."""
        name = vocab.ESTIMATE_TYPE.label(self.estimate_type)
        name = name[:1].upper() + name[1:]
        unit = f", {text.one_line(self.unit)}" if self.unit else ""
        return f"{name}{unit}" + (" (log scale)" if self.ratio else "")

    @property
    def favours(self) -> str | None:
        """'lower' or 'higher' when every row says the same; None when any differs or is unknown."""
        found = {row.effect.favours for row in self.rows}
        return found.pop() if len(found) == 1 else None

    @property
    def ci_levels(self) -> tuple[float, ...]:
        return tuple(sorted({row.effect.ci_level for row in self.rows if row.effect.ci_low is not None}))


@dataclass(frozen=True, slots=True)
class Unplotted:
    """An outcome on the measure without an estimate, or (outcome None) a trial that used the measure
    without a recorded outcome on it."""

    trial: Trial
    outcome: Outcome | None

    @property
    def verdict(self) -> str:
        """'✗ not met', '○ ongoing', '? not reported', 'descriptive'."""
        if self.outcome is None:
            return text.verdict("ongoing" if self.trial.ongoing else "not_reported")
        met = self.outcome.met
        if met == "not_reported" and self.trial.ongoing:
            return text.verdict("ongoing")
        if met == "not_applicable":
            return "descriptive (no hypothesis tested)"
        return text.verdict(met)

    @property
    def result(self) -> str:
        """The verdict's key for styling ('yes', 'no', 'mixed', 'ongoing', 'not_reported')."""
        if self.outcome is None or (self.outcome.met == "not_reported" and self.trial.ongoing):
            return "ongoing" if self.trial.ongoing else "not_reported"
        return self.outcome.met if self.outcome.met in ("yes", "no", "mixed") else "not_reported"

    @property
    def label(self) -> str:
        """'2° MSCIMS'."""
        tag = KIND_TAGS.get(self.outcome.kind, "?") + " " if self.outcome else ""
        return f"{tag}{text.one_line(self.trial.label)}"

    @property
    def detail(self) -> str:
        """What the outcome was and how it was reported instead of an estimate."""
        if self.outcome is None:
            return "used this measure; no outcome on it recorded"
        note = self.outcome.estimate_note
        described = text.one_line(self.outcome.description).rstrip(".")
        return f"{described}; {text.one_line(note)}" if note else f"{described}; no estimate reported"


@dataclass(frozen=True, slots=True)
class ForestPlot:
    measure: Measure
    panels: tuple[Panel, ...]
    unplotted: tuple[Unplotted, ...]

    @property
    def rows(self) -> tuple[ForestRow, ...]:
        return tuple(row for panel in self.panels for row in panel.rows)


def _n(trial: Trial, effect: Effect) -> int | None:
    if effect.n_analysed is not None:
        return effect.n_analysed
    return trial.enrolment.participants


def _trial_order(trial: Trial) -> tuple[float, str]:
    start = trial.dates.start
    return (start.fraction if start else float("inf"), trial.label.casefold())


def panel_axis(rows: Iterable[ForestRow], ratio: bool) -> Axis:
    """The axis of a panel: every point and the no-effect value, intervals unless far beyond them."""
    found = list(rows)
    points = [row.effect.estimate for row in found] + [1.0 if ratio else 0.0]
    lows = [row.effect.ci_low for row in found if row.effect.ci_low is not None]
    highs = [row.effect.ci_high for row in found if row.effect.ci_high is not None]
    return axis_range(points, lows, highs, LOG if ratio else LINEAR)


def forest_plot(dataset: Dataset, measure: Measure, trials: Iterable[Trial] | None = None) -> ForestPlot:
    """The plot of one measure over `trials` (all by default)."""
    shown = sorted(dataset.trials if trials is None else trials, key=_trial_order)
    grouped: dict[tuple[str, str | None], list[ForestRow]] = {}
    unplotted: list[Unplotted] = []
    for trial in shown:
        outcomes = [o for o in trial.outcomes if o.measure == measure.id]
        if not outcomes and measure.id in trial.measures:
            unplotted.append(Unplotted(trial, None))
        for outcome in outcomes:
            effect = outcome.result
            if effect is None or (effect.is_ratio and effect.estimate <= 0):
                unplotted.append(Unplotted(trial, outcome))
                continue
            key = (effect.estimate_type, text.one_line(effect.unit) if effect.unit else None)
            grouped.setdefault(key, []).append(ForestRow(trial, outcome, effect, _n(trial, effect)))
    panels = [
        Panel(estimate_type, unit, tuple(rows), panel_axis(rows, estimate_type in vocab.RATIO_ESTIMATES))
        for (estimate_type, unit), rows in grouped.items()
    ]
    panels.sort(key=lambda p: (-len(p.rows), vocab.ESTIMATE_TYPE.rank(p.estimate_type), p.unit or ""))
    return ForestPlot(measure, tuple(panels), tuple(unplotted))


def forest_measures(dataset: Dataset, trials: Iterable[Trial] | None = None) -> tuple[Measure, ...]:
    """Measures that some of `trials` has an outcome on (or used), most estimates first, then in dataset order."""
    shown = tuple(dataset.trials if trials is None else trials)
    estimates: dict[str, int] = {}
    for trial in shown:
        for measure_id in (*trial.measures, *(o.measure for o in trial.outcomes if o.measure)):
            estimates.setdefault(measure_id, 0)
        for outcome in trial.outcomes:
            if outcome.measure and outcome.result is not None:
                estimates[outcome.measure] += 1
    found = [m for m in dataset.measures if m.id in estimates]
    return tuple(sorted(found, key=lambda m: -estimates[m.id]))


def find_measure(dataset: Dataset, name: str) -> Measure | None:
    """A measure by id, abbreviation, name or alias, ignoring case and punctuation ('vep', 'P100 latency')."""
    wanted = squashed(name)
    for measure in dataset.measures:
        names = (measure.id, measure.abbreviation, measure.name, *measure.aliases)
        if any(n and squashed(n) == wanted for n in names):
            return measure
    return None


def _effect_record(row: ForestRow) -> dict[str, Any]:
    effect = row.effect
    return {
        "estimate": effect.estimate,
        "ci_low": effect.ci_low,
        "ci_high": effect.ci_high,
        "ci_level": effect.ci_level,
        "p_value": effects.p_value(effect.p_value),
        "favours": effect.favours,
    }


def forest_records(plot: ForestPlot) -> list[dict[str, Any]]:
    """The plot's data, one object per line (plotted or not), for JSON and CSV."""
    records = []
    for panel in plot.panels:
        for row in panel.rows:
            records.append(
                {
                    "measure": plot.measure.id,
                    "estimate_type": panel.estimate_type,
                    "unit": panel.unit,
                    "scale": panel.axis.scale,
                    "trial": row.trial.id,
                    "label": row.trial.label,
                    "outcome_kind": row.outcome.kind,
                    "description": row.outcome.description,
                    "time_point": row.outcome.time_point,
                    "n": row.n,
                    "met": row.outcome.met,
                    **_effect_record(row),
                    "plotted": True,
                    "note": None,
                }
            )
    for entry in plot.unplotted:
        outcome = entry.outcome
        records.append(
            {
                "measure": plot.measure.id,
                "estimate_type": None,
                "unit": None,
                "scale": None,
                "trial": entry.trial.id,
                "label": entry.trial.label,
                "outcome_kind": outcome.kind if outcome else None,
                "description": outcome.description if outcome else None,
                "time_point": outcome.time_point if outcome else None,
                "n": entry.trial.enrolment.participants,
                "met": outcome.met if outcome else None,
                "estimate": None,
                "ci_low": None,
                "ci_high": None,
                "ci_level": None,
                "p_value": None,
                "favours": None,
                "plotted": False,
                "note": f"{entry.verdict}; {entry.detail}",
            }
        )
    return records


def forest_dict(plot: ForestPlot) -> dict[str, Any]:
    return {
        "measure": {"id": plot.measure.id, "label": plot.measure.label, "name": plot.measure.name},
        "pooled": False,
        "note": NOTHING_POOLED,
        "panels": [
            {
                "estimate_type": panel.estimate_type,
                "unit": panel.unit,
                "scale": panel.axis.scale,
                "axis": {"low": panel.axis.low, "high": panel.axis.high},
                "no_effect": panel.no_effect,
                "favours": panel.favours,
            }
            for panel in plot.panels
        ],
        "rows": forest_records(plot),
    }
