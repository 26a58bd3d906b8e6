"""Every built-in rule's own examples run as tests, and every rule is documented.

A rule file carries ``tests.fail`` / ``tests.pass`` texts and a
``docs.example`` / ``docs.instead`` pair; each text is linted as a whole page
with all built-in rules loaded (document rules see the page's span findings,
as they do in a real run), and only the rule's own findings are counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from medlint.api import Linter
from medlint.config import Config
from medlint.rules.model import Rule

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def linter(monkeypatch_module: pytest.MonkeyPatch) -> Linter:
    return Linter.create(Config())


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MEDLINT_DISABLE_PLUGIN_AUTOLOAD", "1")
        yield patch


def _builtin_rules() -> list[Rule]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MEDLINT_DISABLE_PLUGIN_AUTOLOAD", "1")
        return [rule for rule in Linter.create(Config()).rules if rule.source.startswith("core")]


RULES = _builtin_rules()
CASES = [
    pytest.param(rule.id, kind, text, id=f"{rule.id}-{kind}-{index}")
    for rule in RULES
    for kind, texts in (
        ("fail", rule.tests.fail),
        ("pass", rule.tests.passing),
        ("example", (rule.docs.example,)),
        ("instead", (rule.docs.instead,)),
    )
    for index, text in enumerate(texts)
]


def _own_findings(linter: Linter, rule_id: str, text: str) -> list[str]:
    return [finding.message for finding in linter.lint_text(text, "example.md") if finding.rule == rule_id]


@pytest.mark.parametrize(("rule_id", "kind", "text"), CASES)
def test_rule_example(linter: Linter, rule_id: str, kind: str, text: str) -> None:
    found = _own_findings(linter, rule_id, text)
    if kind in ("fail", "example"):
        assert found, f"{rule_id} should fire on its {kind} text: {text!r}"
    else:
        assert not found, f"{rule_id} should not fire on its {kind} text {text!r}: {found}"


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_rule_is_documented_and_tested(rule: Rule) -> None:
    docs = rule.docs
    missing = [name for name in ("what", "why", "example", "instead") if not getattr(docs, name).strip()]
    assert not missing, f"{rule.id}: docs.{', docs.'.join(missing)} missing"
    assert docs.references, f"{rule.id}: docs.references missing"
    assert rule.tests.fail, f"{rule.id}: needs at least one tests.fail text"
    assert rule.tests.passing, f"{rule.id}: needs at least one tests.pass text"
    assert rule.id == Path(rule.path).stem
    assert KEBAB.match(rule.name), f"{rule.id}: name {rule.name!r} is not kebab-case"


def test_builtin_rules_are_loaded() -> None:
    assert any(rule.id == "IND001" for rule in RULES)
