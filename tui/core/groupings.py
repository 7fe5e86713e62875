"""The catalog's groupings as plain data: which groups exist, what is in each, in which order.

Pure Python (no Textual): a grouping turns a Dataset into a tuple of `Branch` trees, which the catalog
widget turns into tree nodes lazily. Every grouping holds every trial (unknown values get a "not reported"
group), so a trial can always be selected; interventions appear only in the mechanism and kind groupings
and measures only in the measure grouping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import text, vocab
from .model import Dataset, Intervention, Measure, Record, Trial
from .vocab import Vocabulary

# The groupings of the catalog tree, in the order `v` cycles through them and keys 1..7 select them.
GROUPING_TITLES = {
    "mechanism": "mechanism",
    "kind": "intervention kind",
    "measure": "outcome measure",
    "phase": "phase",
    "result": "result",
    "status": "status",
    "year": "start year",
}
GROUPINGS = tuple(GROUPING_TITLES)
DEFAULT_GROUPING = "mechanism"
NO_KEY = "(none)"  # the key of a "not reported" bucket; never a valid id or enumerated value


@dataclass(frozen=True, slots=True)
class Branch:
    """A node of the catalog: a group of records, or a record with the records under it."""

    key: str  # unique among its siblings; a path of keys finds a node again after a rebuild
    record: Record | None  # None for a group
    title: str  # the group's title (records are labelled from the record itself)
    heading: str  # what the group groups by, e.g. "Mechanism group"; "" for records
    children: tuple[Branch, ...] = ()
    # Distinct trials in this branch (itself included), in tree order. Computed once, bottom-up, as
    # labels and summaries ask for it often.
    trials: tuple[Trial, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        found: dict[str, Trial] = {}
        if isinstance(self.record, Trial):
            found[self.record.id] = self.record
        for child in self.children:
            for trial in child.trials:
                found.setdefault(trial.id, trial)
        object.__setattr__(self, "trials", tuple(found.values()))

    @property
    def interventions(self) -> tuple[Intervention, ...]:
        return tuple(child.record for child in self.children if isinstance(child.record, Intervention))


def trial_order(trial: Trial) -> tuple[int, str]:
    """Oldest first; trials without a start year last; then by label."""
    year = trial.start_year if trial.start_year is not None else 10_000
    return (year, trial.label.casefold())


def _trial_leaves(trials: Iterable[Trial]) -> tuple[Branch, ...]:
    return tuple(Branch(t.id, t, "", "") for t in sorted(trials, key=trial_order))


def _intervention_branch(dataset: Dataset, intervention: Intervention) -> Branch:
    trials = dataset.trials_of_intervention.get(intervention.id, ())
    return Branch(intervention.id, intervention, "", "", _trial_leaves(trials))


def _by_intervention_field(
    dataset: Dataset, attribute: str, vocabulary: Vocabulary, heading: str
) -> tuple[Branch, ...]:
    groups: dict[str, list[Intervention]] = {}
    for intervention in dataset.interventions:
        groups.setdefault(getattr(intervention, attribute), []).append(intervention)
    branches = []
    for key in sorted(groups, key=lambda k: (vocabulary.rank(k), k)):
        members = sorted(groups[key], key=lambda i: i.name.casefold())
        children = tuple(_intervention_branch(dataset, i) for i in members)
        branches.append(Branch(key, None, vocabulary.label(key), heading, children))
    return tuple(branches)


def _by_trial_field(
    dataset: Dataset,
    key_of: Callable[[Trial], str | None],
    order: Iterable[str | None],
    title_of: Callable[[str | None], str],
    heading: str,
) -> tuple[Branch, ...]:
    groups: dict[str | None, list[Trial]] = {}
    for trial in dataset.trials:
        groups.setdefault(key_of(trial), []).append(trial)
    known = [key for key in order if key in groups]
    extra = sorted((key for key in groups if key not in known), key=lambda k: (k is None, str(k)))
    return tuple(
        Branch(
            NO_KEY if key is None else key,
            None,
            title_of(key),
            heading,
            _trial_leaves(groups[key]),
        )
        for key in [*known, *extra]
    )


def by_mechanism(dataset: Dataset) -> tuple[Branch, ...]:
    return _by_intervention_field(dataset, "mechanism_group", vocab.MECHANISM_GROUP, "Mechanism group")


def by_kind(dataset: Dataset) -> tuple[Branch, ...]:
    return _by_intervention_field(dataset, "kind", vocab.INTERVENTION_KIND, "Intervention kind")


def by_measure(dataset: Dataset) -> tuple[Branch, ...]:
    branches = [
        Branch(m.id, m, "", "", _trial_leaves(dataset.trials_using_measure.get(m.id, ()))) for m in dataset.measures
    ]
    # Trials that list no measure still need a row, so that this grouping too holds every trial.
    without = [t for t in dataset.trials if not t.measures]
    if without:
        branches.append(
            Branch(NO_KEY, None, f"Measures {text.NOT_REPORTED}", "Outcome measure", _trial_leaves(without))
        )
    return tuple(branches)


def by_phase(dataset: Dataset) -> tuple[Branch, ...]:
    return _by_trial_field(
        dataset,
        lambda t: t.phase,
        (*vocab.PHASE.values, None),
        lambda k: text.phase(k) if k else f"Phase {text.NOT_REPORTED}",
        "Phase",
    )


def by_result(dataset: Dataset) -> tuple[Branch, ...]:
    return _by_trial_field(
        dataset,
        lambda t: t.verdict,
        vocab.VERDICT.values,
        lambda k: f"Primary outcome: {text.verdict(k or 'not_reported')}",
        "Result",
    )


def by_status(dataset: Dataset) -> tuple[Branch, ...]:
    return _by_trial_field(
        dataset, lambda t: t.status, vocab.STATUS.values, lambda k: text.status(k or "unknown"), "Status"
    )


def by_year(dataset: Dataset) -> tuple[Branch, ...]:
    years = sorted({t.start_year for t in dataset.trials if t.start_year is not None})
    return _by_trial_field(
        dataset,
        lambda t: None if t.start_year is None else str(t.start_year),
        [*(str(y) for y in years), None],
        lambda k: f"Started {k}" if k else f"Start year {text.NOT_REPORTED}",
        "Start year",
    )


BUILDERS: dict[str, Callable[[Dataset], tuple[Branch, ...]]] = {  # one per GROUPING_TITLES key
    "mechanism": by_mechanism,
    "kind": by_kind,
    "measure": by_measure,
    "phase": by_phase,
    "result": by_result,
    "status": by_status,
    "year": by_year,
}


assert tuple(BUILDERS) == GROUPINGS, "every grouping has a title and a builder"


def build(dataset: Dataset, grouping: str) -> tuple[Branch, ...]:
    """The top-level branches of a grouping."""
    return BUILDERS[grouping](dataset)


def next_grouping(grouping: str) -> str:
    index = GROUPINGS.index(grouping) if grouping in GROUPINGS else -1
    return GROUPINGS[(index + 1) % len(GROUPINGS)]


def find_path(branches: tuple[Branch, ...], record: Record) -> tuple[str, ...] | None:
    """Keys from the top level down to the first branch holding `record` (depth first), or None."""
    for branch in branches:
        # Ids are unique across kinds, so the id alone identifies a record.
        if branch.record is not None and branch.record.id == record.id:
            return (branch.key,)
        below = find_path(branch.children, record)
        if below is not None:
            return (branch.key, *below)
    return None


def home_grouping(record: Record) -> str:
    """A grouping in which `record` has a node (every grouping holds every trial)."""
    if isinstance(record, Measure):
        return "measure"
    return DEFAULT_GROUPING
