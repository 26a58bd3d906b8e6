"""The plugin system as plugin authors and users meet it.

Fast tests load local plugin modules (``--plugin``, ``plugins:``) through the
real CLI, and installed plugins through real entry points: a ``*.dist-info``
folder on ``PYTHONPATH`` is exactly what ``importlib.metadata`` reads for a
pip-installed package. The slow test builds the sample plugin and medlint as
wheels, pip installs both into a fresh virtual environment and runs medlint
there with no config at all.
"""

from __future__ import annotations

import os
import subprocess
import sys
import types
import venv
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from medlint import Config, Linter, hookimpl
from medlint.cli import cli
from medlint.errors import PluginError
from medlint.plugins.manager import get_plugin_manager, plugin_infos

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLUGINS = FIXTURES / "plugins"
EMPTY_CONFIG = PLUGINS / "empty.yml"
SAMPLE = FIXTURES / "sample_plugin"
DETOX_PAGE = "# Spring reset\n\nOur tea flushes out toxins overnight.\n"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def local(*args: str, plugins: tuple[str, ...] = ()) -> Result:
    """Run a command with an empty config rooted in the local-plugin fixtures folder."""
    extra = [item for plugin in plugins for item in ("--plugin", plugin)]
    return invoke(*args, "--config", str(EMPTY_CONFIG), *extra)


# --- local plugins: --plugin and plugins: -------------------------------------------------------


def test_plugin_option_adds_a_ruleset_and_a_format(tmp_path: Path) -> None:
    rules = local("rules", plugins=("local_plugin",))
    assert rules.exit_code == 0, rules.output
    row = next(line for line in rules.stdout.splitlines() if line.startswith("LOC001"))
    assert row.split()[-1] == "local_plugin:local"
    page = tmp_path / "page.md"
    page.write_text(DETOX_PAGE, encoding="utf-8")
    check = invoke("check", str(page), "--config", str(EMPTY_CONFIG), "--plugin", "local_plugin", "-f", "count")
    assert check.exit_code == 1
    assert check.stdout.strip().isdigit() and int(check.stdout) >= 1


def test_config_plugins_key_loads_a_module() -> None:
    result = invoke("explain", "LOC001", "--config", str(PLUGINS / "with-plugin.yml"))
    assert result.exit_code == 0, result.output
    assert "detox-claim (efficacy, warning, from local_plugin:local)" in result.stdout
    assert "The body clears waste by itself" in result.stdout


def test_rules_names_the_source_of_core_plugin_and_folder_rules() -> None:
    result = invoke(
        "rules", "--config", str(EMPTY_CONFIG), "--plugin", "local_plugin", "--format", "json"
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    import json

    sources = {row["id"]: row["source"] for row in json.loads(result.stdout)["rules"]}
    assert sources["LOC001"] == "local_plugin:local"
    assert "core" in sources.values()


def test_a_ruleset_folder_in_the_config_is_named_by_its_path(tmp_path: Path) -> None:
    config = tmp_path / "medlint.yml"
    config.write_text(f"rulesets: ['{(PLUGINS / 'local_rules').as_posix()}']\n", encoding="utf-8")
    result = invoke("rules", "--config", str(config))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].split()[-1] == f"{(PLUGINS / 'local_rules').as_posix()}:local"


def test_version_lists_local_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".medlint.yml").write_text(f"plugins: ['{(PLUGINS / 'local_plugin.py').as_posix()}']\n")
    monkeypatch.chdir(tmp_path)
    result = invoke("--version")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("medlint ")
    assert lines[1] == f"  plugin local_plugin: {PLUGINS / 'local_plugin.py'}"


def test_version_survives_a_broken_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".medlint.yml").write_text("rulesets: [core\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("medlint ") and len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize(
    ("plugin", "expected"),
    [
        ("broken_plugin", "plugin module 'broken_plugin' failed to import: RuntimeError: this plugin needs a library"),
        ("no_such_plugin", "plugin module 'no_such_plugin' failed to import: ModuleNotFoundError"),
        ("misspelled_plugin", "unknown hook 'medlint_ruleset' (did you mean \"medlint_rulesets\"?)"),
        ("unmarked_plugin", "medlint_rulesets is not marked; decorate it with @medlint.hookimpl"),
        ("raising_configure_plugin", "raising_configure_plugin.py): medlint_configure raised KeyError"),
        ("bad_signature_plugin", "Argument(s) {'config'} are declared in the hookimpl but can not be found"),
    ],
)
def test_a_bad_plugin_is_a_one_line_error_with_exit_2(plugin: str, expected: str) -> None:
    result = local("rules", plugins=(plugin,))
    assert result.exit_code == 2
    assert expected in result.stderr
    assert result.stderr.startswith("medlint: error: ") and len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_crashing_parser_names_the_plugin_and_the_file(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(DETOX_PAGE, encoding="utf-8")
    result = local("check", str(page), plugins=("raising_parser_plugin",))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"medlint: error: {page}: local plugin module raising_parser_plugin (")
    assert "medlint_parse_document raised ValueError: unbalanced markup" in result.stderr


def test_a_misspelled_hook_names_its_plugin() -> None:
    result = local("check", "README.md", plugins=("misspelled_plugin",))
    assert result.exit_code == 2
    assert "local plugin module misspelled_plugin" in result.stderr


@pytest.mark.parametrize(
    ("command", "plugin", "what"),
    [
        (("check", "-f", "json", "README.md"), "dup_format_plugin", "output format 'json'"),
        (("formats",), "dup_format_plugin", "output format 'json'"),
        (("rules",), "dup_kind_plugin", "rule kind 'existence'"),
    ],
)
def test_a_name_defined_twice_names_both_sources(command: tuple[str, ...], plugin: str, what: str) -> None:
    result = local(*command, plugins=(plugin,))
    assert result.exit_code == 2
    assert f"{what} is defined twice: by medlint core and by local plugin module {plugin} (" in result.stderr


def test_a_rule_id_defined_twice_names_both_plugins_and_files() -> None:
    result = local("rules", plugins=("local_plugin", "dup_rule_plugin"))
    assert result.exit_code == 2
    message = result.stderr
    assert "rule id LOC001 is defined twice" in message
    assert "(from local_plugin:local)" in message and "(from dup_rule_plugin:dup_rules)" in message
    assert str(PLUGINS / "local_rules" / "LOC001.yml") in message
    assert str(PLUGINS / "dup_rules" / "LOC001.yml") in message


def test_manager_registers_local_plugins_with_their_origin() -> None:
    manager = get_plugin_manager(Config(root=PLUGINS), ["local_plugin"])
    assert manager.get_plugin("local_plugin") is not None
    [info] = plugin_infos(manager)
    assert info.label == "local_plugin" and info.origin.endswith("local_plugin.py")
    with pytest.raises(PluginError, match="unknown hook 'medlint_ruleset'"):
        get_plugin_manager(Config(root=PLUGINS), ["misspelled_plugin"])


# --- installed plugins: entry points ---------------------------------------------------------------


def fake_install(site: Path, dist: str, version: str, entry_points: str) -> None:
    """Write the ``*.dist-info`` metadata pip writes for an installed distribution."""
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[medlint]\n{entry_points}\n", encoding="utf-8")


def run_installed(site: Path, cwd: Path, *args: str, autoload: bool = True) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "MEDLINT_DISABLE_PLUGIN_AUTOLOAD"}
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(PLUGINS)])
    if not autoload:
        env["MEDLINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    (cwd / ".medlint.yml").touch()  # an empty config: defaults, and no stray config from a parent folder
    return subprocess.run([sys.executable, "-m", "medlint", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_an_installed_plugin_is_on_by_default_and_listed_by_version(tmp_path: Path) -> None:
    site = tmp_path / "site"
    fake_install(site, "medlint-local", "1.4", "local = local_plugin")
    (tmp_path / "page.md").write_text(DETOX_PAGE, encoding="utf-8")
    rules = run_installed(site, tmp_path, "rules")
    assert rules.returncode == 0, rules.stderr
    assert any(
        line.startswith("LOC001") and line.endswith("medlint-local[local]:local") for line in rules.stdout.splitlines()
    )
    check = run_installed(site, tmp_path, "check", "page.md")
    assert check.returncode == 1 and "[LOC001]" in check.stdout
    version = run_installed(site, tmp_path, "--version")
    assert version.stdout.splitlines()[1] == "  plugin local: medlint-local 1.4"


def test_autoload_can_be_turned_off(tmp_path: Path) -> None:
    site = tmp_path / "site"
    fake_install(site, "medlint-local", "1.4", "local = local_plugin")
    fake_install(site, "medlint-broken", "2.0", "broken = broken_plugin")
    off = run_installed(site, tmp_path, "rules", autoload=False)
    assert off.returncode == 0, off.stderr
    assert "LOC001" not in off.stdout


def test_an_installed_plugin_that_fails_to_import_names_its_distribution(tmp_path: Path) -> None:
    site = tmp_path / "site"
    fake_install(site, "medlint-broken", "2.0", "broken = broken_plugin")
    result = run_installed(site, tmp_path, "check", ".")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "medlint: error: plugin medlint-broken 2.0 (entry point 'broken = broken_plugin') failed to load: RuntimeError"
    )
    assert "MEDLINT_DISABLE_PLUGIN_AUTOLOAD=1" in result.stderr
    assert "Traceback" not in result.stderr
    version = run_installed(site, tmp_path, "--version")
    assert version.returncode == 0 and version.stdout.startswith("medlint ")


def test_installed_plugins_clashing_on_a_format_name_both_named(tmp_path: Path) -> None:
    site = tmp_path / "site"
    fake_install(site, "medlint-jsonish", "0.2", "jsonish = dup_format_plugin")
    result = run_installed(site, tmp_path, "check", "-f", "json", ".")
    assert result.returncode == 2
    assert (
        "output format 'json' is defined twice: by medlint core and by "
        "plugin medlint-jsonish 0.2 (entry point 'jsonish = dup_format_plugin')"
    ) in result.stderr


def test_two_distributions_with_one_entry_point_name(tmp_path: Path) -> None:
    site = tmp_path / "site"
    fake_install(site, "medlint-local", "1.4", "local = local_plugin")
    fake_install(site, "medlint-other", "3.0", "local = dup_rule_plugin")
    result = run_installed(site, tmp_path, "rules")
    assert result.returncode == 2
    assert "two plugins are named 'local'" in result.stderr
    assert "medlint-local 1.4 (entry point 'local = local_plugin')" in result.stderr
    assert "medlint-other 3.0 (entry point 'local = dup_rule_plugin')" in result.stderr


# --- the sample plugin, in process and pip-installed ---------------------------------------------


def test_sample_plugin_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from medlint.testing import check_document

    monkeypatch.syspath_prepend(str(SAMPLE / "src"))
    linter = Linter.create(Config(root=SAMPLE, rulesets=("sample",)), ["medlint_sample"])
    assert "SMP001" in {rule.id for rule in linter.rules}
    assert check_document(SAMPLE / "documents" / "page.rst", linter=linter) == []


def test_a_plugin_document_type_is_walked_in_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plugin's file patterns join the default ``include``; a config's own ``include`` still decides alone."""
    monkeypatch.syspath_prepend(str(SAMPLE / "src"))
    guide = (SAMPLE / "documents" / "page.rst").read_text(encoding="utf-8")
    (tmp_path / "guide.rst").write_text(guide, encoding="utf-8")
    (tmp_path / "page.md").write_text("# Balm\n\nA calm page.\n", encoding="utf-8")
    walked = Linter.create(Config(root=tmp_path), ["medlint_sample"]).lint_paths([str(tmp_path)])
    assert sorted(Path(file).name for file in walked.files) == ["guide.rst", "page.md"]
    mine = Config(root=tmp_path, include=("*.md",))
    walked = Linter.create(mine, ["medlint_sample"]).lint_paths([str(tmp_path)])
    assert [Path(file).name for file in walked.files] == ["page.md"]


def test_a_plugin_returning_no_list_of_globs_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    plugin = types.ModuleType("bad_globs")

    @hookimpl
    def medlint_file_patterns() -> str:
        return "*.rst"

    plugin.medlint_file_patterns = medlint_file_patterns  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bad_globs", plugin)
    with pytest.raises(PluginError, match=r"bad_globs.*medlint_file_patterns must return a list of globs"):
        Linter.create(Config(), ["bad_globs"])


def test_sample_plugin_validates_its_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(SAMPLE / "src"))
    config = tmp_path / "medlint.yml"
    config.write_text("plugins: [medlint_sample]\nplugin-settings:\n  sample: {min-lenght: 3}\n", encoding="utf-8")
    result = invoke("rules", "--config", str(config))
    assert result.exit_code == 2
    assert "plugin-settings.sample: unknown key 'min-lenght'" in result.stderr


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """medlint and the sample plugin as wheels, built once."""
    out = tmp_path_factory.mktemp("wheels")
    for project in (ROOT, SAMPLE):
        build = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(project)],
            capture_output=True, text=True,
        )  # fmt: skip
        assert build.returncode == 0, build.stderr[-2000:]
    return sorted(out.glob("*.whl"))


@pytest.mark.slow
def test_pip_installed_sample_plugin_works_with_no_config(wheels: list[Path], tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    install = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", *map(str, wheels)], capture_output=True, text=True
    )
    assert install.returncode == 0, install.stderr[-2000:]
    work = tmp_path / "site"
    work.mkdir()
    (work / "page.md").write_text("# Knee balm\n\nThis balm is a MIRACLE for stiff knees.\n", encoding="utf-8")
    (work / "guide.rst").write_text((SAMPLE / "documents" / "page.rst").read_text(encoding="utf-8"), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MEDLINT_", "PYTHON"))}

    def medlint(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(bin_dir / "medlint"), *args], cwd=work, env=env, capture_output=True, text=True)

    if any((folder / name).exists() for folder in work.parents for name in (".medlint.yml", ".medlint.yaml")):
        (work / ".medlint.yml").touch()  # all defaults, shielding us from a stray config in a parent folder
    rules = medlint("rules")
    assert rules.returncode == 0, rules.stderr
    assert any(
        line.startswith("SMP001") and line.endswith("medlint-sample-plugin[sample]:sample")
        for line in rules.stdout.splitlines()
    ), rules.stdout
    explain = medlint("explain", "SMP001")
    assert explain.returncode == 0 and "Capitals make a word the loudest thing on the page" in explain.stdout
    check = medlint("check", "page.md")
    assert check.returncode == 1
    assert "page.md:3:16: warning: 'MIRACLE' is written in capitals" in check.stdout
    tsv = medlint("check", "--format", "tsv", "page.md", "guide.rst")
    assert tsv.stdout.splitlines()[0] == "path\tline\tcolumn\trule\tseverity\tmessage"
    rows = [line.split("\t")[:4] for line in tsv.stdout.splitlines()[1:]]
    assert ["guide.rst", "5", "15", "SMP001"] in rows  # the .rst prose is checked ...
    assert all(row[0] != "guide.rst" or row[1] == "5" for row in rows if row[3] == "SMP001")  # ... its code is not
    selftest = medlint("test", "sample")
    assert selftest.returncode == 0 and "All 7 cases of 1 rules passed." in selftest.stdout
    version = medlint("--version")
    assert "  plugin sample: medlint-sample-plugin 0.3.0" in version.stdout.splitlines()
    env["MEDLINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    assert "SMP001" not in medlint("rules").stdout
