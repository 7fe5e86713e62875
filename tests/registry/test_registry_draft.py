"""Drafting trial records from registry records: valid YAML in the format, prefilled only with what the
registry says, marked as a draft that the curated validation refuses until a curator has reviewed it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tui.core.loader import load_dataset
from tui.core.model import Dataset
from tui.core.problems import DataError
from tui.core.registry.draft import _scalar, conditions_of, draft_document, draft_record
from tui.core.registry.parse import RegistryRecord, parse_study
from tui.core.safety import UNSAFE

from .conftest import DRIFT, QUIRKS, ROOT, SAVED, saved

TODAY = date(2026, 12, 1)


def parsed(name: str, folder: Path = SAVED, payload: Any = None) -> RegistryRecord:
    return parse_study(payload if payload is not None else saved(name, folder), name)


def drafted_values(record: RegistryRecord, dataset: Dataset | None) -> dict[str, Any]:
    document = draft_document([draft_record(record, dataset)], TODAY, ["saved"])
    (trial,) = yaml.safe_load(document)["trials"]
    return trial  # type: ignore[no-any-return]


def without(trial_id: str, target: Path) -> Path:
    """A copy of the bundled data without one trial (so that its draft does not collide with it)."""
    shutil.copytree(ROOT / "data", target)
    for file in (target / "trials").glob("*.yaml"):
        content = file.read_text(encoding="utf-8")
        start = content.find(f"\n  - id: {trial_id}\n")
        if start >= 0:
            end = content.find("\n  - id: ", start + 1)
            file.write_text(content[: start + 1] + (content[end + 1 :] if end >= 0 else ""), encoding="utf-8")
            return target
    raise AssertionError(f"no trial {trial_id}")


def test_a_draft_holds_what_the_registry_says(bundled):
    trial = drafted_values(parsed("NCT05338450"), bundled)
    assert trial["draft"] is True
    assert (trial["id"], trial["acronym"], trial["registry_ids"]) == ("restore-nct05338450", "RESTORE", ["NCT05338450"])
    assert trial["title"].startswith("Clemastine Fumarate as Remyelinating Treatment")
    assert (trial["intervention_ids"], trial["comparator"], trial["phase"]) == (["clemastine"], "placebo", "3")
    assert trial["design"] == {
        "randomised": True,
        "masking": "quadruple",
        "allocation": "parallel",
        "placebo_controlled": True,
    }
    assert trial["population"]["conditions"] == ["ms"]
    assert [(a["label"], a["role"], a["intervention_ids"]) for a in trial["arms"]] == [
        ("Clemastine", "experimental", ["clemastine"]),
        ("Placebo", "placebo_comparator", []),
    ]
    assert trial["enrolment"] == {"planned": 80, "enrolled": None, "randomised": None, "analysed": None}
    assert trial["dates"] == {
        "registered": "2022-04-06",
        "start": "2022-08-30",
        "primary_completion": None,
        "completion": "2026-11",
        "results_posted": None,
        "published": None,
    }
    assert (trial["status"], trial["sponsor"], trial["countries"], trial["sites"]) == (
        "recruiting",
        "Amsterdam UMC, location VUmc",
        ["Netherlands"],
        1,
    )
    (source,) = trial["sources"]
    assert (source["kind"], source["registry_id"]) == ("registry", "NCT05338450")
    assert "primary outcomes as registered" in source["backs"]


def test_what_the_registry_cannot_say_is_left_empty(bundled):
    trial = drafted_values(parsed("NCT03222973"), bundled)
    (outcome,) = trial["outcomes"]
    assert outcome["description"].startswith("Overall Response Score") and outcome["time_point"] == "72 weeks"
    assert (outcome["measure"], outcome["met"], outcome["result"], outcome["population"]) == (
        None,
        "not_reported",
        None,
        None,
    )
    assert (trial["measures"], trial["adverse_events"], trial["publications"], trial["related"]) == ([], [], [], [])
    for key in ("result_summary", "safety_summary", "treatment_duration", "notes", "last_reviewed", "why_stopped"):
        assert trial[key] is None, key
    assert trial["population"]["description"] is None
    assert all(
        arm[key] is None for arm in trial["arms"] for key in ("dose", "route", "schedule", "duration", "n_randomised")
    )


def test_comments_say_what_to_do_and_keep_the_registry_words_out_of_the_values(bundled):
    text = draft_record(parsed("NCT05338450", DRIFT / "terminated"), bundled).yaml
    assert "# the registry's reason for stopping, to put in own words: Synthetic reason" in text
    assert "why_stopped: null" in text
    assert "status: terminated" in text
    assert "measure: null  # a measure id from measures.yaml" in text
    assert 'completion: "2026-11"  # estimated' in text


def test_secondary_ids_are_named_in_a_comment_not_listed_uncited(bundled):
    text = draft_record(parsed("NCT01864148"), bundled).yaml
    assert "2011-006262-40 (eudract number)" in text
    assert "registry_ids: [NCT01864148]" in text


def test_interventions_map_by_exact_name_or_alias(bundled):
    trial = drafted_values(parsed("NCT01864148"), bundled)
    # "Opicinumab" is our name; "Interferon beta-1a" an alias of ours; placebo is never an intervention.
    assert trial["intervention_ids"] == ["opicinumab", "interferon-beta"]
    assert trial["arms"][0]["intervention_ids"] == ["interferon-beta"]


def test_unknown_interventions_get_placeholders_that_validation_flags(bundled, tmp_path):
    payload = saved("NCT05338450")
    module = payload["protocolSection"]["armsInterventionsModule"]
    module["interventions"][0]["name"] = "Clemastine 4 mg tablets"
    module["armGroups"][0]["interventionNames"] = ["Drug: Clemastine 4 mg tablets"]
    drafted = draft_record(parsed("NCT05338450", payload=payload), bundled)
    assert drafted.placeholders == ("todo-clemastine-4-mg-tablets",)
    assert "# todo-clemastine-4-mg-tablets: the registry's intervention 'Clemastine 4 mg tablets'" in drafted.yaml
    data = without("restore", tmp_path / "data")
    (data / "trials" / "draft.yaml").write_text(draft_document([drafted], TODAY), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_dataset(data)
    messages = [p.message for p in error.value.problems]
    assert messages == ["unknown intervention 'todo-clemastine-4-mg-tablets'"] * 2  # the trial's and the arm's


def test_no_registered_intervention_still_gives_a_placeholder(bundled):
    trial = drafted_values(parsed("NCT05338450", QUIRKS / "missing-modules"), bundled)
    assert trial["intervention_ids"] == ["todo-intervention"]
    assert (trial["arms"], trial["outcomes"], trial["phase"], trial["sponsor"]) == ([], [], None, None)


def test_a_draft_loads_in_the_format_and_is_refused_by_the_curation_rules(bundled, tmp_path):
    data = without("restore", tmp_path / "data")
    remaining = load_dataset(data)
    drafted = draft_record(parsed("NCT05338450"), remaining)
    assert drafted.trial_id == "restore" and drafted.warnings == ()
    (data / "trials" / "draft.yaml").write_text(draft_document([drafted], TODAY), encoding="utf-8")
    loaded = load_dataset(data)
    assert loaded.find_trial("NCT05338450") is not None and loaded.find_trial("NCT05338450").draft  # type: ignore[union-attr]
    with pytest.raises(DataError) as error:
        load_dataset(data, curated=True)
    assert sorted(p.path for p in error.value.problems) == ["trials[0].draft", "trials[0].last_reviewed"]


def test_every_saved_record_drafts_into_loadable_yaml(bundled, tmp_path):
    folders = [
        SAVED,
        *sorted(p for p in (SAVED / "drift").iterdir()),
        *sorted(p for p in QUIRKS.iterdir() if p.name != "html-page"),
    ]
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    drafts = []
    taken = set(bundled.by_id)
    for folder in folders:
        for file in sorted(folder.glob("NCT*.json")):
            record = parse_study(saved(file.stem, folder), file.stem)
            drafted = draft_record(record, bundled, taken)
            taken.add(drafted.trial_id)
            drafts.append(drafted)
    assert len({d.trial_id for d in drafts}) == len(drafts)
    parsed_yaml = yaml.safe_load(draft_document(drafts, TODAY))
    assert len(parsed_yaml["trials"]) == len(drafts)
    # Each draft loads beside the curated data, but for the registry id it shares with the curated trial
    # (or another draft) and its placeholder interventions.
    for drafted in drafts:
        (data / "trials" / "zz-draft.yaml").write_text(draft_document([drafted], TODAY), encoding="utf-8")
        try:
            load_dataset(data)
        except DataError as error:
            allowed = ("registry id NCT", "unknown intervention 'todo-")
            assert all(p.message.startswith(allowed) for p in error.problems), (drafted.nct_id, error.problems)


def test_a_trial_already_in_the_data_is_drafted_under_another_id_with_a_warning(bundled):
    drafted = draft_record(parsed("NCT01864148"), bundled)
    assert drafted.trial_id == "synergy-nct01864148"
    assert drafted.warnings == ("NCT01864148 is already in the data as 'synergy': use `registry check` to compare",)


def test_a_merged_record_is_drafted_under_its_current_id(bundled):
    text = draft_record(parsed("NCT05338450", QUIRKS / "merged"), bundled).yaml
    assert "registry_ids: [NCT09999999]  # asked for NCT05338450, which the registry merged into this record" in text


def test_early_phase_1_is_drafted_as_phase_1_with_the_registry_word(bundled):
    text = draft_record(parsed("NCT05338450", QUIRKS / "early-phase-1"), bundled).yaml
    assert 'phase: "1"  # registry: Early phase 1' in text


def test_the_document_says_how_to_review(bundled):
    document = draft_document(
        [draft_record(parsed("NCT02040298"))], TODAY, ["tests/fixtures/registry/NCT02040298.json"]
    )
    lines = document.splitlines()
    assert lines[0] == "# Draft trial records written by `mstrials-tui registry draft` on 2026-12-01 from"
    assert "removes `draft: true`" in document and lines[6] == "trials:"


@pytest.mark.parametrize(
    ("conditions", "ours"),
    [
        (["Relapsing-Remitting Multiple Sclerosis"], ("rrms",)),
        (["Multiple Sclerosis, Secondary Progressive", "Multiple Sclerosis"], ("spms", "ms")),
        (["Optic Neuritis"], ("optic_neuritis",)),
        (["Progressive Multiple Sclerosis"], ("progressive_ms",)),
        (["Healthy"], ()),
    ],
)
def test_conditions(conditions, ours):
    payload = saved("NCT05338450")
    payload["protocolSection"]["conditionsModule"]["conditions"] = conditions
    assert conditions_of(parsed("NCT05338450", payload=payload)) == ours


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60).filter(lambda t: not UNSAFE.search(t))


@given(TEXT)
def test_every_scalar_reads_back_as_written(value):
    assert yaml.safe_load(f"key: {_scalar(value)}") == {"key": value}
    assert yaml.safe_load(f"key: [{_scalar(value, flow=True)}, x]") == {"key": [value, "x"]}


@pytest.mark.parametrize(
    "value", ["yes", "No", "null", "2014-01", "1.5", "Korea, Republic of", "a: b", "#x", "- x", "x #y", "'q'", "~"]
)
def test_ambiguous_scalars_are_quoted(value):
    assert yaml.safe_load(f"key: {_scalar(value)}") == {"key": value}
    assert yaml.safe_load(f"key: [{_scalar(value, flow=True)}]") == {"key": [value]}
