"""One compiled pass per page that tells each rule which sentences it may match in.

Without it, every rule pattern costs Python-driven work on every page (the
word-tree prefilter, then ``regex`` at candidate offsets). With the optional
``hyperscan`` package installed (``pip install "medlint[fast]"``), the
patterns the rule kinds ask the prefilter about (per sentence,
:meth:`Check.scanned_patterns`; per page, :meth:`Check.page_patterns`) are
widened (:mod:`medlint.checks.superset`) and compiled into one database; a
page is scanned once for all of them, a rule searches only the sentences in
which one of its widened expressions ends, and a page-level pattern runs
only on pages where it can match. The widening only ever matches
more, so findings are identical with and without it; a test compares them
on every corpus.

Compiling the database takes seconds, so it is built only for runs with
many files: :data:`BUILD_CACHED` when the cache folder already held these
rules' memo (a kept cache: the database is stored beside the memo and
serves later runs), else :data:`BUILD_UNCACHED`, where it must pay for
itself within the run (``--no-cache``, or a CI job whose cache starts empty). A kept database is read back, signed
like the memo, by later runs of :data:`LOAD_FROM` files or more: reading it
costs about what linting three pages saves.
"""

from __future__ import annotations

import bisect
import json
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from medlint.cache import write_atomically
from medlint.checks.prefilter import ORACLES, disjoint_ends, pattern_identity
from medlint.checks.superset import ascii_image, widened
from medlint.documents.base import Document
from medlint.signing import sign, verified

BUILD_CACHED = 200
"""Files in a run, with a kept cache, from which building pays: the database serves later runs."""

BUILD_UNCACHED = 1000
"""Files in a run, without a kept cache, from which building pays within that run alone."""

LOAD_FROM = 4
"""Files in a run from which a kept database is read."""

MAGIC = b"medlint-hyperscan 2\n"
_FLAGS = ("HS_FLAG_CASELESS", "HS_FLAG_DOTALL", "HS_FLAG_PREFILTER")
_FIRST_ONLY = "HS_FLAG_SINGLEMATCH"
"""Added for patterns asked about a whole page only: one report is enough, and far cheaper than every one."""

Key = tuple[str, int]


@dataclass(frozen=True)
class Accelerator:
    """A compiled database of widened patterns; ``keys[i]`` is the pattern whose expressions have id ``i``.

    The ids in ``first_only`` report their first match on a page only: they
    answer whether a pattern occurs on the page, never where.
    """

    database: Any = field(repr=False)
    keys: tuple[Key, ...]
    first_only: frozenset[int] = frozenset()
    index: dict[Key, int] = field(init=False, repr=False)
    numbers: dict[int, tuple[regex.Pattern[str], int | None]] = field(init=False, repr=False, default_factory=dict)
    """:meth:`number` per pattern object (by identity, kept alive): a pattern's key is slow to work out."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {key: number for number, key in enumerate(self.keys)})

    def number(self, pattern: regex.Pattern[str]) -> int | None:
        """The id of ``pattern``'s expressions in the database (None: not in it)."""
        known = self.numbers.get(id(pattern))
        if known is None or known[0] is not pattern:
            known = (pattern, self.index.get(pattern_identity(pattern)))
            self.numbers[id(pattern)] = known
        return known[1]

    def ends(self, text: str) -> dict[int, list[int]]:
        """Per pattern id, the offsets in ``text`` at which one of its widened expressions ends."""
        found: dict[int, list[int]] = {}

        def record(number: int, _start: int, end: int, _flags: int, _context: object) -> None:
            found.setdefault(number, []).append(end)

        with _SCRATCH:  # one scratch space per database: scans may not overlap (editor threads)
            self.database.scan(ascii_image(text).encode("ascii"), match_event_handler=record)
        for ends in found.values():
            ends.sort()
        return found

    def candidates(self, pattern: regex.Pattern[str], document: Document) -> list[int] | None:
        """Indexes of the segments in which ``pattern`` may match, or None when this database does not know it."""
        ends = self._every_end(pattern, document.masked)
        return None if ends is None else segments_holding(document, ends)

    def within(self, pattern: regex.Pattern[str], text: str, start: int, end: int) -> bool | None:
        """False when ``pattern`` has no match inside ``text[start:end]``; None when the database cannot tell."""
        ends = self._every_end(pattern, text)
        return None if ends is None else ends_inside(ends, start, end)

    def _every_end(self, pattern: regex.Pattern[str], text: str) -> list[int] | None:
        """Where ``pattern``'s expressions end in the page ``text``; None when not every end is known."""
        number = self.number(pattern)
        if number is None or number in self.first_only:
            return None
        page = _page_ends(self, text)
        return None if page is None else page.get(number, [])

    def may_match(self, pattern: regex.Pattern[str], text: str) -> bool | None:
        """False when ``pattern`` certainly has no match in the page ``text``; None when it is not in the database."""
        number = self.number(pattern)
        page = None if number is None else _page_ends(self, text)
        return None if page is None else number in page

    def dumps(self) -> bytes:
        """The database with the keys it was built for, to be signed and stored."""
        import hyperscan

        header = {"hyperscan": _version(), "keys": self.keys, "first_only": sorted(self.first_only)}
        return MAGIC + json.dumps(header).encode() + b"\n" + hyperscan.dumpb(self.database)


def segments_holding(document: Document, ends: Sequence[int]) -> list[int]:
    """Indexes, ascending, of the segments ``(start, end]`` of which holds one of the offsets ``ends``."""
    segments = document.segments
    segment_ends = disjoint_ends(document)
    if segment_ends is None:  # overlapping segments: ask each one
        return [number for number, segment in enumerate(segments) if ends_inside(ends, segment.start, segment.end)]
    chosen: set[int] = set()
    for end in ends:
        number = bisect.bisect_left(segment_ends, end)
        if number < len(segments) and segments[number].start < end:
            chosen.add(number)
    return sorted(chosen)


def ends_inside(ends: Sequence[int], start: int, end: int) -> bool:
    """True when one of the sorted offsets ``ends`` falls in ``(start, end]``: a match within the span ends there."""
    first = bisect.bisect_right(ends, start)
    return first < len(ends) and ends[first] <= end


_SCRATCH = threading.Lock()
_PAGE: list[tuple[str, Accelerator, dict[int, list[int]]]] = []
"""The last page scanned, with its accelerator and ends: one tuple, replaced whole, so threads never mix pages."""


def _page_ends(accelerator: Accelerator, text: str) -> dict[int, list[int]] | None:
    """:meth:`Accelerator.ends` of the page every rule is asking about, worked out once.

    None when the engine fails on the page (a scan error): the rules then
    take the plain path, as without the accelerator.
    """
    last = _PAGE[0] if _PAGE else None
    if last is not None and last[0] is text and last[1] is accelerator:
        return last[2]
    import hyperscan

    try:
        ends = accelerator.ends(text)
    except hyperscan.error:
        return None
    _PAGE[:] = [(text, accelerator, ends)]
    return ends


def available() -> bool:
    """True when the ``hyperscan`` package can be imported (the ``fast`` extra)."""
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return False
    return True


def build(patterns: Iterable[regex.Pattern[str]], page_only: Iterable[regex.Pattern[str]] = ()) -> Accelerator | None:
    """Compile the widenings of ``patterns`` (asked where they match) and ``page_only`` (asked whether at all).

    None when hyperscan is missing or nothing could be widened.
    """
    chosen: dict[Key, tuple[str, ...]] = {}
    first_only: set[Key] = set()
    for pattern in patterns:
        _choose(pattern, chosen)
    for pattern in page_only:
        if _choose(pattern, chosen):
            first_only.add(pattern_identity(pattern))
    if not chosen or not available():
        return None
    keys = tuple(key for key in chosen if _compiles(chosen[key]))
    singles = frozenset(number for number, key in enumerate(keys) if key in first_only)
    database = _compile([chosen[key] for key in keys], singles)
    return None if database is None else Accelerator(database, keys, singles)


def _choose(pattern: regex.Pattern[str], chosen: dict[Key, tuple[str, ...]]) -> bool:
    """Add ``pattern``'s widening to ``chosen`` if it is new and has one; True when it was added."""
    key = pattern_identity(pattern)
    if key in chosen:
        return False
    expressions = widened(pattern)
    if expressions is None:
        return False
    chosen[key] = expressions
    return True


def _compile(groups: Sequence[Sequence[str]], first_only: frozenset[int] = frozenset()) -> Any:
    """One block-mode database; expression ids are the group numbers."""
    import hyperscan

    flags = 0
    for name in _FLAGS:
        flags |= getattr(hyperscan, name)
    single = flags | getattr(hyperscan, _FIRST_ONLY)
    expressions = [expression.encode("ascii") for group in groups for expression in group]
    ids = [number for number, group in enumerate(groups) for _ in group]
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    try:
        database.compile(
            expressions=expressions,
            ids=ids,
            elements=len(expressions),
            flags=[single if number in first_only else flags for number in ids],
        )
    except hyperscan.error:
        return None
    return database


def _compiles(expressions: Sequence[str]) -> bool:
    """True when hyperscan accepts each of ``expressions`` (length and repeat limits); checked one at a time."""
    return all(len(expression) < _LIMIT for expression in expressions) or _compile([expressions]) is not None


_LIMIT = 16000
"""Expressions shorter than this are known to compile (the longest built-in one is about 4,000 bytes)."""


def load(path: Path, patterns: Iterable[regex.Pattern[str]]) -> Accelerator | None:
    """The database stored at ``path`` if it is signed by this user and built for ``patterns`` (no others)."""
    try:
        payload = verified(path.read_bytes())
    except OSError:
        return None
    if payload is None or not payload.startswith(MAGIC) or not available():
        return None
    header, _, data = payload[len(MAGIC) :].partition(b"\n")
    try:
        known = json.loads(header)
        keys = tuple((str(source), int(flags)) for source, flags in known["keys"])
        first_only = frozenset(int(number) for number in known["first_only"])
    except (ValueError, KeyError, TypeError):
        return None
    wanted = {pattern_identity(pattern) for pattern in patterns}
    if known.get("hyperscan") != _version() or not set(keys) <= wanted:
        return None
    return _loaded(data, keys, first_only)


def _loaded(data: bytes, keys: tuple[Key, ...], first_only: frozenset[int]) -> Accelerator | None:
    import hyperscan

    try:
        database = hyperscan.loadb(data, hyperscan.HS_MODE_BLOCK)
        database.scratch = hyperscan.Scratch(database)  # compiling allocates one; loading does not
    except (hyperscan.error, TypeError, ValueError):
        return None
    return Accelerator(database, keys, first_only)


def save(accelerator: Accelerator, path: Path) -> None:
    """Store ``accelerator`` at ``path``, signed, replacing any earlier file atomically; failing is not an error."""
    payload = sign(accelerator.dumps())
    if payload is not None:
        write_atomically(path, payload)


def _version() -> str:
    import hyperscan

    return str(getattr(hyperscan, "__version__", "?"))


def activate(accelerator: Accelerator | None) -> None:
    """Make ``accelerator`` the one the prefilter consults first (None: none, the plain path)."""
    ORACLES.clear()
    _PAGE.clear()
    if accelerator is not None:
        ORACLES.append(accelerator)
