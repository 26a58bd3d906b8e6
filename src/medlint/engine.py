"""Run the enabled rules over one parsed document and turn hits into findings.

Span rules run first; document rules then see the span findings, so a
``require`` rule can mean "this page makes claims and has no disclaimer".
A rule whose pattern exceeds the time limit on a file is reported as MED003
for that file, and the run goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from medlint.checks.base import Hit, RunContext
from medlint.documents.base import Document
from medlint.models import Finding, Fix, Scope, Severity
from medlint.rules.model import Rule

TIMED_OUT = "MED003"


def lint_document(
    document: Document,
    rules: Iterable[Rule],
    *,
    region: str | None = None,
    timeout: float | None = None,
) -> list[Finding]:
    """Return the findings of ``rules`` on ``document``, before suppressions."""
    ordered = list(rules)
    context = RunContext(region=region, limit=timeout)
    span_findings: list[Finding] = []
    for rule in ordered:
        if not rule.is_document_rule:
            span_findings.extend(_run(rule, document, context))
    span_findings = without_superseded(span_findings, ordered)
    document_context = RunContext(region=region, span_findings=tuple(span_findings), limit=timeout)
    document_findings: list[Finding] = []
    for rule in ordered:
        if rule.is_document_rule:
            document_findings.extend(_run(rule, document, document_context))
    return span_findings + document_findings


def without_superseded(findings: list[Finding], rules: Iterable[Rule]) -> list[Finding]:
    """``findings`` less those a rule's ``supersedes`` replaces: same text, one reading (TST003 over TST002)."""
    replaces = {rule.id: frozenset(rule.supersedes) for rule in rules if rule.supersedes}
    if not replaces:
        return findings
    winners = [finding for finding in findings if finding.rule in replaces]
    return [
        finding
        for finding in findings
        if not any(
            finding.rule in replaces[winner.rule]
            and finding.offset < winner.end_offset
            and winner.offset < finding.end_offset
            for winner in winners
        )
    ]


def _run(rule: Rule, document: Document, context: RunContext) -> list[Finding]:
    try:
        return [to_finding(rule, document, hit) for hit in rule.check.run(document, rule.scope, context.started())]
    except TimeoutError:
        return [_timed_out(rule, document, context.limit)]


def to_finding(rule: Rule, document: Document, hit: Hit) -> Finding:
    """Build the finding for one hit: position, formatted message, optional fix."""
    line, column = document.position(hit.start)
    end_line, end_column = document.position(hit.end)
    fix = Fix(hit.start, hit.end, hit.replacement, hit.safe) if hit.replacement is not None else None
    return Finding(
        path=document.path,
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        severity=rule.severity,
        message=format_message(rule.message, hit.values),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        offset=hit.start,
        end_offset=hit.end,
        scope="document" if rule.scope is Scope.DOCUMENT else "span",
        match=hit.values.get("match", document.text[hit.start : hit.end]),
        fix=fix,
        help_uri=rule.link,
    )


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(\w+)\}")


def format_message(template: str, values: Mapping[str, str]) -> str:
    """Fill ``{match}``-style placeholders; whitespace in values is folded to one space.

    Only plain ``{name}`` is filled (``{{``/``}}`` are literal braces), never
    ``str.format``: a rule is data, and ``{match.__class__}`` or ``{match[x]}``
    in a message must print as written, not reach into objects or raise.
    Unknown names are left as they are.
    """

    def fill(found: re.Match[str]) -> str:
        name = found.group(1)
        if name is None:
            return found.group()[0]
        value = values.get(name)
        return found.group() if value is None else " ".join(value.split())

    return _PLACEHOLDER.sub(fill, template)


def _timed_out(rule: Rule, document: Document, timeout: float | None) -> Finding:
    return Finding(
        path=document.path, rule=TIMED_OUT, name="rule-timed-out", category="medlint",
        severity=Severity.ERROR,
        message=(
            f"rule {rule.id} ({rule.path}) took longer than {timeout}s on this file and was stopped; "
            "simplify its patterns"
        ),
        line=1, column=1, end_line=1, end_column=1, offset=0, end_offset=0, scope="document",
    )  # fmt: skip
