"""Fixtures for the UI tests: an app on the fictional mini dataset, a hostile copy of that dataset, a
recorder of notifications, and the isolation every UI test gets (no real browser, no user settings, no
files outside the test's folders). (`mini_dataset` and `mini_copy` come from tests/conftest.py.)"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Iterator
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


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """Every UI test: no web browser can start (no $BROWSER, no display), no settings file is read, and the
    private folder (copied citations, saved links) and exports land in the test's own folders.

    The temporary folder is a short one of its own rather than `tmp_path`: file paths appear in toasts,
    and pytest's folder names are twice as long as the real `/tmp/mstrials-tui-UID`."""
    for variable in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY", "MSTRIALS_CONFIG"):
        monkeypatch.delenv(variable, raising=False)
    short = Path(tempfile.mkdtemp(prefix="ui-"))
    monkeypatch.setattr(tempfile, "tempdir", str(short))
    monkeypatch.chdir(tmp_path)
    try:
        yield short
    finally:
        shutil.rmtree(short, ignore_errors=True)


@pytest.fixture
def private_tmp(_isolated: Path) -> Path:
    """The temporary folder the app's private folder (`mstrials-tui-UID`) is created in."""
    return _isolated


@pytest.fixture
def app(mini_dataset: Dataset) -> MSTrialsApp:
    """The app on the mini dataset; no settings path, so nothing is read or written."""
    return MSTrialsApp(mini_dataset)


def _yaml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\x1b", "\\e").replace("\x07", "\\a")
    return f'"{escaped}"'


def replace_trial(dataset: Dataset, trial_id: str, **changes: object) -> Dataset:
    """The dataset with one trial's fields changed, built in Python: the loader's checks are bypassed, as
    they would be for a dataset that did not come from it."""
    trials = tuple(dataclasses.replace(t, **changes) if t.id == trial_id else t for t in dataset.trials)
    return Dataset(dataset.info, dataset.interventions, trials, dataset.measures)


@pytest.fixture
def hostile(mini_copy: Path) -> Dataset:
    """The mini dataset with markup in a title, an acronym and a name, and (set in Python: the loader
    refuses them) control characters in a result."""
    trials = mini_copy / "trials.yaml"
    source = trials.read_text(encoding="utf-8")
    replacements = {
        "title: A fictional randomised trial of fixturamab in relapsing MS": HOSTILE_TITLE,
        "acronym: BETA": HOSTILE_ACRONYM,
        "name: Fixturamab": HOSTILE_NAME,
    }
    for old, value in replacements.items():
        assert old in source, old
        key = old.split(":", 1)[0]
        source = source.replace(old, f"{key}: {_yaml_string(value)}")
    trials.write_text(source, encoding="utf-8")
    return replace_trial(load_dataset(mini_copy), "alpha", result_summary=HOSTILE_RESULT)


class Notes:
    """Every notification the app shows, as 'title\\nmessage' strings."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.severities: list[str] = []

    def __call__(self, message: str, *, title: str = "", severity: str = "information", **options: object) -> None:
        self.seen.append(f"{title}\n{message}")
        self.severities.append(severity)

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
