"""``supersedes``: where a more specific rule and a general one flag the same words, the writer sees one finding."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MEDLINT = Path(sys.executable).with_name("medlint")

GENERAL = """\
id: HSE001
name: general-claim
kind: existence
category: efficacy
message: "'{match}' is a claim."
params:
  tokens: [works wonders, heals]
"""

SPECIFIC = """\
id: HSE002
name: specific-claim
kind: existence
category: efficacy
message: "'{match}' is a wonder claim."
supersedes: [HSE001]
params:
  tokens: [works wonders]
"""


def project(root: Path, specific: str = SPECIFIC) -> Path:
    rules = root / "house"
    rules.mkdir()
    (rules / "HSE001.yml").write_text(GENERAL, encoding="utf-8")
    (rules / "HSE002.yml").write_text(specific, encoding="utf-8")
    (root / ".medlint.yml").write_text("rulesets: [./house]\ncache: false\n", encoding="utf-8")
    (root / "page.md").write_text("This tea works wonders.\n\nThe balm heals.\n", encoding="utf-8")
    return root


def check(cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [str(MEDLINT), "check", "--format", "json", "page.md"]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_the_specific_finding_replaces_the_general_one_where_they_overlap(tmp_path: Path) -> None:
    result = check(project(tmp_path))
    found = [(item["line"], item["rule"]) for item in json.loads(result.stdout)["findings"]]
    assert found == [(1, "HSE002"), (3, "HSE001")]  # the general rule still fires where it stands alone


def test_without_supersedes_both_rules_report(tmp_path: Path) -> None:
    result = check(project(tmp_path, SPECIFIC.replace("supersedes: [HSE001]\n", "")))
    found = [(item["line"], item["rule"]) for item in json.loads(result.stdout)["findings"]]
    assert found == [(1, "HSE001"), (1, "HSE002"), (3, "HSE001")]


def test_a_misspelt_rule_id_is_an_error_naming_the_file(tmp_path: Path) -> None:
    result = check(project(tmp_path, SPECIFIC.replace("[HSE001]", "[HSE01]")))
    assert result.returncode == 2
    assert "HSE002.yml" in result.stderr and "supersedes unknown rule 'HSE01'" in result.stderr
    assert "HSE001" in result.stderr  # the suggestion


def test_a_malformed_list_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    result = check(project(tmp_path, SPECIFIC.replace("[HSE001]", "{rule: HSE001}")))
    assert result.returncode == 2
    assert "HSE002.yml:6:" in result.stderr and "list of rule ids" in result.stderr


def test_a_quoted_customer_story_is_one_testimonial_finding(tmp_path: Path) -> None:
    page = tmp_path / "story.md"
    page.write_text('"After two drips my joint pain was gone," wrote one client.\n', encoding="utf-8")
    result = subprocess.run([str(MEDLINT), "check", "--format", "json", "--no-cache", str(page)], capture_output=True)
    rules = [item["rule"] for item in json.loads(result.stdout)["findings"] if item["category"] == "testimonial"]
    assert rules == ["TST003"]


def test_explain_says_what_a_rule_supersedes() -> None:
    result = subprocess.run([str(MEDLINT), "explain", "TST003"], capture_output=True, text=True, check=False)
    assert "Supersedes TST002: where both flag the same words, only TST003 reports." in result.stdout
