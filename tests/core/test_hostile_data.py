"""Hostile data (issues 7 and 11): every case is refused with exit code 2 and a message naming file, line
and field — never a traceback, never a hang, never a reinterpreted value.

Fixtures live in tests/fixtures/hostile/. Two kinds:
- file-level cases are loaded on their own (`--data tests/fixtures/hostile/<file>`);
- "overlay" cases hold records that refer to the mini dataset, and are loaded together with a copy of it,
  the way a contributor adds a file to data/.
Large or combinatorial cases (a 21 MB file, 10 000 nested lists, 20 000 empty records, every unsafe
character in many fields, 3 600-digit numbers) are generated in tmp_path.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.__main__ import main
from tui.core import compare, export, problems, report, safety, text, yamlsource
from tui.core.loader import load_dataset
from tui.core.model import Dataset
from tui.core.problems import DataError

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests/fixtures/mini"
HOSTILE = "tests/fixtures/hostile"

# fixture (loaded alone) -> the problem lines after "<path>:"
FILE_LEVEL = {
    "empty.yaml": ["1:1: (file): file is empty"],
    "comments_only.yaml": ["1:1: (file): file is empty"],
    "no_yaml": [
        "1:1: (folder): no .yaml or .yml files in this folder",
        "/README.txt:1:1: (file): skipped: not a .yaml or .yml file",
    ],
    "latin1.yaml": ["4:28: (file): file is not UTF-8 text (byte 0xe9 at offset 85)"],
    "billion_laughs.yaml": ["3:8: (file): YAML aliases (*a) are not supported"],
    "python_object.yaml": [
        "3:5: (file): YAML tag 'tag:yaml.org,2002:python/object:tui.core.model.Source' is not allowed"
    ],
    "python_apply.yaml": ["2:11: (file): YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"],
    "python_name.yaml": [
        (
            "3:9: (file): YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed (only !!str; write numbers "
            "and dates plainly)"
        )
    ],
    "tagged_scalar.yaml": [
        "3:9: (file): YAML tag 'tag:yaml.org,2002:bool' is not allowed (only !!str; write numbers and dates plainly)"
    ],
    "duplicate_keys.yaml": ["5:3: (file): duplicate key 'name'"],
    "multiple_documents.yaml": ["3:1: (file): more than one YAML document ('---') in the file"],
    "control_characters.yaml": ["3:14: (file): malformed YAML: control characters are not allowed (U+0007)"],
    "lone_surrogate.yaml": ["3:19: (file): malformed YAML: found invalid Unicode character escape code"],
    "top_level_list.yaml": ["2:1: (file): expected a mapping with keys dataset, interventions, trials, measures"],
}

# overlay fixture -> every problem, each as "<file name>:<line>:<column>: <path>: <message>"
OVERLAYS = {
    "wrong_types.yaml": [
        "wrong_types.yaml:5:12: trials[0].title: expected text, got a list",
        "wrong_types.yaml:13:60: trials[0].enrolment.randomised: expected a whole number, got text 'ten'",
        "wrong_types.yaml:26:13: trials[0].status: must not be null",
    ],
    "absurd_numbers.yaml": [
        "absurd_numbers.yaml:13:60: trials[0].enrolment.randomised: -5 is below the minimum 0",
        (
            "absurd_numbers.yaml:14:25: trials[0].treatment_duration: malformed duration: expected "
            "'<number> days|weeks|months|years' up to 50 years, e.g. '24 weeks'"
        ),
        "absurd_numbers.yaml:15:38: trials[0].dates.start: year 3020 is outside 1950–2100",
        "absurd_numbers.yaml:29:12: trials[0].sites: 1000000000000 is above the maximum 100000",
    ],
    # Files are read in path order, so the later file (mini's trials.yaml) is the one flagged.
    "duplicate_ids_across_files.yaml": [
        (
            "trials.yaml:45:9: trials[0].id: duplicate id 'alpha': already used by an earlier record at "
            "{dir}/duplicate_ids_across_files.yaml:trials[0]"
        ),
    ],
    "dangling_references.yaml": [
        "dangling_references.yaml:7:36: trials[0].intervention_ids[1]: unknown intervention 'ghostamab'",
        "dangling_references.yaml:18:23: trials[0].related[0].trial: unknown trial 'ghost-trial'",
        "dangling_references.yaml:23:21: trials[0].measures[1]: unknown measure 'telepathy'",
    ],
    "id_collision_across_kinds.yaml": [
        (
            "measures.yaml:30:9: measures[2].id: duplicate id 'oct': already used by a record of kind 'trial' at "
            "{dir}/id_collision_across_kinds.yaml:trials[0]"
        ),
    ],
    # YAML 1.1 would turn these into booleans, octal or sexagesimal numbers, or crash building them.
    "impossible_scalars.yaml": [
        "impossible_scalars.yaml:10:26: trials[0].design.randomised: expected true, false or null, got text",
        (
            "impossible_scalars.yaml:13:60: trials[0].enrolment.randomised: expected a whole number, got text "
            "'999999999999999999999999999999999999999…'"
        ),
        (
            "impossible_scalars.yaml:15:38: trials[0].dates.start: '2015-02-30' is not a valid date: expected YYYY, "
            "YYYY-MM or YYYY-MM-DD"
        ),
        "impossible_scalars.yaml:29:12: trials[0].sites: expected a whole number, got text '0x_'",
        "impossible_scalars.yaml:35:20: trials[0].last_reviewed: '2026-02-30' is not a valid date: expected YYYY-MM-DD",
    ],
    # Escapes a terminal would act on, written as YAML escapes so that they pass the YAML reader.
    "terminal_escapes.yaml": [
        "terminal_escapes.yaml:5:12: trials[0].title: contains an escape character (ESC) at character 7; remove it",
        (
            "terminal_escapes.yaml:27:14: trials[0].sponsor: contains an invisible or direction-changing character "
            "(U+200F) at character 8; remove it"
        ),
    ],
}
ACCEPTED = {"spreadsheet_formula.yaml"}


@pytest.fixture(autouse=True)
def _at_project_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def validate(path: str | Path, capsys, *options: str) -> tuple[int, list[str]]:
    """Run `mstrials-tui validate --data PATH`; return the exit code and the problem lines on stderr."""
    code = main(["validate", *options, "--data", str(path)])
    out, err = capsys.readouterr()
    lines = err.splitlines()
    if code == 2:
        assert out == ""
        assert lines[0].startswith("mstrials-tui: invalid data: ")
    return code, lines[1:]


def with_mini(tmp_path: Path, name: str, text: str) -> Path:
    """A copy of the mini dataset with one more file."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def edited_mini(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the mini dataset with the first `old` in `file` replaced by `new`."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    path = folder / file
    content = path.read_text(encoding="utf-8")
    assert old in content, old
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    return folder


def problems_of(folder: Path) -> list[problems.Problem]:
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    return caught.value.problems


# --- committed fixtures ------------------------------------------------------------------------------------


def test_every_hostile_fixture_is_tested():
    tested = set(FILE_LEVEL) | set(OVERLAYS) | ACCEPTED
    assert {p.name for p in (ROOT / HOSTILE).iterdir()} == tested


@pytest.mark.parametrize("fixture", sorted(FILE_LEVEL))
def test_file_level_case_is_refused(fixture, capsys):
    code, lines = validate(f"{HOSTILE}/{fixture}", capsys)
    assert code == 2
    expected = [f"{HOSTILE}/{fixture}{'' if line.startswith('/') else ':'}{line}" for line in FILE_LEVEL[fixture]]
    assert lines == expected


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


# --- (a) characters a terminal would act on ------------------------------------------------------------------

# Every character the loader refuses in any string value, and how the message names it: C0 controls
# (a line feed only outside prose), DEL, C1 controls, bidi controls, separators, zero-width space and BOM.
NAMED = {
    "\x00": "a NUL character",
    "\x07": "a bell character",
    "\t": "a tab",
    "\r": "a carriage return (U+000D)",
    "\x1b": "an escape character (ESC)",
    "\x7f": "a DEL character",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
    "\ufeff": "a byte-order mark (U+FEFF)",
}
INVISIBLE = [0x061C, 0x200B, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
UNSAFE_CHARACTERS = {
    **{chr(c): f"a control character (U+{c:04X})" for c in range(0x20) if c != 0x0A},
    **{chr(c): f"a C1 control character (U+{c:04X})" for c in range(0x80, 0xA0)},
    **{chr(c): f"an invisible or direction-changing character (U+{c:04X})" for c in INVISIBLE},
    **NAMED,
}


def test_the_table_covers_every_unsafe_character():
    refused = {chr(c) for c in range(0x30000) if safety.UNSAFE.match(chr(c))}
    assert refused - {"\n"} == set(UNSAFE_CHARACTERS)  # a line feed is refused only outside prose


def escaped(char: str) -> str:
    """The YAML double-quoted escape of a character."""
    return f"\\u{ord(char):04x}"


# (file, text to replace, replacement with {c} where the escape goes, field path, where the value starts)
SITES = {
    "title": ("trials.yaml", "title: A fictional randomised trial of fixturamab in relapsing MS",
              'title: "A fictional{c} trial"', "trials[0].title", "title: "),
    "prose": ("trials.yaml", "result_summary: Latency shortened by a fictional 2 ms.",
              'result_summary: "Latency{c} shortened"', "trials[0].result_summary", "result_summary: "),
    "list item": ("trials.yaml", "countries: [United Kingdom, Canada]", 'countries: ["United{c} Kingdom", Canada]',
                  "trials[0].countries[0]", "countries: ["),
    "flow mapping": ("trials.yaml", "unit: ms,", 'unit: "m{c}s",', "trials[0].outcomes[0].result.unit", "unit: "),
    "arm label": ("trials.yaml", "{label: Fixturamab,", '{label: "Fixtur{c}amab",', "trials[0].arms[0].label",
                  "{label: "),
    "url": ("trials.yaml", "read_at: https://example.org/mirror/fixture-3",
            'read_at: "https://example.org/mirror{c}/fixture-3"', "trials[0].sources[1].read_at", "read_at: "),
    "citation": ("trials.yaml", 'citation: "Doe J et al. Fictional Journal 2018;1:1-10"',
                 'citation: "Doe J{c} et al."', "trials[0].publications[0].citation", "citation: "),
    "registry id": ("trials.yaml", "registry_ids: [NCT00000001]", 'registry_ids: ["NCT0000{c}0001"]',
                    "trials[0].registry_ids[0]", "registry_ids: ["),
    "backs": ("trials.yaml", "backs: design", 'backs: "design{c}"', "trials[0].sources[0].backs", "backs: "),
    "alias": ("trials.yaml", "aliases: [FXM-101, anti-WIDGET]", 'aliases: ["FXM{c}-101", anti-WIDGET]',
              "interventions[0].aliases[0]", "aliases: ["),
    "target": ("trials.yaml", "target: WIDGET-1", 'target: "WIDGET{c}-1"', "interventions[0].target", "target: "),
    "measure name": ("measures.yaml", "name: Magnetisation transfer ratio", 'name: "Magnetisation{c} transfer ratio"',
                     "measures[0].name", "name: "),
    "dataset name": ("dataset.yaml", "name: Fixture trials", 'name: "Fixture{c} trials"', "dataset.name", "name: "),
    # Values that are not kept as text: a partial date and a p value bound. Their trailing characters
    # would be lost to strip(), so they are placed at the end.
    "partial date": ("trials.yaml", 'start: "2015-01"', 'start: "2015-01{c}"', "trials[0].dates.start", "start: "),
    "p bound": ("trials.yaml", 'p_value: "<0.2"', 'p_value: "<0.2{c}"', "trials[0].outcomes[1].result.p_value",
                "p_value: "),
}  # fmt: skip
# The unsafe characters that str.strip() treats as white space.
STRIPPED = sorted(char for char in UNSAFE_CHARACTERS if not char.strip())
PROSE_SITES = {"prose", "backs"}


def refused_at(tmp_path: Path, site: str, char: str) -> tuple[Path, list[str]]:
    file, old, new, path, before = SITES[site]
    replacement = new.replace("{c}", escaped(char))
    folder = edited_mini(tmp_path, file, old, replacement)
    content = (folder / file).read_text(encoding="utf-8")
    at = content.index(replacement)
    line = content[:at].count("\n") + 1
    column = at - (content.rfind("\n", 0, at) + 1) + replacement.index(before) + len(before) + 1
    position = new.index("{c}") - new.index('"') if '"' in new else None
    assert position is not None
    message = f"contains {UNSAFE_CHARACTERS.get(char, 'a line break')} at character {position}; remove it"
    return folder, [f"{folder / file}:{line}:{column}: {path}: {message}"]


@pytest.mark.parametrize("char", sorted(UNSAFE_CHARACTERS), ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("site", ["title", "prose", "list item"])
def test_every_unsafe_character_is_refused_where_it_is(site, char, tmp_path, capsys):
    folder, expected = refused_at(tmp_path, site, char)
    assert validate(folder, capsys) == (2, expected)


@pytest.mark.parametrize("char", ["\x1b", "\u202e", "\x00", "\u2028"], ids=["ESC", "RLO", "NUL", "LS"])
@pytest.mark.parametrize("site", sorted(set(SITES) - {"title", "prose", "list item"}))
def test_every_kind_of_string_value_is_checked(site, char, tmp_path, capsys):
    folder, expected = refused_at(tmp_path, site, char)
    assert validate(folder, capsys) == (2, expected)


@pytest.mark.parametrize("char", STRIPPED, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("site", ["partial date", "p bound"])
def test_unsafe_white_space_at_the_end_of_a_value_is_not_stripped_away(site, char, tmp_path, capsys):
    folder, expected = refused_at(tmp_path, site, char)
    assert validate(folder, capsys) == (2, expected)


def test_a_line_break_is_refused_outside_prose_and_kept_in_it(tmp_path, capsys):
    folder, expected = refused_at(tmp_path, "title", "\n")
    assert validate(folder, capsys) == (2, expected)
    prose = edited_mini(tmp_path / "prose", *SITES["prose"][:2], 'result_summary: "one\\ntwo"')
    assert load_dataset(prose).by_id["alpha"].result_summary == "one\ntwo"


def test_unsafe_characters_are_refused_by_the_command_in_a_subprocess(tmp_path):
    folder, expected = refused_at(tmp_path, "title", "\u202e")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "validate", "--data", str(folder)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["mstrials-tui: invalid data: 1 problem in the data", *expected]
    assert "\u202e" not in result.stderr


# --- (a) identifiers and addresses ---------------------------------------------------------------------------

MALFORMED_PMID = "malformed PMID: expected 1 to 9 digits"
MALFORMED_URL = (
    "malformed URL: expected http:// or https://, a host, then only RFC 3986 characters (no spaces or control "
    "characters; percent-encode anything else)"
)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("https://user:secret@example.org/x", "a URL must not contain a user name or password (user:pass@)"),
        ("https://user@example.org/x", "a URL must not contain a user name or password (user:pass@)"),
        ("https://example.org/with space", MALFORMED_URL),
        ("https://example.org/é", MALFORMED_URL),
        ("https://example.org/<script>", MALFORMED_URL),
        ("https://example.org/a|b", MALFORMED_URL),
        ("javascript:alert(1)", MALFORMED_URL),
        ("file:///etc/passwd", MALFORMED_URL),
        ("https://example.org/100%", "malformed URL: '%' must start a percent-encoding such as %20"),
    ],
)
def test_addresses_outside_the_url_grammar_are_refused_where_they_are(value, message, tmp_path):
    old = "read_at: https://example.org/mirror/fixture-3"
    folder = edited_mini(tmp_path, "trials.yaml", old, f'read_at: "{value}"')
    (problem,) = problems_of(folder)
    assert (problem.line, problem.column, problem.path, problem.message) == (
        105, 18, "trials[0].sources[1].read_at", message,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        ('doi: 10.1000/fixture.3\n        pmid', 'doi: "10.1000/fixture 3"\n        pmid',
         "trials[0].publications[0].doi", "malformed DOI: expected 10.NNNN/suffix (printable characters, no spaces)"),
        ('doi: 10.1000/fixture.3\n        pmid', 'doi: "doi:10.1000/fixture.3"\n        pmid',
         "trials[0].publications[0].doi", "malformed DOI: expected 10.NNNN/suffix (printable characters, no spaces)"),
        ('pmid: "10000001"', 'pmid: "1000000a"', "trials[0].publications[0].pmid", MALFORMED_PMID),
        ('pmid: "10000001"', 'pmid: "٣٤٥"', "trials[0].publications[0].pmid", MALFORMED_PMID),
        ('pmid: "10000001"', "pmid: 0123", "trials[0].publications[0].pmid", MALFORMED_PMID),
        ('pmid: "10000001"', "pmid: 10000001", "trials[0].publications[0].pmid",
         'expected text, got a number: quote it ("10000001")'),
    ],
)  # fmt: skip
def test_dois_and_pmids_outside_their_grammar_are_refused(old, new, path, message, tmp_path):
    (problem,) = problems_of(edited_mini(tmp_path, "trials.yaml", old, new))
    assert (problem.path, problem.message) == (path, message)


# --- (b) numbers -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        # Literals YAML 1.1 would convert (hex, binary, base 60) stay text, however long, and are refused.
        ("randomised: 120,", "randomised: 0x" + "f" * 3600 + ",", "trials[0].enrolment.randomised",
         "expected a whole number, got text '0xfffffffffffffffffffffffffffffffffffff…'"),
        ("planned: 110,", "planned: 0b" + "1" * 5000 + ",", "trials[0].enrolment.planned",
         "expected a whole number, got text '0b1111111111111111111111111111111111111…'"),
        ("sites: 12", "sites: 1:" + "0:" * 2000 + "0", "trials[0].sites",
         "expected a whole number, got text '1:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0…'"),
        ("sites: 12", "sites: " + "9" * 4400, "trials[0].sites",
         "expected a whole number, got text '999999999999999999999999999999999999999…'"),
        ("treatment_duration: 24 weeks", "treatment_duration: 1" + "0" * 400 + " weeks", "trials[0].treatment_duration",
         "malformed duration: expected '<number> days|weeks|months|years' up to 50 years, e.g. '24 weeks'"),
        # A decimal is never silently made a whole number.
        ("n_analysed: 118}", "n_analysed: 1e3}", "trials[0].outcomes[0].result.n_analysed",
         "expected a whole number, got a decimal number"),
        ("sites: 12", "sites: 12.0", "trials[0].sites", "expected a whole number, got a decimal number"),
        # Decimal fields refuse what is not a finite number.
        ("estimate: -2.0,", "estimate: .inf,", "trials[0].outcomes[0].result.estimate", "must be a finite number"),
        ("estimate: -2.0,", "estimate: -.inf,", "trials[0].outcomes[0].result.estimate", "must be a finite number"),
        ("estimate: -2.0,", "estimate: .nan,", "trials[0].outcomes[0].result.estimate", "must be a finite number"),
        ("estimate: -2.0,", "estimate: 1e400,", "trials[0].outcomes[0].result.estimate", "must be a finite number"),
        ("estimate: -2.0,", "estimate: 1e12,", "trials[0].outcomes[0].result.estimate",
         "1000000000000 is above the maximum 1000000000"),
        ("ci_low: -3.1,", "ci_low: -.inf,", "trials[0].outcomes[0].result.ci_low", "must be a finite number"),
        ("p_value: 0.001,", "p_value: .nan,", "trials[0].outcomes[0].result.p_value", "must be a finite number"),
        ("p_value: 0.001,", "p_value: -0.01,", "trials[0].outcomes[0].result.p_value", "-0.01 is below the minimum 0"),
        ("estimate: -2.0,", 'estimate: "-2.0",', "trials[0].outcomes[0].result.estimate",
         "expected a number, got text"),
    ],
    ids=["hex", "binary", "base-60", "4400 digits", "400-zero duration", "float for count", "12.0 for count", "inf",
         "-inf", "nan", "1e400", "huge estimate", "inf low", "nan p", "negative p", "quoted number"],
)  # fmt: skip
def test_numbers_are_bounded_and_never_reinterpreted(old, new, path, message, tmp_path):
    folder = edited_mini(tmp_path, "trials.yaml", old, new)
    (problem,) = problems_of(folder)
    content = (folder / "trials.yaml").read_text()
    line = content[: content.index(new)].count("\n") + 1
    assert (problem.line, problem.path, problem.message) == (line, path, message)


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("2026.10", "expected text, got a decimal number: quote it exactly as written"),
        ("1e3", "expected text, got a decimal number: quote it exactly as written"),
        ("12", 'expected text, got a number: quote it ("12")'),
        ("true", 'expected text, got a boolean: quote it ("True")'),
        ("2026-01-01", 'expected text, got a date: quote it ("2026-01-01")'),
    ],
)
def test_a_version_that_yaml_reads_as_something_else_must_be_quoted(version, message, tmp_path):
    folder = edited_mini(tmp_path, "dataset.yaml", 'version: "0.0.1"', f"version: {version}")
    (problem,) = problems_of(folder)
    assert (problem.line, problem.column, problem.path, problem.message) == (5, 12, "dataset.version", message)


def test_numbers_never_reach_a_conversion_limit(monkeypatch):
    # Python refuses to convert integers of more than 4 300 digits; the loader never asks it to.
    assert yamlsource.resolve_plain("9" * 4400) == "9" * 4400
    assert yamlsource.resolve_plain("1" + "0" * 18) == "1" + "0" * 18  # over 18 digits: text
    assert yamlsource.resolve_plain("1" + "0" * 17) == 10**17
    assert yamlsource.resolve_plain("0123") == "0123"  # not octal
    assert yamlsource.resolve_plain("1_000") == "1_000"


# --- (c) resource bounds ---------------------------------------------------------------------------------------


def test_a_file_of_many_empty_records_is_refused_with_a_capped_report(tmp_path, capsys):
    path = tmp_path / "many.yaml"
    path.write_text("trials:\n" + "- {}\n" * 20_000)
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    error = caught.value
    assert len(error.problems) == problems.PROBLEMS_PER_FILE  # the check stopped there
    assert error.incomplete == (str(path),)
    lines = error.report_lines()
    assert len(lines) == problems.PROBLEMS_SHOWN + 2
    assert lines[problems.PROBLEMS_SHOWN] == f"… and {problems.PROBLEMS_PER_FILE - problems.PROBLEMS_SHOWN:,} more"
    assert lines[-1] == f"{path}: checking stopped after 1,000 problems in this file"
    assert error.summary() == "1,000 problems in the data (at least: checking stopped early)"

    code, shown = validate(path, capsys)
    assert code == 2
    assert len(shown) == problems.PROBLEMS_SHOWN + 2
    assert shown[0] == f"{path}:2:3: trials[0]: missing required field 'acronym'"


def test_report_lines_show_everything_when_there_are_few():
    few = [problems.Problem("f.yaml", n, 1, "x", "bad") for n in range(1, 4)]
    assert DataError(few).report_lines() == ["f.yaml:1:1: x: bad", "f.yaml:2:1: x: bad", "f.yaml:3:1: x: bad"]
    assert DataError(few).report_lines(shown=2)[-1] == "… and 1 more"


def test_a_flow_list_over_the_value_limit_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(yamlsource, "MAX_VALUES", 1_000)
    path = tmp_path / "wide.yaml"
    path.write_text("measures: [" + ", ".join(["x"] * 1_500) + "]\n")
    code, lines = validate(path, capsys)
    assert code == 2
    (line,) = lines
    assert line.startswith(f"{path}:1:")
    assert line.endswith(": (file): more than 1,000 values in one file; split it into smaller files")


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
    folder = edited_mini(tmp_path, *SITES["title"][:2], f"title: {'x' * 25_000}")
    code, lines = validate(folder, capsys)
    assert code == 2
    assert lines == [f"{folder}/trials.yaml:47:12: trials[0].title: text is 25,000 characters, over the 1,000 limit"]


# --- (d) files, paths and output streams --------------------------------------------------------------------


def test_missing_data_path_is_refused(tmp_path, capsys):
    code, lines = validate(tmp_path / "nowhere", capsys)
    assert code == 2
    assert lines == [f"{tmp_path / 'nowhere'}:1:1: (path): no such file or folder"]


def test_an_empty_data_path_is_refused(capsys):
    code, lines = validate("", capsys)
    assert (code, lines) == (2, ["--data:1:1: (path): the data path is empty; give a YAML file or a folder"])


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_refused(mini_copy, capsys):
    secret = mini_copy / "secret.yaml"
    secret.write_text("measures: []\n")
    secret.chmod(0)
    try:
        code, lines = validate(mini_copy, capsys)
    finally:
        secret.chmod(0o600)
    assert (code, lines) == (2, [f"{secret}:1:1: (file): cannot read: permission denied"])


def test_an_unreadable_file_is_refused_whoever_runs_the_test(mini_copy, capsys, monkeypatch):
    # The same path as above, for a run as root (where chmod 000 does not stop reading).
    secret = mini_copy / "secret.yaml"
    secret.write_text("measures: []\n")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path) != secret and real_access(path, mode, **kw))
    code, lines = validate(mini_copy, capsys)
    assert (code, lines) == (2, [f"{secret}:1:1: (file): cannot read: permission denied"])


def test_an_unreadable_single_file_is_refused(tmp_path, capsys, monkeypatch):
    path = tmp_path / "data.yaml"
    path.write_text("measures: []\n")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(yamlsource.FilePath, "read_bytes", refuse)
    code, lines = validate(path, capsys)
    assert (code, lines) == (2, [f"{path}:1:1: (file): cannot read: permission denied"])


def test_a_dangling_symbolic_link_is_skipped_with_a_warning(mini_copy, capsys):
    (mini_copy / "gone.yaml").symlink_to(mini_copy / "nowhere.yaml")
    assert main(["validate", "--data", str(mini_copy)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("ok (format and curation rules): 4 trials")
    assert err == f"warning: {mini_copy / 'gone.yaml'}:1:1: (file): skipped: a dangling symbolic link\n"


def test_a_symbolic_link_out_of_the_data_folder_is_refused(mini_copy, tmp_path, capsys):
    outside = tmp_path / "outside.yaml"
    outside.write_text("measures: []\n")
    (mini_copy / "escape.yaml").symlink_to(outside)
    code, lines = validate(mini_copy, capsys)
    assert (code, lines) == (
        2,
        [f"{mini_copy / 'escape.yaml'}:1:1: (file): a symbolic link that leads out of the data folder"],
    )


def test_a_symbolic_link_within_the_data_folder_is_read(mini_copy):
    (mini_copy / "extra").mkdir()
    (mini_copy / "extra" / "more.yaml").write_text("measures: []\n")
    (mini_copy / "link.yaml").symlink_to(mini_copy / "extra" / "more.yaml")
    assert load_dataset(mini_copy).counts()["trials"] == 4


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_as_data_path_is_refused_without_blocking(tmp_path, capsys):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code, lines = validate(fifo, capsys)
    assert (code, lines) == (2, [f"{fifo}:1:1: (path): is a FIFO (named pipe), not a YAML file or folder"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_in_the_data_folder_is_refused_without_blocking(mini_copy, capsys):
    fifo = mini_copy / "pipe.yaml"
    os.mkfifo(fifo)
    code, lines = validate(mini_copy, capsys)
    assert (code, lines) == (2, [f"{fifo}:1:1: (file): is a FIFO (named pipe), not a YAML file"])


def run_cli(*argv: str, env: dict[str, str] | None = None, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )


def test_output_in_an_ascii_only_encoding_works(tmp_path):
    shown = run_cli("show", "alpha", "--data", str(MINI), env={"PYTHONIOENCODING": "ascii"})
    assert shown.returncode == 0
    assert shown.stdout.splitlines()[0] == b"ALPHA ? A fictional randomised trial of fixturamab in relapsing MS"
    assert b"Traceback" not in shown.stderr
    refused = run_cli(
        "validate", "--data", "tests/fixtures/invalid/year_out_of_range.yaml", env={"PYTHONIOENCODING": "ascii"}
    )
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[-1].endswith(b"year 1014 is outside 1950?2100")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("argv", [["export"], ["export", "--format", "csv"], ["show", "alpha"], ["validate"]])
def test_a_full_disk_gives_one_line_and_exit_3(argv):
    with open("/dev/full", "wb") as full:
        result = run_cli(*argv, "--data", str(MINI), stdout=full)
    assert result.returncode == 3
    assert result.stderr.decode().splitlines() == ["mstrials-tui: could not write the output: No space left on device"]


def test_a_closed_pipe_is_not_an_error():
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "export", "--data", str(MINI)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()  # like `| head -c 10`
    err = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert b"Traceback" not in err and b"BrokenPipe" not in err


# --- (f) output made inert ---------------------------------------------------------------------------------------

TERMINAL_HOSTILE = "Clear \x1b[2J\x1b]0;pwned\x07 screen \u202etxt.exe\x85 \u2028 \u2066x\u2069 \ufeff\x9b1m"


@pytest.fixture
def bypassing_the_loader(mini_dataset) -> Dataset:
    """The mini dataset with hostile strings put in by Python: they never passed the loader's checks."""
    alpha = mini_dataset.by_id["alpha"]
    hostile = dataclasses.replace(
        alpha,
        title=TERMINAL_HOSTILE,
        sponsor='=HYPERLINK("http://evil.example")',
        result_summary="line\u2028separator \u202eevil",
        countries=("Can\u061cada",),
    )
    trials = tuple(hostile if t.id == "alpha" else t for t in mini_dataset.trials)
    return Dataset(mini_dataset.info, mini_dataset.interventions, trials, mini_dataset.measures)


RAW = ("\x1b", "\x07", "\x85", "\x9b", "\u202e", "\u2028", "\u2066", "\u2069", "\ufeff", "\u061c")


def test_json_output_writes_c1_bidi_and_separators_as_escapes(bypassing_the_loader):
    encoded = export.to_json(export.dataset_dict(bypassing_the_loader))
    assert not any(char in encoded for char in RAW)
    for escape in ("\\u001b", "\\u0007", "\\u0085", "\\u009b", "\\u202e", "\\u2028", "\\u2066", "\\ufeff", "\\u061c"):
        assert escape in encoded
    # Still the same JSON: a reader gets the strings back exactly.
    decoded = json.loads(encoded)
    alpha = next(t for t in decoded["trials"] if t["id"] == "alpha")
    assert (alpha["title"], alpha["countries"]) == (TERMINAL_HOSTILE, ["Can\u061cada"])
    assert "Université" in export.to_json({"a": "Université"})  # other text stays readable


def test_json_inert_leaves_valid_json_alone():
    assert safety.json_inert('{"a": "plain \\" text"}') == '{"a": "plain \\" text"}'
    assert json.loads(safety.json_inert(json.dumps({"k": "\u2028\x9f"}, ensure_ascii=False))) == {"k": "\u2028\x9f"}


def test_terminal_escapes_are_shown_not_sent_to_the_terminal(bypassing_the_loader):
    alpha = bypassing_the_loader.by_id["alpha"]
    outputs = [
        report.record_report(bypassing_the_loader, alpha),
        compare.to_text(compare.compare_trials(bypassing_the_loader, alpha, bypassing_the_loader.by_id["beta"])),
        compare.to_markdown(compare.compare_trials(bypassing_the_loader, alpha, bypassing_the_loader.by_id["beta"])),
        export.trials_csv(bypassing_the_loader),
        text.citation(alpha),
    ]
    for output in outputs:
        assert not any(char in output for char in RAW), output[:200]
    assert "Clear ␛[2J␛]0;pwned␇ screen <U+202E>txt.exe<U+0085>" in outputs[0]


def test_formula_in_data_is_inert_in_csv(tmp_path, capsys):
    folder = with_mini(tmp_path, "formula.yaml", (ROOT / HOSTILE / "spreadsheet_formula.yaml").read_text())
    assert main(["export", "--format", "csv", "--data", str(folder)]) == 0
    out = capsys.readouterr().out
    assert '"\'=HYPERLINK(""http://evil.example"")"' in out
    assert ",=HYPERLINK" not in out
