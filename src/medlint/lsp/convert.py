r"""Code-point offsets <-> LSP positions, and Finding -> Diagnostic: the server's only edge.

Findings count code points (Python ``str`` indices). An LSP client counts
columns in the encoding negotiated at ``initialize``: UTF-16 code units unless
it offered UTF-8 or UTF-32. Lines are split on ``\r\n``, ``\r`` and ``\n``
as the LSP spec says, and as medlint's documents do, not with
``str.splitlines`` (which also breaks at form feeds, U+0085 and U+2028 and
would shift every line below one of them).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from lsprotocol import types

from medlint.documents.base import compute_line_starts
from medlint.models import Finding, Severity

SOURCE = "medlint"
UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
RULE_DOCS = "https://github.com/medlint/medlint/blob/main/docs/rules.md#{anchor}"
_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def normalize_encoding(encoding: object) -> str:
    """The negotiated ``positionEncoding`` as ``utf-8``/``utf-16``/``utf-32`` (UTF-16 when unset)."""
    value = str(getattr(encoding, "value", encoding) or UTF16).lower()
    return value if value in (UTF8, UTF32) else UTF16


def units(text: str, encoding: str) -> int:
    """How many code units of ``encoding`` the client counts for ``text``."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@dataclass(frozen=True, slots=True)
class Change:
    """Replace ``[start, end)`` (code-point offsets) by ``text``; converted to a TextEdit at the edge."""

    start: int
    end: int
    text: str


class LineIndex:
    """Line starts of one text, to map offsets to client positions and back."""

    def __init__(self, text: str, encoding: str = UTF16):
        self.text = text
        # ASCII counts the same in every encoding: no per-position encoding needed.
        self.encoding = UTF32 if text.isascii() else encoding
        self.starts = compute_line_starts(text)
        # (line, offset, units) of the last position: findings come sorted, so each
        # conversion only counts from the previous one (linear on one long line).
        self._last = (-1, 0, 0)

    def line_bounds(self, line: int) -> tuple[int, int]:
        """``(start, end)`` offsets of the 0-based ``line``, without its line break."""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def position(self, offset: int) -> types.Position:
        """The client position of a code-point offset."""
        offset = min(max(offset, 0), len(self.text))
        line = bisect.bisect_right(self.starts, offset) - 1
        base, counted = self.starts[line], 0
        last_line, last_offset, last_units = self._last
        if last_line == line and last_offset <= offset:
            base, counted = last_offset, last_units
        counted += units(self.text[base:offset], self.encoding)
        self._last = (line, offset, counted)
        return types.Position(line=line, character=counted)

    def offset(self, position: types.Position) -> int:
        """The code-point offset of a client position (clamped to the line, as the spec asks)."""
        if position.line >= len(self.starts):
            return len(self.text)
        start, end = self.line_bounds(position.line)
        if self.encoding == UTF32:
            return min(start + position.character, end)
        counted = 0
        for index in range(start, end):
            if counted >= position.character:
                return index
            counted += units(self.text[index], self.encoding)
        return end

    def range(self, start: int, end: int) -> types.Range:
        """The client range of ``[start, end)``."""
        return types.Range(start=self.position(start), end=self.position(end))

    def text_edit(self, change: Change) -> types.TextEdit:
        """The TextEdit of a :class:`Change`."""
        return types.TextEdit(range=self.range(change.start, change.end), new_text=change.text)


def finding_span(finding: Finding, index: LineIndex) -> tuple[int, int]:
    """The offsets a diagnostic covers; an empty document-level span widens to its whole line."""
    start, end = finding.offset, finding.end_offset
    if end <= start:
        line = bisect.bisect_right(index.starts, start) - 1
        line_start, line_end = index.line_bounds(max(line, 0))
        return (line_start, line_end) if line_end > line_start else (start, start)
    return start, end


def docs_url(finding: Finding) -> str:
    """The rule's own link when it has one, else its section of the rules reference."""
    return finding.help_uri or RULE_DOCS.format(anchor=finding.rule.lower())


def to_diagnostic(finding: Finding, index: LineIndex, version: int | None) -> types.Diagnostic:
    """The LSP diagnostic of one finding.

    ``data`` keeps the finding's offsets and the document version, because some
    clients (Neovim 0.7) send ``context.diagnostics`` back with byte columns:
    the server finds the finding again from ``data``, never from that range.
    """
    start, end = finding_span(finding, index)
    data: dict[str, Any] = {
        "rule": finding.rule,
        "offset": finding.offset,
        "end_offset": finding.end_offset,
        "version": version,
    }
    return types.Diagnostic(
        range=index.range(start, end),
        message=finding.message,
        severity=_SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=docs_url(finding)),
        source=SOURCE,
        data=data,
    )
