"""Loading valid data: which files are read, how values become model records, and where the data comes from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui.core import loader, schema
from tui.core.loader import load_dataset
from tui.core.model import Dataset, Design, Duration, Population, Publication, Source
from tui.core.problems import DataError

MEASURES_AND_INTERVENTION = """
measures:
  - id: mtr
    name: Magnetisation transfer ratio
    abbreviation: MTR
    aliases: []
    category: mri
    what_it_measures: null
    myelin_specificity: null
    specificity_note: null
    caveats: null
    sources: [{kind: review, doi: 10.1000/x, backs: all}]
    last_reviewed: null
interventions:
  - id: testastine
    name: Testastine
    aliases: []
    kind: small_molecule
    mechanism_group: opc_differentiation
    mechanism: null
    target: null
    approvals: null
    summary: null
    sources: [{kind: other, url: https://example.org, backs: name}]
    last_reviewed: 2026-01-15
"""

TRIAL = """
trials:
  - id: solo
    acronym: null
    title: A fictional trial
    registry_ids: [NCT00000001]
    intervention_ids: [testastine]
    comparator: null
    phase: {phase}
    design: {{randomised: null, blinding: null, allocation: null, placebo_controlled: null}}
    population: {{conditions: [], description: null, background_therapy: null}}
    enrollment: null
    enrollment_basis: null
    treatment_duration: null
    primary_outcome: null
    primary_outcome_met: {met}
    result_summary: null
    measures: []
    safety_summary: null
    status: unknown
    start_year: null
    end_year: null
    sponsor: null
    countries: []
    sites: null
    publications: [{{citation: Doe 2020, pmid: {pmid}}}]
    sources: [{{kind: registry, url: https://example.org/solo, backs: all}}]
    last_reviewed: null
"""


def trial_text(phase: str = '"2"', met: str = '"yes"', pmid: str = '"123"') -> str:
    return MEASURES_AND_INTERVENTION + TRIAL.format(phase=phase, met=met, pmid=pmid)


# --- the mini dataset --------------------------------------------------------------------------------------


def test_load_folder_returns_dataset(mini_path):
    dataset = load_dataset(mini_path)
    assert isinstance(dataset, Dataset)
    assert dataset.counts() == {"interventions": 3, "trials": 4, "measures": 3}


def test_dataset_info(mini_dataset):
    info = mini_dataset.info
    assert (info.name, info.version, info.last_reviewed) == ("Fixture trials", "0.0.1", dt.date(2026, 1, 15))
    assert info.description == "Fictional records for tests."


def test_records_keep_file_order(mini_dataset):
    assert [t.id for t in mini_dataset.trials] == ["alpha", "beta", "gamma-two", "delta-open"]
    assert [m.id for m in mini_dataset.measures] == ["mtr", "ffvep", "oct"]


def test_trial_fields_become_model_values(mini_dataset):
    alpha = mini_dataset.by_id["alpha"]
    assert alpha.registry_ids == ("NCT00000001",)
    assert alpha.design == Design(True, "double_blind", "parallel", True)
    assert alpha.population == Population(("rrms",), "Fictional adults with relapsing MS.", "interferon beta allowed")
    assert alpha.treatment_duration == Duration(24.0, "week")
    assert alpha.publications == (
        Publication("Doe J et al. Fictional Journal 2018;1:1-10", doi="10.1000/fixture.3", pmid="10000001"),
    )
    assert alpha.sources == (Source("registry", "design", url="https://clinicaltrials.gov/study/NCT00000001"),)
    assert alpha.last_reviewed == dt.date(2026, 1, 15)
    assert alpha.notes is None


def test_unknown_values_stay_none(mini_dataset):
    delta = mini_dataset.by_id["delta-open"]
    assert (delta.acronym, delta.phase, delta.enrollment, delta.start_year) == (None, None, None, None)
    assert delta.design == Design()
    assert delta.measures == ()


def test_single_file_loads(tmp_path, write_yaml):
    dataset = load_dataset(write_yaml(tmp_path, trial_text()))
    assert [t.id for t in dataset.trials] == ["solo"]
    assert dataset.info.name == "mstrials"  # no `dataset:` key: default metadata


def test_folder_merges_yaml_and_yml_files_in_subfolders(tmp_path, write_yaml):
    write_yaml(tmp_path, MEASURES_AND_INTERVENTION, "a/shared.yml")
    write_yaml(tmp_path, TRIAL.format(phase='"2"', met='"yes"', pmid='"1"'), "b/deeper/trials.yaml")
    write_yaml(tmp_path, "this is not read: [", "notes.txt")
    dataset = load_dataset(tmp_path)
    assert [t.id for t in dataset.trials] == ["solo"]
    assert dataset.trials[0].intervention_ids == ("testastine",)


def test_files_are_read_in_sorted_path_order(tmp_path, write_yaml):
    write_yaml(tmp_path, "measures: []", "b.yaml")
    write_yaml(tmp_path, "measures: []", "a/z.yaml")
    write_yaml(tmp_path, "measures: []", "a.yml")
    # Sorted by path components, so a folder's files stay together ("a/z.yaml" before "a.yml").
    assert [p.relative_to(tmp_path).as_posix() for p in loader.find_files(tmp_path)] == [
        "a/z.yaml",
        "a.yml",
        "b.yaml",
    ]


# --- friendly coercions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "phase"), [("2", "2"), ('"2"', "2"), ("2a", "2a"), ("1/2", "1/2"), ("null", None)])
def test_unquoted_phase_number_is_text(tmp_path, write_yaml, raw, phase):
    dataset = load_dataset(write_yaml(tmp_path, trial_text(phase=raw)))
    assert dataset.trials[0].phase == phase


@pytest.mark.parametrize(("raw", "met"), [("yes", "yes"), ("no", "no"), ("true", "yes"), ('"mixed"', "mixed")])
def test_unquoted_yes_no_outcome_is_text(tmp_path, write_yaml, raw, met):
    dataset = load_dataset(write_yaml(tmp_path, trial_text(met=raw)))
    assert dataset.trials[0].primary_outcome_met == met


def test_unquoted_pmid_is_text(tmp_path, write_yaml):
    dataset = load_dataset(write_yaml(tmp_path, trial_text(pmid="29029896")))
    assert dataset.trials[0].publications[0].pmid == "29029896"


def test_repeated_registry_id_in_one_trial_is_kept_once(tmp_path, write_yaml):
    text = trial_text().replace("[NCT00000001]", "[NCT00000001, NCT00000001]")
    assert load_dataset(write_yaml(tmp_path, text)).trials[0].registry_ids == ("NCT00000001",)


def test_text_is_stripped(tmp_path, write_yaml):
    text = trial_text().replace("title: A fictional trial", 'title: "  A fictional trial  "')
    assert load_dataset(write_yaml(tmp_path, text)).trials[0].title == "A fictional trial"


# --- where the data comes from -----------------------------------------------------------------------------


def test_explicit_path_wins_over_environment(monkeypatch):
    monkeypatch.setenv(loader.DATA_ENV, "/from/env")
    assert loader.default_data_path("/explicit") == Path("/explicit")


def test_environment_variable_chooses_the_data(monkeypatch, mini_path):
    monkeypatch.setenv(loader.DATA_ENV, str(mini_path))
    assert loader.default_data_path() == mini_path
    assert load_dataset().info.name == "Fixture trials"


def test_without_path_or_environment_the_bundled_data_is_used(monkeypatch):
    monkeypatch.delenv(loader.DATA_ENV, raising=False)
    assert loader.default_data_path() == loader.bundled_data_path()
    assert (loader.bundled_data_path() / "README.md").is_file()


# --- whole-dataset rules -----------------------------------------------------------------------------------


def test_two_files_defining_dataset_is_a_problem(tmp_path, write_yaml):
    meta = "dataset: {name: n, version: '1', last_reviewed: 2026-01-01}\n"
    write_yaml(tmp_path, meta, "one.yaml")
    write_yaml(tmp_path, meta, "two.yaml")
    with pytest.raises(DataError) as caught:
        load_dataset(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.path) == (str(tmp_path / "two.yaml"), 1, "dataset")
    assert problem.message == "only one file may define 'dataset'"


def test_unknown_top_level_key(tmp_path, write_yaml):
    with pytest.raises(DataError) as caught:
        load_dataset(write_yaml(tmp_path, "trails: []\n"))
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.path) == (1, 1, "trails")
    assert problem.message == "unknown top-level key 'trails'; allowed: dataset, interventions, trials, measures"


def test_trial_needs_an_intervention(tmp_path, write_yaml):
    text = trial_text().replace("intervention_ids: [testastine]", "intervention_ids: []")
    with pytest.raises(DataError) as caught:
        load_dataset(write_yaml(tmp_path, text))
    assert [p.message for p in caught.value.problems] == ["a trial needs at least one intervention id"]


def test_reference_to_broken_record_is_not_also_dangling(tmp_path, write_yaml):
    text = trial_text().replace("kind: small_molecule", "kind: pill")
    with pytest.raises(DataError) as caught:
        load_dataset(write_yaml(tmp_path, text))
    (problem,) = caught.value.problems
    assert problem.path == "interventions[0].kind"


def test_problems_across_files_are_all_reported(tmp_path, write_yaml):
    write_yaml(tmp_path, "measures: [{id: BAD}]\n", "a.yaml")
    write_yaml(tmp_path, "trials: 5\n", "b.yaml")
    with pytest.raises(DataError) as caught:
        load_dataset(tmp_path)
    files = {Path(p.file).name for p in caught.value.problems}
    assert files == {"a.yaml", "b.yaml"}


# --- field formats -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://clinicaltrials.gov/study/NCT02040298", True),
        ("http://example.org", True),
        ("https://rd.springer.com/article/10.1007%2Fs00415-019-09421-x", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("ftp://example.org/file", False),
        ("https://", False),
        ("https://example.org/two words", False),
        ("example.org", False),
    ],
)
def test_source_urls_must_be_web_addresses(url, ok):
    issues: list[schema.Issue] = []
    schema.check_record({"kind": "news", "backs": "x", "url": url}, schema.SOURCE, ("s",), issues)
    assert (issues == []) is ok, issues


@pytest.mark.parametrize(
    ("source", "ok"),
    [
        ({"kind": "news", "backs": "x", "url": "https://example.org"}, True),
        ({"kind": "news", "backs": "x", "doi": "10.1000/x"}, True),
        ({"kind": "news", "backs": "x", "pmid": "123"}, True),
        ({"kind": "news", "backs": "x", "title": "A title is not a link"}, False),
        ({"kind": "news", "backs": "x", "url": None, "doi": None, "pmid": None}, False),
    ],
)
def test_a_source_needs_a_url_doi_or_pmid(source, ok):
    issues: list[schema.Issue] = []
    schema.check_record({"sources": [source]}, {"sources": schema.SOURCES}, ("r",), issues)
    assert [i.message for i in issues] == ([] if ok else ["a source needs at least one of url, doi or pmid"])
