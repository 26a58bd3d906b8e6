"""The Rule model: what one YAML rule file becomes once validated and compiled."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from medlint.models import Scope, Severity

if TYPE_CHECKING:
    from medlint.checks.base import Check


@dataclass(frozen=True, slots=True)
class RuleDocs:
    """The explanation ``medlint explain`` prints and the rule reference shows."""

    what: str = ""
    why: str = ""
    example: str = ""
    instead: str = ""
    references: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleTests:
    """Inline self-tests: each ``fail`` text must fire the rule, each ``pass`` text must not."""

    fail: tuple[str, ...] = ()
    passing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """A validated rule with its compiled check.

    ``source`` names where it came from (``core``, a plugin, a folder), so
    ``medlint rules`` and duplicate-id errors can say so.
    """

    id: str
    name: str
    kind: str
    category: str
    severity: Severity
    scope: Scope
    message: str
    check: Check
    docs: RuleDocs
    tests: RuleTests
    source: str
    path: str
    params: tuple[tuple[str, Any], ...] = ()
    link: str = ""
    supersedes: tuple[str, ...] = ()
    """Rules whose findings this rule's findings replace where they overlap (a more specific reading)."""

    def with_severity(self, severity: Severity) -> Rule:
        """Return a copy with another severity (config ``rules: {ID: {severity: ...}}``)."""
        return replace(self, severity=severity)

    @property
    def is_document_rule(self) -> bool:
        """True when the rule judges the whole page rather than spans."""
        return self.scope is Scope.DOCUMENT
