"""Typed access to a rule's ``params`` that turns every mistake into ``file:line: key: ...``.

A check kind reads its parameters through :class:`Params`; whatever it does
not read is an unknown key and an error, with a "did you mean" suggestion
(yamllint's strict ``CONF`` checking, Vale's E201 locations).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from medlint.errors import RuleError
from medlint.yamlsource import YamlDoc


class Params:
    """The ``params`` mapping of one rule, with positions for error messages."""

    def __init__(
        self,
        raw: Mapping[str, Any],
        source: YamlDoc | None,
        prefix: tuple[str, ...] = ("params",),
        base_dir: Path | None = None,
        trusted: bool = False,
    ):
        self.raw = dict(raw)
        self.base_dir = base_dir
        self.trusted = trusted
        """True when these params validated cleanly in an earlier run, so patterns may compile lazily."""
        self.source = source
        self.prefix = prefix
        self.read: set[str] = set()

    def error(self, message: str, *keys: str | int) -> RuleError:
        """Build a RuleError pointing at ``params.<keys>`` in the rule file."""
        dotted = ".".join(self.prefix)
        for key in keys:
            dotted += f"[{key}]" if isinstance(key, int) else f".{key}"
        line = self.source.line(*self.prefix, *keys) if self.source else None
        path = self.source.path if self.source else "<rule>"
        return RuleError(f"{dotted}: {message}", path=path, line=line)

    def has(self, key: str) -> bool:
        """True when the rule sets ``key``."""
        return key in self.raw

    def boolean(self, key: str, default: bool) -> bool:
        """Read a true/false value."""
        self.read.add(key)
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            raise self.error(f"expected true or false, got {value!r}", key)
        return value

    def integer(self, key: str, default: int, minimum: int = 0) -> int:
        """Read a whole number no smaller than ``minimum``."""
        self.read.add(key)
        value = self.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.error(f"expected a whole number >= {minimum}, got {value!r}", key)
        return value

    def string(self, key: str, default: str | None = None) -> str | None:
        """Read an optional string."""
        self.read.add(key)
        value = self.raw.get(key, default)
        if value is not None and not isinstance(value, str):
            raise self.error(f"expected a string, got {value!r}", key)
        return value

    def strings(self, key: str, *, required: bool = False) -> list[str]:
        """Read a list of strings (a single string is accepted as a list of one)."""
        self.read.add(key)
        value = self.raw.get(key)
        if value is None:
            if required:
                raise self.error("is required: give a list of patterns", key)
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.error(f"expected a list of strings, got {type(value).__name__}", key)
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item:
                raise self.error(f"expected a non-empty string, got {item!r}", key, index)
        return list(value)

    def string_map(self, key: str) -> dict[str, Any]:
        """Read a mapping with string keys."""
        self.read.add(key)
        value = self.raw.get(key, {})
        if not isinstance(value, dict):
            raise self.error(f"expected a mapping, got {type(value).__name__}", key)
        for item in value:
            if not isinstance(item, str):
                raise self.error(f"keys must be strings, got {item!r}", key)
        return dict(value)

    def finish(self) -> None:
        """Raise for the first key the check kind did not read."""
        for key in self.raw:
            if key not in self.read:
                hint = suggest(str(key), sorted(self.read))
                raise self.error(f"unknown parameter{hint}; allowed: {', '.join(sorted(self.read))}", str(key))


def suggest(word: str, choices: list[str]) -> str:
    """Return ``' (did you mean "x"?)'`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""
