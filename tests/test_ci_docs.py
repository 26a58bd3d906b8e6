"""The examples in docs/ci.md work: the YAML parses, and every ``medlint check`` line in it runs."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ci_support import CI_FIXTURES, make_workspace, medlint

DOC = Path(__file__).resolve().parents[1] / "docs" / "ci.md"
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def blocks(language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(DOC.read_text(encoding="utf-8")) if lang == language]


def check_commands() -> list[str]:
    found: list[str] = []
    for body in blocks("yaml") + blocks("sh"):
        text = body.replace(">\n", " ").replace("\n          ", " ")
        found += [match.split("|")[0].split("#")[0].strip() for match in re.findall(r"medlint check[^\n]*", text)]
    return found


def test_yaml_examples_parse() -> None:
    examples = blocks("yaml")
    assert len(examples) >= 4
    for body in examples:
        assert yaml.safe_load(body)


def test_precommit_snippet_is_a_valid_config(tmp_path: Path) -> None:
    [snippet] = [body for body in blocks("yaml") if "repos:" in body]
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(snippet, encoding="utf-8")
    pre_commit = Path(sys.executable).with_name("pre-commit")
    result = subprocess.run([str(pre_commit), "validate-config", str(config)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("command", check_commands())
def test_documented_command_runs(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = make_workspace(tmp_path, monkeypatch)
    (workspace / "content").mkdir()
    shutil.copy(CI_FIXTURES / "risky.md", workspace / "content" / "risky.md")
    args = shlex.split(command)[1:]
    if "--baseline" in args and "--write-baseline" not in args:
        medlint(*args, "--write-baseline")
    result = medlint(*args)
    assert result.exit_code in (0, 1), result.stderr
    if "--output" in args:
        assert (workspace / args[args.index("--output") + 1]).stat().st_size > 0
