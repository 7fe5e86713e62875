"""The first screen while a dataset loads in the background: what is being read, and how far it got.

Keys pressed meanwhile are kept and replayed to the browser once it is shown, so typing ahead works.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import ProgressBar, Static


class LoadingScreen(Screen[None]):
    """Shown until the data is read and checked; keys are buffered, not lost."""

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where
        self.pending_keys: list[events.Key] = []

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(Text(f"Reading the trials in {self.where}…"), id="loading-what")
            yield ProgressBar(total=None, show_eta=False, id="loading-bar")
            yield Static(Text(""), id="loading-count")

    def progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=total, progress=done)
        self.query_one("#loading-count", Static).update(Text(f"{done:,} of {total:,} files read and checked"))

    def finish(self) -> None:
        """Loading is over: remove the progress bar (an indeterminate one would animate forever)."""
        for bar in self.query(ProgressBar):
            bar.remove()

    def on_key(self, event: events.Key) -> None:
        # Ctrl+C and Ctrl+Q still quit at once (App bindings run first); other keys wait for the browser.
        event.stop()
        event.prevent_default()
        self.pending_keys.append(event)
