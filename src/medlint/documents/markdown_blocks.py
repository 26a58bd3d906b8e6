"""A fast block scanner for the plain Markdown most pages are made of.

markdown-it-py is exact but slow: its block pass was two thirds of the time
spent parsing a typical page. Most pages only use top-level paragraphs, ATX
and setext headings, flat lists whose items are one paragraph, simple block
quotes, GFM tables, fenced code and HTML comments. For those, this module
walks the lines once and returns exactly the block list markdown-it would give
(``markdown.block_tokens``). Anything outside that subset (an indented line, a
tab, a nested or empty list item, a reference definition, an HTML block other
than a comment, a lazy block-quote line...) makes it return None, and the
caller asks markdown-it instead: the subset may shrink, never the accuracy.

Each rule here mirrors a markdown-it block rule (``rules_block/*.py``) and
follows the same precedence; ``tests/test_documents_fast.py`` compares the
two on generated Markdown.
"""

from __future__ import annotations

import re

BlockToken = tuple[str, int, int]

MD_TRIM_CHARS = (
    "\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
"""What markdown-it (4.0 and later) trims from table rows: JavaScript's ``trim`` set, not ``str.strip``'s.

Its own ``markdown_it.common.utils.MD_TRIM_CHARS``, copied so that a plain
page never imports markdown-it (its import compiles a hundred regexes, a
fifth of a one-file run); ``tests/test_documents_fast.py`` checks the copy
against the installed markdown-it.
"""

# markdown-it stops a table once rows lack this many cells in total (its
# ``rules_block/table.py``); kept here, as that module does not promise it.
MAX_AUTOCOMPLETED_CELLS = 0x10000

_NEWLINES = re.compile(r"\r\n?")
_FENCE = re.compile(r"(`{3,})([^`]*)$|(~{3,})")
_HR = re.compile(r"([*_-])(?: *\1){2,} *$")
_ORDERED = re.compile(r"([0-9]{1,9})([.)])(?: |$)")
_HEADING = re.compile(r"#{1,6}(?: |$)")
_UNDERLINE = re.compile(r"(?:-+|=+) *$")
_DELIMITER_ROW = re.compile(r"[|:-][|: -]+")
_DELIMITER_CELL = re.compile(r":?-+:?")
_CELL_PIPE = re.compile(r"(?<!\\)\|")
_LAST_PIPE = re.compile(r"(?<!\\)\|\Z")

# Line kinds. A continuation line of one of the ``_ENDS_ITEM`` kinds ends a
# list item's paragraph (markdown-it's paragraph terminators, seen from inside
# an item). A top-level paragraph is stricter: ``EMPTY_ITEM`` (a marker with
# nothing after it) continues it, and ``ORDERED`` ends it only from 1.
BLANK, TEXT, FENCE, QUOTE, HR, BULLET, ORDERED, EMPTY_ITEM, COMMENT, HEADING, INDENTED, HTML = range(12)
_UNSUPPORTED = {INDENTED: "indented line", HTML: "HTML block"}
_ENDS_ITEM = frozenset({FENCE, QUOTE, HR, BULLET, ORDERED, EMPTY_ITEM, COMMENT, HEADING})


class _Unsupported(Exception):
    """The page uses Markdown outside the subset; markdown-it must parse it."""


def simple_block_tokens(source: str) -> list[BlockToken] | None:
    """The blocks of ``source`` as ``(kind, first line, end line)``, or None when markdown-it must decide."""
    if "\t" in source or "]:" in source:
        return None  # tabs change indentation arithmetic; "]:" may be a reference definition
    lines = _NEWLINES.sub("\n", source).split("\n")
    if not lines[-1].strip(" "):
        lines.pop()  # markdown-it ignores a last line of spaces with no line break after it
    try:
        return _Scanner(lines).run()
    except _Unsupported:
        return None


def classify(line: str) -> int:
    """The kind of a line outside code, as the first block rule to claim it would see it.

    ``INDENTED`` (not blank, starts with a space) and ``HTML`` (other than a
    comment) are outside the subset wherever they are met outside a fence or
    comment.
    """
    if not line:
        return BLANK
    first = line[0]
    if first == " ":
        return INDENTED if line.strip(" ") else BLANK
    if first in "`~" and _FENCE.match(line):
        return FENCE
    if first == ">":
        return QUOTE
    if first in "*-_" and _HR.match(line):
        return HR
    if first in "*-+" and (len(line) == 1 or line[1] == " "):
        return BULLET if line[1:].strip(" ") else EMPTY_ITEM
    if first in "0123456789":
        ordered = _ORDERED.match(line)
        if ordered is not None:
            return ORDERED if line[ordered.end() :].strip(" ") else EMPTY_ITEM
    if first == "<":
        return COMMENT if line.startswith("<!--") else HTML
    if first == "#" and _HEADING.match(line):
        return HEADING
    return TEXT


def _marker(line: str, kind: int) -> str:
    """The character that decides whether two list items belong to the same list."""
    if kind == BULLET:
        return line[0]
    ordered = _ORDERED.match(line)
    assert ordered is not None
    return ordered.group(2)


class _Scanner:
    """One pass over the lines of a page, emitting markdown-it's block maps."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.count = len(lines)
        self.kinds = [classify(line) for line in lines]
        self.found: list[BlockToken] = []

    def run(self) -> list[BlockToken]:
        line = 0
        open_list: str | None = None  # marker of the list a new item would continue
        while line < self.count:
            text = self.lines[line]
            kind = self._kind(line)
            if kind == BLANK:
                line += 1
            elif open_list is not None and kind in (BULLET, ORDERED) and _marker(text, kind) == open_list:
                line = self._item(line)  # markdown-it's list loop: no table check for a next item
            elif self._is_table(line):  # the table rule comes first, even for "- a | b"
                open_list = None
                line = self._table(line)
            else:
                open_list = _marker(text, kind) if kind in (BULLET, ORDERED) else None
                line = self._block(line, kind)
        return self.found

    def _block(self, line: int, kind: int) -> int:
        """Parse the block starting at ``line`` that is not a table; rules in markdown-it's order."""
        if kind == FENCE:
            return self._fence(line)
        if kind == QUOTE:
            return self._quote(line)
        if kind == HR:
            return line + 1
        if kind in (BULLET, ORDERED):
            return self._item(line)
        if kind == EMPTY_ITEM:
            raise _Unsupported("empty list item")
        if kind == COMMENT:
            return self._comment(line)
        if kind == HEADING:
            self.found.append(("heading", line, line + 1))
            return line + 1
        return self._paragraph(line)

    def _kind(self, line: int) -> int:
        kind = self.kinds[line]
        if kind in _UNSUPPORTED:
            raise _Unsupported(_UNSUPPORTED[kind])
        return kind

    def _paragraph(self, start: int) -> int:
        """A top-level paragraph, or a setext heading when an underline ends it (``lheading``)."""
        line = start + 1
        while line < self.count:
            text = self.lines[line]
            kind = self._kind(line)
            if kind == BLANK:
                break
            if _UNDERLINE.match(text):
                self.found.append(("heading", start, line + 1))
                return line + 1
            if self._ends_paragraph(line, text, kind):
                break
            line += 1
        self.found.append(("paragraph", start, line))
        return line

    def _ends_paragraph(self, line: int, text: str, kind: int) -> bool:
        if kind in (FENCE, QUOTE, HR, COMMENT, HEADING, BULLET):
            return True
        if kind == ORDERED:
            ordered = _ORDERED.match(text)
            return ordered is not None and int(ordered.group(1)) == 1
        return self._is_table(line)

    def _item(self, start: int) -> int:
        """A list item whose content is one paragraph; lazy lines continue it."""
        text = self.lines[start]
        ordered = _ORDERED.match(text)
        marker_end = 1 if ordered is None else ordered.end(2)
        content = text[marker_end:].lstrip(" ")
        if len(text) - marker_end - len(content) > 4 or classify(content) != TEXT:
            raise _Unsupported("list item that is not a plain paragraph")
        line = start + 1
        while line < self.count:
            kind = self._kind(line)
            if kind == BLANK or kind in _ENDS_ITEM:
                break
            line += 1
        self.found.append(("paragraph", start, line))
        return line

    def _quote(self, start: int) -> int:
        """A block quote whose lines all start with ``>`` and hold plain paragraphs."""
        line = start
        paragraph: int | None = None
        while line < self.count and self.lines[line].startswith(">"):
            content = self.lines[line][1:]
            content = content[1:] if content.startswith(" ") else content
            if not content.strip(" "):
                if paragraph is not None:
                    self.found.append(("paragraph", paragraph, line))
                paragraph = None
            elif classify(content) != TEXT or "|" in content or _UNDERLINE.match(content):
                raise _Unsupported("block inside a block quote")
            elif paragraph is None:
                paragraph = line
            line += 1
        if paragraph is not None:
            self.found.append(("paragraph", paragraph, line))
        if line < self.count and self.kinds[line] != BLANK:
            raise _Unsupported("lazy block-quote line")
        return line

    def _fence(self, start: int) -> int:
        opening = self.lines[start]
        marker = opening[0]
        length = len(opening) - len(opening.lstrip(marker))
        line = start + 1
        while line < self.count:
            text = self.lines[line]
            body = text.lstrip(" ")
            run = len(body) - len(body.lstrip(marker))
            if len(text) - len(body) < 4 and run >= length and not body[run:].strip(" "):
                self.found.append(("code", start, line + 1))
                return line + 1
            line += 1
        self.found.append(("code", start, self.count))
        return self.count

    def _comment(self, start: int) -> int:
        line = start
        while line < self.count:
            if "-->" in self.lines[line]:
                line += 1
                break
            line += 1
        self.found.append(("html_block", start, line))
        return line

    def _is_table(self, line: int) -> bool:
        """markdown-it's ``table`` rule, asked whether ``line`` starts a table."""
        if line + 2 > self.count or "|" not in self.lines[line]:
            return False  # the header row needs a pipe: most lines stop here
        delimiter = self.lines[line + 1]
        if delimiter.startswith(" "):
            if delimiter.strip(" "):
                raise _Unsupported("indented line")
            return False
        if not _DELIMITER_ROW.fullmatch(delimiter) or delimiter.startswith("- "):
            return False  # "- " starts a list item, not a delimiter row
        cells = delimiter.split("|")
        aligns = 0
        for index, cell in enumerate(cells):
            trimmed = _trim(cell)
            if not trimmed:
                if index in (0, len(cells) - 1):
                    continue
                return False
            if not _DELIMITER_CELL.fullmatch(trimmed):
                return False
            aligns += 1
        header = _trim(self.lines[line])
        return "|" in header and 0 < _column_count(header) == aligns

    def _table(self, start: int) -> int:
        self.found.append(("row", start, start + 1))
        columns = _column_count(_trim(self.lines[start]))
        autocompleted = 0
        line = start + 2
        while line < self.count:
            text = self.lines[line]
            if self._kind(line) in _ENDS_ITEM:
                break
            trimmed = _trim(text)
            if not trimmed:
                break
            autocompleted += columns - _column_count(trimmed)
            if autocompleted > MAX_AUTOCOMPLETED_CELLS:
                break
            self.found.append(("row", line, line + 1))
            line += 1
        return line


def _trim(text: str) -> str:
    return text.strip(MD_TRIM_CHARS)


def _column_count(row: str) -> int:
    """Cells in a trimmed table row as markdown-it's ``escapedSplit`` counts them.

    A pipe after a backslash is text; a pipe at either end does not make an
    empty cell.
    """
    if not row:
        return 0
    return len(_CELL_PIPE.findall(row)) + 1 - row.startswith("|") - bool(_LAST_PIPE.search(row))
