"""The pure parts behind the browser: catalog groupings and the back/forward history (no Textual run).

They live in `tui.core` now; the tests stay here, beside the browser they serve, until tests/core takes
them."""

from __future__ import annotations

import pytest

from tui.core import groupings, vocab
from tui.core.groupings import Branch
from tui.core.history import History
from tui.core.model import Dataset

pytestmark = pytest.mark.ui


def _trial_ids(branches: tuple[Branch, ...]) -> set[str]:
    return {trial.id for branch in branches for trial in branch.trials}


@pytest.mark.parametrize("grouping", groupings.GROUPINGS)
def test_every_grouping_holds_every_trial(mini_dataset: Dataset, grouping: str) -> None:
    branches = groupings.build(mini_dataset, grouping)
    assert _trial_ids(branches) == {t.id for t in mini_dataset.trials}
    for trial in mini_dataset.trials:
        assert groupings.find_path(branches, trial) is not None
    keys = [branch.key for branch in branches]
    assert len(keys) == len(set(keys)), "sibling keys must be unique to find rows again"


def test_mechanism_grouping(mini_dataset: Dataset) -> None:
    branches = groupings.build(mini_dataset, "mechanism")
    order = [branch.key for branch in branches]
    assert order == sorted(order, key=vocab.MECHANISM_GROUP.values.index)
    by_key = {branch.key: branch for branch in branches}
    # GAMMA Two tests testastine and mockformin, which sit in two different groups.
    assert "gamma-two" in {t.id for t in by_key["opc_differentiation"].trials}
    assert "gamma-two" in {t.id for t in by_key["metabolic"].trials}
    assert [i.id for i in by_key["inhibitor_blockade"].interventions] == ["fixturamab"]
    assert by_key["inhibitor_blockade"].title == "Blocking myelination inhibitors"


def test_trials_are_oldest_first_with_unknown_years_last(mini_dataset: Dataset) -> None:
    testastine = next(b for b in groupings.build(mini_dataset, "mechanism") if b.key == "opc_differentiation")
    assert [t.id for t in testastine.trials] == ["gamma-two", "delta-open"]


def test_trial_buckets(mini_dataset: Dataset) -> None:
    titles = [b.title for b in groupings.build(mini_dataset, "phase")]
    assert titles == ["Phase 2", "Phase 2a", "Phase not reported"]
    titles = [b.title for b in groupings.build(mini_dataset, "result")]
    assert titles[0] == "Primary outcome: ✓ met"
    titles = [b.title for b in groupings.build(mini_dataset, "year")]
    assert titles == ["Started 2013", "Started 2015", "Started 2023", "Start year not reported"]


def test_find_path_and_home_grouping(mini_dataset: Dataset) -> None:
    mechanism = groupings.build(mini_dataset, "mechanism")
    assert groupings.find_path(mechanism, mini_dataset.by_id["beta"]) == (
        "inhibitor_blockade",
        "fixturamab",
        "beta",
    )
    assert groupings.find_path(mechanism, mini_dataset.by_id["mtr"]) is None
    assert groupings.home_grouping(mini_dataset.by_id["mtr"]) == "measure"
    measures = groupings.build(mini_dataset, groupings.home_grouping(mini_dataset.by_id["mtr"]))
    assert groupings.find_path(measures, mini_dataset.by_id["mtr"]) == ("mtr",)
    assert groupings.find_path(measures, mini_dataset.by_id["delta-open"]) == (groupings.NO_KEY, "delta-open")


def test_next_grouping_cycles() -> None:
    seen = ["mechanism"]
    for _ in groupings.GROUPINGS:
        seen.append(groupings.next_grouping(seen[-1]))
    assert seen[-1] == "mechanism" and set(seen) == set(groupings.GROUPINGS)


def test_history() -> None:
    history = History(limit=3)
    assert history.back() is None and history.current is None
    for item in ("a", "b", "b", "c"):
        history.visit(item)
    assert history.current == "c"
    assert history.back() == "b"
    history.visit("b")  # showing the current item again (as going back does) changes nothing
    assert history.forward() == "c"
    assert history.back() == "b" and history.back() == "a" and history.back() is None
    history.visit("d")  # a new visit drops the forward part
    assert history.forward() is None
    assert history.back() == "a"
    for item in ("x", "y", "z"):
        history.visit(item)
    assert history.back() == "y" and history.back() == "x" and history.back() is None  # limit 3
