"""The formatter contract: render a whole :class:`Report` to a string.

A format is one class with a ``name`` and ``render``; it receives the report
(findings sorted, counts, the rules that ran), so formats that need rule
metadata (SARIF, HTML) have it and formats that stream do not need more.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from medlint.report import Report


class Formatter(ABC):
    """Base class of every output format."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def __init__(self, *, color: bool = False, show_summary: bool = True) -> None:
        self.color = color
        self.show_summary = show_summary

    @abstractmethod
    def render(self, report: Report) -> str:
        """Return the complete output for ``report``."""
