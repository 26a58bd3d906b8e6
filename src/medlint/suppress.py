"""Inline suppressions in comments, audited so stale ones do not pile up.

Forms (in ``<!-- ... -->`` or MDX ``{/* ... */}``; no ids means every rule;
ids may be rule ids, names or categories; ``-- reason`` is free text)::

    <!-- medlint-disable-next-line EFF001 -- reviewed by legal 2026-05 -->
    <!-- medlint-disable-line SPD001 -->
    <!-- medlint-disable HYP001, HYP002 --> ... <!-- medlint-enable HYP001, HYP002 -->
    <!-- medlint-disable-file DOC001 -->

A directive that suppresses nothing is reported as MED001; an unknown id as
MED002 (flake8's ``noqa`` and sqlfluff's unused-noqa checks, combined).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from medlint.documents.base import Document
from medlint.models import Finding, Severity

UNUSED = "MED001"
UNKNOWN = "MED002"
_DIRECTIVE = regex.compile(
    r"^\s*medlint-(?P<action>disable-next-line|disable-line|disable-file|disable|enable)\b"
    r"(?P<ids>(?:(?!\s--).)*)(?:\s--\s*(?P<reason>.*))?$",
    regex.DOTALL,
)


@dataclass(slots=True)
class Directive:
    """One parsed directive and whether it suppressed anything."""

    action: str
    ids: tuple[str, ...]
    start: int
    end: int
    line: int
    first_line: int
    last_line: int
    used: bool = False
    matched_ids: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> bool:
        """True when this directive applies to ``finding``'s line and rule."""
        if not self._names(finding):
            return False
        if finding.scope == "document":
            return self.action == "disable-file"
        return self.first_line <= finding.line <= self.last_line

    def _names(self, finding: Finding) -> bool:
        if not self.ids:
            return True
        for selector in self.ids:
            if selector in (finding.rule, finding.name, finding.category):
                self.matched_ids.add(selector)
                return True
        return False


def parse_directives(document: Document) -> list[Directive]:
    """Read the directives from the document's comments, resolving their line ranges."""
    directives: list[Directive] = []
    open_ranges: list[Directive] = []
    last_line = len(document.line_starts)
    for comment in document.comments:
        match = _DIRECTIVE.match(comment.body)
        if match is None:
            continue
        ids = tuple(item for item in regex.split(r"[\s,]+", match.group("ids").strip()) if item)
        line = document.line_of(comment.start)
        end_line = document.line_of(max(comment.start, comment.end - 1))
        action = match.group("action")
        directive = Directive(action, ids, comment.start, comment.end, line, line, line)
        if action == "disable-next-line":
            directive.first_line = directive.last_line = end_line + 1
        elif action == "disable-file":
            directive.first_line, directive.last_line = 1, last_line
        elif action == "disable":
            directive.last_line = last_line
            open_ranges.append(directive)
        elif action == "enable":
            _close(open_ranges, ids, line)
            continue
        directives.append(directive)
    return directives


def _close(open_ranges: list[Directive], ids: tuple[str, ...], line: int) -> None:
    for directive in reversed(open_ranges):
        if not ids or set(ids) & set(directive.ids) or not directive.ids:
            directive.last_line = line
            open_ranges.remove(directive)
            return


def apply_suppressions(findings: Iterable[Finding], document: Document, known: frozenset[str]) -> list[Finding]:
    """Drop suppressed findings; add MED001/MED002 findings for stale or unknown directives."""
    directives = parse_directives(document)
    if not directives:
        return list(findings)
    kept: list[Finding] = []
    for finding in findings:
        covering = [directive for directive in directives if directive.covers(finding)]
        for directive in covering:
            directive.used = True
        if not covering:
            kept.append(finding)
    kept.extend(_audit(directives, document, known))
    return kept


def _audit(directives: list[Directive], document: Document, known: frozenset[str]) -> list[Finding]:
    findings: list[Finding] = []
    for directive in directives:
        unknown = [item for item in directive.ids if item not in known]
        if unknown:
            findings.append(
                _meta(
                    document,
                    directive,
                    UNKNOWN,
                    "unknown-directive-id",
                    f"medlint-{directive.action} names unknown rule(s) {', '.join(unknown)}; fix or remove them",
                )
            )
        elif not directive.used:
            names = f" {', '.join(directive.ids)}" if directive.ids else ""
            findings.append(
                _meta(
                    document,
                    directive,
                    UNUSED,
                    "unused-directive",
                    f"medlint-{directive.action}{names} suppresses nothing; remove it",
                )
            )
    return findings


def _meta(document: Document, directive: Directive, rule: str, name: str, message: str) -> Finding:
    line, column = document.position(directive.start)
    end_line, end_column = document.position(directive.end)
    return Finding(
        path=document.path, rule=rule, name=name, category="suppression", severity=Severity.WARNING,
        message=message, line=line, column=column, end_line=end_line, end_column=end_column,
        offset=directive.start, end_offset=directive.end, match=document.text[directive.start:directive.end],
    )  # fmt: skip
