"""The README's quick start is true: its command prints exactly the output shown."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.MULTILINE | re.DOTALL)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def first_block(text: str) -> list[str]:
    match = re.search(r"```console\n(.*?)```", text, re.DOTALL)
    assert match
    return match.group(1).splitlines()


def test_quick_start_output_is_what_medlint_prints() -> None:
    lines = first_block(section("Quick start"))
    command, expected = lines[0], lines[1:]
    assert command == "$ medlint check examples/post.md"
    env = {**os.environ, "NO_COLOR": "1", "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "medlint", *command.split()[2:]], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert proc.stdout.splitlines() == expected
    assert proc.returncode == 1


def test_install_and_test_commands_are_what_ci_runs() -> None:
    assert first_block(section("Install")) == ["pip install ."]
    install, test = first_block(section("Development"))
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install == 'pip install -e ".[dev]"' and '-m pip install -q -e ".[dev]"' in ci
    assert test == "pytest" and "python -m pytest" in ci


def test_every_linked_doc_exists() -> None:
    for target in re.findall(r"\]\((docs/[^)#]+)", README):
        assert (ROOT / target).is_file(), target
