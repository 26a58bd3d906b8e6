"""Compile rule patterns once, the way prose is actually written.

A token list becomes one alternation with word guards. Inside tokens a plain
space matches any run of whitespace (claims wrap over lines, masking leaves
double spaces where emphasis markers were) and an apostrophe matches both
``'`` and ``’``. Patterns are compiled at load time, never per document (or,
for a ruleset validated by an earlier run, on first use: :mod:`medlint.checks.lazy`).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from re import _parser as sre_parse  # type: ignore[attr-defined]

import regex

from medlint.checks.lazy import compile_pattern
from medlint.rules.params import Params

NEGATION = regex.compile(
    r"(?:\b(?:no|not|never|without|cannot|nor|neither|none)\b|n['’]t\b)\W+(?:\w+\W+){0,2}\Z",
    regex.IGNORECASE,
)


def prose_pattern(source: str) -> str:
    r"""Rewrite spaces to ``\\s+`` and apostrophes to ``['’]`` outside character classes.

    A space the author made optional or repeatable (``2 ?am``, ``a *b``)
    becomes ``\\s*``: read as ``\\s+?`` it would still need one space, and
    "2am" would never match.
    """
    out: list[str] = []
    in_class = False
    escaped = False
    for char in source:
        if char in "?*" and out and out[-1] == _SPACES and not escaped:
            out[-1] = r"\s*"
            continue
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif in_class:
            out.append(char)
            in_class = char != "]"
        elif char == "[":
            out.append(char)
            in_class = True
        elif char == " ":
            out.append(_SPACES)
        elif char in "'’":
            out.append("['’]")
        else:
            out.append(char)
    return "".join(out).replace(r"\s+\s+", r"\s+")


_SPACES = r"\s+"


def compile_tokens(
    params: Params, key: str, *, ignorecase: bool, words: bool = True, required: bool = False
) -> regex.Pattern[str] | None:
    """Compile the token list ``params[key]`` into one guarded alternation (or None if empty)."""
    tokens = params.strings(key, required=required)
    return compile_list(params, key, tokens, ignorecase=ignorecase, words=words)


def compile_list(
    params: Params, key: str, tokens: Sequence[str], *, ignorecase: bool, words: bool = True, defer: bool = False
) -> regex.Pattern[str] | None:
    """Compile ``tokens`` (reporting errors against ``params[key][i]``).

    ``defer``: check each token but leave the list uncompiled until used, for
    a caller that compiles it as part of a larger pattern anyway.
    """
    if not tokens:
        return None
    flags = regex.IGNORECASE if ignorecase else 0
    parts = [prose_pattern(token) for token in tokens]
    body = "|".join(f"(?:{part})" for part in parts)
    if words:
        body = rf"(?<![\w-])(?:{body})(?![\w-]|-(?=\s))"
    if params.trusted:  # validated by an earlier run (same rule files, same medlint): compile on first use
        return compile_pattern(body, flags, lazy=True)
    for index, token in enumerate(tokens):
        _check_expansion(params, key, index, token, parts[index])
        if not _plainly_valid(parts[index], ignorecase):
            _validate(params, key, index, token, parts[index], flags)
    try:
        return compile_pattern(body, flags, lazy=defer)
    except regex.error as exc:  # a token the quick check let through: name it
        for index, token in enumerate(tokens):
            _validate(params, key, index, token, parts[index], flags)
        raise params.error(f"invalid regex list: {exc}", key) from None


MAX_EXPANSION = 100_000
"""Most pattern items a counted repeat may unroll to (``(?:(?:a{1000}){1000}){10}`` is 10 million)."""
_COUNT = re.compile(r"(?<!\\)\{(\d+)(?:,\d*)?\}")


def _check_expansion(params: Params, key: str, index: int, token: str, part: str) -> None:
    """Refuse nested counted repeats: ``regex`` unrolls them when compiling, with no time limit.

    Ten million unrolled items take seconds and gigabytes before any text is
    read, so a hostile rule could stall every run that loads it.
    """
    if "{" not in part and len(part) <= MAX_EXPANSION:
        return  # no counted repeat: every item is at least one character of ``part``
    size = _expansion(part)
    if size > MAX_EXPANSION:
        raise params.error(
            f"regex {token!r} unrolls to about {size:,} items (nested {{n}} repeats); "
            f"keep it under {MAX_EXPANSION:,}, e.g. with + or * instead of large counts",
            key,
            index,
        )


def _expansion(part: str) -> int:
    """How many items compiling ``part`` unrolls: exact from the stdlib parse tree, else an upper bound."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _tree_size(sre_parse.parse(part))
    except Exception:  # regex-only syntax: multiply every count in the pattern
        size = 1
        for count in _COUNT.findall(part):
            size *= max(int(count), 1)
        return size


def _tree_size(items: object) -> int:
    total = 0
    for op, value in items:  # type: ignore[attr-defined]
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            total += max(value[0], 1) * _tree_size(value[2])
        elif name == "SUBPATTERN":
            total += _tree_size(value[-1])
        elif name == "ATOMIC_GROUP":
            total += _tree_size(value)
        elif name == "BRANCH":
            total += sum(_tree_size(branch) for branch in value[1])
        else:
            total += 1
    return total


def _validate(params: Params, key: str, index: int, token: str, part: str, flags: int) -> None:
    try:
        regex.compile(part, flags)
    except regex.error as exc:
        raise params.error(f"invalid regex {token!r}: {exc}", key, index) from None


def _plainly_valid(part: str, ignorecase: bool) -> bool:
    """True when the stdlib parser reads ``part`` cleanly: six times cheaper than compiling it with ``regex``.

    The ``regex`` module accepts everything the stdlib accepts, so only what
    this quick check rejects (``regex``-only syntax, real mistakes) is compiled
    on its own, and a list whose combined pattern still fails is re-checked
    token by token, so an error always names its token.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            sre_parse.parse(part, re.IGNORECASE if ignorecase else 0)
    except Exception:  # any complaint: let regex decide, with its own message
        return False
    return True


def is_negated(masked: str, segment_start: int, match_start: int) -> bool:
    """True when a negation cue stands in the three words before ``match_start``."""
    window_start = max(segment_start, match_start - 60)
    return NEGATION.search(masked, window_start, match_start) is not None
