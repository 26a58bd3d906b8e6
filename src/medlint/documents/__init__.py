"""Document types: one module per type, each with ``EXTENSIONS`` and ``parse(path, text)``.

They are registered through the ``medlint_parse_document`` hook in
``plugins/builtin.py``, like any plugin's document type.
"""

from medlint.documents.base import Block, Comment, Document, Segment, make_document

__all__ = ["Block", "Comment", "Document", "Segment", "make_document"]
