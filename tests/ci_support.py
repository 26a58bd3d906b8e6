"""Helpers for the CI-gate tests: a workspace with the frozen ``tests/fixtures/ci`` ruleset, and the real CLI."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import cli

CI_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ci"
SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas"


@dataclass(frozen=True)
class Result:
    """What a user sees after one ``medlint`` run."""

    exit_code: int
    stdout: str
    stderr: str


def make_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Copy the fixture pages, rules and ``.medlint.yml`` into ``tmp_path`` and work from there."""
    for item in CI_FIXTURES.iterdir():
        target = tmp_path / item.name
        if item.is_dir():
            shutil.copytree(item, target)
        else:
            shutil.copy2(item, target)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def medlint(*args: str) -> Result:
    """Run ``medlint ARGS`` through the real click command (stdout and stderr kept apart)."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)
