"""A cache of parsed data files, so that a large dataset is read from JSON instead of YAML the next time.

What is cached is the plain values each YAML file holds (before validation), under a key made of the
cache format, the package version and the bytes of every data file: any edit, added or removed file or
new release misses the cache. A hit is validated exactly like a fresh read (the loader runs the same
checks on the values), so a stale or tampered cache can never bring in invalid data; a cache that cannot
be read is ignored and the YAML is read instead. JSON only, through the standard library: nothing in a
cache file can run code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .. import __version__

CACHE_ENV = "MSTRIALS_CACHE"  # a folder, or "off"
CACHE_FORMAT = 1
KEEP = 4  # cached datasets kept (the oldest are removed)
_DATE = "$date"


def cache_folder() -> Path | None:
    """$MSTRIALS_CACHE (or None when it is "off"), else the platform's cache folder."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mstrials-tui", appauthor=False)) / "datasets"


def cache_key(contents: list[tuple[str, bytes]]) -> str:
    """A key for these files (names relative to the data root, and their bytes)."""
    digest = hashlib.sha256(f"mstrials-cache {CACHE_FORMAT} {__version__}\n".encode())
    for name, data in contents:
        digest.update(name.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def _encode(value: Any) -> Any:
    if isinstance(value, dt.date):
        return {_DATE: value.isoformat()}
    raise TypeError(f"cannot cache {type(value).__name__}")


def _decode(mapping: dict[str, Any]) -> Any:
    if len(mapping) == 1 and _DATE in mapping:
        return dt.date.fromisoformat(mapping[_DATE])
    return mapping


def read(folder: Path, key: str) -> list[Any] | None:
    """The cached values of each file (in file order), or None on a miss or an unreadable cache."""
    path = folder / f"{key}.json"
    try:
        with path.open(encoding="utf-8") as handle:
            found = json.load(handle, object_hook=_decode)
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return None
    if not isinstance(found, dict) or found.get("key") != key or not isinstance(found.get("files"), list):
        return None
    files: list[Any] = found["files"]
    return files


def write(folder: Path, key: str, values: list[Any]) -> None:
    """Store the values of each file; a failure only means the next start reads YAML again."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".cache.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(
                    {"key": key, "files": values}, handle, default=_encode, separators=(",", ":"), allow_nan=False
                )
            os.replace(temporary, folder / f"{key}.json")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, TypeError, ValueError):
        return
    _prune(folder)


def _prune(folder: Path) -> None:
    try:
        cached = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in cached[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return
