"""Fixtures for the UI tests: an app on the fictional mini dataset, a hostile copy of that dataset, and
a recorder of notifications. (`mini_dataset` and `mini_copy` come from tests/conftest.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import MSTrialsApp
from tui.core.loader import load_dataset
from tui.core.model import Dataset

# Strings that would act or restyle if anything fed data into markup, and terminal control characters.
HOSTILE_TITLE = "[bold red]x[/] then [@click=app.quit]quit[/] and [$accent]y"
HOSTILE_ACRONYM = "[@click=app.quit]"
HOSTILE_NAME = "[b]Fixturamab[/b]"
HOSTILE_RESULT = "Escape \x1b[31mred and bell \x07 here"


@pytest.fixture
def app(mini_dataset: Dataset) -> MSTrialsApp:
    return MSTrialsApp(mini_dataset)


def _yaml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\x1b", "\\e").replace("\x07", "\\a")
    return f'"{escaped}"'


@pytest.fixture
def hostile(mini_copy: Path) -> Dataset:
    """The mini dataset with markup in a title, an acronym and a name, and control characters in a result."""
    trials = mini_copy / "trials.yaml"
    source = trials.read_text(encoding="utf-8")
    replacements = {
        "title: A fictional randomised trial of fixturamab in relapsing MS": HOSTILE_TITLE,
        "acronym: BETA": HOSTILE_ACRONYM,
        "result_summary: Latency shortened by a fictional 2 ms.": HOSTILE_RESULT,
        "name: Fixturamab": HOSTILE_NAME,
    }
    for old, value in replacements.items():
        assert old in source, old
        key = old.split(":", 1)[0]
        source = source.replace(old, f"{key}: {_yaml_string(value)}")
    trials.write_text(source, encoding="utf-8")
    return load_dataset(mini_copy)


class Notes:
    """Every notification the app shows, as 'title\\nmessage' strings."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, message: str, *, title: str = "", **options: object) -> None:
        self.seen.append(f"{title}\n{message}")

    @property
    def last(self) -> str:
        assert self.seen, "no notification was shown"
        return self.seen[-1]


@pytest.fixture
def notes(app: MSTrialsApp, monkeypatch: pytest.MonkeyPatch) -> Notes:
    """Record the notifications of `app` (screens notify through the app)."""
    recorder = Notes()
    monkeypatch.setattr(app, "notify", recorder)
    return recorder
