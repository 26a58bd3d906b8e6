"""HTML: only visible text is linted.

Tags, attributes, comments, ``<script>``, ``<style>`` and code (``<code>``,
``<pre>``, ``<kbd>``, ``<samp>``) are blanked; the
``alt`` text of images is kept (readers and screen readers see it). Block-level
tags end a block, so a sentence never runs from a heading into a paragraph.
"""

from __future__ import annotations

import html as html_lib

import regex

from medlint.documents.base import Block, Comment, Document, blank, make_document
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
    """Blank markup in ``chars[start:end]``.

    Returns the block boundaries met (offset, tag name, is-closing) and the comments.
    """
    boundaries: list[tuple[int, str, bool]] = []
    comments: list[Comment] = []
    for match in _MARKUP.finditer(text, start, end):
        if match.group("comment") is not None:
            comments.append(Comment(match.start(), match.end(), _comment_body(match.group())))
            blank(chars, *match.span())
        elif match.group("raw") is not None or match.group("decl") is not None:
            blank(chars, *match.span())
        elif match.group("tag") is not None:
            _mask_tag(text, chars, match)
            name = match.group("name").lower()
            if name in BLOCK_TAGS or name == "img":
                boundaries.append((match.start(), name, match.group().startswith("</")))
        elif match.group("entity") is not None:
            _mask_entity(chars, match)
    return boundaries, comments


def _comment_body(comment: str) -> str:
    body = comment[4:]
    return body[:-3] if body.endswith("-->") else body


def _mask_tag(text: str, chars: list[str], match: regex.Match[str]) -> None:
    blank(chars, *match.span())
    if match.group("name").lower() != "img":
        return
    alt = _ALT.search(text, match.start(), match.end())
    if alt is not None:
        group = 1 if alt.group(1) is not None else 2
        for position in range(*alt.span(group)):
            chars[position] = text[position]


def _mask_entity(chars: list[str], match: regex.Match[str]) -> None:
    decoded = html_lib.unescape(match.group())
    blank(chars, *match.span())
    if len(decoded) == 1 and decoded not in "\r\n":
        chars[match.start()] = " " if decoded == "\xa0" else decoded


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
    chars = list(text)
    boundaries, comments = mask_html_region(text, chars, 0, len(text))
    masked = "".join(chars)
    blocks = blocks_from_boundaries(boundaries, 0, len(text))
    return make_document(
        path=path,
        text=text,
        masked=masked,
        doctype="html",
        segments=split_blocks(masked, blocks),
        comments=comments,
    )
