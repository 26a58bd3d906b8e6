"""Plain text: nothing is masked; paragraphs, bullets and title-like lines are blocks."""

from __future__ import annotations

from medlint.documents.base import Document, make_document
from medlint.documents.segment import paragraph_blocks, split_blocks

EXTENSIONS = (".txt", ".text")


def parse(path: str, text: str) -> Document:
    """Parse a plain-text file; the masked text is the text itself."""
    blocks = paragraph_blocks(text, 0, len(text))
    return make_document(
        path=path,
        text=text,
        masked=text,
        doctype="text",
        segments=split_blocks(text, blocks),
    )
