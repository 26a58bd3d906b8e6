"""``sarif``: a SARIF 2.1.0 log for GitHub code scanning and other result viewers.

One run; ``tool.driver.rules`` describes every rule that ran (short and full
descriptions, help text and Markdown, default level, category tag), and each
result points at its rule by id and index. Columns are code points, declared
as ``columnKind: unicodeCodePoints``. Paths inside the working folder are
relative to the ``SRCROOT`` base (the working folder), which is what GitHub
expects; ``partialFingerprints`` carries the baseline fingerprint so a viewer
tracks a finding across edits the way ``--baseline`` does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote

from medlint import __version__
from medlint.baseline import FINGERPRINT_KEY, fingerprints, normalise_path
from medlint.formatters.base import Formatter
from medlint.formatters.common import RuleInfo, rule_infos
from medlint.models import Finding, Severity
from medlint.report import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/medlint/medlint"
SRCROOT = "SRCROOT"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class SarifFormatter(Formatter):
    """Static Analysis Results Interchange Format 2.1.0."""

    name: ClassVar[str] = "sarif"
    description: ClassVar[str] = "SARIF 2.1.0 log (GitHub code scanning, VS Code SARIF viewer)"

    def render(self, report: Report) -> str:
        """The whole log as indented JSON."""
        return json.dumps(sarif_log(report), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: Report) -> dict[str, Any]:
    """Build the SARIF log object for ``report``."""
    infos = rule_infos(report)
    index = {rule_id: position for position, rule_id in enumerate(infos)}
    results = [
        _result(finding, fingerprint, index[finding.rule])
        for finding, fingerprint in zip(report.findings, fingerprints(report.findings), strict=True)
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "medlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(info) for info in infos.values()],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(report)],
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _descriptor(info: RuleInfo) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": info.id,
        "name": info.name,
        "shortDescription": {"text": info.short},
        "fullDescription": {"text": info.full},
        "help": {"text": info.help_text, "markdown": info.help_markdown},
        "defaultConfiguration": {"level": LEVELS[info.severity]},
        "properties": {"tags": ["health-claims", info.category], "precision": "medium"},
    }
    if info.help_uri:
        descriptor["helpUri"] = info.help_uri
    return descriptor


def artifact_location(path: str) -> dict[str, str]:
    """A relative URI under ``SRCROOT`` for paths in the working folder, else an absolute ``file:`` URI."""
    relative = normalise_path(path)
    if Path(relative).is_absolute():
        return {"uri": Path(relative).as_uri()}
    return {"uri": quote(relative), "uriBaseId": SRCROOT}


def _region(finding: Finding) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }
    if finding.match and finding.scope != "document":
        region["snippet"] = {"text": finding.match}
    return region


def _result(finding: Finding, fingerprint: str, rule_index: int) -> dict[str, Any]:
    location = {"physicalLocation": {"artifactLocation": artifact_location(finding.path), "region": _region(finding)}}
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"category": finding.category, "scope": finding.scope},
    }
    if finding.fix is not None:
        result["fixes"] = [_fix(finding)]
    return result


def _fix(finding: Finding) -> dict[str, Any]:
    assert finding.fix is not None
    return {
        "description": {"text": f"Replace with '{finding.fix.text}'"},
        "artifactChanges": [
            {
                "artifactLocation": artifact_location(finding.path),
                "replacements": [
                    {
                        "deletedRegion": {key: value for key, value in _region(finding).items() if key != "snippet"},
                        "insertedContent": {"text": finding.fix.text},
                    }
                ],
            }
        ],
    }


def _invocation(report: Report) -> dict[str, Any]:
    notifications = [
        {
            "level": "error",
            "message": {"text": error.message},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(error.path)}}],
        }
        for error in report.errors
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation
