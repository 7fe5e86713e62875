"""Pilot tests of the browser on the fixture dataset: moving, details, grouping, marks, history, open_ref."""

from __future__ import annotations

import pytest
from textual.widgets import Header

from tui.app import MSTrialsApp
from tui.core import text
from tui.core.model import Dataset
from tui.screens.browser import BrowserScreen
from tui.widgets.catalog import CatalogTree
from tui.widgets.detail_pane import DetailPane
from tui.widgets.link_list import LinkList

from .helpers import browser, cursor_id, detail_text, flat, settle, shown_id, status_text, tree_text, widget_text

pytestmark = pytest.mark.ui

SIZE = (120, 40)


async def test_opens_on_the_catalog_grouped_by_mechanism(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = browser(app)
        assert app.focused is screen.catalog
        tree = tree_text(app)
        # Mechanism groups in the model's order, each with its interventions and a trial count.
        assert tree.index("OPC differentiation") < tree.index("Blocking myelination inhibitors")
        assert "Testastine fumarate  (2)" in tree
        assert "Mockformin  (1)" in tree
        assert "Group" in str(screen.detail.border_title)
        assert "OPC differentiation (repurposed receptor drugs)" in flat(detail_text(app))
        header = widget_text(screen.query_one(Header).query_one("HeaderTitle"))
        assert "Fixture trials" in header and "data 0.0.1" in header
        status = status_text(app)
        assert "4 trials · 3 interventions · 3 measures" in status
        assert "Marked 0/2" in status


async def test_arrows_and_vim_keys_move_and_the_detail_follows(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        assert shown_id(app) == "testastine"
        assert "Fictional muscarinic antagonist." in detail_text(app)
        await pilot.press("l")  # expand Testastine
        await pilot.press("l")  # into its first trial (started 2023; the one without a year comes last)
        assert shown_id(app) == "gamma-two"
        assert "GAMMA Two — A fictional combination trial" in detail_text(app)
        await pilot.press("j")
        assert shown_id(app) == "delta-open"
        await pilot.press("k")
        assert shown_id(app) == "gamma-two"
        await pilot.press("h")  # to the parent
        assert cursor_id(app) == "testastine"
        await pilot.press("h")  # collapse it
        assert "GAMMA Two" not in tree_text(app)
        await pilot.press("G")
        assert cursor_id(app) == "mockformin"
        await pilot.press("g")
        assert cursor_id(app) is None  # the first row is a group
        await pilot.press("down", "down", "down")
        assert shown_id(app) == "fixturamab"
        await pilot.press("up")
        assert "Blocking myelination inhibitors" in flat(detail_text(app))


async def test_enter_and_space_expand_groups(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        assert "GAMMA Two" in tree_text(app)
        await pilot.press("space")
        assert "GAMMA Two" not in tree_text(app)
        await pilot.press("space")
        assert "GAMMA Two" in tree_text(app)


async def test_trial_detail_shows_every_section(app: MSTrialsApp, mini_dataset: Dataset) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["alpha"])
        await pilot.pause()
        shown = flat(detail_text(app))
        for expected in (
            "ALPHA — A fictional randomised trial of fixturamab in relapsing MS",
            "Registry ids NCT00000001",
            "Registry: ClinicalTrials.gov NCT00000001",
            "Phase 2",
            "randomised, double blind, parallel groups, placebo-controlled",
            "relapsing-remitting MS — Fictional adults with relapsing MS.",
            "interferon beta allowed",
            "118 analysed (110 planned, 120 randomised)",
            "24 weeks",
            "Comparator placebo",
            "Primary · met · VEP Change in fictional VEP latency from baseline. (at week 24)",
            "Latency shortened by a fictional 2 ms.",
            "VEP — Full-field visual evoked potential",
            "MTR — Magnetisation transfer ratio",
            "No fictional safety concerns.",
            "Completed",
            "2015-01 Started",
            "2017-03 Completed",
            "Fixture Pharma",
            "United Kingdom, Canada",
            "Sites 12",
            "Doe J et al. Fictional Journal 2018;1:1-10",
            "backs: design",
            "Last reviewed: 2026-01-15",
        ):
            assert expected in shown, expected


async def test_unknown_values_read_not_reported(app: MSTrialsApp, mini_dataset: Dataset) -> None:
    async with app.run_test(size=SIZE) as pilot:
        for record_id in ("delta-open", "mockformin", "ffvep"):
            browser(app).show_record(mini_dataset.by_id[record_id])
            await pilot.pause()
            shown = detail_text(app)
            assert text.NOT_REPORTED in shown
            assert "None" not in shown


async def test_intervention_and_measure_details(app: MSTrialsApp, mini_dataset: Dataset) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["fixturamab"])
        await pilot.pause()
        shown = flat(detail_text(app))
        for expected in (
            "FXM-101, anti-WIDGET",
            "Antibody",
            "WIDGET-1",
            "Trials (2;",
            "ALPHA P2 118 ✓ met Completed 2015–2017",
            "✗ not met",
        ):
            assert expected in shown, expected
        browser(app).show_record(mini_dataset.by_id["oct"])
        await pilot.pause()
        shown = flat(detail_text(app))
        for expected in (
            "OCT — Optical coherence tomography",
            "Retinal imaging",
            "Fixture text about retinal layer thickness.",
            "none — Retinal axons are unmyelinated.",
            "Trials that used it (1;",
            "BETA",
        ):
            assert expected in shown, expected


async def test_enter_on_a_measure_jumps_to_its_explanation(app: MSTrialsApp, mini_dataset: Dataset) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["alpha"])
        await pilot.pause()
        measures = browser(app).query_one("#trial-measures", LinkList)
        measures.focus()
        await pilot.press("j", "enter")  # the second measure: MTR
        assert shown_id(app) == "mtr"
        # Measures live in the measure grouping, so the catalog switched to it and selected MTR.
        assert browser(app).grouping == "measure"
        assert cursor_id(app) == "mtr"
        assert "Fixture caveat about inflammation" in detail_text(app)


async def test_enter_on_a_table_row_shows_that_trial(app: MSTrialsApp, mini_dataset: Dataset) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["fixturamab"])
        await pilot.pause()
        browser(app).query_one("#intervention-trials").focus()
        await pilot.press("enter")
        assert shown_id(app) == "beta"  # the older of the two trials comes first
        assert cursor_id(app) == "beta"


async def test_tab_moves_between_panes(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.focused, CatalogTree)
        await pilot.press("tab")
        assert isinstance(app.focused, DetailPane)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, CatalogTree)


async def test_grouping_cycles_with_v_and_jumps_with_digits(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        assert browser(app).grouping == "kind"
        assert "By intervention kind" in str(browser(app).catalog.border_title)
        assert "Small molecule" in tree_text(app)
        await pilot.press("4")
        assert browser(app).grouping == "phase"
        tree = tree_text(app)
        assert "Phase 2  (2)" in tree and "Phase 2a" in tree and "Phase not reported" in tree
        await pilot.press("5")
        assert "Primary outcome: ✓ met  (1)" in tree_text(app)
        await pilot.press("6")
        assert "Recruiting" in tree_text(app)
        await pilot.press("7")
        tree = tree_text(app)
        assert tree.index("Started 2013") < tree.index("Started 2023") < tree.index("Start year not reported")
        await pilot.press("3")
        assert "MTR — Magnetisation transfer ratio" in tree_text(app)
        await pilot.press("v")
        assert browser(app).grouping == "phase"


async def test_grouping_keeps_the_shown_record(app: MSTrialsApp, mini_dataset: Dataset) -> None:
    async with app.run_test(size=SIZE) as pilot:
        browser(app).show_record(mini_dataset.by_id["beta"])
        await pilot.press("4")
        assert cursor_id(app) == "beta"
        assert shown_id(app) == "beta"


async def test_a_trial_with_two_interventions_appears_under_both(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "l", "G", "l")  # expand Testastine, then the last row, Mockformin
        assert tree_text(app).count("GAMMA Two") == 2


async def test_grouping_from_the_command_palette(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Group by status")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert browser(app).grouping == "status"
        assert "Completed  (2)" in tree_text(app)


async def test_palette_jumps_to_a_record_by_alias(app: MSTrialsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Testavil")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert shown_id(app) == "testastine"
        assert cursor_id(app) == "testastine"


async def test_marking_trials(app: MSTrialsApp, mini_dataset: Dataset, notes) -> None:
    async with app.run_test(size=SIZE) as pilot:
        show = browser(app).show_record
        show(mini_dataset.by_id["alpha"])
        await pilot.press("m")
        assert app.marked == ("alpha",)
        assert "[A] ALPHA" in tree_text(app)
        assert "Marked 1/2: [A] ALPHA" in status_text(app)
        assert "marked [A] for comparison" in flat(detail_text(app))
        assert "Marked ALPHA as [A]" in notes.last
        show(mini_dataset.by_id["beta"])
        await pilot.press("c")  # c marks too
        assert app.marked == ("alpha", "beta")
        assert "[B] BETA" in tree_text(app)
        assert "Marked 2/2" in status_text(app)
        show(mini_dataset.by_id["gamma-two"])
        await pilot.press("m")  # a third mark drops the oldest
        assert app.marked == ("beta", "gamma-two")
        assert "Unmarked ALPHA" in notes.last
        tree = tree_text(app)
        assert "[A] BETA" in tree and "[B] GAMMA Two" in tree and "[A] ALPHA" not in tree
        await pilot.press("m")  # marking a marked trial unmarks it
        assert app.marked == ("beta",)
        assert "Marked 1/2: [A] BETA" in status_text(app)


async def test_only_trials_can_be_marked(app: MSTrialsApp, notes) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "m")
        assert app.marked == ()
        assert "Highlight a trial" in notes.last


async def test_back_and_forward(app: MSTrialsApp, mini_dataset: Dataset, notes) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down")  # Fixturamab (the group rows in between are not history)
        await pilot.press("l", "l")  # BETA
        assert shown_id(app) == "beta"
        browser(app).show_record(mini_dataset.by_id["oct"])
        await pilot.pause()
        await pilot.press("left_square_bracket")
        assert shown_id(app) == "beta"
        assert cursor_id(app) == "beta"
        await pilot.press("left_square_bracket")
        assert shown_id(app) == "fixturamab"
        await pilot.press("left_square_bracket")
        assert shown_id(app) == "testastine"
        await pilot.press("left_square_bracket")
        assert shown_id(app) == "testastine"
        assert "Nothing further back." in notes.last
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert shown_id(app) == "oct"
        await pilot.press("right_square_bracket")
        assert "Nothing further forward." in notes.last
        await pilot.press("alt+left")
        assert shown_id(app) == "beta"
        await pilot.press("alt+right")
        assert shown_id(app) == "oct"


async def test_open_ref_selects_the_record(mini_dataset: Dataset) -> None:
    for reference, expected in (("NCT00000002", "beta"), ("gamma two", "gamma-two"), ("testavil", None)):
        app = MSTrialsApp(mini_dataset, open_ref=reference)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if expected is None:
                continue
            assert shown_id(app) == expected, reference
            assert cursor_id(app) == expected, reference


async def test_open_ref_of_a_measure_uses_the_measure_grouping(mini_dataset: Dataset) -> None:
    app = MSTrialsApp(mini_dataset, open_ref="MTR")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert browser(app).grouping == "measure"
        assert cursor_id(app) == "mtr"
        assert "Magnetisation transfer ratio" in detail_text(app)


async def test_open_ref_not_found_says_so(mini_dataset: Dataset, monkeypatch) -> None:
    app = MSTrialsApp(mini_dataset, open_ref="no-such-trial")
    seen: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **options: seen.append(message))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)
        assert any("'no-such-trial'" in message and "Nothing matches" in message for message in seen)
