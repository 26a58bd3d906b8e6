"""``substitution``: flagged wording -> preferred wording (Vale's ``swap``).

Each key of ``swap`` is a pattern and its value the rewrite, offered as a fix.
``safe: true`` marks the rewrites as meaning-preserving, so ``--fix`` may apply
them unattended (e.g. "committed suicide" -> "died by suicide"). The case of
the first letter is carried over to the rewrite.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from medlint.checks.base import Check, Hit, RunContext, segment_for
from medlint.checks.patterns import compile_list
from medlint.checks.prefilter import page_may_match
from medlint.checks.sentences import SentenceFilter
from medlint.documents.base import Document
from medlint.models import Scope
from medlint.rules.params import Params


@dataclass(frozen=True, slots=True)
class Substitution(Check):
    """Compiled ``substitution`` parameters."""

    swaps: tuple[tuple[regex.Pattern[str], str], ...]
    filter: SentenceFilter
    safe: bool

    @classmethod
    def from_params(cls, params: Params) -> Substitution:
        """Read ``swap`` (pattern -> rewrite), ``ignorecase``, ``safe``, ``unless``, ``exceptions``."""
        ignorecase = params.boolean("ignorecase", True)
        swap = params.string_map("swap")
        if not swap:
            raise params.error("give at least one 'pattern: rewrite' pair", "swap")
        swaps: list[tuple[regex.Pattern[str], str]] = []
        for flagged, preferred in swap.items():
            if not isinstance(preferred, str):
                raise params.error(f"the rewrite must be a string, got {preferred!r}", "swap", flagged)
            compiled = compile_list(params, "swap", [flagged], ignorecase=ignorecase)
            assert compiled is not None
            _check_rewrite(params, compiled, flagged, preferred)
            swaps.append((compiled, preferred))
        return cls(
            tuple(swaps),
            SentenceFilter.from_params(params, ignorecase=ignorecase, negation_default=False),
            params.boolean("safe", False),
        )

    def scanned_patterns(self) -> tuple[regex.Pattern[str], ...]:
        """``unless``, searched in the sentences a swap flags."""
        return self.filter.sentence_patterns()

    def page_patterns(self) -> tuple[regex.Pattern[str], ...]:
        """The flagged phrases, each looked for on the page, and the page gate's patterns."""
        return (*(pattern for pattern, _preferred in self.swaps), *self.filter.page_patterns())

    def run(self, document: Document, scope: Scope, context: RunContext) -> Iterator[Hit]:
        """Yield every flagged occurrence with its rewrite."""
        masked = document.masked
        if not self.filter.on_page(masked, context.timeout):
            return
        taken: list[tuple[int, int]] = []
        for pattern, preferred in self.swaps:
            if not page_may_match(pattern, masked):  # prefilter: its words are absent
                continue
            for match in pattern.finditer(masked, timeout=context.timeout):
                start, end = match.span()
                segment = segment_for(document, start, end, scope)
                if segment is None or self.filter.excused(masked, segment, start, end, context.timeout):
                    continue
                if self.filter.mitigated(masked, segment, context.timeout, document.text):
                    continue
                if any(start < other_end and other_start < end for other_start, other_end in taken):
                    continue  # one rewrite per span: "clinically proven to" is one claim, not two
                taken.append((start, end))
                original = document.text[start:end]
                rewrite = match.expand(preferred) if "\\" in preferred else preferred
                rewrite = carry_case(original, rewrite)
                yield Hit(start, end, {"match": original, "preferred": rewrite}, rewrite, self.safe)


def _check_rewrite(params: Params, compiled: regex.Pattern[str], flagged: str, preferred: str) -> None:
    """Expand ``preferred`` against an empty match with the same groups: a bad group reference fails at load time."""
    if "\\" not in preferred:
        return
    names = {index: name for name, index in compiled.groupindex.items()}
    probe = regex.compile("".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, compiled.groups + 1)))
    match = probe.match("")
    assert match is not None
    try:
        match.expand(preferred)
    except (regex.error, IndexError) as exc:
        raise params.error(f"rewrite {preferred!r} is invalid: {exc}", "swap", flagged) from None


def carry_case(original: str, rewrite: str) -> str:
    """Capitalise ``rewrite`` when ``original`` starts with a capital letter."""
    if original[:1].isupper() and rewrite[:1].islower():
        return rewrite[:1].upper() + rewrite[1:]
    return rewrite
