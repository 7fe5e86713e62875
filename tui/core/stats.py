"""Counts of the dataset by intervention kind, phase and result, as Markdown tables.

data/README.md embeds this output between `stats` markers; a test keeps the two equal.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from . import model, text


def _table(title: str, counts: Iterable[tuple[str, int]]) -> list[str]:
    lines = [f"| {title} | count |", "|---|---:|"]
    lines += [f"| {name} | {count} |" for name, count in counts]
    return lines


def _ordered(counter: Counter[str], order: Iterable[str], labels: dict[str, str]) -> list[tuple[str, int]]:
    return [(labels.get(key, key), counter[key]) for key in order if counter[key]]


def stats_markdown(dataset: model.Dataset) -> str:
    kinds = Counter(i.kind for i in dataset.interventions)
    phases = Counter(t.phase or "unknown" for t in dataset.trials)
    results = Counter(t.primary_outcome_met for t in dataset.trials)
    phase_labels = {**text.PHASE_LABELS, "unknown": text.NOT_REPORTED}
    result_labels = {k: text.outcome(k) for k in model.OUTCOME_MET}
    counts = dataset.counts()
    lines = [
        f"{counts['trials']} trials, {counts['interventions']} interventions, {counts['measures']} measures "
        f"(version {dataset.info.version}).",
        "",
    ]
    lines += _table("Intervention kind", _ordered(kinds, model.INTERVENTION_KINDS, text.KIND_LABELS))
    lines.append("")
    lines += _table("Trial phase", _ordered(phases, (*model.PHASES, "unknown"), phase_labels))
    lines.append("")
    lines += _table("Primary outcome met", _ordered(results, model.OUTCOME_MET, result_labels))
    return "\n".join(lines)
