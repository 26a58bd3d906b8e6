"""Build the plugin manager and the registries (kinds, formats, rulesets) it provides.

Built-ins are registered first, as a plugin like any other (pytest's
``default_plugins``); then installed entry points of the group ``medlint``
(unless ``MEDLINT_DISABLE_PLUGIN_AUTOLOAD`` is set); then modules named by the
config's ``plugins:`` or ``--plugin``. Every plugin carries a
:class:`PluginInfo`, so any error names its distribution and entry point.
A misspelled hook, a plugin that fails to import, and a name defined twice are
all errors (exit 2), never a silent no-op or silent shadowing.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import pluggy

from medlint.config import DEFAULT_INCLUDE, Config
from medlint.errors import MedlintError, PluginError
from medlint.plugins import builtin, hookspecs
from medlint.rules.params import suggest

ENTRY_POINT_GROUP = "medlint"
AUTOLOAD_ENV = "MEDLINT_DISABLE_PLUGIN_AUTOLOAD"
BUILTIN_NAME = "medlint.builtin"
HOOK_PREFIX = "medlint_"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PluginInfo:
    """Where a plugin came from: its registered name, distribution, version and entry point."""

    name: str
    distribution: str = ""
    version: str = ""
    entry_point: str = ""
    origin: str = ""

    @property
    def label(self) -> str:
        """Short source name shown by ``medlint rules``: ``core``, ``dist[entry]`` or the module name."""
        if self.name == BUILTIN_NAME:
            return "core"
        if self.distribution:
            return f"{self.distribution}[{self.name}]"
        return self.name

    def describe(self) -> str:
        """Long source name for error messages: distribution, version and entry point, or module file."""
        if self.name == BUILTIN_NAME:
            return "medlint core"
        if self.distribution:
            return f"plugin {self.distribution} {self.version} (entry point '{self.entry_point}')"
        return f"local plugin module {self.name} ({self.origin})" if self.origin else f"local plugin {self.name}"


class MedlintPluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers a :class:`PluginInfo` for every plugin."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}

    def add(self, plugin: object, info: PluginInfo) -> None:
        """Register ``plugin``; a clash or an impl whose arguments the spec lacks is a PluginError."""
        self.ensure_new_name(info)
        _reject_unmarked_hooks(self, plugin, info)
        try:
            self.register(plugin, name=info.name)
        except pluggy.PluginValidationError as exc:  # an impl asks for an argument the spec lacks
            detail = "; ".join(line.strip() for line in str(exc).splitlines()[1:3])
            raise PluginError(
                f"{info.describe()} could not be registered: {detail}; check the signature in medlint.plugins.hookspecs"
            ) from None
        except ValueError as exc:  # the same module under a second name
            raise PluginError(f"{info.describe()} could not be registered: {str(exc).splitlines()[0]}") from None
        self.infos[info.name] = info

    def ensure_new_name(self, info: PluginInfo) -> None:
        """Raise when another plugin already uses ``info.name`` (two distributions, one entry-point name)."""
        existing = self.infos.get(info.name)
        if existing is not None:
            raise PluginError(
                f"two plugins are named {info.name!r}: {existing.describe()} and {info.describe()}; uninstall one"
            )

    def info_for(self, plugin: object) -> PluginInfo:
        """The :class:`PluginInfo` of a registered plugin object."""
        name = self.get_name(plugin) or "?"
        return self.infos.get(name, PluginInfo(name))


def get_plugin_manager(config: Config, extra_plugins: Iterable[str] = ()) -> MedlintPluginManager:
    """Return a manager with built-ins, entry points and configured plugins, checked and configured."""
    manager = MedlintPluginManager()
    manager.add(builtin, PluginInfo(BUILTIN_NAME))
    if not autoload_disabled():
        load_entry_points(manager)
    for spec in (*config.plugins, *extra_plugins):
        load_local_plugin(manager, spec, config.root)
    check_hook_names(manager)
    _configure(manager, config)
    return manager


_GROUP_HEADER = "[{group}]"


def may_declare_entry_points(group: str) -> bool:
    """False only when no installed distribution can declare entry points of ``group``.

    ``importlib.metadata`` costs more to import than the rest of a one-page
    run's start-up, and almost every environment has no medlint plugin. So
    the ``entry_points.txt`` files of the ``*.dist-info``/``*.egg-info``
    folders on ``sys.path`` are read first, as plain text; only when one of
    them names the group (or a path entry is not a plain folder, such as a
    zip, where distributions are found another way) does the real lookup run.
    """
    header = _GROUP_HEADER.format(group=group)
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return True  # a zip or another kind of path entry: let importlib.metadata decide
            continue
        if _folder_declares(folder, header) or _egg_declares(folder, header):
            return True
    return False


def _egg_declares(folder: str, header: str) -> bool:
    """An ``*.egg`` folder on ``sys.path`` keeps its metadata in ``EGG-INFO`` (``importlib.metadata`` reads it)."""
    if not folder.lower().endswith(".egg"):
        return False
    return _declares(os.path.join(folder, "EGG-INFO", "entry_points.txt"), header)


def _declares(entry_points: str, header: str) -> bool:
    try:
        with open(entry_points, encoding="utf-8", errors="replace") as stream:
            return header in stream.read().replace(" ", "")
    except OSError:
        return False


def _folder_declares(folder: str, header: str) -> bool:
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    for name in names:
        if name.lower().endswith((".dist-info", ".egg-info")) and _declares(
            os.path.join(folder, name, "entry_points.txt"), header
        ):
            return True
    return False


def autoload_disabled() -> bool:
    """True when ``MEDLINT_DISABLE_PLUGIN_AUTOLOAD`` is set to anything but empty, 0 or false."""
    return os.environ.get(AUTOLOAD_ENV, "").strip().lower() not in ("", "0", "false", "no")


def load_entry_points(manager: MedlintPluginManager) -> None:
    """Import and register every installed entry point of the group ``medlint``."""
    if not may_declare_entry_points(ENTRY_POINT_GROUP):
        return
    import importlib.metadata

    for entry_point in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name):
        dist = entry_point.dist
        info = PluginInfo(
            name=entry_point.name,
            distribution=dist.name if dist is not None else "(unknown distribution)",
            version=dist.version if dist is not None else "",
            entry_point=f"{entry_point.name} = {entry_point.value}",
        )
        manager.ensure_new_name(info)
        try:
            plugin = entry_point.load()
        except Exception as exc:  # a broken plugin must name itself, whatever it raised
            raise PluginError(
                f"{info.describe()} failed to load: {type(exc).__name__}: {exc}; "
                f"reinstall or uninstall it, or set {AUTOLOAD_ENV}=1 to skip installed plugins"
            ) from None
        manager.add(plugin, info)


def load_local_plugin(manager: MedlintPluginManager, spec: str, root: Path) -> None:
    """Import a module named in ``plugins:``/``--plugin`` (a dotted name or a ``.py`` path) and register it."""
    module = _import_file(spec, root) if spec.endswith(".py") else _import_module(spec, root)
    if manager.is_registered(module):
        return  # named twice, or also installed: one registration is enough
    origin = str(getattr(module, "__file__", "") or "")
    manager.add(module, PluginInfo(name=Path(spec).stem if spec.endswith(".py") else spec, origin=origin))


def _import_module(name: str, root: Path) -> types.ModuleType:
    for folder in (str(root), os.getcwd()):
        if folder not in sys.path:
            sys.path.insert(0, folder)
    try:
        return importlib.import_module(name)
    except Exception as exc:  # the user's module may raise anything on import
        raise PluginError(
            f"plugin module {name!r} failed to import: {type(exc).__name__}: {exc}; "
            f"check the name in 'plugins:' or --plugin (searched {root} and the Python path)"
        ) from None


def _import_file(spec: str, root: Path) -> types.ModuleType:
    path = (root / spec).resolve()
    if not path.is_file():
        raise PluginError(f"plugin file {spec!r} not found (looked for {path}); check 'plugins:' or --plugin")
    name = f"medlint_local_{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    module_spec = importlib.util.spec_from_file_location(name, path)
    assert module_spec is not None and module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[name] = module
    try:
        module_spec.loader.exec_module(module)
    except Exception as exc:  # the user's module may raise anything on import
        del sys.modules[name]
        raise PluginError(f"plugin file {spec!r} failed to import: {type(exc).__name__}: {exc}", path=path) from None
    return module


def _reject_unmarked_hooks(manager: pluggy.PluginManager, plugin: object, info: PluginInfo) -> None:
    """A ``medlint_*`` function without ``@hookimpl`` would be ignored silently; make it an error."""
    for attr in dir(plugin):
        if not attr.startswith(HOOK_PREFIX) or manager.parse_hookimpl_opts(plugin, attr) is not None:
            continue
        if isinstance(getattr(plugin, attr, None), types.FunctionType):
            raise PluginError(f"{info.describe()}: {attr} is not marked; decorate it with @medlint.hookimpl")


def check_hook_names(manager: MedlintPluginManager) -> None:
    """Raise for any hook implementation whose name no hookspec has (a typo), with a suggestion."""
    known = sorted(name for name in vars(hookspecs) if name.startswith(HOOK_PREFIX))
    for name, hook in vars(manager.hook).items():
        if hook.has_spec():
            continue
        for impl in hook.get_hookimpls():
            if impl.optionalhook:
                continue
            raise PluginError(
                f"{manager.info_for(impl.plugin).describe()}: unknown hook {name!r}{suggest(name, known)}; "
                f"the hooks are: {', '.join(known)}"
            )
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(f"{manager.info_for(exc.plugin).describe()}: {exc}") from None


def _configure(manager: MedlintPluginManager, config: Config) -> None:
    try:
        manager.hook.medlint_configure.call_historic(kwargs={"config": config})
    except MedlintError:
        raise
    except Exception as exc:  # name the plugin whose hook raised, whatever it raised
        culprit = _culprit(manager, "medlint_configure", exc)
        raise PluginError(f"{culprit}: medlint_configure raised {type(exc).__name__}: {exc}") from None


def with_plugin_file_patterns(config: Config, manager: pluggy.PluginManager) -> Config:
    """``config`` whose default ``include`` also walks the file types plugins parse.

    Only the default list grows: an ``include`` the user wrote is theirs.
    """
    if config.include is not DEFAULT_INCLUDE:
        return config
    extra: list[str] = []
    for long_name, _label, globs in _listed(manager, "medlint_file_patterns", "globs"):
        if not all(isinstance(item, str) for item in globs):
            raise PluginError(f"{long_name}: medlint_file_patterns must return a list of globs")
        extra.extend(item for item in globs if item not in DEFAULT_INCLUDE and item not in extra)
    return replace(config, include=DEFAULT_INCLUDE + tuple(extra)) if extra else config


def call_hook(manager: pluggy.PluginManager, hook_name: str, **kwargs: Any) -> Any:
    """Call a per-file hook; an exception from a plugin becomes a PluginError naming it."""
    try:
        return getattr(manager.hook, hook_name)(**kwargs)
    except MedlintError:
        raise
    except Exception as exc:  # a plugin's hook may raise anything; name the plugin
        culprit = _culprit(manager, hook_name, exc)
        where = kwargs.get("path") or getattr(kwargs.get("document"), "path", None)
        raise PluginError(f"{culprit}: {hook_name} raised {type(exc).__name__}: {exc}", path=where) from None


def _culprit(manager: pluggy.PluginManager, hook_name: str, exc: BaseException) -> str:
    """Find which plugin's implementation raised ``exc`` by walking its traceback."""
    impls = getattr(manager.hook, hook_name).get_hookimpls()
    codes = {getattr(impl.function, "__code__", None): impl.plugin for impl in impls}
    traceback = exc.__traceback__
    while traceback is not None:
        plugin = codes.get(traceback.tb_frame.f_code)
        if plugin is not None:
            return _describe(manager, plugin)
        traceback = traceback.tb_next
    return "a plugin"


def plugin_infos(manager: pluggy.PluginManager) -> list[PluginInfo]:
    """Every loaded plugin but the built-ins, sorted by name."""
    infos = manager.infos.values() if isinstance(manager, MedlintPluginManager) else ()
    return sorted((info for info in infos if info.name != BUILTIN_NAME), key=lambda info: info.name)


def source_label(manager: pluggy.PluginManager, plugin: object) -> str:
    """A short name for where a hook result came from: ``core``, ``dist[entry]`` or a module name."""
    if isinstance(manager, MedlintPluginManager):
        return manager.info_for(plugin).label
    name = manager.get_name(plugin) or "?"
    return "core" if name == BUILTIN_NAME else name


def _describe(manager: pluggy.PluginManager, plugin: object) -> str:
    if isinstance(manager, MedlintPluginManager):
        return manager.info_for(plugin).describe()
    return source_label(manager, plugin)


def collect_registry(manager: pluggy.PluginManager, hook_name: str, what: str) -> dict[str, tuple[Any, str]]:
    """Merge the dicts every implementation of ``hook_name`` returns; a name defined twice is an error."""
    registry: dict[str, tuple[Any, str]] = {}
    described: dict[str, str] = {}
    for impl in getattr(manager.hook, hook_name).get_hookimpls():  # registration order: core first
        label, long_name = source_label(manager, impl.plugin), _describe(manager, impl.plugin)
        result = _call(impl.function, long_name, hook_name)
        if not isinstance(result, dict):
            raise PluginError(f"{long_name}: {hook_name} must return a dict, got {type(result).__name__}")
        for name, value in result.items():
            if name in registry:
                raise PluginError(
                    f"{what} {name!r} is defined twice: by {described[name]} and by {long_name}; "
                    "uninstall one of them (or ask its author to rename it)"
                )
            registry[name] = (value, label)
            described[name] = long_name
    return registry


def collect_rulesets(manager: pluggy.PluginManager) -> list[tuple[Path, str]]:
    """Ruleset folders from every plugin, with the short label of the plugin that contributed each."""
    return [
        (Path(str(item)), label)
        for _long_name, label, items in _listed(manager, "medlint_rulesets", "folders")
        for item in items
    ]


def _listed(manager: pluggy.PluginManager, hook_name: str, what: str) -> Iterator[tuple[str, str, Sequence[Any]]]:
    """``(plugin description, short label, returned list)`` per implementation of a hook that returns a list."""
    for impl in getattr(manager.hook, hook_name).get_hookimpls():  # registration order: core first
        long_name = _describe(manager, impl.plugin)
        result = _call(impl.function, long_name, hook_name)
        if not isinstance(result, (list, tuple)):
            raise PluginError(f"{long_name}: {hook_name} must return a list of {what}, got {type(result).__name__}")
        yield long_name, source_label(manager, impl.plugin), result


def _call(function: Callable[..., T], label: str, hook_name: str) -> T:
    try:
        return function()
    except MedlintError:
        raise
    except Exception as exc:  # a plugin's hook may raise anything; name the plugin
        raise PluginError(f"{label}: {hook_name} raised {type(exc).__name__}: {exc}") from None
