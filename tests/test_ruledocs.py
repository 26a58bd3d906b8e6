"""The rule reference page: generated from the rule files and kept in sync with docs/rules.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.api import Linter
from medlint.cli import cli
from medlint.config import Config
from medlint.ruledocs import builtin_reference, render_markdown

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "rules.md"


def test_docs_rules_md_is_in_sync_with_the_rules() -> None:
    committed = DOCS.read_text(encoding="utf-8")
    assert committed == builtin_reference(), "docs/rules.md is stale: run `python docs/generate.py`"


def test_reference_documents_every_rule_with_all_fields() -> None:
    rules = Linter.create(Config()).rules
    page = render_markdown(rules)
    assert page.startswith("# Rule reference")
    assert "## Severity policy" in page
    for rule in rules:
        section = page.split(f"\n## {rule.id}\n", 1)[1].split("\n## ", 1)[0]
        assert f"`{rule.name}`" in section
        assert f"category **{rule.category}**" in section
        assert f"severity **{rule.severity.value}**" in section
        assert "**What it flags.**" in section and "**Why.**" in section
        assert rule.docs.example.strip().splitlines()[0] in section
        assert rule.docs.instead.strip().splitlines()[0] in section
        for reference in rule.docs.references:
            assert f"- {reference}" in section


def test_cli_prints_the_same_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no .medlint.yml here: every built-in rule is listed
    result = CliRunner().invoke(cli, ["rules", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert result.output == builtin_reference()


def test_generate_script_writes_the_page(tmp_path: Path) -> None:
    script = ROOT / "docs" / "generate.py"
    copy = tmp_path / "generate.py"
    copy.write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run([sys.executable, str(copy)], check=True, capture_output=True, cwd=tmp_path)
    assert (tmp_path / "rules.md").read_text(encoding="utf-8") == builtin_reference()
