"""MDX: Markdown with ESM ``import``/``export`` lines, JSX tags and ``{expressions}``.

The ESM statements and expressions are code, so they are blanked first; the
result is then read as Markdown (JSX tags are blanked like HTML tags). String
props that read as prose (a hero's title, an FAQ's answers) are then given
back as blocks of their own (:mod:`medlint.documents.mdx_props`). MDX
comments ``{/* ... */}`` can carry suppression directives, like HTML comments.
"""

from __future__ import annotations

import regex

from medlint.documents.base import Comment, Document, blank_spans, make_document
from medlint.documents.markdown import mask_markdown
from medlint.documents.mdx_props import component_tags, prose_strings, restore
from medlint.documents.segment import split_blocks

EXTENSIONS = (".mdx",)

_ESM = regex.compile(r"^(?:import|export)\b.*?(?=\n[ \t]*\n|\Z)", regex.MULTILINE | regex.DOTALL)
_BRACE = regex.compile(r"[{}]")
_MDX_COMMENT = regex.compile(r"\A\{\s*/\*(.*?)\*/\s*\}\Z", regex.DOTALL)


def expression_spans(text: str) -> list[tuple[int, int]]:
    """The outermost balanced ``{...}`` spans, in one pass.

    A recursive regex did this, but it is quadratic or worse on unbalanced
    braces (a line of 20,000 ``{`` took half a minute); a stack is linear.
    An unclosed ``{`` is literal text, as before.
    """
    pairs: list[tuple[int, int]] = []
    opened: list[int] = []
    for brace in _BRACE.finditer(text):
        if brace.group() == "{":
            opened.append(brace.start())
        elif opened:
            pairs.append((opened.pop(), brace.end()))
    spans: list[tuple[int, int]] = []
    for start, end in sorted(pairs):
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans


def parse(path: str, text: str) -> Document:
    """Parse an MDX file: blank ESM and expressions, then mask as Markdown."""
    comments: list[Comment] = []
    premasked = blank_spans(text, [match.span() for match in _ESM.finditer(text)])
    expressions = expression_spans(premasked)
    for start, end in expressions:
        comment = _MDX_COMMENT.match(premasked[start:end])
        if comment is not None:
            comments.append(Comment(start, end, comment.group(1)))
    masked, blocks, html_comments = mask_markdown(blank_spans(premasked, expressions))
    code = sorted([*expressions, *component_tags(premasked)])
    masked, blocks = restore(masked, text, prose_strings(premasked, code), blocks)
    return make_document(
        path=path,
        text=text,
        masked=masked,
        doctype="mdx",
        segments=split_blocks(masked, blocks),
        comments=sorted([*comments, *html_comments], key=lambda item: item.start),
    )
