"""Every built-in rule keeps the prefilters that let it skip most sentences.

One token written so that no word is required of every match (a leading
``[\\w-]+``, or only two-letter words such as "up to") switches the sentence
prefilter off for its whole rule, and one token that can start with any
word switches off anchored matching: the rule then runs at every position
of every page, and the whole run gets slower by a large factor with no
finding changed. Rules are widened often; this keeps that from slipping in.
"""

from __future__ import annotations

import pytest

from medlint.api import Linter
from medlint.checks.anchored import prefix_literals
from medlint.checks.prefilter import requirement_tree
from medlint.config import Config
from medlint.rules.model import Rule

UNANCHORED = frozenset({"EFF004", "TST001", "TST002", "TST003"})
"""Rules with a ``\\G`` pattern (a quote or a sentence start): they cannot be anchored on their first words."""

NO_SENTENCE_WORDS = frozenset({"TST003"})
"""A quoted story needs no particular word; its rule is small."""

RULES = [rule for rule in Linter.create(Config(cache=False)).rules if rule.check.scanned_patterns()]


def main_pattern(rule: Rule) -> object:
    return rule.check.scanned_patterns()[0]


def existence_rules(leaving_out: frozenset[str]) -> list[Rule]:
    return [rule for rule in RULES if rule.kind == "existence" and rule.id not in leaving_out]


def test_the_rules_left_out_below_exist() -> None:
    """The exemptions name real rules (a renamed rule would otherwise slip out of both checks)."""
    assert {rule.id for rule in RULES} >= UNANCHORED | NO_SENTENCE_WORDS


@pytest.mark.parametrize("rule", existence_rules(NO_SENTENCE_WORDS), ids=lambda rule: rule.id)
def test_each_rule_needs_words_a_sentence_must_hold(rule: Rule) -> None:
    assert requirement_tree(main_pattern(rule)) is not None, f"{rule.id}: a token requires no word of 3+ letters"


@pytest.mark.parametrize("rule", existence_rules(UNANCHORED), ids=lambda rule: rule.id)
def test_each_rule_starts_its_matches_on_known_words(rule: Rule) -> None:
    assert prefix_literals(main_pattern(rule)) is not None, f"{rule.id}: a token can start with any word"
