"""Run the shared scorer (``../shared/tools/evaluate.py``) on an annotated folder, through the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVALUATE = ROOT.parent / "shared" / "tools" / "evaluate.py"
FIXTURES = ROOT / "tests" / "fixtures"

needs_shared = pytest.mark.skipif(
    not EVALUATE.is_file(), reason=f"the shared scorer {EVALUATE} is not available (../shared is absent)"
)


def evaluate(corpus: Path, cwd: Path, *thresholds: str) -> subprocess.CompletedProcess[str]:
    """Run the shared scorer on ``corpus`` with this interpreter's medlint."""
    command = f'"{sys.executable}" -m medlint check --format json'
    env = {**os.environ, "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    return subprocess.run(
        [sys.executable, str(EVALUATE), str(corpus), "--cmd", command, "--cwd", str(cwd), "--misses", *thresholds],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
