"""``rdjson`` and ``rdjsonl``: reviewdog's Diagnostic Format, for PR review comments.

``rdjson`` is one ``DiagnosticResult`` object; ``rdjsonl`` is one
``Diagnostic`` per line (``medlint check --format rdjsonl . | reviewdog
-f=rdjsonl -reporter=github-pr-review``). reviewdog counts columns in UTF-8
bytes with an exclusive end, so columns are converted from code points using
the file's text; fixes become ``suggestions`` that reviewdog posts as
suggested changes.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from medlint.baseline import normalise_path
from medlint.formatters.base import Formatter
from medlint.formatters.common import SourceTexts
from medlint.formatters.sarif import INFORMATION_URI
from medlint.models import Finding, Severity
from medlint.report import Report

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}
SOURCE = {"name": "medlint", "url": INFORMATION_URI}


def diagnostic(finding: Finding, sources: SourceTexts) -> dict[str, Any]:
    """The reviewdog ``Diagnostic`` of one finding."""
    start, end = sources.utf8_columns(finding)
    span = {"start": {"line": finding.line, "column": start}, "end": {"line": finding.end_line, "column": end}}
    code: dict[str, str] = {"value": finding.rule}
    if finding.help_uri:
        code["url"] = finding.help_uri
    result: dict[str, Any] = {
        "message": finding.message,
        "location": {"path": normalise_path(finding.path), "range": span},
        "severity": SEVERITIES[finding.severity],
        "source": SOURCE,
        "code": code,
    }
    if finding.fix is not None:
        result["suggestions"] = [{"range": span, "text": finding.fix.text}]
    return result


class RdjsonFormatter(Formatter):
    """One ``DiagnosticResult`` document."""

    name: ClassVar[str] = "rdjson"
    description: ClassVar[str] = "reviewdog Diagnostic Format, one JSON document"

    def render(self, report: Report) -> str:
        """The whole result."""
        sources = SourceTexts()
        payload = {"source": SOURCE, "diagnostics": [diagnostic(finding, sources) for finding in report.findings]}
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


class RdjsonlFormatter(Formatter):
    """One ``Diagnostic`` JSON object per line."""

    name: ClassVar[str] = "rdjsonl"
    description: ClassVar[str] = "reviewdog Diagnostic Format, one JSON object per line"

    def render(self, report: Report) -> str:
        """One line per finding."""
        sources = SourceTexts()
        return "".join(
            json.dumps(diagnostic(finding, sources), ensure_ascii=False) + "\n" for finding in report.findings
        )
