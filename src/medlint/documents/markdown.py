"""Markdown (CommonMark + GFM tables): lint the prose, never the markup.

markdown-it-py finds the blocks (headings, paragraphs, list items, table rows,
code, raw HTML), or, for the plain pages most sites are made of, a line scanner
that gives the same answer many times faster (``markdown_blocks``); inline
markup is then blanked with same-length spaces: code spans, link targets, URLs,
HTML tags and comments, emphasis and block markers. Link text, image alt text
and table cells stay visible.
"""

from __future__ import annotations

import string
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from medlint.documents.base import Block, Comment, Document, blank_spans, blank_text, compute_line_starts, make_document
from medlint.documents.frontmatter import find_front_matter, mask_front_matter
from medlint.documents.html import blocks_from_boundaries, mask_html
from medlint.documents.markdown_blocks import BlockToken, simple_block_tokens
from medlint.documents.segment import split_blocks

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")

_INLINE_CODE = regex.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", regex.DOTALL)
_LINK_TARGET = regex.compile(
    r"\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"
)
_REFERENCE_LINK = regex.compile(r"\]\[[^\]\n]*\]")
_LINK_OPEN = regex.compile(r"!?\[(?=[^\[\]\n]*\](?:\(|\[))")  # stops at "[": linear on "[[[["
_REFERENCE_DEF = regex.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S.*$", regex.MULTILINE)
_BARE_URL = regex.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]", regex.IGNORECASE)
_BLOCK_MARKER = regex.compile(
    r"^[ \t]*(?:(?:>[ \t]?)|(?:[-*+][ \t]+(?:\[[ xX]\][ \t]+)?)|(?:\d{1,9}[.)][ \t]+)|(?:\#{1,6}(?=[ \t]|$)))+",
    regex.MULTILINE,
)
_CLOSING_HASHES = regex.compile(r"[ \t]+\#+[ \t]*$", regex.MULTILINE)
_RULE_LINE = regex.compile(r"^[ \t]*(?:[-*_=][ \t]*){3,}$", regex.MULTILINE)
_TABLE_DELIMITER = regex.compile(
    r"^[ \t]*\|?[ \t]*:?-{1,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*)*\|?[ \t]*$", regex.MULTILINE
)
_EMPHASIS = regex.compile(r"(?<![\w\\])[*_~]{1,3}(?=\S)|(?<=\S)[*_~]{1,3}(?![\w])")
_ESCAPE = regex.compile(r"\\(?=[!-/:-@\[-`{-~])")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Only block tokens and their line maps are read, so inline parsing (the
    # costliest half of markdown-it) is switched off; inline markup is masked below.
    # Imported here: plain pages never need it, and its import is a fifth of a one-file run.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table").disable("inline")


def parse(path: str, text: str) -> Document:
    """Parse a Markdown file into a masked :class:`Document`."""
    masked, blocks, comments = mask_markdown(text)
    return make_document(
        path=path,
        text=text,
        masked=masked,
        doctype="markdown",
        segments=split_blocks(masked, blocks),
        comments=comments,
    )


def mask_markdown(text: str) -> tuple[str, list[Block], list[Comment]]:
    """Return the masked text, the prose blocks and the comments of a Markdown text.

    The masked text is built as a string, pass after pass, each pass one
    regex scan and one join; the order of the passes is part of the result
    (each later pattern sees what the earlier ones blanked).
    """
    blocks: list[Block] = []
    front = find_front_matter(text)
    masked = source = text
    if front is not None:
        head = list(text[: front[1]])
        blocks.extend(mask_front_matter(text, head, front))
        masked = "".join(head) + text[front[1] :]
        source = blank_text(text[: front[1]]) + text[front[1] :]
    line_starts = compute_line_starts(text)
    code: list[tuple[int, int]] = []
    html_ranges: list[tuple[int, int]] = []
    for kind, first, last in block_tokens(source):
        start = line_starts[min(first, len(line_starts) - 1)]
        end = line_starts[last] if last < len(line_starts) else len(text)
        if kind == "code":
            code.append((start, end))
        elif kind == "html_block":
            html_ranges.append((start, end))
        elif kind == "row":
            blocks.extend(_cells(text, start, end))
        else:
            blocks.append(Block(start, end, kind))
    masked = _mask_inline(blank_spans(masked, code))
    masked_html, boundaries, comments = mask_html(text, masked, 0, len(text))
    comments = [comment for comment in comments if masked.startswith("<!--", comment.start)]  # not in code
    for start, end in html_ranges:
        inside = [item for item in boundaries if start <= item[0] < end]
        blocks.extend(blocks_from_boundaries(inside, start, end))
    return _mask_markers(masked_html), _split_at_breaks(blocks, boundaries), comments


def block_tokens(source: str) -> list[BlockToken]:
    """The blocks markdown-it finds, as ``(kind, first line, end line)`` in document order.

    Kinds: ``heading``, ``paragraph``, ``row`` (a table row), ``code`` (fenced
    or indented) and ``html_block``; nothing else is read. Plain pages take the
    line scanner of :mod:`markdown_blocks` (same result, many times faster);
    the rest go through markdown-it.
    """
    simple = simple_block_tokens(source)
    return simple if simple is not None else markdown_it_block_tokens(source)


def markdown_it_block_tokens(source: str) -> list[BlockToken]:
    """:func:`block_tokens` as markdown-it computes it, for every page."""
    found: list[BlockToken] = []
    for token in _parser().parse(source):
        kind = _TOKEN_KINDS.get(token.type)
        if kind is not None and token.map is not None:
            found.append((kind, token.map[0], token.map[1]))
    return found


_TOKEN_KINDS = {
    "fence": "code",
    "code_block": "code",
    "html_block": "html_block",
    "heading_open": "heading",
    "paragraph_open": "paragraph",
    "tr_open": "row",
}


def _mask_inline(masked: str) -> str:
    if "`" in masked:
        masked = blank_spans(masked, [match.span() for match in _INLINE_CODE.finditer(masked)])
    spans = [
        match.span() for pattern, needle in _INLINE_PATTERNS if needle in masked for match in pattern.finditer(masked)
    ]
    spans.extend(_bare_url_spans(masked))
    spans.sort()
    return blank_spans(masked, spans)


# Each pattern with a substring every match of it contains: most pages have no
# reference links or escapes, and a substring test is far cheaper than a scan.
_INLINE_PATTERNS = (
    (_LINK_TARGET, "]("),
    (_REFERENCE_LINK, "]["),
    (_REFERENCE_DEF, "]:"),
    (_LINK_OPEN, "["),
    (_ESCAPE, "\\"),
)
_WWW = regex.compile(r"[wW]{3}\.")  # only "w" and "W" match "w" ignoring case


def _bare_url_spans(masked: str) -> list[tuple[int, int]]:
    """What ``_BARE_URL.finditer`` finds, trying the pattern only where a URL can start.

    A match starts four or five characters before a "://" (``http``,
    ``https``) or at a "www." in any case; trying those places in order, each
    past the previous match, is what ``finditer`` does, without running the
    word-boundary test at every character of the page.
    """
    starts: set[int] = {www.start() for www in _WWW.finditer(masked)}
    scheme = masked.find("://")
    while scheme >= 0:
        starts.update((scheme - 5, scheme - 4))
        scheme = masked.find("://", scheme + 3)
    spans: list[tuple[int, int]] = []
    reached = 0
    for start in sorted(starts):
        if start >= reached:
            url = _BARE_URL.match(masked, start)
            if url is not None:
                spans.append(url.span())
                reached = url.end()
    return spans


def _spaces(match: regex.Match[str]) -> str:
    return " " * (match.end() - match.start())


def _mask_markers(masked: str) -> str:
    """Blank block markers, rules, table delimiters and emphasis.

    The line patterns match within one line, so they run only on the lines
    that can hold a match (prose lines start with a letter and hold no ``#``),
    and each only when a cheap test every match needs passes: scanning the
    whole text with each of them cost more than the rest of the masking. They
    run in the same order as before, each on what the previous ones left.
    """
    lines = masked.split("\n")
    for index in [at for at, line in enumerate(lines) if line and (line[0] not in _PROSE_HEADS or "#" in line)]:
        lines[index] = _mask_marker_line(lines[index])
    # No pattern can match a line break, so plain spaces keep the lines.
    return _EMPHASIS.sub(_spaces, "\n".join(lines)).replace("|", " ")


_PROSE_HEADS = frozenset(string.ascii_letters)


def _mask_marker_line(line: str) -> str:
    """Apply the line patterns to one line, in order.

    All but the closing hashes are anchored at the line start, so one
    ``match`` replaces a ``sub``; each runs only if a character test that
    every match of it needs passes.
    """
    body = line.strip(" \t")
    if not body:
        return line
    if not body.strip(" \t|:-") and _TABLE_DELIMITER.match(line):
        return " " * len(line)
    if not body.strip("-*_= \t") and _RULE_LINE.match(line):
        return " " * len(line)
    if body[0] in ">-*+#" or body[0].isnumeric():
        marker = _BLOCK_MARKER.match(line)
        if marker is not None:
            line = " " * marker.end() + line[marker.end() :]
    if body.endswith("#"):
        hashes = _CLOSING_HASHES.search(line)
        if hashes is not None:
            line = line[: hashes.start()] + " " * (len(line) - hashes.start())
    return line


_CELL_BAR = regex.compile(r"(?<!\\)\|")


def _cells(text: str, start: int, end: int) -> list[Block]:
    cells: list[Block] = []
    cursor = start
    for bar in _CELL_BAR.finditer(text, start, end):
        index = bar.start()
        if index > cursor:
            cells.append(Block(cursor, index, "cell"))
        cursor = index + 1
    if end > cursor:
        cells.append(Block(cursor, end, "cell"))
    return cells


def _split_at_breaks(blocks: list[Block], boundaries: list[tuple[int, str, bool]]) -> list[Block]:
    """Split blocks at inline ``<br>`` and other block tags met inside them."""
    cuts = sorted(offset for offset, _name, _closing in boundaries)
    if not cuts:
        return blocks
    result: list[Block] = []
    for block in blocks:
        cursor = block.start
        for cut in cuts:
            if block.start < cut < block.end:
                result.append(Block(cursor, cut, block.kind))
                cursor = cut
        result.append(Block(cursor, block.end, block.kind))
    return result
