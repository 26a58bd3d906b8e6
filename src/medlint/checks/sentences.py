"""Shared sentence-level filters: ``unless`` mitigations, ``exceptions`` and negation.

Every span kind applies them the same way, so a hedged or sourced sentence,
an allow-listed phrase or a negated claim is treated alike across kinds.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from medlint.checks.patterns import compile_list, compile_tokens, is_negated
from medlint.documents.base import Segment
from medlint.rules.params import Params


@dataclass(frozen=True, slots=True)
class SentenceFilter:
    """Decides whether a match inside a sentence still counts."""

    unless: regex.Pattern[str] | None
    exceptions: regex.Pattern[str] | None
    negation: bool

    @classmethod
    def from_params(cls, params: Params, *, ignorecase: bool, negation_default: bool = True) -> SentenceFilter:
        """Read ``unless``, ``exceptions`` and ``negation`` from ``params``."""
        unless = compile_list(params, "unless", params.strings("unless"), ignorecase=True, words=False)
        exceptions = compile_tokens(params, "exceptions", ignorecase=ignorecase)
        return cls(unless, exceptions, params.boolean("negation", negation_default))

    def mitigated(self, masked: str, segment: Segment, timeout: float | None) -> bool:
        """True when an ``unless`` pattern occurs anywhere in the sentence."""
        if self.unless is None:
            return False
        return self.unless.search(masked, segment.start, segment.end, timeout=timeout) is not None

    def excused(self, masked: str, segment: Segment, start: int, end: int, timeout: float | None) -> bool:
        """True when the match sits inside an exception or follows a negation cue."""
        if self.negation and is_negated(masked, segment.start, start):
            return True
        if self.exceptions is None:
            return False
        return any(
            found.start() <= start and end <= found.end()
            for found in self.exceptions.finditer(masked, segment.start, segment.end, timeout=timeout)
        )
