"""Checks on the real, bundled dataset (issue 3).

The format and the curation rules are enforced by the loader (`load_dataset(..., curated=True)`, the same
check as `mstrials-tui validate`); each rule has its own unit test in tests/core/test_curation.py. What is
left here is what the loader cannot judge: text written for readers, and whether every record can be found
by its own name. The dataset may grow or be replaced: nothing here depends on its counts.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tui.__main__ import main
from tui.core import export
from tui.core.loader import DATA_ENV, bundled_data_path, load_dataset
from tui.core.model import Dataset
from tui.core.search import SearchIndex


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_dataset(bundled_data_path(), curated=True)


@pytest.fixture(scope="module")
def index(data) -> SearchIndex:
    return SearchIndex(data)


def strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every (path, text) in an exported record."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from strings(item, f"{path}[{number}]")


def exported_strings(data: Dataset) -> Iterator[tuple[str, str]]:
    exported = export.dataset_dict(data)
    yield from strings(exported["dataset"], "dataset")
    for kind in ("interventions", "trials", "measures"):
        for record in exported[kind]:
            yield from strings(record, f"{kind}:{record['id']}")


def test_bundled_data_passes_the_format_and_curation_rules(data):
    assert data.trials and data.interventions and data.measures
    assert data.warnings == ()  # no file skipped


def test_validate_accepts_the_bundled_data(capsys, monkeypatch):
    monkeypatch.delenv(DATA_ENV, raising=False)
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("ok (format and curation rules): ")
    assert err == ""


# --- text for readers ------------------------------------------------------------------------------------------

# A stringified Python value ("None", "nan") is a conversion bug: unknown values are null in the YAML.
STRINGIFIED = re.compile(
    r"^(None|null|nan|NaN|True|False)$|(?<![A-Za-z])None(?=[,;:)\]]|$| (days|weeks|months|years)\b)"
)
# What the data format says never to show a reader (spec: "Writing for the reader").
NOT_FOR_READERS = re.compile(r"\bnull\b|not readable|registry mirror|\baudit\b|\bTODO\b|\bFIXME\b|\?\?\?", re.I)


def test_no_text_is_a_stringified_python_value(data):
    assert [(path, text) for path, text in exported_strings(data) if STRINGIFIED.search(text)] == []


def test_no_text_speaks_to_curators_instead_of_readers(data):
    prose = [(path, text) for path, text in exported_strings(data) if not path.endswith(".id")]
    assert [(path, text[:80]) for path, text in prose if NOT_FOR_READERS.search(text)] == []


@pytest.mark.parametrize(
    "text",
    ["None", "n=None", "None weeks", "nan", "See None)"],
)
def test_the_stringified_check_catches_conversion_bugs(text):
    assert STRINGIFIED.search(text)


@pytest.mark.parametrize("text", ["None of the drugs changed brain volume", "Paced Auditory Serial Addition Test"])
def test_the_checks_let_ordinary_english_through(text):
    assert not STRINGIFIED.search(text)
    assert not NOT_FOR_READERS.search(text)


# --- every record can be found by its own name ---------------------------------------------------------------


def test_every_trial_is_found_by_its_acronym_registry_ids_and_id(data, index):
    missed = []
    for trial in data.trials:
        for name in filter(None, [trial.acronym, *trial.registry_ids, trial.id]):
            found = [hit.id for hit in index.search(name, limit=3).hits]
            if trial.id not in found:
                missed.append((name, trial.id, found))
    assert missed == []


def test_every_intervention_is_found_first_by_its_name(data, index):
    missed = [
        (i.name, [hit.id for hit in index.search(i.name, limit=3).hits])
        for i in data.interventions
        if [hit.id for hit in index.search(i.name, limit=1).hits] != [i.id]
    ]
    assert missed == []


def test_every_measure_is_found_by_its_name_and_abbreviation(data, index):
    missed = []
    for measure in data.measures:
        for name in filter(None, [measure.abbreviation, measure.name]):
            found = [hit.id for hit in index.search(name, limit=2).hits]
            if measure.id not in found:
                missed.append((name, measure.id, found))
    assert missed == []


# --- the exports work on the real data -------------------------------------------------------------------------


def test_the_exports_of_the_bundled_data(data):
    exported = json.loads(export.to_json(export.dataset_dict(data)))
    assert exported["format_version"] == export.EXPORT_FORMAT_VERSION
    assert [t["id"] for t in exported["trials"]] == [t.id for t in data.trials]
    rows = list(csv.DictReader(io.StringIO(export.trials_csv(data))))
    assert [row["id"] for row in rows] == [t.id for t in data.trials]
    assert all(row["primary_outcome_met"] for row in rows)
