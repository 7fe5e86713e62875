"""The catalog: a Tree of groups, interventions, measures and trials in one of the groupings.

Nodes carry a `Branch` in `node.data`, and labels are drawn from it when the tree renders a line
(`render_label`), with the theme's styles of the moment and cut to the width of the pane, so a theme
switch or a mark costs a redraw, not a rebuild. Children become tree nodes only when their parent is
expanded, and top-level groups start expanded only when that shows a manageable number of rows.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from .. import commands
from ..core import groupings
from ..core.groupings import Branch
from ..core.model import Dataset, Record
from .labels import branch_label

Node = TreeNode[Branch]

# Top-level groups start expanded when their children add up to at most this many rows.
EXPAND_LIMIT = 300
ICON_WIDTH = 2  # "▶ " / "▼ " before an expandable row


class CatalogTree(Tree[Branch]):
    """The left pane. The screen sets the grouping and `marked`; the tree renders them."""

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
        # get_component_rich_style is slow and every label needs several: cached until the styles change.
        self._style_cache: dict[str, Style] = {}
        super().__init__("catalog", id=id)
        self.show_root = False
        self.guide_depth = 3
        self.dataset = dataset
        self.grouping = groupings.DEFAULT_GROUPING
        self.branches: tuple[Branch, ...] = ()
        self._populated: set[int] = set()

    def notify_style_update(self) -> None:
        self._style_cache.clear()
        super().notify_style_update()

    # Building ---------------------------------------------------------------------------------------

    def set_grouping(self, grouping: str) -> None:
        """Rebuild the tree in `grouping` with the cursor on the first row."""
        self.grouping = grouping
        self.branches = groupings.build(self.dataset, grouping)
        self.clear()
        self._populated = set()
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
            # The label is drawn by render_label; the node's own label is only its plain name.
            node.add(branch.key, data=branch, allow_expand=bool(branch.children))

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

    def render_label(self, node: Node, base_style: Style, style: Style) -> Text:
        branch = node.data
        if branch is None:
            return super().render_label(node, base_style, style)
        depth = 0
        parent = node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        room = self.scrollable_content_region.width - depth * self.guide_depth - ICON_WIDTH - 1
        label = branch_label(branch, self.marked, self._style_of, room if room > 8 else None)
        label.stylize(style)
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
            return Text.assemble((icon, base_style + Style(bold=True)), label)
        return label

    def watch_marked(self) -> None:
        self._invalidate()

    def on_resize(self) -> None:
        # Labels are cut to the width: cut them again.
        self._invalidate()

    # Finding a record ---------------------------------------------------------------------------------

    def has_record(self, record: Record) -> bool:
        return groupings.find_path(self.branches, record) is not None

    def select_record(self, record: Record) -> bool:
        """Expand the way to the first row of `record` and put the cursor there.

        Returns False when this grouping has no row for the record. If the cursor is already on a row
        of the record (a trial can appear under two interventions) it stays there.
        """
        current = self.cursor_node
        shown = current.data.record if current is not None and current.data is not None else None
        if shown is not None and shown.id == record.id:
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
