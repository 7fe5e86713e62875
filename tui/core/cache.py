"""A cache of parsed data files, so that a large dataset is read from JSON instead of YAML the next time.

What is cached is the plain values each YAML file holds (before validation), under a key made of the
cache format, the package version and the bytes of every data file: any edit, added or removed file or
new release misses the cache. A hit is validated exactly like a fresh read (the loader runs the same
checks on the values), so a stale or tampered cache can never bring in invalid data; a cache that cannot
be read is ignored and the YAML is read instead (the loader says so, once: the cache is then rewritten).
JSON only, through the standard library: nothing in a cache file can run code. A cache file is a header
line, then one line per data file, so that it is read (and checked) one file at a time.

Beside each cached dataset, the app keeps its search index (`{key}.index.json`, see
`search.session`): derived from the validated values, checked for shape and range when read, and rebuilt
whenever it does not fit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .. import __version__

CACHE_ENV = "MSTRIALS_CACHE"  # a folder, or "off"
CACHE_FORMAT = 2  # 2: one line of JSON per data file
KEEP = 4  # cached datasets kept (the oldest are removed)
_DATE = "$date"
INDEX_SUFFIX = ".index.json"
INDEX_SLICE = 5_000  # postings per line of an index file


def cache_folder() -> Path | None:
    """$MSTRIALS_CACHE (or None when it is "off"), else the platform's cache folder."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mstrials-tui", appauthor=False)) / "datasets"


def digest(data: bytes) -> bytes:
    """A data file's part of the key."""
    return hashlib.sha256(data).digest()


def cache_key(digests: list[tuple[str, bytes]]) -> str:
    """A key for these files: their names relative to the data root, and the `digest` of their bytes."""
    key = hashlib.sha256(f"mstrials-cache {CACHE_FORMAT} {__version__}\n".encode())
    for name, file_digest in digests:
        key.update(name.encode("utf-8", "surrogatepass") + b"\0")
        key.update(file_digest)
    return key.hexdigest()


class Unreadable(ValueError):
    """The cache file is corrupt (found while reading it)."""


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date):
        return {_DATE: value.isoformat()}
    raise TypeError(f"cannot cache {type(value).__name__}")


def _decode(mapping: dict[str, Any]) -> Any:
    if len(mapping) == 1 and _DATE in mapping:
        return dt.date.fromisoformat(mapping[_DATE])
    return mapping


def _dataset_file(folder: Path, key: str) -> Path:
    return folder / f"{key}.json"


def _index_file(folder: Path, key: str) -> Path:
    return folder / f"{key}{INDEX_SUFFIX}"


def read(folder: Path, key: str, count: int) -> Iterator[Any] | None:
    """The cached values of each of `count` files, one at a time (so that only one file's values are ever
    in memory), or None on a miss. Iterating raises Unreadable where the cache turns out to be corrupt."""
    try:
        handle = _dataset_file(folder, key).open("rb")
    except FileNotFoundError:
        return None
    except OSError:
        return _unreadable()
    return _values(handle, key, count)


def _unreadable() -> Iterator[Any]:
    raise Unreadable
    yield  # a generator, like _values


def _values(handle: BinaryIO, key: str, count: int) -> Iterator[Any]:
    with handle:
        try:
            if json.loads(handle.readline()) != {"format": CACHE_FORMAT, "key": key, "files": count}:
                raise Unreadable
            for _ in range(count):
                line = handle.readline()
                if not line.endswith(b"\n"):
                    raise Unreadable
                yield json.loads(line, object_hook=_decode)
            if handle.read(1):
                raise Unreadable
        except (OSError, ValueError, RecursionError):
            raise Unreadable from None


class Writer:
    """Writes a dataset's cache file while its files are read: one line of JSON per data file, after a
    header line; nothing replaces the cache until `commit` (a temporary file, then renamed). Any failure
    only means that the next start reads the YAML again."""

    def __init__(self, folder: Path, key: str, count: int) -> None:
        self.folder = folder
        self.key = key
        self._handle: BinaryIO | None = None
        self._temporary: str | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            descriptor, self._temporary = tempfile.mkstemp(prefix=".cache.", suffix=".tmp", dir=folder)
            self._handle = os.fdopen(descriptor, "wb")
            self._write({"format": CACHE_FORMAT, "key": key, "files": count})
        except (OSError, TypeError, ValueError):
            self.discard()

    def _write(self, value: Any) -> None:
        if self._handle is not None:
            encoded = json.dumps(value, default=_encode, separators=(",", ":"), allow_nan=False)
            self._handle.write(encoded.encode("utf-8", "surrogatepass") + b"\n")

    def add(self, values: Any) -> None:
        """The values of the next data file."""
        try:
            self._write(values)
        except (OSError, TypeError, ValueError):
            self.discard()

    def commit(self) -> None:
        if self._handle is None or self._temporary is None:
            return
        try:
            self._handle.close()
            os.replace(self._temporary, _dataset_file(self.folder, self.key))
        except OSError:
            self.discard()
            return
        self._handle = self._temporary = None
        _prune(self.folder)

    def discard(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
        if self._temporary is not None:
            Path(self._temporary).unlink(missing_ok=True)
        self._handle = self._temporary = None


def write(folder: Path, key: str, values: list[Any]) -> None:
    """Store the values of each file at once (see Writer)."""
    writer = Writer(folder, key, len(values))
    for value in values:
        writer.add(value)
    writer.commit()


def read_index(folder: Path, key: str) -> dict[str, Any] | None:
    """The saved search index of the dataset with this key (`SearchIndex.saved()`), or None. Its "postings"
    (millions of entries for a large dataset) are read a slice at a time while they are used: iterating them
    raises Unreadable (a ValueError) if the file turns out to be corrupt."""
    try:
        handle = _index_file(folder, key).open("rb")
    except OSError:
        return None
    try:
        header = json.loads(handle.readline())
        if not isinstance(header, dict) or header.get("key") != key or not isinstance(header.get("index"), dict):
            raise ValueError("not the index of this dataset")
        slices = header["index"].pop("postings_lines")
        if type(slices) is not int:
            raise ValueError("malformed")
    except (OSError, ValueError, RecursionError, KeyError):
        handle.close()
        return None
    index: dict[str, Any] = header["index"]
    index["postings"] = _slices(handle, slices)
    return index


def _slices(handle: BinaryIO, count: int) -> Iterator[Any]:
    with handle:
        try:
            for _ in range(count):
                line = handle.readline()
                if not line.endswith(b"\n"):
                    raise Unreadable
                found = json.loads(line)
                if not isinstance(found, list):
                    raise Unreadable
                yield from found
            if handle.read(1):
                raise Unreadable
        except (OSError, ValueError, RecursionError):
            raise Unreadable from None


def write_index(folder: Path, key: str, index: dict[str, Any]) -> None:
    """Store a dataset's search index beside it (only while the dataset itself is cached): a header line,
    then its "postings" list a slice per line."""
    if not _dataset_file(folder, key).exists():
        return
    postings = index.get("postings", [])
    slices = [postings[start : start + INDEX_SLICE] for start in range(0, len(postings), INDEX_SLICE)]
    rest = {name: value for name, value in index.items() if name != "postings"}
    header = {"key": key, "index": {**rest, "postings_lines": len(slices)}}
    try:
        lines = [json.dumps(header, separators=(",", ":"), allow_nan=False)]
        lines.extend(json.dumps(part, separators=(",", ":"), allow_nan=False) for part in slices)
    except (TypeError, ValueError):
        return
    _write_text(folder, _index_file(folder, key), "".join(line + "\n" for line in lines))


def _write_text(folder: Path, path: Path, text: str) -> None:
    """Write whole or not at all (a temporary file, then renamed); failures are ignored."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".cache.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return


def _prune(folder: Path) -> None:
    """Keep the KEEP newest datasets (and their indexes); remove the rest."""
    try:
        cached = [path for path in folder.glob("*.json") if not path.name.endswith(INDEX_SUFFIX)]
        cached.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in cached[KEEP:]:
            old.unlink(missing_ok=True)
            _index_file(folder, old.stem).unlink(missing_ok=True)
    except OSError:
        return
