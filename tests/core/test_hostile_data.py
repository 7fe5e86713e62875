"""Hostile data (issue 7): every case is refused with exit code 2 and a message naming file, line and field.

Fixtures live in tests/fixtures/hostile/. Two kinds:
- file-level cases are loaded on their own (`--data tests/fixtures/hostile/<file>`);
- "overlay" cases hold records that refer to the mini dataset, and are loaded together with a copy of it,
  the way a contributor adds a file to data/.
Large cases (a 21 MB file, 10 000 nested lists, a 25 000-character title) are generated in tmp_path.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.__main__ import main
from tui.core import yamlsource
from tui.core.loader import load_dataset
from tui.core.problems import DataError

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "tests/fixtures/hostile"
TRIAL_OVERLAY = (ROOT / HOSTILE / "wrong_types.yaml").read_text(encoding="utf-8")

# fixture (loaded alone) -> the problem after "<path>:"
FILE_LEVEL = {
    "empty.yaml": "1:1: (file): file is empty",
    "comments_only.yaml": "1:1: (file): file is empty",
    "no_yaml": "1:1: (folder): no .yaml or .yml files in this folder",
    "latin1.yaml": "4:28: (file): file is not UTF-8 text (byte 0xe9 at offset 85)",
    "billion_laughs.yaml": "3:8: (file): YAML aliases (*a) are not supported",
    "python_object.yaml": (
        "3:5: (file): YAML tag 'tag:yaml.org,2002:python/object:tui.core.model.Source' is not allowed"
    ),
    "python_apply.yaml": "2:11: (file): YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
    "python_name.yaml": "3:9: (file): YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed",
    "duplicate_keys.yaml": "5:3: (file): duplicate key 'name'",
    "multiple_documents.yaml": "3:1: (file): more than one YAML document ('---') in the file",
    "control_characters.yaml": "3:14: (file): malformed YAML: control characters are not allowed (U+0007)",
    "lone_surrogate.yaml": "3:19: (file): malformed YAML: found invalid Unicode character escape code",
    "top_level_list.yaml": "1:1: (file): expected a mapping with keys dataset, interventions, trials, measures",
}

# overlay fixture -> every problem, each as "<file name>:<line>:<column>: <path>: <message>"
OVERLAYS = {
    "wrong_types.yaml": [
        "wrong_types.yaml:5:12: trials[0].title: expected text, got a list",
        "wrong_types.yaml:12:17: trials[0].enrollment: expected a whole number, got text",
        "wrong_types.yaml:20:13: trials[0].status: must not be null",
    ],
    "absurd_numbers.yaml": [
        "absurd_numbers.yaml:12:17: trials[0].enrollment: -5 is below the minimum 0",
        "absurd_numbers.yaml:21:17: trials[0].start_year: 3020 is above the maximum 2100",
        "absurd_numbers.yaml:22:15: trials[0].end_year: 1066 is below the minimum 1950",
        "absurd_numbers.yaml:25:12: trials[0].sites: 1000000000000 is above the maximum 100000",
    ],
    # Files are read in path order, so the later file (mini's trials.yaml) is the one flagged.
    "duplicate_ids_across_files.yaml": [
        "trials.yaml:45:9: trials[0].id: duplicate id 'alpha': already used by an earlier record at "
        "{dir}/duplicate_ids_across_files.yaml:trials[0]",
    ],
    "dangling_references.yaml": [
        "dangling_references.yaml:7:36: trials[0].intervention_ids[1]: unknown intervention 'ghostamab'",
        "dangling_references.yaml:18:21: trials[0].measures[1]: unknown measure 'telepathy'",
    ],
    "id_collision_across_kinds.yaml": [
        "measures.yaml:30:9: measures[2].id: duplicate id 'oct': already used by a record of kind 'trial' at "
        "{dir}/id_collision_across_kinds.yaml:trials[0]",
    ],
    # Each of these crashed the loader with a ValueError, KeyError or AttributeError from PyYAML.
    "impossible_scalars.yaml": [
        "impossible_scalars.yaml:11:26: trials[0].design.randomised: expected true, false or null, got text",
        "impossible_scalars.yaml:11:106: trials[0].design.placebo_controlled: expected true, false or null, got text",
        "impossible_scalars.yaml:13:17: trials[0].enrollment: expected a whole number, got text",
        "impossible_scalars.yaml:26:12: trials[0].sites: expected a whole number, got text",
        "impossible_scalars.yaml:32:20: trials[0].last_reviewed: '2026-02-30' is not a valid date: expected YYYY-MM-DD",
    ],
}


@pytest.fixture(autouse=True)
def _at_project_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def validate(path: str | Path, capsys) -> tuple[int, list[str]]:
    """Run `mstrials-tui validate --data PATH`; return the exit code and the problem lines on stderr."""
    code = main(["validate", "--data", str(path)])
    out, err = capsys.readouterr()
    lines = err.splitlines()
    if code == 2:
        assert out == ""
        assert lines[0].startswith("mstrials-tui: invalid data: ")
    return code, lines[1:]


def with_mini(tmp_path: Path, name: str, text: str) -> Path:
    """A copy of the mini dataset with one more file."""
    folder = tmp_path / "mini"
    shutil.copytree(ROOT / "tests/fixtures/mini", folder)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


# --- committed fixtures ------------------------------------------------------------------------------------


def test_every_hostile_fixture_is_tested():
    tested = set(FILE_LEVEL) | set(OVERLAYS) | {"terminal_escapes.yaml"}
    assert {p.name for p in (ROOT / HOSTILE).iterdir()} == tested


@pytest.mark.parametrize("fixture", sorted(FILE_LEVEL))
def test_file_level_case_is_refused(fixture, capsys):
    code, lines = validate(f"{HOSTILE}/{fixture}", capsys)
    assert code == 2
    assert lines == [f"{HOSTILE}/{fixture}:{FILE_LEVEL[fixture]}"]


@pytest.mark.parametrize("fixture", sorted(OVERLAYS))
def test_overlay_case_is_refused(fixture, tmp_path, capsys):
    folder = with_mini(tmp_path, fixture, (ROOT / HOSTILE / fixture).read_text(encoding="utf-8"))
    code, lines = validate(folder, capsys)
    assert code == 2
    assert lines == [f"{folder}/" + line.format(dir=folder) for line in OVERLAYS[fixture]]


def test_alias_bomb_is_refused_before_expansion():
    with pytest.raises(yamlsource.YamlProblem, match="aliases"):
        yamlsource.parse_yaml((ROOT / HOSTILE / "billion_laughs.yaml").read_text())


def test_python_tags_construct_nothing(capfd):
    for fixture in ("python_object.yaml", "python_apply.yaml", "python_name.yaml"):
        with pytest.raises(DataError):
            load_dataset(f"{HOSTILE}/{fixture}")
    out, err = capfd.readouterr()
    assert "pwned-by-yaml" not in out + err  # os.system("echo pwned-by-yaml") never ran


# --- generated in tmp_path ---------------------------------------------------------------------------------


def test_file_over_size_limit_is_refused_without_reading_it(tmp_path, capsys):
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:  # sparse: instant, and takes no disk space
        handle.truncate(yamlsource.MAX_FILE_BYTES + 1024 * 1024)
    code, lines = validate(big, capsys)
    assert code == 2
    assert lines == [f"{big}:1:1: (file): file is 21.0 MB, over the 20 MB limit"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("flow_lists", "trials: " + "[" * 10_000 + "]" * 10_000 + "\n"),
        ("block_lists", "trials:\n  " + "- " * 10_000 + "x\n"),  # compact nested block sequences
        ("flow_mappings", "trials: " + "{a: " * 10_000 + "x" + "}" * 10_000 + "\n"),
    ],
    ids=["flow_lists", "block_lists", "flow_mappings"],
)
def test_deep_nesting_is_refused_without_recursion(name, text, tmp_path, capsys):
    path = tmp_path / f"deep_{name}.yaml"
    path.write_text(text)
    code, lines = validate(path, capsys)
    assert code == 2
    (line,) = lines
    assert line.startswith(f"{path}:")
    assert line.endswith(f": (file): nesting deeper than {yamlsource.MAX_DEPTH} levels")


def test_overlong_text_is_refused(tmp_path, capsys):
    overlay = TRIAL_OVERLAY.replace("    title: [a, list, not, text]\n", f"    title: {'x' * 25_000}\n")
    overlay = overlay.replace('    enrollment: "ten"\n', "    enrollment: 10\n")
    overlay = overlay.replace("status: null", "status: unknown")
    folder = with_mini(tmp_path, "long.yaml", overlay)
    code, lines = validate(folder, capsys)
    assert code == 2
    assert lines == [f"{folder}/long.yaml:5:12: trials[0].title: text is 25000 characters, over the 20000 limit"]


def test_missing_data_path_is_refused(tmp_path, capsys):
    code, lines = validate(tmp_path / "nowhere", capsys)
    assert code == 2
    assert lines == [f"{tmp_path / 'nowhere'}:1:1: (path): no such file or folder"]


def test_hostile_cases_leave_no_traceback_in_a_subprocess(tmp_path):
    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * 10_000)
    for path in (deep, f"{HOSTILE}/python_apply.yaml", f"{HOSTILE}/billion_laughs.yaml"):
        result = subprocess.run(
            [sys.executable, "-m", "tui", "validate", "--data", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert "pwned-by-yaml" not in result.stdout + result.stderr


# --- accepted, but made harmless -----------------------------------------------------------------------------


@pytest.fixture
def escapes_data(tmp_path) -> Path:
    return with_mini(tmp_path, "escapes.yaml", (ROOT / HOSTILE / "terminal_escapes.yaml").read_text())


def test_terminal_escapes_are_shown_not_sent_to_the_terminal(escapes_data, capsys):
    assert main(["show", "hostile", "--data", str(escapes_data)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "Clear ␛[2J␛]0;pwned␇ screen <U+202E>txt.exe" in out


def test_formula_in_data_is_inert_in_csv(escapes_data, capsys):
    assert main(["export", "--format", "csv", "--data", str(escapes_data)]) == 0
    out = capsys.readouterr().out
    assert "\"'=HYPERLINK(\"\"http://evil.example\"\")\"" in out
    assert ",=HYPERLINK" not in out
