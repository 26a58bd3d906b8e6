r"""Widen a rule pattern into byte patterns a compiled multi-pattern engine can run.

The ``regex`` module is a backtracking engine: every rule costs a scan of its
own, in Python-driven steps. A compiled engine (Hyperscan, see
:mod:`medlint.checks.accelerator`) runs hundreds of patterns over a page in
one pass, but it reads bytes, not Unicode, and knows no lookbehinds. So it is
used only to *rule out*: each rule pattern is widened into expressions whose
matches include every match of the original, the engine reports where those
end, and only the sentences holding such an end are searched with ``regex``
as before. Findings are therefore identical; only the sentences searched
change.

The widening is provably one way:

- the page is read through :func:`ascii_image`, which maps every non-ASCII
  character to one ASCII byte (offsets stay put): to the letter ``regex``
  equates it with when ignoring case (``K`` Kelvin sign -> ``k``), else to
  the byte :data:`PLACEHOLDER`;
- a literal becomes its image, a class the images of all it may accept (a
  negated class, everything it surely does not exclude), ``.`` any byte;
- assertions (``\b``, anchors, lookarounds) are dropped, atomic groups and
  possessive or lazy repeats become plain ones, long counted repeats
  (``[^.]{0,200}``) unbounded, and every expression is
  compiled case-insensitive: each change only lets an expression match more.

Patterns with syntax the stdlib parser cannot read with certainty, with
backreferences or conditionals, with full case folding (``ß`` for "ss"), or
that can match the empty string, get no
widening (None) and keep the plain path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

import regex

from medlint.checks.prefilter import parsed_pattern

PLACEHOLDER = "\x01"
"""The image of a non-ASCII character that is not a case variant of an ASCII one."""

FOLDS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
"""Non-ASCII characters ``regex`` equates with an ASCII letter when ignoring case (a test reads every code point)."""

ASCII = frozenset(range(128))
_ALWAYS = frozenset(ord(char) for char in (PLACEHOLDER, *FOLDS.values()))
"""What a negated class or category must accept: the images of the non-ASCII characters it may let through."""

_WORD = frozenset(ord(char) for char in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_DIGIT = frozenset(range(ord("0"), ord("9") + 1))
_SPACE_SURE = frozenset(ord(char) for char in "\t\n\x0b\x0c\r ")
_SPACE_MAYBE = _SPACE_SURE | frozenset(range(0x1C, 0x20))
"""ASCII spaces: surely these six; ``str.isspace`` adds the four separators, which ``regex`` does not."""

_CATEGORIES: dict[Any, tuple[frozenset[int], frozenset[int]]] = {
    sre.CATEGORY_WORD: (_WORD, _WORD | {ord(PLACEHOLDER)}),
    sre.CATEGORY_NOT_WORD: (ASCII - _WORD, ASCII - _WORD),
    sre.CATEGORY_DIGIT: (_DIGIT, _DIGIT | {ord(PLACEHOLDER)}),
    sre.CATEGORY_NOT_DIGIT: (ASCII - _DIGIT, ASCII - _DIGIT),
    sre.CATEGORY_SPACE: (_SPACE_SURE, _SPACE_MAYBE | {ord(PLACEHOLDER)}),
    sre.CATEGORY_NOT_SPACE: (ASCII - _SPACE_MAYBE, ASCII - _SPACE_SURE),
}
"""Per category: the ASCII bytes it surely accepts (exact on ASCII) and those it may accept once images are read."""

MAX_BOUND = 20
"""Repeats allowed more than this many times become unbounded: a long counted repeat is slow to compile."""

_NON_ASCII = regex.compile(r"[^\x00-\x7f]")


def image(char: str) -> str:
    """The one ASCII character ``char`` is read as."""
    return char if char.isascii() else FOLDS.get(char, PLACEHOLDER)


def ascii_image(text: str) -> str:
    """``text`` with every character replaced by its :func:`image`: same length, so offsets stay put."""
    if text.isascii():
        return text
    return _NON_ASCII.sub(lambda found: image(found.group()), text)


def widened(pattern: regex.Pattern[str]) -> tuple[str, ...] | None:
    """Expressions (ASCII, for a case-insensitive byte engine) that together match wherever ``pattern`` does.

    The pattern's top-level alternatives become separate expressions: a
    compiled engine handles many small expressions better than one large one.
    """
    if pattern.flags & (regex.FULLCASE | regex.V1):
        return None  # full case folding matches "ss" against one character
    parsed = parsed_pattern(pattern)
    if parsed is None:
        return None
    expressions: list[str] = []
    for alternative in map(_trimmed, _alternatives(list(parsed))):
        if _shortest(alternative) == 0:
            return None  # matches the empty string: nothing to rule out
        expression = _sequence(alternative)
        if expression is None:
            return None
        expressions.append(expression)
    return tuple(expressions)


def _alternatives(items: list[tuple[Any, Any]]) -> list[list[tuple[Any, Any]]]:
    """The top-level branches of ``items``, looking through groups and the assertions around them."""
    kept = [item for item in items if item[0] not in (sre.AT, sre.ASSERT, sre.ASSERT_NOT)]
    if len(kept) == 1 and kept[0][0] is sre.BRANCH:
        return [branch for option in kept[0][1][1] for branch in _alternatives(list(option))]
    if len(kept) == 1 and kept[0][0] is sre.SUBPATTERN:
        return _alternatives(list(kept[0][1][-1]))
    return [kept]


def _trimmed(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    r"""``items`` with a closing repeat cut to its fewest copies: where a match ends, that shorter one ends too.

    Callers ask only whether some match ends inside a sentence, and a prefix
    of a match starts at the same place and ends no later, so cutting the
    tail loses no sentence; it spares the engine one report per extra
    character of ``\w+``.
    """
    while items and items[-1][0] in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, body = items[-1][1]
        if low > 0:
            return [*items[:-1], (sre.MAX_REPEAT, (low, low, body))]
        items = items[:-1]
    return items


def _shortest(items: Iterable[tuple[Any, Any]]) -> int:
    """The fewest characters a match of ``items`` can hold (0 for anything not understood, which is safe)."""
    total = 0
    for op, value in items:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
            total += 1
        elif op is sre.SUBPATTERN:
            total += _shortest(value[-1])
        elif op is sre.ATOMIC_GROUP:
            total += _shortest(value)
        elif op is sre.BRANCH:
            total += min(_shortest(branch) for branch in value[1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            total += value[0] * _shortest(value[2])
    return total


def _sequence(items: Iterable[tuple[Any, Any]]) -> str | None:
    parts: list[str] = []
    for op, value in items:
        part = _node(op, value)
        if part is None:
            return None
        parts.append(part)
    return "".join(parts)


def _node(op: Any, value: Any) -> str | None:
    """One syntax node, widened; None for nodes with no widening (backreferences, conditionals)."""
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return ""
    if op is sre.LITERAL:
        return _escape(ord(image(chr(value))))
    if op in (sre.NOT_LITERAL, sre.ANY, sre.IN):
        return _class(_accepted(op, value))
    if op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
        inner = _sequence(value[-1] if op is sre.SUBPATTERN else value)
        return None if inner is None else f"(?:{inner})"
    if op is sre.BRANCH:
        options = [_sequence(branch) for branch in value[1]]
        return None if any(option is None for option in options) else f"(?:{'|'.join(options)})"  # type: ignore[arg-type]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _repeat(*value)
    return None


def _repeat(low: int, high: Any, body: Sequence[tuple[Any, Any]]) -> str | None:
    inner = _sequence(body)
    if inner is None:
        return None
    upper = "" if high is sre.MAXREPEAT or high > MAX_BOUND else str(high)
    return f"(?:{inner}){{{low},{upper}}}"


def _accepted(op: Any, value: Any) -> frozenset[int]:
    """The bytes a one-character node may accept, read through :func:`image`."""
    if op is sre.ANY:
        return ASCII
    if op is sre.NOT_LITERAL:
        return ASCII - {value} | _ALWAYS if value < 128 else ASCII
    if any(item_op is sre.NEGATE for item_op, _ in value):
        sure: set[int] = set()
        for item_op, item in value:
            if item_op is not sre.NEGATE:
                sure |= _members(item_op, item)[0]
        return ASCII - sure | _ALWAYS
    maybe: set[int] = set()
    for item_op, item in value:
        maybe |= _members(item_op, item)[1]
    return frozenset(maybe)


def _members(op: Any, value: Any) -> tuple[frozenset[int], frozenset[int]]:
    """(surely accepted ASCII bytes, bytes accepted once read through images) of one class item."""
    if op is sre.LITERAL:
        return (frozenset({value}) if value < 128 else frozenset(), frozenset({ord(image(chr(value)))}))
    if op is sre.RANGE:
        low, high = value
        sure = frozenset(range(low, min(high, 127) + 1))
        if high < 128:
            return sure, sure
        folds = {ord(letter) for char, letter in FOLDS.items() if low <= ord(char) <= high}
        return sure, sure | {ord(PLACEHOLDER)} | folds
    if op is sre.CATEGORY and value in _CATEGORIES:
        return _CATEGORIES[value]
    return frozenset(), ASCII  # anything else: surely nothing, possibly anything


def _class(accepted: frozenset[int]) -> str:
    if len(accepted) == 1:
        return _escape(next(iter(accepted)))
    return "[" + "".join(_escape(byte) for byte in sorted(accepted)) + "]"


def _escape(byte: int) -> str:
    return f"\\x{byte:02x}"
