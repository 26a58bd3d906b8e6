"""Lint many files on every core, reusing cached results for unchanged files.

Parsing is pure Python, so threads would mostly wait on the GIL; files are
linted in worker processes instead. On Linux the workers are forked and
inherit the prepared :class:`~medlint.api.Linter` (no rule recompilation);
where only ``spawn`` exists the linter is pickled, which rebuilds it from its
config and plugin list once per process (see :func:`restore_linter`). A run
with few files stays in-process, where a pool would cost more than it saves.
Results come back in input order, so the report is identical for any ``jobs``.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from medlint.sources import SourceError, read_source

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from medlint.api import FileResult, Linter
    from medlint.cache import ResultCache
    from medlint.config import Config

FILES_PER_WORKER = 8
"""Below this many files per worker a pool costs more than it saves."""

T = TypeVar("T")
R = TypeVar("R")
_RESTORED: dict[bytes, Linter] = {}
_WORKER_TASK: Callable[..., object] | None = None


def available_cores() -> int:
    """The cores this process may run on (CPU affinity, cgroup-limited containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None, items: int) -> int:
    """Worker processes for ``items`` files: ``jobs`` (0 or None: all cores), fewer for small runs."""
    wanted = jobs or available_cores()
    return max(1, min(wanted, items // FILES_PER_WORKER))


def restore_linter(config: Config, plugins: tuple[str, ...]) -> Linter:
    """Rebuild a linter after unpickling; built once per process and config, then reused."""
    from medlint.api import Linter

    key = pickle.dumps((config, plugins))
    linter = _RESTORED.get(key)
    if linter is None:
        linter = _RESTORED[key] = Linter.create(config, plugins)
        linter.use_kept_accelerator()  # a spawned worker: the parent's accelerator is not inherited
    return linter


@dataclass(frozen=True)
class CachedLint:
    """Lint one file through the cache: a picklable task for worker processes."""

    linter: Linter
    cache: ResultCache | None

    def __call__(self, item: tuple[Path, bool]) -> tuple[FileResult, bool]:
        """Return the file's result and whether it came from the cache."""
        path, explicit = item
        if self.cache is None:
            return self.linter.lint_file(path, explicit), False
        from medlint.api import FileResult
        from medlint.engine import TIMED_OUT

        shown = str(path)
        try:
            source = read_source(path, self.linter.config.max_file_size)
        except SourceError:
            return self.linter.lint_file(path, explicit), False  # reports or skips it the usual way
        key = self.cache.key(shown, source.text)
        cached = self.cache.load(key)
        if cached is not None:
            return FileResult(shown, cached), True
        findings = tuple(self.linter.lint_text(source.text, shown))
        if not any(finding.rule == TIMED_OUT for finding in findings):  # a timeout may not recur
            self.cache.store(key, findings)
        return FileResult(shown, findings), False


def lint_files(
    linter: Linter,
    files: Sequence[tuple[Path, bool]],
    *,
    jobs: int | None = 1,
    cache: ResultCache | None = None,
    progress: Callable[[], object] | None = None,
) -> tuple[list[FileResult], int]:
    """Lint ``files`` (path, named explicitly) with ``jobs`` processes; return results and cache hits.

    ``progress`` is called once per finished file (the CLI's progress bar).
    """
    outcomes = parallel_map(CachedLint(linter, cache), files, jobs, progress)
    return [result for result, _cached in outcomes], sum(1 for _result, cached in outcomes if cached)


def parallel_map(
    function: Callable[[T], R], items: Sequence[T], jobs: int | None, progress: Callable[[], object] | None = None
) -> list[R]:
    """``[function(item) for item in items]``, spread over worker processes when worth it."""
    workers = resolve_jobs(jobs, len(items))
    if workers <= 1:
        return [_reported(function(item), progress) for item in items]
    chunk = max(1, min(16, len(items) // (workers * 4)))
    from concurrent.futures import ProcessPoolExecutor  # a one-process run never needs it

    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_install, initargs=(function,)) as pool:
        return [_reported(result, progress) for result in pool.map(_run_installed, items, chunksize=chunk)]


def _reported(result: R, progress: Callable[[], object] | None) -> R:
    if progress is not None:
        progress()
    return result


def parallel_imap(function: Callable[[T], R], items: Iterable[T], jobs: int | None, batch: int = 64) -> Iterable[R]:
    """Like :func:`parallel_map` for a stream: results in order, memory bounded by ``batch`` per worker."""
    workers = jobs or available_cores()
    if workers <= 1:
        yield from (function(item) for item in items)
        return
    from concurrent.futures import ProcessPoolExecutor  # a one-process run never needs it

    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_install, initargs=(function,)) as pool:
        pending: list[T] = []
        for item in items:
            pending.append(item)
            if len(pending) >= batch * workers:
                yield from pool.map(_run_installed, pending, chunksize=batch)
                pending = []
        if pending:
            yield from pool.map(_run_installed, pending, chunksize=max(1, len(pending) // workers))


def _context() -> BaseContext:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _install(function: Callable[..., object]) -> None:
    """Worker initialiser: keep the task, so each item sent is just a path or a record."""
    global _WORKER_TASK
    _WORKER_TASK = function


def _run_installed(item: Any) -> Any:
    assert _WORKER_TASK is not None, "worker initialiser did not run"
    return _WORKER_TASK(item)
