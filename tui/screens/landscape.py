"""The landscape (L): the whole field at a glance, in four views of the same filtered trials.

1 the trials table with its facet bar, 2 the evidence matrix (interventions × measures), 3 forest plots of
the effects reported on each measure, 4 the timeline. One filter (the search language) narrows every view;
the facets narrow further. Everything shown is computed by `core.landscape`; the widgets only draw it. The
search runs in a worker thread; the views are redrawn when their tab is shown. Enter on a trial dismisses
the screen with it (the browser shows it), and the state is kept in a `LandscapeMemory` for next time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from .. import commands
from ..core import files, text
from ..core.export import to_json
from ..core.landscape import forest, matrix, table, timeline
from ..core.landscape.lines import Chart
from ..core.landscape.render_text import forest_chart, timeline_chart
from ..core.landscape.table import TableView
from ..core.model import Dataset, Record, Trial
from ..widgets.landscape.chart_view import ChartView
from ..widgets.landscape.matrix_grid import MatrixGrid
from ..widgets.landscape.trials_table import FacetBar, FacetToggled, LandscapeTable
from ..widgets.messages import ShowRecord, ToggleMark
from ..widgets.too_small import TooSmall
from .landscape_memory import LandscapeMemory
from .size_guard import SizeGuard

if TYPE_CHECKING:
    from ..core.search.session import SearchSession

TABS = tuple(commands.LANDSCAPE_TABS)
TAB_LABELS = {"table": "1 Trials", "matrix": "2 Matrix", "forest": "3 Forest", "timeline": "4 Timeline"}
EXPORTS = {"md": ("Markdown", ".md"), "json": ("JSON", ".json"), "csv": ("CSV", ".csv")}
PLACEHOLDER = "words and filters: phase:2 year:>2018 n:>50 maxphase:<3 measure:vep …"


def exported(dataset: Dataset, view: TableView, fmt: str) -> str:
    """The trials table's rows in an export format."""
    if fmt == "json":
        return to_json(table.rows_dict(view)) + "\n"
    if fmt == "csv":
        return table.rows_csv(dataset, view)
    return table.rows_markdown(view) + "\n"


def empty_chart(message: str) -> Callable[[int], Chart]:
    return lambda width: Chart((), (((message, "muted"),),), (None,))


class LandscapeScreen(SizeGuard, Screen[Record | None]):
    """Four views of the filtered trials; dismissed with the trial to show, or None."""

    BINDINGS = commands.bindings("landscape")

    marked: reactive[tuple[str, ...]] = reactive((), init=False)

    def __init__(
        self,
        dataset: Dataset,
        session: SearchSession,
        memory: LandscapeMemory | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.dataset = dataset
        self.session = session
        self.memory = memory or LandscapeMemory()
        self.today = today or date.today()
        self.view = table.table_view(dataset, "", self.memory.chosen, self.memory.sort, self.memory.descending)
        self._stale = set(TABS)
        self._measures: tuple[str, ...] = ()

    # Layout ----------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="landscape-filter"):
            yield Label("Filter ", id="landscape-filter-label")
            yield Input(self.memory.query, placeholder=PLACEHOLDER, id="landscape-query", select_on_focus=False)
        with TabbedContent(initial=self.memory.tab, id="landscape-tabs"):
            with TabPane(TAB_LABELS["table"], id="table"), Horizontal(id="table-pane"):
                yield FacetBar(id="facets")
                yield LandscapeTable(id="trials-table")
            with TabPane(TAB_LABELS["matrix"], id="matrix"):
                yield MatrixGrid(id="matrix-grid")
            with TabPane(TAB_LABELS["forest"], id="forest"):
                yield ChartView(id="forest-chart")
            with TabPane(TAB_LABELS["timeline"], id="timeline"):
                yield ChartView(id="timeline-chart")
        yield Static(id="landscape-status")
        yield Footer()
        yield TooSmall()

    def on_mount(self) -> None:
        self.title = "Landscape"
        self.marked = getattr(self.app, "marked", ())
        self.watch(self.app, "marked", self._marks_changed, init=False)
        self.query_one(FacetBar).display = self.memory.facets_shown
        if self.memory.query.strip():
            self._search(self.memory.query, self.memory.chosen)
        else:
            self._apply(self.view)
        self.call_after_refresh(self._focus_view)

    @property
    def tab(self) -> str:
        return self.memory.tab

    @property
    def trials_table(self) -> LandscapeTable:
        return self.query_one(LandscapeTable)

    @property
    def grid(self) -> MatrixGrid:
        return self.query_one(MatrixGrid)

    def chart(self, tab: str) -> ChartView:
        return self.query_one(f"#{tab}-chart", ChartView)

    def _focus_view(self) -> None:
        widget = {"table": self.trials_table, "matrix": self.grid}.get(self.tab) or self.chart(self.tab)
        widget.focus()

    # Filtering -------------------------------------------------------------------------------------------

    @on(Input.Changed, "#landscape-query")
    def _query_changed(self, event: Input.Changed) -> None:
        self.memory.query = event.value
        self._filter()

    @on(Input.Submitted, "#landscape-query")
    def _query_submitted(self, event: Input.Submitted) -> None:
        self._focus_view()

    @on(FacetToggled)
    def _facet_toggled(self, event: FacetToggled) -> None:
        event.stop()
        self.memory.chosen = table.toggled(self.memory.chosen, event.facet, event.value)
        self._filter()

    def _filter(self) -> None:
        query, chosen = self.memory.query, self.memory.chosen
        if query.strip():
            self._search(query, chosen)
        else:
            self.workers.cancel_group(self, "landscape-search")
            self._apply(table.table_view(self.dataset, "", chosen, self.memory.sort, self.memory.descending))

    @work(thread=True, exclusive=True, group="landscape-search", exit_on_error=False)
    def _search(self, query: str, chosen: table.Chosen) -> None:
        view = table.table_view(
            self.dataset, query, chosen, self.memory.sort, self.memory.descending, self.session.search_all
        )
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._apply, view)

    def _apply(self, view: TableView) -> None:
        if view.query != self.memory.query or view.chosen != self.memory.chosen:
            return  # an older answer: a newer one is on its way
        self.view = view
        self._stale = set(TABS)
        self._refresh_tab(self.tab)
        self.sub_title = f"{len(view.rows):,} of {text.count(view.total, 'trial')}"

    # Drawing the views ------------------------------------------------------------------------------------

    def _refresh_tab(self, tab: str) -> None:
        """Draw a view from the current trials (the others are drawn when their tab is shown)."""
        view = self.view
        cursors = self.memory.cursors
        if tab == "table":
            self.query_one(FacetBar).show(view.facets)
            self.trials_table.show(view, self.marked, keep=cursors.get("table"))
        elif tab == "matrix":
            found = matrix.evidence_matrix(self.dataset, view.trials, self.memory.matrix_order, view.interventions)
            grid = self.grid
            if grid.matrix is None and self.memory.cell is not None:
                grid.matrix = found
                rows = [r.intervention.id for r in found.rows]
                columns = [c.measure.id for c in found.columns]
                intervention, measure = self.memory.cell
                grid.row = rows.index(intervention) if intervention in rows else 0
                grid.column = columns.index(measure) if measure in columns else 0
            grid.show(found)
        elif tab == "forest":
            self._draw_forest()
        elif tab == "timeline":
            found_line = timeline.timeline(self.dataset, view.trials, today=self.today, grouping=self.memory.grouping)
            label = f" ({self.today.isoformat()})"
            self.chart("timeline").show(lambda width: timeline_chart(found_line, width, label), cursors.get("timeline"))
        self._stale.discard(tab)
        self._describe()

    def _draw_forest(self) -> None:
        measures = forest.forest_measures(self.dataset, self.view.trials)
        self._measures = tuple(m.id for m in measures)
        view = self.chart("forest")
        if not measures:
            view.show(empty_chart("None of these trials has an outcome on a measure."))
            return
        if self.memory.measure_id not in self._measures:
            self.memory.measure_id = measures[0].id
        measure = next(m for m in measures if m.id == self.memory.measure_id)
        plot = forest.forest_plot(self.dataset, measure, self.view.trials)
        view.show(lambda width: forest_chart(plot, width), self.memory.cursors.get("forest"))

    def _describe(self) -> None:
        """The status line: what the view shows and how to change it; the filter's problems first."""
        view = self.view
        status = self.query_one("#landscape-status", Static)
        if view.errors:
            status.update(Text(f"⚠ {text.one_line(view.errors[0])}", style="bold"))
            return
        said: str
        if self.tab == "table":
            said = table.description(view) + " · s/S sort, r reverse, F facets"
        elif self.tab == "matrix":
            found = self.grid.matrix
            shape = f"{len(found.rows)} interventions × {len(found.columns)} measures" if found else ""
            said = f"{shape} · rows by {matrix.ORDER_TITLES[self.memory.matrix_order]} (s) · Enter lists a cell"
        elif self.tab == "forest":
            count = len(self._measures)
            place = self._measures.index(self.memory.measure_id) + 1 if self.memory.measure_id in self._measures else 0
            said = f"Measure {place} of {count} · [ ] other measures · Enter shows a trial"
        else:
            said = f"Grouped by {timeline.GROUPING_TITLES[self.memory.grouping]} (v) · today {self.today.isoformat()}"
        if view.warnings:
            said = f"⚠ {text.one_line(view.warnings[0])} · {said}"
        status.update(Text(said))

    def _marks_changed(self, marked: tuple[str, ...]) -> None:
        self.marked = marked
        if self.tab == "table":
            self.trials_table.show(self.view, marked)
        else:
            self._stale.add("table")

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        tab = event.pane.id or "table"
        if tab not in TABS:
            return
        self._remember_cursors()
        self.memory.tab = tab
        if tab in self._stale:
            self._refresh_tab(tab)
        self._describe()
        self._focus_view()

    def _remember_cursors(self) -> None:
        cursors = self.memory.cursors
        if self.trials_table.trial_id:
            cursors["table"] = self.trials_table.trial_id
        for tab in ("forest", "timeline"):
            target = self.chart(tab).target
            if target:
                cursors[tab] = target
        if self.grid.cell_keys:
            self.memory.cell = self.grid.cell_keys

    # Actions (from the command table) ---------------------------------------------------------------------

    def action_show_tab(self, tab: str) -> None:
        if tab in TABS:
            self.query_one(TabbedContent).active = tab

    def action_focus_filter(self) -> None:
        self.query_one("#landscape-query", Input).focus()

    def action_sort(self, step: int) -> None:
        if self.tab == "table":
            self.memory.sort = table.next_sort(self.memory.sort, step)
            self._resort()
        elif self.tab == "matrix":
            self.memory.matrix_order = matrix.next_order(self.memory.matrix_order, step)
            self._refresh_tab("matrix")
        else:
            self.notify("s sorts the trials table (1) and the matrix (2).", markup=False)

    def action_reverse(self) -> None:
        if self.tab != "table":
            self.notify("r reverses the trials table's order (1).", markup=False)
            return
        self.memory.descending = not self.memory.descending
        self._resort()

    def _resort(self) -> None:
        self.view = table.resorted(self.view, self.memory.sort, self.memory.descending)
        self.trials_table.show(self.view, self.marked)
        self._describe()

    def action_toggle_facets(self) -> None:
        bar = self.query_one(FacetBar)
        self.memory.facets_shown = not bar.display
        bar.display = self.memory.facets_shown
        if not bar.display and bar.has_focus:
            self.trials_table.focus()

    def action_clear_filters(self) -> None:
        self.memory.chosen = ()
        field = self.query_one("#landscape-query", Input)
        if field.value:
            field.value = ""  # Input.Changed filters again
        else:
            self._filter()

    def action_measure(self, step: int) -> None:
        if self.tab != "forest":
            self.notify("[ and ] change the measure of the forest plots (3).", markup=False)
            return
        if not self._measures:
            return
        index = self._measures.index(self.memory.measure_id) if self.memory.measure_id in self._measures else 0
        self.memory.measure_id = self._measures[(index + step) % len(self._measures)]
        self.memory.cursors.pop("forest", None)
        self._draw_forest()
        self._describe()

    def action_cycle_grouping(self) -> None:
        if self.tab != "timeline":
            self.notify("v regroups the timeline (4).", markup=False)
            return
        self.memory.grouping = timeline.next_grouping(self.memory.grouping)
        self._refresh_tab("timeline")

    def _highlighted_trial(self) -> Trial | None:
        if self.tab == "table":
            return self.trials_table.trial
        if self.tab in ("forest", "timeline"):
            record = self.dataset.by_id.get(self.chart(self.tab).target or "")
            return record if isinstance(record, Trial) else None
        return None

    def action_open(self) -> None:
        if self.tab == "matrix":
            self._open_cell()
            return
        trial = self._highlighted_trial()
        if trial is not None:
            self._leave(trial)

    def _open_cell(self) -> None:
        from .cell_trials import CellTrialsScreen

        found = self.grid.current
        if found is None:
            return
        row, column = found
        cell = row.cell(column.measure.id)
        if not cell.entries:
            self.notify("No trial tested this intervention with this measure.", markup=False)
            return

        def chosen(trial: Trial | None) -> None:
            if trial is not None:
                self._leave(trial)

        self.app.push_screen(CellTrialsScreen(row.intervention, column.measure, cell, self.marked), chosen)

    def action_toggle_mark(self) -> None:
        trial = self._highlighted_trial()
        if trial is None:
            self.notify("Highlight a trial to mark it (in the matrix, Enter lists a cell's trials).", markup=False)
            return
        self.post_message(ToggleMark(trial.id))

    def action_compare(self) -> None:
        trials = [t for t in (self.dataset.by_id.get(tid) for tid in self.marked) if isinstance(t, Trial)]
        if len(trials) < 2:
            self.notify("Mark two trials with m first.", title="Nothing to compare", severity="warning", markup=False)
            return
        from .comparison import ComparisonScreen

        def back(record: Record | None) -> None:
            if record is not None:
                self._leave(record)

        self.app.push_screen(ComparisonScreen(self.dataset, trials[0], trials[1], self.session.search), back)

    def action_export(self, fmt: str) -> None:
        name, suffix = EXPORTS[fmt]
        try:
            path = files.save_export("landscape-trials", suffix, exported(self.dataset, self.view, fmt))
        except OSError as error:
            self.notify(f"Could not save the {name} file: {error.strerror}", severity="error", markup=False)
            return
        self.notify(
            f"{text.count(len(self.view.rows), 'trial')} saved as {path}.",
            title=f"Trials exported as {name}",
            timeout=8,
            markup=False,
        )

    def action_close(self) -> None:
        if isinstance(self.focused, Input):
            self._focus_view()
            return
        self._leave(None)

    def _leave(self, record: Record | None) -> None:
        self._remember_cursors()
        self.dismiss(record)

    @on(ShowRecord)
    def _show_elsewhere(self, event: ShowRecord) -> None:
        # A table row's Enter, or a search or palette result: the browser below shows it.
        event.stop()
        self._leave(event.record)
