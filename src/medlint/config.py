"""Find, read and validate the configuration; the result is a frozen :class:`Config`.

Optional: with no file, the built-in rulesets run with the defaults below.
The file is the nearest ``.medlint.yml``/``.medlint.yaml``, or
``[tool.medlint]`` in ``pyproject.toml``, looking upward from the working
folder. Unknown keys and bad values are errors naming the file and line, with
a "did you mean" suggestion. Relative paths resolve from the config's folder.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from medlint.errors import ConfigError
from medlint.models import Severity
from medlint.rules.params import suggest
from medlint.yamlsource import YamlDoc, load_yaml

CONFIG_NAMES = (".medlint.yml", ".medlint.yaml")
REGIONS = ("us", "uk", "eu", "ie", "au", "nz", "ca")
FAIL_ON = ("error", "warning", "info", "none")
DEFAULT_INCLUDE = ("*.md", "*.mdx", "*.markdown", "*.html", "*.htm", "*.txt")
DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024
KEYS = (
    "rulesets", "region", "fail-on", "select", "ignore", "rules", "include", "exclude",
    "per-file-ignores", "plugins", "plugin-settings", "max-file-size", "cache", "cache-dir",
    "jobs", "respect-gitignore", "rule-timeout",
)  # fmt: skip
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


@dataclass(frozen=True, slots=True)
class RuleOverride:
    """A rule's settings from ``rules:``: turned off, or a new severity."""

    enabled: bool = True
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Config:
    """Validated settings. ``path`` is the file they came from (None: defaults)."""

    path: str | None = None
    root: Path = field(default_factory=Path.cwd)
    rulesets: tuple[str, ...] | None = None
    region: str | None = None
    fail_on: str = "warning"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: tuple[tuple[str, RuleOverride], ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    plugins: tuple[str, ...] = ()
    plugin_settings: tuple[tuple[str, Any], ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    cache: bool = True
    cache_dir: str | None = None
    jobs: int = 0
    respect_gitignore: bool = True
    rule_timeout: float = 2.0
    key_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int | None:
        """The line of a top-level key in the config file, for errors found after loading."""
        return dict(self.key_lines).get(key)

    def override(self, **changes: Any) -> Config:
        """Return a copy with command-line values applied (None means 'not given')."""
        given = {key: value for key, value in changes.items() if value is not None}
        return replace(self, **given)

    def rule_override(self, rule_id: str) -> RuleOverride | None:
        """The ``rules:`` entry for ``rule_id``, if any."""
        return dict(self.rules).get(rule_id)

    def settings_for(self, plugin: str) -> Any:
        """The ``plugin-settings`` entry of a plugin (None when absent)."""
        return dict(self.plugin_settings).get(plugin)


def find_config(start: Path) -> Path | None:
    """Return the nearest config file at or above ``start``."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def load_config(path: Path | None = None, *, start: Path | None = None) -> Config:
    """Load ``path`` (or the nearest config from ``start``); defaults when there is none."""
    if path is None:
        path = find_config((start or Path.cwd()).resolve())
        if path is None:
            return Config(root=(start or Path.cwd()).resolve())
    if not path.is_file():
        raise ConfigError("config file not found; check the --config path", path=path)
    text = _read(path)
    doc = _toml_doc(text, path) if path.name == "pyproject.toml" else load_yaml(text, path, error=ConfigError)
    if doc.data is None:
        return Config(path=str(path), root=path.parent.resolve())
    if not isinstance(doc.data, dict):
        raise ConfigError("expected a mapping of settings (rulesets, region, ...)", path=path, line=1)
    return parse_config(doc, path.parent.resolve())


def parse_config(doc: YamlDoc, root: Path) -> Config:
    """Validate the mapping in ``doc`` into a :class:`Config`."""
    reader = _Reader(doc)
    data = doc.data
    for key in data:
        if key not in KEYS:
            hint = suggest(str(key), list(KEYS))
            allowed = ", ".join(KEYS)
            raise ConfigError(f"unknown key {key!r}{hint}; allowed: {allowed}", path=doc.path, line=doc.line(key))
    values: dict[str, Any] = {"path": doc.path, "root": root}
    values["key_lines"] = tuple((str(key), doc.line(str(key))) for key in data)
    if "rulesets" in data:
        values["rulesets"] = tuple(reader.strings("rulesets"))
    if "region" in data:
        values["region"] = reader.choice("region", REGIONS)
    if "fail-on" in data:
        values["fail_on"] = reader.choice("fail-on", FAIL_ON)
    for key in ("select", "ignore", "include", "exclude", "plugins"):
        if key in data:
            values[key] = tuple(reader.strings(key))
    if "rules" in data:
        values["rules"] = reader.rule_overrides()
    if "per-file-ignores" in data:
        values["per_file_ignores"] = reader.per_file_ignores()
    if "plugin-settings" in data:
        values["plugin_settings"] = tuple(sorted(reader.mapping("plugin-settings").items()))
    if "max-file-size" in data:
        values["max_file_size"] = parse_size(data["max-file-size"], reader, "max-file-size")
    for key in ("cache", "respect-gitignore"):
        if key in data:
            values[key.replace("-", "_")] = reader.boolean(key)
    if "cache-dir" in data:
        values["cache_dir"] = reader.string("cache-dir")
    if "jobs" in data:
        values["jobs"] = reader.number("jobs", int)
    if "rule-timeout" in data:
        values["rule_timeout"] = reader.seconds("rule-timeout")
    return Config(**values)


def parse_size(value: Any, reader: _Reader | None = None, key: str = "max-file-size") -> int:
    """Read a size such as ``2000000``, ``"500 KB"`` or ``"20MB"`` into bytes."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = _SIZE.match(str(value)) if isinstance(value, str) else None
    if match is None:
        message = f"expected a size such as 20MB or 500KB, got {value!r}"
        if reader is None:
            raise ConfigError(message)
        raise reader.error(message, key)
    unit = (match.group(2) or "").lower()[:1]
    return int(float(match.group(1)) * _UNITS[unit])


class _Reader:
    """Typed access to config values, raising errors that name file:line and key."""

    def __init__(self, doc: YamlDoc):
        self.doc = doc
        self.data: dict[str, Any] = doc.data

    def error(self, message: str, *keys: str | int) -> ConfigError:
        label = ".".join(str(key) for key in keys)
        return ConfigError(
            f"{label}: {message}" if label else message,
            path=self.doc.path,
            line=self.doc.line(*keys),
        )

    def strings(self, key: str) -> list[str]:
        value = self.data[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error("expected a list of strings", key)
        return list(value)

    def string(self, key: str) -> str:
        value = self.data[key]
        if not isinstance(value, str):
            raise self.error(f"expected a string, got {value!r}", key)
        return value

    def boolean(self, key: str) -> bool:
        value = self.data[key]
        if not isinstance(value, bool):
            raise self.error(f"expected true or false, got {value!r}", key)
        return value

    def number(self, key: str, kind: type[int] | type[float]) -> int | float:
        value = self.data[key]
        allowed = (int,) if kind is int else (int, float)
        if isinstance(value, bool) or not isinstance(value, allowed) or value < 0:
            what = "a whole number" if kind is int else "a number"
            raise self.error(f"expected {what} >= 0, got {value!r}", key)
        return kind(value)

    def seconds(self, key: str) -> float:
        """A time limit: a number of seconds above zero (zero would stop every rule at once)."""
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 3600:
            raise self.error(f"expected a number of seconds above 0 (e.g. 2.0), got {value!r}", key)
        return float(value)

    def choice(self, key: str, allowed: tuple[str, ...]) -> str:
        value = str(self.data[key]).lower()
        if value not in allowed:
            raise self.error(
                f"unknown value {value!r}{suggest(value, list(allowed))}; allowed: {', '.join(allowed)}",
                key,
            )
        return value

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.data[key]
        if not isinstance(value, dict):
            raise self.error("expected a mapping", key)
        return {str(item): content for item, content in value.items()}

    def rule_overrides(self) -> tuple[tuple[str, RuleOverride], ...]:
        overrides: list[tuple[str, RuleOverride]] = []
        for rule_id, value in self.mapping("rules").items():
            overrides.append((rule_id, self._override(rule_id, value)))
        return tuple(overrides)

    def _override(self, rule_id: str, value: Any) -> RuleOverride:
        if value in (False, "off", "disable", "disabled"):
            return RuleOverride(enabled=False)
        if value in (True, "on", "enable", "enabled"):
            return RuleOverride()
        if isinstance(value, str):
            return RuleOverride(severity=self._severity(rule_id, value))
        if not isinstance(value, dict):
            raise self.error("expected off, a severity, or {severity: ..., enabled: ...}", "rules", rule_id)
        for key in value:
            if key not in ("severity", "enabled"):
                raise self.error(
                    f"unknown key {key!r}{suggest(str(key), ['severity', 'enabled'])}; allowed: severity, enabled",
                    "rules",
                    rule_id,
                    key,
                )
        enabled = value.get("enabled", True)
        if not isinstance(enabled, bool):
            raise self.error("expected true or false", "rules", rule_id, "enabled")
        severity = self._severity(rule_id, value["severity"]) if "severity" in value else None
        return RuleOverride(enabled=enabled, severity=severity)

    def _severity(self, rule_id: str, value: Any) -> Severity:
        try:
            return Severity.parse(str(value))
        except ValueError:
            raise self.error(
                f"unknown severity {value!r}; allowed: error, warning, info, off", "rules", rule_id
            ) from None

    def per_file_ignores(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        entries: list[tuple[str, tuple[str, ...]]] = []
        for pattern, value in self.mapping("per-file-ignores").items():
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise self.error(
                    "expected a list of rule ids, prefixes or categories",
                    "per-file-ignores",
                    pattern,
                )
            entries.append((pattern, tuple(value)))
        return tuple(entries)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"config is not UTF-8 text (byte {exc.start}); save it as UTF-8", path=path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read config: {exc.strerror or exc}", path=path) from None


def _has_tool_section(path: Path) -> bool:
    try:
        return "[tool.medlint" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _toml_doc(text: str, path: Path) -> YamlDoc:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line_match = re.search(r"line (\d+)", str(exc))
        raise ConfigError(
            f"invalid TOML: {exc}", path=path, line=int(line_match.group(1)) if line_match else None
        ) from None
    section = data.get("tool", {}).get("medlint")
    if not isinstance(section, dict):
        return YamlDoc(str(path), None, {})
    return YamlDoc(str(path), section, _toml_lines(text, section))


def _toml_lines(text: str, section: Mapping[str, Any]) -> dict[tuple[str | int, ...], int]:
    """Approximate key lines inside ``[tool.medlint]`` (tomllib keeps no positions)."""
    lines: dict[tuple[str | int, ...], int] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.startswith("[tool.medlint")
            if inside:
                lines.setdefault((), number)
            continue
        if inside:
            key = stripped.split("=", 1)[0].strip().strip('"')
            if key in section:
                lines.setdefault((key,), number)
    return lines
