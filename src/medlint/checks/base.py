"""The contract between the engine and a rule kind (Vale's ``internal/check``).

A kind is a class registered under a name through ``medlint_check_kinds``. It
validates and compiles its ``params`` once in :meth:`Check.from_params`, then
:meth:`Check.run` yields :class:`Hit` spans for one document. The engine turns
hits into findings (message, severity, position), so a kind never formats.
"""

from __future__ import annotations

import bisect
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import ClassVar

import regex

from medlint.documents.base import Document, Segment
from medlint.models import Finding, Scope
from medlint.rules.params import Params


@dataclass(frozen=True, slots=True)
class Hit:
    """A span a check flags: ``[start, end)`` offsets, message values, an optional rewrite."""

    start: int
    end: int
    values: Mapping[str, str] = field(default_factory=dict)
    replacement: str | None = None
    safe: bool = False


@dataclass(frozen=True, slots=True)
class RunContext:
    """What a check may know beyond the document: the region, earlier span findings, time left.

    ``limit`` is the config's ``rule-timeout``; the engine sets ``deadline``
    when a rule starts on a file. Pass :attr:`timeout` to every ``regex`` call
    that runs a user pattern: it is the time this rule has *left* on this
    file, so a rule that is slow on many sentences is stopped as surely as
    one that is slow on one.
    """

    region: str | None = None
    span_findings: tuple[Finding, ...] = ()
    limit: float | None = None
    deadline: float | None = None

    @property
    def timeout(self) -> float | None:
        """Seconds left for the current rule (None: no limit); raises TimeoutError once they are spent."""
        if self.deadline is None:
            return self.limit
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left

    def started(self) -> RunContext:
        """This context with the clock started for one rule on one file."""
        return self if self.limit is None else replace(self, deadline=time.monotonic() + self.limit)


class Check(ABC):
    """A compiled rule kind. Subclasses set ``scopes`` and implement two methods."""

    scopes: ClassVar[frozenset[Scope]] = frozenset({Scope.SENTENCE, Scope.HEADING})
    default_scope: ClassVar[Scope] = Scope.SENTENCE

    @classmethod
    @abstractmethod
    def from_params(cls, params: Params) -> Check:
        """Validate ``params`` (raising ``params.error(...)``) and compile patterns."""

    @abstractmethod
    def run(self, document: Document, scope: Scope, context: RunContext) -> Iterator[Hit]:
        """Yield the spans this rule flags in ``document``."""

    def scanned_patterns(self) -> tuple[regex.Pattern[str], ...]:
        """The patterns the prefilter is asked about per sentence (``candidate_indexes``, ``span_may_match``).

        A compiled accelerator (:mod:`medlint.checks.accelerator`) answers
        for these and :meth:`page_patterns` in one pass per page; a kind
        that names none keeps the plain path.
        """
        return ()

    def page_patterns(self) -> tuple[regex.Pattern[str], ...]:
        """The patterns the prefilter is asked about per page only (``page_may_match``, ``page_candidates``)."""
        return ()


def segment_for(document: Document, start: int, end: int, scope: Scope) -> Segment | None:
    """Return the segment holding ``[start, end)`` if it is of a kind ``scope`` covers.

    Headings count as sentences (the annotation guidelines say so); a
    ``heading`` scope matches headings only.
    """
    index = bisect.bisect_right(document.segment_starts, start) - 1
    if index < 0:
        return None
    segment = document.segments[index]
    if end > segment.end:
        return None
    if scope is Scope.HEADING and segment.kind != "heading":
        return None
    return segment
