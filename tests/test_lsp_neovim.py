"""A real editor: headless Neovim attaches to ``medlint lsp``, shows diagnostics, applies a fix, clears.

Needs Debian's ``neovim`` package (0.7 or later); skipped, with the reason, when
``nvim`` is not on PATH. Findings come from the LSP tests' own ruleset.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lsp"
NVIM = shutil.which("nvim")


@pytest.mark.skipif(NVIM is None, reason="nvim not found: apt-get install -y neovim to run the editor check")
def test_neovim_shows_fixes_and_clears_diagnostics(tmp_path: Path) -> None:
    assert NVIM is not None
    workspace = tmp_path / "site"
    shutil.copytree(FIXTURES / "workspace", workspace)
    shutil.copy(FIXTURES / "neovim" / "risky.md", workspace)
    result = tmp_path / "result.txt"
    env = {**os.environ, "PYTHON": sys.executable, "OUT_FILE": str(result), "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    script = FIXTURES / "neovim" / "check.lua"
    done = subprocess.run(
        [NVIM, "--headless", "-u", "NONE", "-i", "NONE", "-c", f"luafile {script}"],
        cwd=workspace, env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    log = result.read_text(encoding="utf-8") if result.exists() else "(no result file)"
    assert done.returncode == 0, log + done.stderr
    lines = log.splitlines()
    # Neovim columns are bytes: the emoji before 'miracle' is 4 bytes (2 UTF-16 units on the wire).
    assert "diag\t2\t9\t2\t21\t1\tmedlint\tLSP001\t'miracle cure' promises a cure." in lines
    assert "diag\t3\t9\t3\t27\t2\tmedlint\tLSP002\t'guaranteed results' overstates what patients can expect." in lines
    assert "action\tReplace 'guaranteed results' with 'typical results'\tquickfix" in lines
    assert "action\tDisable LSP002 for this line\tquickfix" in lines
    assert "line after action\tWe offer typical results." in lines
    assert "left\tLSP001" in lines
    assert lines[-1] == "cleared"
    assert (workspace / "risky.md").read_text(encoding="utf-8").count("guaranteed") == 1  # buffer only, not saved
