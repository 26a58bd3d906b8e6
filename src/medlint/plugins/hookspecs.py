"""Every hook medlint calls. Plugins implement them with ``@medlint.hookimpl``.

This module is the whole plugin contract (pytest's ``hookspec.py``). The rules
of the game, as in pluggy:

* Hooks are called with keyword arguments only. An implementation may accept
  fewer arguments than the spec names, so specs can grow without breaking
  plugins; it may not ask for an argument the spec does not have.
* A ``medlint_*`` function that matches no spec (a typo) is an error at
  start-up (``check_pending``), and so is a ``medlint_*`` function without the
  ``@hookimpl`` marker: neither is ever a silent no-op.
* Names a plugin contributes (rule ids, kinds, formats) must be unique across
  all plugins, medlint's own included; a clash is an error naming both sources.

medlint's own checks, document types, formatters and rulesets are registered
through these same hooks (``plugins/builtin.py``), first, so a plugin sees the
same registries a built-in does.

Order of calls in a run: ``medlint_configure`` once, then ``medlint_check_kinds``
and ``medlint_rulesets`` while rules load, ``medlint_formatters`` when a format
is chosen, then per file ``medlint_parse_document`` and
``medlint_process_findings``.
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
"""Marker for hook implementations: ``@hookimpl def medlint_rulesets(): ...``.

Import it as ``from medlint import hookimpl``. Options are pluggy's:
``tryfirst``/``trylast`` order implementations, ``optionalhook=True`` allows
a hook a newer medlint may define.
"""


@hookspec(historic=True)
def medlint_configure(config: Config) -> None:
    """Validate this plugin's settings before any file is linted.

    Read your settings with ``config.settings_for("your-plugin")`` (the
    ``plugin-settings`` key of the config) and raise
    :class:`medlint.errors.ConfigError` for bad values; medlint prints it and
    exits 2. Any other exception is reported as a plugin error naming you.
    Historic: a plugin registered late still receives the call.

    Args:
        config: the validated, frozen configuration of this run.
    """


@hookspec
def medlint_rulesets() -> Sequence[Path]:
    """Return folders of rule YAML files (one rule per file, plus an optional ``ruleset.yml``).

    An installed plugin's rulesets are on by default, like flake8 plugins; a
    config's ``rulesets:`` list narrows the selection by ruleset name (the
    ``name`` in ``ruleset.yml``, else the folder name). Ship the folder inside
    your package and return ``Path(__file__).parent / "rules"``.

    Returns:
        A list of folders. A rule id already defined elsewhere is an error
        naming both rule files and both plugins.
    """
    raise NotImplementedError


@hookspec
def medlint_check_kinds() -> dict[str, type[Check]]:
    """Map rule ``kind:`` names to :class:`medlint.checks.base.Check` subclasses.

    A kind validates its ``params`` once in ``from_params`` (through
    :class:`medlint.rules.params.Params`, which turns mistakes into
    ``file:line`` errors) and yields :class:`medlint.checks.base.Hit` spans
    in ``run``. Rule files of any ruleset may then use ``kind: <name>``.

    Returns:
        ``{kind name: check class}``. A name another plugin (or medlint)
        already registered is an error naming both.
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def medlint_parse_document(path: Path, text: str, config: Config) -> Document | None:
    """Parse and mask a file, or return None when the file type is not yours.

    Build the result with :func:`medlint.documents.base.make_document`: the
    masked text must have the same length as ``text`` with every line break
    kept, so offsets need no mapping. medlint's built-in parsers run last
    (``trylast``), so a plugin can take over an extension. The editor server
    asks with ``text=""`` whether a file type is supported at all.

    Args:
        path: the file's path (only its name may matter: stdin has none).
        text: the decoded file content.
        config: the run's configuration.

    Returns:
        A :class:`medlint.documents.base.Document`, or None to let the next
        parser try. The first non-None result wins.
    """


@hookspec
def medlint_file_patterns() -> Sequence[str]:
    """Globs of the file names your document type reads (``["*.rst", "*.rest"]``).

    Folder walks take them along with medlint's own default ``include`` list,
    so ``medlint check docs/`` finds your files without a config. A config
    that sets ``include`` itself decides alone.

    Returns:
        Glob patterns matched against file names, as in ``include``.
    """
    raise NotImplementedError


@hookspec
def medlint_process_findings(findings: list[Finding], document: Document, config: Config) -> None:
    """Edit ``findings`` in place after inline suppressions, before the baseline.

    Use it to drop, add or replace findings (``dataclasses.replace``: they are
    frozen) with knowledge medlint lacks, e.g. an allow-list kept elsewhere.

    Args:
        findings: this file's findings; mutate the list itself.
        document: the parsed file the findings belong to.
        config: the run's configuration.
    """


@hookspec
def medlint_formatters() -> dict[str, type[Formatter]]:
    """Map ``--format`` names to :class:`medlint.formatters.base.Formatter` subclasses.

    A formatter renders a whole :class:`medlint.report.Report` to a string.

    Returns:
        ``{format name: formatter class}``. A name already registered is an
        error naming both sources.
    """
    raise NotImplementedError
