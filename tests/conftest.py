"""Shared fixtures: keep tests independent of installed third-party plugins."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _no_autoload(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entry-point plugins installed in the dev venv must not change test results."""
    if "MEDLINT_KEEP_AUTOLOAD" not in os.environ:
        monkeypatch.setenv("MEDLINT_DISABLE_PLUGIN_AUTOLOAD", "1")


@pytest.fixture
def scale_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[Mapping[str, str]], Path]:
    """Make the working folder a project on the scale fixture ruleset, with ``pages`` under ``content/``.

    The cache goes to the default ``.medlint_cache/`` inside it (``MEDLINT_CACHE_DIR`` unset).
    """

    def make(pages: Mapping[str, str]) -> Path:
        monkeypatch.delenv("MEDLINT_CACHE_DIR", raising=False)
        shutil.copytree(FIXTURES / "scale" / "rules", tmp_path / "rules")
        (tmp_path / ".medlint.yml").write_text("rulesets: [./rules]\n", encoding="utf-8")
        (tmp_path / "content").mkdir()
        for name, text in pages.items():
            (tmp_path / "content" / name).write_text(text, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        return tmp_path

    return make
