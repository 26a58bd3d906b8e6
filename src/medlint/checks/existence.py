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

from medlint.checks.base import Check, Hit, RunContext, segment_for
from medlint.checks.patterns import compile_list
from medlint.checks.sentences import SentenceFilter
from medlint.documents.base import Document
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

    def run(self, document: Document, scope: Scope, context: RunContext) -> Iterator[Hit]:
        """Yield the first unexcused match of each unmitigated sentence."""
        masked = document.masked
        fired: set[int] = set()
        for match in self.pattern.finditer(masked, timeout=context.timeout):
            start, end = match.span()
            segment = segment_for(document, start, end, scope)
            if segment is None or (self.once and segment.start in fired):
                continue
            if self.filter.excused(masked, segment, start, end, context.timeout):
                continue
            if self.filter.mitigated(masked, segment, context.timeout):
                fired.add(segment.start)
                continue
            fired.add(segment.start)
            yield Hit(
                start,
                end,
                {
                    "match": document.text[start:end],
                    "sentence": document.text[segment.start : segment.end],
                },
            )


def _combined(params: Params, ignorecase: bool) -> regex.Pattern[str]:
    tokens = params.strings("tokens")
    patterns = params.strings("patterns")
    if not tokens and not patterns:
        raise params.error("give at least one of 'tokens' or 'patterns'", "tokens")
    sources: list[str] = []
    compiled_tokens = compile_list(params, "tokens", tokens, ignorecase=ignorecase)
    compiled_patterns = compile_list(params, "patterns", patterns, ignorecase=ignorecase, words=False)
    for compiled in (compiled_tokens, compiled_patterns):
        if compiled is not None:
            sources.append(compiled.pattern)
    flags = regex.IGNORECASE if ignorecase else 0
    return regex.compile("|".join(f"(?:{source})" for source in sources), flags)
