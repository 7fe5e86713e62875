"""Loading a dataset: YAML files -> checked records -> a `Dataset`, or a `DataError` with every problem.

Flow: find the files, read each into plain values, check every record against its schema, check
cross-record rules (unique ids, references, registry ids, dates), optionally the curation rules
(`curation.py`), and only then build the frozen model. Problem positions are looked up by parsing a
file a second time, recording only the positions of the problems, which costs nothing when the data is valid.
"""

from __future__ import annotations

import contextlib
import gc
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from . import cache, curation, fields, model, paths, rules
from .problems import DataError, Issues, Path, Problem, TooManyProblems, format_path
from .schema import DATASET_INFO, INTERVENTION, MEASURE, check_record, sharing_strings
from .yamlsource import ParsedFile, YamlProblem, decode, parse_yaml, read_bytes

# Where the data is (paths.py), also named here, where it was decided before.
DATA_ENV = paths.DATA_ENV
bundled_data_path = paths.bundled_data_path
default_data_path = paths.default_data_path
TOP_LEVEL = {
    "dataset": DATASET_INFO,
    "interventions": INTERVENTION,
    "trials": fields.TRIAL_SCHEMA,
    "measures": MEASURE,
}
YAML_SUFFIXES = (".yaml", ".yml")
MAX_FILES = 10_000

# Called with (files read, files in all) while loading, for a progress display.
Progress = Callable[[int, int], None]


@dataclass
class FoundFiles:
    files: list[FilePath] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)


def _reason(error: OSError) -> str:
    """'permission denied': the system's message, in the lower case of our other messages."""
    reason = error.strerror or str(error)
    return reason[:1].lower() + reason[1:]


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def find_files(path: FilePath) -> FoundFiles:
    """The YAML files of a file or folder (sorted), with a warning or error for each thing skipped.

    Extensions match case-insensitively; unreadable entries are errors; dangling links and other files
    are warnings; links that lead out of the data folder are refused."""
    found = FoundFiles()
    where = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        kind = "a dangling symbolic link" if path.is_symlink() else "no such file or folder"
        raise DataError([Problem(where, 1, 1, "(path)", kind)]) from None
    except OSError as error:
        raise DataError([Problem(where, 1, 1, "(path)", f"cannot read: {_reason(error)}")]) from None
    if stat.S_ISREG(info.st_mode):
        found.files.append(path)
        return found
    if not stat.S_ISDIR(info.st_mode):
        raise DataError([Problem(where, 1, 1, "(path)", f"is {_kind_of(info.st_mode)}, not a YAML file or folder")])
    root = path.resolve()
    for entry, problem in _walk(path):
        if problem is not None:
            found.errors.append(Problem(str(entry), 1, 1, "(file)", problem))
            continue
        name = str(entry)
        if entry.is_symlink():
            try:
                target = entry.resolve(strict=True)
            except (OSError, RuntimeError):
                found.warnings.append(Problem(name, 1, 1, "(file)", "skipped: a dangling symbolic link"))
                continue
            if not target.is_relative_to(root):
                found.errors.append(Problem(name, 1, 1, "(file)", "a symbolic link that leads out of the data folder"))
                continue
        try:
            mode = entry.stat().st_mode
        except OSError as error:
            found.errors.append(Problem(name, 1, 1, "(file)", f"cannot read: {_reason(error)}"))
            continue
        if entry.suffix.lower() not in YAML_SUFFIXES:
            if not entry.name.startswith(".") and stat.S_ISREG(mode) and entry.name.lower() != "readme.md":
                found.warnings.append(Problem(name, 1, 1, "(file)", "skipped: not a .yaml or .yml file"))
            continue
        if not stat.S_ISREG(mode):
            found.errors.append(Problem(name, 1, 1, "(file)", f"is {_kind_of(mode)}, not a YAML file"))
            continue
        if not os.access(entry, os.R_OK):
            found.errors.append(Problem(name, 1, 1, "(file)", "cannot read: permission denied"))
            continue
        found.files.append(entry)
        if len(found.files) > MAX_FILES:
            raise DataError([Problem(where, 1, 1, "(path)", f"more than {MAX_FILES:,} YAML files in this folder")])
    if not found.files and not found.errors:
        raise DataError([Problem(where, 1, 1, "(folder)", "no .yaml or .yml files in this folder"), *found.warnings])
    found.files.sort()
    return found


def _walk(folder: FilePath) -> Iterator[tuple[FilePath, str | None]]:
    """Every entry below a folder, sorted, not following links to folders; (entry, why unreadable)."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        yield folder, f"cannot read this folder: {_reason(error)}"
        return
    for entry in entries:
        if entry.is_dir() and not entry.is_symlink():
            if not entry.name.startswith("."):
                yield from _walk(entry)
        else:
            yield entry, None


@dataclass
class _Checked:
    """Clean values per top-level key, each with the file and path it came from."""

    records: dict[str, list[tuple[dict[str, Any], str, Path]]] = field(
        default_factory=lambda: {key: [] for key in TOP_LEVEL}
    )
    issues: dict[str, Issues] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def issues_of(self, file: str) -> Issues:
        return self.issues.setdefault(file, Issues())


def load_dataset(
    path: str | os.PathLike[str] | None = None,
    *,
    curated: bool = False,
    progress: Progress | None = None,
    use_cache: bool = False,
) -> model.Dataset:
    """Load and validate a dataset from a file or folder (default: see `default_data_path`).

    `curated`: also enforce the curation rules of the bundled dataset (`curation.py`). `use_cache`: read
    the files' values from the cache when their bytes have not changed (validated all the same)."""
    root = FilePath(path) if path is not None else default_data_path()
    # Loading creates millions of objects that all stay alive, so the cyclic garbage collector would
    # scan them again and again for nothing (15-20% of the load time at 10 000 trials, see
    # tests/bench): it is paused while loading and then restored as it was.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(root, curated, progress, use_cache)
    finally:
        if was_enabled:
            gc.enable()


def _load(root: FilePath, curated: bool, progress: Progress | None, use_cache: bool) -> model.Dataset:
    found = find_files(root)
    problems = list(found.errors)
    warnings = list(found.warnings)
    names = [str(file) for file in found.files]
    folder = cache.cache_folder() if use_cache and not problems else None
    digests = _digests(found.files, root) if folder is not None else None
    key = cache.cache_key(digests) if digests is not None else None
    if folder is not None and key is not None:
        values = cache.read(folder, key, len(names))
        if values is not None:
            try:
                checked = _check_all(names, values, problems, curated, progress)
            except cache.Unreadable:
                warnings.append(_cache_warning(folder, "the cache could not be read; read the YAML files"))
            else:
                if _valid(checked):
                    return _build(checked, tuple(warnings), key)
                warnings.append(_cache_warning(folder, "the cache did not validate; read the YAML files"))
    # The YAML, one file at a time: only one file's text and values are in memory besides what is kept.
    writer = cache.Writer(folder, key, len(names)) if folder is not None and key is not None else None
    try:
        checked = _check_all(names, _parsed(found.files, digests, problems, writer), problems, curated, progress)
        located = checked.problems + _locate(checked.issues)
        if located:
            incomplete = [file for file, issues in checked.issues.items() if issues.stopped]
            raise DataError(located, incomplete)
        if writer is not None:
            writer.commit()
    finally:
        if writer is not None:
            writer.discard()  # nothing left to discard once committed
    return _build(checked, tuple(warnings), key)


def _cache_warning(folder: FilePath, message: str) -> Problem:
    return Problem(str(folder), 1, 1, "(cache)", message)


def _digests(files: list[FilePath], root: FilePath) -> list[tuple[str, bytes]] | None:
    """Each file's name and the digest of its bytes, for the cache key (None if one cannot be read: the
    YAML path reports it). The bytes are not kept: a large dataset would be hundreds of megabytes."""
    digests = []
    for file in files:
        try:
            digests.append((_relative(str(file), root), cache.digest(read_bytes(file))))
        except (YamlProblem, OSError):
            return None
    return digests


def _parsed(
    files: list[FilePath],
    digests: list[tuple[str, bytes]] | None,
    problems: list[Problem],
    writer: cache.Writer | None,
) -> Iterator[Any]:
    """Each file's values (or _UNREADABLE, with its problem added), read when the checks ask for it; the
    cache is written alongside, and dropped if a file changed since its digest went into the key."""
    for number, file in enumerate(files):
        name = str(file)
        try:
            data = read_bytes(file)
            value = parse_yaml(decode(data)).value
        except YamlProblem as problem:
            problems.append(Problem(name, problem.line, problem.column, "(file)", problem.message))
            value = _UNREADABLE
        except OSError as error:
            problems.append(Problem(name, 1, 1, "(file)", f"cannot read: {_reason(error)}"))
            value = _UNREADABLE
        if writer is not None:
            if value is _UNREADABLE or digests is None or cache.digest(data) != digests[number][1]:
                writer.discard()
            else:
                writer.add(value)
        yield value


def _valid(checked: _Checked) -> bool:
    return not checked.problems and not any(issues.found for issues in checked.issues.values())


_UNREADABLE = object()  # a file whose YAML could not be parsed (its problem is already reported)


def _relative(name: str, root: FilePath) -> str:
    try:
        return str(FilePath(name).relative_to(root))
    except ValueError:
        return FilePath(name).name


def _check_all(
    names: list[str],
    values: Iterable[Any],
    problems: list[Problem],
    curated: bool,
    progress: Progress | None,
) -> _Checked:
    """Check every file's values (taken one at a time: each file's raw values can go once checked) and the
    rules across files. Problems found while the values are produced (`_parsed`) are added to `problems`."""
    checked = _Checked()
    with sharing_strings():
        for number, (name, value) in enumerate(zip(names, values, strict=True), start=1):
            if value is _UNREADABLE:
                continue
            with contextlib.suppress(TooManyProblems):
                _check_file(name, value, checked)
            del value  # only the clean values are kept
            if progress is not None:
                progress(number, len(names))
    checked.problems[:0] = problems
    try:
        _check_references(checked)
        # The curation rules read well-formed records; on malformed ones they would only echo the format
        # problems ("no trial tests X" when the id of X's trial is malformed).
        if curated and _valid(checked):
            curation.check(checked.records, checked.issues_of)
    except TooManyProblems:
        pass
    return checked


def _check_file(file: str, value: Any, checked: _Checked) -> None:
    if value is None:
        checked.problems.append(Problem(file, 1, 1, "(file)", "file is empty"))
        return
    issues = checked.issues_of(file)
    if not isinstance(value, dict):
        issues.add((), f"expected a mapping with keys {', '.join(TOP_LEVEL)}")
        return
    for key, raw in value.items():
        if key not in TOP_LEVEL:
            issues.add((key,), f"unknown top-level key '{key}'; allowed: {', '.join(TOP_LEVEL)}", True)
            continue
        schema = TOP_LEVEL[key]
        if key == "dataset":
            checked.records[key].append((check_record(raw, schema, (key,), issues), file, (key,)))
            continue
        if not isinstance(raw, list):
            issues.add((key,), f"expected a list of {key}, got a non-list value")
            continue
        for index, item in enumerate(raw):
            record_path: Path = (key, index)
            before = issues.count
            clean = check_record(item, schema, record_path, issues)
            if issues.count == before:
                checked.records[key].append((clean, file, record_path))
            elif isinstance(clean.get("id"), str):
                # Keep the id known so references to a broken record do not also report as dangling, and
                # keep its valid fields so that its own references are still checked (every problem at once).
                checked.records[key].append(({**clean, "_broken": True}, file, record_path))


def _check_references(checked: _Checked) -> None:
    records = checked.records
    if len(records["dataset"]) > 1:
        for _, file, path in records["dataset"][1:]:
            checked.issues_of(file).add(path, "only one file may define 'dataset'")
    seen: dict[str, tuple[str, str, Path]] = {}
    for kind in ("interventions", "trials", "measures"):
        for clean, file, path in records[kind]:
            rid = clean.get("id")
            if rid is None:
                continue
            if rid in seen:
                other_kind, other_file, other_path = seen[rid]
                where = f"{other_file}:{format_path(other_path)}"
                what = "an earlier record" if other_kind == kind else f"a record of kind '{other_kind.rstrip('s')}'"
                checked.issues_of(file).add((*path, "id"), f"duplicate id '{rid}': already used by {what} at {where}")
            else:
                seen[rid] = (kind, file, path)
    known = rules.Known(
        interventions={c["id"] for c, _, _ in records["interventions"]},
        measures={c["id"] for c, _, _ in records["measures"]},
        trials={c["id"] for c, _, _ in records["trials"] if "id" in c},
    )
    registry_owner: dict[str, str] = {}
    for clean, file, record_path in records["trials"]:
        issues = checked.issues_of(file)
        for inner, message in rules.trial_problems(clean, known, registry_owner):
            issues.add((*record_path, *inner), message)


def _locate(issues_by_file: dict[str, Issues]) -> list[Problem]:
    """Turn record-relative issues into problems with file, line and column (the files with problems are
    read again for their positions: the text of every file is not kept while loading)."""
    problems: list[Problem] = []
    for file, issues in issues_by_file.items():
        if not issues.found:
            continue
        wanted = {prefix for issue in issues.found for prefix in _prefixes(issue.path)}
        try:
            parsed = parse_yaml(decode(read_bytes(FilePath(file))), track=frozenset(wanted))
        except (YamlProblem, OSError):
            parsed = ParsedFile(None)  # changed or gone since: the problems are still reported, at 1:1
        for issue in issues.found:
            line, column = _position(parsed, issue)
            problems.append(Problem(file, line, column, format_path(issue.path), issue.message))
    return problems


def _prefixes(path: Path) -> Iterator[Path]:
    for end in range(len(path), -1, -1):
        yield path[:end]


def _position(parsed: ParsedFile, issue: Any) -> tuple[int, int]:
    if issue.at_key and issue.path in parsed.key_marks:
        return parsed.key_marks[issue.path]
    for path in _prefixes(issue.path):
        if path in parsed.value_marks:
            return parsed.value_marks[path]
    return (1, 1)


def _sources(raw: list[dict[str, Any]]) -> tuple[model.Source, ...]:
    return tuple(fields.source(item) for item in raw)


def _build(checked: _Checked, warnings: tuple[Problem, ...], key: str | None = None) -> model.Dataset:
    records = checked.records
    info = model.DatasetInfo()
    if records["dataset"]:
        raw = dict(records["dataset"][0][0])
        raw["references"] = _sources(raw.get("references") or [])
        info = model.DatasetInfo(**raw)
    measures = tuple(
        model.Measure(**{**c, "aliases": tuple(c["aliases"]), "sources": _sources(c["sources"])})
        for c in _drained(records["measures"])
    )
    interventions = tuple(
        model.Intervention(**{**c, "aliases": tuple(c["aliases"]), "sources": _sources(c["sources"])})
        for c in _drained(records["interventions"])
    )
    trials = tuple(fields.build_trial(c) for c in _drained(records["trials"]))
    return model.Dataset(info, interventions, trials, measures, warnings, cache_key=key)


def _drained(entries: list[tuple[dict[str, Any], str, Path]]) -> Iterator[dict[str, Any]]:
    """The clean values, in order, each let go of as soon as its record is built: the clean values and the
    model of every record are then never all in memory at once (hundreds of megabytes at 100 000 trials)."""
    entries.reverse()
    while entries:
        yield entries.pop()[0]
