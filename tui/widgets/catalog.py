"""The catalog: a Tree of groups, interventions, measures and trials in one of the groupings.

Nodes carry a `Branch` in `node.data`. Children become tree nodes only when their parent is expanded,
and top-level groups start expanded only when that shows a manageable number of rows, so start-up and
regrouping cost little even with thousands of trials.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from .. import commands
from ..core.model import Dataset, Record, Trial
from . import groupings
from .groupings import Branch
from .labels import branch_label

Node = TreeNode[Branch]

# Top-level groups start expanded when their children add up to at most this many rows.
EXPAND_LIMIT = 300


class CatalogTree(Tree[Branch]):
    """The left pane. The screen sets `grouping` and `marked`; the tree renders them."""

    BINDINGS = commands.bindings("catalog")
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "catalog--mark",
        "catalog--muted",
        "catalog--met",
        "catalog--not-met",
        "catalog--mixed",
    }

    marked: reactive[tuple[str, ...]] = reactive((), init=False)

    def __init__(self, dataset: Dataset, *, id: str | None = None) -> None:
        self._label_styles: tuple[Style, ...] = ()
        # Label styles by component class: get_component_rich_style is slow and labels need it several
        # times each. Cleared whenever the component styles may have changed (see _restyle_labels).
        self._style_cache: dict[str, Style] = {}
        super().__init__("catalog", id=id)
        self.show_root = False
        self.guide_depth = 3
        self.dataset = dataset
        self.grouping = groupings.DEFAULT_GROUPING
        self.branches: tuple[Branch, ...] = ()
        self._populated: set[int] = set()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Labels hold the styles of the theme at the time they were made. Component styles are
        # updated just after this notification, so compare them once the update is done.
        if self.is_mounted:
            self.call_after_refresh(self._restyle_labels)

    def _restyle_labels(self) -> None:
        """Rebuild the labels if a component style changed (a new theme), not on every focus change."""
        self._style_cache.clear()
        styles = self._current_styles()
        if styles != self._label_styles:
            self._label_styles = styles
            self.relabel()

    def _current_styles(self) -> tuple[Style, ...]:
        return tuple(self._style_of(name) for name in sorted(self.COMPONENT_CLASSES))

    # Building ---------------------------------------------------------------------------------------

    def set_grouping(self, grouping: str) -> None:
        """Rebuild the tree in `grouping` with the cursor on the first row."""
        self.grouping = grouping
        self.branches = groupings.build(self.dataset, grouping)
        self.clear()
        self._populated = set()
        # Every label is made anew with these styles: a restyle need not redo them unless they change.
        self._label_styles = self._current_styles()
        self._populate(self.root)
        if sum(len(branch.children) for branch in self.branches) <= EXPAND_LIMIT:
            for node in self.root.children:
                self._populate(node)
                node.expand()
        self.move_cursor_to_first()

    def move_cursor_to_first(self) -> None:
        first = self.root.children[0] if self.root.children else None
        self._refresh_lines()
        self.move_cursor(first)

    def _populate(self, node: Node) -> None:
        """Add the tree nodes of a node's children, once."""
        if node.id in self._populated:
            return
        self._populated.add(node.id)
        children = self.branches if node is self.root else (node.data.children if node.data else ())
        for branch in children:
            node.add(self._label(branch), data=branch, allow_expand=bool(branch.children))

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Branch]) -> None:
        # Expanded by Tree itself (Enter, Space, a click): add the children now. Our own expansions
        # populate first, so this is then a no-op.
        self._populate(event.node)

    # Labels -----------------------------------------------------------------------------------------

    def _style_of(self, component: str) -> Style:
        # The full style blends translucent theme colours ($text-muted) with the background, which a
        # partial style cannot; keep only its colour and weight so the cursor's background shows.
        style = self._style_cache.get(component)
        if style is None:
            full = self.get_component_rich_style(component)
            style = self._style_cache[component] = Style(color=full.color, bold=full.bold)
        return style

    def _label(self, branch: Branch) -> Text:
        return branch_label(branch, self.marked, self._style_of)

    def relabel(self, only: set[str] | None = None) -> None:
        """Rebuild labels (all, or those of the trials with ids in `only`)."""
        for node in self._walk_nodes():
            branch = node.data
            if branch is None:
                continue
            if only is None or (isinstance(branch.record, Trial) and branch.record.id in only):
                node.set_label(self._label(branch))

    def watch_marked(self, old: tuple[str, ...], new: tuple[str, ...]) -> None:
        # Letters shift when the oldest mark drops, so relabel the union of old and new.
        self.relabel(set(old) | set(new))

    def _walk_nodes(self) -> list[Node]:
        found: list[Node] = []
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(node.children)
        return found

    # Finding a record ---------------------------------------------------------------------------------

    def has_record(self, record: Record) -> bool:
        return groupings.find_path(self.branches, record) is not None

    def select_record(self, record: Record) -> bool:
        """Expand the way to the first row of `record` and put the cursor there.

        Returns False when this grouping has no row for the record. If the cursor is already on a row
        of the record (a trial can appear under two interventions) it stays there.
        """
        current = self.cursor_node
        if current is not None and current.data is not None and current.data.record is not None:
            if current.data.record.id == record.id:
                return True
        path = groupings.find_path(self.branches, record)
        if path is None:
            return False
        node = self.root
        for key in path:
            self._populate(node)
            if node is not self.root and not node.is_expanded:
                node.expand()
            node = next(child for child in node.children if child.data is not None and child.data.key == key)
        self._refresh_lines()
        self.move_cursor(node)
        # The first layout may not have happened yet; scroll again once it has.
        self.call_after_refresh(self.scroll_to_node, node, False)
        return True

    def _refresh_lines(self) -> None:
        # Node line numbers are computed lazily when the tree's lines are rebuilt; reading
        # `last_line` rebuilds them, so that `move_cursor` sees the line of a just-expanded node.
        _ = self.last_line

    # Actions (from the command table) -------------------------------------------------------------

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            self._populate(node)
            node.expand()
        elif node.children:
            self._refresh_lines()
            self.move_cursor(node.children[0])

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)
