"""The documentation stays true: the counts in data/README.md and the commands in README.md."""

from __future__ import annotations

import re
from pathlib import Path

from tui.core.loader import load_dataset
from tui.core.stats import stats_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_data_readme_counts_match_the_bundled_data() -> None:
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- stats:start -->\n(.*)\n<!-- stats:end -->", readme, re.S)
    assert block, "data/README.md lost its stats markers"
    assert block.group(1) == stats_markdown(load_dataset(ROOT / "data")), (
        "data/README.md counts are stale: paste the output of `mstrials-tui stats` between the markers"
    )


def test_readme_gives_a_launch_command_and_the_ci_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/mstrials-tui" in readme
    test_block = re.search(r"<!-- ci:test-command -->(.*?)<!-- /ci:test-command -->", readme, re.S)
    assert test_block and "pytest" in test_block.group(1)
    assert "python3 -m venv .venv" in test_block.group(1)
