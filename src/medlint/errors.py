"""Errors that end a run with exit status 2, each naming where the problem is.

The CLI catches :class:`MedlintError` in one place and prints ``str(error)``:
one line, ``path:line: what is wrong; what to do``. Nothing below it prints a
traceback for bad input.
"""

from __future__ import annotations

from pathlib import Path


class MedlintError(Exception):
    """A problem with the user's input, config, rules or plugins (exit status 2)."""

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class ConfigError(MedlintError):
    """The configuration file or a command-line option is invalid."""


class RuleError(MedlintError):
    """A rule file is invalid: unknown key, wrong type, bad regex, unknown kind."""


class PluginError(MedlintError):
    """A plugin failed to load, or two sources define the same name."""


class InputError(MedlintError):
    """A path given on the command line cannot be read."""
