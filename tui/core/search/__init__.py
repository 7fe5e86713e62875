"""Fuzzy search over the dataset: typo-tolerant, ranked, with filters and highlight spans.

`SearchIndex(dataset).search("clemastine vep")`; see `index.py` for how a query runs, `filters.py` for
the `name:value` filters and `session.py` for the app's thread-safe use of one index. Names are loaded
when first used, so that importing the filter table does not load the matching machinery (rapidfuzz).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .filters import FILTER_NAMES as FILTER_NAMES
    from .filters import FILTERS as FILTERS
    from .filters import FilterSpec as FilterSpec
    from .index import Hit as Hit
    from .index import SearchIndex as SearchIndex
    from .index import SearchResult as SearchResult
    from .normalise import fold as fold
    from .normalise import squashed as squashed
    from .query import ParsedQuery as ParsedQuery
    from .query import parse_query as parse_query
    from .records import hit_title as hit_title
    from .session import SearchSession as SearchSession

_WHERE = {
    "FILTERS": "filters",
    "FILTER_NAMES": "filters",
    "FilterSpec": "filters",
    "Hit": "index",
    "SearchIndex": "index",
    "SearchResult": "index",
    "fold": "normalise",
    "squashed": "normalise",
    "ParsedQuery": "query",
    "parse_query": "query",
    "hit_title": "records",
    "SearchSession": "session",
}
__all__ = [
    "FILTERS",
    "FILTER_NAMES",
    "FilterSpec",
    "Hit",
    "ParsedQuery",
    "SearchIndex",
    "SearchResult",
    "SearchSession",
    "fold",
    "hit_title",
    "parse_query",
    "squashed",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
