"""Turn command-line paths into the sorted list of files to lint.

Folders are walked recursively, keeping files that match ``include`` and not
``exclude`` (globs relative to the config's folder) and skipping what
``.gitignore`` files ignore, hidden folders and binary files. A file named
explicitly is always linted. Missing paths and unreadable folders are reported
per path, and the walk goes on. Symlinked folders are not followed (no loops),
nor are symlinks to files outside the walked folder.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from medlint.config import Config
from medlint.report import PathError

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".medlint_cache",
    }
)


@dataclass(frozen=True, slots=True)
class Discovered:
    """Files to lint (explicit ones flagged) and paths that could not be walked."""

    files: tuple[tuple[Path, bool], ...]
    errors: tuple[PathError, ...]


def discover(paths: list[str], config: Config) -> Discovered:
    """Expand ``paths`` (files and folders; ``-`` is handled by the caller)."""
    found: dict[Path, bool] = {}
    errors: list[PathError] = []
    for raw in paths:
        path = Path(raw)
        problem = _unreachable(path)
        if problem is not None:
            errors.append(PathError(raw, problem))
        elif _is_folder(path):
            for file in _walk(path, config, errors):
                found.setdefault(file, False)
        else:
            found[path] = True
    return Discovered(tuple(sorted(found.items(), key=lambda item: str(item[0]))), tuple(errors))


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:  # a symlink into a locked folder, a loop: reading it will say which
        return False


def _unreachable(path: Path) -> str | None:
    """Why ``path`` can be neither walked nor read, or None.

    A symlink that cannot be followed (broken, a loop) counts as a file, so
    reading it reports what is wrong with it.
    """
    try:
        os.lstat(path)
        return None
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            return "no such file or folder; check the path"
        return f"cannot read: {exc.strerror}; check the permissions of the folders on its way"


def _walk(root: Path, config: Config, errors: list[PathError]) -> Iterator[Path]:
    ignore = _GitIgnore(config.respect_gitignore)

    def on_error(error: OSError) -> None:
        errors.append(PathError(str(error.filename or root), f"cannot read folder: {error.strerror}"))

    inside = os.path.realpath(root)
    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=False):
        base = Path(folder)
        ignore.load(base)
        dirs[:] = sorted(
            name for name in dirs
            if name not in SKIP_DIRS and not name.startswith(".") and not ignore.ignored(base / name, True)
        )  # fmt: skip
        for name in sorted(files):
            path = base / name
            if _wanted(path, config) and not ignore.ignored(path, False) and not _leaves(path, inside):
                yield path


def _leaves(path: Path, inside: str) -> bool:
    """True for a symlink to a file outside the walked folder (black skips these too).

    A checkout could otherwise link ``notes.md`` to a secret elsewhere on the
    machine and have a rule of its own print it in the CI log. Broken links
    and loops stay in, so reading them reports what is wrong.
    """
    if not path.is_symlink():
        return False
    target = os.path.realpath(path)
    return os.path.exists(target) and os.path.commonpath([inside, target]) != inside


def _wanted(path: Path, config: Config) -> bool:
    relative = relative_posix(path, config.root)
    name = path.name
    if not any(_matches(relative, name, pattern) for pattern in config.include):
        return False
    return not any(_matches(relative, name, pattern) for pattern in config.exclude)


def _matches(relative: str, name: str, pattern: str) -> bool:
    pattern = pattern.removeprefix("./")
    if "/" not in pattern:
        return fnmatch.fnmatch(name, pattern)
    if fnmatch.fnmatch(relative, pattern):
        return True
    return pattern.startswith("**/") and fnmatch.fnmatch(relative, pattern[3:])


def relative_posix(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` separators, as globs in the config see it (as given if outside)."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
        return path.as_posix()


class _GitIgnore:
    """A small subset of .gitignore: name globs, anchored paths, folder patterns, negation."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.rules: list[tuple[Path, str, bool, bool]] = []
        self.loaded: set[Path] = set()

    def load(self, folder: Path) -> None:
        if not self.enabled or folder in self.loaded:
            return
        self.loaded.add(folder)
        try:
            lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            negated = line.startswith("!")
            line = line.removeprefix("!")
            dir_only = line.endswith("/")
            self.rules.append((folder, line.strip("/"), negated, dir_only))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        result = False
        for base, pattern, negated, dir_only in self.rules:
            if dir_only and not is_dir:
                continue
            try:
                relative = path.relative_to(base).as_posix()
            except ValueError:
                continue
            target = relative if "/" in pattern else path.name
            if fnmatch.fnmatch(target, pattern) or fnmatch.fnmatch(relative, f"{pattern}/*"):
                result = not negated
        return result
