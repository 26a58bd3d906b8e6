"""``junit``: JUnit XML for GitLab test reports, Jenkins and Azure Pipelines.

One ``<testcase>`` per linted file (``classname`` = the path, so GitLab shows
it as the suite) with one ``<failure>`` per finding; a clean file is a passing
test case, and a file that could not be read is an ``<error>``. JUnit has no
position fields, so ``path:line:col`` is in each failure's message and body.
The shape validates against the Jenkins xUnit ``junit-10.xsd``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, datetime
from typing import ClassVar

from medlint import __version__
from medlint.formatters.base import Formatter
from medlint.models import Finding
from medlint.report import Report

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _XML_FORBIDDEN.sub("\ufffd", text)


def _escape(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def _hostname() -> str:
    import socket

    return socket.gethostname()


def _attr(text: str) -> str:
    from xml.sax.saxutils import quoteattr  # imports urllib.request: only when this format is used

    return quoteattr(_clean(text))


def failure(finding: Finding) -> str:
    """The ``<failure>`` element of one finding."""
    where = f"{finding.path}:{finding.line}:{finding.column}"
    message = f"{where}: {finding.message} [{finding.rule}]"
    body = f"{where}: {finding.severity.value}: {finding.message} [{finding.rule}]"
    return f"      <failure type={_attr(finding.rule)} message={_attr(message)}>{_escape(_clean(body))}</failure>"


def testcase(path: str, findings: list[Finding]) -> str:
    """The ``<testcase>`` of one file."""
    opening = f'    <testcase classname={_attr(path)} name={_attr(path)} time="0"'
    if not findings:
        return opening + "/>"
    return "\n".join([opening + ">", *(failure(finding) for finding in findings), "    </testcase>"])


class JunitFormatter(Formatter):
    """JUnit XML: one test case per file, one failure per finding."""

    name: ClassVar[str] = "junit"
    description: ClassVar[str] = "JUnit XML, one testcase per file (GitLab, Jenkins, Azure)"

    def render(self, report: Report) -> str:
        """The XML document."""
        by_path: dict[str, list[Finding]] = defaultdict(list)
        for finding in report.findings:
            by_path[finding.path].append(finding)
        paths = sorted(set(report.files) | set(by_path))
        cases = [testcase(path, by_path.get(path, [])) for path in paths]
        cases += [
            f'    <testcase classname={_attr(error.path)} name={_attr(error.path)} time="0">\n'
            f'      <error type="read-error" message={_attr(error.message)}>{_escape(_clean(str(error)))}</error>\n'
            "    </testcase>"
            for error in report.errors
        ]
        tests = len(paths) + len(report.errors)
        failures = sum(1 for path in paths if by_path.get(path))
        counts = f'tests="{tests}" failures="{failures}" errors="{len(report.errors)}"'
        stamp = datetime.now(UTC).replace(microsecond=0, tzinfo=None).isoformat()
        return "\n".join(
            [
                '<?xml version="1.0" encoding="UTF-8"?>',
                f'<testsuites name="medlint" {counts} time="0">',
                f'  <testsuite name="medlint" {counts} skipped="0" time="0" timestamp="{stamp}" '
                f"hostname={_attr(_hostname())}>",
                "    <properties>",
                f'      <property name="medlint.version" value="{__version__}"/>',
                f'      <property name="medlint.findings" value="{len(report.findings)}"/>',
                "    </properties>",
                *cases,
                "  </testsuite>",
                "</testsuites>",
                "",
            ]
        )
