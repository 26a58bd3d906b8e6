"""A space in a rule token matches any run of whitespace; a space made optional matches none at all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

MEDLINT = Path(sys.executable).with_name("medlint")

RULE = """\
id: HSE001
name: round-the-clock
kind: existence
category: hype
message: "'{match}' is a claim."
params:
  tokens: ['{token}']
"""


def matches(tmp_path: Path, token: str, text: str) -> list[str]:
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / "HSE001.yml").write_text(RULE.replace("{token}", token), encoding="utf-8")
    (tmp_path / ".medlint.yml").write_text("rulesets: [./house]\ncache: false\n", encoding="utf-8")
    (tmp_path / "page.md").write_text(text + "\n", encoding="utf-8")
    result = subprocess.run(
        [str(MEDLINT), "check", "--format", "json", "page.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    return [item["match"] for item in json.loads(result.stdout)["findings"]]


@pytest.mark.parametrize(
    ("token", "text", "found"),
    [
        ("open 24 ?hours", "We are open 24hours a day.", ["open 24hours"]),
        ("open 24 ?hours", "We are open 24 hours a day.", ["open 24 hours"]),
        ("open 24 ?hours", "We are open 24\n  hours a day.", ["open 24\n  hours"]),
        ("open 24 hours", "We are open 24hours a day.", []),
        ("open 24 hours", "We are open 24   hours a day.", ["open 24   hours"]),
        ("open 24 *hours", "We are open 24hours a day.", ["open 24hours"]),
        ("open [ ?]hours", "We are open ?hours a day.", ["open ?hours"]),
    ],
)
def test_spaces_in_tokens(tmp_path: Path, token: str, text: str, found: list[str]) -> None:
    assert matches(tmp_path, token, text) == found
