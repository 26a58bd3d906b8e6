"""The public Python API: ``lint_text`` and ``lint_paths``, used by the CLI and the editor server.

A :class:`Linter` holds what is prepared once per run (config, plugins, rules
compiled once, the enabled selection); linting a text is then a pure function
of the text and that state, so it maps over threads, processes or partitions.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

from medlint.checks.anchored import prime
from medlint.checks.prefilter import patterns_in
from medlint.config import Config, load_config
from medlint.discovery import discover
from medlint.documents import plaintext
from medlint.documents.base import Document
from medlint.engine import TIMED_OUT, lint_document
from medlint.errors import RuleError
from medlint.models import Finding
from medlint.plugins.manager import (
    call_hook,
    collect_registry,
    collect_rulesets,
    get_plugin_manager,
    with_plugin_file_patterns,
)
from medlint.report import PathError, Report
from medlint.rules.loader import Ruleset, load_rulesets, read_ruleset
from medlint.rules.model import Rule
from medlint.selection import Selection, best, is_selected
from medlint.sources import SourceError, read_source, read_stream
from medlint.suppress import UNKNOWN, UNUSED, apply_suppressions

if TYPE_CHECKING:
    import regex

    from medlint.cache import ResultCache
    from medlint.checks.accelerator import Accelerator
    from medlint.checks.base import Check

STDIN_NAME = "<stdin>"
META_RULES = frozenset({UNUSED, UNKNOWN, TIMED_OUT})


@dataclass(frozen=True, slots=True)
class FileResult:
    """The findings of one file, or the reason it could not be linted."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: PathError | None = None
    skipped: bool = False


@dataclass(frozen=True)
class Linter:
    """Everything prepared once per run: config, plugin manager, compiled rules."""

    config: Config
    manager: pluggy.PluginManager = field(repr=False)
    rules: tuple[Rule, ...]
    selection: Selection
    known_ids: frozenset[str]
    plugins: tuple[str, ...] = ()
    accelerator_store: Path | None = None
    """Where the compiled accelerator of these rules is kept (None: cache off); see :meth:`accelerate`."""
    cache_kept: bool = False
    """The rules memo was there before this run: the cache folder outlives runs, so what is stored in it pays."""

    @classmethod
    def create(cls, config: Config | None = None, plugins: Iterable[str] = ()) -> Linter:
        """Load plugins and rules for ``config`` (found from the working folder when None)."""
        config = config if config is not None else load_config()
        manager = get_plugin_manager(config, plugins)
        config = with_plugin_file_patterns(config, manager)
        kinds = {
            name: value
            for name, (value, _source) in collect_registry(manager, "medlint_check_kinds", "rule kind").items()
        }
        rules, store, kept = _load_rules(config, collect_rulesets(manager), kinds)
        selection = Selection.build(rules, config)
        known = frozenset(item for rule in rules for item in (rule.id, rule.name, rule.category)) | META_RULES
        return cls(config, manager, rules, selection, known, tuple(plugins), store, kept)

    def __reduce__(self) -> tuple[object, tuple[Config, tuple[str, ...]]]:
        """Pickle as (config, plugins): a worker process rebuilds the linter once (Dask, spawn)."""
        from medlint.parallel import restore_linter

        return restore_linter, (self.config, self.plugins)

    def parse(self, text: str, path: str) -> Document:
        """Parse ``text`` with the first document type that claims ``path`` (plain text otherwise)."""
        document: Document | None = call_hook(
            self.manager, "medlint_parse_document", path=Path(path), text=text, config=self.config
        )
        return document if document is not None else plaintext.parse(path, text)

    def supports(self, path: str) -> bool:
        """True when a document type claims ``path`` (the editor server lints only those)."""
        return self.manager.hook.medlint_parse_document(path=Path(path), text="", config=self.config) is not None

    def lint_text(self, text: str, path: str = "page.md") -> list[Finding]:
        """Lint one text as if it were the file ``path``; findings are sorted."""
        document = self.parse(text, path)
        rules = self.selection.for_path(path)
        findings = lint_document(document, rules, region=self.config.region, timeout=self.config.rule_timeout)
        findings = apply_suppressions(findings, document, self.known_ids)
        findings = [
            finding for finding in findings if finding.rule not in META_RULES or self._meta_selected(finding, path)
        ]
        call_hook(self.manager, "medlint_process_findings", findings=findings, document=document, config=self.config)
        return sorted(findings, key=Finding.sort_key)

    def _meta_selected(self, finding: Finding, path: str) -> bool:
        if not is_selected(self.config.select, self.config.ignore, finding.rule, finding.name, "medlint"):
            return finding.rule == TIMED_OUT
        return best(self.selection.ignored_for(path), finding.rule, finding.name, "medlint") == 0

    def lint_file(self, path: Path, explicit: bool = True) -> FileResult:
        """Read and lint one file; read problems become a per-path error (binary skipped in walks)."""
        shown = str(path)
        try:
            source = read_source(path, self.config.max_file_size)
        except SourceError as exc:
            if exc.binary and not explicit:
                return FileResult(shown, skipped=True)
            return FileResult(shown, error=PathError(shown, str(exc)))
        return FileResult(shown, tuple(self.lint_text(source.text, shown)))

    def lint_paths(
        self,
        paths: Sequence[str],
        *,
        stdin_filename: str | None = None,
        jobs: int | None = 1,
        cache: ResultCache | None = None,
        progress: Callable[[int], AbstractContextManager[Callable[[], object] | None]] | None = None,
    ) -> Report:
        """Lint files, folders and ``-`` (stdin); the report's findings are sorted.

        ``jobs`` worker processes (0 or None: all cores) share the files; with a
        ``cache``, unchanged files reuse their earlier findings. ``progress(total)``
        may return a context manager yielding a per-file callback (a progress bar).
        """
        found = discover([path for path in paths if path != "-"], self.config)
        results: list[FileResult] = []
        if "-" in paths:
            results.append(self._lint_stdin(stdin_filename))
        from medlint.parallel import lint_files

        self.accelerate(len(found.files))
        with (progress or _no_progress)(len(found.files)) as advance:
            linted, cached = lint_files(self, found.files, jobs=jobs, cache=cache, progress=advance)
        results.extend(linted)
        return replace(self.report(results, list(found.errors)), cached_files=cached)

    def accelerate(self, files: int) -> bool:
        """Before linting ``files`` files, switch on the compiled accelerator when it is kept or pays to build.

        It changes which sentences are searched, never what is found (see
        :mod:`medlint.checks.accelerator`). True when one is active. It is
        built for every loaded rule, not the selected ones, so a run with
        ``--select`` keeps serving later full runs.
        """
        from medlint.checks import accelerator

        sentences, pages = self._accelerated_patterns()
        found = self._kept_accelerator(sentences + pages) if files >= accelerator.LOAD_FROM else None
        threshold = accelerator.BUILD_CACHED if self.cache_kept else accelerator.BUILD_UNCACHED
        if found is None and files >= threshold:
            found = accelerator.build(sentences, pages)
            if found is not None and self.accelerator_store is not None:
                accelerator.save(found, self.accelerator_store)
        accelerator.activate(found)
        return found is not None

    def use_kept_accelerator(self) -> bool:
        """Switch on the kept accelerator of these rules if there is one (a worker process started afresh)."""
        from medlint.checks import accelerator

        sentences, pages = self._accelerated_patterns()
        found = self._kept_accelerator(sentences + pages)
        if found is not None:
            accelerator.activate(found)
        return found is not None

    def _kept_accelerator(self, patterns: list[regex.Pattern[str]]) -> Accelerator | None:
        """The kept database, if the cache holds one built for ``patterns``."""
        from medlint.checks import accelerator

        store = self.accelerator_store
        return accelerator.load(store, patterns) if store is not None and store.exists() else None

    def _accelerated_patterns(self) -> tuple[list[regex.Pattern[str]], list[regex.Pattern[str]]]:
        """The patterns every loaded rule asks about per sentence and per page (see :class:`Check`)."""
        checks = [rule.check for rule in self.rules]
        sentences = [pattern for check in checks for pattern in check.scanned_patterns()]
        return sentences, [pattern for check in checks for pattern in check.page_patterns()]

    def _lint_stdin(self, stdin_filename: str | None) -> FileResult:
        name = stdin_filename or STDIN_NAME
        try:
            text = read_stream(sys.stdin.buffer, self.config.max_file_size).text
        except SourceError as exc:
            return FileResult(name, error=PathError(name, str(exc)))
        parse_as = stdin_filename or "stdin.md"
        findings = (
            [_renamed(finding, name) for finding in self.lint_text(text, parse_as)]
            if parse_as != name
            else self.lint_text(text, name)
        )
        return FileResult(name, tuple(findings))

    def report(self, results: Iterable[FileResult], errors: list[PathError]) -> Report:
        """Assemble a :class:`Report` from per-file results."""
        findings: list[Finding] = []
        files: list[str] = []
        for result in results:
            if result.error is not None:
                errors.append(result.error)
            elif not result.skipped:
                files.append(result.path)
                findings.extend(result.findings)
        return Report(
            findings=tuple(sorted(findings, key=Finding.sort_key)),
            files=tuple(files),
            rules=self.selection.rules,
            errors=tuple(errors),
        )


@contextmanager
def _no_progress(total: int) -> Iterator[Callable[[], object] | None]:
    yield None


def _renamed(finding: Finding, path: str) -> Finding:
    return replace(finding, path=path)


def _load_rules(
    config: Config, folders: list[tuple[Path, str]], kinds: dict[str, type[Check]]
) -> tuple[tuple[Rule, ...], Path | None, bool]:
    """Load the rules; with the cache on, rulesets that loaded cleanly before load faster (see ``rules/memo.py``).

    Also names where these rules' compiled accelerator is kept, beside their
    memo (None: cache off), and whether the memo was already there: a cache
    made afresh by this run (a CI job without a kept cache) may not outlive it.
    """
    if not config.cache:
        return _primed(tuple(load_rulesets(_rulesets(folders, config), kinds))), None, False
    from medlint.cache import cache_folder
    from medlint.rules.memo import LoadMemo

    memo = LoadMemo.open(cache_folder(config), folders, _chosen_folders(config), kinds)
    store = memo.path.with_suffix(".hs")
    if memo.rules is not None:
        return memo.rules, store, True  # the memo primed the prefilter with its words
    rules = _primed(tuple(load_rulesets(_rulesets(folders, config), kinds, trusted=memo.found)))
    if not memo.found:
        memo.save(rules)
    return rules, store, memo.found


def _primed(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """``rules``, with every word their prefilters look for put in the page automaton at once."""
    prime(patterns_in(rule.check for rule in rules))
    return rules


def _chosen_folders(config: Config) -> tuple[tuple[str, Path], ...] | None:
    """The config's ``rulesets`` entries, each with the folder it would name: they decide the rules too."""
    if config.rulesets is None:
        return None
    return tuple((entry, (config.root / entry).resolve()) for entry in config.rulesets)


def _rulesets(folders: list[tuple[Path, str]], config: Config) -> list[Ruleset]:
    available = [read_ruleset(path, origin) for path, origin in folders]
    if config.rulesets is None:
        return available
    by_name = {ruleset.name: ruleset for ruleset in available}
    chosen: list[Ruleset] = []
    for entry in config.rulesets:
        if entry in by_name:
            chosen.append(by_name[entry])
            continue
        folder = (config.root / entry).resolve()
        if not folder.is_dir():
            names = ", ".join(sorted(by_name)) or "none"
            raise RuleError(
                f"rulesets: {entry!r} is neither a known ruleset ({names}) nor a folder",
                path=config.path or "config",
                line=config.line_of("rulesets"),
            )
        chosen.append(read_ruleset(folder, entry))
    return chosen


def lint_text(text: str, path: str = "page.md", config: Config | None = None) -> list[Finding]:
    """Lint ``text`` as the file ``path`` with ``config`` (or the config found from the working folder)."""
    return Linter.create(config).lint_text(text, path)


def lint_paths(paths: Sequence[str], config: Config | None = None) -> Report:
    """Lint files and folders; returns a :class:`Report` (see ``Report.exit_code``)."""
    return Linter.create(config).lint_paths(paths)
