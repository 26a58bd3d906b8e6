"""Page gates: ``page_when`` and ``page_unless``, which decide per page whether a span rule runs.

Some wording needs substantiation on a sales page and none on patient
information: "can help relieve symptoms" or "is generally a safe procedure"
reads differently under "Book your free consultation" than under a "Side
effects" section that also says the evidence is limited. A reviewer judges
the page first, then the sentence; these parameters let a rule do the same.

* ``page_unless``: the rule does not run on a page that matches it...
* ``page_when``: ...unless the page also matches this (first-person sales
  voice: "our clinic", "book your consultation", prices). Given alone,
  ``page_when`` means the rule runs only on pages that match it.

Each is a list whose entries are a regex (the page matches when it contains
it) or a list of regexes (the page matches when it contains *all* of them:
a named risk *and* a stated limitation). The list may also live in a YAML
file named instead of the list, relative to the rule file, so several rules
share one definition of "sales page". Regexes are case-insensitive and not
word-guarded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from medlint.checks.patterns import compile_list
from medlint.checks.prefilter import page_may_match
from medlint.errors import RuleError
from medlint.rules.params import Params
from medlint.yamlsource import load_yaml

DATA_SUFFIXES = (".yml", ".yaml")
Groups = tuple[tuple[regex.Pattern[str], ...], ...]


@dataclass(frozen=True, slots=True)
class PageTest:
    """Any-of ``groups``, each an all-of tuple of patterns (a plain regex entry is a group of one)."""

    groups: Groups

    def matches(self, masked: str, timeout: float | None) -> bool:
        """True when the page contains every pattern of at least one group."""
        return any(all(_found(part, masked, timeout) for part in group) for group in self.groups)


_RESULTS: dict[tuple[regex.Pattern[str], str], bool] = {}
_RESULTS_MAX = 64  # about three pages of answers; cleared when full, so old pages are not kept alive


def _found(pattern: regex.Pattern[str], masked: str, timeout: float | None) -> bool:
    """``pattern.search(masked)``, remembered: a dozen rules ask the same page the same question.

    Patterns from one data file are compiled once and shared (see
    :func:`_load`), so the key matches across rules; a string caches its
    own hash, so the lookup costs little even for a long page.
    """
    key = (pattern, masked)
    found = _RESULTS.get(key)
    if found is None:
        found = page_may_match(pattern, masked) and pattern.search(masked, timeout=timeout) is not None
        if len(_RESULTS) >= _RESULTS_MAX:
            _RESULTS.clear()
        _RESULTS[key] = found
    return found


@dataclass(frozen=True, slots=True)
class PageGate:
    """Compiled page gate; ``None`` means the parameter was not given."""

    when: PageTest | None = None
    unless: PageTest | None = None

    @classmethod
    def from_params(cls, params: Params) -> PageGate:
        """Read ``page_when`` and ``page_unless`` (lists, or YAML file names)."""
        return cls(_page_test(params, "page_when"), _page_test(params, "page_unless"))

    def patterns(self) -> tuple[regex.Pattern[str], ...]:
        """Every pattern of both tests."""
        tests = (test for test in (self.when, self.unless) if test is not None)
        return tuple(pattern for test in tests for group in test.groups for pattern in group)

    def applies(self, masked: str, timeout: float | None) -> bool:
        """True when the rule should run on the page whose masked text is ``masked``."""
        if self.when is None and self.unless is None:
            return True
        if self.when is not None and self.when.matches(masked, timeout):
            return True
        if self.unless is None:
            return False
        return not self.unless.matches(masked, timeout)


def pattern_source(params: Params, key: str) -> regex.Pattern[str] | None:
    """Compile ``params[key]``: a list of regexes, or a YAML file (relative to the rule) holding one."""
    items = _entries(params, key)
    flat: list[str] = []
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise params.error(f"expected a regex, got {item!r}", key, index)
        flat.append(item)
    return compile_list(params, key, flat, ignorecase=True, words=False)


def _page_test(params: Params, key: str) -> PageTest | None:
    items = _entries(params, key)
    if not items:
        return None
    raw = params.raw.get(key)
    cache_key = (str(raw), repr(items))
    cached = _TESTS.get(cache_key)
    if cached is None:
        groups = tuple(
            tuple(_compiled(params, key, index, part) for part in ([item] if isinstance(item, str) else item))
            for index, item in enumerate(items)
        )
        cached = _TESTS[cache_key] = PageTest(groups)
    return cached


_TESTS: dict[tuple[str, str], PageTest] = {}
"""Compiled page tests by their source and content, so rules naming one data file share its patterns."""


def _compiled(params: Params, key: str, index: int, part: str) -> regex.Pattern[str]:
    compiled = compile_list(params, key, [part], ignorecase=True, words=False)
    if compiled is None:  # pragma: no cover - _entries refuses empty strings
        raise params.error("expected a non-empty regex", key, index)
    return compiled


def _entries(params: Params, key: str) -> list[Any]:
    """The raw entries of ``params[key]``, loading a named YAML file; checked for shape."""
    params.read.add(key)
    raw = params.raw.get(key)
    if raw is None:
        return []
    if isinstance(raw, str) and raw.endswith(DATA_SUFFIXES):
        raw = _load(params, key, raw)
    elif isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        raise params.error(f"expected a list of regexes or a YAML file name, got {type(raw).__name__}", key)
    for index, item in enumerate(raw):
        if not _is_entry(item):
            raise params.error(f"expected a regex or a list of regexes, got {item!r}", key, index)
    return raw


def _is_entry(item: object) -> bool:
    if isinstance(item, str):
        return bool(item)
    return isinstance(item, list) and bool(item) and all(isinstance(part, str) and part for part in item)


def _load(params: Params, key: str, name: str) -> object:
    """Read the YAML list in ``name``, relative to the rule file."""
    base = params.base_dir or Path.cwd()
    path = (base / name).resolve()
    if not path.is_file():
        raise params.error(f"pattern file {name!r} not found (looked in {base})", key)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"), path, error=RuleError).data
    except (OSError, UnicodeDecodeError) as exc:
        raise params.error(f"cannot read pattern file {name!r}: {exc}", key) from None
    if not isinstance(data, list) or not data:
        raise params.error(f"pattern file {name!r} must hold a non-empty YAML list of patterns", key)
    return data
