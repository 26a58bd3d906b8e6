"""A rule pattern compiled on first use, for rulesets already validated once.

Compiling every pattern of every rule costs most of a short run (a
pre-commit hook on one page), yet on a given page the prefilter skips most
rules before their regexes run. When the loader knows a ruleset's patterns
compiled cleanly before (see :mod:`medlint.rules.memo`), it hands out
:class:`LazyPattern` objects: the same source and flags, compiled only when a
check first searches with them, so results are identical and unused patterns
cost nothing. Once compiled, the pattern's own methods replace the lazy ones,
so the hot path pays no extra call.
"""

from __future__ import annotations

from typing import Any, cast

import regex

from medlint.checks.programs import compile_recorded

_FORWARDED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer", "scanner")


class LazyPattern:
    """Stands in for ``regex.compile(source, flags)`` until a method needs the compiled pattern."""

    def __init__(self, source: str, flags: int) -> None:
        self.pattern = source
        self.given_flags = flags
        self.identity = (source, effective_flags(flags))  # equality and hash: checked on every prefilter lookup

    def compiled(self) -> regex.Pattern[str]:
        """Compile (once) and bind the compiled pattern's methods onto this object."""
        compiled: regex.Pattern[str] | None = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = compile_recorded(self.pattern, self.given_flags)
            self.__dict__["_compiled"] = compiled
            for name in _FORWARDED:
                self.__dict__[name] = getattr(compiled, name)
        return compiled

    @property
    def flags(self) -> int:
        """The flags as given (the prefilter reads them without compiling)."""
        return self.given_flags

    def search(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102 - mirrors regex.Pattern
        return self.compiled().search(*args, **kwargs)

    def match(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102
        return self.compiled().match(*args, **kwargs)

    def fullmatch(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102
        return self.compiled().fullmatch(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102
        return self.compiled().finditer(*args, **kwargs)

    def findall(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102
        return self.compiled().findall(*args, **kwargs)

    def sub(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102
        return self.compiled().sub(*args, **kwargs)

    def subn(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102
        return self.compiled().subn(*args, **kwargs)

    def split(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102
        return self.compiled().split(*args, **kwargs)

    def splititer(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102
        return self.compiled().splititer(*args, **kwargs)

    def scanner(self, *args: Any, **kwargs: Any) -> Any:  # noqa: D102
        return self.compiled().scanner(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        """Anything else a ``regex.Pattern`` has (``groups``, ``groupindex``, ...) compiles first."""
        if name.startswith("__") or name == "_compiled":
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __eq__(self, other: object) -> bool:
        """Equal to a lazy or compiled pattern of the same source and effective flags.

        (Compiled ``regex`` patterns compare by identity; comparing what they
        match keeps rules loaded from the memo equal to rules loaded afresh.)
        """
        if isinstance(other, LazyPattern):
            return self.identity == other.identity
        if isinstance(other, regex.Pattern):
            return self.identity == (other.pattern, effective_flags(other.flags))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.identity)

    def __reduce__(self) -> tuple[type[LazyPattern], tuple[str, int]]:
        return LazyPattern, (self.pattern, self.given_flags)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.given_flags})"


def effective_flags(flags: int) -> int:
    """``flags`` as ``regex`` completes them when compiling a text pattern (Unicode, version 0 by default)."""
    flags = int(flags)
    if not flags & _ENCODINGS:
        flags |= _UNICODE
    if not flags & _VERSIONS:
        flags |= _VERSION0
    return flags


_ENCODINGS = int(regex.ASCII | regex.LOCALE | regex.UNICODE)
_UNICODE, _VERSION0, _VERSIONS = int(regex.UNICODE), int(regex.VERSION0), int(regex.VERSION0 | regex.VERSION1)


def compile_pattern(source: str, flags: int, *, lazy: bool = False) -> regex.Pattern[str]:
    """``regex.compile(source, flags)``, or a :class:`LazyPattern` standing in for it when ``lazy``.

    Typed as a ``regex.Pattern`` because it behaves as one for every use a
    check makes of it; only ``isinstance`` tells them apart.
    """
    if lazy:
        return cast("regex.Pattern[str]", LazyPattern(source, flags))
    return compile_recorded(source, flags)
