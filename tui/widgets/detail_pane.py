"""The right pane: shows one trial, intervention, measure or group, scrolling when it is long."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import ContentSwitcher

from .. import commands
from ..core.model import Dataset, Intervention, Measure, Record, Trial
from .group_detail import GroupDetail
from .groupings import Branch
from .intervention_detail import InterventionDetail
from .measure_detail import MeasureDetail
from .trial_detail import TrialDetail

TITLES = {"trial": "Trial", "intervention": "Intervention", "measure": "Outcome measure", "group": "Group"}


class DetailPane(VerticalScroll):
    """Switches between the four detail views; `shown` is what it shows now."""

    BINDINGS = commands.bindings("detail")

    def __init__(self, dataset: Dataset, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dataset = dataset
        self.shown: Record | Branch | None = None

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="group"):
            yield TrialDetail(id="trial")
            yield InterventionDetail(id="intervention")
            yield MeasureDetail(id="measure")
            yield GroupDetail(id="group")

    def show(self, shown: Record | Branch, marked: tuple[str, ...] = ()) -> None:
        """Show a record or a group, scrolled to the top when it changes."""
        if isinstance(shown, Trial):
            view = "trial"
            self.query_one(TrialDetail).show(shown, self.dataset, marked)
        elif isinstance(shown, Intervention):
            view = "intervention"
            self.query_one(InterventionDetail).show(shown, self.dataset, marked)
        elif isinstance(shown, Measure):
            view = "measure"
            self.query_one(MeasureDetail).show(shown, self.dataset, marked)
        else:
            view = "group"
            self.query_one(GroupDetail).show(shown, marked)
        self.query_one(ContentSwitcher).current = view
        self.border_title = TITLES[view]
        if shown is not self.shown:
            self.scroll_home(animate=False)
        self.shown = shown

    def refresh_marks(self, marked: tuple[str, ...]) -> None:
        """Show the same thing again with new marks (letters appear in titles and tables)."""
        if self.shown is not None:
            self.show(self.shown, marked)
