"""HTML: only visible text is linted.

Tags, attributes, comments, ``<script>``, ``<style>`` and code (``<code>``,
``<pre>``, ``<kbd>``, ``<samp>``) are blanked; the
``alt`` text of images is kept (readers and screen readers see it). Block-level
tags end a block, so a sentence never runs from a heading into a paragraph.
"""

from __future__ import annotations

import html as html_lib

import regex

from medlint.documents.base import Block, Comment, Document, blank_text, make_document
from medlint.documents.segment import split_blocks

EXTENSIONS = (".html", ".htm", ".xhtml")

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
        "button",
        "label",
    ]
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "title"})

_MARKUP = regex.compile(
    r"""
    (?P<comment><!--.*?(?:-->|\Z))
    | (?P<raw><(?P<rawtag>script|style|template|noscript|code|pre|kbd|samp|svg|math)\b[^>]*>.*?(?:</(?P=rawtag)\s*>|\Z))
    | (?P<decl><![^>]*>|<\?.*?\?>)
    | (?P<tag></?(?P<name>[A-Za-z][\w:-]*)(?:[^<>"']|"[^"]*"|'[^']*')*>)
    | (?P<entity>&(?:\#\d{1,7}|\#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)
    """,
    regex.DOTALL | regex.IGNORECASE | regex.VERBOSE,
)
_ALT = regex.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", regex.IGNORECASE)


def mask_html_region(
    text: str, chars: list[str], start: int, end: int
) -> tuple[list[tuple[int, str, bool]], list[Comment]]:
    """Blank markup in ``chars[start:end]`` (the list form of :func:`mask_html`, kept for plugins).

    Returns the block boundaries met (offset, tag name, is-closing) and the comments.
    """
    masked, boundaries, comments = mask_html(text, "".join(chars), start, end)
    chars[:] = masked
    return boundaries, comments


def mask_html(text: str, masked: str, start: int, end: int) -> tuple[str, list[tuple[int, str, bool]], list[Comment]]:
    """Blank the markup of ``text[start:end]`` in ``masked`` (same length as ``text``).

    Markup is found in ``text`` and blanked in ``masked``, so earlier masking
    (code, link targets) is kept. Returns the new masked text, the block
    boundaries met (offset, tag name, is-closing) and the comments. The result
    is built from pieces in one join: a list of single characters costs about
    50 bytes per character of the file.
    """
    boundaries: list[tuple[int, str, bool]] = []
    comments: list[Comment] = []
    if "<" not in text and "&" not in text:
        return masked, boundaries, comments  # all markup starts with one of them: skip the scan
    pieces: list[str] = []
    cursor = 0
    for match in _MARKUP.finditer(text, start, end):
        pieces.append(masked[cursor : match.start()])
        pieces.append(_masked_markup(text, masked, match))
        cursor = match.end()
        if match.group("comment") is not None:
            comments.append(Comment(match.start(), match.end(), _comment_body(match.group())))
        elif match.group("tag") is not None:
            name = match.group("name").lower()
            if name in BLOCK_TAGS or name == "img":
                boundaries.append((match.start(), name, match.group().startswith("</")))
    if not pieces:
        return masked, boundaries, comments
    pieces.append(masked[cursor:])
    return "".join(pieces), boundaries, comments


def _masked_markup(text: str, masked: str, match: regex.Match[str]) -> str:
    """What replaces one piece of markup: spaces, plus an image's alt text or an entity's character."""
    start, end = match.span()
    if match.group("entity") is not None:
        decoded = html_lib.unescape(match.group())
        if len(decoded) == 1 and decoded not in "\r\n":
            return (" " if decoded == "\xa0" else decoded) + " " * (end - start - 1)
        return " " * (end - start)
    if match.group("tag") is not None and match.group("name").lower() == "img":
        alt = _ALT.search(text, start, end)
        if alt is not None:
            group = 1 if alt.group(1) is not None else 2
            alt_start, alt_end = alt.span(group)
            return blank_text(masked[start:alt_start]) + text[alt_start:alt_end] + blank_text(masked[alt_end:end])
    return blank_text(masked[start:end])


def _comment_body(comment: str) -> str:
    body = comment[4:]
    return body[:-3] if body.endswith("-->") else body


def blocks_from_boundaries(boundaries: list[tuple[int, str, bool]], start: int, end: int) -> list[Block]:
    """Turn block-level tag positions into blocks, marking heading content."""
    blocks: list[Block] = []
    cursor = start
    heading_depth = 0
    for offset, name, closing in boundaries:
        kind = "heading" if heading_depth > 0 else "paragraph"
        if offset > cursor:
            blocks.append(Block(cursor, offset, kind))
        cursor = offset
        if name in HEADING_TAGS:
            heading_depth = max(0, heading_depth + (-1 if closing else 1))
    if end > cursor:
        blocks.append(Block(cursor, end, "heading" if heading_depth > 0 else "paragraph"))
    return blocks


def parse(path: str, text: str) -> Document:
    """Parse an HTML file: mask markup, keep visible text, split at block tags."""
    masked, boundaries, comments = mask_html(text, text, 0, len(text))
    blocks = blocks_from_boundaries(boundaries, 0, len(text))
    return make_document(
        path=path,
        text=text,
        masked=masked,
        doctype="html",
        segments=split_blocks(masked, blocks),
        comments=comments,
    )
