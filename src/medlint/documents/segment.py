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
_NEXT_START = regex.compile(r"\s+([\"'“‘(\[]*)(\S)")


def split_block(masked: str, block: Block) -> list[Segment]:
    """Return the sentences of ``block`` (or the block itself, trimmed, for a heading)."""
    if block.kind == "heading":
        segment = _trimmed(masked, block.start, block.end, "heading")
        return [segment] if segment else []
    segments: list[Segment] = []
    start = block.start
    text = masked[block.start : block.end]
    for match in _BOUNDARY.finditer(text):
        end = block.start + match.end()
        if _is_sentence_end(masked, block.start + match.start(), end):
            segment = _trimmed(masked, start, end, "sentence")
            if segment:
                segments.append(segment)
            start = end
    last = _trimmed(masked, start, block.end, "sentence")
    if last:
        segments.append(last)
    return segments


def split_blocks(masked: str, blocks: list[Block]) -> list[Segment]:
    """Split every block; the result is ordered by position."""
    segments: list[Segment] = []
    for block in blocks:
        segments.extend(split_block(masked, block))
    return segments


def _is_sentence_end(masked: str, punct_start: int, end: int) -> bool:
    if masked[punct_start] in "!?…":
        return True
    before = _WORD_BEFORE.search(masked, max(0, punct_start - 20), punct_start)
    if before is not None:
        word = before.group(1).lower().strip(".")
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
    following = _NEXT_START.match(masked, end)
    if following is None:
        return True
    char = following.group(2)
    return char.isupper() or char.isdigit() or not char.isalpha()


def _trimmed(masked: str, start: int, end: int, kind: str) -> Segment | None:
    while start < end and masked[start].isspace():
        start += 1
    while end > start and masked[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Segment(start, end, kind)


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
