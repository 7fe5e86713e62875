"""What the landscape remembers between openings (plain state, no Textual): the browser keeps one."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.landscape import matrix, table, timeline
from ..core.landscape.table import Chosen


@dataclass
class LandscapeMemory:
    """The tab, the filter, the facets, the orders and where each view's cursor was."""

    tab: str = "table"
    query: str = ""
    chosen: Chosen = ()
    sort: str = table.DEFAULT_SORT
    descending: bool = False
    facets_shown: bool = True
    matrix_order: str = matrix.DEFAULT_ORDER
    measure_id: str | None = None
    grouping: str = timeline.DEFAULT_GROUPING
    # The trial under each view's cursor ("table", "forest", "timeline"), and the matrix's cell.
    cursors: dict[str, str] = field(default_factory=dict)
    cell: tuple[str, str] | None = None
