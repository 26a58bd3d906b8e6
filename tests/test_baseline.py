"""``--baseline`` / ``--write-baseline``: accept today's findings, fail only on new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ci_support import make_workspace, medlint


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_workspace(tmp_path, monkeypatch)


def prepend(path: Path, text: str) -> None:
    path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")


def test_write_baseline_records_findings_and_passes(workspace: Path) -> None:
    result = medlint("check", "baseline-page.md", "--baseline", "base.json", "--write-baseline")
    assert result.exit_code == 0
    assert "wrote 3 entries to baseline base.json" in result.stderr
    data = json.loads((workspace / "base.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert {(entry["rule"], entry["match"]) for entry in data["entries"]} == {
        ("CIA001", "miracle cure"), ("CIA001", "guaranteed results"), ("CIA005", ""),
    }  # fmt: skip
    assert all("line" not in entry for entry in data["entries"])


def test_baseline_stays_clean_when_lines_above_move(workspace: Path) -> None:
    medlint("check", "baseline-page.md", "--baseline", "base.json", "--write-baseline")
    prepend(workspace / "baseline-page.md", "# A new heading\n\nA new calm paragraph.\n\nAnother one.\n\n")
    result = medlint("check", "baseline-page.md", "--baseline", "base.json")
    assert result.exit_code == 0, result.stdout
    assert "Found 0 problems" in result.stdout
    assert "3 in baseline, 0 baseline entries no longer match" in result.stdout


def test_new_claim_fails_despite_baseline(workspace: Path) -> None:
    medlint("check", "baseline-page.md", "--baseline", "base.json", "--write-baseline")
    page = workspace / "baseline-page.md"
    prepend(page, "# Moved down\n\n")
    page.write_text(page.read_text(encoding="utf-8") + "\nFeel instant relief tonight.\n", encoding="utf-8")
    result = medlint("check", "baseline-page.md", "--baseline", "base.json")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "baseline-page.md:9:6: warning: 'instant relief' claims an unrealistic speed of effect. [CIA002]"
    )
    assert "Found 1 problem " in result.stdout


def test_one_more_copy_of_a_baselined_claim_is_new(workspace: Path) -> None:
    medlint("check", "baseline-page.md", "--baseline", "base.json", "--write-baseline")
    page = workspace / "baseline-page.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAnd a second miracle cure.\n", encoding="utf-8")
    result = medlint("check", "baseline-page.md", "--baseline", "base.json", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [(item["rule"], item["line"]) for item in findings] == [("CIA001", 7)]


def test_fixed_findings_are_counted_as_stale(workspace: Path) -> None:
    medlint("check", "baseline-page.md", "--baseline", "base.json", "--write-baseline")
    page = workspace / "baseline-page.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Guaranteed results", "Good care"), encoding="utf-8")
    result = medlint("check", "baseline-page.md", "--baseline", "base.json", "--format", "json")
    assert result.exit_code == 0
    summary = json.loads(result.stdout)["summary"]
    assert (summary["baseline_matched"], summary["baseline_stale"]) == (2, 1)


def test_entries_for_files_not_linted_are_not_stale(workspace: Path) -> None:
    medlint("check", "baseline-page.md", "risky.md", "--baseline", "base.json", "--write-baseline")
    result = medlint("check", "baseline-page.md", "--baseline", "base.json", "--format", "json")
    assert json.loads(result.stdout)["summary"]["baseline_stale"] == 0


def test_missing_baseline_is_a_usage_error(workspace: Path) -> None:
    result = medlint("check", "risky.md", "--baseline", "nope.json")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "medlint: error: nope.json: baseline file not found; create it with --write-baseline"
    )


def test_corrupt_baseline_is_a_usage_error(workspace: Path) -> None:
    (workspace / "bad.json").write_text('{"version": 1,\n "entries": [\n', encoding="utf-8")
    result = medlint("check", "risky.md", "--baseline", "bad.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("medlint: error: bad.json:3: baseline is not valid JSON")
    assert "Traceback" not in result.stderr


def test_write_baseline_needs_a_file(workspace: Path) -> None:
    result = medlint("check", "risky.md", "--write-baseline")
    assert result.exit_code == 2
    assert "--write-baseline needs --baseline FILE" in result.stderr
