"""Split visible text into sentences and headings.

Rules match inside one sentence, so the splitter decides what "in the same
sentence" means. It works on masked text inside blocks (paragraphs, headings,
list items, table cells) that a parser found, so a sentence never runs from a
heading into the next paragraph. It knows the abbreviations of health writing
(Dr., e.g., i.e., U.S., vs., et al.), decimals and dosages (2.5 mg), and
initials.
"""

from __future__ import annotations

import regex

from medlint.documents.base import Block, Segment, line_spans

ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "mx",
        "prof",
        "st",
        "jr",
        "sr",
        "vs",
        "v",
        "etc",
        "al",
        "approx",
        "appt",
        "apt",
        "assn",
        "dept",
        "est",
        "fig",
        "figs",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "nos",
        "vol",
        "vols",
        "pp",
        "p",
        "ca",
        "cf",
        "ed",
        "eds",
        "rev",
        "gen",
        "hon",
        "sgt",
        "capt",
        "col",
        "lt",
        "mt",
        "ft",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.s.a",
        "a.m",
        "p.m",
        "ph.d",
        "m.d",
        "d.o",
        "b.s",
        "m.s",
        "r.n",
        "n.p",
        "d.c",
        "n.d",
        "np",
        "pa-c",
        "min",
        "max",
        "hr",
        "hrs",
        "wk",
        "wks",
        "mo",
        "mos",
        "yr",
        "yrs",
    ]
)

_BOUNDARY = regex.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+\S)")
_WORD_BEFORE = regex.compile(r"([\w.\-]+)$")
_WORD_RUN_BACKWARDS = regex.compile(r"([\w.\-]+)", regex.REVERSE)
_NEXT_START = regex.compile(r"\s+([\"'“‘(\[]*)(\S)")


def split_block(masked: str, block: Block) -> list[Segment]:
    """Return the sentences of ``block`` (or the block itself, trimmed, for a heading)."""
    segments: list[Segment] = []
    _split_into(segments, masked, block)
    return segments


def split_blocks(masked: str, blocks: list[Block]) -> list[Segment]:
    """Split every block; the result is ordered by position."""
    segments: list[Segment] = []
    for block in blocks:
        _split_into(segments, masked, block)
    return segments


def _split_into(segments: list[Segment], masked: str, block: Block) -> None:
    """Append the segments of ``block`` to ``segments`` (one list for the whole page)."""
    start, block_end = block.start, block.end
    if block.kind == "heading":
        ends = [block_end]
    else:
        # endpos ends the lookahead at the block's end, as a slice of the block would.
        ends = [
            match.end()
            for match in _BOUNDARY.finditer(masked, start, block_end)
            if _is_sentence_end(masked, match.start(), match.end())
        ]
        ends.append(block_end)
    kind = "heading" if block.kind == "heading" else "sentence"
    for end in ends:
        # str.strip() drops exactly what str.isspace() accepts, in C; masked
        # text is full of blanked markup, so whitespace runs are long.
        stripped = masked[start:end].lstrip()
        if stripped:
            first = end - len(stripped)
            segments.append(Segment(first, first + len(stripped.rstrip()), kind))
        start = end


def _is_sentence_end(masked: str, punct_start: int, end: int) -> bool:
    if masked[punct_start] in "!?…":
        return True
    # The word just before the dot: a backwards match reads only the word; a
    # forward search from 20 characters back tried every start. ``$`` also
    # matches before a final line break, so that rare case keeps the search.
    window = max(0, punct_start - 20)
    if punct_start > 0 and masked[punct_start - 1] == "\n":
        before = _WORD_BEFORE.search(masked, window, punct_start)
    else:
        before = _WORD_RUN_BACKWARDS.match(masked, window, punct_start)
    if before is not None:
        word = before.group(1).lower().strip(".")
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
    following = _NEXT_START.match(masked, end)
    if following is None:
        return True
    char = following.group(2)
    return char.isupper() or char.isdigit() or not char.isalpha()


def paragraph_blocks(masked: str, start: int, end: int) -> list[Block]:
    """Blocks of a plain-text region.

    Blank lines separate paragraphs; bullets and unpunctuated lines (headings,
    list items without markers) stand alone.
    """
    blocks: list[Block] = []
    lines = line_spans(masked, start, end)
    current: list[tuple[int, int]] = []
    for index, (line_start, line_end) in enumerate(lines):
        line = masked[line_start:line_end].strip()
        if not line:
            _flush(blocks, current, masked)
            continue
        if _BULLET.match(line) and current:
            _flush(blocks, current, masked)
        current.append((line_start, line_end))
        next_line = lines[index + 1] if index + 1 < len(lines) else None
        if _ends_unpunctuated(line) and _next_starts_new(masked, next_line):
            _flush(blocks, current, masked)
    _flush(blocks, current, masked)
    return blocks


_BULLET = regex.compile(r"^(?:[-*+•▪◦–]\s|\d{1,3}[.)]\s)")
_TERMINAL = tuple(".!?:;,…\"'”’)")


def _ends_unpunctuated(line: str) -> bool:
    return not line.endswith(_TERMINAL)


def _next_starts_new(masked: str, next_line: tuple[int, int] | None) -> bool:
    if next_line is None:
        return True
    text = masked[next_line[0] : next_line[1]].strip()
    return not text or not text[0].islower()


def _flush(blocks: list[Block], current: list[tuple[int, int]], masked: str) -> None:
    if not current:
        return
    start, end = current[0][0], current[-1][1]
    single = len(current) == 1
    line = masked[start:end].strip()
    looks_like_heading = single and _ends_unpunctuated(line) and len(line) <= 120 and not _BULLET.match(line)
    blocks.append(Block(start, end, "heading" if looks_like_heading else "paragraph"))
    current.clear()
