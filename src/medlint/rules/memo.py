"""Remember that a set of rulesets loaded cleanly, so the next run can skip re-checking it.

Loading rules validates every token of every pattern on its own (so an error
names its token, ``file:line``), compiles every pattern and, at run time, reads
each pattern's syntax tree for the prefilter. For an unchanged ruleset that is
the same work, with the same outcome, on every run; on one page it is most of
the run. After a clean load, the memo writes ``rules/<digest>.memo`` into the
cache folder, the digest covering everything that decides that
outcome: the medlint and ``regex`` versions, medlint's modules and the
modules of the rule kinds in use (size and mtime), and the bytes of every
file of the rulesets (data files included). It holds the loaded rules
themselves (patterns as uncompiled source, so they compile on first use) and
the prefilter's literal sets and requirement trees. The next run reads the
rules back in a few milliseconds instead of parsing YAML and checking every
token, and the prefilter reads its words from it instead of parsing every
pattern again. Rules a plugin kind builds from classes the memo cannot
rebuild are loaded from their files, trusted (no per-token checks).

The file is a pickle, but never an open door: :class:`_RuleUnpickler` rebuilds
only medlint's rule classes (frozen dataclasses, enums and lazy patterns) and
the dataclasses of the loaded rule kinds, and refuses every other import, so a
planted memo cannot call a function or run code; at worst it is ignored.

A changed rule file or data file gives another digest, so it is validated
afresh and errors still point at ``file:line``. Files a rule names outside
its ruleset folder (``page_when: ../shared/sales.yml``) are kept in the memo
with their SHA-256 and checked when it is read: a changed one voids it. The memo is part of the result
cache: ``--no-cache`` and ``cache: false`` neither read nor write it.
"""

from __future__ import annotations

import enum
import hashlib
import inspect
import io
import pickle
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, is_dataclass, replace
from pathlib import Path
from typing import Any

import regex

from medlint.cache import code_stamp, write_atomically
from medlint.checks.anchored import prefix_literals, remember_prefixes
from medlint.checks.base import Check
from medlint.checks.lazy import LazyPattern
from medlint.checks.prefilter import (
    literal_key,
    patterns_in,
    remember_literals,
    remember_trees,
    required_literals,
    requirement_tree,
)
from medlint.checks.programs import Key, Program, program_key, programs_for, remember_programs
from medlint.checks.requirements import VOCABULARY, Tree
from medlint.rules.datafiles import named_files, outside
from medlint.rules.model import Rule
from medlint.signing import sign, verified

FORMAT = "5"
FOLDER = "rules"


@dataclass(frozen=True, slots=True)
class LoadMemo:
    """The memo file for one combination of rulesets, kinds and medlint code; ``found`` when it exists.

    ``folder`` is the cache folder it lives in (tagged like the result cache).
    """

    path: Path
    found: bool

    folder: Path
    rules: tuple[Rule, ...] | None = None
    kinds: Mapping[str, type[Check]] | None = None
    roots: tuple[Path, ...] = ()
    """The ruleset folders the digest covers; files rules read elsewhere are checked on their own."""

    @classmethod
    def open(
        cls,
        cache_folder: Path,
        folders: Sequence[tuple[Path, str]],
        chosen: Sequence[tuple[str, Path]] | None,
        kinds: Mapping[str, type[Check]],
    ) -> LoadMemo:
        """Look up the memo of the ruleset ``folders`` (with their origins) and the config's ``chosen`` entries.

        Keyed on folders and files rather than on parsed ``ruleset.yml``
        files, so a run that finds its memo reads no YAML at all.
        """
        path = cache_folder / FOLDER / f"{_digest(folders, chosen, kinds)}.memo"
        roots = tuple(folder for folder, _origin in folders) + tuple(_chosen_paths(chosen))
        known = _read(path, kinds)
        if known is None or not _unchanged(known.external):
            return cls(path, found=False, folder=cache_folder, kinds=kinds, roots=roots)
        remember_literals(known.literals)
        remember_trees(known.trees)
        remember_programs(known.programs)
        remember_prefixes(known.prefixes)
        VOCABULARY.ensure(known.vocabulary)
        return cls(path, found=True, folder=cache_folder, rules=known.rules, kinds=kinds, roots=roots)

    def save(self, rules: Sequence[Rule]) -> None:
        """Record a clean load of ``rules`` (with their prefilter literals); failing to write is not an error."""
        literals: dict[str, tuple[str, ...] | None] = {}
        trees: dict[str, Tree | None] = {}
        prefixes: dict[str, frozenset[str] | None] = {}
        keys: list[Key] = []
        for pattern in patterns_in(rule.check for rule in rules):
            key = literal_key(pattern)
            found = required_literals(pattern)
            literals[key] = None if found is None else tuple(sorted(found))
            trees[key] = requirement_tree(pattern)
            prefixes[key] = prefix_literals(pattern)
            keys.append(program_key(pattern.pattern, pattern.flags))
        vocabulary = VOCABULARY.words
        external = tuple((str(path), _sha256(path)) for path in outside(named_files(rules), self.roots))
        known = _Known(FORMAT, literals, trees, prefixes, vocabulary, programs_for(keys), tuple(rules), external)
        payload = sign(_dump(known, self.kinds or {}))
        if payload is not None:
            write_atomically(self.path, payload, self.folder)


@dataclass(frozen=True, slots=True)
class _Known:
    """What a memo file holds; ``rules`` is None when they could not be stored (a plugin kind's objects)."""

    format: str
    literals: dict[str, tuple[str, ...] | None]
    trees: dict[str, Tree | None]
    prefixes: dict[str, frozenset[str] | None]
    vocabulary: frozenset[str]
    programs: dict[Key, Program]
    rules: tuple[Rule, ...] | None
    external: tuple[tuple[str, str], ...] = ()
    """Files outside the ruleset folders that the rules read (``../shared/terms.yml``), with their SHA-256."""


class _RulePickler(pickle.Pickler):
    """Stores compiled patterns as their source: they compile again only when a page needs them."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, regex.Pattern):
            return LazyPattern, (obj.pattern, int(obj.flags))
        if isinstance(obj, LazyPattern):
            return LazyPattern, (obj.pattern, int(obj.given_flags))
        return NotImplemented


_SAFE_BUILTINS = frozenset({"frozenset", "set", "tuple", "list", "dict", "str", "int", "float", "bool", "bytes"})


class _RuleUnpickler(pickle.Unpickler):
    """Rebuilds rules only: medlint's dataclasses, enums and lazy patterns, and the rule kinds' dataclasses."""

    def __init__(self, data: bytes, kinds: Mapping[str, type[Check]]) -> None:
        super().__init__(io.BytesIO(data))
        self.kind_modules = frozenset(kind.__module__ for kind in kinds.values())

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in _SAFE_BUILTINS:
            return super().find_class(module, name)
        if module.partition(".")[0] == "medlint" or module in self.kind_modules:
            found = super().find_class(module, name)
            if _rebuildable(found):
                return found
        raise pickle.UnpicklingError(f"the rule memo may not load {module}.{name}")


def _rebuildable(found: object) -> bool:
    """Classes whose rebuilding runs no code of their own: dataclasses, enums, :class:`LazyPattern`."""
    if not isinstance(found, type):
        return False
    return found is LazyPattern or issubclass(found, enum.Enum) or is_dataclass(found)


def _dump(known: _Known, kinds: Mapping[str, type[Check]]) -> bytes:
    """Pickle ``known``, leaving out what does not come back through :class:`_RuleUnpickler`."""
    for candidate in (known, replace(known, rules=None), replace(known, rules=None, programs={})):
        try:
            stream = io.BytesIO()
            _RulePickler(stream, protocol=pickle.HIGHEST_PROTOCOL).dump(candidate)
            payload = stream.getvalue()
            _RuleUnpickler(payload, kinds).load()
            return payload
        except (pickle.PicklingError, pickle.UnpicklingError, TypeError, AttributeError, ValueError):
            continue
    stream = io.BytesIO()
    pickle.dump(replace(known, rules=None, programs={}, literals={}, trees={}), stream)
    return stream.getvalue()


def _read(path: Path, kinds: Mapping[str, type[Check]]) -> _Known | None:
    """What the memo file holds, or None (missing, unreadable, corrupt, another format or a refused class)."""
    try:
        payload = verified(path.read_bytes())
        if payload is None:
            return None
        known = _RuleUnpickler(payload, kinds).load()
    except Exception:  # any corrupt or planted file (pickle raises many kinds of errors): rebuild it
        return None
    if not isinstance(known, _Known) or known.format != FORMAT:
        return None
    return known


def _digest(
    folders: Sequence[tuple[Path, str]], chosen: Sequence[tuple[str, Path]] | None, kinds: Mapping[str, type[Check]]
) -> str:
    from medlint import __version__

    versions = f"medlint {__version__} regex {regex.__version__} python {sys.version} memo {FORMAT}\n"
    digest = hashlib.sha256(versions.encode())
    for line in code_stamp() + _kind_stamps(kinds):
        digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
    digest.update(f"chosen {chosen!r}\n".encode("utf-8", "surrogatepass"))
    extra = [(path, "config") for path in _chosen_paths(chosen)]
    for folder, origin in [*folders, *extra]:
        digest.update(f"ruleset {origin} {folder}\n".encode("utf-8", "surrogatepass"))
        for item in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if item.is_file():
                digest.update(item.relative_to(folder).as_posix().encode("utf-8", "surrogatepass") + b"\0")
                digest.update(hashlib.sha256(_bytes(item)).digest())
    return digest.hexdigest()


def _chosen_paths(chosen: Sequence[tuple[str, Path]] | None) -> list[Path]:
    return [folder for _entry, folder in chosen or ()]


def _unchanged(external: Sequence[tuple[str, str]]) -> bool:
    """True when every file outside the ruleset folders still holds what the rules were built from."""
    return all(_sha256(Path(name)) == digest for name, digest in external)


def _sha256(path: Path) -> str:
    return hashlib.sha256(_bytes(path)).hexdigest()


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
