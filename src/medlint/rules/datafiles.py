"""The files a rule's parameters name (data and pattern files), wherever they live.

The rules memo and the result cache are keyed on the files of the ruleset
folders. A rule may also read a file outside its folder
(``page_when: ../shared/sales-voice.yml``, a catalogue shared by two
rulesets); an edit there changes the rule as much as an edit of the rule
file, so both caches must see it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from medlint.rules.model import Rule

_FILE_NAME = re.compile(r"[^\s()\[\]{}|*+?^$\\]+\.[A-Za-z0-9]{1,8}")
"""A parameter that may name a file: no spaces or regex syntax, ending in an extension (cheap to test first)."""


def named_files(rules: Iterable[Rule]) -> list[Path]:
    """Every existing file a string parameter of ``rules`` names, relative to its rule file; resolved, sorted."""
    found: set[Path] = set()
    for rule in rules:
        base = Path(rule.path).parent
        for text in _strings(value for _key, value in rule.params):
            path = _existing_file(base, text)
            if path is not None:
                found.add(path)
    return sorted(found)


def outside(files: Iterable[Path], folders: Iterable[Path]) -> list[Path]:
    """The ``files`` in none of ``folders`` (the ruleset folders, whose files are covered already)."""
    roots = [folder.resolve() for folder in folders]
    return [path for path in files if not any(path.is_relative_to(root) for root in roots)]


def _strings(values: Iterable[object], depth: int = 0) -> Iterator[str]:
    for value in values:
        if isinstance(value, str):
            yield value
        elif depth < 8 and isinstance(value, (list, tuple)):
            yield from _strings(value, depth + 1)
        elif depth < 8 and isinstance(value, dict):
            yield from _strings(value.values(), depth + 1)


def _existing_file(base: Path, text: str) -> Path | None:
    if len(text) > 1024 or not _FILE_NAME.fullmatch(text):
        return None
    try:
        path = (base / text).resolve()
        return path if path.is_file() else None
    except (OSError, ValueError, RuntimeError):
        return None
