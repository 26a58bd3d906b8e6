"""Balanced pages (written for these tests) give no indication or crisis findings.

They name approved uses with their approval, disclose off-label status, list
concrete risks and give crisis lines: what the IND, CRS and DOC rules ask
for, so any finding of those rules on them is noise.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from medlint.api import Linter
from medlint.config import Config

PAGES = sorted((Path(__file__).resolve().parent / "fixtures" / "balanced").glob("*.md"))
OWN = ("IND", "CRS", "DOC002", "DOC003")


@cache
def _linter() -> Linter:
    return Linter.create(Config())


@pytest.mark.parametrize("page", PAGES, ids=[page.stem for page in PAGES])
def test_balanced_page_has_no_indication_or_crisis_findings(page: Path) -> None:
    findings = _linter().lint_text(page.read_text(encoding="utf-8"), page.name)
    noisy = [f"{f.line}: {f.rule} {f.match[:60]!r}" for f in findings if f.rule.startswith(OWN)]
    assert noisy == []


def test_balanced_pages_exist() -> None:
    assert len(PAGES) >= 5
