"""The app's one search index, built on first use (or in the background after start-up), and the last
query typed. Thread-safe: the index is built and queried in worker threads."""

from __future__ import annotations

import threading
from collections.abc import Callable

from .. import cache
from ..model import Dataset
from .index import SearchIndex, SearchResult, collector_paused

RESULT_LIMIT = 50


class SearchSession:
    def __init__(self, dataset: Dataset, limit: int = RESULT_LIMIT) -> None:
        self.dataset = dataset
        self.limit = limit
        self.last_query = ""
        self._index: SearchIndex | None = None
        self._build_lock = threading.Lock()
        # One search at a time: the index's caches are not meant for concurrent writers, and a search
        # superseded while it waited for the lock is skipped rather than run.
        self._search_lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._index is not None

    def index(self) -> SearchIndex:
        """The index, built now if it does not exist yet (other callers wait for that one build)."""
        with self._build_lock:
            if self._index is None:
                self._index = cached_index(self.dataset)
            return self._index

    def search(self, query: str, cancelled: Callable[[], bool] = lambda: False) -> SearchResult | None:
        """The results of `query`, or None if `cancelled()` became true while waiting to run."""
        index = self.index()
        with self._search_lock:
            if cancelled():
                return None
            return index.search(query, limit=self.limit)

    def search_all(self, query: str) -> SearchResult:
        """Every match of `query` (no limit), for views that filter the whole dataset (the landscape)."""
        index = self.index()
        with self._search_lock:
            return index.search(query, limit=None)


def cached_index(dataset: Dataset) -> SearchIndex:
    """The dataset's index, read from the cache when the dataset came through it (ten times faster than
    building it), else built, and then saved there for the next start."""
    key = dataset.cache_key
    folder = cache.cache_folder() if key else None
    if folder is None or key is None:
        return SearchIndex(dataset)
    with collector_paused():  # millions of new objects that all stay: nothing for the collector to find
        saved = cache.read_index(folder, key)
    if saved is not None:
        try:
            return SearchIndex(dataset, saved)
        except ValueError:
            pass  # stale or corrupt: built again, and replaced
    index = SearchIndex(dataset)
    cache.write_index(folder, key, index.saved())
    return index
