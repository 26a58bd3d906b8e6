"""A cache of per-file results, so an unchanged corpus re-lints in a fraction of the time.

An entry is keyed by the SHA-256 of everything that can change a file's
findings: the file's path and decoded text, and a run fingerprint made of the
medlint version (and the mtimes of its modules, for editable installs), the
config's result-affecting settings, the loaded rules and the files of their
rulesets, and the loaded plugins. Change any of them and the key changes, so
entries are never invalidated, only left behind (delete the folder to reclaim
space).

The folder is ``$MEDLINT_CACHE_DIR``, else ``cache-dir`` from the config
(relative to the config's folder), else ``.medlint_cache/`` in the config's
folder (the working folder when there is no config). It is safe to share
between concurrent runs: an entry is written to a temporary file and moved
into place with :func:`os.replace`, which is atomic. An entry that cannot be
read or decoded is ignored and rebuilt; a cache that cannot be written is
skipped silently (the run's results do not depend on it).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint.models import Finding, Fix, Severity

if TYPE_CHECKING:
    from medlint.api import Linter
    from medlint.config import Config

CACHE_DIR_ENV = "MEDLINT_CACHE_DIR"
DEFAULT_FOLDER = ".medlint_cache"
FORMAT = "1"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by medlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def cache_folder(config: Config) -> Path:
    """Where results are cached for ``config`` (see the module docstring for the order)."""
    from_env = os.environ.get(CACHE_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    if config.cache_dir:
        return (config.root / Path(config.cache_dir).expanduser()).resolve()
    return config.root / DEFAULT_FOLDER


@dataclass(frozen=True, slots=True)
class ResultCache:
    """Per-file findings on disk under ``folder``, for one run ``fingerprint``."""

    folder: Path
    fingerprint: str

    @classmethod
    def for_linter(cls, linter: Linter, folder: Path | None = None) -> ResultCache:
        """The cache for ``linter``'s config, rules and plugins."""
        return cls(folder if folder is not None else cache_folder(linter.config), run_fingerprint(linter))

    def key(self, path: str, text: str) -> str:
        """The entry key of ``text`` linted as ``path`` in this run."""
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(b"\0" + path.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def load(self, key: str) -> tuple[Finding, ...] | None:
        """The cached findings for ``key``, or None (missing, unreadable or corrupt)."""
        try:
            data = json.loads(self._entry(key).read_bytes())
            if data.get("format") != FORMAT:
                return None
            return tuple(finding_from_record(item) for item in data["findings"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def store(self, key: str, findings: Sequence[Finding]) -> None:
        """Write the entry atomically; a failure to write is not an error."""
        entry = self._entry(key)
        payload = json.dumps({"format": FORMAT, "findings": [finding_record(item) for item in findings]})
        write_atomically(entry, payload.encode("utf-8"), self.folder)

    def _entry(self, key: str) -> Path:
        return self.folder / f"v{FORMAT}" / key[:2] / f"{key}.json"


def write_atomically(path: Path, payload: bytes, folder: Path | None = None) -> None:
    """Write ``payload`` to ``path`` through a temporary file renamed into place; failing to write is not an error.

    Readers and concurrent runs sharing the cache never see half a file, and
    a cache that cannot be written only makes the next run slower. ``folder``
    (the cache folder) is tagged first, see :func:`mark_folder`.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if folder is not None:
            mark_folder(folder)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return


def mark_folder(folder: Path) -> None:
    """Tag the cache folder so backup tools and git leave it alone (as pytest and ruff do)."""
    for name, content in (("CACHEDIR.TAG", _CACHEDIR_TAG), (".gitignore", "# created by medlint\n*\n")):
        marker = folder / name
        if not marker.exists():
            marker.write_text(content, encoding="utf-8")


def finding_record(finding: Finding) -> dict[str, Any]:
    """Every field of ``finding`` as JSON-ready values (unlike ``to_dict``, lossless)."""
    record: dict[str, Any] = {item.name: getattr(finding, item.name) for item in fields(finding)}
    record["severity"] = finding.severity.value
    record["fix"] = (
        None if finding.fix is None else [finding.fix.start, finding.fix.end, finding.fix.text, finding.fix.safe]
    )
    record["extra"] = [list(pair) for pair in finding.extra]
    return record


def finding_from_record(record: dict[str, Any]) -> Finding:
    """Rebuild a :class:`Finding` written by :func:`finding_record`."""
    values = dict(record)
    values["severity"] = Severity(values["severity"])
    fix = values.get("fix")
    values["fix"] = None if fix is None else Fix(int(fix[0]), int(fix[1]), str(fix[2]), bool(fix[3]))
    values["extra"] = tuple((str(key), str(value)) for key, value in values.get("extra", ()))
    return Finding(**values)


def run_fingerprint(linter: Linter) -> str:
    """A digest of everything besides the file itself that decides its findings."""
    from medlint import __version__

    config = replace(linter.config, jobs=0, cache=True, cache_dir=None, fail_on="warning")
    parts: list[str] = [f"medlint {__version__}", repr(config), *code_stamp()]
    parts += [_rule_descriptor(rule) for rule in linter.rules]
    parts += _folder_stamps(sorted({Path(rule.path).parent for rule in linter.rules}))
    parts += _data_stamps(linter)
    parts += _plugin_stamps(linter)
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _rule_descriptor(rule: Any) -> str:
    return repr(
        (rule.id, rule.name, rule.kind, rule.category, rule.severity.value, rule.scope.value, rule.message,
         rule.params, rule.link, rule.path, rule.source)
    )  # fmt: skip


def code_stamp() -> list[str]:
    """Size and mtime of medlint's own modules, so an edited checkout never reuses stale results."""
    package = Path(__file__).parent
    return _stamps(package.rglob("*.py"), package)


def _folder_stamps(folders: Iterable[Path]) -> list[str]:
    """Every file of the rulesets in use (rule data files included)."""
    stamps: list[str] = []
    for folder in folders:
        stamps += _stamps((item for item in folder.rglob("*") if item.is_file()), folder)
    return stamps


def _data_stamps(linter: Linter) -> list[str]:
    """Files the rules read from outside their folders (``page_when: ../shared/sales.yml``)."""
    from medlint.rules.datafiles import named_files

    return [stamp for path in named_files(linter.rules) for stamp in _stamps([path], path.parent, f"{path.parent}/")]


def _plugin_stamps(linter: Linter) -> list[str]:
    from medlint.plugins.manager import plugin_infos

    stamps = [f"{info.name} {info.distribution} {info.version}" for info in plugin_infos(linter.manager)]
    for name, plugin in linter.manager.list_name_plugin():
        source = getattr(plugin, "__file__", None)
        if source:
            stamps += _stamps([Path(source)], Path(source).parent, label=name)
    return stamps


def _stamps(files: Iterable[Path], root: Path, label: str = "") -> list[str]:
    stamps: list[str] = []
    for item in sorted(files):
        try:
            status = item.stat()
        except OSError:
            continue
        stamps.append(f"{label}{item.relative_to(root).as_posix()} {status.st_size} {status.st_mtime_ns}")
    return stamps
