"""``medlint test``: every rule's own cases, reported like ``vale test``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from medlint.cli import cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EMPTY_CONFIG = FIXTURES / "plugins" / "empty.yml"


@pytest.fixture(autouse=True)
def _in_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # rule files are shown relative to the working folder


def run_test(*args: str) -> Result:
    return CliRunner().invoke(cli, ["test", "--config", str(EMPTY_CONFIG), *args])


def test_a_passing_ruleset_exits_0_with_a_summary() -> None:
    result = run_test("tests/fixtures/documents/rules")
    assert result.exit_code == 0, result.output
    assert result.stdout == "All 19 cases of 4 rules passed.\n"


def test_failures_name_file_line_text_expected_and_got() -> None:
    result = run_test("tests/fixtures/selftest/failing")
    assert result.exit_code == 1
    folder = "tests/fixtures/selftest/failing"
    assert result.stdout.splitlines() == [
        f"FAIL {folder}/BAD001.yml:14: BAD001 tests.fail[1] did not fire",
        "  text:     'Nothing to see here.'",
        "  expected: BAD001 fires",
        "  got:      no BAD001 finding",
        f"FAIL {folder}/BAD001.yml:15: BAD001 tests.pass[1] fired",
        "  text:     'A miracle of a drink.'",
        "  expected: no BAD001 finding",
        "  got:      BAD001 at 1:3 on 'miracle': 'miracle' oversells.",
        f"FAIL {folder}/BAD001.yml:9: BAD001 docs.example did not fire",
        "  text:     'A wonder tonic.'",
        "  expected: BAD001 fires",
        "  got:      no BAD001 finding",
        f"FAIL {folder}/BAD002.yml:12: BAD002 tests.pass[1] fired",
        "  text:     'A miracle drink. Nothing else.'",
        "  expected: no BAD002 finding",
        "  got:      BAD002 at 1:1 on 'miracle': Claims without a warning.",
        "note: 1 rule(s) have no test cases: GOOD01",
        "4 of 9 cases failed in 2 of 3 rules.",
    ]


def test_document_rules_see_the_span_rules_of_the_run() -> None:
    # BAD002 is a require rule triggered by hype findings: its fail case only fires
    # because BAD001 runs alongside it; its first pass case has the warning.
    result = run_test("tests/fixtures/selftest/failing")
    assert "BAD002 tests.fail[0]" not in result.stdout
    assert "BAD002 tests.pass[0]" not in result.stdout


def test_plugin_rulesets_are_tested_by_name() -> None:
    result = run_test("--plugin", "local_plugin", "local")
    assert result.exit_code == 0, result.output
    assert result.stdout == "All 4 cases of 1 rules passed.\n"


def test_without_arguments_every_loaded_rule_is_tested(tmp_path: Path) -> None:
    config = tmp_path / "medlint.yml"
    config.write_text(
        json.dumps({"rulesets": [str(FIXTURES / "documents" / "rules"), str(FIXTURES / "plugins" / "local_rules")]}),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["test", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "All 23 cases of 5 rules passed.\n"


def test_an_unknown_ruleset_is_a_usage_error() -> None:
    result = run_test("no-such-ruleset")
    assert result.exit_code == 2
    assert "'no-such-ruleset' is neither a known ruleset" in result.stderr
