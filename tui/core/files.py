"""Writing files without ever replacing one: exports and the clipboard fallback.

A new file is written in full under a temporary name in the same folder and then given its final name
with `os.link`, which fails if that name exists (as a file, a folder or a symbolic link, dangling or not):
so no existing file is ever replaced or followed, and a reader never sees half a file, even with several
exporters running at once.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import tempfile
from pathlib import Path

MAX_ATTEMPTS = 1000
APP_FOLDER = "mstrials-tui"


def safe_stem(name: str) -> str:
    """A file-name stem from any text: letters, digits, '.', '_' and '-' only."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[:60] or "export"


def _create_temporary(directory: Path, stem: str, content: str, mode: int) -> Path:
    for _ in range(MAX_ATTEMPTS):
        temporary = directory / f".{stem}.{os.getpid()}.{secrets.token_hex(6)}.tmp"
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)
        except FileExistsError:
            continue
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return temporary
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(directory))


def write_new_file(directory: Path, stem: str, suffix: str, content: str, mode: int = 0o666) -> Path:
    """Write `content` to `directory/stem+suffix`, or `stem-2+suffix`, `-3`… whichever is free first.

    Raises OSError if the folder is not writable. `mode` is masked by the umask as usual."""
    temporary = _create_temporary(directory, safe_stem(stem), content, mode)
    try:
        for number in range(1, MAX_ATTEMPTS + 1):
            name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
            path = directory / name
            try:
                os.link(temporary, path, follow_symlinks=False)
            except FileExistsError:
                continue
            return path
        raise FileExistsError(errno.EEXIST, "no free file name", str(directory / f"{stem}{suffix}"))
    finally:
        temporary.unlink(missing_ok=True)


def write_exclusive(path: Path, content: str, mode: int = 0o666) -> Path:
    """Write `content` to exactly `path`; FileExistsError if anything already has that name.

    For a name the user chose (`--output FILE`): never replaced, never followed, never half-written."""
    temporary = _create_temporary(path.parent, safe_stem(path.name), content, mode)
    try:
        os.link(temporary, path, follow_symlinks=False)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def save_export(stem: str, suffix: str, content: str) -> Path:
    """Save into the current folder; if it is not writable, into the temporary folder."""
    try:
        return write_new_file(Path.cwd(), stem, suffix, content)
    except OSError:
        return write_new_file(Path(tempfile.gettempdir()), stem, suffix, content)


def private_folder(base: Path | None = None) -> Path:
    """A folder only this user can enter (0700), created if needed: `<temp>/mstrials-tui-<uid>`.

    Refused (OSError) if the name is a symbolic link, not a folder, someone else's, or open to others:
    another user could otherwise plant a link there and have us write through it."""
    root = base or Path(tempfile.gettempdir())
    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = root / f"{APP_FOLDER}-{uid}"
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    info = folder.lstat()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise OSError(errno.EPERM, "not a private folder (a link or a file)", str(folder))
    if hasattr(os, "getuid") and (info.st_uid != uid or info.st_mode & 0o077):
        raise OSError(errno.EPERM, "not a private folder (someone else's, or open to others)", str(folder))
    return folder


def save_private(stem: str, suffix: str, content: str, base: Path | None = None) -> Path:
    """Write a new file (0600) in the private folder: for text the clipboard could not take."""
    return write_new_file(private_folder(base), stem, suffix, content, mode=0o600)
