"""Remember that a set of rulesets loaded cleanly, so the next run can skip re-checking it.

Loading rules validates every token of every pattern on its own (so an error
names its token, ``file:line``), compiles every pattern and, at run time, reads
each pattern's syntax tree for the prefilter. For an unchanged ruleset that is
the same work, with the same outcome, on every run; on one page it is most of
the run. After a clean load, the memo writes a small JSON file into the cache
folder, named by a digest of everything that decides that outcome: the
medlint and ``regex`` versions, medlint's modules and the modules of the rule
kinds in use (size and mtime), and the bytes of every file of the rulesets
(data files included). It holds the prefilter's literal sets. When the next
run finds that file, the loader trusts the patterns (no per-token checks,
compiled on first use) and the prefilter reads the literals from it.

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
from typing import Any

import regex

from medlint.cache import code_stamp, mark_folder
from medlint.checks.base import Check
from medlint.checks.lazy import LazyPattern
from medlint.checks.prefilter import literal_key, remember_literals, required_literals
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
        path = cache_folder / FOLDER / f"{_digest(rulesets, kinds)}.json"
        literals = _read(path)
        if literals is None:
            return cls(path, found=False, folder=cache_folder)
        remember_literals(literals)
        return cls(path, found=True, folder=cache_folder)

    def save(self, rules: Iterable[Rule]) -> None:
        """Record a clean load of ``rules`` (with their prefilter literals); failing to write is not an error."""
        literals: dict[str, list[str] | None] = {}
        for pattern in _patterns(rule.check for rule in rules):
            found = required_literals(pattern)
            literals[literal_key(pattern)] = None if found is None else sorted(found)
        payload = json.dumps({"format": FORMAT, "literals": literals})
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            mark_folder(self.folder)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(payload)
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return


def _read(path: Path) -> dict[str, list[str] | None] | None:
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != FORMAT or not isinstance(data.get("literals"), dict):
            return None
        literals: dict[str, Any] = data["literals"]
        return {str(key): None if value is None else [str(item) for item in value] for key, value in literals.items()}
    except (OSError, ValueError, TypeError, AttributeError):
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
