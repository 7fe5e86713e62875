"""The one table of commands: every key binding, footer entry, palette entry and help line comes from here.

A `Command` names a key (or several), the action it runs, and where that action lives (`scope`): the App,
the browser screen, the catalog tree, the detail pane, the lists inside it, or the help screen. Widgets
build their `BINDINGS` with `bindings(scope)`, the App feeds the palette from `palette_commands()` and the
help screen prints `COMMANDS` grouped by section, so a key can never be documented one way and bound
another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.binding import Binding, BindingType
from textual.command import Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.keys import format_key

from .core import text, vocab
from .core.groupings import GROUPING_TITLES
from .core.model import Intervention, Measure, Record, Trial
from .widgets.messages import ShowRecord

if TYPE_CHECKING:
    from .app import MSTrialsApp

# Scopes, in the order the help screen lists them (most general last).
SCOPES = (
    "catalog",
    "detail",
    "lists",
    "browser",
    "search",
    "comparison",
    "picker",
    *("landscape", "chart", "matrix", "facets", "cell_trials"),  # the landscape (L), see LANDSCAPE_COMMANDS
    "app",
    "help",
)
SCOPE_TITLES = {
    "catalog": "Catalog tree (left pane)",
    "detail": "Detail pane (right pane)",
    "lists": "Lists and tables inside the detail pane",
    "browser": "Browsing",
    "search": "Search (/)",
    "comparison": "Comparison (C)",
    "picker": "Picking a trial to compare",
    "landscape": "Landscape (L): trials table, evidence matrix, forest plots, timeline",
    "chart": "Landscape: moving in the table, forest plots and timeline",
    "matrix": "Landscape: moving in the evidence matrix",
    "facets": "Landscape: the facet bar beside the trials table",
    "cell_trials": "Landscape: the trials of a matrix cell",
    "app": "Anywhere",
    "help": "This help screen",
}


@dataclass(frozen=True, slots=True)
class Command:
    """One user command: its keys, the action it runs and how it is described everywhere."""

    keys: tuple[str, ...]  # Textual key names; the first one is shown in the footer
    action: str  # an action string for the scope's namespace, e.g. "group('phase')"
    title: str  # palette title and help line label, e.g. "Group by phase"
    help: str  # one sentence for the help screen and the palette
    scope: str
    footer: str | None = None  # short footer label; None keeps it out of the footer
    palette: bool = False
    bind: bool = True  # False: Textual binds this key itself (documented here, bound there)
    priority: bool = False  # before the focused widget (keys a text box would otherwise take)
    name: str | None = None  # the binding id's name when the action's would be taken twice

    @property
    def id(self) -> str:
        """The binding id a settings file remaps: 'browser.group_phase', 'app.search'."""
        name = self.name or re.sub(r"[^a-z0-9]+", "_", self.action.lower()).strip("_")
        return f"{self.scope}.{name}"

    @property
    def key_display(self) -> str:
        """The keys as a reader types them: '↓ j', '[ alt+←'."""
        return " ".join(display_key(key) for key in self.keys)

    def binding(self) -> Binding:
        return Binding(
            ",".join(self.keys),
            self.action,
            self.footer or self.title,
            show=self.footer is not None,
            tooltip=self.help,
            id=self.id,
            priority=self.priority,
            key_display=display_key(self.keys[0]) if self.priority else None,
        )


def display_key(key: str) -> str:
    """A Textual key name as printed on a keyboard ('question_mark' -> '?', 'ctrl+p' -> '^p')."""
    *modifiers, name = key.split("+")
    # Spelled out where Textual's symbol (⏎ for enter) is missing from some terminal fonts.
    shown = "enter" if name == "enter" else format_key(name)
    if modifiers == ["ctrl"]:
        return f"^{shown}"
    return "+".join([*modifiers, shown])


def _grouping_commands() -> tuple[Command, ...]:
    return tuple(
        Command(
            (str(number),),
            f"group('{grouping}')",
            f"Group by {title}",
            f"Show the catalog grouped by {title}.",
            "browser",
            palette=True,
        )
        for number, (grouping, title) in enumerate(GROUPING_TITLES.items(), start=1)
    )


# The landscape: the screen's keys, then those of its views (bound by each widget).
LANDSCAPE_TABS = {
    "table": "trials table",
    "matrix": "evidence matrix",
    "forest": "forest plots",
    "timeline": "timeline",
}
LANDSCAPE_COMMANDS: tuple[Command, ...] = (
    *(
        Command(
            (str(number),),
            f"show_tab('{tab}')",
            f"Show the {title}",
            f"Switch the landscape to the {title}.",
            "landscape",
            palette=True,
        )
        for number, (tab, title) in enumerate(LANDSCAPE_TABS.items(), start=1)
    ),
    Command(
        ("slash",),
        "focus_filter",
        "Filter trials",
        "Type search words and filters (phase:2 year:>2018 n:>50 maxphase:<3 …); every view shows only those"
        " trials. Enter or Esc goes back to the view.",
        "landscape",
        footer="Filter",
        palette=True,
    ),
    Command(
        ("s",),
        "sort(1)",
        "Sort by the next column",
        "Trials table: sort by the next column; matrix: order rows by highest phase, evidence or name.",
        "landscape",
        footer="Sort",
        palette=True,
    ),
    Command(
        ("S",),
        "sort(-1)",
        "Sort by the previous column",
        "Sort the other way round the columns.",
        "landscape",
        name="sort_previous",
    ),
    Command(("r",), "reverse", "Reverse the order", "Trials table: reverse the sort order.", "landscape", palette=True),
    Command(
        ("F",),
        "toggle_facets",
        "Show or hide the facets",
        "Show or hide the facet bar beside the trials table (its choices stay applied).",
        "landscape",
        palette=True,
    ),
    Command(("x",), "clear_filters", "Clear filters", "Clear the filter and every facet.", "landscape", palette=True),
    Command(
        ("right_square_bracket",),
        "measure(1)",
        "Next measure",
        "Forest plots: show the next measure.",
        "landscape",
        name="next_measure",
        palette=True,
    ),
    Command(
        ("left_square_bracket",),
        "measure(-1)",
        "Previous measure",
        "Forest plots: show the previous measure.",
        "landscape",
        name="previous_measure",
        palette=True,
    ),
    Command(
        ("v",),
        "cycle_grouping",
        "Regroup the timeline",
        "Timeline: group the trials by mechanism or by phase.",
        "landscape",
        palette=True,
    ),
    Command(
        ("enter",),
        "open",
        "Open",
        "Show the highlighted trial in the browser; in the matrix, list the trials of the highlighted cell.",
        "landscape",
        footer="Open",
    ),
    Command(
        ("m", "c"),
        "toggle_mark",
        "Mark trial",
        "Mark or unmark the highlighted trial for comparison (two at most).",
        "landscape",
        footer="Mark",
        palette=True,
    ),
    Command(
        ("C",),
        "compare",
        "Compare marked trials",
        "Compare the two marked trials side by side.",
        "landscape",
        palette=True,
    ),
    Command(
        ("e",),
        "export('md')",
        "Export trials as Markdown",
        "Save the trials table's rows (as filtered and sorted) as a Markdown table in the current folder.",
        "landscape",
        footer="Export",
        palette=True,
    ),
    Command(
        ("J",), "export('json')", "Export trials as JSON", "Save the table's rows as JSON.", "landscape", palette=True
    ),
    Command(
        ("X",),
        "export('csv')",
        "Export trials as CSV",
        "Save the table's rows as CSV (every field).",
        "landscape",
        palette=True,
    ),
    Command(
        ("escape", "q"),
        "close",
        "Close landscape",
        "Go back to the browser.",
        "landscape",
        footer="Close",
        palette=True,
    ),
    # Moving in the trials table, a forest plot, the timeline.
    Command(("down", "j"), "cursor_down", "Next trial", "Move to the next trial.", "chart"),
    Command(("up", "k"), "cursor_up", "Previous trial", "Move to the previous trial.", "chart"),
    Command(("pagedown",), "page_down", "Page down", "Move down a page.", "chart"),
    Command(("pageup",), "page_up", "Page up", "Move up a page.", "chart"),
    Command(("home", "g"), "scroll_top", "First trial", "Move to the first trial.", "chart"),
    Command(("end", "G"), "scroll_bottom", "Last trial", "Move to the last trial.", "chart"),
    # Moving in the evidence matrix.
    Command(("down", "j"), "cursor_down", "Next intervention", "Move down a row.", "matrix"),
    Command(("up", "k"), "cursor_up", "Previous intervention", "Move up a row.", "matrix"),
    Command(("right", "l"), "cursor_right", "Next measure", "Move right a column.", "matrix"),
    Command(("left", "h"), "cursor_left", "Previous measure", "Move left a column.", "matrix"),
    Command(("pagedown",), "page_down", "Page down", "Move down a page.", "matrix"),
    Command(("pageup",), "page_up", "Page up", "Move up a page.", "matrix"),
    Command(("home", "g"), "scroll_top", "First intervention", "Move to the first row.", "matrix"),
    Command(("end", "G"), "scroll_bottom", "Last intervention", "Move to the last row.", "matrix"),
    Command(("0",), "first_column", "First measure", "Move to the first column.", "matrix"),
    Command(("dollar_sign",), "last_column", "Last measure", "Move to the last column.", "matrix"),
    # The facet bar.
    Command(("down",), "cursor_down", "Next entry", "Highlight the next facet entry.", "facets", bind=False),
    Command(("up",), "cursor_up", "Previous entry", "Highlight the previous facet entry.", "facets", bind=False),
    Command(
        ("space", "enter"),
        "select",
        "Toggle entry",
        "Choose or drop the highlighted entry (■ chosen): entries of one facet are alternatives, facets combine.",
        "facets",
    ),
    # The trials of a matrix cell (Enter in the matrix).
    Command(("escape",), "close", "Close list", "Go back to the matrix.", "cell_trials"),
    Command(("m", "c"), "toggle_mark", "Mark trial", "Mark or unmark the highlighted trial.", "cell_trials"),
)

COMMANDS: tuple[Command, ...] = (
    # Catalog tree. Arrow keys repeat Textual's own Tree bindings so that help lists them too.
    Command(("down", "j"), "cursor_down", "Down", "Move to the next row.", "catalog"),
    Command(("up", "k"), "cursor_up", "Up", "Move to the previous row.", "catalog"),
    Command(
        ("right", "l"),
        "expand_or_child",
        "Open group",
        "Expand a group, or move into it when already expanded.",
        "catalog",
    ),
    Command(
        ("left", "h"),
        "collapse_or_parent",
        "Close group",
        "Collapse a group, or move to the group that holds this row.",
        "catalog",
    ),
    Command(("home", "g"), "scroll_home", "Top", "Move to the first row.", "catalog"),
    Command(("end", "G"), "scroll_end", "Bottom", "Move to the last row.", "catalog"),
    Command(("pageup",), "page_up", "Page up", "Move up one page.", "catalog"),
    Command(("pagedown",), "page_down", "Page down", "Move down one page.", "catalog"),
    Command(
        ("enter",),
        "select_cursor",
        "Open",
        "Expand or collapse a group; on a trial, move into its details.",
        "catalog",
    ),
    Command(("space",), "toggle_node", "Expand", "Expand or collapse the group.", "catalog"),
    Command(
        ("shift+space",),
        "toggle_expand_all",
        "Expand all",
        "Expand or collapse this row and all its siblings.",
        "catalog",
    ),
    Command(("shift+left",), "cursor_parent", "Parent", "Move to the parent row.", "catalog"),
    Command(
        ("shift+up",),
        "cursor_previous_sibling",
        "Previous sibling",
        "Move to the previous sibling.",
        "catalog",
    ),
    Command(("shift+down",), "cursor_next_sibling", "Next sibling", "Move to the next sibling.", "catalog"),
    # Detail pane (a scrolling container).
    Command(("down", "j"), "scroll_down", "Scroll down", "Scroll the details down.", "detail"),
    Command(("up", "k"), "scroll_up", "Scroll up", "Scroll the details up.", "detail"),
    Command(("pagedown", "space"), "page_down", "Page down", "Scroll the details down a page.", "detail"),
    Command(("pageup",), "page_up", "Page up", "Scroll the details up a page.", "detail"),
    Command(("home", "g"), "scroll_home", "Top", "Scroll to the top of the details.", "detail"),
    Command(("end", "G"), "scroll_end", "Bottom", "Scroll to the end of the details.", "detail"),
    # Lists and tables inside the detail pane (measures, trials, publications, sources).
    Command(("down", "j"), "cursor_down", "Next item", "Highlight the next item.", "lists"),
    Command(("up", "k"), "cursor_up", "Previous item", "Highlight the previous item.", "lists"),
    Command(
        ("enter",),
        "select",
        "Open item",
        "Show the highlighted measure, trial or intervention, or open the highlighted link.",
        "lists",
    ),
    # Browsing: the browser screen.
    Command(
        ("v",),
        "cycle_grouping",
        "Next grouping",
        "Switch the catalog to the next grouping (mechanism, kind, measure, phase, result, status, year).",
        "browser",
        footer="Group",
        palette=True,
    ),
    *_grouping_commands(),
    Command(
        ("C",),
        "compare",
        "Compare marked trials",
        "Compare the two trials marked with m side by side (with one marked, pick the other).",
        "browser",
        footer="Compare",
        palette=True,
    ),
    Command(
        ("L",),
        "landscape",
        "Landscape",
        "Open the landscape: the trials table with facets, the evidence matrix, forest plots and the timeline.",
        "browser",
        footer="Landscape",
        palette=True,
    ),
    Command(
        ("w",),
        "resize_tree(1)",
        "Wider tree",
        "Make the catalog tree wider (remembered in the settings).",
        "browser",
        palette=True,
    ),
    Command(
        ("W",),
        "resize_tree(-1)",
        "Narrower tree",
        "Make the catalog tree narrower (remembered in the settings).",
        "browser",
        palette=True,
    ),
    Command(
        ("m", "c"),
        "toggle_mark",
        "Mark trial",
        "Mark or unmark the shown trial for comparison (two at most; a third drops the oldest).",
        "browser",
        footer="Mark",
        palette=True,
    ),
    Command(
        ("y",),
        "copy_citation",
        "Copy citation",
        "Copy the shown trial's citation (registry records and papers, with their links).",
        "browser",
        palette=True,
    ),
    Command(
        ("o",),
        "open_link",
        "Open web page",
        "Open the shown trial's registry record (else its paper) in the web browser; the link is also saved.",
        "browser",
        palette=True,
    ),
    Command(
        ("left_square_bracket", "alt+left"),
        "back",
        "Back",
        "Show the previously viewed record.",
        "browser",
        palette=True,
    ),
    Command(
        ("right_square_bracket", "alt+right"),
        "forward",
        "Forward",
        "Show the next viewed record again.",
        "browser",
        palette=True,
    ),
    # Anywhere: the App.
    Command(
        ("question_mark",),
        "help",
        "Show help",
        "List every key and command, this screen's first.",
        "app",
        footer="Help",
        palette=True,
    ),
    Command(
        ("f1",),
        "help",
        "Show help",
        "List every key and command (also from a text box).",
        "app",
        priority=True,
        name="help_f1",
    ),
    Command(
        ("slash",),
        "search",
        "Search",
        "Search trials, interventions and measures (filters such as phase:2 year:>2018 n:>100 work too).",
        "app",
        footer="Search",
        palette=True,
    ),
    Command(
        ("t",),
        "toggle_dark",
        "Toggle theme",
        "Switch between the dark and the light theme.",
        "app",
        palette=True,
    ),
    Command(
        ("ctrl+p",),
        "command_palette",
        "Command palette",
        "Run any command, or jump to a trial, intervention or measure by name.",
        "app",
        bind=False,
    ),
    Command(("tab",), "focus_next", "Next pane", "Move the focus to the next pane or list.", "app"),
    Command(
        ("shift+tab",),
        "focus_previous",
        "Previous pane",
        "Move the focus to the previous pane or list.",
        "app",
    ),
    Command(("q",), "quit", "Quit", "Leave the application.", "app", footer="Quit", palette=True),
    Command(
        ("ctrl+c",),
        "quit",
        "Quit",
        "Leave the application (also from a text box).",
        "app",
        priority=True,
        name="interrupt",
    ),
    Command(("ctrl+l",), "redraw", "Redraw", "Redraw the whole screen.", "app"),
    # The search screen. Typing goes into the search box, so these keys are ones a query never needs.
    Command(("down",), "cursor_down", "Next result", "Highlight the next result.", "search", priority=True),
    Command(("up",), "cursor_up", "Previous result", "Highlight the previous result.", "search", priority=True),
    Command(("pagedown",), "page_down", "Results page down", "Move down one page of results.", "search", priority=True),
    Command(("pageup",), "page_up", "Results page up", "Move up one page of results.", "search", priority=True),
    Command(
        ("enter",),
        "show",
        "Show result",
        "Show the highlighted result in the catalog and its details, and close the search.",
        "search",
        footer="Show",
        priority=True,
    ),
    Command(
        ("ctrl+t",),
        "toggle_mark",
        "Mark result",
        "Mark or unmark the highlighted trial for comparison (m types into the search box).",
        "search",
        footer="Mark",
        priority=True,
    ),
    Command(
        ("escape",),
        "close",
        "Close search",
        "Go back to where you were, with the same row selected.",
        "search",
        footer="Close",
        priority=True,
    ),
    # The comparison screen (C). It has no text box, so single letters are free.
    Command(
        ("i", "d"),
        "toggle_identical",
        "Hide identical rows",
        "Hide or show the rows where both trials have the same value.",
        "comparison",
        footer="Hide same",
        palette=True,
    ),
    Command(("s",), "swap", "Swap sides", "Swap trials A and B.", "comparison", footer="Swap", palette=True),
    Command(
        ("a",),
        "pick('a')",
        "Replace trial A",
        "Pick another trial for side A by typing part of its name.",
        "comparison",
        palette=True,
    ),
    Command(
        ("b",),
        "pick('b')",
        "Replace trial B",
        "Pick another trial for side B by typing part of its name.",
        "comparison",
        palette=True,
    ),
    Command(
        ("e",),
        "export('md')",
        "Export comparison as Markdown",
        "Save the comparison as a Markdown table in the current folder (else the temporary folder); while"
        " identical rows are hidden the file leaves them out and says so.",
        "comparison",
        footer="Export",
        palette=True,
    ),
    Command(
        ("J", "E"),
        "export('json')",
        "Export comparison as JSON",
        "Save the comparison as JSON (every row, each with `same`) like the Markdown export.",
        "comparison",
        palette=True,
    ),
    Command(
        ("escape", "q"),
        "close",
        "Close comparison",
        "Go back to the browser.",
        "comparison",
        footer="Close",
        palette=True,
    ),
    Command(("down", "j"), "scroll_down", "Scroll down", "Scroll the comparison down.", "comparison"),
    Command(("up", "k"), "scroll_up", "Scroll up", "Scroll the comparison up.", "comparison"),
    Command(("pagedown", "space"), "page_down", "Page down", "Scroll down a page.", "comparison"),
    Command(("pageup",), "page_up", "Page up", "Scroll up a page.", "comparison"),
    Command(("home", "g"), "scroll_home", "Top", "Scroll to the first row.", "comparison"),
    Command(("end", "G"), "scroll_end", "Bottom", "Scroll to the citations at the end.", "comparison"),
    # Picking a trial (a / b in the comparison; C with one trial marked). Typing goes into the box.
    Command(("down",), "cursor_down", "Next trial", "Highlight the next trial in the list.", "picker"),
    Command(("up",), "cursor_up", "Previous trial", "Highlight the previous trial in the list.", "picker"),
    Command(("pagedown",), "page_down", "List page down", "Move down one page of trials.", "picker"),
    Command(("pageup",), "page_up", "List page up", "Move up one page of trials.", "picker"),
    Command(
        ("enter",),
        "pick",
        "Pick trial",
        "Use the highlighted trial.",
        "picker",
        bind=False,  # the text box's Enter ("submitted") picks; see ComparisonPicker
    ),
    Command(("escape",), "close", "Cancel picking", "Close the list and change nothing.", "picker"),
    *LANDSCAPE_COMMANDS,
    # The help screen.
    Command(("escape", "q", "question_mark", "f1"), "close", "Close help", "Close this help screen.", "help"),
    Command(("down", "j"), "scroll_down", "Scroll down", "Scroll the help down.", "help"),
    Command(("up", "k"), "scroll_up", "Scroll up", "Scroll the help up.", "help"),
)


# The scopes whose keys a screen's help lists first (then all the others).
SCREEN_SCOPES = {
    "BrowserScreen": ("catalog", "detail", "lists", "browser"),
    "SearchScreen": ("search",),
    "ComparisonScreen": ("comparison",),
    "ComparisonPicker": ("picker",),
    "HelpScreen": ("help",),
    "LandscapeScreen": ("landscape", "chart", "matrix", "facets"),
    "CellTrialsScreen": ("cell_trials",),
}


def scopes_for(screen_name: str) -> tuple[str, ...]:
    """Every scope, the given screen's first."""
    first = SCREEN_SCOPES.get(screen_name, ())
    return (*first, *(scope for scope in SCOPES if scope not in first))


def binding_ids() -> frozenset[str]:
    return frozenset(command.id for command in COMMANDS if command.bind)


def in_scope(scope: str) -> tuple[Command, ...]:
    return tuple(command for command in COMMANDS if command.scope == scope)


def bindings(scope: str) -> list[BindingType]:
    """The `BINDINGS` of the widget or screen that owns `scope`."""
    return [command.binding() for command in in_scope(scope) if command.bind]


def palette_commands() -> tuple[Command, ...]:
    return tuple(command for command in COMMANDS if command.palette)


def command_for(action: str) -> Command:
    """The command that runs `action` (first match in the table)."""
    for command in COMMANDS:
        if command.action == action:
            return command
    raise KeyError(action)


def key_of(action: str) -> str:
    """The first key of an action's command, for App settings that take a single key."""
    return command_for(action).keys[0]


# The command palette's jump-to-record entries ------------------------------------------------------------


def literal_markup(plain: str) -> str:
    """Plain text for an API that parses Textual markup (the palette's help lines): one backslash
    before every '[' makes the parser show it as typed. (`textual.markup.escape` misses '[$x]'.)"""
    return plain.replace("[", "\\[")


def record_entry(record: Record) -> tuple[str, str]:
    """What the palette matches for a record, and its help line (both plain text)."""
    if isinstance(record, Trial):
        ids = ", ".join(text.one_line(rid) for rid in record.registry_ids)
        name = f"Trial: {text.one_line(record.label)}" + (f" ({ids})" if ids and record.acronym else "")
        return name, text.one_line(record.title)
    if isinstance(record, Intervention):
        aliases = ", ".join(text.one_line(alias) for alias in record.aliases)
        name = f"Intervention: {text.one_line(record.name)}" + (f" ({aliases})" if aliases else "")
        return name, vocab.MECHANISM_GROUP.label(record.mechanism_group)
    assert isinstance(record, Measure)
    name = f"Measure: {text.one_line(record.label)} — {text.one_line(record.name)}"
    return name, vocab.MEASURE_CATEGORY.label(record.category)


def highlight(matcher: Matcher, candidate: str) -> Content:
    """The candidate with matched letters highlighted, taken literally.

    `Matcher.highlight` parses the candidate as markup, which would let a data string such as
    "[@click=app.quit]" act; here the candidate is plain `Content` and only the offsets are styled.
    """
    content = Content(candidate)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class RecordsProvider(Provider):
    """Jump to any trial, intervention or measure by name, acronym, alias or registry id."""

    async def startup(self) -> None:
        dataset = cast("MSTrialsApp", self.app).dataset
        records: tuple[Record, ...] = (*dataset.trials, *dataset.interventions, *dataset.measures)
        self._entries = [(record, *record_entry(record)) for record in records]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for record, name, help_line in self._entries:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    highlight(matcher, name),
                    partial(self.screen.post_message, ShowRecord(record)),
                    text=name,
                    help=literal_markup(help_line),  # the palette renders help as markup
                )
