"""The loader's fast checks (`schema._fast_record`) only skip work: a dataset checked through them is the
dataset the thorough checks give, and what they let through unexamined is what the thorough checks accept."""

from __future__ import annotations

import sys

import pytest

from tui.core import safety, schema
from tui.core.loader import load_dataset
from tui.core.paths import bundled_data_path


@pytest.mark.parametrize("which", ["mini", "bundled"])
def test_the_fast_checks_give_the_dataset_the_thorough_checks_give(which, mini_path, monkeypatch):
    path = mini_path if which == "mini" else bundled_data_path()
    fast = load_dataset(path)
    monkeypatch.setattr(schema, "_plan_of", lambda _schema: schema._Plan(schema._always_slow))
    thorough = load_dataset(path)
    assert fast == thorough


def test_every_refused_character_fails_the_cheap_first_test():
    # The fast text check runs the refused-character search only on text that is not printable.
    refused = [chr(c) for c in range(sys.maxunicode + 1) if safety.UNSAFE.match(chr(c))]
    assert refused
    assert not any(char.isprintable() for char in [*refused, "\n", "\r"])


@pytest.mark.parametrize(
    "value",
    ["", "  ", "a\nb", "a\rb", "\x1b[31m", "x\u202ey", "\ufeffx", "x" * 1001, 12, 1.5, True, None, ["x"], {"x": 1}],
)
def test_a_doubtful_text_goes_to_the_thorough_check(value):
    plan = schema._plan_of(schema.PUBLICATION)
    assert plan.fast({"citation": value}) is schema._SLOW


def test_loads_in_several_threads_at_once_give_the_same_dataset(mini_path):
    # Each load shares equal strings through a table of its own thread (the app loads in a worker thread).
    import threading

    expected = load_dataset(mini_path)
    found: list[object] = []
    threads = [
        threading.Thread(target=lambda: found.extend(load_dataset(mini_path) for _ in range(20))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 80
    assert all(dataset == expected for dataset in found)


def test_equal_short_texts_of_one_load_are_one_string(mini_path):
    dataset = load_dataset(mini_path)
    ids = [iid for trial in dataset.trials for iid in trial.intervention_ids]
    by_value: dict[str, set[int]] = {}
    for iid in ids:
        by_value.setdefault(iid, set()).add(id(iid))
    assert any(ids.count(value) > 1 for value in by_value)  # the fixture refers to an intervention twice
    assert all(len(objects) == 1 for objects in by_value.values())
