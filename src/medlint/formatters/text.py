"""``text``: one finding per line, ``path:line:col: severity: message [RULE]``.

The GNU form that Vim's quickfix, Emacs' compile-mode, VS Code problem
matchers and ``grep`` understand, then a one-line summary.
"""

from __future__ import annotations

from typing import ClassVar

import click

from medlint.formatters.base import Formatter
from medlint.models import Finding, Severity
from medlint.report import Report

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


class TextFormatter(Formatter):
    """Human- and editor-readable lines."""

    name: ClassVar[str] = "text"
    description: ClassVar[str] = "path:line:col: severity: message [RULE] (default)"

    def render(self, report: Report) -> str:
        """One line per finding, then the summary."""
        lines = [self.line(finding) for finding in report.findings]
        if self.show_summary:
            lines.append(self.summary(report))
        return "\n".join(lines) + ("\n" if lines else "")

    def line(self, finding: Finding) -> str:
        """Format one finding."""
        severity = finding.severity.value
        if self.color:
            severity = click.style(severity, fg=_COLORS[finding.severity], bold=True)
        rule = click.style(finding.rule, dim=True) if self.color else finding.rule
        return f"{finding.path}:{finding.line}:{finding.column}: {severity}: {finding.message} [{rule}]"

    def summary(self, report: Report) -> str:
        """``Found 3 problems (1 error, 2 warnings, 0 info) in 2 files.``, plus extras."""
        counts = report.counts()
        total = sum(counts.values())
        files = len(report.files)
        parts = [
            f"{counts['error']} error{'s' if counts['error'] != 1 else ''}",
            f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}",
            f"{counts['info']} info",
        ]
        plural = "s" if files != 1 else ""
        text = f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {files} file{plural}."
        extras = []
        if report.fixes_applied:
            extras.append(f"{report.fixes_applied} fix{'es' if report.fixes_applied != 1 else ''} applied")
        if report.baseline_matched or report.baseline_stale:
            extras.append(
                f"{report.baseline_matched} in baseline, {report.baseline_stale} baseline entries no longer match"
            )
        if report.errors:
            extras.append(f"{len(report.errors)} path{'s' if len(report.errors) != 1 else ''} could not be read")
        if extras:
            text += " " + "; ".join(extras) + "."
        if self.color:
            text = click.style(text, bold=True)
        return text
