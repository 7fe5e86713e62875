"""The status line under the panes: what is marked, how the catalog is grouped, how much there is.

It is cut to the terminal's width with the least useful part going first (the counts), so the marks and
the grouping always show.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from ..core import text
from ..core.groupings import DEFAULT_GROUPING, GROUPING_TITLES
from ..core.model import Dataset
from .labels import mark_prefix


def status_text(dataset: Dataset, grouping: str, marked: tuple[str, ...], width: int = 200) -> Text:
    counts = dataset.counts()
    names = ", ".join(
        mark_prefix(tid, marked) + text.one_line(dataset.by_id[tid].label if tid in dataset.by_id else tid)
        for tid in marked
    )
    marks = f"Marked {len(marked)}/2: {names}" if marked else "Marked 0/2"
    grouped = f"by {GROUPING_TITLES.get(grouping, grouping)}"
    sizes = " · ".join(text.count(counts[kind], kind[:-1]) for kind in ("trials", "interventions", "measures"))
    for middle in (f"  │  {sizes}  │  ", f"  │  {text.count(counts['trials'], 'trial')}  │  ", "  │  "):
        if text.width(marks + middle + grouped) <= width:
            break
    line = Text(marks, style="bold" if marked else "")
    line.append(middle + grouped)
    line.truncate(width, overflow="ellipsis")
    return line


class StatusLine(Widget):
    """One line under the panes, bound to the screen's marks and grouping."""

    marked: reactive[tuple[str, ...]] = reactive(())
    grouping: reactive[str] = reactive(DEFAULT_GROUPING)

    def __init__(self, dataset: Dataset, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dataset = dataset

    def render(self) -> Text:
        return status_text(self.dataset, self.grouping, self.marked, max(self.content_region.width, 20))
