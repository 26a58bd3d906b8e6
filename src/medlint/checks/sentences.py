"""Shared sentence-level filters: ``unless`` mitigations, ``exceptions``, negation, page gates.

Every span kind applies them the same way, so a hedged or sourced sentence,
an allow-listed phrase, a negated claim or a page the rule is gated off
(``page_when``/``page_unless``, see :mod:`medlint.checks.page_gate`) is
treated alike across kinds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from medlint.checks.page_gate import PageGate, pattern_source
from medlint.checks.patterns import compile_list, compile_tokens, is_negated
from medlint.checks.prefilter import span_may_match
from medlint.documents.base import Segment
from medlint.rules.params import Params


@dataclass(frozen=True, slots=True)
class SentenceFilter:
    """Decides whether a match inside a sentence still counts."""

    unless: regex.Pattern[str] | None
    exceptions: regex.Pattern[str] | None
    negation: bool
    page: PageGate = field(default_factory=PageGate)
    unless_raw: regex.Pattern[str] | None = None

    @classmethod
    def from_params(cls, params: Params, *, ignorecase: bool, negation_default: bool = True) -> SentenceFilter:
        """Read ``unless``, ``unless_raw``, ``exceptions``, ``negation``, ``page_when``, ``page_unless``."""
        unless = compile_list(params, "unless", params.strings("unless"), ignorecase=True, words=False)
        exceptions = compile_tokens(params, "exceptions", ignorecase=ignorecase)
        raw = pattern_source(params, "unless_raw")
        negation = params.boolean("negation", negation_default)
        return cls(unless, exceptions, negation, PageGate.from_params(params), raw)

    def page_patterns(self) -> tuple[regex.Pattern[str], ...]:
        """The page gate's patterns, each searched once per page (what an accelerator may answer)."""
        return self.page.patterns()

    def sentence_patterns(self) -> tuple[regex.Pattern[str], ...]:
        """The ``unless`` pattern, searched in the sentences a rule flags."""
        return () if self.unless is None else (self.unless,)

    def on_page(self, masked: str, timeout: float | None) -> bool:
        """True when the rule's page gate lets it run on this page (always, without a gate)."""
        return self.page.applies(masked, timeout)

    def mitigated(self, masked: str, segment: Segment, timeout: float | None, text: str | None = None) -> bool:
        """True when an ``unless`` pattern occurs in the sentence, or ``unless_raw`` in its original ``text``.

        ``unless_raw`` sees what masking blanks (link targets, HTML
        attributes), so a sentence that links to a journal or a DOI counts as
        sourced although the link target is invisible to every other pattern.
        """
        unless = self.unless
        if (
            unless is not None
            and span_may_match(unless, masked, segment.start, segment.end)
            and unless.search(masked, segment.start, segment.end, timeout=timeout)
        ):
            return True
        if self.unless_raw is None or text is None:
            return False
        return self.unless_raw.search(text, segment.start, segment.end, timeout=timeout) is not None

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
