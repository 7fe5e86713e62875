"""Settings that stick (issue 15): theme and grouping survive a restart; a corrupt or unknown setting is a
warning, the defaults apply and the file is left for the user to fix; keys can be remapped by binding id.
Every test uses its own settings file (the app never touches the user's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import MSTrialsApp
from tui.core.groupings import DEFAULT_GROUPING
from tui.core.model import Dataset

from .conftest import Notes
from .helpers import browser, settle, toast_lines, toasts, tree_text

pytestmark = pytest.mark.ui

SIZE = (80, 24)


@pytest.fixture
def settings(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.toml"


async def test_theme_and_grouping_persist_across_runs(mini_dataset: Dataset, settings: Path) -> None:
    first = MSTrialsApp(mini_dataset, settings_path=settings)
    async with first.run_test(size=SIZE) as pilot:
        default_theme = first.theme
        await pilot.press("t", "6")
        await settle(pilot)
        changed_theme = first.theme
        assert changed_theme != default_theme
        assert browser(first).grouping == "status"
    saved = settings.read_text(encoding="utf-8")
    assert f'theme = "{changed_theme}"' in saved and 'grouping = "status"' in saved

    second = MSTrialsApp(mini_dataset, settings_path=settings)
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert second.theme == changed_theme
        assert browser(second).grouping == "status"
        assert "By status" in str(browser(second).catalog.border_title)
        assert "Completed  (2)" in tree_text(second)


async def test_no_settings_path_writes_nothing(app: MSTrialsApp, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "6", "w")
        await settle(pilot)
    assert list(tmp_path.rglob("*.toml")) == []


@pytest.mark.parametrize(
    ("content", "warning"),
    [
        ('theme = "textual-light"\ngrouping = [not toml', "cannot read the settings"),
        (b"\xff\xfe not utf-8", "cannot read the settings"),
    ],
    ids=["corrupt", "not-utf8"],
)
async def test_a_corrupt_settings_file_warns_uses_the_defaults_and_is_left_alone(
    mini_dataset: Dataset, settings: Path, content: str | bytes, warning: str
) -> None:
    settings.parent.mkdir(parents=True)
    if isinstance(content, bytes):
        settings.write_bytes(content)
    else:
        settings.write_text(content, encoding="utf-8")
    before = settings.read_bytes()
    app = MSTrialsApp(mini_dataset, settings_path=settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        (toast,) = toasts(app)
        title, *body = toast_lines(toast)
        assert title == "Settings"
        assert warning in " ".join(body) and "using the defaults" in " ".join(body)
        assert "-warning" in toast.classes
        assert app.theme == "textual-dark"
        assert browser(app).grouping == DEFAULT_GROUPING
        await pilot.press("t", "6", "w")  # changes are not saved over the user's file
        await settle(pilot)
    assert settings.read_bytes() == before


async def test_an_unknown_setting_is_a_warning(mini_dataset: Dataset, settings: Path, monkeypatch) -> None:
    settings.parent.mkdir(parents=True)
    settings.write_text('grouping = "phase"\ncolour = "red"\ntree_width = 33\n', encoding="utf-8")
    before = settings.read_text(encoding="utf-8")
    app = MSTrialsApp(mini_dataset, settings_path=settings)
    notes = Notes()
    monkeypatch.setattr(app, "notify", notes)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        warnings = [note for note, severity in zip(notes.seen, notes.severities, strict=True) if severity == "warning"]
        assert any("ignored setting 'colour'; known settings: theme, grouping, tree_width, keys" in w for w in warnings)
        assert any("ignored setting 'tree_width' (allowed: 24, 32, 40, 48, 56, 64)" in w for w in warnings)
        assert browser(app).grouping == "phase"  # the good settings still apply
        await pilot.press("6")
        await settle(pilot)
    assert settings.read_text(encoding="utf-8") == before


async def test_keys_can_be_remapped_by_binding_id(mini_dataset: Dataset, settings: Path) -> None:
    settings.parent.mkdir(parents=True)
    settings.write_text('[keys]\n"browser.group_phase" = "f4"\n"app.search" = "ctrl+f"\n', encoding="utf-8")
    app = MSTrialsApp(mini_dataset, settings_path=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        assert browser(app).grouping == "phase"
        await pilot.press("6", "4")  # "4" is no longer group-by-phase
        assert browser(app).grouping == "status"
        await pilot.press("ctrl+f")
        assert type(app.screen).__name__ == "SearchScreen"


async def test_an_unknown_binding_id_is_a_warning(mini_dataset: Dataset, settings: Path, monkeypatch) -> None:
    settings.parent.mkdir(parents=True)
    settings.write_text('[keys]\n"browser.fly" = "f9"\n"app.quit" = "not a key!"\n', encoding="utf-8")
    app = MSTrialsApp(mini_dataset, settings_path=settings)
    notes = Notes()
    monkeypatch.setattr(app, "notify", notes)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("keys.browser.fly: no such command" in note for note in notes.seen)
        assert any('keys.app.quit: expected key names such as "ctrl+f"' in note for note in notes.seen)
        await pilot.press("q")  # still bound to q
        await pilot.pause()
        assert not app.is_running
