"""The message shown instead of the layout when the terminal is below the minimum size."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

MIN_WIDTH = 60
MIN_HEIGHT = 15


class TooSmall(Widget):
    """Hidden unless the screen has a too-narrow/too-short breakpoint class (see app.tcss)."""

    def render(self) -> Text:
        width, height = self.screen.size
        return Text(
            f"Terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT}, have {width}×{height}).\n"
            "Enlarge the window to continue.",
            justify="center",
        )
