"""Remember that a set of rulesets loaded cleanly, so the next run can skip re-checking it.

Loading rules validates every token of every pattern on its own (so an error
names its token, ``file:line``), compiles every pattern and, at run time, reads
each pattern's syntax tree for the prefilter. For an unchanged ruleset that is
the same work, with the same outcome, on every run; on one page it is most of
the run. After a clean load, the memo writes ``rules/<digest>.memo`` (JSON)
into the cache folder, the digest covering everything that decides that
outcome: the medlint and ``regex`` versions, medlint's modules and the
modules of the rule kinds in use (size and mtime), and the bytes of every
file of the rulesets (data files included). It holds the prefilter's literal
sets and requirement trees. When the next run finds that file, the loader
trusts the patterns (no per-token checks, compiled on first use) and the
prefilter reads its words from it instead of parsing every pattern again.

A changed rule file or data file gives another digest, so it is validated
afresh and errors still point at ``file:line``. The memo is part of the result
cache: ``--no-cache`` and ``cache: false`` neither read nor write it.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any, TypeAlias

import regex

from medlint.cache import code_stamp, mark_folder
from medlint.checks.base import Check
from medlint.checks.lazy import LazyPattern
from medlint.checks.prefilter import (
    literal_key,
    remember_literals,
    remember_trees,
    required_literals,
    requirement_tree,
)
from medlint.checks.requirements import Tree, from_json, to_json
from medlint.rules.loader import Ruleset
from medlint.rules.model import Rule

FORMAT = "1"
FOLDER = "rules"


@dataclass(frozen=True, slots=True)
class LoadMemo:
    """The memo file for one combination of rulesets, kinds and medlint code; ``found`` when it exists.

    ``folder`` is the cache folder it lives in (tagged like the result cache).
    """

    path: Path
    found: bool

    folder: Path

    @classmethod
    def open(cls, cache_folder: Path, rulesets: Sequence[Ruleset], kinds: Mapping[str, type[Check]]) -> LoadMemo:
        """Look up the memo of ``rulesets``; when present, hand its literal sets to the prefilter."""
        path = cache_folder / FOLDER / f"{_digest(rulesets, kinds)}.memo"
        known = _read(path)
        if known is None:
            return cls(path, found=False, folder=cache_folder)
        remember_literals(known[0])
        remember_trees(known[1])
        return cls(path, found=True, folder=cache_folder)

    def save(self, rules: Iterable[Rule]) -> None:
        """Record a clean load of ``rules`` (with their prefilter literals); failing to write is not an error."""
        literals: dict[str, list[str] | None] = {}
        trees: dict[str, list[Any] | None] = {}
        for pattern in _patterns(rule.check for rule in rules):
            key = literal_key(pattern)
            found = required_literals(pattern)
            literals[key] = None if found is None else sorted(found)
            tree = requirement_tree(pattern)
            trees[key] = None if tree is None else to_json(tree)
        payload = json.dumps({"format": FORMAT, "literals": literals, "trees": trees})
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            mark_folder(self.folder)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-", suffix=".memo")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(payload)
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return


Known: TypeAlias = "tuple[dict[str, list[str] | None], dict[str, Tree | None]]"


def _read(path: Path) -> Known | None:
    """The literal sets and requirement trees in the memo file, or None (missing, unreadable or corrupt)."""
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != FORMAT:
            return None
        raw_literals: dict[str, Any] = data["literals"]
        raw_trees: dict[str, Any] = data["trees"]
        literals = {
            str(key): None if value is None else [str(item) for item in value] for key, value in raw_literals.items()
        }
        trees = {str(key): None if value is None else from_json(value) for key, value in raw_trees.items()}
        return literals, trees
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return None


def _digest(rulesets: Sequence[Ruleset], kinds: Mapping[str, type[Check]]) -> str:
    from medlint import __version__

    digest = hashlib.sha256(f"medlint {__version__} regex {regex.__version__} memo {FORMAT}\n".encode())
    for line in code_stamp() + _kind_stamps(kinds):
        digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
    for ruleset in rulesets:
        digest.update(f"ruleset {ruleset.name} {ruleset.origin} {ruleset.path}\n".encode("utf-8", "surrogatepass"))
        for item in sorted(ruleset.path.rglob("*")):
            if item.is_file():
                digest.update(item.relative_to(ruleset.path).as_posix().encode("utf-8", "surrogatepass") + b"\0")
                digest.update(hashlib.sha256(_bytes(item)).digest())
    return digest.hexdigest()


def _kind_stamps(kinds: Mapping[str, type[Check]]) -> list[str]:
    """Size and mtime of each rule kind's module: a plugin's new code may compile other patterns."""
    stamps: list[str] = []
    for name in sorted(kinds):
        try:
            source = Path(inspect.getfile(kinds[name]))
            status = source.stat()
        except (OSError, TypeError):
            stamps.append(f"kind {name} ?")
            continue
        stamps.append(f"kind {name} {source} {status.st_size} {status.st_mtime_ns}")
    return stamps


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"?"


def _patterns(items: Iterable[object], depth: int = 0) -> Iterator[regex.Pattern[str]]:
    """Every compiled (or lazy) pattern held in ``items``, looking through dataclasses and containers."""
    if depth > 8:
        return
    for item in items:
        if isinstance(item, (regex.Pattern, LazyPattern)):
            yield item  # type: ignore[misc]
        elif is_dataclass(item) and not isinstance(item, type):
            yield from _patterns((getattr(item, field.name) for field in fields(item)), depth + 1)
        elif isinstance(item, (tuple, list, frozenset, set)):
            yield from _patterns(item, depth + 1)
        elif isinstance(item, dict):
            yield from _patterns(item.values(), depth + 1)
