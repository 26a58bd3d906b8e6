r"""``github``: GitHub Actions workflow commands, shown as annotations on the run and the PR diff.

``::error file=F,line=L,endLine=L,col=C,endColumn=E,title=T::message`` per
finding (``warning`` for warnings, ``notice`` for info). Property values escape
``% \r \n : ,`` and the message escapes ``% \r \n``, as the runner unescapes
them (actions/toolkit ``command.ts``). Columns are sent only for one-line
ranges, because the runner drops them otherwise; ``endColumn`` is the last
flagged character (inclusive), the convention of the toolkit, which sets it
to ``col`` when missing. GitHub shows at most 10 annotations of each type per
step, so use SARIF upload as well when a run has more.
"""

from __future__ import annotations

from typing import ClassVar

from medlint.baseline import normalise_path
from medlint.formatters.base import Formatter
from medlint.formatters.text import TextFormatter
from medlint.models import Finding, Severity
from medlint.report import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (the part after the second ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``), where ``:`` and ``,`` are separators."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """The workflow command for one finding."""
    properties: list[tuple[str, str]] = [
        ("file", normalise_path(finding.path)),
        ("line", str(finding.line)),
        ("endLine", str(finding.end_line)),
    ]
    if finding.line == finding.end_line:
        last = max(finding.column, finding.end_column - 1)
        properties += [("col", str(finding.column)), ("endColumn", str(last))]
    properties.append(("title", f"{finding.rule} {finding.name}".strip()))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(finding.message)}"


class GithubFormatter(Formatter):
    """One workflow command per finding, then a plain summary line for the log."""

    name: ClassVar[str] = "github"
    description: ClassVar[str] = "GitHub Actions annotations (::error file=...,line=...::message)"

    def render(self, report: Report) -> str:
        """Annotations, path errors as file-level errors, then the summary."""
        lines = [annotation(finding) for finding in report.findings]
        lines += [
            f"::error file={escape_property(normalise_path(error.path))},title=medlint::{escape_data(error.message)}"
            for error in report.errors
        ]
        if self.show_summary:
            lines.append("medlint: " + TextFormatter().summary(report))
        return "\n".join(lines) + ("\n" if lines else "")
