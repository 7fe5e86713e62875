"""The benchmark suite: `python tests/bench/run.py [--quick] [--json PATH] [--only SECTIONS] [--markdown]`.

Measures start-up, search, loading, memory and interaction on the bundled data and on synthetic data
(tests/bench/synth.py, cached under $MSTRIALS_BENCH_CACHE or ~/.cache/mstrials-tui-bench), prints a table
(metric, value, unit, target, ok?, note) and writes the same as JSON:
{metric: {"value", "unit", "target", "ok", "note"?}}. `--show JSON` prints the table of an earlier run.

Every measurement runs in a fresh process (tests/bench/probes.py), so one cannot warm up or slow down
another. Times are medians of several runs (p95 where the spread matters). The full run takes about
20 minutes and 2 GB of memory (100 000 trials); `--quick` uses 500 synthetic trials instead of 10 000 and
100 000 and fewer repeats, and finishes in well under a minute.

The machine's load average is recorded with the results: on a shared machine, wall times grow with it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PROBES = HERE / "probes.py"
BUNDLED = REPO / "data"
SEED = 1
sys.path.insert(0, str(HERE))

import synth


@dataclass(frozen=True)
class Plan:
    medium: int
    large: int | None
    startup_runs: int
    load_runs: dict[str, int]
    search_repeat: int
    # fzf per size label: (repeats, every K-th query) or None to skip; fzf takes seconds per query on
    # 10 000 long lines, so the big sizes run a subset once.
    fzf: dict[str, tuple[int, int] | None]
    interact_keys: int
    timeout: float


FULL = Plan(
    medium=10_000,
    large=100_000,
    startup_runs=7,
    load_runs={"bundled": 9, "medium": 3, "large": 1},
    search_repeat=5,
    fzf={"bundled": (3, 1), "medium": (1, 1), "large": (1, 5)},
    interact_keys=1000,
    timeout=1800,
)
QUICK = Plan(
    medium=500,
    large=None,
    startup_runs=2,
    load_runs={"bundled": 3, "medium": 1, "large": 0},
    search_repeat=2,
    fzf={"bundled": (1, 1), "medium": None, "large": None},
    interact_keys=8,
    timeout=120,
)

# metric -> (comparison, limit): a target holds only for the size it names (so --quick checks fewer).
TARGETS: dict[str, tuple[str, float]] = {
    "startup.ratio": ("<=", 1.2),
    "search.bundled.median_ms": ("<=", 2),
    "search.10000_trials.median_ms": ("<=", 20),
    "search.100000_trials.median_ms": ("<=", 150),
    "load.bundled_ms": ("<=", 100),
    "load.10000_trials_ms": ("<=", 1500),
    "interact.10000_trials.median_ms": ("<=", 50),
}


@dataclass
class Results:
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, name: str, value: float | str | None, unit: str, note: str = "") -> None:
        target = TARGETS.get(name)
        ok: bool | None = None
        if target is not None and isinstance(value, (int, float)):
            op, limit = target
            ok = value <= limit if op == "<=" else value >= limit
        self.rows[name] = {
            "value": float(f"{value:.4g}") if isinstance(value, float) else value,
            "unit": unit,
            "target": f"{target[0]} {target[1]:g}" if target else None,
            "ok": ok,
        }
        if note:
            self.rows[name]["note"] = note
        shown = "n/a" if value is None else (f"{value:.2f}" if isinstance(value, float) else str(value))
        print(f"  {name:<44} {shown:>10} {unit:<6} {note}", file=sys.stderr, flush=True)

    def table(self, markdown: bool = False) -> str:
        header = ("metric", "value", "unit", "target", "ok?", "note")
        lines = [header]
        for name, row in self.rows.items():
            value = row["value"]
            if value is None:
                shown = "n/a"
            elif isinstance(value, float):
                shown = fmt(value)
            else:
                shown = f"{value:,}" if isinstance(value, int) else str(value)
            ok = {True: "yes", False: "NO", None: "-"}[row["ok"]]
            note = row.get("note", "")
            lines.append((name, shown, row["unit"], row["target"] or "-", ok, note))
        if markdown:
            rows = [f"| {' | '.join(cell.replace('|', '/') for cell in line)} |" for line in lines]
            rows.insert(1, "|---|---:|---|---|---|---|")
            return "\n".join(rows)
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        out = []
        for n, line in enumerate(lines):
            cells = [line[0].ljust(widths[0]), line[1].rjust(widths[1]), *(c.ljust(w) for c, w in zip(line[2:], widths[2:]))]
            out.append("  ".join(cells).rstrip())
            if n == 0:
                out.append("  ".join("-" * w for w in widths))
        return "\n".join(out)


def fmt(value: float) -> str:
    """A value with as many digits as are worth reading."""
    size = abs(value)
    if size >= 1000:
        return f"{value:,.0f}"
    if size >= 100:
        return f"{value:.1f}"
    return f"{value:.2f}" if size >= 0.1 else f"{value:.2g}"


# --- helpers --------------------------------------------------------------------------------------------


class ProbeError(Exception):
    pass


def probe(*args: str, timeout: float) -> tuple[dict[str, Any], float]:
    """Run probes.py in a fresh process; returns its RESULT and the wall time until RESULT was printed."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("MSTRIALS_DATA", None)
    # stderr goes to a file: a chatty or failing child must never block on a full pipe.
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, str(PROBES), *args],
            stdout=subprocess.PIPE,
            stderr=errors,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=REPO,
            text=True,
        )
        result: dict[str, Any] | None = None
        elapsed = 0.0
        watchdog = threading.Timer(timeout, proc.kill)  # a child that hangs before RESULT is killed too
        watchdog.start()
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith("RESULT "):
                    elapsed = time.perf_counter() - start
                    result = json.loads(line[len("RESULT ") :])
                    break
            try:
                proc.communicate(timeout=60)  # a result is kept even if the child is slow to exit
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
        finally:
            watchdog.cancel()
        if result is None and time.perf_counter() - start >= timeout:
            raise ProbeError(f"probes.py {' '.join(args)}: timed out after {timeout:.0f} s")
        if result is None:
            errors.seek(0)
            tail = " | ".join(errors.read().strip().splitlines()[-3:])
            raise ProbeError(f"probes.py {' '.join(args)} failed (exit {proc.returncode}): {tail}")
    return result, elapsed


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def p95(values: list[float]) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def cache_root() -> Path:
    explicit = os.environ.get("MSTRIALS_BENCH_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mstrials-tui-bench"


def synth_fingerprint() -> str:
    """A hash of what synth.py writes (a small sample), so the cache follows changes in its output but
    not edits that change nothing. The measure texts are not part of it: they are simply re-copied."""
    with tempfile.TemporaryDirectory() as tmp:
        sample = synth.generate(60, tmp, seed=SEED, per_file=25)
        digest = hashlib.sha1()
        for path in sorted(sample.rglob("*.yaml")):
            if path.name != "measures.yaml":
                digest.update(path.relative_to(sample).as_posix().encode() + b"\0" + path.read_bytes())
        if synth.REAL_MEASURES.is_file():
            digest.update(",".join(synth.measure_ids_of(synth.REAL_MEASURES)).encode())
    return digest.hexdigest()[:10]


def synthetic(n: int) -> Path:
    """A synthetic dataset of n trials, generated once per version of synth.py and data/measures.yaml."""
    out = cache_root() / f"synth-{n}-seed{SEED}-{synth_fingerprint()}"
    stamp = out / "COMPLETE"
    if not stamp.is_file():
        if out.exists():
            shutil.rmtree(out)
        start = time.perf_counter()
        synth.generate(n, out, seed=SEED)
        stamp.write_text(f"generated in {time.perf_counter() - start:.1f} s\n")
        print(f"  (generated {n} synthetic trials in {time.perf_counter() - start:.1f} s: {out})", file=sys.stderr)
    elif synth.REAL_MEASURES.is_file() and synth.REAL_MEASURES.read_bytes() != (out / "measures.yaml").read_bytes():
        shutil.copyfile(synth.REAL_MEASURES, out / "measures.yaml")
    return out


def size_name(n: int | None) -> str:
    return "bundled" if n is None else f"{n}_trials"


def guarded(results: Results, names: list[tuple[str, str]], action: Callable[[], None]) -> None:
    """Run one benchmark; if it fails, record its metrics as n/a with the reason instead of stopping."""
    try:
        action()
    except ProbeError as error:
        for name, unit in names:
            if name not in results.rows:
                results.add(name, None, unit, note=f"error: {error}"[:300])


# --- benchmarks -----------------------------------------------------------------------------------------


def bench_startup(results: Results, plan: Plan, medium_path: Path) -> None:
    runs = plan.startup_runs
    bare: list[float] = []
    app: list[float] = []
    rss_bare: list[float] = []
    rss_app: list[float] = []
    probe("startup", "bare", timeout=plan.timeout)  # warm-up: .pyc files, page cache
    probe("startup", "app", "--data", str(BUNDLED), timeout=plan.timeout)
    phases: dict[str, dict[str, list[float]]] = {"bare": {}, "app": {}}
    widgets: dict[str, int] = {}

    def note_phases(kind: str, out: dict[str, Any], wall: float) -> None:
        # Where the time goes: interpreter start, imports, loading, then Textual's mount + first paint.
        marks = out["phases_ms"]
        steps = {
            "python_start": wall * 1000 - out["in_process_ms"],
            "import_textual": marks["textual_imported"],
            "import_app": marks["app_imported"] - marks["textual_imported"],
            "load_data": marks.get("data_loaded", marks["app_imported"]) - marks["app_imported"],
            "mount_and_first_paint": out["in_process_ms"] - marks["app_created"],
        }
        for step, value in steps.items():
            phases[kind].setdefault(step, []).append(value)
        widgets[kind] = out.get("widgets", 0)

    for _ in range(runs):  # interleaved, so that a change in machine load hits both alike
        out, wall = probe("startup", "bare", timeout=plan.timeout)
        bare.append(wall * 1000)
        rss_bare.append(out["rss_mb"])
        note_phases("bare", out, wall)
        out, wall = probe("startup", "app", "--data", str(BUNDLED), timeout=plan.timeout)
        app.append(wall * 1000)
        rss_app.append(out["rss_mb"])
        note_phases("app", out, wall)
    results.add("startup.bare_ms", median(bare), "ms")
    results.add("startup.app_bundled_ms", median(app), "ms")
    results.add("startup.ratio", ratio(median(app), median(bare)), "x")
    for kind in ("bare", "app"):
        for step, values in phases[kind].items():
            if kind == "bare" and step == "load_data":
                continue
            note = f"{widgets[kind]} widgets" if step == "mount_and_first_paint" else ""
            results.add(f"startup.{kind}.{step}_ms", median(values), "ms", note=note)
    big: list[float] = []
    rss_big: list[float] = []
    for _ in range(max(1, runs // 3)):
        out, wall = probe("startup", "app", "--data", str(medium_path), timeout=plan.timeout)
        big.append(wall * 1000)
        rss_big.append(out["rss_mb"])
    results.add(f"startup.app_{plan.medium}_trials_ms", median(big), "ms")
    results.add("memory.bare_mb", median(rss_bare), "MB")
    results.add("memory.app_bundled_mb", median(rss_app), "MB")
    results.add(f"memory.app_{plan.medium}_trials_mb", median(rss_big), "MB")
    results.add(f"memory.app_{plan.medium}_trials_ratio", ratio(median(rss_big), median(rss_bare)), "x")


def bench_search_and_load(results: Results, plan: Plan, label: str, n: int | None, path: Path) -> None:
    """Search (and fzf) on one dataset; the search process's own load counts as one load run."""
    size = size_name(n)
    loads: list[float] = []
    load_cpu: list[float] = []
    floors: list[float] = []
    events: list[float] = []
    runs = plan.load_runs[label]
    for _ in range(max(0, runs - 1)):
        out, _ = probe("load", str(path), timeout=plan.timeout)
        loads.append(out["ms"])
        load_cpu.append(out["cpu_ms"])
    fzf_plan = plan.fzf.get(label)
    fzf_args = ["--fzf", "--fzf-repeat", str(fzf_plan[0]), "--fzf-every", str(fzf_plan[1])] if fzf_plan else []
    out, _ = probe("search", str(path), "--repeat", str(plan.search_repeat), *fzf_args, timeout=plan.timeout)
    if "load_ms" in out:
        loads.append(out["load_ms"])
        load_cpu.append(out["load_cpu_ms"])
    for _ in range(max(1, runs)):
        floor, _ = probe("floor", str(path), timeout=plan.timeout)
        floors.append(floor["ms"])
        events.append(floor["events_ms"])
    load_name = "load.bundled_ms" if n is None else f"load.{size}_ms"
    results.add(load_name, median(loads), "ms", note=f"{len(loads)} run(s): parse + validate + index")
    results.add(f"load.{size}_cpu_ms", median(load_cpu), "ms", note="CPU time of the same runs")
    results.add(f"load.floor.{size}_ms", median(floors), "ms", note="read + yaml.load(CSafeLoader)")
    results.add(f"load.{size}_vs_floor_ratio", ratio(median(loads), median(floors)), "x")
    results.add(f"load.libyaml_events.{size}_ms", median(events), "ms", note="read + libyaml events only")
    if "error" in out:
        for metric in ("median_ms", "p95_ms"):
            results.add(f"search.{size}.{metric}", None, "ms", note=out["error"])
        return
    ours = out["per_query_ms"]
    results.add(f"search.{size}.median_ms", median(ours), "ms")
    results.add(f"search.{size}.p95_ms", p95(ours), "ms")
    slowest = sorted(zip(ours, out["queries"]), reverse=True)[:3]
    results.add(f"search.{size}.max_ms", max(ours), "ms", note="slowest: " + ", ".join(
        f"'{query}' {ms:.0f}" for ms, query in slowest))
    results.add(f"search.{size}.index_build_ms", out["build_ms"], "ms")
    fzf = out.get("fzf")
    if fzf:
        count = len(fzf["per_query_ms"])
        note = f"{fzf['version']}, {count} queries" + ("" if count == len(ours) else " (every 5th)")
        results.add(f"fzf.{size}.median_ms", median(fzf["per_query_ms"]), "ms", note=note)
        results.add(f"fzf.{size}.p95_ms", p95(fzf["per_query_ms"]), "ms")
        same = ratio(median(fzf["ours_same_queries_ms"]), median(fzf["per_query_ms"]))
        results.add(f"search.{size}.vs_fzf_ratio", same, "x", note="our median / fzf median, same queries")
    else:
        note = "n/a (skipped in --quick)" if fzf_plan is None else "n/a (fzf not installed)"
        results.add(f"fzf.{size}.median_ms", None, "ms", note=note)
        results.add(f"fzf.{size}.p95_ms", None, "ms", note=note)
        results.add(f"search.{size}.vs_fzf_ratio", None, "x", note=note)


def bench_interaction(results: Results, plan: Plan, path: Path) -> None:
    size = size_name(plan.medium)
    out, _ = probe("interact", str(path), "--keys", str(plan.interact_keys), timeout=plan.timeout)
    if not out.get("present"):
        note = "n/a (search screen not present)"
        results.add(f"interact.{size}.median_ms", None, "ms", note=note)
        results.add(f"interact.{size}.p95_ms", None, "ms", note=note)
        return
    keys = out["per_key_ms"]
    results.add(f"interact.{size}.median_ms", median(keys), "ms", note=f"{len(keys)} keystrokes")
    results.add(f"interact.{size}.p95_ms", p95(keys), "ms")


SECTIONS = ("startup", "bundled", "medium", "large", "interact")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the benchmarks and print a table.")
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats (under a minute)")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    parser.add_argument(
        "--only",
        metavar="SECTIONS",
        help=f"comma-separated subset of {','.join(SECTIONS)} (default: all; 'large' is never run with --quick)",
    )
    parser.add_argument("--show", metavar="JSON", help="only print the table of an earlier --json file")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown (for the README)")
    args = parser.parse_args(argv)
    if args.show:
        print(Results(json.loads(Path(args.show).read_text(encoding="utf-8"))).table(args.markdown))
        return 0
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    if only - set(SECTIONS):
        parser.error(f"unknown section(s): {', '.join(sorted(only - set(SECTIONS)))}")
    plan = QUICK if args.quick else FULL
    results = Results()
    began = time.perf_counter()
    results.add("env.cpus", os.cpu_count() or 0, "cpus")
    results.add("env.loadavg_start", round(os.getloadavg()[0], 2), "load")
    print(f"synthetic data: {plan.medium} trials" + (f" and {plan.large}" if plan.large else ""), file=sys.stderr)
    medium = synthetic(plan.medium) if only & {"startup", "medium", "interact"} else BUNDLED
    large = synthetic(plan.large) if plan.large and "large" in only else None

    if "startup" in only:
        print("start-up and memory", file=sys.stderr)
        guarded(results, [("startup.ratio", "x")], lambda: bench_startup(results, plan, medium))
    datasets: list[tuple[str, int | None, Path]] = []
    if "bundled" in only:
        datasets.append(("bundled", None, BUNDLED))
    if "medium" in only:
        datasets.append(("medium", plan.medium, medium))
    if large is not None:
        datasets.append(("large", plan.large, large))
    for label, n, path in datasets:
        size = size_name(n)
        print(f"loading and search: {size}", file=sys.stderr)
        guarded(
            results,
            [(f"search.{size}.median_ms", "ms"), ("load.bundled_ms" if n is None else f"load.{size}_ms", "ms")],
            lambda label=label, n=n, path=path: bench_search_and_load(results, plan, label, n, path),  # type: ignore[misc]
        )
    if "interact" in only:
        print("interaction", file=sys.stderr)
        guarded(
            results,
            [(f"interact.{size_name(plan.medium)}.median_ms", "ms")],
            lambda: bench_interaction(results, plan, medium),
        )
    results.add("env.loadavg_end", round(os.getloadavg()[0], 2), "load")
    results.add("env.total_s", time.perf_counter() - began, "s")
    print(results.table(args.markdown))
    if args.json:
        Path(args.json).write_text(json.dumps(results.rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
