"""The parsed form of a file that every check reads: original text, masked text, segments.

A parser blanks markup with spaces of the same length (newlines kept), so an
offset into ``masked`` is an offset into ``text`` and no position mapping is
ever needed (Vale's ``lint/md.go`` trick). Segments are the sentences and
headings most rules match within.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NOT_LINE_BREAK = re.compile(r"[^\r\n]")
_SEGMENT_ORDER = operator.attrgetter("start", "end")


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence or heading: ``[start, end)`` offsets into the document."""

    start: int
    end: int
    kind: str = "sentence"


@dataclass(frozen=True, slots=True)
class Block:
    """A run of visible text that sentences never cross (paragraph, heading, list item, cell)."""

    start: int
    end: int
    kind: str = "paragraph"


@dataclass(frozen=True, slots=True)
class Comment:
    """A markup comment (``<!-- ... -->``), where inline suppression directives live."""

    start: int
    end: int
    body: str


@dataclass(frozen=True, slots=True)
class Document:
    """One parsed file. ``masked`` has the same length as ``text``."""

    path: str
    text: str
    masked: str
    doctype: str
    segments: tuple[Segment, ...]
    comments: tuple[Comment, ...] = ()
    line_starts: tuple[int, ...] = field(default=(0,))
    segment_starts: tuple[int, ...] = field(default=())

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a 0-based code-point offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_of(self, offset: int) -> int:
        """Return the 1-based line number that holds ``offset``."""
        return bisect.bisect_right(self.line_starts, offset)

    def segment_at(self, offset: int) -> Segment | None:
        """Return the segment containing ``offset``, if any."""
        index = bisect.bisect_right(self.segment_starts, offset) - 1
        if index >= 0 and self.segments[index].end > offset:
            return self.segments[index]
        return None

    @property
    def first_line_end(self) -> int:
        """Offset just past the first line's text (where document-level findings point)."""
        newline = self.text.find("\n")
        end = len(self.text) if newline < 0 else newline
        return end - 1 if end > 0 and self.text[end - 1] == "\r" else end


def compute_line_starts(text: str) -> tuple[int, ...]:
    r"""Offsets where each line starts; ``\\r\\n``, ``\\r`` and ``\\n`` all end a line."""
    if "\r" in text:
        return (0, *(match.end() for match in _LINE_BREAK.finditer(text)))
    # Without carriage returns, a line starts one past the lengths of the lines
    # before it: summed in C, with no Python call per line.
    lengths = map(len, text.split("\n")[:-1])
    return (0, *map(operator.add, itertools.accumulate(lengths), itertools.count(1)))


def blank(chars: list[str], start: int, end: int) -> None:
    """Replace ``chars[start:end]`` by spaces, keeping line breaks."""
    start, end = max(start, 0), min(end, len(chars))
    if start < end:
        chars[start:end] = blank_text("".join(chars[start:end]))


def blank_text(text: str) -> str:
    """Return ``text`` with every character but line breaks turned into a space.

    Most blanked runs (a code span, a link target) hold no line break, and one
    string multiplication is far cheaper than a character-by-character pass.
    """
    if "\r" in text:
        return _NOT_LINE_BREAK.sub(" ", text)
    if "\n" not in text:
        return " " * len(text)
    return "\n".join([" " * len(line) for line in text.split("\n")])


def blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Return ``text`` with every ``(start, end)`` span blanked, line breaks kept.

    The string form of :func:`blank`: parsers build the masked text with one
    join per pass instead of keeping a list of single characters (about 50
    bytes per character of the file) and rejoining it after every pass.
    ``spans`` must be sorted by start; they may overlap or be empty.
    """
    pieces: list[str] = []
    cursor = 0
    for start, end in spans:
        start = max(start, cursor)
        if end <= start:
            continue
        pieces.append(text[cursor:start])
        pieces.append(blank_text(text[start:end]))
        cursor = end
    if not pieces:
        return text
    pieces.append(text[cursor:])
    return "".join(pieces)


def make_document(
    *,
    path: str,
    text: str,
    masked: str,
    doctype: str,
    segments: list[Segment],
    comments: list[Comment] | tuple[Comment, ...] = (),
) -> Document:
    """Build a :class:`Document`, computing the line and segment indexes once."""
    if len(masked) != len(text):
        raise ValueError(f"masking changed the length of {path}: {len(text)} -> {len(masked)}")
    ordered = tuple(sorted(segments, key=_SEGMENT_ORDER))
    return Document(
        path=path,
        text=text,
        masked=masked,
        doctype=doctype,
        segments=ordered,
        comments=tuple(comments),
        line_starts=compute_line_starts(text),
        segment_starts=tuple(segment.start for segment in ordered),
    )


def line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each newline-separated line of ``text[start:end]``, line breaks excluded."""
    spans: list[tuple[int, int]] = []
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        line_end = end if newline < 0 else newline
        spans.append((position, line_end))
        position = line_end + 1
    return spans
