"""The result of a run: sorted findings, per-path errors, counts, and the exit status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from medlint.models import Finding, Severity
from medlint.rules.model import Rule

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def printable(text: str) -> str:
    """Return ``text`` safe to print or write as UTF-8.

    A file name that is not UTF-8 reaches Python with surrogate escapes
    (``caf`` + U+DCE9 + ``.md``); written as is, it crashes a strict UTF-8 stream.
    Findings keep the real name (so ``--fix`` can open it); only output shows
    the undecodable bytes as U+FFFD, the way ruff and git do.
    """
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte
        return text.encode("utf-8", "replace").decode("utf-8")


@dataclass(frozen=True, slots=True)
class PathError:
    """A path that could not be linted (missing, unreadable, undecodable, too large)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a formatter needs about one run."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    errors: tuple[PathError, ...] = ()
    fixes_applied: int = 0
    baseline_matched: int = 0
    baseline_stale: int = 0
    cached_files: int = 0

    def counts(self) -> dict[str, int]:
        """Findings per severity name, every severity present (zero included)."""
        counter = Counter(finding.severity.value for finding in self.findings)
        return {severity.value: counter.get(severity.value, 0) for severity in reversed(Severity)}

    def category_counts(self) -> dict[str, int]:
        """Findings per category, most frequent first."""
        return dict(Counter(finding.category for finding in self.findings).most_common())

    def exit_code(self, fail_on: str) -> int:
        """Return the process exit status.

        0: nothing at or above ``fail_on`` (``none`` never fails on findings);
        1: a finding at or above ``fail_on``;
        2: a path could not be read (the other files were still linted).
        """
        if self.errors:
            return EXIT_ERROR
        if fail_on == "none":
            return EXIT_CLEAN
        threshold = Severity.parse(fail_on).rank
        if any(finding.severity.rank >= threshold for finding in self.findings):
            return EXIT_FINDINGS
        return EXIT_CLEAN
