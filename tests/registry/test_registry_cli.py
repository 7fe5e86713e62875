"""`mstrials-tui registry check` and `registry draft`: exit codes (like diff: 0 same, 1 different, 2 trouble),
output, sources of records (saved folders, the cache, the local API), and drafts that never overwrite."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import types

import pytest
import yaml

from tui.__main__ import main
from tui.core.loader import DATA_ENV
from tui.core.registry import api

from .conftest import DRIFT, QUIRKS, ROOT, SAVED
from .server import FakeRegistry, Reply

SAVED_ARG = "tests/fixtures/registry"
FOUR = ("rebuild", "synergy", "affinity", "restore")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    """From the project root, on the bundled data, with a cache folder of our own and no app."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.setattr(api, "default_cache_dir", lambda: tmp_path / "cache" / "registry")
    monkeypatch.setitem(sys.modules, "tui.app", types.SimpleNamespace(run_app=None))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- check -----------------------------------------------------------------------------------------------------


def test_check_without_differences_exits_0(capsys):
    code, out, err = run(capsys, "registry", "check", *FOUR, "--from", SAVED_ARG)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert (
        lines[0] == "ReBUILD (rebuild) · NCT02040298 · registry version 2025-09-18 · last update posted 2025-09-17: "
        "no differences"
    )
    assert lines[-1] == "4 registry records checked: 0 with differences, 4 without"


@pytest.mark.parametrize(
    ("folder", "reference", "expected"),
    [
        ("status", "restore", "Status  registry: Active, not recruiting"),
        ("enrolment-actual", "restore", "Enrolment  registry: 80 enrolled (actual)"),
        ("results-posted", "restore", "Results posted  registry: posted 2027-06-02"),
        ("terminated", "restore", "Why stopped  registry: Synthetic reason for a test fixture: recruitment too slow"),
        ("dates", "restore", "Completion          registry: 2027-09 (estimated)"),
        ("sponsor", "synergy", "Sponsor  registry: Synthetic Sponsor Holding B.V."),
    ],
)
def test_check_with_a_drift_exits_1(capsys, folder, reference, expected):
    code, out, err = run(capsys, "registry", "check", reference, "--from", str(DRIFT / folder))
    assert (code, err) == (1, "")
    assert expected in out
    assert out.splitlines()[-1] == "1 registry record checked: 1 with differences, 0 without"


def test_check_of_a_quirk_that_is_no_difference(capsys):
    code, out, _ = run(capsys, "registry", "check", "restore", "--from", str(QUIRKS / "enrolment-unknown"))
    assert code == 0
    assert "note: enrolment 99999999 is the registry's placeholder for an unknown count" in out


def test_check_of_a_merged_record(capsys):
    code, out, _ = run(capsys, "registry", "check", "NCT05338450", "--from", str(QUIRKS / "merged"))
    assert code == 1
    assert "RESTORE (restore) · NCT05338450 → NCT09999999" in out
    assert "Registry id  registry: NCT09999999 (this record absorbed NCT05338450)" in out


def test_check_of_an_html_page_exits_2(capsys):
    code, out, _ = run(capsys, "registry", "check", "restore", "--from", str(QUIRKS / "html-page"))
    assert code == 2
    assert "not checked:" in out and "an HTML page came where JSON was expected" in out


def test_check_json(capsys):
    code, out, _ = run(capsys, "registry", "check", "restore", "rebuild", "--from", str(DRIFT / "status"), "--json")
    assert code == 2  # ReBUILD has no saved response in that folder, and was asked for by name
    report = json.loads(out)
    assert (report["checked"], report["with_differences"]) == (1, 1)
    assert report["trials"][0]["differences"][0]["registry"] == "Active, not recruiting"
    assert report["errors"][0]["nct_id"] == "NCT02040298"


def test_check_every_trial_skips_those_not_saved(capsys):
    code, out, err = run(capsys, "registry", "check", "--from", SAVED_ARG)
    assert code == 0
    assert out.splitlines()[-1] == "4 registry records checked: 0 with differences, 4 without"
    # The bundled data grows; every other trial with an NCT id is named as not checked.
    assert re.match(r"warning: \d\d+ registry records not checked, no saved response \(NCT\d{8}, ", err)
    assert "fetch them with --online" in err


def test_check_of_a_folder_with_nothing_for_us_exits_2(capsys, tmp_path):
    code, out, _ = run(capsys, "registry", "check", "--from", str(tmp_path))
    assert code == 2 and out.splitlines()[-1] == "0 registry records checked: 0 with differences, 0 without"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["no-such-trial", "--from", SAVED_ARG], "no trial matches 'no-such-trial'"),
        (["ccmr-one", "--from", SAVED_ARG], "ccmr-one has no ClinicalTrials.gov (NCT) id to check"),
        (["restore", "--from", "tests/fixtures/registry/NCT05338450.json"], "expected a folder of saved responses"),
        (["restore", "--from", "nowhere"], "--from nowhere: no such file or folder"),
        (["restore", "--from", SAVED_ARG, "--online"], "give --online or --from, not both"),
        (["restore", "--online", "--timeout", "0"], "--timeout must be above 0"),
        (["restore"], "no saved registry responses yet"),
    ],
)
def test_check_usage_errors_exit_2(capsys, argv, message):
    code, _, err = run(capsys, "registry", "check", *argv)
    assert code == 2 and message in err


def test_registry_needs_an_action(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["registry"])
    assert exit_info.value.code == 2


# --- online, against the local server ----------------------------------------------------------------------


def test_check_online_fetches_caches_and_then_works_offline(
    capsys, monkeypatch, registry_server: FakeRegistry, tmp_path
):
    monkeypatch.setenv(api.BASE_URL_ENV, registry_server.url)
    code, out, _ = run(capsys, "registry", "check", "restore", "--online")
    assert code == 0 and "fetched 20" in out and registry_server.requests == ["/api/v2/studies/NCT05338450"]
    assert (tmp_path / "cache" / "registry" / "NCT05338450.json").is_file()
    code, out, _ = run(capsys, "registry", "check", "restore")  # the cache, without the network
    assert code == 0 and "RESTORE (restore) · NCT05338450" in out and len(registry_server.requests) == 1


def test_check_online_with_no_network(capsys, monkeypatch):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv(api.BASE_URL_ENV, f"http://127.0.0.1:{port}/api/v2")
    code, out, err = run(capsys, "registry", "check", "restore", "--online")
    assert code == 2 and out == ""
    assert "mstrials-tui: registry: cannot reach 127.0.0.1" in err and "--from DIR" in err


def test_check_online_with_an_html_page(capsys, monkeypatch, registry_server: FakeRegistry):
    monkeypatch.setenv(api.BASE_URL_ENV, registry_server.url)
    registry_server.script(
        "NCT05338450", Reply(200, b"<html><title>Down</title></html>", {"Content-Type": "text/html"})
    )
    code, out, _ = run(capsys, "registry", "check", "restore", "--online")
    assert code == 2 and "an HTML page came where JSON was expected: Down" in out


# --- draft -----------------------------------------------------------------------------------------------------


def test_draft_to_stdout(capsys):
    code, out, err = run(capsys, "registry", "draft", "NCT05338450", "--from", SAVED_ARG)
    assert code == 0
    (trial,) = yaml.safe_load(out)["trials"]
    assert trial["draft"] is True and trial["registry_ids"] == ["NCT05338450"]
    assert "already in the data as 'restore'" in err


def test_draft_from_a_file(capsys):
    code, out, _ = run(capsys, "registry", "draft", "nct02040298", "--from", "tests/fixtures/registry/NCT02040298.json")
    assert code == 0 and yaml.safe_load(out)["trials"][0]["acronym"] == "ReBUILD"


def test_draft_several_into_a_new_file_never_overwriting(capsys, tmp_path):
    target = tmp_path / "new.yaml"
    code, _, err = run(
        capsys, "registry", "draft", "NCT05338450", "NCT03222973", "--from", SAVED_ARG, "--output", str(target)
    )
    assert code == 0 and f"wrote 2 draft records to {target}" in err
    first = target.read_text(encoding="utf-8")
    assert [t["acronym"] for t in yaml.safe_load(first)["trials"]] == ["RESTORE", "AFFINITY"]
    code, _, err = run(capsys, "registry", "draft", "NCT01864148", "--from", SAVED_ARG, "--output", str(target))
    assert code == 3 and "already exists; drafts never overwrite a file" in err
    assert target.read_text(encoding="utf-8") == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.yaml"]  # no temporary file left behind


def test_draft_through_a_symbolic_link_is_refused(capsys, tmp_path):
    victim = tmp_path / "victim.yaml"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(victim)
    code, _, _ = run(
        capsys, "registry", "draft", "NCT05338450", "--from", SAVED_ARG, "--output", str(tmp_path / "link.yaml")
    )
    assert code == 3 and victim.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["NCT123", "--from", SAVED_ARG], "'NCT123' is not a ClinicalTrials.gov id"),
        (
            ["NCT05338450", "NCT02040298", "--from", "tests/fixtures/registry/NCT02040298.json"],
            "--from FILE holds one saved response",
        ),
        (["NCT00000000", "--from", SAVED_ARG], "no saved response for NCT00000000"),
        (["NCT05338450", "--from", str(QUIRKS / "html-page")], "an HTML page came where JSON was expected"),
    ],
)
def test_draft_errors_exit_2(capsys, argv, message):
    code, out, err = run(capsys, "registry", "draft", *argv)
    assert (code, out) == (2, "") and message in err


def test_draft_online(capsys, monkeypatch, registry_server: FakeRegistry):
    monkeypatch.setenv(api.BASE_URL_ENV, registry_server.url)
    code, out, _ = run(capsys, "registry", "draft", "NCT03222973", "--online")
    assert code == 0 and yaml.safe_load(out)["trials"][0]["status"] == "terminated"


def test_the_registry_modules_stay_headless():
    code = (
        "import sys, tui.core.registry.api, tui.core.registry.parse, tui.core.registry.diff, tui.core.registry.draft\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_help_names_the_registry_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "registry check --online" in out and "registry draft NCT05338450" in out


def test_saved_fixtures_are_real_shaped_json():
    """Every saved response (but the HTML one) decodes and names its study where the API does."""
    for file in SAVED.rglob("NCT*.json"):
        if file.parent.name == "html-page":
            continue
        study = json.loads(file.read_text(encoding="utf-8"))
        assert set(study) <= {"protocolSection", "derivedSection", "hasResults", "resultsSection"}, file
        assert study["protocolSection"]["identificationModule"]["nctId"].startswith("NCT"), file


def test_fixture_readme_exists():
    assert (SAVED / "README.md").is_file()


def test_the_readme_sample_is_the_real_output(capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    _, out, _ = run(capsys, "registry", "check", "restore", "--from", str(DRIFT / "terminated"))
    assert f"```\n{out}```" in readme
