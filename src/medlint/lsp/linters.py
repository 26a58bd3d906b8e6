"""One prepared :class:`~medlint.api.Linter` per workspace folder, rebuilt when its config changes.

Building a linter (plugins, rules compiled once) is the slow part, so it is
kept between keystrokes. It is rebuilt when the client reports a config
change (``workspace/didChangeWatchedFiles``, ``didSave`` of the file) and,
for clients that report neither, when the config file found from the folder
is another file or has another modification time or size.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from medlint.api import Linter
from medlint.config import CONFIG_NAMES, find_config, load_config
from medlint.errors import MedlintError

CONFIG_FILE_NAMES = frozenset({*CONFIG_NAMES, "pyproject.toml"})


@dataclass(frozen=True, slots=True)
class _Entry:
    stamp: tuple[str, int, int]
    linter: Linter | None
    error: MedlintError | None


class LinterCache:
    """Linters keyed by workspace folder; thread-safe, since linting runs off the event loop."""

    def __init__(self) -> None:
        self._entries: dict[Path, _Entry] = {}
        self._lock = threading.Lock()

    def get(self, folder: Path) -> tuple[Linter | None, MedlintError | None, bool]:
        """``(linter, error, fresh)`` for ``folder``; ``fresh`` is True when it was (re)built just now."""
        stamp = _config_stamp(folder)
        with self._lock:
            entry = self._entries.get(folder)
            if entry is not None and entry.stamp == stamp:
                return entry.linter, entry.error, False
            entry = _build(folder, stamp)
            self._entries[folder] = entry
            return entry.linter, entry.error, True

    def clear(self) -> None:
        """Forget every linter: the next lint reloads config and rules."""
        with self._lock:
            self._entries.clear()


def _config_stamp(folder: Path) -> tuple[str, int, int]:
    path = find_config(folder)
    if path is None:
        return "", 0, 0
    try:
        stat = path.stat()
    except OSError:
        return str(path), 0, 0
    return str(path), stat.st_mtime_ns, stat.st_size


def _build(folder: Path, stamp: tuple[str, int, int]) -> _Entry:
    try:
        return _Entry(stamp, Linter.create(load_config(start=folder)), None)
    except MedlintError as error:
        return _Entry(stamp, None, error)


def is_config_file(path: str) -> bool:
    """True for the files whose change should reload the linters."""
    return Path(path).name in CONFIG_FILE_NAMES
