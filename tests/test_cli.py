"""The ``check``/``rules``/``explain`` commands as a user runs them: output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import cli

SAMPLE_RULES = Path(__file__).resolve().parent / "fixtures" / "rules" / "good"
RISKY = "# A Miracle Drip\n\nOur drip cures fatigue.\nYou feel it within minutes.\n"
CLEAN = "# Hydration\n\nDrinking water matters. This is not medical advice.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".medlint.yml").write_text(f"rulesets: ['{SAMPLE_RULES.as_posix()}']\n", encoding="utf-8")
    (tmp_path / "risky.md").write_text(RISKY, encoding="utf-8")
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def run(project: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "medlint", *args], cwd=project, capture_output=True, text=True, input=stdin,
        env={"PATH": "", "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1", "NO_COLOR": "1"},
    )  # fmt: skip


def test_risky_page_prints_gnu_lines_and_exits_1(project: Path) -> None:
    proc = run(project, "check", "risky.md")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[:4] == [
        "risky.md:1:3: warning: The page makes claims but has no medical disclaimer. [SAM004]",
        "risky.md:1:5: info: 'Miracle' is hype. [SAM002]",
        "risky.md:3:10: error: 'cures' presents an outcome as certain. [SAM001]",
        "risky.md:4:13: warning: 'within minutes' promises speed. [SAM003]",
    ]
    assert lines[-1] == "Found 4 problems (1 error, 2 warnings, 1 info) in 1 file."


def test_clean_page_exits_0(project: Path) -> None:
    proc = run(project, "check", "clean.md")
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip() == "Found 0 problems (0 errors, 0 warnings, 0 info) in 1 file."


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("none", 0), ("info", 1)])
def test_fail_on(project: Path, fail_on: str, code: int) -> None:
    assert run(project, "check", "--fail-on", fail_on, "risky.md").returncode == code


def test_fail_on_error_passes_with_only_warnings(project: Path) -> None:
    proc = run(project, "check", "--fail-on", "error", "--ignore", "SAM001", "risky.md")
    assert proc.returncode == 0
    assert "SAM003" in proc.stdout


def test_select_and_ignore_by_id_prefix_and_category(project: Path) -> None:
    only_hype = run(project, "check", "--select", "hype", "--format", "json", "risky.md")
    assert {f["rule"] for f in json.loads(only_hype.stdout)["findings"]} == {"SAM002"}
    ignored = run(project, "check", "--ignore", "SAM002,speed", "--format", "json", "risky.md")
    assert {f["rule"] for f in json.loads(ignored.stdout)["findings"]} == {"SAM001", "SAM004"}
    specific_wins = run(project, "check", "--select", "SAM00", "--ignore", "speed", "--format", "json", "risky.md")
    assert "SAM003" in {f["rule"] for f in json.loads(specific_wins.stdout)["findings"]}


def test_json_contract(project: Path) -> None:
    proc = run(project, "check", "--format", "json", "risky.md")
    findings = json.loads(proc.stdout)["findings"]
    cure = next(f for f in findings if f["rule"] == "SAM001")
    keys = ("path", "category", "severity", "line", "column", "end_line", "end_column", "scope")
    assert {k: cure[k] for k in keys} == {
        "path": "risky.md", "category": "efficacy", "severity": "error",
        "line": 3, "column": 10, "end_line": 3, "end_column": 15, "scope": "span",
    }  # fmt: skip
    document = next(f for f in findings if f["rule"] == "SAM004")
    assert document["scope"] == "document"


def test_folder_walk_uses_include_globs_and_sorts(project: Path) -> None:
    (project / "notes.py").write_text("cures = 1\n")
    sub = project / "sub"
    sub.mkdir()
    (sub / "page.html").write_text("<p>It cures colds.</p>\n")
    proc = run(project, "check", "--format", "json", ".")
    paths = [f["path"] for f in json.loads(proc.stdout)["findings"]]
    assert paths == sorted(paths)
    assert {Path(p).name for p in paths} == {"risky.md", "page.html"}


def test_stdin_with_filename(project: Path) -> None:
    proc = run(project, "check", "--stdin-filename", "post.html", "-", stdin="<p>It <b>cures</b> colds.</p>")
    assert proc.returncode == 1
    assert "post.html:1:10: error: 'cures' presents an outcome as certain. [SAM001]" in proc.stdout.splitlines()


def test_output_file_and_quiet(project: Path) -> None:
    proc = run(project, "check", "-q", "--output", "report.txt", "risky.md")
    assert proc.returncode == 1
    assert proc.stdout == ""
    report = (project / "report.txt").read_text()
    assert "SAM001" in report and "Found" not in report


def test_no_color_when_not_a_tty_and_forced_color(project: Path) -> None:
    assert "\x1b[" not in run(project, "check", "risky.md").stdout
    assert "\x1b[" in run(project, "check", "--color", "risky.md").stdout


def test_config_rules_override_and_off(project: Path) -> None:
    config = project / ".medlint.yml"
    config.write_text(config.read_text() + "rules:\n  SAM002: {severity: error}\n  SAM003: off\n")
    findings = json.loads(run(project, "check", "--format", "json", "risky.md").stdout)["findings"]
    assert {f["rule"]: f["severity"] for f in findings} == {"SAM001": "error", "SAM002": "error", "SAM004": "warning"}


def test_per_file_ignores(project: Path) -> None:
    config = project / ".medlint.yml"
    config.write_text(config.read_text() + "per-file-ignores:\n  'risky.md': [disclaimer, SAM002]\n")
    findings = json.loads(run(project, "check", "--format", "json", "risky.md").stdout)["findings"]
    assert {f["rule"] for f in findings} == {"SAM001", "SAM003"}


def test_no_paths_is_a_usage_error(project: Path) -> None:
    proc = run(project, "check")
    assert proc.returncode == 2
    assert "give at least one path" in proc.stderr


def test_rules_lists_source_and_json(project: Path) -> None:
    text = run(project, "rules").stdout
    assert any(line.startswith("SAM001") and "efficacy" in line and "sample" in line for line in text.splitlines())
    rows = json.loads(run(project, "rules", "--format", "json").stdout)["rules"]
    assert {row["id"] for row in rows} == {"SAM001", "SAM002", "SAM003", "SAM004", "SAM005"}


def test_explain_prints_docs_and_unknown_rule_suggests(project: Path) -> None:
    proc = run(project, "explain", "sam001")
    assert proc.returncode == 0
    assert "SAM001 sample-cure-claim" in proc.stdout and "Instead:" in proc.stdout
    missing = run(project, "explain", "SAM01")
    assert missing.returncode == 2
    assert "no rule 'SAM01'" in missing.stderr


def test_version_and_module_entry(project: Path) -> None:
    from medlint import __version__

    proc = run(project, "--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith(f"medlint {__version__}")


def test_help_documents_exit_codes() -> None:
    result = CliRunner().invoke(cli, ["check", "--help"])
    assert "2  usage, config, rule, plugin or I/O error" in result.output


def test_progress_bar_only_on_a_terminal_for_long_runs(project: Path) -> None:
    import shutil

    pages = project / "many"
    pages.mkdir()
    for number in range(210):
        (pages / f"p{number}.md").write_text(f"Page {number} cures colds.\n")
    piped = run(project, "check", "--no-cache", "many")
    assert piped.returncode == 1 and "Linting" not in piped.stderr
    if shutil.which("script") is None:
        pytest.skip("util-linux 'script' is needed to give medlint a terminal")
    command = f"{sys.executable} -m medlint check --no-cache many > /dev/null"
    on_tty = subprocess.run(
        ["script", "-qec", command, "/dev/null"], cwd=project, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1", "NO_COLOR": "1"},
    )  # fmt: skip
    assert "Linting" in on_tty.stdout and "100%" in on_tty.stdout
