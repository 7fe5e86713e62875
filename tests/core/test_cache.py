"""The dataset cache (`core/cache.py`) and the search index cached with it (`search/session.py`): a hit is
validated like a fresh read and gives the same dataset; a changed file misses; a corrupt or tampered cache
falls back to the YAML and says so once; a saved index restores the same search, and one that does not fit
is refused and rebuilt."""

from __future__ import annotations

import base64
import json
import os
import shutil
from pathlib import Path

import pytest

from tui.core import cache, loader
from tui.core.loader import load_dataset
from tui.core.search.index import SearchIndex
from tui.core.search.session import cached_index

QUERIES = ("clemastine", "vep", "phase:2", "mtr met:yes", "optic neuritis", "cl", "!biotin phase:2")


@pytest.fixture
def data(tmp_path: Path, mini_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(mini_path, copy)
    return copy


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(where))
    return where


def _no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the YAML was read although the cache should have been used")

    monkeypatch.setattr(loader, "parse_yaml", refuse)


def _dataset_files(folder: Path) -> list[Path]:
    return [p for p in folder.glob("*.json") if not p.name.endswith(cache.INDEX_SUFFIX)]


def test_a_second_load_reads_the_cache_and_gives_the_same_dataset(data, folder, monkeypatch):
    first = load_dataset(data, use_cache=True)
    assert len(_dataset_files(folder)) == 1
    _no_yaml(monkeypatch)
    second = load_dataset(data, use_cache=True)
    assert second == first
    assert second.cache_key == first.cache_key is not None
    assert not second.warnings


def test_the_cache_is_off_unless_asked_for_or_when_set_off(data, folder, monkeypatch):
    assert load_dataset(data).cache_key is None
    assert not folder.exists()
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert load_dataset(data, use_cache=True).cache_key is None
    assert not folder.exists()


def test_any_change_to_a_file_misses_the_cache(data, folder):
    first = load_dataset(data, use_cache=True)
    trials = next(data.rglob("trials*.yaml"))
    trials.write_bytes(trials.read_bytes() + b"\n# an edit\n")
    second = load_dataset(data, use_cache=True)
    assert second.cache_key != first.cache_key
    assert len(_dataset_files(folder)) == 2


@pytest.mark.parametrize("spoil", ["cut", "header", "extra", "gone"])
def test_a_corrupt_cache_falls_back_to_yaml_and_says_so_once(data, folder, spoil):
    first = load_dataset(data, use_cache=True)
    (cached,) = _dataset_files(folder)
    lines = cached.read_bytes().splitlines(keepends=True)
    if spoil == "cut":  # as by a full disk
        cached.write_bytes(b"".join(lines[:-1]) + lines[-1][:-20])
    elif spoil == "header":  # another key or number of files
        cached.write_bytes(lines[0].replace(b'"files":', b'"files":1') + b"".join(lines[1:]))
    elif spoil == "extra":
        cached.write_bytes(b"".join(lines) + b"{}\n")
    else:
        cached.write_bytes(b"".join(lines[:-1]))
    second = load_dataset(data, use_cache=True)
    assert second == first
    assert [w.message for w in second.warnings] == ["the cache could not be read; read the YAML files"]
    third = load_dataset(data, use_cache=True)  # rewritten by the second load
    assert not third.warnings


def test_a_tampered_cache_is_validated_and_refused(data, folder):
    first = load_dataset(data, use_cache=True)
    (cached,) = _dataset_files(folder)
    header, *files = [json.loads(line) for line in cached.read_text(encoding="utf-8").splitlines()]
    for values in files:
        for trial in (values or {}).get("trials", []):
            trial["phase"] = "phase 9"  # not a phase
            trial["title"] = "\x1b]52;c;bad\x07"  # a terminal escape
    cached.write_text("".join(json.dumps(line) + "\n" for line in [header, *files]), encoding="utf-8")
    second = load_dataset(data, use_cache=True)
    assert second == first
    assert [w.message for w in second.warnings] == ["the cache did not validate; read the YAML files"]


def _results(index: SearchIndex) -> list[list[tuple[str, float, str, tuple[tuple[int, int], ...]]]]:
    return [[(h.id, h.score, h.field, h.spans) for h in index.search(q).hits] for q in QUERIES]


def test_a_saved_index_searches_exactly_like_a_built_one(mini_dataset):
    built = SearchIndex(mini_dataset)
    saved = json.loads(json.dumps(built.saved()))
    assert _results(SearchIndex(mini_dataset, saved)) == _results(built)


def _packed(number: int) -> str:
    return base64.b64encode(number.to_bytes(4, "little", signed=True)).decode()


@pytest.mark.parametrize(
    "spoil",
    [
        lambda s: s.update(format=0),
        lambda s: s["records"].reverse(),
        lambda s: s.update(postings=[["x", [[0, _packed(999_999)]]]]),
        lambda s: s.update(postings=[["x", [[0, _packed(-1)]]]]),
        lambda s: s.update(postings=[["x", [[99, _packed(0)]]]]),
        lambda s: s.update(postings=[["x", [[0, "not base64!"]]]]),
        lambda s: s.update(postings=[["x", [[0, "AAA="]]]]),  # 2 bytes: not whole numbers
        lambda s: s.update(postings=[["x", [[0, ""]]]]),
        lambda s: s.update(postings=[["x", [[0, [1, 2]]]]]),
        lambda s: s.update(postings=[[1, [[0, _packed(0)]]]]),
        lambda s: s.update(postings=[["x", []]]),
        lambda s: s.update(compounds={"lt3": "l t3"}),
        lambda s: s.pop("links"),
    ],
)
def test_a_saved_index_that_does_not_fit_is_refused(mini_dataset, spoil):
    saved = json.loads(json.dumps(SearchIndex(mini_dataset).saved()))
    spoil(saved)
    with pytest.raises(ValueError):
        SearchIndex(mini_dataset, saved)


def test_the_app_index_is_cached_with_the_dataset_and_rebuilt_when_corrupt(data, folder, monkeypatch):
    dataset = load_dataset(data, use_cache=True)
    assert dataset.cache_key is not None
    first = cached_index(dataset)
    saved = folder / f"{dataset.cache_key}{cache.INDEX_SUFFIX}"
    assert saved.is_file()

    built = count_builds(monkeypatch)
    assert _results(cached_index(dataset)) == _results(first)
    assert not built  # restored, not built
    saved.write_text('{"key": "' + dataset.cache_key + '", "index": {"format": 3, "postings_lines": 0}}\n')
    assert _results(cached_index(dataset)) == _results(first)
    assert built == [1]  # refused, built again, and saved again
    assert _results(cached_index(dataset)) == _results(first)
    assert built == [1]


def count_builds(monkeypatch) -> list[int]:
    """A list that gets one item each time a search index is built from scratch."""
    built: list[int] = []
    original = SearchIndex._build

    def counted(self: SearchIndex):  # type: ignore[no-untyped-def]
        built.append(1)
        return original(self)

    monkeypatch.setattr(SearchIndex, "_build", counted)
    return built


def test_old_datasets_and_their_indexes_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    for n in range(4):
        key = f"k{n}"
        cache.write(tmp_path, key, [{"n": n}])
        cache.write_index(tmp_path, key, {"n": n})
        os.utime(tmp_path / f"{key}.json", (1_000_000 + n, 1_000_000 + n))  # oldest first, whatever the clock
    kept = sorted(p.name for p in tmp_path.glob("*.json"))
    assert len(kept) == 4  # two datasets, each with its index
    assert all(name.startswith(("k2", "k3")) for name in kept)


@pytest.mark.parametrize("cut", [1, 200])
def test_an_index_file_cut_short_is_rebuilt(data, folder, monkeypatch, cut):
    dataset = load_dataset(data, use_cache=True)
    first = cached_index(dataset)
    saved = folder / f"{dataset.cache_key}{cache.INDEX_SUFFIX}"
    saved.write_bytes(saved.read_bytes()[:-cut])
    built = count_builds(monkeypatch)
    assert _results(cached_index(dataset)) == _results(first)
    assert built == [1]
