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

import threading
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
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


@lru_cache(maxsize=4096)
def words_of(tree: Tree) -> frozenset[str]:
    """Every word in the tree's leaves."""
    if isinstance(tree, frozenset):
        return tree
    return frozenset().union(*(words_of(child) for child in tree[1]))


class Vocabulary:
    """Every word any requirement tree asks about, in one Aho-Corasick automaton (pyahocorasick, in C).

    One pass of the automaton over a page finds every occurrence of every
    word of every rule, overlapping ones included, so the cost per page no
    longer grows with the number of rules. A tree met for the first time adds
    its words and the automaton is rebuilt (a few milliseconds, once per
    run); :attr:`version` tells page indexes built before that to rescan.
    """

    def __init__(self) -> None:
        self.words: frozenset[str] = frozenset()
        self.state: tuple[Any, int] = (None, 0)
        """The automaton and its version, swapped together so a reader never pairs one with the other's."""
        self._lock = threading.Lock()

    def ensure(self, words: frozenset[str]) -> None:
        """Make sure ``words`` are looked for on every page."""
        if words <= self.words:
            return
        import ahocorasick

        with self._lock:
            merged = self.words | words
            automaton = ahocorasick.Automaton()
            for word in merged:
                automaton.add_word(word, word)
            automaton.make_automaton()
            self.state = (automaton, self.state[1] + 1)
            self.words = merged


VOCABULARY = Vocabulary()


class WordIndex:
    """Where each vocabulary word occurs in one case-folded page, found in one automaton pass.

    Built once per page and shared by every rule (:func:`word_index`); the
    spans holding a word are worked out once per page and segmentation. The
    language server lints on several threads, and two of them may share a
    page's index: a lock keeps one from reading a word list another is still
    filling, or an older word set another has just replaced.
    """

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self.version = -1
        self.present: Counter[str] = Counter()
        self._positions: dict[str, list[int]] = {}
        self._starts: Sequence[int] | None = None
        self._ends: Sequence[int] | None = None
        self._spans: dict[str, int] = {}
        self._starts_of: dict[frozenset[str], list[int]] = {}
        self._lock = threading.RLock()

    def occurrences(self) -> Counter[str]:
        """The vocabulary words present in the page (with their counts).

        Counted in C (``Counter`` over the automaton's matches): a page has
        about a thousand word occurrences, and most rules only ask which
        words are present; offsets are looked up per word when needed.
        """
        with self._lock:
            automaton, version = VOCABULARY.state
            if self.version != version:
                found = Counter(map(itemgetter(1), automaton.iter(self.folded))) if automaton is not None else Counter()
                self.present, self.version = found, version
                self._positions, self._spans, self._starts_of = {}, {}, {}
            return self.present

    def positions(self, word: str) -> list[int]:
        """Every offset where ``word`` starts, overlapping ones included, ascending."""
        with self._lock:
            found = self._positions.get(word)
            if found is None:
                found = self._positions[word] = []
                if word in self.present:
                    position = self.folded.find(word)
                    while position >= 0:
                        found.append(position)
                        position = self.folded.find(word, position + 1)
            return found

    def starts_of(self, words: frozenset[str]) -> list[int]:
        """Every offset where one of ``words`` starts, ascending (remembered per word set)."""
        with self._lock:
            present = self.occurrences()
            found = self._starts_of.get(words)
            if found is None:
                merged: set[int] = set()
                for word in words.intersection(present):
                    merged.update(self.positions(word))
                found = self._starts_of[words] = sorted(merged)
            return found

    def spans_with(self, word: str, starts: Sequence[int], ends: Sequence[int]) -> int:
        """The spans holding ``word`` (a bit set), remembered for the page's spans: rules share many words."""
        with self._lock:
            if self._starts is not starts or self._ends is not ends:  # another segmentation: start afresh
                self._starts, self._ends, self._spans = starts, ends, {}
            found = self._spans.get(word)
            if found is None:
                found = self._spans[word] = _spans_with(word, self.positions(word), starts, ends)
            return found


@lru_cache(maxsize=64)
def word_index(folded: str) -> WordIndex:
    """The :class:`WordIndex` of ``folded`` (the same page is asked about by every rule)."""
    return WordIndex(folded)


@dataclass(frozen=True, eq=False, slots=True)
class _Node:
    """A tree node with the words below it, so a branch without any present word is skipped at once."""

    kind: str
    words: frozenset[str]
    children: tuple[_Node, ...] = ()


def _node(tree: Tree) -> _Node:
    if isinstance(tree, frozenset):
        return _Node("words", tree)
    children = tuple(_node(child) for child in tree[1])
    if tree[0] == "all":  # plain word lists first: cheapest to test, and an empty one ends the test
        children = tuple(sorted(children, key=lambda child: (child.kind != "words", len(child.words))))
    return _Node(tree[0], words_of(tree), children)


class Plan:
    """A tree made ready to test many texts."""

    def __init__(self, tree: Tree) -> None:
        self.root = _node(tree)
        VOCABULARY.ensure(self.root.words)  # once per plan: its words never change

    def spans(self, folded: str, starts: Sequence[int], ends: Sequence[int]) -> int:
        """The sorted, disjoint spans ``[starts[i], ends[i])`` holding what the tree needs, as a bit set.

        Bit ``i`` stands for span ``i``: unions and intersections of span sets
        are then single integer operations, the tree's hot path.
        """
        index = word_index(folded)
        present = self.root.words.intersection(index.occurrences())
        where: dict[str, int] = {}
        for word in present:
            found = index.spans_with(word, starts, ends)
            if found:
                where[word] = found
        return _evaluate(self.root, where) if where else 0


def bits(mask: int) -> list[int]:
    """The indexes of the set bits of ``mask``, ascending."""
    found: list[int] = []
    while mask:
        lowest = mask & -mask
        found.append(lowest.bit_length() - 1)
        mask ^= lowest
    return found


def _spans_with(word: str, positions: Iterable[int], starts: Sequence[int], ends: Sequence[int]) -> int:
    found = 0
    size = len(word)
    for position in positions:
        span = bisect_right(starts, position) - 1
        if span >= 0 and position + size <= ends[span]:
            found |= 1 << span
    return found


def _evaluate(node: _Node, where: dict[str, int]) -> int:
    """The spans (a bit set) holding what ``node`` needs; ``where`` maps each present word to its spans."""
    if node.words.isdisjoint(where):
        return 0
    found = 0
    if node.kind == "words":
        for word in node.words.intersection(where):
            found |= where[word]
        return found
    if node.kind == "any":
        for child in node.children:
            found |= _evaluate(child, where)
        return found
    found = -1
    for child in node.children:
        found &= _evaluate(child, where)
        if not found:
            return 0
    return found


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
    word = folded_literal(run) if len(run) >= MIN_LITERAL else None
    if word is not None:
        parts.append(frozenset({word}))
    run.clear()


FOLD_TRAPS = frozenset("\u017f\u212a\u212b\u0130\u0131\u03c2\u1e9e")
"""Characters whose case folding differs between ``regex`` and ``str.casefold`` (``regex`` matches "İ" with "i")."""


def folded_literal(run: Iterable[str]) -> str | None:
    """The case-folded word a pattern's literal run is looked up as, or None when folding could mislead.

    A pattern's "İlaç" folds to "i̇laç" (two characters for one), yet ``regex``
    matches it with "ilaç": a word holding such a character is no requirement.
    """
    word = "".join(run)
    return None if not FOLD_TRAPS.isdisjoint(word) else word.casefold()


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
