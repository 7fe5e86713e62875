"""The base of the detail views: a column of headed sections that `show()` fills in."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType
from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static


def heading(title: str) -> Static:
    """A section heading (styled by the `.heading` rule of the app's CSS)."""
    return Static(Text(title), classes="heading")


def body(id: str) -> Static:
    return Static(id=id, classes="body")


class DetailView(Vertical):
    """One kind of record's details. Subclasses compose sections and implement `show`.

    Views are mounted when first needed (see DetailPane); `when_ready` runs a fill once the sections
    exist, at once if they already do."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._ready = False
        self._pending: Callable[[], None] | None = None

    def when_ready(self, fill: Callable[[], None]) -> None:
        """Run `fill` now if the sections are composed, else when they are (only the latest fill)."""
        if self._ready:
            fill()
        else:
            self._pending = fill

    def on_mount(self) -> None:
        # Mount comes after compose has mounted the sections.
        self._ready = True
        pending, self._pending = self._pending, None
        if pending is not None:
            pending()

    def set(self, id: str, content: RenderableType) -> None:
        self.query_one(f"#{id}", Static).update(content)

    def set_heading(self, id: str, title: str) -> None:
        self.query_one(f"#{id}", Static).update(Text(title))
