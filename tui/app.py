"""The Textual app: built from an already loaded Dataset, it holds the trials marked for comparison and
the app-wide commands (help, search, compare, copy, open); the browser screen does the browsing.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.reactive import reactive
from textual.screen import Screen

from . import commands
from .commands import RecordsProvider, literal_markup
from .core import text
from .core.model import Dataset, Record, Trial
from .screens.browser import BrowserScreen
from .screens.help import HelpScreen
from .widgets.labels import mark_letter
from .widgets.too_small import MIN_HEIGHT, MIN_WIDTH

if TYPE_CHECKING:
    from .screens.search import SearchSession

# The search and comparison screens (and the search index with rapidfuzz behind them) are imported when
# first opened, not at start-up.
_COMPARISON_MODULE = f"{__package__}.screens.comparison"

MARK_LIMIT = 2
FALLBACK_FILE = "mstrials-clipboard.txt"


def toggled_marks(marked: tuple[str, ...], trial_id: str, limit: int = MARK_LIMIT) -> tuple[str, ...]:
    """Unmark a marked trial; otherwise mark it, dropping the oldest mark beyond `limit`."""
    if trial_id in marked:
        return tuple(t for t in marked if t != trial_id)
    return (*marked, trial_id)[-limit:]


def _is_comparison(screen: Screen[object]) -> bool:
    """Whether `screen` is a comparison screen (none can exist before its module is imported)."""
    module = sys.modules.get(_COMPARISON_MODULE)
    return module is not None and isinstance(screen, module.ComparisonScreen)


def graphical_browser_available() -> bool:
    """Whether `webbrowser` would open a window rather than a text browser inside our own terminal
    (which would draw over the app): $BROWSER is an explicit choice; on Linux, a display is needed."""
    if os.environ.get("BROWSER") or sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class MSTrialsApp(App[None]):
    """A keyboard-first browser of MS remyelination trials."""

    CSS_PATH = "app.tcss"
    BINDINGS = commands.bindings("app")
    COMMANDS = App.COMMANDS | {RecordsProvider}
    COMMAND_PALETTE_BINDING = commands.key_of("command_palette")
    # The screens' breakpoint classes drive the layout (app.tcss) and the too-small message.
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (80, "-medium"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-tall")]

    marked: reactive[tuple[str, ...]] = reactive(())

    def __init__(
        self,
        dataset: Dataset,
        *,
        open_ref: str | None = None,
        compare_refs: tuple[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.dataset = dataset
        self.open_ref = open_ref
        # `--compare A B` starts with both trials marked and the comparison open.
        self.compare_refs = compare_refs
        if compare_refs:
            found = (dataset.find_trial(ref) for ref in compare_refs)
            ids = dict.fromkeys(trial.id for trial in found if trial is not None)  # once each, in order
            self.set_reactive(MSTrialsApp.marked, tuple(ids)[-MARK_LIMIT:])
        self.title = text.one_line(dataset.info.name)
        self.sub_title = f"version {text.one_line(dataset.info.version)}"
        self._browser: BrowserScreen | None = None

    @cached_property
    def search_session(self) -> SearchSession:
        """One search index per app, built the first time search is opened (not at start-up)."""
        from .screens.search import SearchSession

        return SearchSession(self.dataset)

    def get_default_screen(self) -> Screen[None]:
        self._browser = BrowserScreen(self.dataset, open_ref=self.open_ref)
        # Give the screen its breakpoint classes before its first styling: set by the first Resize,
        # they would restyle every widget once more before the first paint. (Too small a terminal is
        # left to that Resize, so that the catalog can take the focus when it is mounted.)
        classes = self._breakpoint_classes(self.size.width, self.size.height)
        if not classes & {"-too-narrow", "-too-short"}:
            self._browser.add_class(*classes, update=False)  # styled when mounted
        return self._browser

    def _breakpoint_classes(self, width: int, height: int) -> set[str]:
        """The classes Screen gives itself for a terminal of this size (see Screen._on_resize)."""
        classes: set[str] = set()
        for dimension, breakpoints in ((width, self.HORIZONTAL_BREAKPOINTS), (height, self.VERTICAL_BREAKPOINTS)):
            for threshold, name in sorted(breakpoints, reverse=True):
                if dimension >= threshold:
                    classes.add(name)
                    break
        return classes

    def on_mount(self) -> None:
        if self.compare_refs:
            self.call_after_refresh(self._compare_refs)

    @property
    def browser(self) -> BrowserScreen:
        assert self._browser is not None, "the browser exists once the app runs"
        return self._browser

    def show_record(self, record: Record) -> None:
        """Show a record in the browser, closing any screen above it (search, comparison, help)."""
        while self.screen is not self.browser and len(self.screen_stack) > 1:
            self.pop_screen()
        self.browser.show_record(record)

    def _label(self, trial_id: str) -> str:
        record = self.dataset.by_id.get(trial_id)
        return text.one_line(record.label) if record is not None else trial_id

    # Marks ------------------------------------------------------------------------------------------

    def toggle_mark(self, trial_id: str) -> None:
        before = self.marked
        self.marked = toggled_marks(before, trial_id)
        label = self._label(trial_id)
        if trial_id not in self.marked:
            self.notify(f"Unmarked {label}.", markup=False)
            return
        message = f"Marked {label} as [{mark_letter(trial_id, self.marked)}] for comparison."
        dropped = [self._label(t) for t in before if t not in self.marked]
        if dropped:
            message += f" Unmarked {', '.join(dropped)} (two at most)."
        self.notify(message, markup=False)

    # Clipboard and web pages ------------------------------------------------------------------------

    def copy_text(self, content: str, what: str, *, note: str = "") -> None:
        """Copy to the clipboard and show what was copied; if that fails, save it to a file instead.

        `note` (if any) is said before the copied text, e.g. why a link was copied and not opened."""
        lead = f"{note}\n" if note else ""
        try:
            self.copy_to_clipboard(content)
        except Exception as error:  # noqa: BLE001 - any failure falls back to a file
            path = Path(tempfile.gettempdir()) / FALLBACK_FILE
            try:
                path.write_text(content + "\n", encoding="utf-8")
            except OSError as write_error:
                self.notify(
                    f"{lead}Could not copy ({error}) nor save ({write_error}):\n{content}",
                    title=f"{what} not copied",
                    severity="error",
                    markup=False,
                )
                return
            self.notify(
                f"{lead}Could not copy to the clipboard ({error}); saved to {path}:\n{content}",
                title=f"{what} saved to a file",
                severity="warning",
                timeout=10,
                markup=False,
            )
            return
        self.notify(f"{lead}{content}", title=f"{what} copied to the clipboard", timeout=8, markup=False)

    def open_link(self, url: str | None, what: str) -> None:
        """Open a web page and say which; without a graphical browser, copy the address instead."""
        if not url:
            self.notify(f"No web page is recorded for {what}.", severity="warning", markup=False)
            return
        if not graphical_browser_available():
            self.copy_text(url, "Link", note="No graphical web browser found (set $BROWSER to choose one).")
            return
        try:
            self.open_url(url)
        except Exception as error:  # noqa: BLE001 - report any failure of the platform's opener
            self.notify(f"Could not open {url}: {error}", severity="error", markup=False)
            return
        self.notify(f"Opened {what}:\n{url}", title="Opened in the web browser", markup=False)

    # Commands ---------------------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette's commands: the table's palette entries, then Textual's own (minus duplicates)."""
        for command in commands.palette_commands():
            if command.scope == "browser" and not isinstance(screen, BrowserScreen):
                continue
            if command.scope == "comparison" and not _is_comparison(screen):
                continue
            target = self if command.scope == "app" else screen
            yield SystemCommand(
                command.title,
                literal_markup(f"{command.help} Key: {command.key_display}"),
                partial(self.run_action, command.action, target),
            )
        ours = {command.title for command in commands.palette_commands()}
        for system_command in super().get_system_commands(screen):
            if system_command.title not in ours and system_command.title != "Quit":
                yield system_command

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_search(self) -> None:
        from .screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen(self.search_session))

    def action_compare(self) -> None:
        """C: compare the two marked trials; with one marked, pick the other; with none, say how."""
        if _is_comparison(self.screen):
            self.notify("Already comparing: a or b replaces a side, Esc goes back.", markup=False)
            return
        trials = [t for t in (self.dataset.by_id.get(tid) for tid in self.marked) if isinstance(t, Trial)]
        if len(trials) >= 2:
            self.compare(trials[0], trials[1])
            return
        if not trials:
            self.notify(
                "No trials are marked. Press m on a trial, then on a second one, then C to compare them.",
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
                self.compare(first, other)

        self.notify(
            f"Only {label} is marked: pick the trial to compare it with (or Esc, and m on another trial).",
            markup=False,
        )
        from .screens.comparison_picker import ComparisonPicker

        picker = ComparisonPicker(self.search_session.search, f"Compare {label} with…", {first.id: letter})
        self.push_screen(picker, picked)

    def compare(self, a: Trial, b: Trial) -> None:
        """Open the comparison of `a` and `b` over the browser (closing any screen above the browser)."""
        from .screens.comparison import ComparisonScreen

        while self.screen is not self.browser and len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ComparisonScreen(self.dataset, a, b, self.search_session.search))

    def _compare_refs(self) -> None:
        """`--compare A B`: open straight into their comparison."""
        assert self.compare_refs is not None
        found = [self.dataset.find_trial(ref) for ref in self.compare_refs]
        a, b = found
        if a is None or b is None:
            missing = ", ".join(ref for ref, t in zip(self.compare_refs, found) if t is None)
            self.notify(f"No trial matches {text.one_line(missing)!r}.", severity="error", markup=False)
            return
        self.compare(a, b)


def run_app(
    dataset: Dataset, *, open_ref: str | None = None, compare_refs: tuple[str, str] | None = None
) -> None:
    """Run the browser on a loaded dataset until the user quits (trial ids in `compare_refs`: start
    with those two marked and compared)."""
    MSTrialsApp(dataset, open_ref=open_ref, compare_refs=compare_refs).run()
