"""Which rules run on which file: ``select``/``ignore``, ``rules: off`` and per-file ignores.

A selector is a rule id, an id prefix, a rule name or a category. When both a
select and an ignore entry match, the more specific wins (flake8's "longest
prefix wins"): ``select: [efficacy]`` with ``ignore: [EFF002]`` drops only EFF002.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from medlint.config import Config
from medlint.discovery import relative_posix
from medlint.rules.model import Rule


def specificity(selector: str, rule_id: str, name: str, category: str) -> int:
    """How specifically ``selector`` names a rule (0 = not at all)."""
    if selector in (rule_id, name):
        return 1000
    if selector == category:
        return 1
    if rule_id.startswith(selector):
        return 1 + len(selector)
    return 0


def best(selectors: Iterable[str], rule_id: str, name: str, category: str) -> int:
    """The highest specificity among ``selectors``."""
    return max((specificity(item, rule_id, name, category) for item in selectors), default=0)


def is_selected(selected: tuple[str, ...], ignored: tuple[str, ...], rule_id: str, name: str, category: str) -> bool:
    """Apply select then ignore, the more specific entry winning."""
    chosen = best(selected, rule_id, name, category) if selected else 1
    if chosen == 0:
        return False
    dropped = best(ignored, rule_id, name, category)
    return dropped == 0 or chosen > dropped


@dataclass(frozen=True, slots=True)
class Selection:
    """The rules enabled by config, and per-file ignores to apply on top."""

    rules: tuple[Rule, ...]
    config: Config

    @classmethod
    def build(cls, rules: Iterable[Rule], config: Config) -> Selection:
        """Filter ``rules`` by the config and apply severity overrides."""
        enabled: list[Rule] = []
        for rule in rules:
            override = config.rule_override(rule.id) or config.rule_override(rule.name)
            if override is not None and not override.enabled:
                continue
            if not is_selected(config.select, config.ignore, rule.id, rule.name, rule.category):
                continue
            if override is not None and override.severity is not None:
                rule = rule.with_severity(override.severity)
            enabled.append(rule)
        return cls(tuple(enabled), config)

    def for_path(self, path: str) -> tuple[Rule, ...]:
        """The rules that run on ``path`` after ``per-file-ignores``."""
        ignored = self.ignored_for(path)
        if not ignored:
            return self.rules
        return tuple(rule for rule in self.rules if best(ignored, rule.id, rule.name, rule.category) == 0)

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Selectors ignored for ``path`` by ``per-file-ignores`` globs."""
        relative = relative_posix(Path(path), self.config.root)
        ignored: list[str] = []
        for pattern, selectors in self.config.per_file_ignores:
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(PurePath(relative).name, pattern):
                ignored.extend(selectors)
        return tuple(ignored)
