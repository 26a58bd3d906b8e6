"""Hover text for a flagged span: the finding's message plus the rule's explanation.

The same words as ``medlint explain`` (why it matters, what to write
instead), so the writer need not leave the editor to learn how to rewrite.
Markdown for clients that render it, the plain ``explain`` page otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from medlint.lsp.convert import docs_url
from medlint.models import Finding
from medlint.rules.model import Rule
from medlint.runner import explain_text


def hover_markdown(findings: Sequence[Finding], rules: Mapping[str, Rule]) -> str:
    """One section per finding under the cursor, separated by rules."""
    return "\n\n---\n\n".join(_markdown(finding, rules.get(finding.rule)) for finding in findings)


def hover_plaintext(findings: Sequence[Finding], rules: Mapping[str, Rule]) -> str:
    """The same in plain text, for clients without Markdown hovers."""
    sections = []
    for finding in findings:
        rule = rules.get(finding.rule)
        body = explain_text(rule) if rule is not None else f"More: {docs_url(finding)}"
        sections.append(f"{finding.rule}: {finding.message}\n\n{body}")
    return "\n\n".join(sections)


def _markdown(finding: Finding, rule: Rule | None) -> str:
    lines = [f"**{finding.rule}** `{finding.name}`: {finding.message}"]
    if rule is not None:
        docs = rule.docs
        for label, value in (("What", docs.what), ("Why", docs.why), ("Instead", docs.instead)):
            if value:
                lines += ["", f"**{label}:** {' '.join(value.split())}"]
        if docs.example:
            lines += ["", f"**Example to avoid:** {' '.join(docs.example.split())}"]
        if docs.references:
            lines += ["", "**References:**", *(f"- {reference}" for reference in docs.references)]
    lines += ["", f"[{finding.rule} in the rules reference]({docs_url(finding)})"]
    return "\n".join(lines)
