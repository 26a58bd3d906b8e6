"""``html``: a self-contained report a reviewer opens in a browser, with no network.

Totals per severity and category at the top; then each page with its flagged
sentences shaded and the matched words marked in context, and beside each
flagged line the rule, the reason and the suggested rewrite (the fix, or the
rule's ``instead`` example). Long runs of unflagged lines are folded. One
file, inline CSS, no scripts, no external resources.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from medlint import __version__
from medlint.documents import plaintext
from medlint.documents.base import Document, compute_line_starts
from medlint.formatters.base import Formatter
from medlint.formatters.common import RuleInfo, SourceTexts, rule_infos, sentence_span
from medlint.formatters.text import TextFormatter
from medlint.models import Finding, Severity
from medlint.report import Report

CONTEXT_LINES = 2
_SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)

CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2329;background:#f6f7f9}
header,main{max-width:1200px;margin:0 auto;padding:16px 24px}
h1{margin:8px 0}h2{font-size:18px;margin:0 0 8px;word-break:break-all}
.summary{font-weight:600}
.totals{display:flex;gap:24px;flex-wrap:wrap}
table.counts{border-collapse:collapse;background:#fff;min-width:220px}
table.counts th,table.counts td{border:1px solid #d8dde3;padding:4px 10px;text-align:left}
table.counts td.n{text-align:right;font-variant-numeric:tabular-nums}
nav ul{padding-left:20px}
section.file{background:#fff;border:1px solid #d8dde3;border-radius:6px;margin:18px 0;padding:14px 16px}
.page-notes{margin:0 0 10px}
table.source{border-collapse:collapse;width:100%;table-layout:fixed}
table.source td{vertical-align:top;padding:2px 6px;border-top:1px solid #eef0f3}
td.ln{color:#8a949e;text-align:right;font:12px/1.9 ui-monospace,monospace;user-select:none}
td.text{white-space:pre-wrap;word-wrap:break-word;font:13px/1.7 ui-monospace,SFMono-Regular,Menlo,monospace}
col.ln-col{width:52px}col.notes-col{width:38%}
tr.fold td{color:#8a949e;font-style:italic;text-align:center}
.sentence{background:#fff4c2}
mark{padding:0 1px;border-radius:2px;color:inherit}
mark.error{background:#ffb3b3;border-bottom:2px solid #c62828}
mark.warning{background:#ffd59e;border-bottom:2px solid #e65100}
mark.info{background:#cfe3ff;border-bottom:2px solid #1565c0}
.note{border-left:4px solid #999;padding:4px 8px;margin:0 0 6px;background:#fafbfc;font-size:13px}
.note.error{border-color:#c62828}.note.warning{border-color:#e65100}.note.info{border-color:#1565c0}
.badge{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;padding:0 5px;border-radius:3px;
color:#fff;margin-right:4px}
.badge.error{background:#c62828}.badge.warning{background:#e65100}.badge.info{background:#1565c0}
.rule{font-family:ui-monospace,monospace;font-weight:600}
.why{color:#4a545e;margin-top:2px}
.rewrite{margin-top:3px}.rewrite q{background:#dff5e1;padding:0 2px}
.clean{color:#2e7d32}
"""


def escape(text: str) -> str:
    """``html.escape``, imported on first use (its entity table is large, and most runs never render HTML)."""
    import html

    return html.escape(text)


@dataclass(frozen=True, slots=True)
class _Marks:
    """Per-character highlight state of one page: shaded sentences and marked matches."""

    sentence: list[bool]
    mark: list[Severity | None]


class HtmlFormatter(Formatter):
    """A single-file HTML report."""

    name: ClassVar[str] = "html"
    description: ClassVar[str] = "self-contained HTML report with findings highlighted in context"

    def render(self, report: Report) -> str:
        """The whole HTML page."""
        infos = rule_infos(report)
        sources = SourceTexts()
        by_path: dict[str, list[Finding]] = defaultdict(list)
        for finding in report.findings:
            by_path[finding.path].append(finding)
        paths = sorted(set(report.files) | set(by_path))
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>medlint report ({len(report.findings)} findings)</title>",
            f"<style>{CSS}</style></head><body>",
            _header(report, paths, by_path),
            "<main>",
            *(
                _file_section(index, path, by_path[path], infos, sources)
                for index, path in enumerate(paths)
                if by_path.get(path)
            ),
            "</main></body></html>",
            "",
        ]
        return "\n".join(parts)


def _header(report: Report, paths: list[str], by_path: dict[str, list[Finding]]) -> str:
    severity_rows = "".join(
        f'<tr><td><span class="badge {name}">{name}</span></td><td class="n">{count}</td></tr>'
        for name, count in report.counts().items()
    )
    category_rows = (
        "".join(
            f'<tr><td>{escape(name)}</td><td class="n">{count}</td></tr>'
            for name, count in report.category_counts().items()
        )
        or '<tr><td colspan="2" class="clean">no findings</td></tr>'
    )
    files = "".join(
        f'<li><a href="#file-{index}">{escape(path)}</a> ({len(by_path[path])})</li>'
        if by_path.get(path)
        else f'<li>{escape(path)} <span class="clean">clean</span></li>'
        for index, path in enumerate(paths)
    )
    errors = "".join(f"<li>{escape(str(error))}</li>" for error in report.errors)
    return (
        f"<header><h1>medlint report</h1>"
        f'<p class="summary">{escape(TextFormatter().summary(report))}</p>'
        f'<div class="totals"><table class="counts" id="severity-counts"><tr><th>Severity</th><th>Findings</th></tr>'
        f'{severity_rows}</table><table class="counts" id="category-counts"><tr><th>Category</th><th>Findings</th>'
        f"</tr>{category_rows}</table></div>"
        f"<nav><h2>Pages</h2><ul>{files}</ul></nav>"
        + (f'<h2>Could not read</h2><ul class="errors">{errors}</ul>' if errors else "")
        + f"<p><small>medlint {escape(__version__)}</small></p></header>"
    )


def _file_section(
    index: int, path: str, findings: list[Finding], infos: dict[str, RuleInfo], sources: SourceTexts
) -> str:
    page = [finding for finding in findings if finding.scope == "document"]
    spans = [finding for finding in findings if finding.scope != "document"]
    text = next((sources.verified(finding) for finding in findings if sources.verified(finding) is not None), None)
    body = (
        _source_table(path, text, spans, infos)
        if text is not None
        else "".join(_note(finding, infos) for finding in spans)
    )
    page_notes = "".join(_note(finding, infos) for finding in page)
    return (
        f'<section class="file" id="file-{index}"><h2>{escape(path)} '
        f"<small>({len(findings)} finding{'s' if len(findings) != 1 else ''})</small></h2>"
        + (f'<div class="page-notes"><strong>Whole page:</strong>{page_notes}</div>' if page else "")
        + body
        + "</section>"
    )


def _note(finding: Finding, infos: dict[str, RuleInfo]) -> str:
    info = infos.get(finding.rule)
    severity = finding.severity.value
    if finding.fix is not None:
        rewrite = f"Rewrite: <q>{escape(finding.fix.text)}</q>" + (
            " (safe: medlint check --fix)" if finding.fix.safe else ""
        )
    elif info is not None and info.instead:
        rewrite = f"Instead, for example: <q>{escape(info.instead)}</q>"
    else:
        rewrite = ""
    why = escape(info.full) if info is not None and info.full != finding.message else ""
    return (
        f'<div class="note {severity}" data-rule="{escape(finding.rule)}" data-line="{finding.line}">'
        f'<span class="badge {severity}">{severity}</span><span class="rule">{escape(finding.rule)}</span> '
        f"<small>{escape(finding.category)} · line {finding.line}, column {finding.column}</small>"
        f'<div class="reason">{escape(finding.message)}</div>'
        + (f'<div class="why">{why}</div>' if why else "")
        + (f'<div class="rewrite">{rewrite}</div>' if rewrite else "")
        + "</div>"
    )


def _parse(path: str, text: str) -> Document:
    from medlint.plugins.builtin import document_types

    suffix = Path(path).suffix.lower()
    for module in document_types():
        if suffix in module.EXTENSIONS:
            document: Document = module.parse(path, text)
            return document
    return plaintext.parse(path, text)


def _marks(document: Document, spans: list[Finding]) -> _Marks:
    size = len(document.text)
    marks = _Marks([False] * size, [None] * size)
    for finding in spans:
        start, end = sentence_span(document, finding)
        for offset in range(start, min(end, size)):
            marks.sentence[offset] = True
        for offset in range(finding.offset, min(finding.end_offset, size)):
            current = marks.mark[offset]
            if current is None or finding.severity.rank > current.rank:
                marks.mark[offset] = finding.severity
    return marks


def _render_line(text: str, marks: _Marks, start: int, end: int) -> str:
    out: list[str] = []
    cursor = start
    while cursor < end:
        state = (marks.sentence[cursor], marks.mark[cursor])
        stop = cursor
        while stop < end and (marks.sentence[stop], marks.mark[stop]) == state:
            stop += 1
        chunk = escape(text[cursor:stop])
        if state[1] is not None:
            chunk = f'<mark class="{state[1].value}">{chunk}</mark>'
        if state[0]:
            chunk = f'<span class="sentence">{chunk}</span>'
        out.append(chunk)
        cursor = stop
    return "".join(out)


def _visible_lines(flagged: set[int], total: int) -> list[int]:
    keep = {line for hit in flagged for line in range(hit - CONTEXT_LINES, hit + CONTEXT_LINES + 1)}
    return [line for line in range(1, total + 1) if line in keep]


def _source_table(path: str, text: str, spans: list[Finding], infos: dict[str, RuleInfo]) -> str:
    document = _parse(path, text)
    marks = _marks(document, spans)
    starts = compute_line_starts(text)
    notes: dict[int, list[Finding]] = defaultdict(list)
    for finding in spans:
        notes[finding.line].append(finding)
    flagged = set(notes)
    for finding in spans:
        start, end = sentence_span(document, finding)
        flagged.update(range(document.line_of(start), document.line_of(max(start, end - 1)) + 1))
    total = len(starts) - 1 if text.endswith(("\n", "\r")) else len(starts)
    rows = list(_rows(text, starts, marks, _visible_lines(flagged, total), total, notes, infos))
    columns = '<colgroup><col class="ln-col"><col><col class="notes-col"></colgroup>'
    return '<table class="source">' + columns + "".join(rows) + "</table>"


def _rows(
    text: str,
    starts: tuple[int, ...],
    marks: _Marks,
    visible: list[int],
    total: int,
    notes: dict[int, list[Finding]],
    infos: dict[str, RuleInfo],
) -> Iterator[str]:
    previous = 0
    for line in visible:
        if line > previous + 1:
            hidden = line - previous - 1
            yield f'<tr class="fold"><td></td><td colspan="2">⋯ {hidden} line{"s" if hidden != 1 else ""} ⋯</td></tr>'
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        note_html = "".join(_note(finding, infos) for finding in notes.get(line, []))
        css = ' class="flagged"' if line in notes else ""
        yield (
            f'<tr{css}><td class="ln">{line}</td><td class="text">{_render_line(text, marks, start, end)}'
            f'</td><td class="notes">{note_html}</td></tr>'
        )
        previous = line
    if visible and visible[-1] < total:
        hidden = total - visible[-1]
        yield f'<tr class="fold"><td></td><td colspan="2">⋯ {hidden} line{"s" if hidden != 1 else ""} ⋯</td></tr>'
