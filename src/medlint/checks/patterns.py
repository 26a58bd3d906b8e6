"""Compile rule patterns once, the way prose is actually written.

A token list becomes one alternation with word guards. Inside tokens a plain
space matches any run of whitespace (claims wrap over lines, masking leaves
double spaces where emphasis markers were) and an apostrophe matches both
``'`` and ``’``. Patterns are compiled at load time, never per document.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from medlint.rules.params import Params

NEGATION = regex.compile(
    r"(?:\b(?:no|not|never|without|cannot|nor|neither|none)\b|n['’]t\b)\W+(?:\w+\W+){0,2}\Z",
    regex.IGNORECASE,
)


def prose_pattern(source: str) -> str:
    r"""Rewrite spaces to ``\\s+`` and apostrophes to ``['’]`` outside character classes."""
    out: list[str] = []
    in_class = False
    escaped = False
    for char in source:
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
            out.append(r"\s+")
        elif char in "'’":
            out.append("['’]")
        else:
            out.append(char)
    return "".join(out).replace(r"\s+\s+", r"\s+")


def compile_tokens(
    params: Params, key: str, *, ignorecase: bool, words: bool = True, required: bool = False
) -> regex.Pattern[str] | None:
    """Compile the token list ``params[key]`` into one guarded alternation (or None if empty)."""
    tokens = params.strings(key, required=required)
    return compile_list(params, key, tokens, ignorecase=ignorecase, words=words)


def compile_list(
    params: Params, key: str, tokens: Sequence[str], *, ignorecase: bool, words: bool = True
) -> regex.Pattern[str] | None:
    """Compile ``tokens`` (reporting errors against ``params[key][i]``)."""
    if not tokens:
        return None
    flags = regex.IGNORECASE if ignorecase else 0
    parts: list[str] = []
    for index, token in enumerate(tokens):
        part = prose_pattern(token)
        try:
            regex.compile(part, flags)
        except regex.error as exc:
            raise params.error(f"invalid regex {token!r}: {exc}", key, index) from None
        parts.append(part)
    body = "|".join(f"(?:{part})" for part in parts)
    if words:
        body = rf"(?<![\w-])(?:{body})(?![\w-]|-(?=\s))"
    return regex.compile(body, flags)


def is_negated(masked: str, segment_start: int, match_start: int) -> bool:
    """True when a negation cue stands in the three words before ``match_start``."""
    window_start = max(segment_start, match_start - 60)
    return NEGATION.search(masked, window_start, match_start) is not None
