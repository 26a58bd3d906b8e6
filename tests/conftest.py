"""Shared fixtures: keep tests independent of installed third-party plugins."""

from __future__ import annotations

import os
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
