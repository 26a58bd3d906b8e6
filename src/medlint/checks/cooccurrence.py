"""``cooccurrence``: two term lists in the same sentence (a product and a condition).

Used where neither word is a problem alone: "ketamine" is fine, "depression"
is fine, "ketamine ... depression" in one sentence is an unapproved-indication
claim. ``unless`` mitigates the sentence; ``negation`` drops a ``second`` term
preceded by a negation cue. ``window`` (default 1) lets the ``second`` term
stand in one of the next sentences too: "Feeling suicidal? Book a consultation."
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from medlint.checks.base import Check, Hit, RunContext
from medlint.checks.patterns import compile_tokens, is_negated
from medlint.checks.prefilter import candidate_indexes, page_may_match
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
    window: int = 1

    @classmethod
    def from_params(cls, params: Params) -> Cooccurrence:
        """Read ``first``, ``second``, ``window``, ``ignorecase``, ``unless``, ``exceptions``, ``negation``."""
        ignorecase = params.boolean("ignorecase", True)
        first = compile_tokens(params, "first", ignorecase=ignorecase, required=True)
        second = compile_tokens(params, "second", ignorecase=ignorecase, required=True)
        assert first is not None and second is not None
        filters = SentenceFilter.from_params(params, ignorecase=ignorecase)
        return cls(first, second, filters, params.integer("window", 1, minimum=1))

    def scanned_patterns(self) -> tuple[regex.Pattern[str], ...]:
        """The ``first`` terms, searched in candidate sentences, and ``unless``."""
        return (self.first, *self.filter.sentence_patterns())

    def page_patterns(self) -> tuple[regex.Pattern[str], ...]:
        """The ``second`` terms, looked for on the page first, and the page gate's patterns."""
        return (self.second, *self.filter.page_patterns())

    def run(self, document: Document, scope: Scope, context: RunContext) -> Iterator[Hit]:
        """Yield one span per sentence holding a ``first`` term with a ``second`` term in reach."""
        masked = document.masked
        segments = document.segments
        if not page_may_match(self.second, masked):  # prefilter: no second term anywhere, no hit
            return
        if not self.filter.on_page(masked, context.timeout):
            return
        for index in candidate_indexes(self.first, document):
            segment = segments[index]
            if scope is Scope.HEADING and segment.kind != "heading":
                continue
            first = self.first.search(masked, segment.start, segment.end, timeout=context.timeout)
            if first is None:
                continue
            reach = segments[index : index + self.window]
            second = next(
                (found for item in reach if (found := self._second(masked, item.start, item.end, context.timeout))),
                None,
            )
            text = document.text
            if second is None or any(self.filter.mitigated(masked, item, context.timeout, text) for item in reach):
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
            if self.filter.exceptions is not None and self.filter.exceptions.search(match.group(), timeout=timeout):
                continue
            return match
        return None
