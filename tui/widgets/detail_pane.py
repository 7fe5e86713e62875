"""The right pane: shows one trial, intervention, measure or group, scrolling when it is long."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import ContentSwitcher

from .. import commands
from ..core.model import Dataset, Intervention, Measure, Record, Trial
from .detail_view import DetailView
from .group_detail import GroupDetail
from .groupings import Branch
from .intervention_detail import InterventionDetail
from .measure_detail import MeasureDetail
from .trial_detail import TrialDetail

TITLES = {"trial": "Trial", "intervention": "Intervention", "measure": "Outcome measure", "group": "Group"}
VIEWS: dict[str, type[DetailView]] = {
    "trial": TrialDetail,
    "intervention": InterventionDetail,
    "measure": MeasureDetail,
    "group": GroupDetail,
}


class DetailPane(VerticalScroll):
    """Switches between the four detail views; `shown` is what it shows now.

    Only the group view (what the first screen shows) is built up front; the others are mounted the
    first time they are needed, so start-up mounts a quarter of the widgets."""

    BINDINGS = commands.bindings("detail")

    def __init__(self, dataset: Dataset, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dataset = dataset
        self.shown: Record | Branch | None = None
        self._marked: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="group"):
            yield GroupDetail(id="group")

    def _view(self, name: str) -> DetailView:
        """The view called `name`, mounted (hidden) now if it was not yet."""
        switcher = self.query_one(ContentSwitcher)
        try:
            return switcher.get_child_by_id(name, DetailView)
        except NoMatches:
            view = VIEWS[name](id=name)
            view.display = False
            switcher.mount(view)
            return view

    def show(self, shown: Record | Branch, marked: tuple[str, ...] = ()) -> None:
        """Show a record or a group, scrolled to the top when it changes."""
        if isinstance(shown, Trial):
            name = "trial"
        elif isinstance(shown, Intervention):
            name = "intervention"
        elif isinstance(shown, Measure):
            name = "measure"
        else:
            name = "group"
        view = self._view(name)
        # A view mounted just now is new content: scroll to the top once it is filled.
        changed = shown is not self.shown or not view._ready
        if not changed and marked == self._marked:
            return  # already showing exactly this (the catalog re-highlights its row after a jump)
        self.shown = shown
        self._marked = marked

        def fill() -> None:
            if self.shown is not shown:
                return  # something else was shown before this view was ready
            if isinstance(view, GroupDetail):
                view.show(shown, marked)  # type: ignore[arg-type]
            else:
                view.show(shown, self.dataset, marked)  # type: ignore[attr-defined]
            self.query_one(ContentSwitcher).current = name
            self.border_title = TITLES[name]
            if changed:
                self.scroll_home(animate=False)

        view.when_ready(fill)

    def refresh_marks(self, marked: tuple[str, ...]) -> None:
        """Show the same thing again with new marks (letters appear in titles and tables)."""
        if self.shown is not None:
            self.show(self.shown, marked)
