"""Prose held in MDX component props: ``<Hero title="..." />``, ``<FAQ items={[{ a: "..." }]} />``.

MDX pages put much of their copy into components: a hero's title, the
questions and answers of an FAQ, the quotes of a review carousel. The MDX
parser blanks tags and ``{expressions}`` as code, so without this module
that copy was never read. Only string literals that read as prose are given
back: three words or more, with a capital letter or punctuation, in a prop
whose name is not one of the code props (``className``, ``href``, ``src``...).
``"mt-4 text-lg font-bold"`` and ``"/images/hero.png"`` stay blanked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from medlint.documents.base import Block

_STRING = regex.compile(
    r"""(?:\b([A-Za-z_$][\w$-]*)\s*[:=]\s*)?(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`([^`$]*)`)"""
)
_COMPONENT_TAG = regex.compile(r"<[A-Za-z][\w.:-]*(?:\s(?:[^<>\"'{}]|\"[^\"\n]*\"|'[^'\n]*')*)?/?>")
_WORDS = regex.compile(r"[^\W\d_][\w'’-]*")
_READS_AS_PROSE = regex.compile(r"\p{Lu}|[.!?,;:]")
_CODE_LIKE = regex.compile(r"://|\A\s*[/#.@]|\A[\w.-]+\.(?:png|jpe?g|svg|webp|gif|mp4|pdf|css|js)\Z")

CODE_PROPS = frozenset(
    {"className", "class", "href", "src", "id", "key", "style", "type", "name", "to", "as", "variant",
     "color", "size", "icon", "slug", "path", "url", "lang", "locale", "theme", "layout", "target", "rel"}
)  # fmt: skip
"""Props whose strings are code, however wordy."""

MIN_WORDS = 3


def prose_strings(text: str, regions: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of each prose string literal inside ``regions`` (expressions and tags)."""
    for start, end in regions:
        for match in _STRING.finditer(text, start, end):
            prop = match.group(1)
            group = next(index for index in (2, 3, 4) if match.group(index) is not None)
            if (prop is None or prop not in CODE_PROPS) and _is_prose(match.group(group)):
                yield match.span(group)


def component_tags(text: str) -> list[tuple[int, int]]:
    """The spans of JSX tags in ``text`` (their attributes are where ``title="..."`` props live)."""
    return [match.span() for match in _COMPONENT_TAG.finditer(text)]


def restore(masked: str, text: str, spans: Iterable[tuple[int, int]], blocks: list[Block]) -> tuple[str, list[Block]]:
    """``masked`` with each span's original text put back as a block of its own.

    A block the Markdown pass made of a blanked tag line (all blank) gives way
    to the strings inside it; a string inside a block with visible text (an
    inline ``{"..."}`` in a paragraph) is left blanked, so no sentence is read twice.
    """
    blank = [block for block in blocks if not masked[block.start : block.end].strip()]
    visible = [block for block in blocks if masked[block.start : block.end].strip()]
    pieces: list[str] = []
    cursor = 0
    added: list[Block] = []
    for start, end in sorted(spans):
        if start < cursor or any(_overlaps(block, start, end) for block in visible):
            continue
        pieces.append(masked[cursor:start])
        pieces.append(text[start:end])
        cursor = end
        added.append(Block(start, end))
    if not added:
        return masked, blocks
    pieces.append(masked[cursor:])
    kept = [block for block in blank if not any(_overlaps(block, new.start, new.end) for new in added)]
    return "".join(pieces), sorted([*visible, *kept, *added], key=lambda block: block.start)


def _overlaps(block: Block, start: int, end: int) -> bool:
    return block.start < end and start < block.end


def _is_prose(value: str) -> bool:
    return (
        len(_WORDS.findall(value)) >= MIN_WORDS
        and _READS_AS_PROSE.search(value) is not None
        and _CODE_LIKE.search(value) is None
    )
