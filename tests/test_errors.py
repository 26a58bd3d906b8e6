"""Bad rules and bad configs: exit 2 with one line naming file:line, the key and what to do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.cli import cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"

BAD_RULES = sorted((FIXTURES / "rules" / "bad").iterdir())
BAD_CONFIGS = sorted((FIXTURES / "configs" / "bad").glob("*.yml"))


def expected_error(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# error: "), f"{path} must start with '# error: <fragment>'"
    return first.removeprefix("# error: ")


def write_page(folder: Path) -> Path:
    page = folder / "page.md"
    page.write_text("Our drips cure fatigue.\n", encoding="utf-8")
    return page


@pytest.mark.parametrize("case", BAD_RULES, ids=[case.name for case in BAD_RULES])
def test_bad_rule_exits_2_naming_file_line_and_key(case: Path, tmp_path: Path) -> None:
    rule_file = next(case.glob("*.yml"))
    config = tmp_path / ".medlint.yml"
    config.write_text(f"rulesets: ['{case.as_posix()}']\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--config", str(config), str(write_page(tmp_path))])
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert expected_error(rule_file) in message
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", BAD_CONFIGS, ids=[case.stem for case in BAD_CONFIGS])
def test_bad_config_exits_2_naming_file_line_and_key(case: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--config", str(case), str(write_page(tmp_path))])
    assert result.exit_code == 2, result.output
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert expected_error(case) in message


def test_config_found_upward_with_unknown_key(tmp_path: Path) -> None:
    (tmp_path / ".medlint.yml").write_text("region: us\nfail_on: error\n", encoding="utf-8")
    nested = tmp_path / "content" / "posts"
    nested.mkdir(parents=True)
    page = write_page(nested)
    proc = subprocess.run(
        [sys.executable, "-m", "medlint", "check", str(page)], cwd=nested, capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert ".medlint.yml:2: unknown key 'fail_on' (did you mean \"fail-on\"?)" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_pyproject_tool_section_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname="x"\n\n[tool.medlint]\nregion = "uk"\nselect = "BOGUS"\n')
    page = write_page(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--format", "json", str(page)],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert '"findings": []' in proc.stdout


def test_pyproject_unknown_key_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname="x"\n\n[tool.medlint]\nregoin = "uk"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "medlint", "check", str(write_page(tmp_path))],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "pyproject.toml:5: unknown key 'regoin' (did you mean \"region\"?)" in proc.stderr


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--format", "sarf", str(write_page(tmp_path))])
    assert result.exit_code == 2
    assert "unknown output format 'sarf'" in result.stderr


def test_missing_path_is_reported_and_others_still_linted(tmp_path: Path) -> None:
    page = write_page(tmp_path)
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(tmp_path / "nope.md"), str(page)])
    assert result.exit_code == 2
    assert "nope.md: no such file or folder" in result.stderr
    assert '"category": "efficacy"' in result.stdout
