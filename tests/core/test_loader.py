"""Loading valid data: which files are read, how values become model records, how plain YAML scalars are
read (never reinterpreted), and where the data comes from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui.core import loader, schema
from tui.core.loader import load_dataset
from tui.core.model import (
    AdverseEvents,
    Arm,
    Dataset,
    Design,
    Duration,
    Effect,
    Enrolment,
    Outcome,
    PartialDate,
    Population,
    Publication,
    PValue,
    Related,
    Source,
)
from tui.core.problems import DataError, Issues

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
    design: {{randomised: null, masking: null, allocation: null, placebo_controlled: null}}
    population: {{conditions: [], description: null, background_therapy: null}}
    arms: []
    enrolment: {{planned: null, enrolled: null, randomised: null, analysed: null}}
    treatment_duration: null
    dates: {{registered: null, start: null, primary_completion: null, completion: null, results_posted: null,
            published: null}}
    why_stopped: null
    related: []
    outcomes:
      - {{kind: primary, measure: null, description: An outcome, time_point: null, population: null, met: {met},
         result: null}}
    result_summary: null
    measures: []
    adverse_events: []
    safety_summary: null
    status: unknown
    sponsor: null
    countries: []
    sites: null
    publications: [{{citation: Doe 2020, pmid: {pmid}}}]
    sources: [{{kind: registry, registry_id: NCT00000001, backs: all}}]
    last_reviewed: null
"""


def trial_text(phase: str = '"2"', met: str = '"yes"', pmid: str = '"123"') -> str:
    return MEASURES_AND_INTERVENTION + TRIAL.format(phase=phase, met=met, pmid=pmid)


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    return [f"{p.line}:{p.column}: {p.path}: {p.message}" for p in caught.value.problems]


# --- the mini dataset --------------------------------------------------------------------------------------


def test_load_folder_returns_dataset(mini_path):
    dataset = load_dataset(mini_path)
    assert isinstance(dataset, Dataset)
    assert dataset.counts() == {"interventions": 3, "trials": 4, "measures": 3}
    assert dataset.warnings == ()


def test_the_mini_fixture_also_follows_the_curation_rules(mini_path):
    assert load_dataset(mini_path, curated=True).counts()["trials"] == 4


def test_dataset_info(mini_dataset):
    info = mini_dataset.info
    assert (info.name, info.version, info.last_reviewed) == ("Fixture trials", "0.0.1", dt.date(2026, 1, 15))
    assert info.description == "Fictional records for tests."
    assert info.references == ()


def test_records_keep_file_order(mini_dataset):
    assert [t.id for t in mini_dataset.trials] == ["alpha", "beta", "gamma-two", "delta-open"]
    assert [m.id for m in mini_dataset.measures] == ["mtr", "ffvep", "oct"]


def test_trial_fields_become_model_values(mini_dataset):
    alpha = mini_dataset.by_id["alpha"]
    assert alpha.registry_ids == ("NCT00000001",)
    assert alpha.design == Design(True, "double", "parallel", True)
    assert alpha.population == Population(("rrms",), "Fictional adults with relapsing MS.", "interferon beta allowed")
    assert alpha.treatment_duration == Duration(24.0, "week")
    assert alpha.enrolment == Enrolment(planned=110, enrolled=None, randomised=120, analysed=118)
    assert alpha.dates.start == PartialDate(2015, 1)
    assert alpha.dates.registered == PartialDate(2014, 11, 2)
    assert alpha.dates.results_posted is None
    assert alpha.arms[0] == Arm(
        "Fixturamab", "experimental", ("fixturamab",), "10 mg/kg", "intravenous", "every 4 weeks",
        Duration(24.0, "week"), 60,
    )  # fmt: skip
    assert alpha.arms[1].intervention_ids == ()
    assert alpha.adverse_events[0] == AdverseEvents("Fixturamab", 60, 40, 3, 2, 0)
    assert alpha.publications == (
        Publication("Doe J et al. Fictional Journal 2018;1:1-10", doi="10.1000/fixture.3", pmid="10000001"),
    )
    assert alpha.sources == (
        Source("registry", "design", registry_id="NCT00000001"),
        Source("publication", "result", doi="10.1000/fixture.3", read_at="https://example.org/mirror/fixture-3"),
    )
    assert alpha.last_reviewed == dt.date(2026, 1, 15)
    assert alpha.notes is None
    assert alpha.draft is False


def test_outcomes_and_effects_become_model_values(mini_dataset):
    primary, secondary = mini_dataset.by_id["alpha"].outcomes
    assert primary == Outcome(
        "primary", "Change in fictional VEP latency from baseline.", "ffvep", "week 24", "itt", "yes",
        Effect("mean_difference", -2.0, -3.1, -0.9, 0.95, PValue(0.001), None, "ms", "lower", 118),
    )  # fmt: skip
    assert secondary.result.p_value == PValue(0.2, "<")  # a bound written as text: "<0.2"
    assert secondary.result.ci_level == 0.95  # the default
    beta = mini_dataset.by_id["beta"].outcomes[0]
    assert (beta.result, beta.met) == (None, "no")
    assert beta.estimate_note.startswith("Reported as the share of eyes")


def test_relations_become_model_values(mini_dataset):
    assert mini_dataset.by_id["delta-open"].related == (Related("alpha", "follow_up_of"),)


def test_unknown_values_stay_none(mini_dataset):
    delta = mini_dataset.by_id["delta-open"]
    assert (delta.acronym, delta.phase, delta.start_year, delta.treatment_duration) == (None, None, None, None)
    assert delta.enrolment == Enrolment()
    assert delta.enrolment.headline is None
    assert delta.design == Design()
    assert delta.measures == () and delta.outcomes == () and delta.arms == ()


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
    # The other file is skipped, with a warning that names it.
    assert [(Path(w.file).name, w.message) for w in dataset.warnings] == [
        ("notes.txt", "skipped: not a .yaml or .yml file")
    ]


def test_upper_case_extensions_are_read(tmp_path, write_yaml):
    write_yaml(tmp_path, MEASURES_AND_INTERVENTION, "SHARED.YAML")
    write_yaml(tmp_path, TRIAL.format(phase='"2"', met='"yes"', pmid='"1"'), "Trials.Yml")
    assert [t.id for t in load_dataset(tmp_path).trials] == ["solo"]


def test_hidden_files_folders_and_a_readme_are_skipped_silently(tmp_path, write_yaml):
    write_yaml(tmp_path, trial_text(), "data.yaml")
    write_yaml(tmp_path, "not: [valid", ".hidden/broken.yaml")
    write_yaml(tmp_path, "notes", "README.md")
    write_yaml(tmp_path, "notes", ".editorconfig")
    assert load_dataset(tmp_path).warnings == ()


def test_files_are_read_in_sorted_path_order(tmp_path, write_yaml):
    write_yaml(tmp_path, "measures: []", "b.yaml")
    write_yaml(tmp_path, "measures: []", "a/z.yaml")
    write_yaml(tmp_path, "measures: []", "a.yml")
    # Sorted by path components, so a folder's files stay together ("a/z.yaml" before "a.yml").
    assert [p.relative_to(tmp_path).as_posix() for p in loader.find_files(tmp_path).files] == [
        "a/z.yaml",
        "a.yml",
        "b.yaml",
    ]


# --- plain scalars are never reinterpreted -------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "phase"), [('"2"', "2"), ("2a", "2a"), ("1/2", "1/2"), ("null", None), ("~", None)])
def test_phase_values(tmp_path, write_yaml, raw, phase):
    dataset = load_dataset(write_yaml(tmp_path, trial_text(phase=raw)))
    assert dataset.trials[0].phase == phase


def test_an_unquoted_number_for_a_text_field_must_be_quoted(tmp_path, write_yaml):
    assert problems_of(write_yaml(tmp_path, trial_text(phase="2"))) == [
        '33:12: trials[0].phase: expected text, got a number: quote it ("2")'
    ]


@pytest.mark.parametrize(
    ("raw", "met"), [("yes", "yes"), ("no", "no"), ('"mixed"', "mixed"), ("not_reported", "not_reported")]
)
def test_yes_and_no_are_text_not_booleans(tmp_path, write_yaml, raw, met):
    # YAML 1.1 would read `yes` as true; the loader reads YAML 1.2 style, so `met: yes` is the text "yes".
    dataset = load_dataset(write_yaml(tmp_path, trial_text(met=raw)))
    assert dataset.trials[0].outcomes[0].met == met


def test_true_for_a_text_field_must_be_quoted(tmp_path, write_yaml):
    (problem,) = problems_of(write_yaml(tmp_path, trial_text(met="true")))
    assert problem.endswith('trials[0].outcomes[0].met: expected text, got a boolean: quote it ("True")')


def test_an_unquoted_pmid_is_refused_not_converted(tmp_path, write_yaml):
    (problem,) = problems_of(write_yaml(tmp_path, trial_text(pmid="29029896")))
    assert problem.endswith('trials[0].publications[0].pmid: expected text, got a number: quote it ("29029896")')


def test_an_unquoted_pmid_with_a_leading_zero_stays_text_and_is_malformed(tmp_path, write_yaml):
    # YAML 1.1 reads 0123 as the octal number 83; here it stays the text "0123", which is not a PMID.
    (problem,) = problems_of(write_yaml(tmp_path, trial_text(pmid="0123")))
    assert problem.endswith("trials[0].publications[0].pmid: malformed PMID: expected 1 to 9 digits")


def test_an_unquoted_version_that_looks_like_a_number_must_be_quoted(tmp_path, write_yaml):
    text = "dataset: {name: n, version: 2026.10, last_reviewed: 2026-01-01}\n"
    # Never "2026.1": the number as YAML read it is not what was written.
    assert problems_of(write_yaml(tmp_path, text)) == [
        "1:29: dataset.version: expected text, got a decimal number: quote it exactly as written"
    ]


@pytest.mark.parametrize("version", ["2026.10.0", '"2026.10"', "v2", "0x1F", "1:20:00", "0o17", "1_000"])
def test_versions_that_yaml_11_would_convert_stay_text(tmp_path, write_yaml, version):
    text = f"dataset: {{name: n, version: {version}, last_reviewed: 2026-01-01}}\n"
    assert load_dataset(write_yaml(tmp_path, text)).info.version == version.strip('"')


def test_repeated_registry_id_in_one_trial_is_kept_once(tmp_path, write_yaml):
    text = trial_text().replace("registry_ids: [NCT00000001]", "registry_ids: [NCT00000001, NCT00000001]")
    assert load_dataset(write_yaml(tmp_path, text)).trials[0].registry_ids == ("NCT00000001",)


def test_text_is_stripped(tmp_path, write_yaml):
    text = trial_text().replace("title: A fictional trial", 'title: "  A fictional trial  "')
    assert load_dataset(write_yaml(tmp_path, text)).trials[0].title == "A fictional trial"


def test_empty_text_is_refused(tmp_path, write_yaml):
    text = trial_text().replace("title: A fictional trial", 'title: "   "')
    (problem,) = problems_of(write_yaml(tmp_path, text))
    assert problem.endswith("trials[0].title: must not be empty (use null when unknown)")


def test_prose_keeps_its_line_breaks_but_a_name_may_not_have_any(tmp_path, write_yaml):
    prose = trial_text().replace("result_summary: null", "result_summary: |\n      one\n      two")
    assert load_dataset(write_yaml(tmp_path, prose)).trials[0].result_summary == "one\ntwo"
    name = trial_text().replace("title: A fictional trial", 'title: "one\\ntwo"')
    (problem,) = problems_of(write_yaml(tmp_path, name))
    assert problem.endswith("trials[0].title: contains a line break at character 4; remove it")


# --- where the data comes from -----------------------------------------------------------------------------


def test_explicit_path_wins_over_environment(monkeypatch):
    monkeypatch.setenv(loader.DATA_ENV, "/from/env")
    assert loader.default_data_path("/explicit") == Path("/explicit")


@pytest.mark.parametrize("empty", ["", "   "])
def test_an_empty_data_path_is_an_error(empty):
    with pytest.raises(DataError) as caught:
        loader.default_data_path(empty)
    assert [str(p) for p in caught.value.problems] == [
        "--data:1:1: (path): the data path is empty; give a YAML file or a folder"
    ]


def test_environment_variable_chooses_the_data(monkeypatch, mini_path):
    monkeypatch.setenv(loader.DATA_ENV, str(mini_path))
    assert loader.default_data_path() == mini_path
    assert load_dataset().info.name == "Fixture trials"


def test_an_empty_environment_variable_means_the_bundled_data(monkeypatch):
    monkeypatch.setenv(loader.DATA_ENV, "")
    assert loader.default_data_path() == loader.bundled_data_path()


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
    assert problems_of(write_yaml(tmp_path, text)) == [
        "31:23: trials[0].intervention_ids: a trial needs at least one intervention id"
    ]


def test_a_trial_cannot_be_related_to_itself(tmp_path, write_yaml):
    text = trial_text().replace("related: []", "related: [{trial: solo, relation: extension_of}]")
    (problem,) = problems_of(write_yaml(tmp_path, text))
    assert problem.endswith("trials[0].related[0].trial: a trial cannot be related to itself")


def test_more_randomised_than_enrolled_is_a_problem(tmp_path, write_yaml):
    text = trial_text().replace("enrolled: null, randomised: null", "enrolled: 10, randomised: 12")
    (problem,) = problems_of(write_yaml(tmp_path, text))
    assert problem.endswith("trials[0].enrolment.randomised: more participants randomised than enrolled")


ARM = (
    "{{label: A, role: experimental, intervention_ids: [{interventions}], dose: null, route: null, schedule: null, "
    "duration: null, n_randomised: {n}}}"
)


def test_arms_may_add_up_to_the_enrolled_count_when_randomised_is_unknown(tmp_path, write_yaml):
    arm = ARM.format(interventions="testastine", n=11)
    text = trial_text().replace("arms: []", f"arms: [{arm}]").replace("enrolled: null", "enrolled: 10")
    (problem,) = problems_of(write_yaml(tmp_path, text))
    assert problem.endswith("trials[0].arms: the arms add up to 11 participants, more than the 10 enrolled")
    assert load_dataset(write_yaml(tmp_path, text.replace("n_randomised: 11", "n_randomised: 10"))).trials


def test_an_arm_must_name_known_interventions(tmp_path, write_yaml):
    arm = ARM.format(interventions="ghost", n="null")
    (problem,) = problems_of(write_yaml(tmp_path, trial_text().replace("arms: []", f"arms: [{arm}]")))
    assert problem.endswith("trials[0].arms[0].intervention_ids[0]: unknown intervention 'ghost'")


def test_completion_before_primary_completion_is_a_problem(tmp_path, write_yaml):
    text = trial_text().replace(
        "primary_completion: null, completion: null", 'primary_completion: "2020", completion: "2019-05"'
    )
    (problem,) = problems_of(write_yaml(tmp_path, text))
    assert problem.endswith("trials[0].dates.completion: completion 2019-05 is before the primary completion 2020")


def test_one_end_of_an_interval_is_not_enough(tmp_path, write_yaml):
    text = trial_text().replace(
        "result: null}",
        "result: {estimate_type: mean_difference, estimate: 1, ci_low: 0.5, ci_high: null, p_value: null, unit: null,"
        " favours: null}}",
    )
    (problem,) = problems_of(write_yaml(tmp_path, text))
    assert problem.endswith(
        "trials[0].outcomes[0].result.ci_high: give both ends of the confidence interval, or neither"
    )


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


# --- sources -------------------------------------------------------------------------------------------------


def source_messages(source: dict) -> list[str]:
    issues = Issues()
    schema.check_value([source], schema.SOURCES, ("sources",), issues)
    return [f"{'.'.join(map(str, i.path))}: {i.message}" for i in issues.found]


@pytest.mark.parametrize(
    "source",
    [
        {"kind": "news", "backs": "x", "url": "https://example.org"},
        {"kind": "publication", "backs": "x", "doi": "10.1000/x"},
        {"kind": "publication", "backs": "x", "pmid": "123", "read_at": "https://pmc.example/1"},
        {"kind": "registry", "backs": "x", "registry_id": "NCT00000001"},
    ],
)
def test_a_source_with_a_citation_is_valid(source):
    assert source_messages(source) == []


@pytest.mark.parametrize(
    "source",
    [
        {"kind": "news", "backs": "x", "title": "A title is not a link"},
        {"kind": "news", "backs": "x", "url": None, "doi": None, "pmid": None},
        {"kind": "news", "backs": "x", "read_at": "https://copy.example/x"},  # where it was read is no citation
    ],
)
def test_a_source_needs_a_registry_id_doi_pmid_or_url(source):
    assert source_messages(source) == ["sources.0: needs at least one of registry_id, doi, pmid, url"]


def test_a_registry_source_needs_its_registry_id():
    assert source_messages({"kind": "registry", "backs": "x", "url": "https://clinicaltrials.gov/study/NCT1"}) == [
        "sources.0.registry_id: a source of kind 'registry' needs the registry_id of the official record"
    ]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("url", "javascript:alert(1)", "malformed URL"),
        ("read_at", "https://user:pw@copy.example/", "a URL must not contain a user name or password"),
        ("doi", "10.1000 x", "malformed DOI"),
        ("pmid", "0123", "malformed PMID"),
        ("registry_id", "NCT1", "malformed registry id 'NCT1'"),
        ("kind", "blog", "'blog' is not allowed"),
    ],
)
def test_source_fields_are_checked(key, value, message):
    source = {"kind": "news", "backs": "x", "url": "https://example.org", key: value}
    (found,) = source_messages(source)
    assert found.startswith(f"sources.0.{key}: {message}")


# --- effect estimates ------------------------------------------------------------------------------------------


MALFORMED_P = "malformed p value: expected a number 0–1 or a bound such as '<0.001'"


def effect_messages(**values) -> list[str]:
    raw = {"estimate_type": "mean_difference", "estimate": 1.0, "ci_low": None, "ci_high": None, "p_value": None}
    raw.update({"unit": None, "favours": None, **values})
    issues = Issues()
    schema.check_value(raw, schema.OUTCOME["result"], ("result",), issues)
    return [f"{'.'.join(map(str, i.path))}: {i.message}" for i in issues.found]


@pytest.mark.parametrize(
    ("values", "messages"),
    [
        ({"estimate": -1.7, "ci_low": -2.9, "ci_high": -0.5}, []),
        ({"estimate": -0.5, "ci_low": -2.9, "ci_high": -0.5}, []),  # an end of the interval is inside it
        ({"ci_low": 2.0, "ci_high": 0.5}, ["result.ci_low: the interval's low end 2 is above its high end 0.5"]),
        ({"estimate": 3.0, "ci_low": 0.5, "ci_high": 2.0},
         ["result.estimate: estimate 3 lies outside its interval 0.5 to 2"]),
        ({"ci_low": 0.5}, ["result.ci_high: give both ends of the confidence interval, or neither"]),
        ({"p_value": 1.5}, ["result.p_value: 1.5 is above the maximum 1"]),
        ({"p_value": -0.1}, ["result.p_value: -0.1 is below the minimum 0"]),
        ({"p_value": "<0.001"}, []),
        ({"p_value": "≤0.05"}, []),
        ({"p_value": ">1.5"}, [f"result.p_value: {MALFORMED_P}"]),
        ({"p_value": "p<0.05"}, [f"result.p_value: {MALFORMED_P}"]),
        ({"ci_level": 0.9}, []),
        ({"ci_level": 95}, ["result.ci_level: 95 is above the maximum 0.999"]),
        ({"estimate_type": "hazard_ratio", "estimate": 0.0}, ["result.estimate: a ratio must be above 0, got 0"]),
        ({"estimate_type": "odds_ratio", "estimate": -0.5}, ["result.estimate: a ratio must be above 0, got -0.5"]),
        ({"estimate_type": "risk_ratio", "estimate": 0.8, "ci_low": 0.0, "ci_high": 1.1},
         ["result.ci_low: a ratio must be above 0, got 0"]),
        ({"estimate_type": "mean_difference", "estimate": -0.5}, []),  # a difference may be negative
        ({"estimate_type": "hazard_ratio", "estimate": 0.7, "favours": "lower"}, []),
        ({"favours": "better"}, ["result.favours: 'better' is not allowed; allowed: lower, higher"]),
        ({"estimate": True}, ["result.estimate: expected a number, got a boolean"]),
    ],
)  # fmt: skip
def test_effect_rules(values, messages):
    assert effect_messages(**values) == messages
