"""DOC003: which crisis lines satisfy the rule depends on the configured region.

With no region any country's line counts; with ``region: uk`` only UK lines
(and emergency instructions) do, so a page that only gives the US 988 line
is flagged for a UK audience.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.api import Linter
from medlint.cli import cli
from medlint.config import Config

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "crisis_regions"
PAGE = "Some readers have thoughts of suicide.\n\n{line}\n"
LINES = {
    "us": "Call or text 988 to reach the 988 Suicide & Crisis Lifeline.",
    "ca": "Call or text 9-8-8, the Suicide Crisis Helpline.",
    "uk": "Call Samaritans free on 116 123.",
    "ie": "Call Pieta on 1800 247 247.",
    "eu": "In an emergency, call 112.",
    "au": "Call Lifeline on 13 11 14.",
    "nz": "Free call or text 1737 to talk to a trained counsellor.",
}


@cache
def _linter(region: str | None) -> Linter:
    return Linter.create(Config(region=region))


def _doc003(text: str, region: str | None) -> list[str]:
    findings = _linter(region).lint_text(text, "page.md")
    return [finding.message for finding in findings if finding.rule == "DOC003"]


@pytest.mark.parametrize("region", sorted(LINES))
def test_own_region_line_satisfies(region: str) -> None:
    assert _doc003(PAGE.format(line=LINES[region]), region) == []


@pytest.mark.parametrize("region", sorted(LINES))
def test_any_line_satisfies_without_region(region: str) -> None:
    assert _doc003(PAGE.format(line=LINES[region]), None) == []


@pytest.mark.parametrize(("line_of", "region"), [("us", "uk"), ("uk", "au"), ("au", "us"), ("nz", "ca")])
def test_other_region_line_does_not_satisfy(line_of: str, region: str) -> None:
    assert len(_doc003(PAGE.format(line=LINES[line_of]), region)) == 1


def test_emergency_instruction_satisfies_every_region() -> None:
    text = PAGE.format(line="If you might act on these thoughts, go to the nearest emergency department now.")
    for region in (None, *LINES):
        assert _doc003(text, region) == []


def test_clinic_phone_number_and_year_are_not_crisis_lines() -> None:
    text = PAGE.format(line="Ring our clinic on 205-111-0000; we have helped patients since 1988.")
    assert len(_doc003(text, None)) == 1


def test_cli_region_flag_changes_the_result() -> None:
    runner = CliRunner()
    page = str(FIXTURES / "uk_lines.md")
    as_uk = runner.invoke(cli, ["check", "--no-cache", "--format", "json", "--region", "uk", page])
    as_us = runner.invoke(cli, ["check", "--no-cache", "--format", "json", "--region", "us", page])
    uk_rules = [item["rule"] for item in json.loads(as_uk.output)["findings"]]
    us_rules = [item["rule"] for item in json.loads(as_us.output)["findings"]]
    assert "DOC003" not in uk_rules
    assert "DOC003" in us_rules
    assert as_us.exit_code == 1


def test_page_without_any_line_is_flagged_once_at_the_top() -> None:
    text = (FIXTURES / "no_lines.md").read_text(encoding="utf-8")
    findings = [f for f in _linter(None).lint_text(text, "no_lines.md") if f.rule == "DOC003"]
    assert len(findings) == 1
    assert findings[0].line == 1
    assert findings[0].scope == "document"
