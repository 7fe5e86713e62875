"""Shared fixtures: the fictional mini dataset, and a helper that writes YAML into a temporary folder."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from tui.core.loader import load_dataset
from tui.core.model import Dataset

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
MINI = FIXTURES / "mini"


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
