"""The main screen: the catalog tree on the left, the details of what is highlighted on the right.

The screen owns the browsing state (grouping, history) and routes keys and messages; the widgets only
render. Other screens (search, later) ask it to show a record with `show_record`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Tree

from .. import commands
from ..commands import GROUPING_TITLES
from ..core import model, text
from ..core.model import Dataset, Intervention, Measure, Record, Trial
from ..widgets import groupings
from ..widgets.catalog import CatalogTree
from ..widgets.detail_pane import DetailPane
from ..widgets.groupings import Branch
from ..widgets.messages import OpenLink, ShowRecord
from ..widgets.status_line import StatusLine
from ..widgets.too_small import TooSmall
from .history import History
from .size_guard import SizeGuard

if TYPE_CHECKING:
    from ..app import MSTrialsApp


def primary_link(record: Record) -> tuple[str, str] | None:
    """The page `o` opens, with a name for it: a trial's registry page, else its first publication,
    else its first source; for interventions and measures, the first source with a link."""
    if isinstance(record, Trial):
        for rid in record.registry_ids:
            url = model.registry_url(rid)
            if url:
                return url, f"{model.registry_name(rid)} record {text.one_line(rid)}"
        for publication in record.publications:
            if publication.link:
                return publication.link, f"publication {text.one_line(publication.citation)}"
    for source in record.sources:
        if source.link:
            return source.link, text.source_line(source)
    return None


class BrowserScreen(SizeGuard, Screen[None]):
    """The catalog and the details of what its cursor is on; the app's main screen."""

    BINDINGS = commands.bindings("browser")

    grouping: reactive[str] = reactive(groupings.DEFAULT_GROUPING, init=False)

    def __init__(self, dataset: Dataset, *, open_ref: str | None = None) -> None:
        super().__init__()
        self.dataset = dataset
        self.open_ref = open_ref
        self.history = History()

    @property
    def trials_app(self) -> MSTrialsApp:
        return cast("MSTrialsApp", self.app)

    @property
    def catalog(self) -> CatalogTree:
        return self.query_one(CatalogTree)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield CatalogTree(self.dataset, id="catalog")
            yield DetailPane(self.dataset, id="detail")
        yield StatusLine(id="status")
        yield Footer()
        yield TooSmall()

    def on_mount(self) -> None:
        catalog = self.catalog
        catalog.marked = self.trials_app.marked
        self._build_catalog()
        self.watch(self.app, "marked", self._marks_changed, init=False)
        catalog.focus()
        if self.open_ref:
            self._open_reference(self.open_ref)

    def _open_reference(self, reference: str) -> None:
        record = self.dataset.find(reference)
        if record is None:
            self.notify(
                f"Nothing matches {text.one_line(reference)!r}: give a trial id, acronym or registry id, "
                "an intervention or a measure.",
                title="Not found",
                severity="warning",
                markup=False,
            )
            return
        self.show_record(record)

    # Showing things -----------------------------------------------------------------------------------

    def show_record(self, record: Record) -> None:
        """Select `record` in the catalog (switching grouping if this one has no row for it) and show it."""
        if not self.catalog.has_record(record):
            self.grouping = groupings.home_grouping(record)
        self.catalog.select_record(record)
        self._show(record)

    def _show(self, shown: Record | Branch) -> None:
        self.detail.show(shown, self.trials_app.marked)
        if isinstance(shown, (Trial, Intervention, Measure)):
            self.history.visit(shown.id)

    def _show_cursor(self) -> None:
        node = self.catalog.cursor_node
        if node is not None and node.data is not None:
            branch = node.data
            self._show(branch.record if branch.record is not None else branch)

    @property
    def shown_record(self) -> Record | None:
        shown = self.detail.shown
        return shown if isinstance(shown, (Trial, Intervention, Measure)) else None

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[Branch]) -> None:
        # A regrouping or a jump can queue highlights of rows the cursor has already left; only the
        # row under the cursor counts (so history records what was really shown).
        branch = event.node.data
        if branch is not None and event.node is self.catalog.cursor_node:
            self._show(branch.record if branch.record is not None else branch)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[Branch]) -> None:
        # Groups expand (Tree does that); a trial has nothing to expand, so Enter moves into its details.
        branch = event.node.data
        if branch is not None and isinstance(branch.record, Trial):
            self.detail.focus()

    @on(ShowRecord)
    def _show_requested(self, event: ShowRecord) -> None:
        self.show_record(event.record)

    @on(OpenLink)
    def _open_requested(self, event: OpenLink) -> None:
        self.trials_app.open_link(event.url, event.what)

    # Grouping -----------------------------------------------------------------------------------------

    def _build_catalog(self) -> None:
        catalog = self.catalog
        catalog.set_grouping(self.grouping)
        catalog.border_title = f"By {GROUPING_TITLES[self.grouping]}"
        self._update_status()

    def watch_grouping(self) -> None:
        shown = self.shown_record
        self._build_catalog()
        # Keep showing the same record if the new grouping has a row for it.
        if shown is not None and self.catalog.select_record(shown):
            return
        self._show_cursor()

    def _update_status(self) -> None:
        self.query_one(StatusLine).show(self.dataset, self.grouping, self.trials_app.marked)

    def _marks_changed(self, marked: tuple[str, ...]) -> None:
        self.catalog.marked = marked
        self.detail.refresh_marks(marked)
        self._update_status()

    # Actions (from the command table) -------------------------------------------------------------

    def action_cycle_grouping(self) -> None:
        self.grouping = groupings.next_grouping(self.grouping)

    def action_group(self, grouping: str) -> None:
        if grouping in groupings.GROUPINGS:
            self.grouping = grouping

    def _shown_trial(self, doing: str) -> Trial | None:
        record = self.shown_record
        if isinstance(record, Trial):
            return record
        self.notify(f"Highlight a trial to {doing}.", severity="warning", markup=False)
        return None

    def action_toggle_mark(self) -> None:
        trial = self._shown_trial("mark it")
        if trial is not None:
            self.trials_app.toggle_mark(trial.id)

    def action_copy_citation(self) -> None:
        trial = self._shown_trial("copy its citation")
        if trial is not None:
            self.trials_app.copy_text(text.citation(trial), "Citation")

    def action_open_link(self) -> None:
        record = self.shown_record
        if record is None:
            self.notify("Highlight a trial, intervention or measure to open its page.", severity="warning")
            return
        found = primary_link(record)
        if found is None:
            self.trials_app.open_link(None, text.one_line(record.label))
        else:
            self.trials_app.open_link(*found)

    def action_back(self) -> None:
        self._go(self.history.back(), "Nothing further back.")

    def action_forward(self) -> None:
        self._go(self.history.forward(), "Nothing further forward.")

    def _go(self, record_id: str | None, nothing: str) -> None:
        record = self.dataset.by_id.get(record_id) if record_id else None
        if record is None:
            self.notify(nothing, markup=False)
            return
        self.show_record(record)
