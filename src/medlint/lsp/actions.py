"""The edits behind medlint's code actions, in code-point offsets (no LSP types here).

Three actions per finding: apply the rule's rewrite (``Finding.fix``), put a
``medlint-disable-next-line`` directive above the line, or a
``medlint-disable-file`` directive at the top of the file (after front
matter). A directive reported as unused (MED001) can be removed. Directives
use the comment syntax of the document type; plain text has no comments, so it
only gets the rewrite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medlint.api import META_RULES
from medlint.documents.frontmatter import find_front_matter
from medlint.lsp.convert import Change
from medlint.models import Finding
from medlint.suppress import UNUSED

COMMENT_STYLES = {"markdown": "<!-- {} -->", "html": "<!-- {} -->", "mdx": "{{/* {} */}}"}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Indentation and blockquote markers, so the directive stays in the same block.
_MARKDOWN_PREFIX = re.compile(r"(?:[ \t]*>)*[ \t]*")
_HTML_PREFIX = re.compile(r"[ \t]*")


@dataclass(frozen=True, slots=True)
class Action:
    """One code action: a title and the change it makes."""

    title: str
    change: Change
    preferred: bool = False


def actions_for(finding: Finding, text: str, doctype: str) -> list[Action]:
    """The code actions offered for ``finding`` in ``text`` (a document of type ``doctype``)."""
    actions: list[Action] = []
    if finding.fix is not None:
        fix = finding.fix
        title = f"Replace '{finding.match}' with '{fix.text}'" if fix.text else f"Remove '{finding.match}'"
        actions.append(Action(title, Change(fix.start, fix.end, fix.text), preferred=True))
    if finding.rule == UNUSED:
        actions.append(Action("Remove this unused medlint directive", remove_change(finding, text), preferred=True))
    style = COMMENT_STYLES.get(doctype)
    if style is None or finding.rule in META_RULES:
        return actions
    if finding.scope != "document" and not _in_front_matter(text, finding.offset):
        change = disable_line_change(finding.rule, finding.offset, text, style, doctype)
        actions.append(Action(f"Disable {finding.rule} for this line", change))
    actions.append(Action(f"Disable {finding.rule} in this file", disable_file_change(finding.rule, text, style)))
    return actions


def newline_of(text: str) -> str:
    """The file's own line break, so inserted lines match it."""
    found = _LINE_BREAK.search(text)
    return found.group() if found else "\n"


def disable_line_change(rule: str, offset: int, text: str, style: str, doctype: str) -> Change:
    """Insert ``medlint-disable-next-line RULE`` on its own line above the line holding ``offset``."""
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    prefix_pattern = _HTML_PREFIX if doctype == "html" else _MARKDOWN_PREFIX
    prefix = prefix_pattern.match(text, line_start)
    indent = prefix.group() if prefix else ""
    directive = style.format(f"medlint-disable-next-line {rule}")
    return Change(line_start, line_start, f"{indent}{directive}{newline_of(text)}")


def disable_file_change(rule: str, text: str, style: str) -> Change:
    """Insert ``medlint-disable-file RULE`` at the top, or right after the front matter."""
    newline = newline_of(text)
    directive = style.format(f"medlint-disable-file {rule}")
    span = find_front_matter(text)
    if span is None:
        start = 1 if text.startswith("\ufeff") else 0
        return Change(start, start, directive + newline)
    end = span[1]
    after = _LINE_BREAK.match(text, end)
    if after is None:
        return Change(end, end, newline + directive + newline)
    return Change(after.end(), after.end(), directive + newline)


def remove_change(finding: Finding, text: str) -> Change:
    """Delete the directive's comment, and its line too when nothing else is on it."""
    start, end = finding.offset, finding.end_offset
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    after = _LINE_BREAK.search(text, end)
    line_end = after.start() if after else len(text)
    if text[line_start:start].strip() or text[end:line_end].strip():
        return Change(start, end, "")
    return Change(line_start, after.end() if after else line_end, "")


def _in_front_matter(text: str, offset: int) -> bool:
    span = find_front_matter(text)
    return span is not None and span[0] <= offset < span[1]
