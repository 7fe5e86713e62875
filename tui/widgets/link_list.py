"""A list of links inside a detail view: Enter (or a click) shows a record or opens a web page.

The list is as tall as its entries: the detail pane scrolls as one, and moving the highlight scrolls the
pane (not the list) so that the highlighted entry stays in view.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .. import commands
from ..core.model import Record
from .messages import OpenLink, ShowRecord

# What an entry leads to: a record to show, a URL to open, or nothing known (None).
Target = Record | str | None


class LinkList(OptionList):
    """Entries with a target each; choosing one posts `ShowRecord` or `OpenLink`."""

    BINDINGS = commands.bindings("lists")

    def __init__(self, *, empty: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self._empty = empty
        self._targets: list[Target] = []
        self._labels: list[str] = []

    @property
    def count(self) -> int:
        return len(self._targets)

    def show(self, entries: Iterable[tuple[Text, Target]]) -> None:
        """Replace the entries; an empty list shows one disabled line saying so."""
        self.clear_options()
        self._targets = []
        self._labels = []
        for prompt, target in entries:
            self._targets.append(target)
            self._labels.append(prompt.plain.split("\n", 1)[0])
            self.add_option(Option(prompt))
        if not self._targets:
            self.add_option(Option(Text(self._empty, style="italic"), disabled=True))
        self.highlighted = 0 if self._targets else None

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll the pane that holds the list so that the highlighted entry shows."""
        highlighted = self.highlighted
        pane = next((a for a in self.ancestors if isinstance(a, ScrollableContainer)), None)
        if highlighted is None or pane is None or not self.is_mounted or not self.has_focus:
            return
        self._update_lines()
        try:
            y = self._index_to_line[highlighted]
        except KeyError:
            return
        height = self._heights[highlighted]
        top_in_pane = self.region.y - pane.scrollable_content_region.y + int(pane.scroll_y)
        pane.scroll_to_region(Region(0, top_in_pane + y, 1, height), animate=False, immediate=True)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if not 0 <= index < len(self._targets):
            return
        target = self._targets[index]
        if isinstance(target, str) or target is None:
            self.post_message(OpenLink(target, self._labels[index]))
        else:
            self.post_message(ShowRecord(target))
