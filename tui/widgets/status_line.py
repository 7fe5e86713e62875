"""The status line under the panes: what is marked, how the catalog is grouped, how much there is."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..commands import GROUPING_TITLES
from ..core import text
from ..core.model import Dataset
from .labels import mark_prefix


def status_text(dataset: Dataset, grouping: str, marked: tuple[str, ...]) -> Text:
    counts = dataset.counts()
    line = Text()
    if marked:
        names = ", ".join(
            mark_prefix(tid, marked)
            + text.one_line(dataset.by_id[tid].label if tid in dataset.by_id else tid)
            for tid in marked
        )
        line.append(f"Marked {len(marked)}/2: {names}", style="bold")
    else:
        line.append("Marked 0/2")
    sizes = [text.count(counts[kind], kind[:-1]) for kind in ("trials", "interventions", "measures")]
    line.append(f"  │  {' · '.join(sizes)}")
    # Last, as the catalog's border title repeats it if a narrow terminal cuts it off here.
    line.append(f"  │  grouped by {GROUPING_TITLES.get(grouping, grouping)}")
    return line


class StatusLine(Static):
    """One line under the panes; the screen calls `show` when marks or the grouping change."""

    def show(self, dataset: Dataset, grouping: str, marked: tuple[str, ...]) -> None:
        self.update(status_text(dataset, grouping, marked))
