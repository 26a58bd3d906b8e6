"""Markdown (CommonMark + GFM tables): lint the prose, never the markup.

markdown-it-py finds the blocks (headings, paragraphs, list items, table rows,
code, raw HTML); inline markup is then blanked with same-length spaces: code
spans, link targets, URLs, HTML tags and comments, emphasis and block markers.
Link text, image alt text and table cells stay visible.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from markdown_it import MarkdownIt

from medlint.documents.base import Block, Comment, Document, blank, blank_text, compute_line_starts, make_document
from medlint.documents.frontmatter import find_front_matter, mask_front_matter
from medlint.documents.html import blocks_from_boundaries, mask_html_region
from medlint.documents.segment import split_blocks

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
    """Return the masked text, the prose blocks and the comments of a Markdown text."""
    chars = list(text)
    blocks: list[Block] = []
    front = find_front_matter(text)
    source = text
    if front is not None:
        blocks.extend(mask_front_matter(text, chars, front))
        source = blank_text(text[: front[1]]) + text[front[1] :]
    line_starts = _line_starts(text)
    tokens = _parser().parse(source)
    html_ranges: list[tuple[int, int]] = []
    for token in tokens:
        if token.map is None:
            continue
        start = line_starts[min(token.map[0], len(line_starts) - 1)]
        end = _line_end(text, line_starts, token.map[1])
        if token.type in ("fence", "code_block"):
            blank(chars, start, end)
        elif token.type == "html_block":
            html_ranges.append((start, end))
        elif token.type == "heading_open":
            blocks.append(Block(start, end, "heading"))
        elif token.type == "paragraph_open":
            blocks.append(Block(start, end, "paragraph"))
        elif token.type == "tr_open":
            blocks.extend(_cells(text, start, end))
    _mask_inline(text, chars)
    code_blanked = "".join(chars)
    boundaries, comments = mask_html_region(text, chars, 0, len(text))
    comments = [comment for comment in comments if code_blanked.startswith("<!--", comment.start)]  # not in code
    for start, end in html_ranges:
        inside = [item for item in boundaries if start <= item[0] < end]
        blocks.extend(blocks_from_boundaries(inside, start, end))
    _mask_markers(chars)
    return "".join(chars), _split_at_breaks(blocks, boundaries), comments


def _mask_inline(text: str, chars: list[str]) -> None:
    current = "".join(chars)
    for match in _INLINE_CODE.finditer(current):
        blank(chars, *match.span())
    current = "".join(chars)
    for pattern in (_LINK_TARGET, _REFERENCE_LINK, _REFERENCE_DEF, _BARE_URL):
        for match in pattern.finditer(current):
            blank(chars, *match.span())
    for match in _LINK_OPEN.finditer(current):
        blank(chars, *match.span())
    for match in _ESCAPE.finditer(current):
        blank(chars, *match.span())


def _mask_markers(chars: list[str]) -> None:
    current = "".join(chars)
    for pattern in (_TABLE_DELIMITER, _RULE_LINE, _BLOCK_MARKER, _CLOSING_HASHES, _EMPHASIS):
        for match in pattern.finditer(current):
            blank(chars, *match.span())
        current = "".join(chars)
    chars[:] = current.replace("|", " ")


def _cells(text: str, start: int, end: int) -> list[Block]:
    cells: list[Block] = []
    cursor = start
    for index in range(start, end):
        if text[index] == "|" and (index == 0 or text[index - 1] != "\\"):
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


def _line_starts(text: str) -> list[int]:
    """Line starts as markdown-it counts lines: it turns CRLF and a lone CR into LF first."""
    return list(compute_line_starts(text))


def _line_end(text: str, line_starts: list[int], line: int) -> int:
    return line_starts[line] if line < len(line_starts) else len(text)
