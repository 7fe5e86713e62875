"""Fuzzing the loader: whatever the bytes, it returns a Dataset or raises DataError, never anything else.

Two sources of input: the valid mini fixture with random edits (lines deleted, duplicated or swapped,
values replaced, characters replaced, YAML syntax, tags, control and other Unicode characters or raw bytes
inserted), and
random Python values dumped as YAML, either as a whole file or in place of one field of a valid trial.
When loading succeeds, the exports, reports and comparison of the result must not fail either.
"""

from __future__ import annotations

import copy
import math
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core import compare, export, report
from tui.core.loader import load_dataset
from tui.core.model import Dataset
from tui.core.problems import DataError, format_path

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
MINI_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(MINI.glob("*.yaml"))}
MINI_TRIALS = yaml.safe_load(MINI_TEXTS["trials.yaml"])

# How many examples, and whether they are the same on every run, comes from the Hypothesis profile
# (tests/conftest.py: "ci" by default, "dev" to explore more).
FUZZ = settings(
    database=None,  # no .hypothesis/ folder in the project; a failure prints its own reproduction
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

YAML_SNIPPETS = st.sampled_from(
    [
        "!!python/object/apply:os.system ['echo pwned']",
        "!!python/object:tui.core.model.Trial {}",
        "!!binary aGk=",
        "!custom ",
        "!!set {a}",
        "&anchor ",
        "*anchor",
        "<<: *anchor\n",
        "---\n",
        "...\n",
        "%YAML 1.1\n",
        "? ",
        ": ",
        "- ",
        "{",
        "}",
        "[",
        "]",
        ",",
        "|\n",
        ">-\n",
        "'",
        '"',
        "\\",
        "#",
        "\t",
        "\r\n",
        "~",
        "null",
        "yes",
        ".nan",
        "0x_",
        "0b_",
        "2026-02-30",
        "2001-12-14t21:59:43.10+99:00",
        "9" * 5000,
        "\ufeff",
        "\u2028",
        "\u202e",
        "\x85",
        "\x00",
        "\x1b[31m",
    ]
)
INSERTION = st.one_of(YAML_SNIPPETS, st.text(max_size=12), st.characters(max_codepoint=0x1F))
# Whole values that are tricky to build: look like numbers or dates but are not, are huge, or are tagged.
VALUE_SNIPPETS = st.sampled_from(
    [
        "0x_",
        "0b_",
        "0o_",
        "._",
        "2026-02-30",
        "2026-13-01",
        "2001-12-14t21:59:43.10+99:00",
        "9" * 5000,
        "!!timestamp hello",
        "!!bool maybe",
        "!!int abc",
        "!!null x",
        "-5",
        "3020",
        "1e400",
        ".nan",
        "-.inf",
        "~",
        "''",
        "[]",
        "{}",
        "[null]",
        "!!python/name:os.system ''",
        "*nowhere",
        "&here value",
        '"\\ud800"',
        '"\\e[2J"',
    ]
)
VALUE = st.one_of(VALUE_SNIPPETS, st.text(max_size=12))
LINE = st.integers(min_value=0, max_value=10_000)
MUTATION = st.one_of(
    st.tuples(st.just("delete"), LINE),
    st.tuples(st.just("duplicate"), LINE),
    st.tuples(st.just("swap"), LINE, LINE),
    st.tuples(st.just("set_value"), LINE, VALUE),
    st.tuples(st.just("replace"), st.integers(min_value=0, max_value=100_000), st.characters()),
    st.tuples(st.just("insert"), st.integers(min_value=0, max_value=100_000), INSERTION),
)


def mutate(text: str, mutation: tuple) -> str:
    kind, where, *rest = mutation
    if kind in ("delete", "duplicate", "swap", "set_value"):
        lines = text.splitlines(keepends=True) or [""]
        i = where % len(lines)
        if kind == "set_value":  # `key: value` -> `key: <snippet>`, so a snippet becomes a whole value
            key, colon, _ = lines[i].partition(": ")
            lines[i] = key + colon + rest[0] + "\n" if colon else lines[i]
        elif kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        else:
            j = rest[0] % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        return "".join(lines)
    i = where % (len(text) + 1)
    if kind == "replace":
        return text[:i] + rest[0] + text[i + 1 :]
    return text[:i] + rest[0] + text[i:]


def write_dataset(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).write_bytes(data)


def load_checked(folder: Path) -> Dataset | None:
    """Load; on DataError check that every problem is located; on success exercise the outputs."""
    try:
        dataset = load_dataset(folder)
    except DataError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file and problem.line >= 1 and problem.column >= 1 and problem.message
            str(problem)
        return None
    export.to_json(export.dataset_dict(dataset))
    export.trials_csv(dataset)
    for record in (*dataset.trials, *dataset.interventions, *dataset.measures):
        report.record_report(dataset, record)
    if dataset.trials:
        comparison = compare.compare_trials(dataset, dataset.trials[0], dataset.trials[-1])
        compare.to_markdown(comparison)
        compare.to_text(comparison)
        export.to_json(compare.to_dict(comparison))
    return dataset


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def test_unmutated_mini_loads(fuzz_dir):
    write_dataset(fuzz_dir, {name: text.encode() for name, text in MINI_TEXTS.items()})
    assert load_checked(fuzz_dir) is not None


@FUZZ
@given(
    name=st.sampled_from(sorted(MINI_TEXTS)),
    mutations=st.lists(MUTATION, min_size=1, max_size=6),
    raw_bytes=st.one_of(st.none(), st.tuples(st.integers(min_value=0, max_value=100_000), st.binary(max_size=4))),
)
def test_mutated_fixture_loads_or_raises_data_error(fuzz_dir, name, mutations, raw_bytes):
    text = MINI_TEXTS[name]
    for mutation in mutations:
        text = mutate(text, mutation)
    data = text.encode("utf-8")
    if raw_bytes is not None:  # possibly invalid UTF-8
        at = raw_bytes[0] % (len(data) + 1)
        data = data[:at] + raw_bytes[1] + data[at:]
    files = {n: t.encode("utf-8") for n, t in MINI_TEXTS.items()}
    files[name] = data
    write_dataset(fuzz_dir, files)
    load_checked(fuzz_dir)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(["2", "yes", "completed", "NCT00000001", "mtr", "24 weeks", "10.1000/x", "123"]),
    st.dates(),
    st.datetimes(),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=12), children, max_size=4),
    ),
    max_leaves=12,
)


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(value: object, allow_unicode: bool) -> bytes:
    return yaml.dump(value, Dumper=DUMPER, allow_unicode=allow_unicode, sort_keys=False).encode("utf-8")


@FUZZ
@given(value=VALUES, top=st.sampled_from([None, "trials", "measures", "interventions", "dataset"]), uni=st.booleans())
def test_random_values_load_or_raise_data_error(fuzz_dir, value, top, uni):
    document = value if top is None else {top: value}
    files = {n: t.encode("utf-8") for n, t in MINI_TEXTS.items()}
    files["trials.yaml"] = dump(document, uni)
    write_dataset(fuzz_dir, files)
    load_checked(fuzz_dir)


TRIAL_FIELDS = sorted(MINI_TRIALS["trials"][0])
NESTED = (
    [("design", k) for k in ("randomised", "masking", "allocation", "placebo_controlled")]
    + [("population", k) for k in ("conditions", "description", "background_therapy")]
    + [("enrolment", k) for k in ("planned", "enrolled", "randomised", "analysed")]
    + [("dates", k) for k in ("registered", "start", "primary_completion", "completion", "results_posted", "published")]
)


@FUZZ
@given(
    trial=st.integers(min_value=0, max_value=len(MINI_TRIALS["trials"]) - 1),
    path=st.one_of(st.sampled_from(TRIAL_FIELDS).map(lambda k: (k,)), st.sampled_from(NESTED)),
    value=st.one_of(st.just("<delete>"), VALUES),
    uni=st.booleans(),
)
def test_random_value_in_one_field_loads_or_raises_data_error(fuzz_dir, trial, path, value, uni):
    document = copy.deepcopy(MINI_TRIALS)
    record = document["trials"][trial]
    *parents, key = path
    for parent in parents:
        record = record[parent]
    if value == "<delete>":
        del record[key]
    else:
        record[key] = value
    files = {n: t.encode("utf-8") for n, t in MINI_TEXTS.items()}
    files["trials.yaml"] = dump(document, uni)
    write_dataset(fuzz_dir, files)
    load_checked(fuzz_dir)


# --- hostile values in the right places (issue 11) ---------------------------------------------------------------

# Characters a terminal would act on: every one must be refused wherever it is put in a string value.
HOSTILE_CHARACTERS = st.sampled_from(
    [chr(c) for c in (*range(0x0A), *range(0x0B, 0x20), *range(0x7F, 0xA0))]
    + ["\u061c", "\u200b", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
    + ["\u2028", "\u2029", "\ufeff"]
)
HOSTILE_NUMBERS = st.one_of(
    st.sampled_from([float("inf"), float("-inf"), float("nan"), 10**400, -(10**400), 10**18, 2**63, 1e308, -1e308]),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
)


def leaves(value: object, path: tuple = ()) -> list[tuple[tuple, object]]:
    """(path, value) of every string and number in a parsed YAML document."""
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for index, item in enumerate(value) for leaf in leaves(item, (*path, index))]
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [(path, value)]
    return []


MINI_DOCUMENTS = {name: yaml.safe_load(text) for name, text in MINI_TEXTS.items()}
STRING_LEAVES = [(name, path) for name, doc in MINI_DOCUMENTS.items() for path, v in leaves(doc) if isinstance(v, str)]
NUMBER_LEAVES = [
    (name, path) for name, doc in MINI_DOCUMENTS.items() for path, v in leaves(doc) if not isinstance(v, str)
]


def replaced(document: object, path: tuple, value: object) -> object:
    document = copy.deepcopy(document)
    parent = document
    for key in path[:-1]:
        parent = parent[key]  # type: ignore[index]
    parent[path[-1]] = value  # type: ignore[index]
    return document


def test_the_fixture_dumped_again_still_loads(fuzz_dir):
    files = {name: dump(doc, True) for name, doc in MINI_DOCUMENTS.items()}
    write_dataset(fuzz_dir, files)
    assert load_checked(fuzz_dir) is not None
    assert len(STRING_LEAVES) > 100 and len(NUMBER_LEAVES) > 10


@FUZZ
@given(
    leaf=st.sampled_from(STRING_LEAVES),
    char=HOSTILE_CHARACTERS,
    where=st.integers(min_value=0, max_value=10_000),
    uni=st.booleans(),
)
def test_a_hostile_character_in_any_string_value_is_refused_there(fuzz_dir, leaf, char, where, uni):
    name, path = leaf
    original = leaves(MINI_DOCUMENTS[name])
    text = dict(original)[path]
    at = where % (len(text) + 1)
    document = replaced(MINI_DOCUMENTS[name], path, text[:at] + char + text[at:])
    files = {n: dump(doc, True) for n, doc in MINI_DOCUMENTS.items()}
    files[name] = dump(document, uni)  # the dumper writes the character as a double-quoted escape
    write_dataset(fuzz_dir, files)
    with pytest.raises(DataError) as caught:
        load_dataset(fuzz_dir)
    # Reported where it is (a changed id may also leave references dangling elsewhere).
    at = [p for p in caught.value.problems if p.path == format_path(path)]
    assert len(at) == 1, caught.value.problems
    assert at[0].file == str(fuzz_dir / name) and at[0].line > 1
    assert at[0].message.startswith("contains ") and at[0].message.endswith("; remove it")
    assert not any(char in str(problem) for problem in caught.value.problems)  # the report itself is inert


@FUZZ
@given(leaf=st.sampled_from(NUMBER_LEAVES), number=HOSTILE_NUMBERS, uni=st.booleans())
def test_a_huge_or_non_finite_number_anywhere_loads_or_is_refused(fuzz_dir, leaf, number, uni):
    name, path = leaf
    files = {n: dump(doc, True) for n, doc in MINI_DOCUMENTS.items()}
    files[name] = dump(replaced(MINI_DOCUMENTS[name], path, number), uni)
    write_dataset(fuzz_dir, files)
    dataset = load_checked(fuzz_dir)
    if isinstance(number, float) and not math.isfinite(number):
        assert dataset is None  # never accepted
    if isinstance(number, int) and abs(number) > 10**17:
        assert dataset is None  # longer than any count or estimate allowed
