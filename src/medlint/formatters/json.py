"""``json``: the report contract of DESIGN.md, read by ``evaluate.py`` and other tools.

``{"findings": [...], "summary": {...}}``; each finding is
``Finding.to_dict()``. Keys may be added in later versions, never renamed.
"""

from __future__ import annotations

import json
from typing import ClassVar

from medlint import __version__
from medlint.formatters.base import Formatter
from medlint.report import Report


class JsonFormatter(Formatter):
    """Machine-readable report."""

    name: ClassVar[str] = "json"
    description: ClassVar[str] = "the JSON report contract: {findings: [...], summary: {...}}"

    def render(self, report: Report) -> str:
        """Serialise the whole report."""
        payload = {
            "version": __version__,
            "findings": [finding.to_dict() for finding in report.findings],
            "summary": {
                "files": len(report.files),
                "counts": report.counts(),
                "categories": report.category_counts(),
                "errors": [{"path": error.path, "message": error.message} for error in report.errors],
                "fixes_applied": report.fixes_applied,
                "baseline_matched": report.baseline_matched,
                "baseline_stale": report.baseline_stale,
            },
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
