"""The result cache: reused for unchanged files, rebuilt when anything that matters changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "scale"
CLAIM = "# Drips\n\nOur drip cures tiredness in one visit.\n"
CLEAN = "# Drips\n\nSome people feel less tired after a drip; results vary. This is not medical advice.\n"


@pytest.fixture
def project(scale_project: Callable[[Mapping[str, str]], Path]) -> Path:
    """A content folder with the fixture ruleset, a config and two pages; the working folder."""
    return scale_project({"claim.md": CLAIM, "clean.md": CLEAN})


def check(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(cli, ["check", "-f", "json", *args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


def test_a_warm_run_reports_exactly_what_the_cold_run_did(project: Path) -> None:
    cold = check("content")
    assert sorted(item["rule"] for item in cold[1]) == ["SCL001", "SCL002"]
    assert len(entries(project / ".medlint_cache")) == 2
    assert check("content") == cold
    assert check("--no-cache", "content") == cold


def test_an_unchanged_file_is_answered_from_its_entry(project: Path) -> None:
    check("content")
    for entry in entries(project / ".medlint_cache"):
        data = json.loads(entry.read_text())
        for finding in data["findings"]:
            finding["message"] = "answered from the cache"
        entry.write_text(json.dumps(data))
    _code, findings = check("content")
    assert {item["message"] for item in findings} == {"answered from the cache"}
    _code, fresh = check("--no-cache", "content")
    assert "answered from the cache" not in {item["message"] for item in fresh}


def test_an_edited_file_is_linted_again(project: Path) -> None:
    check("content")
    (project / "content" / "clean.md").write_text(CLEAN + "\nThis balm eliminates scars.\n", encoding="utf-8")
    _code, findings = check("content")
    assert sorted((Path(str(item["path"])).name, str(item["rule"])) for item in findings) == [
        ("claim.md", "SCL001"),
        ("claim.md", "SCL002"),
        ("clean.md", "SCL001"),
    ]


def test_config_and_rule_changes_are_never_answered_from_stale_entries(project: Path) -> None:
    check("content")
    (project / ".medlint.yml").write_text("rulesets: [./rules]\nrules: {SCL001: {severity: info}}\n")
    _code, findings = check("content")
    assert {item["rule"]: item["severity"] for item in findings}["SCL001"] == "info"
    rule = project / "rules" / "SCL001.yml"
    rule.write_text(rule.read_text().replace("promises an outcome", "claims a sure result"))
    _code, findings = check("content")
    assert {item["rule"]: item["message"] for item in findings}["SCL001"] == "'cures' claims a sure result."


def test_a_corrupt_entry_is_ignored_and_rebuilt(project: Path) -> None:
    cold = check("content")
    for entry in entries(project / ".medlint_cache"):
        entry.write_bytes(b"\x00not json")
    assert check("content") == cold
    for entry in entries(project / ".medlint_cache"):
        assert json.loads(entry.read_text())["format"] == "1"


def test_no_cache_writes_nothing(project: Path) -> None:
    check("--no-cache", "content")
    assert not (project / ".medlint_cache").exists()


def test_cache_false_in_the_config_turns_it_off(project: Path) -> None:
    (project / ".medlint.yml").write_text("rulesets: [./rules]\ncache: false\n")
    check("content")
    assert not (project / ".medlint_cache").exists()


def test_the_folder_comes_from_the_environment_then_the_config(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / ".medlint.yml").write_text("rulesets: [./rules]\ncache-dir: build/lint-cache\n")
    check("content")
    assert len(entries(project / "build" / "lint-cache")) == 2
    elsewhere = tmp_path_factory.mktemp("shared-cache")
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(elsewhere))
    check("content")
    assert len(entries(elsewhere)) == 2
    assert (elsewhere / "CACHEDIR.TAG").is_file()
    assert (elsewhere / ".gitignore").read_text().strip().endswith("*")


def test_two_runs_sharing_a_cache_at_once_both_get_full_results(project: Path) -> None:
    pages = project / "content"
    for number in range(60):
        text = CLAIM if number % 2 else CLEAN
        (pages / f"page-{number:02d}.md").write_text(text + f"\nPage {number}.\n", encoding="utf-8")
    command = [sys.executable, "-m", "medlint", "check", "-f", "json", "--jobs", "2", "content"]
    env = {**os.environ, "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    runs = [subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [json.loads(run.communicate(timeout=120)[0])["findings"] for run in runs]
    assert outputs[0] == outputs[1]
    assert len([item for item in outputs[0] if item["rule"] == "SCL001"]) == 31
    assert not list((project / ".medlint_cache").rglob(".tmp-*"))
    assert len(entries(project / ".medlint_cache")) == 62
