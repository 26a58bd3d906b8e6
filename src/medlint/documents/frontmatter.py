"""YAML (``---``) and TOML (``+++``) front matter: keep ``title`` and ``description``.

Front matter is metadata, so it is masked, except the values of the keys a
reader sees (the page title and its description), which are linted like a
heading and a paragraph.
"""

from __future__ import annotations

import regex

from medlint.documents.base import Block, blank, line_spans

VISIBLE_KEYS = frozenset({"title", "description"})

_OPENING = regex.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n")
_YAML_ITEM = regex.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)\r?$", regex.MULTILINE)
_TOML_ITEM = regex.compile(r"([A-Za-z_][\w-]*)[ \t]*=[ \t]*(.*?)\r?$", regex.MULTILINE)
_BLOCK_SCALAR = regex.compile(r"^[|>][+-]?\d*$")
_CLOSING = {fence: regex.compile(rf"^{regex.escape(fence)}[ \t]*$", regex.MULTILINE) for fence in ("---", "+++")}


def find_front_matter(text: str) -> tuple[int, int] | None:
    """Return ``(start, end)`` of the front matter (fences included), or None."""
    opening = _OPENING.match(text)
    if opening is None:
        return None
    found = _CLOSING[opening.group(1)].search(text, opening.end())
    if found is None:
        return None
    return 0, found.end()


def mask_front_matter(text: str, chars: list[str], span: tuple[int, int]) -> list[Block]:
    """Blank the front matter in ``chars`` except visible values; return their blocks."""
    start, end = span
    blank(chars, start, end)
    toml = text.lstrip("\ufeff").startswith("+++")
    item_pattern = _TOML_ITEM if toml else _YAML_ITEM
    blocks: list[Block] = []
    lines = line_spans(text, start, end)
    index = 0
    while index < len(lines):
        line_start, line_end = lines[index]
        item = item_pattern.match(text, line_start, line_end)
        index += 1
        if item is None or item.group(1).lower() not in VISIBLE_KEYS:
            continue
        kind = "heading" if item.group(1).lower() == "title" else "paragraph"
        value_start, value_end = item.span(2)
        if not toml and _BLOCK_SCALAR.match(item.group(2).strip()):
            first = index
            while index < len(lines) and _indented(text, lines[index]):
                index += 1
            if index > first:
                value_start, value_end = lines[first][0], lines[index - 1][1]
        blocks.append(_keep_value(text, chars, value_start, value_end, kind))
    return blocks


def _keep_value(text: str, chars: list[str], start: int, end: int, kind: str) -> Block:
    chars[start:end] = text[start:end]
    stripped_start, stripped_end = start, end
    while stripped_start < stripped_end and text[stripped_start] in " \t\"'":
        chars[stripped_start] = " " if text[stripped_start] not in "\r\n" else text[stripped_start]
        stripped_start += 1
    while stripped_end > stripped_start and text[stripped_end - 1] in " \t\"'\r":
        if text[stripped_end - 1] != "\r":
            chars[stripped_end - 1] = " "
        stripped_end -= 1
    return Block(stripped_start, stripped_end, kind)


def _indented(text: str, line: tuple[int, int]) -> bool:
    content = text[line[0] : line[1]]
    return content.startswith((" ", "\t")) or not content.strip()
