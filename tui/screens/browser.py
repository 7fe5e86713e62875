"""The main screen: the catalog tree on the left, the details of what is highlighted on the right.

The screen owns the browsing state (grouping, tree width, history) and routes keys and messages; the
widgets only render. Screens it opens (comparison, picker) hand a record back through their `dismiss`
result, and the search (opened by the App) posts `ShowRecord` here.
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
from ..core import groupings, links, text
from ..core.groupings import GROUPING_TITLES, Branch
from ..core.history import History
from ..core.model import Dataset, Intervention, Measure, Record, Trial
from ..core.settings import TREE_WIDTHS
from ..widgets.catalog import CatalogTree
from ..widgets.detail_pane import DetailPane
from ..widgets.labels import mark_letter
from ..widgets.messages import CopyText, OpenLink, ShowRecord, ToggleMark
from ..widgets.status_line import StatusLine
from ..widgets.too_small import TooSmall
from .comparison_memory import ComparisonMemory
from .size_guard import SizeGuard

if TYPE_CHECKING:
    from ..app import MSTrialsApp
    from .landscape_memory import LandscapeMemory


def primary_link(record: Record) -> tuple[str, str] | None:
    """The page `o` opens, with a name for it: a trial's registry record, else its first publication,
    else its first source; for interventions and measures, the first source with a link."""
    if isinstance(record, Trial):
        for rid in record.registry_ids:
            url = links.registry_url(rid)
            if url:
                return url, f"{links.registry_name(rid)} record {text.one_line(rid)}"
        for publication in record.publications:
            if publication.link:
                return publication.link, "the publication"
    for source in record.sources:
        if source.link:
            return source.link, text.source_line(source)
    return None


class BrowserScreen(SizeGuard, Screen[None]):
    """The catalog and the details of what its cursor is on; the app's main screen."""

    BINDINGS = commands.bindings("browser")

    grouping: reactive[str] = reactive(groupings.DEFAULT_GROUPING, init=False)
    marked: reactive[tuple[str, ...]] = reactive((), init=False)
    tree_width: reactive[int | None] = reactive(None, init=False)

    def __init__(
        self,
        dataset: Dataset,
        *,
        open_ref: str | None = None,
        compare_refs: tuple[str, str] | None = None,
        grouping: str = groupings.DEFAULT_GROUPING,
        tree_width: int | None = None,
    ) -> None:
        super().__init__()
        self.dataset = dataset
        self.open_ref = open_ref
        self.compare_refs = compare_refs
        self.history = History()
        self._history_pending = False
        self.comparison_memory = ComparisonMemory()
        self.set_reactive(
            BrowserScreen.grouping, grouping if grouping in groupings.GROUPINGS else groupings.DEFAULT_GROUPING
        )
        self.set_reactive(BrowserScreen.tree_width, tree_width)

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
            yield CatalogTree(self.dataset, id="catalog").data_bind(BrowserScreen.marked)
            yield DetailPane(self.dataset, id="detail").data_bind(BrowserScreen.marked)
        yield StatusLine(self.dataset, id="status").data_bind(BrowserScreen.marked, BrowserScreen.grouping)
        yield Footer()
        yield TooSmall()

    def on_mount(self) -> None:
        self.watch(self.app, "marked", self._marks_changed)
        self._apply_tree_width()
        self._build_catalog()
        self.catalog.focus()
        if self.open_ref:
            self._open_reference(self.open_ref)
        if self.compare_refs:
            found = [self.dataset.find_trial(ref) for ref in self.compare_refs]
            if found[0] is not None and found[1] is not None:
                self.call_after_refresh(self.open_comparison, found[0], found[1])

    def _marks_changed(self, marked: tuple[str, ...]) -> None:
        self.marked = marked

    def _open_reference(self, reference: str) -> None:
        record = self.dataset.find(reference)
        if record is None:
            self.notify(
                f"Nothing matches {text.one_line(reference)!r}.", title="Not found", severity="warning", markup=False
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
        self.detail.show(shown)
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
        event.stop()
        self.show_record(event.record)

    def shown_from(self, record: Record | None) -> None:
        """The result of a screen this one opened: a record to show, or nothing."""
        if record is not None:
            self.show_record(record)

    # Grouping and layout --------------------------------------------------------------------------------

    def _build_catalog(self) -> None:
        self.catalog.set_grouping(self.grouping)
        self.catalog.border_title = f"By {GROUPING_TITLES[self.grouping]}"

    def watch_grouping(self, grouping: str) -> None:
        shown = self.shown_record
        self._build_catalog()
        self.trials_app.remember(grouping=grouping)
        # Keep showing the same record if the new grouping has a row for it.
        if shown is not None and self.catalog.select_record(shown):
            return
        self._show_cursor()

    def watch_tree_width(self) -> None:
        self._apply_tree_width()
        self.trials_app.remember(tree_width=self.tree_width)

    def _apply_tree_width(self) -> None:
        # None: the stylesheet sizes the tree to the terminal; a number is the user's choice.
        self.catalog.styles.width = self.tree_width

    # Actions (from the command table) -------------------------------------------------------------

    def action_cycle_grouping(self) -> None:
        self.grouping = groupings.next_grouping(self.grouping)

    def action_group(self, grouping: str) -> None:
        if grouping in groupings.GROUPINGS:
            self.grouping = grouping

    def action_resize_tree(self, step: int) -> None:
        widths = TREE_WIDTHS
        current = self.tree_width if self.tree_width is not None else self.catalog.outer_size.width
        nearest = min(range(len(widths)), key=lambda i: abs(widths[i] - current))
        index = max(0, min(len(widths) - 1, nearest + step))
        if widths[index] == self.tree_width:
            self.notify("The tree is as " + ("wide" if step > 0 else "narrow") + " as it gets.", markup=False)
        self.tree_width = widths[index]

    def _shown_trial(self, doing: str) -> Trial | None:
        record = self.shown_record
        if isinstance(record, Trial):
            return record
        self.notify(f"Highlight a trial to {doing}.", severity="warning", markup=False)
        return None

    def action_toggle_mark(self) -> None:
        trial = self._shown_trial("mark it")
        if trial is not None:
            self.post_message(ToggleMark(trial.id))

    def action_copy_citation(self) -> None:
        trial = self._shown_trial("copy its citation")
        if trial is not None:
            self.post_message(CopyText(text.citation(trial), "Citation", f"citation-{trial.id}"))

    def action_open_link(self) -> None:
        record = self.shown_record
        if record is None:
            self.notify("Highlight a trial, intervention or measure to open its page.", severity="warning")
            return
        found = primary_link(record)
        if found is None:
            self.post_message(OpenLink(None, text.one_line(record.label)))
        else:
            self.post_message(OpenLink(*found))

    def action_back(self) -> None:
        self._go(self.history.back(), "Nothing further back.")

    def action_forward(self) -> None:
        self._go(self.history.forward(), "Nothing further forward.")

    def _go(self, record_id: str | None, nothing: str) -> None:
        """Move in the history; a held key moves many steps but shows only where it stops (once)."""
        if record_id is None:
            if not self._history_pending:
                self.notify(nothing, markup=False)
            return
        if not self._history_pending:
            self._history_pending = True
            self.call_after_refresh(self._show_history)

    def _show_history(self) -> None:
        self._history_pending = False
        record = self.dataset.by_id.get(self.history.current or "")
        if record is not None:
            self.show_record(record)

    # Comparison -------------------------------------------------------------------------------------

    def action_compare(self) -> None:
        """C: compare the two marked trials; with one marked, pick the other; with none, say how."""
        trials = [t for t in (self.dataset.by_id.get(tid) for tid in self.marked) if isinstance(t, Trial)]
        if len(trials) >= 2:
            self.open_comparison(trials[0], trials[1])
            return
        if not trials:
            self.notify(
                "No trials are marked. Press m on a trial, then on a second one, then C.",
                title="Nothing to compare",
                severity="warning",
                markup=False,
            )
            return
        first = trials[0]
        letter = mark_letter(first.id, self.marked) or "A"
        label = f"[{letter}] {text.one_line(first.label)}"

        def picked(trial_id: str | None) -> None:
            other = self.dataset.by_id.get(trial_id) if trial_id else None
            if isinstance(other, Trial):
                self.open_comparison(first, other)

        from .comparison_picker import ComparisonPicker

        picker = ComparisonPicker(self.trials_app.search_session.search, f"Compare {label} with…", {first.id: letter})
        self.app.push_screen(picker, picked)

    # Landscape --------------------------------------------------------------------------------------

    landscape_memory: LandscapeMemory | None = None

    def action_landscape(self) -> None:
        """L: the landscape of every trial, as it was left; the trial chosen there is shown here."""
        from .landscape import LandscapeScreen
        from .landscape_memory import LandscapeMemory

        if self.landscape_memory is None:
            self.landscape_memory = LandscapeMemory()
        screen = LandscapeScreen(self.dataset, self.trials_app.search_session, self.landscape_memory)
        self.app.push_screen(screen, self.shown_from)

    def open_comparison(self, a: Trial, b: Trial) -> None:
        from .comparison import ComparisonScreen

        search = self.trials_app.search_session.search
        self.app.push_screen(ComparisonScreen(self.dataset, a, b, search, self.comparison_memory), self.shown_from)
