"""The values that cross module boundaries: severities, scopes and findings.

Everything here is a frozen dataclass or an enum, so a finding can be hashed,
pickled (to map over partitions) and shared between threads without copies.
``Finding.to_dict`` *is* the JSON report contract of DESIGN.md: keys may be
added, never renamed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.Enum):
    """How serious a finding is; ordered so that ``fail-on`` can compare."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Return 0 for info, 1 for warning, 2 for error."""
        return _RANKS[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Read a severity name, case-insensitively; ``warn`` is accepted for ``warning``."""
        lowered = value.strip().lower()
        if lowered == "warn":
            lowered = "warning"
        return cls(lowered)


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Scope(enum.Enum):
    """Where a rule matches: inside sentences, inside headings, or over the whole page."""

    SENTENCE = "sentence"
    HEADING = "heading"
    DOCUMENT = "document"


@dataclass(frozen=True, slots=True)
class Fix:
    """A replacement of ``[start, end)`` (code-point offsets into the file) by ``text``.

    ``safe`` fixes are applied by ``--fix``; unsafe ones are only offered
    (as an editor code action or a SARIF fix).
    """

    start: int
    end: int
    text: str
    safe: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one file.

    Lines and columns are 1-based and counted in code points; the end is
    exclusive. ``offset``/``end_offset`` are the same span as 0-based offsets
    into the file's text, kept so fixes, baselines and editors need no remapping.
    """

    path: str
    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    end_offset: int
    scope: str = "span"
    match: str = ""
    fix: Fix | None = None
    help_uri: str = ""
    extra: tuple[tuple[str, str], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON contract form of this finding (DESIGN.md, 'JSON report')."""
        data: dict[str, Any] = {
            "path": self.path,
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "scope": self.scope,
            "match": self.match,
        }
        if self.fix is not None:
            data["fix"] = {"replacement": self.fix.text, "safe": self.fix.safe}
        if self.help_uri:
            data["help_uri"] = self.help_uri
        for key, value in self.extra:
            data.setdefault(key, value)
        return data

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order findings by file, position, then rule id: the order every format prints."""
        return (self.path, self.line, self.column, self.rule)
