"""``cooccurrence``: two term lists in the same sentence (a product and a condition).

Used where neither word is a problem alone: "ketamine" is fine, "depression"
is fine, "ketamine ... depression" in one sentence is an unapproved-indication
claim. ``unless`` mitigates the sentence; ``negation`` drops a ``second`` term
preceded by a negation cue.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from medlint.checks.base import Check, Hit, RunContext
from medlint.checks.patterns import compile_tokens, is_negated
from medlint.checks.sentences import SentenceFilter
from medlint.documents.base import Document
from medlint.models import Scope
from medlint.rules.params import Params


@dataclass(frozen=True, slots=True)
class Cooccurrence(Check):
    """Compiled ``cooccurrence`` parameters."""

    first: regex.Pattern[str]
    second: regex.Pattern[str]
    filter: SentenceFilter

    @classmethod
    def from_params(cls, params: Params) -> Cooccurrence:
        """Read ``first``, ``second``, ``ignorecase``, ``unless``, ``exceptions``, ``negation``."""
        ignorecase = params.boolean("ignorecase", True)
        first = compile_tokens(params, "first", ignorecase=ignorecase, required=True)
        second = compile_tokens(params, "second", ignorecase=ignorecase, required=True)
        assert first is not None and second is not None
        return cls(first, second, SentenceFilter.from_params(params, ignorecase=ignorecase))

    def run(self, document: Document, scope: Scope, context: RunContext) -> Iterator[Hit]:
        """Yield one span per sentence holding a term of each list."""
        masked = document.masked
        for segment in document.segments:
            if scope is Scope.HEADING and segment.kind != "heading":
                continue
            first = self.first.search(masked, segment.start, segment.end, timeout=context.timeout)
            if first is None:
                continue
            second = self._second(masked, segment.start, segment.end, context.timeout)
            if second is None or self.filter.mitigated(masked, segment, context.timeout):
                continue
            start, end = min(first.start(), second.start()), max(first.end(), second.end())
            yield Hit(
                start,
                end,
                {
                    "match": document.text[start:end],
                    "first": first.group(),
                    "second": second.group(),
                    "sentence": document.text[segment.start : segment.end],
                },
            )

    def _second(self, masked: str, start: int, end: int, timeout: float | None) -> regex.Match[str] | None:
        for match in self.second.finditer(masked, start, end, timeout=timeout):
            if self.filter.negation and is_negated(masked, start, match.start()):
                continue
            if self.filter.exceptions is not None and self.filter.exceptions.search(match.group()):
                continue
            return match
        return None
