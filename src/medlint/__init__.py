"""medlint: a linter for health claims in marketing and blog text.

The public API::

    from medlint import lint_text, lint_paths, Finding, hookimpl
    findings = lint_text("Our drips cure fatigue.", path="page.md")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medlint.plugins.hookspecs import hookimpl

__version__ = "0.1.0"
__all__ = [
    "Config",
    "Finding",
    "Linter",
    "Report",
    "Severity",
    "__version__",
    "hookimpl",
    "lint_paths",
    "lint_text",
]

if TYPE_CHECKING:
    from medlint.api import Linter, lint_paths, lint_text
    from medlint.config import Config
    from medlint.models import Finding, Severity
    from medlint.report import Report

_LAZY = {
    "Linter": "medlint.api",
    "lint_text": "medlint.api",
    "lint_paths": "medlint.api",
    "Config": "medlint.config",
    "Finding": "medlint.models",
    "Severity": "medlint.models",
    "Report": "medlint.report",
}


def __getattr__(name: str) -> Any:
    """Import the public names on first use, so ``import medlint`` stays cheap."""
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'medlint' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
