"""The evidence sections of a trial (issue 13), read at 80×24 as a user would: arms, outcomes with their
effects, adverse events by arm, the dates in order, and linked trials one Enter away. A section with
nothing in it is left out rather than saying "not reported"."""

from __future__ import annotations

import pytest

from tui.app import MSTrialsApp
from tui.core.model import Dataset
from tui.widgets.link_list import LinkList

from .helpers import browser, cursor_id, detail_text, flat, settle, shown_id, widget_text

pytestmark = pytest.mark.ui

SIZE = (80, 24)
OPTIONAL_SECTIONS = {
    "arms": "Arms",
    "adverse": "Adverse events by arm (participants)",
    "related": "Related trials (Enter shows one)",
    "why-stopped": "Why it stopped",
    "notes": "Notes",
}


def section(app: MSTrialsApp, section_id: str) -> list[str]:
    """A section's lines as drawn, trailing spaces removed."""
    return widget_text(browser(app).query_one(f"#{section_id}")).splitlines()


async def open_trial(pilot, trial_id: str) -> None:
    app = pilot.app
    browser(app).show_record(app.dataset.by_id[trial_id])
    await settle(pilot)


async def test_alpha_shows_its_arms_effects_harms_and_dates(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_trial(pilot, "alpha")
        shown = flat(detail_text(app))

        arms = section(app, "arms")
        assert arms[0].split() == ["Arm", "n", "Regimen"]
        assert arms[1].startswith("Fixturamab") and " 60 10 mg/kg intravenous" in arms[1]
        assert arms[2].startswith("experimental")
        placebo = next(line for line in arms if line.startswith("Placebo"))
        assert " 60 intravenous every 4" in placebo
        assert "placebo" in arms[arms.index(placebo) + 1]

        assert "Outcomes and effects" in shown
        assert "Primary · met · VEP Change in fictional VEP latency from baseline. (at week 24)" in shown
        assert "−2 ms (95% CI −3.1 to −0.9), p = 0.001, ITT, n = 118; favours Fixturamab" in shown
        assert "Secondary · not met · MTR" in shown
        assert "0.4 percentage units (95% CI −0.2 to 1), p < 0.2, ITT; interval includes no effect" in shown

        # The group names are whole (not folded letter by letter) and every count is in its column.
        adverse = section(app, "adverse")
        assert adverse[0].split() == ["Group", "n", "any", "serious", "stopped", "died"]
        assert adverse[1].split() == ["Fixturamab", "60", "40", "3", "2", "0"]
        assert adverse[2].split() == ["Placebo", "60", "35", "2", "1", "0"]
        assert len(adverse) == 3

        assert section(app, "trial-dates") == [
            "2014-11-02  Registered",
            "2015-01     Started",
            "2016-09     Primary completion",
            "2017-03     Completed",
            "2018-02     Published",
        ]
        assert "followed up by NCT00000004" in section(app, "related")


async def test_beta_says_how_an_effect_was_reported_when_there_is_no_estimate(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_trial(pilot, "beta")
        shown = flat(detail_text(app))
        assert "Primary · not met · VEP Fictional multifocal VEP recovery." in shown
        assert "Reported as the share of eyes recovering in each arm, without a between-group estimate." in shown


async def test_related_trials_are_one_enter_away_both_ways(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_trial(pilot, "alpha")
        related = browser(app).query_one("#related", LinkList)
        related.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert shown_id(app) == cursor_id(app) == "delta-open"
        assert section(app, "related") == ["follow-up of ALPHA"]
        browser(app).query_one("#related", LinkList).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert shown_id(app) == "alpha"


@pytest.mark.parametrize("trial_id", ["gamma-two", "beta"])
async def test_empty_sections_are_left_out(app: MSTrialsApp, trial_id: str) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_trial(pilot, trial_id)
        shown = detail_text(app)
        lines = {line.strip() for line in shown.splitlines()}
        for section_id, heading in OPTIONAL_SECTIONS.items():
            widget = browser(app).query_one(f"#{section_id}")
            assert not widget.display and widget.region.area == 0, section_id
            assert heading not in lines, heading
        # Sections every trial has still say what is unknown.
        assert "Safety" in lines and "not reported" in lines


async def test_a_trial_with_everything_shows_every_section(mini_dataset: Dataset) -> None:
    from .conftest import replace_trial

    dataset = replace_trial(mini_dataset, "alpha", why_stopped="Fictional funding ended.", notes="A fictional note.")
    app = MSTrialsApp(dataset, open_ref="alpha")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = {line.strip() for line in detail_text(app).splitlines()}
        for section_id, heading in OPTIONAL_SECTIONS.items():
            assert browser(app).query_one(f"#{section_id}").display, section_id
            assert heading in lines, heading
        assert "Fictional funding ended." in lines and "A fictional note." in lines
