"""The ``medlint`` command line: parse flags, call the API, map errors to exit 2. No logic.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it;
2 usage, config, rule, plugin or I/O error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from medlint import __version__
from medlint.errors import MedlintError

REGIONS = ("us", "uk", "eu", "ie", "au", "nz", "ca")

EXIT_HELP = """
\b
Exit status:
  0  nothing at or above --fail-on (default: warning)
  1  findings at or above --fail-on
  2  usage, config, rule, plugin or I/O error
"""


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    items = tuple(item.strip() for value in values for item in value.split(",") if item.strip())
    return items or None


def _use_color(flag: bool | None, stream: Any) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def _fail(error: MedlintError) -> None:
    click.echo(f"medlint: error: {error}", err=True)
    sys.exit(2)


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """Print the version and the loaded plugins (``runner.version_text``), then exit."""
    if not value or ctx.resilient_parsing:
        return
    from medlint.runner import version_text

    try:
        text = version_text()
    except Exception:  # --version must always answer, even with a broken environment
        text = f"medlint {__version__}"
    click.echo(text)
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_HELP)
@click.option(
    "--version",
    "-V",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and the loaded plugins, then exit.",
)
def cli() -> None:
    """Lint health claims in Markdown, MDX, HTML and plain text."""


@cli.command(epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable paths are reported per path
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Use this config file instead of searching upward.",
)
@click.option(
    "--format",
    "-f",
    "output_format",
    default="text",
    show_default=True,
    help="Output format (see 'medlint formats').",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of stdout.",
)
@click.option(
    "--select",
    multiple=True,
    help="Only these rule ids, id prefixes or categories (comma-separated).",
)
@click.option(
    "--ignore",
    multiple=True,
    help="Skip these rule ids, id prefixes or categories (comma-separated).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "none"]),
    help="Lowest severity that makes the exit status 1 [default: warning].",
)
@click.option(
    "--region",
    type=click.Choice(REGIONS),
    help="Which crisis lines and regulators apply.",
)
@click.option("--stdin-filename", help="File name for text read from '-' (chooses the document type).")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    help="Worker processes for many files (0: all cores) [default: config 'jobs', else all cores].",
)
@click.option("--no-cache", is_flag=True, help="Lint every file afresh; neither read nor write the result cache.")
@click.option(
    "--input-format",
    type=click.Choice(["files", "jsonl"]),
    default="files",
    show_default=True,
    help='jsonl: PATHS (or -) hold records {"id", "text", "path"?}; findings stream out as JSON Lines.',
)
@click.option("--plugin", "plugins", multiple=True, help="Load this plugin module (repeatable).")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
@click.option(
    "--color/--no-color",
    default=None,
    help="Force or disable colour (default: on a terminal, unless NO_COLOR is set).",
)
@click.option("--fix", is_flag=True, help="Apply the safe rewrites in place, then report what is left.")
@click.option("--diff", is_flag=True, help="Print the safe rewrites as a unified diff; change nothing.")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report only findings not recorded in this baseline file.",
)
@click.option("--write-baseline", is_flag=True, help="Record the current findings in the --baseline file.")
def check(paths: tuple[str, ...], config_path: Path | None, output_format: str, output: Path | None,
          select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None, region: str | None,
          stdin_filename: str | None, jobs: int | None, no_cache: bool, input_format: str,
          plugins: tuple[str, ...], quiet: bool, color: bool | None,
          fix: bool, diff: bool, baseline: Path | None, write_baseline: bool) -> None:  # fmt: skip
    """Lint PATHS (files, folders, or - for stdin)."""
    from medlint.runner import CheckOptions, run_check

    if not paths:
        raise click.UsageError("give at least one path (a file, a folder, or - for stdin)")
    options = CheckOptions(
        paths=paths,
        config_path=config_path,
        output_format=output_format,
        output=output,
        select=_split(select),
        ignore=_split(ignore),
        fail_on=fail_on,
        region=region,
        stdin_filename=stdin_filename,
        jobs=jobs,
        no_cache=no_cache,
        input_format=input_format,
        plugins=plugins,
        quiet=quiet,
        color=_use_color(color, sys.stdout) and output is None,
        progress=not quiet and sys.stderr.isatty(),
        fix=fix,
        diff=diff,
        baseline=baseline,
        write_baseline=write_baseline,
    )
    try:
        code = run_check(options)
    except MedlintError as error:
        _fail(error)
    sys.exit(code)


@cli.command("rules")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="markdown: the rule reference page (docs/rules.md).",
)
@click.option("--plugin", "plugins", multiple=True, help="Load this plugin module (repeatable).")
def rules_command(config_path: Path | None, output_format: str, plugins: tuple[str, ...]) -> None:
    """List every rule: id, name, category, severity and where it comes from."""
    from medlint.runner import list_rules

    try:
        click.echo(list_rules(config_path, output_format, plugins), nl=False)
    except MedlintError as error:
        _fail(error)


@cli.command()
@click.argument("rule")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--plugin", "plugins", multiple=True, help="Load this plugin module (repeatable).")
@click.option("--region", type=click.Choice(REGIONS), help="Show the references of this region's regulators.")
def explain(rule: str, config_path: Path | None, plugins: tuple[str, ...], region: str | None) -> None:
    """Explain RULE (an id or name): what, why, example, rewrite, references."""
    from medlint.runner import explain_rule

    try:
        click.echo(explain_rule(rule, config_path, plugins, region))
    except MedlintError as error:
        _fail(error)


@cli.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--plugin", "plugins", multiple=True, help="Load this plugin module (repeatable).")
def formats(config_path: Path | None, plugins: tuple[str, ...]) -> None:
    """List the output formats (built-in and from plugins)."""
    from medlint.runner import list_formats

    try:
        click.echo(list_formats(config_path, plugins), nl=False)
    except MedlintError as error:
        _fail(error)


@cli.command("test")
@click.argument("rulesets", nargs=-1)
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--plugin", "plugins", multiple=True, help="Load this plugin module (repeatable).")
def test_command(rulesets: tuple[str, ...], config_path: Path | None, plugins: tuple[str, ...]) -> None:
    """Run each rule's tests (fail/pass) and docs example/instead.

    RULESETS are ruleset names or folders of rule files; without them, every
    rule the config loads (built-in, plugin and configured folders) is tested.
    Exit 0 when all cases pass, 1 when one fails, 2 on a rule or config error.
    """
    from medlint.selftest import run_selftest

    try:
        result = run_selftest(config_path, rulesets, plugins)
    except MedlintError as error:
        _fail(error)
    click.echo(result.render(), nl=False)
    sys.exit(result.exit_code)


LSP_EXTRA_MISSING = "medlint lsp needs the lsp extra: pip install 'medlint[lsp]'"


@cli.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default; accepted because clients pass it).")
def lsp_command(stdio: bool) -> None:
    """Run the language server on stdin/stdout (for editors; see docs/editors.md)."""
    try:
        from medlint.lsp.server import serve
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs"):
            raise
        click.echo(LSP_EXTRA_MISSING, err=True)
        sys.exit(2)
    serve()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="medlint")
