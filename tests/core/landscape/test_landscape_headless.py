"""The landscape core and its command line import neither Textual nor Rich (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_landscape_core_and_cli_are_headless() -> None:
    modules = [f"tui.core.landscape.{m.name}" for m in pkgutil.iter_modules([str(ROOT / "tui" / "core" / "landscape")])]
    assert "tui.core.landscape.forest" in modules
    modules.append("tui.cli_landscape")
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(result.stdout) == []
