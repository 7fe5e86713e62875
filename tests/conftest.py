"""Shared fixtures: the fictional mini dataset, a helper that writes YAML into a temporary folder, and the
Hypothesis profiles.

Hypothesis profiles: "ci" (the default, and always when $CI is set) is reproducible — derandomized, a fixed
number of examples, no deadline, no example database written into the project; "dev" explores more and
differently on each run (`HYPOTHESIS_PROFILE=dev python -m pytest`).
"""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tui.core.loader import load_dataset
from tui.core.model import Dataset

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
MINI = FIXTURES / "mini"

_QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
settings.register_profile(
    "ci", derandomize=True, max_examples=100, deadline=None, database=None, suppress_health_check=_QUIET
)
settings.register_profile("dev", max_examples=500, deadline=None, suppress_health_check=_QUIET)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def write_yaml(directory: Path, text: str, name: str = "data.yaml") -> Path:
    """Write dedented YAML `text` to `directory/name` (creating folders) and return the file's path."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture(name="write_yaml")
def write_yaml_fixture():
    """`write_yaml(tmp_path, text, name="data.yaml") -> Path`."""
    return write_yaml


@pytest.fixture(scope="session")
def mini_path() -> Path:
    return MINI


@pytest.fixture(scope="session")
def mini_dataset() -> Dataset:
    """The fictional fixture dataset, loaded once (it is frozen, so sharing it is safe)."""
    return load_dataset(MINI)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini dataset folder, for tests that add or change a file."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target
