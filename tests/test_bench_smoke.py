"""The benchmark suite still runs: synthetic data is valid and deterministic, and `run.py --quick` writes
every metric. No timing is asserted here (timings belong to the benchmark report, not to CI)."""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.loader import load_dataset
from tui.core.problems import DataError

BENCH = Path(__file__).resolve().parent / "bench"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    sys.path.insert(0, str(BENCH))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH))
    return module


def test_synthetic_data_is_valid_and_deterministic(tmp_path: Path) -> None:
    synth = _module("synth")
    first = synth.generate(120, tmp_path / "a", seed=7, per_file=50)
    second = synth.generate(120, tmp_path / "b", seed=7, per_file=50)
    other = synth.generate(120, tmp_path / "c", seed=8, per_file=50)

    dataset = load_dataset(first)

    assert len(dataset.trials) == 120
    assert len(dataset.interventions) == 24  # ~N/5
    assert len(list((first / "trials").glob("*.yaml"))) == 3
    files = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.yaml"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert (first / "trials" / "part-0001.yaml").read_bytes() != (other / "trials" / "part-0001.yaml").read_bytes()


def test_loading_leaves_the_garbage_collector_as_it_was(mini_path: Path, tmp_path: Path) -> None:
    # load_dataset pauses the cyclic GC while it builds (a benchmark finding); it must restore it.
    (tmp_path / "bad.yaml").write_text("trials: [\n", encoding="utf-8")
    assert gc.isenabled()
    load_dataset(mini_path)
    assert gc.isenabled()
    with pytest.raises(DataError):
        load_dataset(tmp_path)
    assert gc.isenabled()
    gc.disable()
    try:
        load_dataset(mini_path)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.slow
def test_quick_benchmark_writes_every_metric(tmp_path: Path) -> None:
    run = _module("run")
    out = tmp_path / "bench.json"
    env_cache = {"MSTRIALS_BENCH_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **env_cache},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines()[0].split()[:7] == ["metric", "value", "unit", "baseline", "ratio", "target", "ok?"]

    results = json.loads(out.read_text(encoding="utf-8"))
    medium = f"{run.QUICK.medium}_trials"
    expected = {
        "startup.bare.first_frame_ms",
        "startup.bundled.first_frame_ms",
        "startup.bundled.browser_ms",
        "startup.bundled.index_ready_ms",
        f"startup.{medium}.first_frame_ms",
        f"startup.{medium}.browser_ms",
        f"startup.{medium}.index_ready_ms",
        "memory.bare_mb",
        f"memory.{medium}.with_index_mb",
        "quit.bundled_ms",
        f"quit.{medium}_ms",
        f"quit.{medium}.while_indexing_ms",
        "load.bundled.cold_ms",
        "load.bundled.warm_ms",
        f"load.{medium}.cold_ms",
        f"load.{medium}.warm_ms",
        f"load.libyaml_events.{medium}_ms",
        "search.bundled.median_ms",
        "search.bundled.p95_ms",
        f"search.{medium}.median_ms",
        f"search.{medium}.index_build_ms",
        "fzf.bundled.median_ms",
        "search.bundled.vs_fzf_ratio",
        f"interact.bare.{medium}.median_ms",
        f"interact.{medium}.median_ms",
        f"interact.{medium}.p95_ms",
    }
    assert expected <= results.keys(), sorted(expected - results.keys())
    for name, row in results.items():
        assert {"value", "unit"} <= row.keys(), name
        # A metric may be n/a (no fzf, no search screen yet) but a probe must never have crashed.
        assert not str(row.get("note", "")).startswith("error"), (name, row["note"])
    for name in ("startup.bundled.first_frame_ms", "load.bundled.warm_ms", "search.bundled.median_ms"):
        assert isinstance(results[name]["value"], (int, float)), name
    # Figures judged against a baseline carry it and their ratio.
    assert results["startup.bundled.first_frame_ms"]["baseline"] == results["startup.bare.first_frame_ms"]["value"]
    assert isinstance(results["startup.bundled.first_frame_ms"]["ratio"], float)
