"""``gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``).

One JSON array; each issue has ``description``, ``check_name``,
``fingerprint``, ``severity`` and ``location.path`` + ``location.lines``
(inclusive), the fields GitLab reads (a subset of the Code Climate spec).
The fingerprint is the baseline fingerprint, which leaves out line numbers,
so the merge-request widget does not report an old finding as new when text
above it moves.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from medlint.baseline import fingerprints, normalise_path
from medlint.formatters.base import Formatter
from medlint.models import Finding, Severity
from medlint.report import Report

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    """The Code Quality issue for one finding."""
    return {
        "type": "issue",
        "description": " ".join(f"{finding.rule}: {finding.message}".split()),
        "check_name": finding.rule,
        "categories": ["Style"],
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": {
            "path": normalise_path(finding.path),
            "lines": {"begin": finding.line, "end": max(finding.line, finding.end_line)},
        },
    }


class GitlabFormatter(Formatter):
    """GitLab Code Quality JSON."""

    name: ClassVar[str] = "gitlab"
    description: ClassVar[str] = "GitLab Code Quality report (JSON array)"

    def render(self, report: Report) -> str:
        """The array of issues (empty when clean)."""
        issues = [
            issue(finding, fingerprint)
            for finding, fingerprint in zip(report.findings, fingerprints(report.findings), strict=True)
        ]
        return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
