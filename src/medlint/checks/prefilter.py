"""A literal prefilter: skip a pattern where it provably cannot match.

Most rule patterns can only match text that contains one of a few words
("cur" for ``cur(?:e|es|ed|ing)``, "help" for ``helps?|helping``). Reading the
pattern once, :func:`required_literals` finds such a set: every match of the
pattern contains at least one of its strings. A plain substring test on the
case-folded text (microseconds) then tells which documents, or which
sentences, a regex scan (milliseconds) can skip without changing a result.

The set is derived conservatively from the pattern's syntax tree, using the
stdlib ``re`` parser: anything it cannot read with certainty (syntax of the
``regex`` module only, such as fuzzy matching, named lists or POSIX classes)
gets no prefilter, and the pattern simply always runs.
"""

from __future__ import annotations

import bisect
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import fields, is_dataclass
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, Protocol

import regex

from medlint.checks.lazy import LazyPattern
from medlint.checks.requirements import (
    FOLD_TRAPS,
    VOCABULARY,
    Plan,
    Tree,
    bits,
    folded_literal,
    tree_from_parse,
    word_index,
)
from medlint.documents.base import Document, Segment

MIN_LITERAL = 3
"""Shorter literals occur in nearly every text and would filter nothing."""

MAX_LITERALS = 256
"""Past this many alternatives, substring tests stop paying for themselves."""

_REGEX_ONLY = ("{e", "{i", "{s", "{d", "[[:", "(?|", "(?V", "\\L<", "\\p", "\\P", "\\N", "\\X", "\\K")
_ODD_BRACES = regex.compile(r"\{(?![0-9]+(?:,[0-9]*)?\}|,[0-9]+\})")
"""A brace opening no plain ``{m,n}`` repeat: ``x{2, 3}`` or ``{1<=e<=2}`` (fuzzy) is literal text to the stdlib."""

Literals = frozenset[str] | None


_REMEMBERED: dict[str, Literals] = {}
"""Literal sets read from the rule memo (:mod:`medlint.rules.memo`) by :func:`literal_key`."""


def literal_key(pattern: regex.Pattern[str]) -> str:
    """What decides a pattern's literal set (:func:`pattern_identity`), as one string for the memo."""
    source, flags = pattern_identity(pattern)
    return f"{flags}:{source}"


def remember_literals(known: Mapping[str, Sequence[str] | None]) -> None:
    """Take literal sets computed by an earlier run (keyed by :func:`literal_key`), saving their parse."""
    _REMEMBERED.update((key, None if value is None else frozenset(value)) for key, value in known.items())


@lru_cache(maxsize=4096)
def required_literals(pattern: regex.Pattern[str]) -> Literals:
    """Case-folded strings of which every match of ``pattern`` contains one, or None (no such set known)."""
    key = literal_key(pattern)
    if key in _REMEMBERED:
        return _REMEMBERED[key]
    return _derive_literals(pattern)


@lru_cache(maxsize=4096)
def requirement_tree(pattern: regex.Pattern[str]) -> Tree | None:
    """The and/or tree of words every match of ``pattern`` contains (see :mod:`medlint.checks.requirements`)."""
    key = literal_key(pattern)
    if key in _REMEMBERED_TREES:
        return _REMEMBERED_TREES[key]
    parsed = parsed_pattern(pattern)
    return None if parsed is None else tree_from_parse(parsed)


@lru_cache(maxsize=4096)
def requirement_plan(pattern: regex.Pattern[str]) -> Plan | None:
    """:func:`requirement_tree` made ready to test texts (None: no tree)."""
    tree = requirement_tree(pattern)
    return None if tree is None else Plan(tree)


def remember_trees(known: Mapping[str, Tree | None]) -> None:
    """Take requirement trees computed by an earlier run (keyed by :func:`literal_key`)."""
    _REMEMBERED_TREES.update(known)


_REMEMBERED_TREES: dict[str, Tree | None] = {}


@lru_cache(maxsize=4096)
def parsed_pattern(pattern: regex.Pattern[str]) -> tuple[tuple[Any, Any], ...] | None:
    """The stdlib parse of ``pattern`` (see :func:`_parse`), remembered."""
    parsed = _parse(pattern)
    return None if parsed is None else tuple(parsed)


def _parse(pattern: regex.Pattern[str]) -> list[tuple[Any, Any]] | None:
    """The stdlib parse of ``pattern``, or None when that parser could misread it."""
    source = _without_search_anchors(pattern.pattern)
    if source is None or any(marker in source for marker in _REGEX_ONLY) or _ODD_BRACES.search(source):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return list(sre_parse.parse(source, _re_flags(pattern.flags)))
    except Exception:  # any syntax the stdlib parser does not share: no prefilter
        return None


def _derive_literals(pattern: regex.Pattern[str]) -> Literals:
    tree = parsed_pattern(pattern)
    if tree is None:
        return None
    found = _sequence(list(tree))
    if found is None or not found or min(len(item) for item in found) < MIN_LITERAL or len(found) > MAX_LITERALS:
        return None
    return frozenset(found)


def _without_search_anchors(source: str) -> str | None:
    r"""``source`` with each ``\G`` (``regex``'s "where the search started") read as an empty group.

    Dropping an assertion only lets a pattern match more, so every literal the
    rewritten pattern requires, the original requires too. None when ``\G``
    stands inside a character class, where it is no anchor.
    """
    if "\\G" not in source:
        return source
    out: list[str] = []
    in_class = escaped = False
    for char in source:
        if escaped:
            escaped = False
            if char == "G":
                if in_class:
                    return None
                out[-1] = "(?:)"
                continue
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        out.append(char)
    return "".join(out)


@lru_cache(maxsize=16)
def fold(text: str) -> str | None:
    """The text the literals are looked up in, or None when case folding could mislead."""
    if not text.isascii() and any(char in FOLD_TRAPS for char in text):
        return None
    folded = text.casefold()
    return folded if len(folded) == len(text) else None


def may_match(pattern: regex.Pattern[str], folded: str | None) -> bool:
    """False only when ``pattern`` certainly has no match in the text ``folded`` came from."""
    literals = required_literals(pattern)
    if literals is None or folded is None:
        return True
    VOCABULARY.ensure(literals)
    return not literals.isdisjoint(word_index(folded).occurrences())


class LiteralIndex:
    """Which of many patterns may match a text, decided at once from the words present in it.

    :func:`may_match` per pattern costs a set test each; a catalogue of a
    hundred product and condition terms asks it a hundred times per page.
    This inverts the question: each required word lists the patterns that
    need it, and the page's present words name the candidates directly.
    """

    def __init__(self, patterns: Sequence[regex.Pattern[str]]) -> None:
        self.size = len(patterns)
        self.always: list[int] = []
        self.by_word: dict[str, list[int]] = {}
        for index, pattern in enumerate(patterns):
            literals = required_literals(pattern)
            if literals is None:
                self.always.append(index)
                continue
            for word in literals:
                self.by_word.setdefault(word, []).append(index)
        self.words = frozenset(self.by_word)
        VOCABULARY.ensure(self.words)

    def candidates(self, folded: str | None) -> Sequence[int]:
        """Indexes, ascending, of the patterns that may match the text ``folded`` came from."""
        if folded is None:
            return range(self.size)
        chosen = set(self.always)
        for word in self.words.intersection(word_index(folded).occurrences()):
            chosen.update(self.by_word[word])
        return sorted(chosen)


@lru_cache(maxsize=64)
def literal_index(patterns: tuple[regex.Pattern[str], ...]) -> LiteralIndex:
    """The :class:`LiteralIndex` of ``patterns`` (built once per catalogue)."""
    return LiteralIndex(patterns)


def patterns_in(items: Iterable[object], depth: int = 0) -> Iterator[regex.Pattern[str]]:
    """Every compiled (or lazy) pattern held in ``items``, looking through dataclasses and containers."""
    if depth > 8:
        return
    for item in items:
        if isinstance(item, (regex.Pattern, LazyPattern)):
            yield item  # type: ignore[misc]
        elif is_dataclass(item) and not isinstance(item, type):
            yield from patterns_in((getattr(item, field.name) for field in fields(item)), depth + 1)
        elif isinstance(item, (tuple, list, frozenset, set)):
            yield from patterns_in(item, depth + 1)
        elif isinstance(item, dict):
            yield from patterns_in(item.values(), depth + 1)


def candidate_spans(
    pattern: regex.Pattern[str], folded: str | None, starts: Sequence[int], ends: Sequence[int]
) -> list[int] | None:
    """Indexes of the spans ``[starts[i], ends[i])`` that hold a required literal (None: all may match).

    The spans are sorted and do not overlap (a document's sentences); a match
    confined to one span contains a literal inside that span.
    """
    if folded is None:
        return None
    plan = requirement_plan(pattern)
    if plan is not None:
        return bits(plan.spans(folded, starts, ends))
    literals = required_literals(pattern)
    if literals is None:
        return None
    hits: set[int] = set()
    for literal in literals:
        position = folded.find(literal)
        while position >= 0:
            index = bisect.bisect_right(starts, position) - 1
            if index >= 0 and position + len(literal) <= ends[index]:
                hits.add(index)
            position = folded.find(literal, position + 1)
    return sorted(hits)


_FLAG_PAIRS = tuple(
    (int(ours), int(theirs))
    for ours, theirs in (
        (regex.IGNORECASE, sre.SRE_FLAG_IGNORECASE),
        (regex.VERBOSE, sre.SRE_FLAG_VERBOSE),
        (regex.MULTILINE, sre.SRE_FLAG_MULTILINE),
        (regex.DOTALL, sre.SRE_FLAG_DOTALL),
    )
)
"""``regex`` flags that change a parse, with the stdlib's; plain ints (flag enums are slow to combine)."""


def _re_flags(flags: int) -> int:
    given = int(flags)
    chosen = 0
    for ours, theirs in _FLAG_PAIRS:
        if given & ours:
            chosen |= theirs
    return chosen


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The best literal set among the parts of a concatenation (runs of literals joined)."""
    options: list[set[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        _add_run(run, options)
        found = _item(op, value)
        if found is not None:
            options.append(found)
    _add_run(run, options)
    usable = [option for option in options if option]
    if not usable:
        return None
    return max(usable, key=lambda option: (min(len(item) for item in option), -len(option)))


def _add_run(run: list[str], options: list[set[str]]) -> None:
    word = folded_literal(run) if run else None
    if word is not None:
        options.append({word})
    run.clear()


def _item(op: Any, value: Any) -> set[str] | None:
    """The literal set one syntax node requires of every match, or None."""
    if op is sre.SUBPATTERN:
        return _sequence(list(value[-1]))
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(value))
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            found = _sequence(list(branch))
            if found is None:
                return None
            union |= found
        return union
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, body = value
        return _sequence(list(body)) if low >= 1 else None
    return None  # classes, anchors, lookarounds, backreferences: no literal required


class Oracle(Protocol):
    """A faster source of the prefilter's answers (:mod:`medlint.checks.accelerator`); None: ask the words."""

    def candidates(self, pattern: regex.Pattern[str], document: Document) -> Sequence[int] | None:
        """Indexes, ascending, of the segments in which ``pattern`` may match."""

    def may_match(self, pattern: regex.Pattern[str], text: str) -> bool | None:
        """False when ``pattern`` has no match anywhere in the page ``text``."""

    def within(self, pattern: regex.Pattern[str], text: str, start: int, end: int) -> bool | None:
        """False when ``pattern`` has no match inside ``text[start:end]`` of the page ``text``."""


ORACLES: list[Oracle] = []
"""The oracle asked before the word prefilter, if any (at most one)."""


def page_may_match(pattern: regex.Pattern[str], text: str) -> bool:
    """False only when ``pattern`` certainly has no match in the page ``text``."""
    known = ORACLES[0].may_match(pattern, text) if ORACLES else None
    return may_match(pattern, fold(text)) if known is None else known


def span_may_match(pattern: regex.Pattern[str], text: str, start: int, end: int) -> bool:
    """False only when ``pattern`` certainly has no match inside ``text[start:end]`` (True without an oracle)."""
    known = ORACLES[0].within(pattern, text, start, end) if ORACLES else None
    return True if known is None else known


def page_candidates(patterns: tuple[regex.Pattern[str], ...], text: str) -> Sequence[int]:
    """Indexes, ascending, of the ``patterns`` that may match in the page ``text``."""
    if ORACLES:
        answers = [ORACLES[0].may_match(pattern, text) for pattern in patterns]
        if None not in answers:
            return [index for index, answer in enumerate(answers) if answer]
    return literal_index(patterns).candidates(fold(text))


def pattern_identity(pattern: regex.Pattern[str]) -> tuple[str, int]:
    """What decides a pattern's matches for the prefilters: its source and the flags that change them."""
    return pattern.pattern, _re_flags(pattern.flags)


def candidate_indexes(pattern: regex.Pattern[str], document: Document) -> Sequence[int]:
    """Indexes of the document's segments in which ``pattern`` may match (all of them when unsure)."""
    known = ORACLES[0].candidates(pattern, document) if ORACLES else None
    if known is not None:
        return known
    everything = range(len(document.segments))
    ends = disjoint_ends(document)
    if ends is None:
        return everything  # overlapping segments: a literal's position does not name one segment
    chosen = candidate_spans(pattern, fold(document.masked), document.segment_starts, ends)
    return everything if chosen is None else chosen


_ENDS: dict[int, tuple[Sequence[Segment], list[int] | None]] = {}


def disjoint_ends(document: Document) -> list[int] | None:
    """The ends of the document's segments, or None when segments overlap; worked out once per document.

    Keyed by the identity of ``segments`` (kept alive with the entry), what
    the ends are read from: ``dataclasses.replace(document, segments=...)``
    keeps the starts tuple but not the ends. Every rule asks about the same page.
    """
    segments = document.segments
    cached = _ENDS.get(id(segments))
    if cached is not None and cached[0] is segments:
        return cached[1]
    ends = [segment.end for segment in segments]
    disjoint = all(segments[index].start >= ends[index - 1] for index in range(1, len(segments)))
    if len(_ENDS) >= 32:
        _ENDS.clear()
    _ENDS[id(segments)] = (segments, ends if disjoint else None)
    return ends if disjoint else None


def candidate_segments(pattern: regex.Pattern[str], document: Document) -> Sequence[Segment]:
    """The document's segments in which ``pattern`` may match (all of them when unsure)."""
    indexes = candidate_indexes(pattern, document)
    if isinstance(indexes, range):
        return document.segments
    return [document.segments[index] for index in indexes]
