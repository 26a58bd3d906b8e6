"""Compiled ``regex`` programs, kept from one run to the next.

The ``regex`` module parses and optimises a pattern in pure Python and only
then hands a flat program (a list of integers plus group tables) to its C
engine. For the long token alternations of health-claim rules that Python
half costs tens of milliseconds per pattern, and a pre-commit run on one page
would spend most of its time there, every run, on the same patterns.

:func:`compile_recorded` compiles a pattern as ``regex.compile`` does and
records the program it produced; :func:`programs_for` hands the recorded
programs to the rules memo (:mod:`medlint.rules.memo`), and
:func:`remember_programs` gives them back on the next run, when the same
pattern is built from its program directly, in microseconds. The program
depends only on the pattern, its flags and the ``regex`` version, which the
memo's digest covers. A program is executable input for a C engine, so the
memo that stores them is signed with a per-user key and never read unsigned.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

import regex
from regex import _main

regex_main: Any = _main
"""The module whose ``_regex`` (the C engine) receives each compiled program; typed loosely, it is private."""

Program = tuple[Any, ...]
"""The arguments ``regex`` passes to its C ``compile`` for one pattern."""

Key = tuple[str, int]

_PROGRAMS: dict[Key, Program] = {}
_LOCK = threading.Lock()


class _Recorder:
    """Stands in for the C module while ``regex`` compiles, keeping the arguments of each ``compile``."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls: list[Program] = []

    def compile(self, *args: Any) -> Any:
        self.calls.append(args)
        return self.real.compile(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def compile_recorded(source: str, flags: int) -> regex.Pattern[str]:
    """``regex.compile(source, flags)``, from a remembered program when there is one, else recording it."""
    key = (source, int(flags))
    program = _PROGRAMS.get(key)
    if program is not None:
        compiled: regex.Pattern[str] = regex_main._regex.compile(*program)
        return compiled
    with _LOCK:
        real = regex_main._regex
        recorder = _Recorder(real)
        regex_main._regex = recorder
        try:
            compiled = regex.compile(source, flags)  # a pattern already in regex's own cache is not recorded
        finally:
            regex_main._regex = real
    mine = [call for call in recorder.calls if call and call[0] == source]
    if len(mine) == 1:  # kept under the flags given and the flags compiled (a memo stores the latter)
        _PROGRAMS[key] = _PROGRAMS[(source, int(compiled.flags))] = _plain(mine[0])
    return compiled


def _plain(program: Program) -> Program:
    """Flag enums as plain ints, so a program pickles as built-in types only."""
    return tuple(int(item) if isinstance(item, int) and not isinstance(item, bool) else item for item in program)


def program_key(source: str, flags: int) -> Key:
    """The key a pattern's program is kept under."""
    return (source, int(flags))


def programs_for(keys: Iterable[Key]) -> dict[Key, Program]:
    """The recorded programs of ``keys`` (patterns compiled in this process)."""
    return {key: _PROGRAMS[key] for key in keys if key in _PROGRAMS}


def remember_programs(programs: Mapping[Key, Program]) -> None:
    """Take programs recorded by an earlier run (from a signed memo only)."""
    _PROGRAMS.update(
        (key, program) for key, program in programs.items() if isinstance(program, tuple) and program[:1] == key[:1]
    )
