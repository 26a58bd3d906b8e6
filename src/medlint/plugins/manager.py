"""Build the plugin manager and the registries (kinds, formats, rulesets) it provides.

Built-ins are registered first, as a plugin like any other (pytest's
``default_plugins``); then installed entry points of the group ``medlint``
(unless ``MEDLINT_DISABLE_PLUGIN_AUTOLOAD`` is set); then modules named by the
config's ``plugins:`` or ``--plugin``. ``check_pending()`` turns a misspelled
hook into an error. A name defined twice is an error naming both sources.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pluggy

from medlint.config import Config
from medlint.errors import PluginError
from medlint.plugins import builtin, hookspecs

ENTRY_POINT_GROUP = "medlint"
BUILTIN_NAME = "medlint.builtin"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PluginInfo:
    """A loaded plugin: its registered name, distribution and version."""

    name: str
    distribution: str
    version: str


def get_plugin_manager(config: Config, extra_plugins: Iterable[str] = ()) -> pluggy.PluginManager:
    """Return a manager with built-ins, entry points and configured plugins registered."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    manager.register(builtin, BUILTIN_NAME)
    if not os.environ.get("MEDLINT_DISABLE_PLUGIN_AUTOLOAD"):
        _load_entry_points(manager)
    for module_name in (*config.plugins, *extra_plugins):
        _load_module(manager, module_name, config.root)
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(f"{exc}; check the hook name against medlint.plugins.hookspecs") from None
    manager.hook.medlint_configure.call_historic(kwargs={"config": config})
    return manager


def _load_entry_points(manager: pluggy.PluginManager) -> None:
    for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = entry_point.dist.name if entry_point.dist is not None else "?"
        label = f"{dist}[{entry_point.name}]"
        if manager.get_plugin(entry_point.name) is not None or manager.is_blocked(entry_point.name):
            continue
        try:
            plugin = entry_point.load()
        except Exception as exc:  # a broken plugin must name itself, whatever it raised
            raise PluginError(
                f"plugin {label} failed to load: {type(exc).__name__}: {exc}; reinstall or uninstall it"
            ) from None
        try:
            manager.register(plugin, name=entry_point.name)
        except ValueError as exc:
            raise PluginError(f"plugin {label} could not be registered: {exc}") from None
        if entry_point.dist is not None:
            manager._plugin_distinfo.append((plugin, entry_point.dist))


def _load_module(manager: pluggy.PluginManager, module_name: str, root: Path) -> None:
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # the user's module may raise anything on import
        raise PluginError(f"plugin module {module_name!r} failed to import: {type(exc).__name__}: {exc}") from None
    if manager.get_plugin(module_name) is None and not manager.is_registered(module):
        manager.register(module, name=module_name)


def plugin_infos(manager: pluggy.PluginManager) -> list[PluginInfo]:
    """Every plugin but the built-ins, with distribution name and version where known."""
    dists = {id(plugin): dist for plugin, dist in manager.list_plugin_distinfo()}
    infos: list[PluginInfo] = []
    for name, plugin in manager.list_name_plugin():
        if name == BUILTIN_NAME or plugin is None:
            continue
        dist = dists.get(id(plugin))
        infos.append(
            PluginInfo(
                name=name,
                distribution=dist.project_name if dist is not None else "(local module)",
                version=dist.version if dist is not None else "",
            )
        )
    return sorted(infos, key=lambda info: info.name)


def source_label(manager: pluggy.PluginManager, plugin: object) -> str:
    """A human name for where a hook result came from: ``core`` or ``dist[entry]``."""
    name = manager.get_name(plugin) or "?"
    if name == BUILTIN_NAME:
        return "core"
    for other, dist in manager.list_plugin_distinfo():
        if other is plugin:
            return f"{dist.project_name}[{name}]"
    return name


def collect_registry(manager: pluggy.PluginManager, hook_name: str, what: str) -> dict[str, tuple[Any, str]]:
    """Merge the dicts every implementation of ``hook_name`` returns; duplicates are errors."""
    registry: dict[str, tuple[Any, str]] = {}
    for impl in reversed(getattr(manager.hook, hook_name).get_hookimpls()):
        label = source_label(manager, impl.plugin)
        result = _call(impl.function, label, hook_name)
        if not isinstance(result, dict):
            raise PluginError(f"{label}: {hook_name} must return a dict, got {type(result).__name__}")
        for name, value in result.items():
            if name in registry:
                raise PluginError(f"{what} {name!r} is defined by both {registry[name][1]} and {label}; uninstall one")
            registry[name] = (value, label)
    return registry


def collect_rulesets(manager: pluggy.PluginManager) -> list[tuple[Path, str]]:
    """Ruleset folders from every plugin, with the plugin that contributed each."""
    folders: list[tuple[Path, str]] = []
    for impl in reversed(manager.hook.medlint_rulesets.get_hookimpls()):
        label = source_label(manager, impl.plugin)
        result = _call(impl.function, label, "medlint_rulesets")
        for item in result or []:
            folders.append((Path(str(item)), label))
    return folders


def _call(function: Callable[..., T], label: str, hook_name: str) -> T:
    try:
        return function()
    except Exception as exc:  # a plugin's hook may raise anything; name the plugin
        raise PluginError(f"{label}: {hook_name} raised {type(exc).__name__}: {exc}") from None
