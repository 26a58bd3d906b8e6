"""Which words a match needs, as an and/or tree: the prefilter's sharper test.

A flat literal set (:func:`medlint.checks.prefilter.required_literals`)
keeps one word list per pattern: for ``helps? (?:people|patients) struggling``
that is "help", found in many sentences that cannot match. Every match also
contains "people" or "patients", and "struggling". This module keeps all of
that: a concatenation needs each of its parts (*all*), an alternation one of
its branches (*any*), and a leaf is a set of words of which one must occur.

Evaluated against the words present in each sentence, the tree rules out
every sentence a match cannot fit in, so far fewer sentences reach the
regex engine; it never rules out one that can (each leaf is a string that
every match of its node contains), so results do not change.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any, TypeAlias

MIN_LITERAL = 3
"""Shorter words occur nearly everywhere; a part that needs only them is treated as needing nothing."""

MAX_WORDS = 2048
"""Past this many distinct words, looking each up costs more than it saves."""

Tree: TypeAlias = "frozenset[str] | tuple[str, tuple[Tree, ...]]"
"""A leaf (one of these words) or ``("all", parts)`` / ``("any", branches)``."""


def tree_from_parse(items: Sequence[tuple[Any, Any]]) -> Tree | None:
    """The requirement tree of a stdlib-parsed pattern, or None when a match needs no known word."""
    tree = _sequence(items)
    if tree is None or len(words_of(tree)) > MAX_WORDS:
        return None
    return tree


def words_of(tree: Tree) -> frozenset[str]:
    """Every word in the tree's leaves."""
    if isinstance(tree, frozenset):
        return tree
    return frozenset().union(*(words_of(child) for child in tree[1]))


class WordIndex:
    """Where each three-letter sequence of a case-folded text starts: finds any word in one lookup.

    Built once per text and shared by every rule (:func:`word_index`); a
    word absent from the page costs one dict miss instead of a scan of it.
    """

    def __init__(self, folded: str) -> None:
        self.folded = folded
        grams: defaultdict[str, list[int]] = defaultdict(list)
        for position in range(len(folded) - MIN_LITERAL + 1):
            grams[folded[position : position + MIN_LITERAL]].append(position)
        self.grams = dict(grams)

    def positions(self, word: str) -> list[int]:
        """Every start of ``word`` (at least ``MIN_LITERAL`` long) in the text."""
        starts = self.grams.get(word[:MIN_LITERAL], ())
        if len(word) == MIN_LITERAL:
            return list(starts)
        return [position for position in starts if self.folded.startswith(word, position)]

    def contains(self, word: str) -> bool:
        """True when ``word`` occurs in the text."""
        starts = self.grams.get(word[:MIN_LITERAL])
        if not starts:
            return False
        return len(word) == MIN_LITERAL or any(self.folded.startswith(word, position) for position in starts)


@lru_cache(maxsize=4)
def word_index(folded: str) -> WordIndex:
    """The :class:`WordIndex` of ``folded`` (the same page is asked about by every rule)."""
    return WordIndex(folded)


def holds(tree: Tree, folded: str) -> bool:
    """True when ``folded`` contains what the tree needs (so a match may exist)."""
    return _holds(tree, word_index(folded))


def _holds(tree: Tree, index: WordIndex) -> bool:
    if isinstance(tree, frozenset):
        return any(index.contains(word) for word in tree)
    test = all if tree[0] == "all" else any
    return test(_holds(child, index) for child in tree[1])


def spans_holding(tree: Tree, folded: str, starts: Sequence[int], ends: Sequence[int]) -> set[int]:
    """Indexes of the sorted, disjoint spans ``[starts[i], ends[i])`` that contain what the tree needs."""
    index = word_index(folded)
    where = {word: _spans_with(word, index, starts, ends) for word in words_of(tree)}
    return _evaluate(tree, where)


def _spans_with(word: str, index: WordIndex, starts: Sequence[int], ends: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for position in index.positions(word):
        span = bisect_right(starts, position) - 1
        if span >= 0 and position + len(word) <= ends[span]:
            found.add(span)
    return found


def _evaluate(tree: Tree, where: dict[str, set[int]]) -> set[int]:
    if isinstance(tree, frozenset):
        return set().union(*(where[word] for word in tree))
    if tree[0] == "any":
        return set().union(*(_evaluate(child, where) for child in tree[1]))
    result: set[int] | None = None
    for child in tree[1]:
        found = _evaluate(child, where)
        result = found if result is None else result & found
        if not result:
            return set()
    return result or set()


def to_json(tree: Tree) -> list[Any]:
    """A JSON-ready form: ``["words", [...]]`` or ``["all"|"any", [children]]``."""
    if isinstance(tree, frozenset):
        return ["words", sorted(tree)]
    return [tree[0], [to_json(child) for child in tree[1]]]


def from_json(data: Any) -> Tree:
    """The tree :func:`to_json` wrote (ValueError when ``data`` is not one)."""
    if not isinstance(data, list) or len(data) != 2 or not isinstance(data[1], list):
        raise ValueError("not a requirement tree")
    kind, items = data
    if kind == "words":
        return frozenset(str(item) for item in items)
    if kind not in ("all", "any"):
        raise ValueError("not a requirement tree")
    return (str(kind), tuple(from_json(item) for item in items))


def _sequence(items: Iterable[tuple[Any, Any]]) -> Tree | None:
    """A concatenation needs every part that needs something (runs of literals joined into one word)."""
    parts: list[Tree] = []
    run: list[str] = []
    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        _flush(run, parts)
        found = _item(op, value)
        if found is not None:
            parts.append(found)
    _flush(run, parts)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ("all", tuple(parts))


def _flush(run: list[str], parts: list[Tree]) -> None:
    if len(run) >= MIN_LITERAL:
        parts.append(frozenset({"".join(run).casefold()}))
    run.clear()


def _item(op: Any, value: Any) -> Tree | None:
    """What one syntax node needs of every match, or None."""
    if op is sre.SUBPATTERN:
        return _sequence(value[-1])
    if op is sre.ATOMIC_GROUP:
        return _sequence(value)
    if op is sre.BRANCH:
        return _alternation([_sequence(branch) for branch in value[1]])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, body = value
        return _sequence(body) if low >= 1 else None
    return None  # classes, anchors, lookarounds, backreferences: no word required


def _alternation(branches: list[Tree | None]) -> Tree | None:
    """One branch must match: None if any branch needs nothing; plain word sets merge into one leaf."""
    if any(branch is None for branch in branches):
        return None
    words: set[str] = set()
    others: list[Tree] = []
    for branch in branches:
        assert branch is not None
        if isinstance(branch, frozenset):
            words |= branch
        elif branch[0] == "any":
            others.extend(branch[1])
        else:
            others.append(branch)
    if words:
        others.insert(0, frozenset(words))
    return others[0] if len(others) == 1 else ("any", tuple(others))
