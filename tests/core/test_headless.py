"""The core and the CLI never import Textual or Rich: they must start fast and work without a terminal.

Checked in a fresh interpreter, because this test process may already have imported Textual elsewhere.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE_MODULES = [
    "tui",
    "tui.core.model",
    "tui.core.loader",
    "tui.core.search",
    "tui.core.compare",
    "tui.core.export",
    "tui.core.text",
    "tui.core.report",
    "tui.cli_landscape",
    "tui.__main__",
]


def imported_ui_modules(modules: list[str]) -> list[str]:
    """Import `modules` in a new interpreter; return the Textual/Rich modules that got imported."""
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(result.stdout)


def test_core_and_cli_do_not_import_textual_or_rich():
    assert imported_ui_modules(CORE_MODULES) == []


def test_every_core_module_is_headless():
    """Every module under tui/core, subpackages (search, landscape, registry) included."""
    core = [m.name for m in pkgutil.walk_packages([str(ROOT / "tui" / "core")], prefix="tui.core.")]
    assert {"tui.core.loader", "tui.core.search.index", "tui.core.landscape.forest", "tui.core.registry.api"} <= set(
        core
    )
    assert imported_ui_modules(core) == []


@pytest.mark.parametrize("argv", [["validate", "--data", "tests/fixtures/mini"], ["--version"]])
def test_cli_commands_run_without_textual_or_rich(argv):
    code = (
        "import sys\n"
        "from tui.__main__ import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('UI:', sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines()[-1] == "UI: []"
