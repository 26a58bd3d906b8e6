"""Read ruleset folders into validated, compiled :class:`Rule` objects.

One rule per YAML file, the file stem is the rule id (Vale's styles). A
ruleset folder holds ``ruleset.yml`` (name, description, version, extra
categories) and rule files; data files a rule reads live in subfolders.
Every mistake is a :class:`RuleError` naming ``file:line`` and the key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medlint.checks.base import Check
from medlint.errors import RuleError
from medlint.models import Scope, Severity
from medlint.rules.model import Rule, RuleDocs, RuleTests
from medlint.rules.params import Params, suggest
from medlint.yamlsource import YamlDoc, load_yaml

CATEGORIES = frozenset(
    {
        "efficacy", "speed", "safety", "evidence", "testimonial", "hype", "comparative",
        "indication", "crisis", "disclaimer", "fair-balance", "crisis-resources",
    }
)  # fmt: skip
RULE_KEYS = (
    "id",
    "name",
    "kind",
    "category",
    "severity",
    "scope",
    "message",
    "params",
    "docs",
    "tests",
    "link",
    "supersedes",
)
DOCS_KEYS = ("what", "why", "example", "instead", "references")
TESTS_KEYS = ("fail", "pass")
RULESET_KEYS = ("name", "description", "version", "categories", "link")
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Ruleset:
    """A folder of rules with its metadata."""

    name: str
    path: Path
    description: str = ""
    version: str = ""
    categories: frozenset[str] = frozenset()
    origin: str = "core"


def read_ruleset(path: Path, origin: str) -> Ruleset:
    """Read ``path/ruleset.yml`` (optional) into a :class:`Ruleset`."""
    if not path.is_dir():
        raise RuleError("ruleset folder not found; check the path in 'rulesets'", path=path)
    meta_path = path / "ruleset.yml"
    data: dict[str, Any] = {}
    if meta_path.is_file():
        doc = load_yaml(_read(meta_path), meta_path, error=RuleError)
        data = _mapping(doc, ())
        _check_keys(doc, data, RULESET_KEYS, ())
    categories = data.get("categories", [])
    if not isinstance(categories, list) or not all(isinstance(item, str) for item in categories):
        raise RuleError("categories: expected a list of names", path=meta_path, line=1)
    return Ruleset(
        name=str(data.get("name", path.name)),
        path=path,
        description=str(data.get("description", "")),
        version=str(data.get("version", "")),
        categories=frozenset(categories),
        origin=origin,
    )


def rule_files(ruleset: Ruleset) -> list[Path]:
    """The rule files of a ruleset, sorted (``ruleset.yml`` and subfolders excluded)."""
    return sorted(
        item
        for item in ruleset.path.iterdir()
        if item.suffix in (".yml", ".yaml") and item.name not in ("ruleset.yml", "ruleset.yaml")
    )


def load_rulesets(
    rulesets: Iterable[Ruleset], kinds: Mapping[str, type[Check]], link_template: str = "", *, trusted: bool = False
) -> list[Rule]:
    """Load every rule of ``rulesets``; duplicate ids are an error naming both files.

    ``trusted``: these exact files loaded cleanly before (:mod:`medlint.rules.memo`),
    so patterns skip their per-token checks and compile on first use.
    """
    sets = list(rulesets)
    categories = CATEGORIES.union(*(item.categories for item in sets))
    rules: dict[str, Rule] = {}
    for ruleset in sets:
        for path in rule_files(ruleset):
            rule = load_rule(
                path,
                ruleset=ruleset,
                kinds=kinds,
                categories=categories,
                link_template=link_template,
                trusted=trusted,
            )
            if rule.id in rules:
                other = rules[rule.id]
                raise RuleError(
                    f"rule id {rule.id} is defined twice: here (from {rule.source}) and in "
                    f"{other.path} (from {other.source}); rename one or drop one of the rulesets",
                    path=path,
                    line=1,
                )
            rules[rule.id] = rule
    _check_superseded(rules)
    return sorted(rules.values(), key=lambda rule: rule.id)


def _check_superseded(rules: Mapping[str, Rule]) -> None:
    """Every id a rule supersedes names a loaded rule: a typo would silently keep both findings."""
    for rule in rules.values():
        unknown = [item for item in rule.supersedes if item not in rules]
        if unknown:
            hint = suggest(unknown[0], sorted(rules))
            raise RuleError(f"supersedes unknown rule {unknown[0]!r}{hint}", path=Path(rule.path))


def load_rule(
    path: Path,
    *,
    ruleset: Ruleset,
    kinds: Mapping[str, type[Check]],
    categories: frozenset[str] = CATEGORIES,
    link_template: str = "",
    trusted: bool = False,
) -> Rule:
    """Load and validate one rule file."""
    doc = load_yaml(_read(path), path, error=RuleError)
    data = _mapping(doc, ())
    _check_keys(doc, data, RULE_KEYS, ())
    rule_id = _required_str(doc, data, "id")
    if rule_id != path.stem:
        raise _error(doc, f"id {rule_id!r} must equal the file name stem {path.stem!r}", "id")
    if not _ID.match(rule_id):
        raise _error(doc, "id must be letters and digits, e.g. EFF001", "id")
    name = _required_str(doc, data, "name")
    if not _NAME.match(name):
        raise _error(doc, f"name {name!r} must be kebab-case, e.g. guaranteed-outcome", "name")
    kind = _required_str(doc, data, "kind")
    if kind not in kinds:
        raise _error(
            doc,
            f"unknown kind {kind!r}{suggest(kind, sorted(kinds))}; known: {', '.join(sorted(kinds))}",
            "kind",
        )
    category = _required_str(doc, data, "category")
    if category not in categories:
        hint = suggest(category, sorted(categories))
        raise _error(
            doc,
            f"unknown category {category!r}{hint}; known: {', '.join(sorted(categories))}",
            "category",
        )
    check_class = kinds[kind]
    severity = _severity(doc, data)
    scope = _scope(doc, data, check_class)
    message = _required_str(doc, data, "message")
    raw_params = data.get("params", {})
    if not isinstance(raw_params, dict):
        raise _error(doc, "expected a mapping", "params")
    params = Params(raw_params, doc, base_dir=path.parent, trusted=trusted)
    check = check_class.from_params(params)
    params.finish()
    link = data.get("link") or (link_template.format(id=rule_id, name=name) if link_template else "")
    return Rule(
        id=rule_id,
        name=name,
        kind=kind,
        category=category,
        severity=severity,
        scope=scope,
        message=message,
        check=check,
        docs=_docs(doc, data),
        tests=_tests(doc, data),
        source=ruleset.origin if ruleset.origin == ruleset.name else f"{ruleset.origin}:{ruleset.name}",
        path=str(path),
        params=tuple(sorted((str(key), value) for key, value in raw_params.items())),
        link=str(link),
        supersedes=_supersedes(doc, data),
    )


def _supersedes(doc: YamlDoc, data: Mapping[str, Any]) -> tuple[str, ...]:
    """The ids of rules whose findings this rule's overlapping findings replace."""
    given = data.get("supersedes", [])
    given = [given] if isinstance(given, str) else given
    if not isinstance(given, list) or not all(isinstance(item, str) and _ID.match(item) for item in given):
        raise _error(doc, "expected a list of rule ids, e.g. [TST002]", "supersedes")
    if data.get("id") in given:
        raise _error(doc, "a rule cannot supersede itself", "supersedes")
    return tuple(given)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read rule file: {exc}", path=path) from None


def _mapping(doc: YamlDoc, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(doc.data, dict):
        raise RuleError("expected a mapping of keys (id, name, kind, ...)", path=doc.path, line=1)
    return doc.data


def _error(doc: YamlDoc, message: str, *keys: str) -> RuleError:
    return RuleError(f"{'.'.join(keys)}: {message}", path=doc.path, line=doc.line(*keys))


def _check_keys(doc: YamlDoc, data: Mapping[str, Any], allowed: tuple[str, ...], prefix: tuple[str, ...]) -> None:
    for key in data:
        if key not in allowed:
            hint = suggest(str(key), list(allowed))
            raise RuleError(
                f"{'.'.join((*prefix, str(key)))}: unknown key{hint}; allowed: {', '.join(allowed)}",
                path=doc.path,
                line=doc.line(*prefix, str(key)),
            )


def _required_str(doc: YamlDoc, data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _error(doc, f"is required and must be a string, got {value!r}", key)
    return value.strip()


def _severity(doc: YamlDoc, data: Mapping[str, Any]) -> Severity:
    value = data.get("severity", "warning")
    try:
        return Severity.parse(str(value))
    except ValueError:
        raise _error(doc, f"unknown severity {value!r}; allowed: error, warning, info", "severity") from None


def _scope(doc: YamlDoc, data: Mapping[str, Any], check_class: type[Check]) -> Scope:
    value = data.get("scope", check_class.default_scope.value)
    try:
        scope = Scope(str(value))
    except ValueError:
        raise _error(doc, f"unknown scope {value!r}; allowed: sentence, heading, document", "scope") from None
    if scope not in check_class.scopes:
        allowed = ", ".join(sorted(item.value for item in check_class.scopes))
        raise _error(doc, f"scope {scope.value!r} does not suit this kind; allowed: {allowed}", "scope")
    return scope


def _docs(doc: YamlDoc, data: Mapping[str, Any]) -> RuleDocs:
    raw = data.get("docs", {})
    if not isinstance(raw, dict):
        raise _error(doc, "expected a mapping with what, why, example, instead, references", "docs")
    _check_keys(doc, raw, DOCS_KEYS, ("docs",))
    references = raw.get("references", [])
    if isinstance(references, str):
        references = [references]
    if not isinstance(references, list) or not all(isinstance(item, str) for item in references):
        raise _error(doc, "expected a list of strings", "docs", "references")
    texts = {key: raw.get(key, "") for key in ("what", "why", "example", "instead")}
    for key, value in texts.items():
        if not isinstance(value, str):
            raise _error(doc, f"expected a string, got {value!r}", "docs", key)
    return RuleDocs(
        what=texts["what"].strip(),
        why=texts["why"].strip(),
        example=texts["example"].strip(),
        instead=texts["instead"].strip(),
        references=tuple(references),
    )


def _tests(doc: YamlDoc, data: Mapping[str, Any]) -> RuleTests:
    raw = data.get("tests", {})
    if not isinstance(raw, dict):
        raise _error(doc, "expected a mapping with fail and pass lists", "tests")
    _check_keys(doc, raw, TESTS_KEYS, ("tests",))
    lists: dict[str, tuple[str, ...]] = {}
    for key in TESTS_KEYS:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise _error(doc, "expected a list of strings", "tests", key)
        lists[key] = tuple(value)
    return RuleTests(fail=lists["fail"], passing=lists["pass"])
