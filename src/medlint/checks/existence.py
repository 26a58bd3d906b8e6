"""``existence``: flag a sentence that contains any of a list of tokens or patterns.

The workhorse kind (Vale's ``existence``). ``tokens`` are guarded to whole
words; ``patterns`` are raw regexes. A sentence with an ``unless`` match
(a hedge, a citation) does not fire; a match inside an ``exceptions`` phrase or
after a negation cue ("not a cure") does not either. By default a rule fires
once per sentence, so one overclaiming sentence is one finding.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from medlint.checks import anchored
from medlint.checks.base import Check, Hit, RunContext
from medlint.checks.lazy import compile_pattern
from medlint.checks.patterns import compile_list
from medlint.checks.prefilter import candidate_segments
from medlint.checks.sentences import SentenceFilter
from medlint.documents.base import Document, Segment
from medlint.models import Scope
from medlint.rules.params import Params


@dataclass(frozen=True, slots=True)
class Existence(Check):
    """Compiled ``existence`` parameters."""

    pattern: regex.Pattern[str]
    filter: SentenceFilter
    once: bool

    @classmethod
    def from_params(cls, params: Params) -> Existence:
        """Read ``tokens``/``patterns``, ``ignorecase``, ``unless``, ``exceptions``, ``negation``, ``once``."""
        ignorecase = params.boolean("ignorecase", True)
        pattern = _combined(params, ignorecase)
        return cls(
            pattern,
            SentenceFilter.from_params(params, ignorecase=ignorecase),
            params.boolean("once", True),
        )

    def scanned_patterns(self) -> tuple[regex.Pattern[str], ...]:
        """The one combined pattern, searched in candidate sentences, and ``unless``."""
        return (self.pattern, *self.filter.sentence_patterns())

    def page_patterns(self) -> tuple[regex.Pattern[str], ...]:
        """The page gate's patterns."""
        return self.filter.page_patterns()

    def run(self, document: Document, scope: Scope, context: RunContext) -> Iterator[Hit]:
        """Yield the first unexcused match of each unmitigated sentence.

        Matching runs inside each sentence, so a pattern whose spaces match
        newlines cannot start in a heading and swallow the claim that follows.
        """
        candidates = candidate_segments(self.pattern, document)
        if not candidates or not self.filter.on_page(document.masked, context.timeout):
            return
        for segment in candidates:
            if scope is Scope.HEADING and segment.kind != "heading":
                continue
            yield from self._segment_hits(document, segment, context)

    def _segment_hits(self, document: Document, segment: Segment, context: RunContext) -> Iterator[Hit]:
        masked = document.masked
        for match in anchored.finditer(self.pattern, masked, segment.start, segment.end, context.timeout):
            start, end = match.span()
            if self.filter.excused(masked, segment, start, end, context.timeout):
                continue
            if self.filter.mitigated(masked, segment, context.timeout, document.text):
                return
            yield Hit(
                start,
                end,
                {
                    "match": document.text[start:end],
                    "sentence": document.text[segment.start : segment.end],
                },
            )
            if self.once:
                return


def _combined(params: Params, ignorecase: bool) -> regex.Pattern[str]:
    tokens = params.strings("tokens")
    patterns = params.strings("patterns")
    if not tokens and not patterns:
        raise params.error("give at least one of 'tokens' or 'patterns'", "tokens")
    both = bool(tokens and patterns)  # then only the combined pattern is compiled (compiling is slow)
    compiled_tokens = compile_list(params, "tokens", tokens, ignorecase=ignorecase, defer=both)
    compiled_patterns = compile_list(params, "patterns", patterns, ignorecase=ignorecase, words=False, defer=both)
    if not both:
        return next(item for item in (compiled_tokens, compiled_patterns) if item is not None)
    assert compiled_tokens is not None and compiled_patterns is not None
    flags = regex.IGNORECASE if ignorecase else 0
    combined = f"(?:{compiled_tokens.pattern})|(?:{compiled_patterns.pattern})"
    try:
        return compile_pattern(combined, flags, lazy=params.trusted)
    except regex.error as exc:  # compile each list to name the token at fault
        compile_list(params, "tokens", tokens, ignorecase=ignorecase)
        compile_list(params, "patterns", patterns, ignorecase=ignorecase, words=False)
        raise params.error(f"'tokens' and 'patterns' do not combine into one regex: {exc}", "patterns") from None
