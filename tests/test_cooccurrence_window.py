"""``cooccurrence`` with ``window``: the second term may stand in one of the next sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint.errors import RuleError
from medlint.plugins.builtin import medlint_check_kinds
from medlint.rules.loader import Ruleset, load_rule
from medlint.rules.model import Rule

RULE = """\
id: WIN001
name: window
kind: cooccurrence
category: crisis
message: "{first} ... {second}"
params:
  first: ['suicidal']
  second: ['book (?:now|today)']
  {window}
"""


def _rule(tmp_path: Path, window: str) -> Rule:
    path = tmp_path / "WIN001.yml"
    path.write_text(RULE.replace("{window}", window), encoding="utf-8")
    return load_rule(path, ruleset=Ruleset("t", tmp_path, origin="t"), kinds=medlint_check_kinds())


def _hits(rule: Rule, text: str) -> int:
    from medlint.documents import markdown
    from medlint.engine import lint_document

    return len(lint_document(markdown.parse("page.md", text), [rule]))


def test_default_window_is_the_same_sentence(tmp_path: Path) -> None:
    rule = _rule(tmp_path, "")
    assert _hits(rule, "Feeling suicidal? Book now.") == 0
    assert _hits(rule, "If you feel suicidal, book now.") == 1


def test_window_two_reaches_the_next_sentence_only(tmp_path: Path) -> None:
    rule = _rule(tmp_path, "window: 2")
    assert _hits(rule, "Feeling suicidal? Book now.") == 1
    assert _hits(rule, "Feeling suicidal? We listen. Book today.") == 0


def test_window_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="window"):
        _rule(tmp_path, "window: 0")
