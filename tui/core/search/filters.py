"""`name:value` filters: one table of what each filter means, with its example and hint, and the sets of
records each value selects (precomputed where cheap, so filters cost nothing per keystroke).

Values of one filter are alternatives (`phase:2,3` or `phase:2 phase:3`), different filters must all hold,
`!name:value` excludes. An unknown filter or value is an error: the query then lists nothing and says why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .. import model, text, vocab
from ..model import Dataset, Intervention, Record, Trial
from .normalise import fold, squashed

KIND_ORDER = ("intervention", "trial", "measure")


@dataclass(frozen=True)
class FilterSpec:
    name: str
    example: str
    hint: str


FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec("phase", "phase:2", "trial phase (phase:2 includes 2a and 2b; phase:1/2, phase:na)"),
    FilterSpec("measure", "measure:mtr", "trials that used a measure (id, abbreviation or name)"),
    FilterSpec("met", "met:no", "primary outcome met: yes, no, mixed, not_reported, ongoing"),
    FilterSpec("status", "status:completed", "status (a unique start is enough: status:active)"),
    FilterSpec("kind", "kind:antibody", "intervention kind: interventions and their trials"),
    FilterSpec("type", "type:trial", "record type: trial, intervention or measure"),
    FilterSpec("year", "year:2018..2022", "start year: 2019, 2018..2022, >2018, <=2015"),
    FilterSpec("n", "n:>100", "participants (the headline count): 50, 20..100, >100"),
    FilterSpec("stopped", "stopped:yes", "stopped trials: yes, no, or a word of the reason (stopped:safety)"),
    FilterSpec("rel", "rel:yes", "linked to other trials: yes, no, or a relation (rel:extension)"),
    FilterSpec("maxphase", "maxphase:<3", "highest phase an intervention reached: interventions and their trials"),
)
BY_NAME = {spec.name: spec for spec in FILTERS}
FILTER_NAMES = tuple(BY_NAME)
Selection = set[int] | str  # the records a filter value selects, or why the value is wrong

_RANGE = re.compile(r"^(?:(?P<low>\d{1,9})\.\.(?P<high>\d{1,9})|(?P<op><=|>=|<|>|=)?(?P<value>\d{1,9}))$")


def numeric_range(value: str) -> tuple[float, float] | None:
    """'2018..2022' -> (2018, 2022); '>100' -> (101, inf); '<=15' -> (-inf, 15); '7' -> (7, 7)."""
    match = _RANGE.match(value.strip())
    if match is None:
        return None
    if match.group("low") is not None:
        low, high = int(match.group("low")), int(match.group("high"))
        return (low, high) if low <= high else None
    number = int(match.group("value"))
    op = match.group("op") or "="
    return {
        "=": (number, number),
        ">": (number + 1, float("inf")),
        ">=": (number, float("inf")),
        "<": (float("-inf"), number - 1),
        "<=": (float("-inf"), number),
    }[op]


def shown(value: str) -> str:
    """A user's value quoted back in a message: short and printable."""
    shortened = value if len(value) <= 40 else value[:39] + "…"
    return text.one_line(shortened)


def unknown_filter(name: str) -> str:
    known = ", ".join(f"{spec.name}:" for spec in FILTERS)
    return f"unknown filter '{shown(name)}:' — the filters are {known}"


class Filters:
    """Resolves filter values to sets of record numbers of one index."""

    def __init__(self, dataset: Dataset, records: list[Record], number_of: Callable[[Record], int]) -> None:
        self.dataset = dataset
        self._records = records
        self._number_of = number_of

        def numbers(selected: Iterable[Record]) -> set[int]:
            return {number_of(record) for record in selected}

        self._numbers = numbers
        trials = dataset.trials

        def grouped(
            selected: Iterable[Any], keys: Callable[[Any], Iterable[str | None]], values: Iterable[str]
        ) -> dict[str, set[int]]:
            # One pass over the records (not one per value: 100 000 trials, a dozen values).
            groups: dict[str, set[int]] = {value: set() for value in values}
            for record in selected:
                for key in keys(record):
                    group = groups.get(key) if key is not None else None
                    if group is not None:
                        group.add(number_of(record))
            return groups

        self._all = set(range(len(records)))
        self._by_type = grouped(records, lambda r: (model.kind_of(r),), KIND_ORDER)
        self._by_phase = grouped(trials, lambda t: (t.phase,), vocab.PHASE.values)
        self._by_met = grouped(trials, lambda t: (t.verdict,), vocab.VERDICT.values)
        self._by_status = grouped(trials, lambda t: (t.status,), vocab.STATUS.values)
        kinds = vocab.INTERVENTION_KIND.values
        self._by_kind = grouped(dataset.interventions, lambda i: (i.kind,), kinds)
        for kind, found in grouped(trials, lambda t: {i.kind for i in dataset.interventions_of(t)}, kinds).items():
            self._by_kind[kind] |= found
        self._by_measure = {m.id: numbers(dataset.trials_using_measure.get(m.id, ())) for m in dataset.measures}
        # A measure is named by its id, abbreviation, name or aliases, punctuation ignored.
        self._measure_names: dict[str, str] = {}
        for measure in dataset.measures:
            for name in (measure.name, *measure.aliases, measure.abbreviation, measure.id):
                if name:
                    self._measure_names[squashed(name)] = measure.id
        self._resolvers: dict[str, Callable[[str], Selection]] = {
            "phase": self._phase,
            "measure": self._measure,
            "met": lambda value: _choose("met", value, self._by_met),
            "status": lambda value: _choose("status", value, self._by_status),
            "kind": lambda value: _choose("kind", value, self._by_kind),
            "type": lambda value: _choose("type", value.rstrip("sS") or value, self._by_type),
            "year": self._year,
            "n": self._size,
            "stopped": self._stopped,
            "rel": self._related,
            "maxphase": self._max_phase,
        }
        assert set(self._resolvers) == set(FILTER_NAMES), "every filter of the table has a resolver"

    def select(self, filters: list[tuple[str, str, bool]], errors: list[str]) -> set[int] | None:
        """Records passing every filter (values of one filter are alternatives); None if no filter.

        Problems (an unknown filter, a value it does not know) are added to `errors`."""
        chosen: dict[str, set[int]] = {}
        rejected: set[int] = set()
        for name, value, negated in filters:
            resolve = self._resolvers.get(name)
            if resolve is None:
                errors.append(unknown_filter(name))
                continue
            if not value.strip(","):
                errors.append(f"filter '{name}:' needs a value, e.g. {BY_NAME[name].example}")
                continue
            for part in filter(None, value.split(",")):
                selection = resolve(part)
                if isinstance(selection, str):
                    errors.append(selection)
                elif negated:
                    rejected |= selection
                else:
                    chosen.setdefault(name, set()).update(selection)
        if not chosen and not rejected:
            return None
        allowed = set.intersection(*chosen.values()) if chosen else set(self._all)
        return allowed - rejected

    # Resolvers -------------------------------------------------------------------------------------------

    def _trials_where(self, keep: Callable[[Trial], bool]) -> set[int]:
        return self._numbers(t for t in self.dataset.trials if keep(t))

    def _phase(self, value: str) -> Selection:
        phase = fold(value).strip().removeprefix("phase").strip()
        if phase in ("na", "n/a", "none"):
            phase = "not_applicable"
        if phase not in self._by_phase:
            return f"unknown phase '{shown(value)}' — known: {', '.join(vocab.PHASE.values)}"
        # "phase:2" means any phase 2 (2, 2a, 2b); "phase:2a" and "phase:1/2" mean exactly that.
        selected = [n for p, n in self._by_phase.items() if p == phase or p.rstrip("ab") == phase]
        return set().union(*selected)

    def _measure(self, value: str) -> Selection:
        measure_id = self._measure_names.get(squashed(value))
        if measure_id is None:
            known = ", ".join(self._by_measure) or "none in this dataset"
            return f"unknown measure '{shown(value)}' — known measures: {known}"
        return self._by_measure[measure_id]

    def _year(self, value: str) -> Selection:
        bounds = numeric_range(value)
        if bounds is None:
            return f"year:{shown(value)} is not a year or range — try year:2019, year:2018..2022 or year:>2018"
        low, high = bounds
        return self._trials_where(lambda t: t.start_year is not None and low <= t.start_year <= high)

    def _size(self, value: str) -> Selection:
        bounds = numeric_range(value)
        if bounds is None:
            return f"n:{shown(value)} is not a number or range — try n:50, n:20..100 or n:>100"
        low, high = bounds

        def within(trial: Trial) -> bool:
            headline = trial.enrolment.headline
            return headline is not None and low <= headline[1] <= high

        return self._trials_where(within)

    def _stopped(self, value: str) -> Selection:
        word = fold(value).strip()
        if word in ("yes", "true", "any"):
            return self._trials_where(lambda t: t.status in vocab.STOPPED_STATUSES)
        if word in ("no", "false"):
            return self._trials_where(lambda t: t.status not in vocab.STOPPED_STATUSES)
        return self._trials_where(lambda t: t.why_stopped is not None and word in fold(t.why_stopped))

    def _related(self, value: str) -> Selection:
        word = fold(value).strip().replace("-", "_")
        links = self.dataset.links_of
        if word in ("yes", "true", "any"):
            return self._trials_where(lambda t: t.id in links)
        if word in ("no", "false"):
            return self._trials_where(lambda t: t.id not in links)
        relations = {r for r in vocab.RELATION.values if r.startswith(word)}
        if not relations:
            known = ", ".join(["yes", "no", *vocab.RELATION.values])
            return f"unknown relation '{shown(value)}' — known: {known}"
        linked: set[str] = set()  # both ends of each link of a wanted kind
        for trial in self.dataset.trials:
            for related in trial.related:
                if related.relation in relations:
                    linked.update((trial.id, related.trial))
        return self._trials_where(lambda t: t.id in linked)

    def _max_phase(self, value: str) -> Selection:
        wanted = fold(value).strip().removeprefix("phase")
        match = re.match(r"^(<=|>=|<|>|=)?\s*([0-9](?:/[0-9])?[ab]?)$", wanted)
        if match is None or match.group(2) not in vocab.PHASE_LEVEL:
            return f"maxphase:{shown(value)} — give a phase, e.g. maxphase:3 or maxphase:<3"
        op, level = match.group(1) or "=", vocab.PHASE_LEVEL[match.group(2)]
        compare: dict[str, Callable[[float], bool]] = {
            "=": lambda x: x == level,
            "<": lambda x: x < level,
            "<=": lambda x: x <= level,
            ">": lambda x: x > level,
            ">=": lambda x: x >= level,
        }
        chosen: list[Intervention] = []
        for intervention in self.dataset.interventions:
            highest = self.dataset.highest_phase(intervention)
            if highest is not None and compare[op](vocab.PHASE_LEVEL[highest]):
                chosen.append(intervention)
        trials = (t for i in chosen for t in self.dataset.trials_of_intervention.get(i.id, ()))
        return self._numbers(chosen) | self._numbers(trials)


def _choose(name: str, value: str, options: dict[str, set[int]]) -> Selection:
    """The records of the option named by `value`: exact, or an unambiguous start ("status:active")."""
    key = fold(value).strip().replace("-", "_").replace(" ", "_")
    if key in options:
        return options[key]
    starting = [option for option in options if key and option.startswith(key)]
    if len(starting) == 1:
        return options[starting[0]]
    return f"unknown {name} '{shown(value)}' — known: {', '.join(options)}"
