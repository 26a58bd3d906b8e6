"""MDX: Markdown with ESM ``import``/``export`` lines, JSX tags and ``{expressions}``.

The ESM statements and expressions are code, so they are blanked first; the
result is then read as Markdown (JSX tags are blanked like HTML tags). MDX
comments ``{/* ... */}`` can carry suppression directives, like HTML comments.
"""

from __future__ import annotations

import regex

from medlint.documents.base import Comment, Document, blank, make_document
from medlint.documents.markdown import mask_markdown
from medlint.documents.segment import split_blocks

EXTENSIONS = (".mdx",)

_ESM = regex.compile(r"^(?:import|export)\b.*?(?=\n[ \t]*\n|\Z)", regex.MULTILINE | regex.DOTALL)
_EXPRESSION = regex.compile(r"\{(?:[^{}]|(?R))*\}")
_MDX_COMMENT = regex.compile(r"\A\{\s*/\*(.*?)\*/\s*\}\Z", regex.DOTALL)


def parse(path: str, text: str) -> Document:
    """Parse an MDX file: blank ESM and expressions, then mask as Markdown."""
    chars = list(text)
    comments: list[Comment] = []
    for match in _ESM.finditer(text):
        blank(chars, *match.span())
    premasked = "".join(chars)
    for match in _EXPRESSION.finditer(premasked):
        comment = _MDX_COMMENT.match(match.group())
        if comment is not None:
            comments.append(Comment(match.start(), match.end(), comment.group(1)))
        blank(chars, *match.span())
    masked, blocks, html_comments = mask_markdown("".join(chars))
    return make_document(
        path=path,
        text=text,
        masked=masked,
        doctype="mdx",
        segments=split_blocks(masked, blocks),
        comments=sorted([*comments, *html_comments], key=lambda item: item.start),
    )
