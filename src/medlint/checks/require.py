"""``require``: document scope. When a page matches ``when``, it must match ``require_any``.

This gives the document-level findings: a page that makes health claims needs
a disclaimer, a page that promotes a treatment needs a named risk, a page that
mentions suicide needs a crisis line. ``when_categories`` makes the trigger
"the page already has span findings of these categories" (it makes claims).
``regions`` adds region-specific alternatives (crisis lines per country):
with a region configured only that region's entries (and the plain
``require_any``) satisfy the rule; with none, any region's do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from medlint.checks import anchored
from medlint.checks.base import Check, Hit, RunContext
from medlint.checks.patterns import compile_list, compile_tokens
from medlint.checks.prefilter import page_may_match
from medlint.documents.base import Document
from medlint.models import Scope
from medlint.rules.params import Params


@dataclass(frozen=True, slots=True)
class Require(Check):
    """Compiled ``require`` parameters."""

    scopes = frozenset({Scope.DOCUMENT})
    default_scope = Scope.DOCUMENT

    when: regex.Pattern[str] | None
    when_categories: frozenset[str]
    when_min: int
    require_any: regex.Pattern[str] | None
    regions: tuple[tuple[str, regex.Pattern[str]], ...]

    @classmethod
    def from_params(cls, params: Params) -> Require:
        """Read ``when``, ``when_categories``, ``when_min``, ``require_any``, ``regions``, ``ignorecase``."""
        ignorecase = params.boolean("ignorecase", True)
        when = compile_tokens(params, "when", ignorecase=ignorecase)
        categories = frozenset(params.strings("when_categories"))
        require_any = compile_tokens(params, "require_any", ignorecase=ignorecase)
        regions: list[tuple[str, regex.Pattern[str]]] = []
        for region, tokens in params.string_map("regions").items():
            if isinstance(tokens, str):
                tokens = [tokens]
            if not isinstance(tokens, list) or not all(isinstance(item, str) for item in tokens):
                raise params.error("expected a list of patterns", "regions", region)
            compiled = compile_list(params, "regions", tokens, ignorecase=ignorecase)
            if compiled is not None:
                regions.append((region.lower(), compiled))
        if require_any is None and not regions:
            raise params.error("give 'require_any' or 'regions': what the page must contain", "require_any")
        return cls(when, categories, params.integer("when_min", 1, minimum=1), require_any, tuple(regions))

    def page_patterns(self) -> tuple[regex.Pattern[str], ...]:
        """The trigger and what satisfies the requirement, each looked for on the page."""
        found = (self.when, self.require_any, *(pattern for _name, pattern in self.regions))
        return tuple(pattern for pattern in found if pattern is not None)

    def run(self, document: Document, scope: Scope, context: RunContext) -> Iterator[Hit]:
        """Yield one hit, at the page's first line or title, when the requirement is unmet."""
        trigger = self._triggered(document, context)
        if trigger is None or self._satisfied(document.masked, context):
            return
        first = document.segments[0] if document.segments else None
        start = first.start if first else 0
        end = min(first.end, _line_end(document.text, start)) if first else document.first_line_end
        yield Hit(start, max(end, start), {"match": trigger, "trigger": trigger})

    def _triggered(self, document: Document, context: RunContext) -> str | None:
        reasons: list[str] = []
        if self.when_categories:
            found = [item for item in context.span_findings if item.category in self.when_categories]
            if len(found) < self.when_min:
                return None
            reasons.append(found[0].match)
        if self.when is not None:
            if not page_may_match(self.when, document.masked):  # prefilter: its words are absent
                return None
            matches = []
            for match in self.when.finditer(document.masked, timeout=context.timeout):
                matches.append(match.group())
                if len(matches) >= self.when_min:
                    break
            if len(matches) < self.when_min:
                return None
            reasons.insert(0, matches[0])
        return reasons[0] if reasons else ""

    def _satisfied(self, masked: str, context: RunContext) -> bool:
        patterns = [self.require_any] if self.require_any is not None else []
        region = (context.region or "").lower()
        patterns += [pattern for name, pattern in self.regions if not region or name == region]
        return any(  # prefilter: a pattern that cannot match on the page cannot satisfy it
            page_may_match(pattern, masked) and anchored.search(pattern, masked, timeout=context.timeout)
            for pattern in patterns
        )


def _line_end(text: str, start: int) -> int:
    newline = text.find("\n", start)
    end = len(text) if newline < 0 else newline
    return end - 1 if end > start and text[end - 1] == "\r" else end
