"""Checks on the real, bundled dataset (issue 3): it loads, and it follows the curation rules in data/README.md.

Each test collects every offending record, so one run lists everything that needs fixing.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

import pytest

from tui.core import export, model
from tui.core.loader import bundled_data_path, load_dataset
from tui.core.model import Dataset


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load_dataset(bundled_data_path())


def all_records(data: Dataset) -> list[model.Record]:
    return [*data.trials, *data.interventions, *data.measures]


def all_sources(data: Dataset) -> Iterator[tuple[str, model.Source]]:
    for source in data.info.references:
        yield "dataset", source
    for record in all_records(data):
        for source in record.sources:
            yield record.id, source


def strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every (path, text) in an exported record."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{path}[{index}]")


def test_bundled_data_validates(data):
    assert data.trials and data.interventions and data.measures


def test_every_trial_has_a_registry_id_or_publication(data):
    assert [t.id for t in data.trials if not t.registry_ids and not t.publications] == []


def test_every_record_lists_a_source(data):
    assert [r.id for r in all_records(data) if not r.sources] == []


def test_every_source_has_a_link(data):
    assert [rid for rid, s in all_sources(data) if not (s.url or s.doi or s.pmid)] == []


def test_every_intervention_has_a_trial(data):
    assert [i.id for i in data.interventions if not data.trials_of_intervention.get(i.id)] == []


def test_every_referenced_measure_and_intervention_exists(data):
    measures = {m.id for m in data.measures}
    interventions = {i.id for i in data.interventions}
    assert [(t.id, m) for t in data.trials for m in t.measures if m not in measures] == []
    assert [(t.id, i) for t in data.trials for i in t.intervention_ids if i not in interventions] == []


def test_registry_ids_are_well_formed(data):
    assert [(t.id, rid) for t in data.trials for rid in t.registry_ids if model.registry_name(rid) is None] == []


def test_no_two_trials_share_a_registry_id(data):
    owners: dict[str, list[str]] = {}
    for trial in data.trials:
        for rid in trial.registry_ids:
            owners.setdefault(rid.upper(), []).append(trial.id)
    assert {rid: ids for rid, ids in owners.items() if len(ids) > 1} == {}


def test_dois_and_pmids_are_well_formed(data):
    cited = [(rid, s.doi, s.pmid) for rid, s in all_sources(data)]
    cited += [(t.id, p.doi, p.pmid) for t in data.trials for p in t.publications]
    bad_dois = [(rid, doi) for rid, doi, _ in cited if doi and not model.DOI_PATTERN.match(doi)]
    bad_pmids = [(rid, pmid) for rid, _, pmid in cited if pmid and not model.PMID_PATTERN.match(pmid)]
    assert (bad_dois, bad_pmids) == ([], [])


def test_urls_are_web_addresses(data):
    urls = [(rid, s.url) for rid, s in all_sources(data) if s.url]
    urls += [(t.id, p.url) for t in data.trials for p in t.publications if p.url]
    assert [(rid, url) for rid, url in urls if not re.match(r"^https?://[^\s/]+\.[^\s]+$", url)] == []


def test_start_year_is_not_after_end_year(data):
    assert [
        (t.id, t.start_year, t.end_year)
        for t in data.trials
        if t.start_year is not None and t.end_year is not None and t.start_year > t.end_year
    ] == []


def test_trials_started_before_the_dataset_review(data):
    review_year = data.info.last_reviewed.year
    assert [(t.id, t.start_year) for t in data.trials if t.start_year is not None and t.start_year > review_year] == []


def test_completed_trials_ended_by_the_dataset_review(data):
    review_year = data.info.last_reviewed.year
    late = [
        (t.id, t.end_year)
        for t in data.trials
        if t.status == "completed" and t.end_year is not None and t.end_year > review_year
    ]
    assert late == []


def test_every_record_has_last_reviewed(data):
    assert data.info.last_reviewed is not None
    assert [r.id for r in all_records(data) if r.last_reviewed is None] == []


def test_no_record_was_reviewed_after_the_dataset(data):
    assert [r.id for r in all_records(data) if r.last_reviewed and r.last_reviewed > data.info.last_reviewed] == []


def test_no_text_field_contains_the_string_none(data):
    # A stringified Python None ("None") is a conversion bug; unknown values are null in the YAML.
    exported = export.dataset_dict(data)
    found = [
        (path, text)
        for kind in ("interventions", "trials", "measures")
        for record in exported[kind]
        for path, text in strings(record, f"{kind}:{record['id']}")
        if "None" in text
    ]
    found += [(path, text) for path, text in strings(exported["dataset"], "dataset") if "None" in text]
    assert found == []
