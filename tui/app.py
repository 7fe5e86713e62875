"""The Textual app: built from an already loaded Dataset, it holds the trials marked for comparison and
the app-wide commands (help, search, compare, copy, open); the browser screen does the browsing.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.reactive import reactive
from textual.screen import Screen

from . import commands
from .commands import RecordsProvider, literal_markup
from .core import text
from .core.model import Dataset, Record
from .screens.browser import BrowserScreen
from .screens.help import HelpScreen
from .widgets.labels import mark_letter
from .widgets.too_small import MIN_HEIGHT, MIN_WIDTH

MARK_LIMIT = 2
FALLBACK_FILE = "mstrials-clipboard.txt"


def toggled_marks(marked: tuple[str, ...], trial_id: str, limit: int = MARK_LIMIT) -> tuple[str, ...]:
    """Unmark a marked trial; otherwise mark it, dropping the oldest mark beyond `limit`."""
    if trial_id in marked:
        return tuple(t for t in marked if t != trial_id)
    return (*marked, trial_id)[-limit:]


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
            self.set_reactive(MSTrialsApp.marked, tuple(compare_refs)[-MARK_LIMIT:])
        self.title = text.one_line(dataset.info.name)
        self.sub_title = f"version {text.one_line(dataset.info.version)}"
        self._browser: BrowserScreen | None = None

    def get_default_screen(self) -> Screen[None]:
        self._browser = BrowserScreen(self.dataset, open_ref=self.open_ref)
        return self._browser

    def on_mount(self) -> None:
        if self.compare_refs:
            self.call_after_refresh(self.action_compare)

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
            target = screen if command.scope == "browser" else self
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
        # Replaced by the search screen in a later task.
        self.notify("Search: coming soon.", markup=False)

    def action_compare(self) -> None:
        # Replaced by the comparison screen in a later task.
        if not self.marked:
            self.notify("No trials are marked: press m on two trials to compare them.", markup=False)
            return
        marked = ", ".join(f"[{mark_letter(t, self.marked)}] {self._label(t)}" for t in self.marked)
        if len(self.marked) < 2:
            self.notify(f"Marked: {marked}. Mark one more trial with m to compare.", markup=False)
            return
        self.notify(f"Comparison coming soon. Marked: {marked}.", markup=False)


def run_app(
    dataset: Dataset, *, open_ref: str | None = None, compare_refs: tuple[str, str] | None = None
) -> None:
    """Run the browser on a loaded dataset until the user quits (trial ids in `compare_refs`: start
    with those two marked and compared)."""
    MSTrialsApp(dataset, open_ref=open_ref, compare_refs=compare_refs).run()
