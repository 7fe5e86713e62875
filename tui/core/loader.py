"""Loading a dataset: YAML files -> checked records -> a `Dataset`, or a `DataError` with every problem.

Flow: find the files, read each into plain values, check every record against its schema, check
cross-record rules (unique ids, references, registry ids, year order), and only then build the
frozen model. Problem positions are looked up by parsing a file a second time with position
tracking, which costs nothing when the data is valid.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from . import model
from .problems import DataError, Path, Problem, format_path
from .schema import DATASET_INFO, INTERVENTION, MEASURE, TRIAL, Issue, check_record
from .yamlsource import ParsedFile, YamlProblem, parse_yaml, read_text

DATA_ENV = "MSTRIALS_DATA"
TOP_LEVEL = {
    "dataset": DATASET_INFO,
    "interventions": INTERVENTION,
    "trials": TRIAL,
    "measures": MEASURE,
}


def bundled_data_path() -> FilePath:
    """The dataset shipped with the package (inside the wheel, or `data/` in a source checkout)."""
    package = FilePath(__file__).resolve().parent.parent
    shipped = package / "_data"
    if shipped.is_dir():
        return shipped
    return package.parent / "data"


def default_data_path(explicit: str | None = None) -> FilePath:
    """`--data` if given, else $MSTRIALS_DATA, else the bundled dataset."""
    if explicit:
        return FilePath(explicit)
    from_env = os.environ.get(DATA_ENV)
    if from_env:
        return FilePath(from_env)
    return bundled_data_path()


def find_files(path: FilePath) -> list[FilePath]:
    if path.is_file():
        return [path]
    if path.is_dir():
        files = [p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
        if not files:
            raise DataError([Problem(str(path), 1, 1, "(folder)", "no .yaml or .yml files in this folder")])
        return sorted(files)
    raise DataError([Problem(str(path), 1, 1, "(path)", "no such file or folder")])


@dataclass
class _Checked:
    """Clean values per top-level key, each with the file and path it came from."""

    records: dict[str, list[tuple[dict[str, Any], str, Path]]] = field(
        default_factory=lambda: {key: [] for key in TOP_LEVEL}
    )
    issues: dict[str, list[Issue]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def load_dataset(path: str | os.PathLike[str] | None = None) -> model.Dataset:
    """Load and validate a dataset from a file or folder (default: see `default_data_path`)."""
    root = FilePath(path) if path is not None else default_data_path()
    # Loading creates millions of objects that all stay alive, so the cyclic garbage collector would
    # scan them again and again for nothing (15-20% of the load time at 10 000 trials, see
    # tests/bench): it is paused while loading and then restored as it was.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(root)
    finally:
        if was_enabled:
            gc.enable()


def _load(root: FilePath) -> model.Dataset:
    checked = _Checked()
    texts: dict[str, str] = {}
    for file in find_files(root):
        name = str(file)
        try:
            text = read_text(file)
            parsed = parse_yaml(text)
        except YamlProblem as problem:
            checked.problems.append(Problem(name, problem.line, problem.column, "(file)", problem.message))
            continue
        except OSError as error:
            checked.problems.append(Problem(name, 1, 1, "(file)", f"cannot read: {error.strerror}"))
            continue
        texts[name] = text
        _check_file(name, parsed.value, checked)
    _check_references(checked)
    problems = checked.problems + _locate(checked.issues, texts)
    if problems:
        raise DataError(problems)
    return _build(checked)


def _issue(checked: _Checked, file: str, issue: Issue) -> None:
    checked.issues.setdefault(file, []).append(issue)


def _check_file(file: str, value: Any, checked: _Checked) -> None:
    if value is None:
        checked.problems.append(Problem(file, 1, 1, "(file)", "file is empty"))
        return
    if not isinstance(value, dict):
        allowed = ", ".join(TOP_LEVEL)
        _issue(checked, file, Issue((), f"expected a mapping with keys {allowed}"))
        return
    issues: list[Issue] = []
    for key, raw in value.items():
        if key not in TOP_LEVEL:
            issues.append(Issue((key,), f"unknown top-level key '{key}'; allowed: {', '.join(TOP_LEVEL)}", True))
            continue
        schema = TOP_LEVEL[key]
        if key == "dataset":
            checked.records[key].append((check_record(raw, schema, (key,), issues), file, (key,)))
            continue
        if not isinstance(raw, list):
            issues.append(Issue((key,), f"expected a list of {key}, got a non-list value"))
            continue
        for index, item in enumerate(raw):
            record_path: Path = (key, index)
            before = len(issues)
            clean = check_record(item, schema, record_path, issues)
            if len(issues) == before:
                checked.records[key].append((clean, file, record_path))
            elif isinstance(clean.get("id"), str):
                # Keep the id known so references to a broken record do not also report as dangling, and
                # keep its valid fields so that its own references are still checked (every problem at once).
                checked.records[key].append(({**clean, "_broken": True}, file, record_path))
    for issue in issues:
        _issue(checked, file, issue)


def _check_references(checked: _Checked) -> None:
    records = checked.records
    if len(records["dataset"]) > 1:
        for _, file, path in records["dataset"][1:]:
            _issue(checked, file, Issue(path, "only one file may define 'dataset'"))
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
                _issue(checked, file, Issue((*path, "id"), f"duplicate id '{rid}': already used by {what} at {where}"))
            else:
                seen[rid] = (kind, file, path)
    intervention_ids = {c["id"] for c, _, _ in records["interventions"]}
    measure_ids = {c["id"] for c, _, _ in records["measures"]}
    registry_owner: dict[str, str] = {}
    for clean, file, path in records["trials"]:
        _check_trial(clean, file, path, checked, intervention_ids, measure_ids, registry_owner)


def _check_trial(
    clean: dict[str, Any],
    file: str,
    path: Path,
    checked: _Checked,
    intervention_ids: set[str],
    measure_ids: set[str],
    registry_owner: dict[str, str],
) -> None:
    # A broken record (one with schema problems) has only the fields that were valid.
    if not clean.get("intervention_ids") and not clean.get("_broken"):
        _issue(checked, file, Issue((*path, "intervention_ids"), "a trial needs at least one intervention id"))
    for index, iid in _indexed(clean.get("intervention_ids")):
        if iid not in intervention_ids:
            _issue(checked, file, Issue((*path, "intervention_ids", index), f"unknown intervention '{iid}'"))
    for index, mid in _indexed(clean.get("measures")):
        if mid not in measure_ids:
            _issue(checked, file, Issue((*path, "measures", index), f"unknown measure '{mid}'"))
    for index, rid in _indexed(clean.get("registry_ids")):
        owner = registry_owner.setdefault(rid.upper(), clean["id"])
        if owner != clean["id"]:
            _issue(checked, file, Issue((*path, "registry_ids", index), f"registry id {rid} is already used by trial '{owner}'"))
    start, end = clean.get("start_year"), clean.get("end_year")
    if start is not None and end is not None and end < start:
        _issue(checked, file, Issue((*path, "end_year"), f"end_year {end} is before start_year {start}"))


def _indexed(values: list[str | None] | None) -> list[tuple[int, str]]:
    """(index in the file, value) of the valid items of a checked list."""
    return [(i, v) for i, v in enumerate(values or []) if v is not None]


def _locate(issues_by_file: dict[str, list[Issue]], texts: dict[str, str]) -> list[Problem]:
    """Turn record-relative issues into problems with file, line and column."""
    problems: list[Problem] = []
    for file, issues in issues_by_file.items():
        parsed = parse_yaml(texts[file], track_positions=True)
        for issue in issues:
            line, column = _position(parsed, issue)
            problems.append(Problem(file, line, column, format_path(issue.path), issue.message))
    return problems


def _position(parsed: ParsedFile, issue: Issue) -> tuple[int, int]:
    if issue.at_key and issue.path in parsed.key_marks:
        return parsed.key_marks[issue.path]
    path = issue.path
    while path:
        if path in parsed.value_marks:
            return parsed.value_marks[path]
        path = path[:-1]
    return (1, 1)


def _sources(raw: list[dict[str, Any]]) -> tuple[model.Source, ...]:
    return tuple(model.Source(**item) for item in raw)


def _build(checked: _Checked) -> model.Dataset:
    records = checked.records
    info = model.DatasetInfo()
    if records["dataset"]:
        raw = dict(records["dataset"][0][0])
        raw["references"] = _sources(raw.get("references") or [])
        info = model.DatasetInfo(**raw)
    measures = tuple(
        model.Measure(**{**c, "aliases": tuple(c["aliases"]), "sources": _sources(c["sources"])})
        for c, _, _ in records["measures"]
    )
    interventions = tuple(
        model.Intervention(**{**c, "aliases": tuple(c["aliases"]), "sources": _sources(c["sources"])})
        for c, _, _ in records["interventions"]
    )
    trials = tuple(_trial(c) for c, _, _ in records["trials"])
    return model.Dataset(info, interventions, trials, measures)


def _trial(clean: dict[str, Any]) -> model.Trial:
    values = dict(clean)
    population = dict(values["population"])
    population["conditions"] = tuple(population["conditions"])
    duration = values["treatment_duration"]
    values.update(
        registry_ids=model.unique(values["registry_ids"]),
        intervention_ids=model.unique(values["intervention_ids"]),
        measures=model.unique(values["measures"]),
        countries=tuple(values["countries"]),
        design=model.Design(**values["design"]),
        population=model.Population(**population),
        treatment_duration=model.Duration.parse(duration) if duration else None,
        publications=tuple(model.Publication(**p) for p in values["publications"]),
        sources=_sources(values["sources"]),
    )
    return model.Trial(**values)
