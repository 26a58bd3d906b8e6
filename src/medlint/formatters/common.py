"""What several CI formats share: rule descriptions, and the source text for other column units.

Findings count columns in code points. Some consumers count differently
(reviewdog: UTF-8 bytes), and the HTML report shows the page itself, so
:class:`SourceTexts` re-reads a file once and checks that the finding still
points at the same text; when it cannot (stdin, a file changed since), the
caller falls back to code points, which are the same for ASCII text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from medlint.documents.base import Document, compute_line_starts
from medlint.models import Finding, Severity
from medlint.report import Report
from medlint.rules.model import Rule
from medlint.sources import SourceError, read_source

META_DESCRIPTIONS = {
    "MED001": ("unused-directive", "An inline medlint directive suppresses nothing; remove it."),
    "MED002": ("unknown-directive-id", "An inline medlint directive names a rule that does not exist."),
    "MED003": ("rule-timed-out", "A rule took longer than rule-timeout on a file and was stopped."),
}
_MAX_TEXT = 1000


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """The description of one rule that SARIF, HTML and rdjson show."""

    id: str
    name: str
    category: str
    severity: Severity
    short: str
    full: str
    help_text: str
    help_markdown: str
    help_uri: str = ""
    instead: str = ""


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"


def rule_info(rule: Rule) -> RuleInfo:
    """Describe a loaded rule from its ``docs``."""
    docs = rule.docs
    short = docs.what or rule.name.replace("-", " ")
    full = " ".join(part for part in (docs.what, docs.why) if part) or short
    sections = [("What it flags", docs.what), ("Why it matters", docs.why), ("Example", docs.example),
                ("Instead", docs.instead)]  # fmt: skip
    text = "\n\n".join(f"{title}: {body}" for title, body in sections if body) or short
    markdown = "\n\n".join(f"**{title}:** {body}" for title, body in sections if body) or short
    if docs.references:
        text += "\n\nReferences:\n" + "\n".join(f"- {item}" for item in docs.references)
        markdown += "\n\n**References:**\n\n" + "\n".join(f"- {item}" for item in docs.references)
    if rule.link:
        markdown += f"\n\n[Rule documentation]({rule.link})"
    return RuleInfo(
        rule.id, rule.name, rule.category, rule.severity, _clip(short), _clip(full), text, markdown,
        rule.link, docs.instead,
    )  # fmt: skip


def finding_info(finding: Finding) -> RuleInfo:
    """Describe a rule known only from a finding (medlint's own MED00x, or a plugin's)."""
    name, text = META_DESCRIPTIONS.get(finding.rule, (finding.name, finding.name.replace("-", " ") or finding.rule))
    return RuleInfo(
        finding.rule, name or finding.rule, finding.category, finding.severity, text, text, text, text,
        finding.help_uri,
    )  # fmt: skip


def rule_infos(report: Report) -> dict[str, RuleInfo]:
    """Every rule that ran plus any rule a finding names, in a stable order (rules first)."""
    infos = {rule.id: rule_info(rule) for rule in report.rules}
    for finding in sorted(report.findings, key=lambda item: item.rule):
        if finding.rule not in infos:
            infos[finding.rule] = finding_info(finding)
    return infos


@dataclass
class SourceTexts:
    """The text of each reported file, read once, or None when it cannot be re-read."""

    cache: dict[str, tuple[str, tuple[int, ...]] | None] = field(default_factory=dict)

    def _load(self, path: str) -> tuple[str, tuple[int, ...]] | None:
        if path not in self.cache:
            try:
                text = read_source(Path(path), 1 << 62).text
                self.cache[path] = (text, compute_line_starts(text))
            except (SourceError, OSError, ValueError):
                self.cache[path] = None
        return self.cache[path]

    def text(self, path: str) -> str | None:
        """The decoded text of ``path`` (None for stdin or an unreadable file)."""
        loaded = self._load(path)
        return loaded[0] if loaded is not None else None

    def verified(self, finding: Finding) -> str | None:
        """The file text, only when ``finding``'s offsets still land on its line and column."""
        loaded = self._load(finding.path)
        if loaded is None or finding.end_offset > len(loaded[0]):
            return None
        text, starts = loaded
        line = bisect.bisect_right(starts, finding.offset)
        if (line, finding.offset - starts[line - 1] + 1) != (finding.line, finding.column):
            return None
        return text

    def utf8_columns(self, finding: Finding) -> tuple[int, int]:
        """1-based start and (exclusive) end columns in UTF-8 bytes; code points when the text is gone."""
        text = self.verified(finding)
        loaded = self.cache.get(finding.path)
        if text is None or loaded is None:
            return finding.column, finding.end_column
        starts = loaded[1]
        return _utf8_column(text, starts, finding.offset), _utf8_column(text, starts, finding.end_offset)


def _utf8_column(text: str, starts: tuple[int, ...], offset: int) -> int:
    line_start = starts[bisect.bisect_right(starts, offset) - 1]
    return len(text[line_start:offset].encode("utf-8")) + 1


def sentence_span(document: Document, finding: Finding) -> tuple[int, int]:
    """The sentence or heading around a span finding (the finding's own span when none holds it)."""
    segment = document.segment_at(finding.offset)
    if segment is None or segment.end < finding.end_offset:
        return finding.offset, finding.end_offset
    return segment.start, segment.end
