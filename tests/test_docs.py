"""The documentation stays true: the counts and generated tables in data/README.md, and the commands in
README.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.__main__ import main
from tui.core.loader import DATA_ENV, load_dataset
from tui.core.stats import stats_markdown

ROOT = Path(__file__).resolve().parent.parent
DATA_README = ROOT / "data" / "README.md"


def stats_block() -> str:
    readme = DATA_README.read_text(encoding="utf-8")
    block = re.search(r"<!-- stats:start -->\n(.*)\n<!-- stats:end -->", readme, re.S)
    assert block, "data/README.md lost its stats markers"
    return block.group(1)


def test_data_readme_counts_match_the_bundled_data() -> None:
    assert stats_block() == stats_markdown(load_dataset(ROOT / "data")), (
        "data/README.md counts are stale: paste the output of `mstrials-tui stats` between the markers"
    )


def test_the_stats_block_is_what_the_stats_command_prints(capsys, monkeypatch) -> None:
    monkeypatch.delenv(DATA_ENV, raising=False)
    assert main(["stats"]) == 0
    assert capsys.readouterr().out == stats_block() + "\n"


def test_generated_sections_of_the_data_readme_are_current() -> None:
    docs = pytest.importorskip("tui.core.docs")
    readme = DATA_README.read_text(encoding="utf-8")
    assert docs.replace_sections(readme) == readme, (
        "a generated section of data/README.md is stale: regenerate it from the field table and vocabularies"
    )


def test_readme_gives_a_launch_command_and_the_ci_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/mstrials-tui" in readme
    test_block = re.search(r"<!-- ci:test-command -->(.*?)<!-- /ci:test-command -->", readme, re.S)
    assert test_block and "pytest" in test_block.group(1)
    assert "python3 -m venv .venv" in test_block.group(1)
