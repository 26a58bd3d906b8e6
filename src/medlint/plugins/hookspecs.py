"""Every hook medlint calls. Plugins implement them with ``@medlint.hookimpl``.

Hooks are called with keyword arguments only; an implementation may accept
fewer arguments than the spec names (so specs can grow without breaking
plugins). medlint's own checks, document types, formatters and rulesets are
registered through these same hooks (``plugins/builtin.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from medlint.checks.base import Check
    from medlint.config import Config
    from medlint.documents.base import Document
    from medlint.formatters.base import Formatter
    from medlint.models import Finding

PROJECT = "medlint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
"""Marker for hook implementations: ``@hookimpl def medlint_rulesets(): ...``."""


@hookspec(historic=True)
def medlint_configure(config: Config) -> None:
    """Validate this plugin's settings before any file is linted.

    Read your settings with ``config.settings_for("your-plugin")`` (the
    ``plugin-settings`` key of the config) and raise
    :class:`medlint.errors.ConfigError` for bad values; medlint prints it and
    exits 2. Historic: a plugin registered late still receives the call.
    """


@hookspec
def medlint_rulesets() -> Sequence[Path]:
    """Return folders of rule YAML files (one rule per file, plus an optional ``ruleset.yml``).

    An installed plugin's rulesets are on by default, like flake8 plugins; a
    config's ``rulesets:`` list narrows the selection by ruleset name.
    """
    raise NotImplementedError


@hookspec
def medlint_check_kinds() -> dict[str, type[Check]]:
    """Map rule ``kind:`` names to :class:`medlint.checks.base.Check` subclasses.

    A name already registered by another plugin is an error naming both.
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def medlint_parse_document(path: Path, text: str, config: Config) -> Document | None:
    """Parse and mask a file, or return None when the file type is not yours.

    The masked text must have the same length as ``text`` with every line
    break kept. medlint's built-in parsers run last (``trylast``), so a plugin
    can take over an extension.
    """


@hookspec
def medlint_process_findings(findings: list[Finding], document: Document, config: Config) -> None:
    """Edit ``findings`` in place after inline suppressions, before the baseline."""


@hookspec
def medlint_formatters() -> dict[str, type[Formatter]]:
    """Map ``--format`` names to :class:`medlint.formatters.base.Formatter` subclasses."""
    raise NotImplementedError
