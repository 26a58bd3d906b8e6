"""Helpers for plugin and ruleset authors: fixture documents with inline expectations.

Write a document the way your users write theirs and mark what must be found::

    Our tea melts fat overnight. <!-- expect: ACME001 -->
    Two claims here, guaranteed cure. <!-- expect: ACME001, ACME002 -->
    <!-- expect-document: ACME900 -->

``<!-- expect: RULE[, RULE] -->`` says those findings *start* on the marker's
line (a rule listed twice is expected twice); ``<!-- expect-document: RULE -->``,
anywhere, expects a document-level finding. Every other finding is
unexpected. Markers are blanked with spaces of the same length before
linting, so they cannot change a result or shift a column, in any document
type. On a mismatch, :func:`assert_document` fails with a diff in
pycodestyle's style::

    -L3 ACME001 missing
    +L7 ACME002 unexpected: 'miracle' oversells the product.

In pytest::

    from medlint import Config, Linter
    from medlint.testing import assert_document

    LINTER = Linter.create(Config(rulesets=("acme",)))

    @pytest.mark.parametrize("path", sorted(Path("tests/documents").glob("*.md")), ids=str)
    def test_document(path):
        assert_document(path, linter=LINTER)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from medlint.api import Linter
from medlint.config import Config
from medlint.models import Finding
from medlint.sources import decode

MARKER = re.compile(r"<!--\s*expect(?P<document>-document)?\s*:(?P<rules>[^>\n]*?)-->")


@dataclass(frozen=True, slots=True)
class Expectations:
    """What a fixture expects, and its text with the markers blanked."""

    text: str
    spans: tuple[tuple[int, str], ...]
    document: tuple[str, ...]


def parse_expectations(text: str) -> Expectations:
    """Read the ``expect`` markers of ``text`` and blank them (same length, line breaks kept)."""
    spans: list[tuple[int, str]] = []
    document: list[str] = []
    chars = list(text)
    for match in MARKER.finditer(text):
        rules = [rule.strip() for rule in match.group("rules").split(",") if rule.strip()]
        if match.group("document"):
            document.extend(rules)
        else:
            line = text.count("\n", 0, match.start()) + 1
            spans.extend((line, rule) for rule in rules)
        chars[match.start() : match.end()] = " " * (match.end() - match.start())
    return Expectations("".join(chars), tuple(sorted(spans)), tuple(sorted(document)))


def compare(expectations: Expectations, findings: Iterable[Finding]) -> list[str]:
    """Return the diff lines between expected and actual findings (empty when they agree)."""
    found = list(findings)
    span_found = Counter((item.line, item.rule) for item in found if item.scope != "document")
    document_found = Counter(item.rule for item in found if item.scope == "document")
    messages = {(item.line, item.rule): item.message for item in found}
    diff: list[tuple[int, str, str]] = []
    for (line, rule), count in (Counter(expectations.spans) - span_found).items():
        diff += [(line, rule, f"-L{line} {rule} missing")] * count
    for (line, rule), count in (span_found - Counter(expectations.spans)).items():
        diff += [(line, rule, f"+L{line} {rule} unexpected: {messages[(line, rule)]}")] * count
    for rule, count in (Counter(expectations.document) - document_found).items():
        diff += [(0, rule, f"-document {rule} missing")] * count
    for rule, count in (document_found - Counter(expectations.document)).items():
        diff += [(0, rule, f"+document {rule} unexpected")] * count
    return [text for _line, _rule, text in sorted(diff)]


def check_document(path: str | Path, *, config: Config | None = None, linter: Linter | None = None) -> list[str]:
    """Lint the fixture at ``path`` (markers blanked) and return the diff lines.

    Pass a prepared ``linter`` to share its loaded rules between many fixtures;
    otherwise one is created from ``config`` (or the config found from the
    working folder).
    """
    linter = linter if linter is not None else Linter.create(config)
    text = decode(Path(path).read_bytes()).text
    expectations = parse_expectations(text)
    return compare(expectations, linter.lint_text(expectations.text, str(path)))


def assert_document(path: str | Path, *, config: Config | None = None, linter: Linter | None = None) -> None:
    """Fail with a readable diff when the fixture's findings differ from its markers."""
    diff = check_document(path, config=config, linter=linter)
    if diff:
        raise AssertionError(f"{path}: findings differ from the expect markers\n" + "\n".join(diff))
