"""The right pane: shows one trial, intervention, measure or group, in one scroll however long it is."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.widgets import ContentSwitcher

from .. import commands
from ..core.groupings import Branch
from ..core.model import Dataset, Intervention, Measure, Record, Trial
from .detail_view import DetailContext, DetailView
from .group_detail import GroupDetail
from .intervention_detail import InterventionDetail
from .measure_detail import MeasureDetail
from .trial_detail import TrialDetail

TITLES = {"trial": "Trial", "intervention": "Intervention", "measure": "Outcome measure", "group": "Group"}
VIEWS: dict[str, type[DetailView[Any]]] = {
    "trial": TrialDetail,
    "intervention": InterventionDetail,
    "measure": MeasureDetail,
    "group": GroupDetail,
}


def view_name(shown: Record | Branch) -> str:
    if isinstance(shown, Trial):
        return "trial"
    if isinstance(shown, Intervention):
        return "intervention"
    if isinstance(shown, Measure):
        return "measure"
    return "group"


class DetailPane(VerticalScroll):
    """Switches between the four detail views; `shown` is what it shows now.

    Only the group view (what the first screen shows) is built up front; the others are mounted the
    first time they are needed, so start-up mounts a quarter of the widgets."""

    BINDINGS = commands.bindings("detail")

    marked: reactive[tuple[str, ...]] = reactive((), init=False)

    def __init__(self, dataset: Dataset, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dataset = dataset
        self.shown: Record | Branch | None = None

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="group"):
            yield GroupDetail(id="group")

    def _view(self, name: str) -> DetailView[Any]:
        """The view called `name`, mounted (hidden) now if it was not yet."""
        switcher = self.query_one(ContentSwitcher)
        try:
            return switcher.get_child_by_id(name, DetailView)
        except NoMatches:
            view = VIEWS[name](id=name)
            view.display = False
            switcher.mount(view)
            return view

    def show(self, shown: Record | Branch) -> None:
        """Show a record or a group, scrolled to the top when it changes."""
        if shown is self.shown:
            return  # already showing exactly this (the catalog re-highlights its row after a jump)
        self.shown = shown
        self._fill(scroll_home=True)

    def watch_marked(self) -> None:
        # Letters of marked trials appear in titles and tables: fill the same subject again.
        if self.shown is not None:
            self._fill(scroll_home=False)

    def _fill(self, scroll_home: bool) -> None:
        shown = self.shown
        assert shown is not None
        name = view_name(shown)
        view = self._view(name)

        def done() -> None:
            if self.shown is not shown:
                return  # something else was shown before this view was ready
            self.query_one(ContentSwitcher).current = name
            self.border_title = TITLES[name]
            if scroll_home:
                self.scroll_home(animate=False)

        view.show(shown, DetailContext(self.dataset, self.marked), then=done)
