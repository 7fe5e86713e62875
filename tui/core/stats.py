"""Counts of the dataset as Markdown tables: by kind, phase and result, and how well it is cited and structured.

data/README.md embeds this output between `stats` markers; a test keeps the two equal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from . import model, text, vocab
from .vocab import Vocabulary


def _table(title: str, counts: Iterable[tuple[str, int | str]]) -> list[str]:
    lines = [f"| {title} | count |", "|---|---:|"]
    lines += [f"| {name} | {count} |" for name, count in counts]
    return lines


def _ordered(
    counter: Counter[str], vocabulary: Vocabulary, shown: dict[str, str] | None = None
) -> list[tuple[str, int]]:
    keys = [*vocabulary.values, "unknown"]
    labels = {**vocabulary.labels, **(shown or {}), "unknown": text.NOT_REPORTED}
    return [(labels[key], counter[key]) for key in keys if counter[key]]


def evidence_counts(dataset: model.Dataset) -> list[tuple[str, int | str]]:
    """How many trials carry each kind of structured evidence and citation."""
    trials = dataset.trials

    def share(count: int) -> str:
        return f"{count} of {len(trials)}"

    registry_ids = [(t, rid) for t in trials for rid in t.registry_ids]
    official = sum(
        1 for t, rid in registry_ids if any(s.kind == "registry" and s.registry_id == rid for s in t.sources)
    )
    with_doi = sum(1 for t in trials if any(p.doi or p.pmid for p in t.publications))
    return [
        ("trials with arms and doses", share(sum(1 for t in trials if t.arms))),
        (
            "trials with a structured effect (estimate)",
            share(sum(1 for t in trials if any(o.result for o in t.outcomes))),
        ),
        ("trials with adverse events by arm", share(sum(1 for t in trials if t.adverse_events))),
        ("trials with a publication DOI or PMID", share(with_doi)),
        ("trials linked to related trials", share(sum(1 for t in trials if t.id in dataset.links_of))),
        ("registry ids cited by their official registry record", f"{official} of {len(registry_ids)}"),
    ]


def stats_markdown(dataset: model.Dataset) -> str:
    kinds = Counter(i.kind for i in dataset.interventions)
    phases = Counter(t.phase or "unknown" for t in dataset.trials)
    results = Counter(t.verdict for t in dataset.trials)
    counts = dataset.counts()
    lines = [
        (
            f"{counts['trials']} trials, {counts['interventions']} interventions, {counts['measures']} measures "
            f"(version {text.one_line(dataset.info.version)})."
        ),
        "",
    ]
    lines += _table("Intervention kind", _ordered(kinds, vocab.INTERVENTION_KIND))
    lines.append("")
    lines += _table("Trial phase", _ordered(phases, vocab.PHASE))
    lines.append("")
    verdicts = {key: text.verdict(key) for key in vocab.VERDICT.values}
    lines += _table("Primary outcome met", _ordered(results, vocab.VERDICT, verdicts))
    lines.append("")
    lines += _table("Evidence and citations", evidence_counts(dataset))
    return "\n".join(lines)
