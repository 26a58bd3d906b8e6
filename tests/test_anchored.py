"""Prefix-anchored matching finds exactly what a plain ``finditer`` scan finds, only faster."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from medlint.api import Linter
from medlint.checks import anchored
from medlint.checks.anchored import WHITESPACE, prefix_literals
from medlint.checks.prefilter import patterns_in

CORPUS = Path(__file__).parent / "fixtures" / "corpus"

TRICKY = [
    r"(?<![\w-])(?:cures?|guaranteed?|eliminates?)(?![\w-])",
    r"(?:very\s+)?effective",
    r"\d+\s?%\s+(?:effective|success)",
    r"(?:no|zero)\s+(?:side\s+effects|downtime)",
    r"in\s+(?:just\s+)?\d+\s+(?:days?|weeks?)",
    r"(?:re)?(?:lief|start)s?",
    r"\bfeel\s+better\b",
    r"(?<![\w-])(?:a|an)\s+(?:cure|relief)",
    r"f(?:eel|ound)\s+relief",
]
WORDS = [
    *("cure", "Cures", "GUARANTEED", "no", "zero", "side effects", "downtime", "very", "effective", "in", "just"),
    *("3", "12", "٣", "%", "days", "week", "relief", "restart", "feel", "better", "-", " ", "\n", ".", "ſ", "ﬀ"),
    *("a", "an", "A", "\t", "\u00a0", "\u2028", "found", "idea"),
]


def spans(matches: object) -> list[tuple[int, int]]:
    return [match.span() for match in matches]  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.sampled_from(TRICKY), st.booleans())
def test_anchored_matches_equal_a_plain_scan(parts: list[str], source: str, ignorecase: bool) -> None:
    pattern = regex.compile(source, regex.IGNORECASE if ignorecase else 0)
    text = " ".join(parts)
    for start, end in ((0, len(text)), (len(text) // 3, len(text)), (1, max(1, len(text) - 2))):
        assert spans(anchored.finditer(pattern, text, start, end)) == spans(pattern.finditer(text, start, end))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"(?<![\w-])(?:cures?|guarantee)", {"cure", "guarantee"}),
        (r"(?:very\s+)?effective", {"very", "effective"}),
        (r"\d+%", set("0123456789")),
        (r"(?:a|an)\s+cure", {"an"} | {"a" + space for space in WHITESPACE}),  # "a" alone is too common
        (r"f(?:ound|ixes)", {"found", "fixes"}),
        (r"a[bc]", None),  # a one-letter word followed by a class: not worth looking for
        (r"\Gcure", None),
        (r"(?:x)*", None),  # can match the empty string
    ],
)
def test_prefix_words_are_the_words_every_match_starts_with(source: str, expected: set[str] | None) -> None:
    found = prefix_literals(regex.compile(source, regex.IGNORECASE))
    assert (set(found) if found is not None else None) == expected


def test_every_builtin_pattern_finds_the_same_on_the_fixture_pages() -> None:
    linter = Linter.create()
    texts = [linter.parse(path.read_text(encoding="utf-8"), path.name).masked for path in sorted(CORPUS.glob("*.md"))]
    anchored_patterns = [p for p in set(patterns_in(rule.check for rule in linter.rules)) if prefix_literals(p)]
    assert len(anchored_patterns) > 20
    compared = matched = 0
    for pattern in anchored_patterns:
        for text in texts:
            found = spans(anchored.finditer(pattern, text))
            assert found == spans(pattern.finditer(text)), pattern.pattern[:80]
            compared, matched = compared + 1, matched + len(found)
    assert compared > 100 and matched > 50


def test_a_time_limit_covers_the_whole_anchored_search_not_each_try() -> None:
    """Like one ``regex`` scan with ``timeout=``: many slow tries together still stop at the limit."""
    pattern = regex.compile(r"cure(?:x|x)*y")  # about 10 ms a try on "cure" + 16 x
    text = " ".join(["cure" + "x" * 16] * 200)  # 200 tries: about 2 s without a shared limit
    assert prefix_literals(pattern) == {"cure"}
    with pytest.raises(TimeoutError):
        list(anchored.finditer(pattern, text, timeout=0.2))


def test_the_whitespace_set_holds_every_character_backslash_s_matches() -> None:
    missing = [hex(code) for code in range(0x110000) if regex.match(r"\s", chr(code)) and chr(code) not in WHITESPACE]
    assert missing == []
