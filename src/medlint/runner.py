"""What each CLI command does, kept out of ``cli.py`` so the CLI only parses flags."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from medlint.api import Linter
from medlint.config import load_config
from medlint.errors import ConfigError, MedlintError
from medlint.formatters.base import Formatter
from medlint.plugins.manager import collect_registry, get_plugin_manager, plugin_infos
from medlint.regions import references_for
from medlint.report import Report, printable
from medlint.rules.model import Rule

if TYPE_CHECKING:
    from medlint.cache import ResultCache


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """The ``check`` command's flags (None: not given, the config decides)."""

    paths: Sequence[str]
    config_path: Path | None = None
    output_format: str = "text"
    output: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: str | None = None
    region: str | None = None
    stdin_filename: str | None = None
    plugins: Sequence[str] = ()
    quiet: bool = False
    color: bool = False
    progress: bool = False
    jobs: int | None = None
    no_cache: bool = False
    input_format: str = "files"
    fix: bool = False
    diff: bool = False
    baseline: Path | None = None
    write_baseline: bool = False


def make_linter(config_path: Path | None, plugins: Sequence[str] = (), **overrides: object) -> Linter:
    """Load the config (flags override it) and prepare a :class:`Linter`."""
    config = load_config(config_path).override(**overrides)
    return Linter.create(config, plugins)


def formatter_class(linter: Linter, name: str) -> type[Formatter]:
    """The formatter registered as ``name``; an unknown name is a usage error listing the known ones."""
    registry = collect_registry(linter.manager, "medlint_formatters", "output format")
    if name not in registry:
        known = ", ".join(sorted(registry))
        raise ConfigError(f"unknown output format {name!r}; choose one of: {known}")
    formatter: type[Formatter] = registry[name][0]
    return formatter


def run_check(options: CheckOptions) -> int:
    """Lint, render, write; return the exit status."""
    linter = make_linter(
        options.config_path, options.plugins, select=options.select, ignore=options.ignore,
        fail_on=options.fail_on, region=options.region, jobs=options.jobs, cache=False if options.no_cache else None,
    )  # fmt: skip
    if options.input_format == "jsonl":
        return run_jsonl_check(linter, options)
    formatter = formatter_class(linter, options.output_format)(color=options.color, show_summary=not options.quiet)
    report = linter.lint_paths(
        list(options.paths),
        stdin_filename=options.stdin_filename,
        jobs=linter.config.jobs,
        cache=_cache(linter),
        progress=progress_bar if options.progress else None,
    )
    if options.diff:
        return show_diff(linter, report, options)
    report = ci_steps(linter, report, options)
    rendered = formatter.render(report)
    if options.output is not None:
        write_output(options.output, rendered)
    else:
        click.echo(printable(rendered), nl=False, color=options.color or None)
    for error in report.errors:
        click.echo(printable(f"medlint: error: {error}"), err=True)
    return report.exit_code(linter.config.fail_on)


PROGRESS_MIN_FILES = 200
"""Below this many files a run is quick enough that a bar would only flicker."""


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[], object] | None]:
    """A progress bar on stderr for long runs; nothing for short ones."""
    if total < PROGRESS_MIN_FILES:
        yield None
        return
    with click.progressbar(length=total, label="Linting", file=sys.stderr) as bar:
        yield lambda: bar.update(1)


def _cache(linter: Linter) -> ResultCache | None:
    from medlint.cache import ResultCache

    return ResultCache.for_linter(linter) if linter.config.cache else None


def run_jsonl_check(linter: Linter, options: CheckOptions) -> int:
    """``--input-format jsonl``: findings stream out as JSON Lines (``--format`` does not apply)."""
    from medlint.jsonl import run_jsonl

    linter.use_kept_accelerator()  # how many records is unknown: use a kept accelerator, build none
    if options.output is None:
        return run_jsonl(linter, options.paths, sys.stdout, jobs=linter.config.jobs)
    try:
        with options.output.open("w", encoding="utf-8") as out:
            return run_jsonl(linter, options.paths, out, jobs=linter.config.jobs)
    except OSError as exc:
        raise MedlintError(f"cannot write report: {exc.strerror or exc}", path=options.output) from None


def show_diff(linter: Linter, report: Report, options: CheckOptions) -> int:
    """``--diff``: print what ``--fix`` would change; exit 1 when it would change something."""
    from medlint.fixes import diff_text

    diff, count = diff_text(linter, report, options.paths)
    click.echo(diff, nl=False)
    click.echo(f"medlint: {count} fix{'es' if count != 1 else ''} would be applied (--fix)", err=True)
    return 1 if diff else 0


def ci_steps(linter: Linter, report: Report, options: CheckOptions) -> Report:
    """``--fix`` (then lint again), then ``--baseline`` / ``--write-baseline``."""
    from medlint.baseline import baseline_step
    from medlint.fixes import fix_report

    if options.write_baseline and options.baseline is None:
        raise ConfigError("--write-baseline needs --baseline FILE (where to write it)")
    if options.fix:
        report = fix_report(
            linter, report, options.paths,
            lambda: linter.lint_paths(list(options.paths), jobs=linter.config.jobs, cache=_cache(linter)),
        )  # fmt: skip
    if options.baseline is not None:
        report, note = baseline_step(report, options.baseline, write=options.write_baseline)
        if note:
            click.echo(f"medlint: {note}", err=True)
    return report


def write_output(path: Path, text: str) -> None:
    """Write the report file, turning OS errors into a clear message."""
    try:
        path.write_text(printable(text), encoding="utf-8")
    except OSError as exc:
        raise MedlintError(f"cannot write report: {exc.strerror or exc}", path=path) from None


def list_rules(config_path: Path | None, output_format: str, plugins: Sequence[str] = ()) -> str:
    """The ``rules`` table or JSON list."""
    linter = make_linter(config_path, plugins)
    enabled = {rule.id for rule in linter.selection.rules}
    if output_format == "markdown":
        from medlint.ruledocs import render_markdown

        return render_markdown(linter.rules)
    if output_format == "json":
        rows = [_rule_row(rule, rule.id in enabled) for rule in linter.rules]
        return json.dumps({"rules": rows}, indent=2, ensure_ascii=False) + "\n"
    lines = [f"{'ID':<8} {'NAME':<34} {'CATEGORY':<16} {'SEVERITY':<8} SOURCE"]
    for rule in linter.rules:
        marker = "" if rule.id in enabled else "  (disabled)"
        lines.append(f"{rule.id:<8} {rule.name:<34} {rule.category:<16} {rule.severity.value:<8} {rule.source}{marker}")
    return "\n".join(lines) + "\n"


def _rule_row(rule: Rule, enabled: bool) -> dict[str, object]:
    return {
        "id": rule.id, "name": rule.name, "kind": rule.kind, "category": rule.category,
        "severity": rule.severity.value, "scope": rule.scope.value, "source": rule.source,
        "path": rule.path, "enabled": enabled, "what": rule.docs.what,
    }  # fmt: skip


def find_rule(linter: Linter, key: str) -> Rule:
    """Look a rule up by id (any case) or name."""
    for rule in linter.rules:
        if key.upper() == rule.id.upper() or key == rule.name:
            return rule
    from medlint.rules.params import suggest

    hint = suggest(key.upper(), [rule.id for rule in linter.rules]) or suggest(
        key, [rule.name for rule in linter.rules]
    )
    raise ConfigError(f"no rule {key!r}{hint}; 'medlint rules' lists them")


def _wrap(text: str) -> str:
    return textwrap.fill(" ".join(text.split()), width=88, initial_indent="  ", subsequent_indent="  ")


def explain_text(rule: Rule, region: str | None = None) -> str:
    """The ``explain`` page of one rule."""
    parts = [
        f"{rule.id} {rule.name} ({rule.category}, {rule.severity.value}, from {rule.source})",
        "",
        "What it flags:",
        _wrap(rule.docs.what),
        "",
        "Why it matters:",
        _wrap(rule.docs.why),
        "",
        "Example:",
        _wrap(rule.docs.example),
        "",
        "Instead:",
        _wrap(rule.docs.instead),
    ]
    references = references_for(rule.docs.references, region)
    if references:
        title = f"References ({region}):" if region else "References:"
        parts += ["", title, *(f"  - {reference}" for reference in references)]
    if rule.supersedes:
        replaced = ", ".join(rule.supersedes)
        parts += ["", f"Supersedes {replaced}: where both flag the same words, only {rule.id} reports."]
    if rule.link:
        parts += ["", f"More: {rule.link}"]
    return "\n".join(parts)


def explain_rule(key: str, config_path: Path | None, plugins: Sequence[str] = (), region: str | None = None) -> str:
    """Find ``key`` and return its explanation, with the references for ``region`` (or the config's)."""
    linter = make_linter(config_path, plugins, region=region)
    return explain_text(find_rule(linter, key), linter.config.region)


def list_formats(config_path: Path | None, plugins: Sequence[str] = ()) -> str:
    """One line per output format with its source."""
    linter = make_linter(config_path, plugins)
    registry = collect_registry(linter.manager, "medlint_formatters", "output format")
    lines = [f"{name:<10} {cls.description} ({source})" for name, (cls, source) in sorted(registry.items())]
    return "\n".join(lines) + "\n"


def version_text(config_path: Path | None = None) -> str:
    """``medlint X`` plus one line per loaded plugin with its version.

    Only the plugins are loaded (no rules), so it stays fast. A broken config
    or plugin must not hide the version: then the plugin lines are left out.
    """
    from medlint import __version__

    lines = [f"medlint {__version__}"]
    try:
        manager = get_plugin_manager(load_config(config_path))
    except MedlintError:
        return lines[0]
    for info in plugin_infos(manager):
        source = f"{info.distribution} {info.version}" if info.distribution else (info.origin or "local module")
        lines.append(f"  plugin {info.name}: {source}".rstrip())
    return "\n".join(lines)
