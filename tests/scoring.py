"""Run the shared scorer (``../shared/tools/evaluate.py``) on an annotated folder, through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def balanced_extras(corpus: Path, cwd: Path) -> list[str]:
    """The scorer's EXTRA lines (findings no annotation asked for) on the corpus's ``balanced_*`` pages."""
    result = evaluate(corpus, cwd)
    return [line for line in result.stdout.splitlines() if line.startswith("EXTRA balanced_")]


def findings_on(page: Path) -> list[dict[str, Any]]:
    """The findings (JSON records) the real CLI reports on ``page`` (plugins off)."""
    result = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--format", "json", str(page)],
        capture_output=True,
        text=True,
        env={**os.environ, "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1"},
        check=False,
    )
    findings: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return findings


def rules_on(page: Path) -> set[str]:
    """The rule ids the real CLI reports on ``page`` (plugins off)."""
    return {finding["rule"] for finding in findings_on(page)}


SALES = "\n\nBook your consultation today.\n"
"""A call to action, so a test page reads as selling (the gated rules then run on it)."""


def rules_on_text(folder: Path, text: str) -> set[str]:
    """:func:`rules_on` for ``text`` written to ``folder/page.md``."""
    page = folder / "page.md"
    page.write_text(text, encoding="utf-8")
    return rules_on(page)


def rules_on_sales_page(folder: Path, sentence: str) -> set[str]:
    """The rules that fire when ``sentence`` stands on a short page that sells (the gated rules then run)."""
    return rules_on_text(folder, f"# Our clinic\n\n{sentence}{SALES}")


def fair_balance_missing(folder: Path, claims: str, risks: str) -> tuple[bool, bool]:
    """Whether DOC002 (no fair balance) fires on a selling page of ``claims``: without ``risks``, then with them."""
    without = rules_on_text(folder, f"# Our clinic\n\n{claims}{SALES}")
    with_risks = rules_on_text(folder, f"# Our clinic\n\n{claims}\n\n{risks}{SALES}")
    return "DOC002" in without, "DOC002" in with_risks
