r"""Run a pattern only where a match can start: at the words every match begins with.

Most rule patterns begin with a word list (``(?<![\w-])(?:cures?|guarantee...)``).
The ``regex`` engine cannot skip ahead to those words: it tries the pattern,
lookbehinds first, at every position of the text, which for the long
alternations of health-claim rules runs at one or two MB/s. The page's
Aho-Corasick pass (:mod:`medlint.checks.requirements`) already knows where
every rule word occurs. :func:`prefix_literals` reads from a pattern's syntax
tree the set of words one of which every match *starts with* (after
zero-width assertions only), and :func:`finditer` then calls ``match`` at
those offsets alone, in ascending order, skipping offsets inside the
previous match: the same matches ``finditer`` would find, since each of its
matches starts at one of those offsets and is what ``match`` returns there.

Where that set cannot be read with certainty (no leading word of at least
three letters, syntax of the ``regex`` module only, ``\G``, case folding that
changes lengths) the pattern is scanned as before.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

import regex

from medlint.checks.prefilter import fold, literal_key, parsed_pattern, required_literals, requirement_tree
from medlint.checks.requirements import VOCABULARY, folded_literal, word_index, words_of

_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
MIN_PREFIX = 2
"""Two letters ("no", "in") still leave far fewer offsets to try than a scan of every position."""
_DIGITS = frozenset("0123456789")
WHITESPACE = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
)
"""Every character ``\\s`` matches in the ``regex`` module, and a few more (a test checks the superset)."""
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


_REMEMBERED: dict[str, frozenset[str] | None] = {}
"""Prefix sets read from the rule memo (:mod:`medlint.rules.memo`), keyed by :func:`literal_key`."""


def remember_prefixes(known: Mapping[str, Iterable[str] | None]) -> None:
    """Take prefix sets computed by an earlier run, saving a parse of every pattern at start-up."""
    _REMEMBERED.update((key, None if value is None else frozenset(value)) for key, value in known.items())


@lru_cache(maxsize=4096)
def prefix_literals(pattern: regex.Pattern[str]) -> frozenset[str] | None:
    """Case-folded words one of which every match of ``pattern`` starts with, or None when unknown."""
    key = literal_key(pattern)
    if key in _REMEMBERED:
        return _REMEMBERED[key]
    if "\\G" in pattern.pattern:
        return None
    parsed = parsed_pattern(pattern)
    if parsed is None:
        return None
    found = _prefixes(list(parsed))
    return frozenset(found) if found else None


def _prefixes(items: Sequence[tuple[Any, Any]], minimum: int = MIN_PREFIX) -> set[str] | None:
    """The strings, ``minimum`` characters or longer, one of which every match of ``items`` starts with."""
    index = 0
    while index < len(items) and items[index][0] in _ZERO_WIDTH:
        index += 1
    if index == len(items):
        return None  # an empty match is possible: no word starts it
    op, value = items[index]
    rest = list(items[index + 1 :])
    if op is sre.LITERAL:
        return _literal_run(items, index, minimum)
    if op is sre.IN and value == [(sre.CATEGORY, sre.CATEGORY_DIGIT)]:
        return set(_DIGITS)  # ASCII digits: pages with other scripts' digits are scanned instead
    if op is sre.IN and value == [(sre.CATEGORY, sre.CATEGORY_SPACE)] and minimum <= 1:
        return set(WHITESPACE)  # only to finish a short word: "a" + any space
    if op is sre.SUBPATTERN:
        return _prefixes(list(value[-1]) + rest, minimum)
    if op is sre.ATOMIC_GROUP:
        return _prefixes(list(value) + rest, minimum)
    if op is sre.BRANCH:
        return _union(_prefixes(list(branch) + rest, minimum) for branch in value[1])
    if op in _REPEATS:
        low, _high, body = value
        if low >= 1:
            return _prefixes(list(body) + rest, minimum)
        return _union([_prefixes(list(body) + rest, minimum), _prefixes(rest, minimum)])
    return None


def _literal_run(items: Sequence[tuple[Any, Any]], index: int, minimum: int) -> set[str] | None:
    """The run of literal characters at ``index``; a run too short is completed by what can follow it."""
    run: list[str] = []
    while index < len(items) and items[index][0] is sre.LITERAL:
        run.append(chr(items[index][1]))
        index += 1
    word = folded_literal(run)
    if word is None:
        return None
    if len(word) >= minimum:
        return {word}
    following = _prefixes(items[index:], minimum - len(word)) if index < len(items) else None
    return None if following is None else {word + tail for tail in following}


def _union(options: Any) -> set[str] | None:
    merged: set[str] = set()
    for option in options:
        if option is None:
            return None
        merged |= option
    return merged


def finditer(
    pattern: regex.Pattern[str], text: str, start: int = 0, end: int | None = None, timeout: float | None = None
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text, start, end)``, trying only offsets where a match can start when known."""
    end = len(text) if end is None else end
    starts = _candidate_starts(pattern, text)
    if starts is None:
        yield from pattern.finditer(text, start, end, timeout=timeout)
        return
    position = bisect.bisect_left(starts, start)
    resume = start
    deadline = None if timeout is None else time.monotonic() + timeout  # one budget, as for one scan
    while position < len(starts):
        offset = starts[position]
        position += 1
        if offset >= end:
            return
        if offset < resume:
            continue
        found = pattern.match(text, offset, end, timeout=_left(deadline))
        if found is not None:
            yield found
            resume = max(found.end(), offset + 1)


def _left(deadline: float | None) -> float | None:
    """Seconds left before ``deadline`` (None: no limit); TimeoutError once it has passed, as ``regex`` raises."""
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("regex timed out")
    return left


def search(
    pattern: regex.Pattern[str], text: str, start: int = 0, end: int | None = None, timeout: float | None = None
) -> regex.Match[str] | None:
    """``pattern.search(text, start, end)`` through :func:`finditer`."""
    return next(finditer(pattern, text, start, end, timeout), None)


def _candidate_starts(pattern: regex.Pattern[str], text: str) -> Sequence[int] | None:
    prefixes = prefix_literals(pattern)
    if prefixes is None:
        return None
    folded = fold(text)
    if folded is None or (prefixes & _DIGITS and _other_digits(text)):
        return None
    VOCABULARY.ensure(prefixes)
    return word_index(folded).starts_of(prefixes)


_OTHER_DIGIT = regex.compile(r"(?![0-9])\d")
"""``regex``'s own digits: its Unicode tables are newer than the stdlib's (Kawi digits are ``\\d`` to it only)."""


@lru_cache(maxsize=16)
def _other_digits(text: str) -> bool:
    """True when ``text`` has a digit outside 0-9 (Arabic-Indic, Devanagari...), where a digit class could start."""
    return not text.isascii() and _OTHER_DIGIT.search(text) is not None


def prime(patterns: Iterable[regex.Pattern[str]]) -> None:
    """Put every word the prefilters of ``patterns`` look for into the page automaton at once.

    One build instead of one per rule met on the first page (each build takes
    milliseconds, and a one-page run would pay them all).
    """
    words: set[str] = set()
    for pattern in patterns:
        for found in (required_literals(pattern), prefix_literals(pattern)):
            if found is not None:
                words |= found
        tree = requirement_tree(pattern)
        if tree is not None:
            words |= words_of(tree)
    VOCABULARY.ensure(frozenset(words))
