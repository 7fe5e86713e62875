"""The curation rules (`tui/core/curation.py`): what `mstrials-tui validate` enforces beyond the format.

Each case breaks one rule in a copy of the mini fixture (which follows every rule): the data still loads,
the curated load refuses it with one located problem. The bundled data is checked by
tests/test_bundled_data.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.core import curation
from tui.core.loader import load_dataset
from tui.core.problems import DataError

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def edited(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


# (file, text, replacement, the one problem of the curated load); the id names the rule broken.
BROKEN = [
    pytest.param(
        "measures.yaml",
        "    sources:\n      - kind: review\n        doi: 10.1000/fixture.1\n        backs: explanation\n",
        "    sources: []\n",
        "measures.yaml:11:14: measures[0].sources: a curated record lists at least one source",
        id="sources",
    ),
    pytest.param(
        "trials.yaml",
        "    last_reviewed: 2026-01-15\n  - id: beta",
        "    last_reviewed: null\n  - id: beta",
        "trials.yaml:107:20: trials[0].last_reviewed: a curated record says when it was last reviewed",
        id="reviewed-missing",
    ),
    pytest.param(
        "trials.yaml",
        "    last_reviewed: 2026-01-15\n  - id: beta",
        "    last_reviewed: 2026-02-01\n  - id: beta",
        "trials.yaml:107:20: trials[0].last_reviewed: reviewed 2026-02-01 is after the dataset's review 2026-01-15",
        id="reviewed-later",
    ),
    pytest.param(
        "trials.yaml",
        "registry_ids: [NCT00000004]",
        "registry_ids: []",
        "trials.yaml:197:19: trials[3].registry_ids: a curated trial has a registry id or a publication",
        id="identified",
    ),
    pytest.param(
        "trials.yaml",
        "intervention_ids: [testastine, mockformin]",
        "intervention_ids: [testastine]",
        "trials.yaml:30:9: interventions[2].id: no trial tests intervention 'mockformin'",
        id="tested",
    ),
    pytest.param(
        "trials.yaml",
        "      - kind: registry\n        registry_id: 2012-000001-11\n        backs: design\n",
        "",
        (
            "trials.yaml:111:33: trials[1].registry_ids[1]: registry id 2012-000001-11 is not cited by an official "
            "registry source (kind: registry, registry_id: 2012-000001-11)"
        ),
        id="official-registry",
    ),
    pytest.param(
        "trials.yaml",
        "        registry_id: NCT00000002\n        backs: design\n",
        (
            "        registry_id: NCT00000002\n        url: https://www.meddatax.com/trial/NCT00000002\n        "
            "backs: design\n"
        ),
        (
            "trials.yaml:148:14: trials[1].sources[0].url: meddatax.com is not an official registry site: give it "
            "as read_at"
        ),
        id="registry-host",
    ),
    pytest.param(
        "measures.yaml",
        "        doi: 10.1000/fixture.1\n",
        "        doi: 10.1000/fixture.1\n        url: https://europepmc.org/article/MED/1\n",
        (
            "measures.yaml:14:14: measures[0].sources[0].url: europepmc.org is a copy of a registry record or "
            "paper: cite its registry_id, doi or pmid and give this address as read_at"
        ),
        id="no-copies",
    ),
    pytest.param(
        "measures.yaml",
        "url: https://example.org/vep",
        "url: https://www.scribd.com/document/123/vep",
        "measures.yaml:27:14: measures[1].sources[0].url: scribd.com is a document-sharing site: cite another source",
        id="hosts-url",
    ),
    pytest.param(
        "trials.yaml",
        "read_at: https://example.org/mirror/fixture-3",
        "read_at: https://192.168.10.1/fixture-3",
        (
            "trials.yaml:105:18: trials[0].sources[1].read_at: 192.168.10.1 is a raw IP address, not a stable "
            "site: cite another source"
        ),
        id="hosts-read_at",
    ),
    pytest.param(
        "dataset.yaml",
        "  description: Fictional records for tests.\n",
        (
            "  description: Fictional records for tests.\n  references:\n    - {kind: other, url: "
            "https://staging.example.org/about, backs: scope}\n"
        ),
        (
            "dataset.yaml:9:26: dataset.references[0].url: staging.example.org is a staging or test site: cite "
            "another source"
        ),
        id="hosts-reference",
    ),
    pytest.param(
        "trials.yaml",
        '        doi: 10.1000/fixture.3\n        pmid: "10000001"\n',
        "",
        "trials.yaml:96:7: trials[0].publications: a completed, published trial gives the DOI or PMID of a publication",
        id="doi",
    ),
    pytest.param(
        "trials.yaml",
        (
            "        estimate_note: Reported as the share of eyes recovering in each arm, without a between-group "
            "estimate.\n"
        ),
        "",
        (
            "trials.yaml:128:9: trials[1].outcomes[0]: a reported primary result needs its estimate, or an "
            "estimate_note saying how it was reported"
        ),
        id="estimate",
    ),
    pytest.param(
        "trials.yaml",
        'start: "2023-05"',
        'start: "2027-01"',
        "trials.yaml:168:38: trials[2].dates.start: starts in 2027-01, after the dataset's review 2026-01-15",
        id="dates-start",
    ),
    pytest.param(
        "trials.yaml",
        'completion: "2017-03"',
        'completion: "2027-03"',
        (
            "trials.yaml:64:12: trials[0].dates: a completed trial ending in 2027-03, after the dataset's review "
            "2026-01-15"
        ),
        id="dates-end",
    ),
    pytest.param(
        "trials.yaml",
        "    last_reviewed: 2026-01-15\n  - id: beta",
        "    last_reviewed: 2026-01-15\n    draft: true\n  - id: beta",
        (
            "trials.yaml:108:12: trials[0].draft: a draft record: review every fact against its sources, then "
            "remove 'draft'"
        ),
        id="draft",
    ),
]

# Close to a rule, but within it.
WITHIN = [
    pytest.param(
        "trials.yaml",
        "        registry_id: NCT00000002\n        backs: design\n",
        (
            "        registry_id: NCT00000002\n        url: https://clinicaltrials.gov/study/NCT00000002\n        "
            "backs: design\n"
        ),
        id="registry-host-ok",
    ),
    pytest.param(
        "measures.yaml",
        "        doi: 10.1000/fixture.1\n",
        "        doi: 10.1000/fixture.1\n        read_at: https://europepmc.org/article/MED/1\n",
        id="no-copies-read_at-ok",
    ),
]


def test_the_mini_fixture_follows_every_rule():
    assert load_dataset(MINI, curated=True).counts()["trials"] == 4


def test_every_rule_has_a_case_that_breaks_it():
    names = [name for name, _ in curation.RULES]
    covered = {name for name in names for case in BROKEN if case.id == name or case.id.startswith(f"{name}-")}
    assert covered == set(names)


@pytest.mark.parametrize(("file", "old", "new", "problem"), BROKEN)
def test_breaking_a_rule_is_refused_in_curated_mode_only(tmp_path, file, old, new, problem):
    folder = edited(tmp_path, file, old, new)
    assert load_dataset(folder).trials  # well-formed: the app would show it
    with pytest.raises(DataError) as caught:
        load_dataset(folder, curated=True)
    assert [str(p).removeprefix(f"{folder}/") for p in caught.value.problems] == [problem]


@pytest.mark.parametrize(("file", "old", "new"), WITHIN)
def test_what_the_rules_allow(tmp_path, file, old, new):
    assert load_dataset(edited(tmp_path, file, old, new), curated=True).trials


def test_the_rules_are_numbered_in_the_docs_order():
    assert [name for name, _ in curation.RULES] == [
        "sources", "reviewed", "identified", "tested", "official-registry", "registry-host", "no-copies", "hosts",
        "doi", "estimate", "dates", "draft",
    ]  # fmt: skip
    assert all(text.endswith(".") for _, text in curation.RULES)
