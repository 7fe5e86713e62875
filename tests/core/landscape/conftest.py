"""The landscape fixture: a small fictional dataset with effects of several estimate types and units."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.loader import load_dataset
from tui.core.model import Dataset

LANDSCAPE = Path(__file__).resolve().parents[2] / "fixtures" / "landscape"


@pytest.fixture(scope="session")
def landscape() -> Dataset:
    return load_dataset(LANDSCAPE)
