"""Read the approved-indication table (products, conditions) an ``indication`` rule uses.

Approvals change every year (Wegovy gained cardiovascular risk in 2024 and MASH
in 2025, Spravato monotherapy in 2025), so they live in a data file next to
the rule, not in regexes. Every mistake in the file is a :class:`RuleError`
naming the data file and the line, like any other rule error.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from medlint.checks import anchored
from medlint.checks.lazy import compile_pattern
from medlint.checks.patterns import prose_pattern
from medlint.checks.prefilter import page_candidates
from medlint.errors import RuleError
from medlint.yamlsource import YamlDoc, load_yaml

WORD_GUARD = r"(?<![\w-])(?:{body})(?![\w-]|-(?=\s))"
TOP_KEYS = ("verified_on", "products", "conditions", "non_conditions")
PRODUCT_KEYS = ("id", "label", "patterns", "approved", "note")
APPROVAL_KEYS = ("conditions", "source")
CONDITION_KEYS = ("id", "label", "patterns")


@dataclass(frozen=True, slots=True)
class Term:
    """A product or a condition: an id, a readable label and its compiled patterns."""

    id: str
    label: str
    pattern: regex.Pattern[str]


@dataclass(frozen=True, slots=True)
class Product:
    """A therapy with the conditions it is approved or cleared for."""

    term: Term
    approved: frozenset[str]
    sources: tuple[str, ...]
    note: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a term in a document: ``[start, end)`` and the term id."""

    start: int
    end: int
    id: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The whole data file, compiled."""

    products: tuple[Product, ...]
    conditions: tuple[Term, ...]
    non_conditions: regex.Pattern[str] | None
    verified_on: str

    def product(self, product_id: str) -> Product:
        """Return the product with ``product_id``."""
        return next(item for item in self.products if item.term.id == product_id)

    def condition_label(self, condition_id: str) -> str:
        """Return the readable label of a condition."""
        return next(item.label for item in self.conditions if item.id == condition_id)

    def product_mentions(self, text: str, timeout: float | None = None) -> list[Mention]:
        """Product mentions, the longest winning where two overlap."""
        return longest_first(_mentions((item.term for item in self.products), text, timeout))

    def condition_mentions(self, text: str, timeout: float | None = None) -> list[Mention]:
        """Condition mentions outside ``non_conditions`` phrases, the longest winning."""
        found = longest_first(_mentions(self.conditions, text, timeout))
        if self.non_conditions is None:
            return found
        blocked = [match.span() for match in self.non_conditions.finditer(text, timeout=timeout)]
        return [item for item in found if not any(s < item.end and item.start < e for s, e in blocked)]


def _mentions(terms: Iterator[Term] | Sequence[Term], text: str, timeout: float | None) -> Iterator[Mention]:
    chosen = tuple(terms)
    for position in page_candidates(tuple(term.pattern for term in chosen), text):  # the rest cannot match
        term = chosen[position]
        for match in anchored.finditer(term.pattern, text, timeout=timeout):
            yield Mention(match.start(), match.end(), term.id)


def longest_first(mentions: Iterator[Mention]) -> list[Mention]:
    """Drop every mention that overlaps a longer one; return the rest in text order."""
    kept: list[Mention] = []
    for item in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        if not any(other.start < item.end and item.start < other.end for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda m: m.start)


def load_catalogue(path: Path, *, trusted: bool = False) -> Catalogue:
    """Read and validate the data file at ``path`` (``trusted``: it loaded cleanly before, compile lazily)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read the indication data file: {exc}", path=path) from None
    return _Reader(load_yaml(text, path, error=RuleError), trusted).catalogue()


class _Reader:
    """Walks the YAML document, raising ``file:line`` errors with the key path."""

    def __init__(self, doc: YamlDoc, trusted: bool = False) -> None:
        self.doc = doc
        self.trusted = trusted

    def error(self, message: str, *keys: str | int) -> RuleError:
        where = "".join(f"[{key}]" if isinstance(key, int) else f".{key}" for key in keys).lstrip(".")
        prefix = f"{where}: " if where else ""
        return RuleError(f"{prefix}{message}", path=self.doc.path, line=self.doc.line(*keys))

    def catalogue(self) -> Catalogue:
        data = self.mapping(self.doc.data, TOP_KEYS)
        conditions = tuple(self.condition(item, index) for index, item in enumerate(self.items(data, "conditions")))
        known = {item.id for item in conditions}
        self.unique([item.id for item in conditions], "conditions")
        products = tuple(self.product(item, index, known) for index, item in enumerate(self.items(data, "products")))
        self.unique([item.term.id for item in products], "products")
        non_conditions = data.get("non_conditions", [])
        pattern = (
            self.compile(self.strings(non_conditions, "non_conditions"), "non_conditions") if non_conditions else None
        )
        return Catalogue(products, conditions, pattern, str(data.get("verified_on", "")))

    def mapping(self, value: Any, allowed: tuple[str, ...], *keys: str | int) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(f"expected a mapping with keys {', '.join(allowed)}", *keys)
        for key in value:
            if key not in allowed:
                raise self.error(f"unknown key; allowed: {', '.join(allowed)}", *keys, str(key))
        return value

    def items(self, data: dict[str, Any], key: str) -> list[Any]:
        value = data.get(key)
        if not isinstance(value, list) or not value:
            raise self.error("expected a non-empty list", key)
        return value

    def strings(self, value: Any, *keys: str | int) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(item, str) and item for item in value):
            raise self.error("expected a non-empty list of strings", *keys)
        return list(value)

    def text(self, data: dict[str, Any], key: str, *keys: str | int) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.error("is required and must be a string", *keys, key)
        return value.strip()

    def compile(self, patterns: list[str], *keys: str | int) -> regex.Pattern[str]:
        parts = [prose_pattern(source) for source in patterns]
        if not self.trusted:  # a data file that loaded cleanly before needs no per-pattern check
            for index, source in enumerate(patterns):
                try:
                    regex.compile(parts[index], regex.IGNORECASE)
                except regex.error as exc:
                    raise self.error(f"invalid regex {source!r}: {exc}", *keys, index) from None
        body = "|".join(f"(?:{part})" for part in parts)
        return compile_pattern(WORD_GUARD.format(body=body), regex.IGNORECASE, lazy=self.trusted)

    def term(self, data: dict[str, Any], *keys: str | int) -> Term:
        term_id = self.text(data, "id", *keys)
        label = str(data.get("label") or term_id)
        patterns = self.strings(data.get("patterns"), *keys, "patterns")
        return Term(term_id, label, self.compile(patterns, *keys, "patterns"))

    def condition(self, value: Any, index: int) -> Term:
        return self.term(self.mapping(value, CONDITION_KEYS, "conditions", index), "conditions", index)

    def product(self, value: Any, index: int, known: set[str]) -> Product:
        keys: tuple[str | int, ...] = ("products", index)
        data = self.mapping(value, PRODUCT_KEYS, *keys)
        approved: set[str] = set()
        sources: list[str] = []
        raw = data.get("approved", [])
        if not isinstance(raw, list):
            raise self.error("expected a list of {conditions, source}", *keys, "approved")
        for number, approval in enumerate(raw):
            where = (*keys, "approved", number)
            entry = self.mapping(approval, APPROVAL_KEYS, *where)
            for position, condition in enumerate(self.strings(entry.get("conditions"), *where, "conditions")):
                if condition not in known:
                    raise self.error(
                        f"unknown condition {condition!r}; define it under 'conditions'", *where, "conditions", position
                    )
                approved.add(condition)
            sources.append(self.text(entry, "source", *where))
        note = str(data.get("note", "")).strip()
        return Product(self.term(data, *keys), frozenset(approved), tuple(sources), note)

    def unique(self, ids: list[str], key: str) -> None:
        seen: set[str] = set()
        for index, item in enumerate(ids):
            if item in seen:
                raise self.error(f"duplicate id {item!r}", key, index, "id")
            seen.add(item)
