"""medlint's own plugin: built-in rulesets, check kinds, document types and formats.

Registered first, through the same hooks a third-party plugin uses. Adding a
kind, a document type or a format is one module plus one line here.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from medlint.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from medlint.checks.base import Check
    from medlint.config import Config
    from medlint.documents.base import Document
    from medlint.formatters.base import Formatter


def builtin_rulesets_root() -> Path:
    """Where the built-in rulesets are: inside the installed wheel, or the source tree."""
    packaged = Path(str(resources.files("medlint"))) / "rulesets"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rulesets"


@hookimpl
def medlint_rulesets() -> list[Path]:
    """Every folder under the built-in ``rulesets/``."""
    root = builtin_rulesets_root()
    return sorted(path for path in root.iterdir() if path.is_dir() and not path.name.startswith((".", "_")))


@hookimpl
def medlint_check_kinds() -> dict[str, type[Check]]:
    """The built-in rule kinds."""
    from medlint.checks.cooccurrence import Cooccurrence
    from medlint.checks.existence import Existence
    from medlint.checks.indication import Indication
    from medlint.checks.require import Require
    from medlint.checks.substitution import Substitution

    return {
        "existence": Existence,
        "substitution": Substitution,
        "cooccurrence": Cooccurrence,
        "require": Require,
        "indication": Indication,
    }


def document_types() -> tuple[ModuleType, ...]:
    """The built-in document type modules, each with ``EXTENSIONS`` and ``parse``."""
    from medlint.documents import html, markdown, mdx, plaintext

    return (markdown, mdx, html, plaintext)


@hookimpl(trylast=True)
def medlint_parse_document(path: Path, text: str, config: Config) -> Document | None:
    """Parse by file extension; None for a type medlint does not know."""
    suffix = path.suffix.lower()
    for module in document_types():
        if suffix in module.EXTENSIONS:
            document: Document = module.parse(str(path), text)
            return document
    return None


@hookimpl
def medlint_formatters() -> dict[str, type[Formatter]]:
    """The built-in output formats."""
    from medlint.formatters.github import GithubFormatter
    from medlint.formatters.gitlab import GitlabFormatter
    from medlint.formatters.html import HtmlFormatter
    from medlint.formatters.json import JsonFormatter
    from medlint.formatters.junit import JunitFormatter
    from medlint.formatters.rdjson import RdjsonFormatter, RdjsonlFormatter
    from medlint.formatters.sarif import SarifFormatter
    from medlint.formatters.text import TextFormatter

    ci_formats = (SarifFormatter, GithubFormatter, GitlabFormatter, JunitFormatter, RdjsonFormatter, RdjsonlFormatter)
    formats = (TextFormatter, JsonFormatter, *ci_formats, HtmlFormatter)
    return {formatter.name: formatter for formatter in formats}
