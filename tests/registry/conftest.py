"""Fixtures for the registry tests: the saved responses, the bundled data, a fake clock, a local API server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tui.core.loader import load_dataset
from tui.core.model import Dataset
from tui.core.registry.api import BASE_URL_ENV

from .server import FakeRegistry

ROOT = Path(__file__).resolve().parents[2]
SAVED = ROOT / "tests" / "fixtures" / "registry"
DRIFT = SAVED / "drift"
QUIRKS = SAVED / "quirks"
PROXY_VARIABLES = ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")


def saved(name: str, folder: Path = SAVED) -> Any:
    """A saved response, decoded (a fresh copy each time: tests may doctor it further)."""
    return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))


class FakeClock:
    """A monotonic clock that only moves when slept on; records every sleep."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


@pytest.fixture(scope="session")
def bundled() -> Dataset:
    return load_dataset(ROOT / "data")


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def registry_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeRegistry]:
    """The local API, serving tests/fixtures/registry; proxies unset so that 127.0.0.1 is asked directly."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv(BASE_URL_ENV, raising=False)
    server = FakeRegistry(SAVED)
    server.start()
    try:
        yield server
    finally:
        server.stop()
