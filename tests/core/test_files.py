"""Writing files without ever replacing one (`tui/core/files.py`): exports and the clipboard fallback.

A new file is created under a temporary name and linked to its final name, which fails if the name exists
(a file, a folder, a symbolic link, dangling or not): nothing is ever overwritten or followed, even with
several processes exporting at once.
"""

from __future__ import annotations

import multiprocessing
import os
import stat
from pathlib import Path

import pytest

from tui.core import files


def test_a_new_file_gets_the_name_asked_for(tmp_path):
    path = files.write_new_file(tmp_path, "ccmr-one-vs-rebuild", ".md", "# A vs B\n")
    assert path == tmp_path / "ccmr-one-vs-rebuild.md"
    assert path.read_text(encoding="utf-8") == "# A vs B\n"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


def test_an_existing_file_is_never_replaced(tmp_path):
    (tmp_path / "export.json").write_text("mine")
    (tmp_path / "export-2.json").write_text("also mine")
    path = files.write_new_file(tmp_path, "export", ".json", "new")
    assert path.name == "export-3.json"
    assert (tmp_path / "export.json").read_text() == "mine"
    assert (tmp_path / "export-2.json").read_text() == "also mine"


def test_a_folder_of_that_name_is_left_alone(tmp_path):
    (tmp_path / "export.json").mkdir()
    assert files.write_new_file(tmp_path, "export", ".json", "x").name == "export-2.json"


def test_a_dangling_symbolic_link_at_the_name_is_neither_followed_nor_replaced(tmp_path):
    target = tmp_path / "elsewhere" / "victim.txt"  # does not exist: the link dangles
    target.parent.mkdir()
    (tmp_path / "export.json").symlink_to(target)
    path = files.write_new_file(tmp_path, "export", ".json", "content")
    assert path.name == "export-2.json"
    assert not target.exists()  # nothing was written through the link
    assert (tmp_path / "export.json").is_symlink()
    assert os.readlink(tmp_path / "export.json") == str(target)


def test_a_symbolic_link_to_an_existing_file_is_not_written_through(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "export.json").symlink_to(victim)
    files.write_new_file(tmp_path, "export", ".json", "content")
    assert victim.read_text() == "precious"


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("CCMR One vs ReBUILD", "CCMR-One-vs-ReBUILD"),
        ("../../etc/passwd", "etc-passwd"),
        ("a/b\\c", "a-b-c"),
        ("\x1b[2J\u202e", "2J"),
        ("...", "export"),
        ("", "export"),
        ("x" * 100, "x" * 60),
    ],
)
def test_safe_stem(name, stem):
    assert files.safe_stem(name) == stem


def test_an_unwritable_folder_raises(tmp_path):
    with pytest.raises(OSError):
        files.write_new_file(tmp_path / "missing", "export", ".json", "x")


def test_save_export_falls_back_to_the_temporary_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    here = files.save_export("export", ".csv", "a,b\n")
    assert here.parent == tmp_path
    monkeypatch.setattr(files.Path, "cwd", classmethod(lambda cls: tmp_path / "does-not-exist"))
    monkeypatch.setattr(files.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    fallback = files.save_export("export", ".csv", "a,b\n")
    assert fallback.parent == tmp_path / "tmp"


# --- several processes at once -------------------------------------------------------------------------------

WRITERS, WRITES = 4, 20


def _write(directory: str, number: int) -> str:
    return str(files.write_new_file(Path(directory), "export", ".json", f"writer content {number}\n" * 50))


def test_concurrent_exporters_never_lose_or_overwrite_a_file(tmp_path):
    jobs = [(str(tmp_path), number) for number in range(WRITERS * WRITES)]
    with multiprocessing.get_context("spawn").Pool(WRITERS) as pool:
        written = pool.starmap(_write, jobs, chunksize=1)
    assert len(set(written)) == len(jobs)  # every export got its own name
    on_disk = sorted(p for p in tmp_path.iterdir())
    assert sorted(Path(p) for p in written) == on_disk  # and no temporary file is left behind
    contents = {p.read_text(encoding="utf-8") for p in on_disk}
    assert contents == {f"writer content {number}\n" * 50 for number in range(len(jobs))}  # each one whole
    names = {p.name for p in on_disk}
    assert names == {"export.json", *(f"export-{n}.json" for n in range(2, len(jobs) + 1))}


# --- the private folder of the clipboard fallback -------------------------------------------------------------


def folder_name() -> str:
    return f"{files.APP_FOLDER}-{os.getuid() if hasattr(os, 'getuid') else 0}"


def test_the_private_folder_is_created_0700(tmp_path):
    folder = files.private_folder(tmp_path)
    assert folder == tmp_path / folder_name()
    assert stat.S_IMODE(folder.lstat().st_mode) == 0o700
    assert files.private_folder(tmp_path) == folder  # used again as it is


def test_saved_text_is_private(tmp_path):
    path = files.save_private("citation", ".txt", "ALPHA — NCT00000001\n", base=tmp_path)
    assert path.parent == tmp_path / folder_name()
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
    assert path.read_text(encoding="utf-8") == "ALPHA — NCT00000001\n"


def test_a_planted_symbolic_link_is_refused(tmp_path):
    elsewhere = tmp_path / "attacker"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / folder_name()).symlink_to(elsewhere)
    with pytest.raises(OSError, match="not a private folder"):
        files.private_folder(tmp_path)
    with pytest.raises(OSError):
        files.save_private("citation", ".txt", "secret", base=tmp_path)
    assert list(elsewhere.iterdir()) == []


def test_a_planted_dangling_link_is_refused(tmp_path):
    (tmp_path / folder_name()).symlink_to(tmp_path / "not-yet")
    with pytest.raises(OSError, match="not a private folder"):
        files.private_folder(tmp_path)
    assert not (tmp_path / "not-yet").exists()


def test_a_file_in_place_of_the_folder_is_refused(tmp_path):
    (tmp_path / folder_name()).write_text("")
    with pytest.raises(OSError, match="not a private folder"):
        files.private_folder(tmp_path)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="no user ids here")
def test_a_folder_open_to_others_is_refused(tmp_path):
    folder = tmp_path / folder_name()
    folder.mkdir()
    folder.chmod(0o755)
    with pytest.raises(OSError, match="open to others"):
        files.private_folder(tmp_path)
