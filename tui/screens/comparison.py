"""The comparison screen: two trials side by side, field by field, with what differs marked.

Which rows differ, the numeric differences and the exports all come from `core.compare`, so the screen,
the CLI (`mstrials-tui compare`) and the exported files always agree. The screen owns its pair: `a` and
`b` replace a side through the picker and `s` swaps them, without touching the marks in the browser.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from pathlib import Path

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header

from .. import commands
from ..core import compare, export, text
from ..core.compare import Comparison
from ..core.model import Dataset, Trial
from ..widgets.comparison_table import ComparisonHeads, ComparisonTable
from ..widgets.too_small import TooSmall
from .comparison_picker import ComparisonPicker, Search
from .size_guard import SizeGuard

FORMATS = {"md": ("Markdown", ".md"), "json": ("JSON", ".json")}


def file_stem(comparison: Comparison) -> str:
    """'alpha-vs-beta': trial ids (slugs already, but made safe for any file system anyway)."""

    def safe(name: str) -> str:
        return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:60] or "trial"

    return f"{safe(comparison.a.id)}-vs-{safe(comparison.b.id)}"


def free_path(directory: Path, stem: str, suffix: str) -> Path:
    """`directory/stem+suffix`, or with -2, -3 ... added: an existing file is never overwritten."""
    path = directory / f"{stem}{suffix}"
    number = 2
    while path.exists():
        path = directory / f"{stem}-{number}{suffix}"
        number += 1
    return path


def write_new_file(directory: Path, stem: str, suffix: str, content: str) -> Path:
    """Write `content` to a new file in `directory` atomically: a temporary file in the same folder,
    then `os.replace`, so a reader never sees half a file. Raises OSError if the folder is not writable."""
    # Not mkstemp: its files are private (0600); an export gets the usual permissions (the umask's).
    temporary = directory / f".{stem}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        with temporary.open("x", encoding="utf-8") as handle:
            handle.write(content)
        path = free_path(directory, stem, suffix)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def save_export(stem: str, suffix: str, content: str) -> Path:
    """Save into the current folder; if it is not writable, into the temporary folder."""
    try:
        return write_new_file(Path.cwd(), stem, suffix, content)
    except OSError:
        return write_new_file(Path(tempfile.gettempdir()), stem, suffix, content)


def exported(comparison: Comparison, fmt: str, hide_identical: bool) -> str:
    """The text of an export: Markdown honours hide-identical; JSON always has every row (with `same`)."""
    if fmt == "json":
        return export.to_json(compare.to_dict(comparison)) + "\n"
    return compare.to_markdown(comparison, hide_identical=hide_identical) + "\n"


class ComparisonScreen(SizeGuard, Screen[None]):
    """Trial A and trial B in aligned columns; `i` hides identical rows, `e` / `J` export."""

    BINDINGS = commands.bindings("comparison")

    hide_identical: reactive[bool] = reactive(False, init=False)

    def __init__(self, dataset: Dataset, a: Trial, b: Trial, search: Search) -> None:
        super().__init__()
        self.dataset = dataset
        self.search = search  # for the picker that replaces a side
        self.comparison = compare.compare_trials(dataset, a, b)

    @property
    def table(self) -> ComparisonTable:
        return self.query_one(ComparisonTable)

    def compose(self) -> ComposeResult:
        yield Header()
        yield ComparisonHeads(self.comparison, id="compare-heads")
        yield ComparisonTable(self.comparison, self.hide_identical, id="compare-table")
        yield Footer()
        yield TooSmall()

    def on_mount(self) -> None:
        self._describe()
        self.table.focus()

    # Showing ----------------------------------------------------------------------------------------------

    def set_pair(self, a: Trial, b: Trial) -> None:
        self.comparison = compare.compare_trials(self.dataset, a, b)
        self._refresh()

    def _refresh(self) -> None:
        self.query_one(ComparisonHeads).show(self.comparison)
        self.table.show(self.comparison, self.hide_identical)
        self._describe()

    def _describe(self) -> None:
        """The header: which pair, how many rows differ, and whether identical rows are hidden."""
        comparison = self.comparison
        self.title = f"Compare {text.one_line(comparison.a.label)} vs {text.one_line(comparison.b.label)}"
        differing, total = len(comparison.differing), len(comparison.rows)
        shown = "identical hidden" if self.hide_identical else "showing all"
        self.sub_title = f"{differing} of {total} differ · {shown}"

    def watch_hide_identical(self) -> None:
        self._refresh()
        self.table.scroll_home(animate=False)

    # Actions (from the command table) ---------------------------------------------------------------

    def action_toggle_identical(self) -> None:
        self.hide_identical = not self.hide_identical

    def action_swap(self) -> None:
        self.set_pair(self.comparison.b, self.comparison.a)
        self.notify(
            f"Swapped: A is now {text.one_line(self.comparison.a.label)}, "
            f"B is {text.one_line(self.comparison.b.label)}.",
            markup=False,
        )

    def action_pick(self, side: str) -> None:
        current = self.comparison.a if side == "a" else self.comparison.b
        title = f"Replace {side.upper()} ({text.one_line(current.label)}) with…"
        sides = {self.comparison.b.id: "B", self.comparison.a.id: "A"}

        def picked(trial_id: str | None) -> None:
            trial = self.dataset.by_id.get(trial_id) if trial_id else None
            if not isinstance(trial, Trial):
                return
            if side == "a":
                self.set_pair(trial, self.comparison.b)
            else:
                self.set_pair(self.comparison.a, trial)

        self.app.push_screen(ComparisonPicker(self.search, title, sides), picked)

    def action_export(self, fmt: str) -> None:
        name, suffix = FORMATS[fmt]
        content = exported(self.comparison, fmt, self.hide_identical)
        try:
            path = save_export(file_stem(self.comparison), suffix, content)
        except OSError as error:
            self.notify(f"Could not save the {name} file: {error}", severity="error", markup=False)
            return
        try:
            self.app.copy_to_clipboard(content)
        except Exception as error:  # noqa: BLE001 - the file is saved; the clipboard is a bonus
            copied = f"\n(not copied to the clipboard: {error})"
        else:
            copied = "\nand copied to the clipboard."
        rows = " (identical rows left out)" if fmt == "md" and self.hide_identical else ""
        self.notify(
            f"Saved {path}{copied}",
            title=f"Comparison exported as {name}{rows}",
            timeout=10,
            markup=False,
        )

    def action_close(self) -> None:
        self.dismiss(None)

    # Scrolling: the keys live on the screen (one help section); the table does the scrolling.

    def action_scroll_down(self) -> None:
        self.table.scroll_down()

    def action_scroll_up(self) -> None:
        self.table.scroll_up()

    def action_page_down(self) -> None:
        self.table.scroll_page_down()

    def action_page_up(self) -> None:
        self.table.scroll_page_up()

    def action_scroll_home(self) -> None:
        self.table.scroll_home()

    def action_scroll_end(self) -> None:
        self.table.scroll_end()

