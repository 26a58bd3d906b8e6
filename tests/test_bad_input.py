"""Hardening: bad input, hostile rules and huge files never crash medlint or lose a finding.

Every case runs the real ``medlint`` console script in a throwaway project
whose only rules are the tiny ones in ``tests/fixtures/bad_input`` (the
built-in rulesets change under other work). Each test checks what a user
sees: the exit status, one ``medlint: error:`` line naming the path (and
line), no traceback, and that the other files of the run were still linted.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

MEDLINT = Path(sys.executable).with_name("medlint")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad_input"
CLAIM = "A miracle in a bottle.\n"
"""One BAD001 finding: 'miracle' at column 3 of its line."""


# --- helpers -----------------------------------------------------------------


def make_project(root: Path, *rulesets: str, settings: str = "") -> Path:
    """Copy fixture rulesets into ``root`` and write a config that uses only them."""
    names = rulesets or ("rules",)
    for name in names:
        shutil.copytree(FIXTURES / name, root / name)
    listed = ", ".join(f"./{name}" for name in names)
    (root / ".medlint.yml").write_text(f"rulesets: [{listed}]\ncache: false\n{settings}", encoding="utf-8")
    (root / "good.md").write_text(CLAIM, encoding="utf-8")
    return root


def medlint(cwd: Path, *args: str, prefix: tuple[str, ...] = (), stdin: bytes | None = None) -> Run:
    """Run ``medlint check ARGS --format json`` in ``cwd``; the hard timeout only catches hangs."""
    proc = subprocess.run(
        [*prefix, str(MEDLINT), "check", "--format", "json", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=300,
    )
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


class Run:
    """One finished run: exit status, parsed JSON report, stderr lines."""

    def __init__(self, code: int, stdout: str, stderr: str):
        self.code = code
        self.stdout = stdout
        self.stderr = stderr
        self.report: dict[str, Any] = json.loads(stdout) if stdout.strip().startswith("{") else {}

    @property
    def findings(self) -> list[dict[str, Any]]:
        return list(self.report.get("findings", []))

    def rules_in(self, path: str) -> list[str]:
        return [item["rule"] for item in self.findings if item["path"] == path]

    def errors(self) -> list[str]:
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        assert all(line.startswith("medlint: error: ") for line in lines), self.stderr
        return [line.removeprefix("medlint: error: ") for line in lines]

    def check_no_traceback(self) -> None:
        assert "Traceback" not in self.stderr, self.stderr
        assert "Traceback" not in self.stdout


def only_error(run: Run) -> str:
    """The single error line of a run that stopped before linting (exit 2)."""
    run.check_no_traceback()
    assert run.code == 2, (run.stdout, run.stderr)
    errors = run.errors()
    assert len(errors) == 1, run.stderr
    return errors[0]


def assert_good_linted(run: Run) -> None:
    """The control file ``good.md`` was linted despite the bad one next to it."""
    assert "BAD001" in run.rules_in("good.md"), run.stdout


def finding(run: Run, path: str, rule: str = "BAD001") -> dict[str, Any]:
    found = [item for item in run.findings if item["path"] == path and item["rule"] == rule]
    assert len(found) == 1, run.stdout
    return found[0]


def without_file_permissions() -> tuple[str, ...]:
    """A command prefix under which chmod 000 denies reading, even when the tests run as root."""
    if os.geteuid() != 0:
        return ()
    prefix = (shutil.which("setpriv") or "setpriv", "--bounding-set=-dac_override,-dac_read_search")
    try:
        usable = subprocess.run([*prefix, "true"], capture_output=True, check=False).returncode == 0
    except OSError:
        usable = False
    if not usable:
        pytest.skip("running as root, and setpriv cannot drop the capability to read every file")
    return prefix


# --- encodings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "where"),
    [
        ("latin1.md", "Café miracle.\n".encode("latin-1"), "line 1, byte 3"),
        ("cp1252.md", "Intro.\n\u201cA miracle\u201d.\n".encode("cp1252"), "line 2, byte 7"),
        ("bom-broken.md", codecs.BOM_UTF8 + b"ok\n\xff\n", "line 2, byte 6"),
    ],
)
def test_undecodable_file_is_reported_with_byte_offset_and_run_goes_on(
    tmp_path: Path, name: str, data: bytes, where: str
) -> None:
    project = make_project(tmp_path)
    (project / name).write_bytes(data)
    run = medlint(project, ".")
    run.check_no_traceback()
    assert run.code == 2
    [error] = run.errors()
    assert error.startswith(f"{name}: ") and where in error and "UTF-8" in error
    assert_good_linted(run)
    assert run.report["summary"]["errors"] == [{"path": name, "message": error.removeprefix(f"{name}: ")}]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_byte_order_marks_are_honoured_and_do_not_shift_columns(tmp_path: Path, encoding: str) -> None:
    project = make_project(tmp_path)
    text = "Title line\n\n" + CLAIM
    data = text.encode(encoding)
    if not encoding.endswith("-sig"):
        data = "\ufeff".encode(encoding) + data
    (project / "bom.md").write_bytes(data)
    run = medlint(project, "bom.md", "good.md")
    run.check_no_traceback()
    assert run.code == 1 and run.errors() == []
    hit = finding(run, "bom.md")
    assert (hit["line"], hit["column"], hit["end_column"]) == (3, 3, 10)


# --- binary files ------------------------------------------------------------

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256))


def test_binary_file_is_skipped_silently_in_a_folder_walk(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "diagram.md").write_bytes(PNG_BYTES)  # a mislabelled image
    run = medlint(project, ".")
    run.check_no_traceback()
    assert run.code == 1 and run.errors() == []
    assert_good_linted(run)
    assert run.report["summary"]["files"] == 1


def test_binary_file_named_explicitly_is_reported(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "diagram.md").write_bytes(PNG_BYTES)
    run = medlint(project, "diagram.md", "good.md")
    run.check_no_traceback()
    assert run.code == 2
    [error] = run.errors()
    assert error.startswith("diagram.md: binary file")
    assert_good_linted(run)


# --- size --------------------------------------------------------------------


def test_file_over_max_file_size_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    project = make_project(tmp_path, settings="max-file-size: 1MB\n")
    (project / "huge.md").write_text(CLAIM * 100_000, encoding="utf-8")  # 2.3 MB
    run = medlint(project, ".")
    run.check_no_traceback()
    assert run.code == 2
    [error] = run.errors()
    assert error.startswith("huge.md: file is 2.2 MB, over max-file-size (1.0 MB)")
    assert "raise max-file-size" in error
    assert_good_linted(run)


def test_raised_max_file_size_lints_a_large_file_completely(tmp_path: Path) -> None:
    project = make_project(tmp_path, settings="max-file-size: 10MB\n")
    paragraphs = "The clinic opens at nine and closes at five on weekdays.\n\n" * 50_000  # 2.9 MB
    (project / "large.md").write_text(paragraphs + CLAIM, encoding="utf-8")
    run = medlint(project, "large.md")
    run.check_no_traceback()
    assert run.code == 1
    hit = finding(run, "large.md")
    assert (hit["line"], hit["column"]) == (100_001, 3)


def test_very_long_line_reports_the_right_column(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    prefix = "word " * 400_000  # one 2 MB line
    (project / "long.txt").write_text(prefix + "miracle at the end\n", encoding="utf-8")
    run = medlint(project, "long.txt")
    run.check_no_traceback()
    hit = finding(run, "long.txt")
    assert (hit["line"], hit["column"]) == (1, len(prefix) + 1)


def test_standard_input_over_max_file_size_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path, settings="max-file-size: 1KB\n")
    run = medlint(project, "-", "good.md", stdin=CLAIM.encode() * 100)
    run.check_no_traceback()
    assert run.code == 2
    [error] = run.errors()
    assert error.startswith("<stdin>: input is larger than max-file-size")
    assert_good_linted(run)


# --- hostile rules -----------------------------------------------------------

RUN_OF_AS = "a" * 5000 + "!\n\n"


@pytest.mark.parametrize(("ruleset", "rule"), [("evil", "BAD900"), ("evil_unless", "BAD901")])
def test_catastrophic_regex_times_out_for_that_file_and_the_run_goes_on(
    tmp_path: Path, ruleset: str, rule: str
) -> None:
    project = make_project(tmp_path, "rules", ruleset, settings="rule-timeout: 0.2\n")
    (project / "slow.md").write_text(RUN_OF_AS + "A miracle " + "a" * 40 + ".\n", encoding="utf-8")
    run = medlint(project, ".")
    run.check_no_traceback()
    assert run.code == 1 and run.errors() == []
    timed_out = finding(run, "slow.md", "MED003")
    assert rule in timed_out["message"] and "0.2s" in timed_out["message"]
    assert "BAD001" in run.rules_in("slow.md")  # the file's other rules still ran
    assert_good_linted(run)


def test_rule_time_limit_is_per_file_not_per_sentence(tmp_path: Path) -> None:
    # Each sentence costs the 'unless' pattern a few milliseconds, far below the limit,
    # but a thousand of them add up to seconds: the rule must still be stopped.
    project = make_project(tmp_path, "rules", "evil_unless", settings="rule-timeout: 0.3\n")
    (project / "many.md").write_text(("A miracle " + "a" * 20 + ".\n\n") * 1000, encoding="utf-8")
    run = medlint(project, "many.md", "good.md")
    run.check_no_traceback()
    assert "BAD901" in finding(run, "many.md", "MED003")["message"]
    assert run.rules_in("many.md").count("BAD001") == 1000
    assert_good_linted(run)


def test_message_placeholders_are_data_not_format_fields(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    message = "{match[x]} {match.__class__} {match!r:>{width}} {{match}} {match}"
    rule = (
        f"id: BAD003\nname: odd\nkind: existence\ncategory: hype\nmessage: '{message}'\nparams:\n  tokens: [miracle]\n"
    )
    (project / "rules" / "BAD003.yml").write_text(rule, encoding="utf-8")
    run = medlint(project, "good.md")
    run.check_no_traceback()
    assert run.code == 1
    assert finding(run, "good.md", "BAD003")["message"] == message.replace("{{match}} {match}", "{match} miracle")


BAD_RULES = {
    "invalid-regex": ("params:\n  tokens: ['cure(s']\n", 7, "params.tokens[0]: invalid regex"),
    "invalid-unless": ("params:\n  tokens: [x]\n  unless:\n    - ok\n    - '[z-a]'\n", 10, "params.unless[1]"),
    "unknown-kind": ("params:\n  tokens: [x]\n", 3, "kind: unknown kind 'existance' (did you mean \"existence\"?)"),
    "unknown-key": ("severty: error\nparams:\n  tokens: [x]\n", 6, "severty: unknown key (did you mean"),
    "unknown-param": ("params:\n  tokens: [x]\n  ignorcase: true\n", 8, "params.ignorcase: unknown parameter"),
    "wrong-type": ("params:\n  tokens: [x]\n  ignorecase: 'yes'\n", 8, "params.ignorecase: expected true or false"),
    "list-not-map": ("params:\n  tokens: {a: 1}\n", 7, "params.tokens: expected a list of strings"),
    "duplicate-key": ("message: again\nparams:\n  tokens: [x]\n", 6, "duplicate key 'message'"),
    "unrolls-to-millions": ("params:\n  patterns: ['(?:(?:a{1000}){1000}){10}']\n", 7, "unrolls to about 10,000,000"),
}


@pytest.mark.parametrize("case", sorted(BAD_RULES))
def test_bad_rule_is_one_line_with_file_line_key_and_what_is_allowed(tmp_path: Path, case: str) -> None:
    body, line, expected = BAD_RULES[case]
    project = make_project(tmp_path)
    kind = "existance" if case == "unknown-kind" else "existence"
    rule = f"id: BAD003\nname: broken\nkind: {kind}\ncategory: hype\nmessage: m\n{body}"
    (project / "rules" / "BAD003.yml").write_text(rule, encoding="utf-8")
    error = only_error(medlint(project, "good.md"))
    assert error.startswith(f"{project / 'rules' / 'BAD003.yml'}:{line}: "), error
    assert expected in error


def test_bad_rewrite_template_is_a_rule_error_not_a_crash(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    rule = "id: BAD003\nname: swap\nkind: substitution\ncategory: hype\nmessage: m\nparams:\n  swap: {miracle: '\\2'}\n"
    (project / "rules" / "BAD003.yml").write_text(rule, encoding="utf-8")
    error = only_error(medlint(project, "good.md"))
    assert ":7: params.swap.miracle: rewrite '\\\\2' is invalid: no such group" in error


BAD_CONFIGS = {
    "unknown-key": ("regoin: us\n", 3, "unknown key 'regoin' (did you mean \"region\"?); allowed: rulesets"),
    "unknown-value": ("region: mars\n", 3, "region: unknown value 'mars'; allowed: us, uk"),
    "size-type": ("max-file-size: lots\n", 3, "max-file-size: expected a size such as 20MB"),
    "timeout-zero": ("rule-timeout: 0\n", 3, "rule-timeout: expected a number of seconds above 0"),
    "jobs-fraction": ("jobs: 2.5\n", 3, "jobs: expected a whole number >= 0, got 2.5"),
    "select-type": ("select: 5\n", 3, "select: expected a list of strings"),
    "broken-yaml": ("ignore: [EFF001\n", 4, "invalid YAML"),
    "python-tag": (
        "x: !!python/object/apply:os.system [touch pwned]\n",
        3,
        "tag 'tag:yaml.org,2002:python/object/apply",
    ),
    "duplicate-key": ("cache: true\n", 3, "duplicate key 'cache'"),
}


@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
def test_bad_config_is_one_line_with_file_line_and_key(tmp_path: Path, case: str) -> None:
    extra, line, expected = BAD_CONFIGS[case]
    project = make_project(tmp_path, settings=extra)
    error = only_error(medlint(project, "good.md"))
    assert error.startswith(f".medlint.yml:{line}: ") or error.startswith(f"{project / '.medlint.yml'}:{line}: ")
    assert expected in error
    assert not (project / "pwned").exists()  # YAML tags never run code


def test_missing_ruleset_folder_names_the_config_line(tmp_path: Path) -> None:
    make_project(tmp_path)
    (tmp_path / ".medlint.yml").write_text("region: us\nrulesets: [./nowhere]\n", encoding="utf-8")
    error = only_error(medlint(tmp_path, "good.md"))
    assert ".medlint.yml:2: rulesets: './nowhere' is neither a known ruleset (" in error
    assert error.endswith(") nor a folder")


def alias_bomb() -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    return "\n".join(lines) + "\nselect: *a8\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (alias_bomb(), "YAML expands to more than 200000 values (an alias bomb?)"),
        ("select: " + "[" * 50_000 + "]" * 50_000 + "\n", ":1: YAML nests deeper than 64 levels"),
        ("select: &loop [*loop]\n", "YAML nests deeper than 64 levels"),
        ("select:\n" + "  - EFF001\n" * 600_000, "larger than 5 MB"),
    ],
    ids=["alias-bomb", "deep-nesting", "self-alias", "huge"],
)
def test_hostile_yaml_config_is_a_clear_error_not_a_hang(tmp_path: Path, content: str, expected: str) -> None:
    make_project(tmp_path)
    (tmp_path / "hostile.yml").write_text(content, encoding="utf-8")
    error = only_error(medlint(tmp_path, "--config", "hostile.yml", "good.md"))
    assert error.startswith("hostile.yml") and expected in error


# --- paths -------------------------------------------------------------------


def test_missing_path_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    run = medlint(project, "nope.md", "good.md")
    run.check_no_traceback()
    assert run.code == 2
    assert run.errors() == ["nope.md: no such file or folder; check the path"]
    assert_good_linted(run)


def test_unreadable_file_and_folder_are_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    prefix = without_file_permissions()
    project = make_project(tmp_path)
    (project / "locked.md").write_text(CLAIM, encoding="utf-8")
    (project / "locked.md").chmod(0)
    (project / "private").mkdir()
    (project / "private" / "inside.md").write_text(CLAIM, encoding="utf-8")
    (project / "private").chmod(0)
    try:
        run = medlint(project, "locked.md", "private", "good.md", prefix=prefix)
    finally:
        (project / "private").chmod(stat.S_IRWXU)
    run.check_no_traceback()
    assert run.code == 2
    assert sorted(run.errors()) == [
        "locked.md: permission denied; check the file's permissions",
        "private: cannot read folder: Permission denied",
    ]
    assert_good_linted(run)


def test_file_removed_mid_run_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    shutil.copy(FIXTURES / "plugins" / "remove_next.py", project)
    with (project / ".medlint.yml").open("a", encoding="utf-8") as config:
        config.write("plugins: [remove_next]\n")
    for name in ("a.md", "b.md", "c.md"):
        (project / name).write_text(CLAIM, encoding="utf-8")
    run = medlint(project, "a.md", "b.md", "c.md", "good.md")
    run.check_no_traceback()
    assert run.code == 2
    assert run.errors() == ["b.md: no such file (was it removed during the run?)"]
    assert [run.rules_in(name) for name in ("a.md", "b.md", "c.md")] == [["BAD001"], [], ["BAD001"]]
    assert_good_linted(run)


def test_symlink_loops_and_broken_links_are_reported_and_the_walk_ends(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    docs = project / "docs"
    (docs / "inner").mkdir(parents=True)
    (docs / "inner" / "page.md").write_text(CLAIM, encoding="utf-8")
    (docs / "inner" / "up").symlink_to("..", target_is_directory=True)  # a folder loop
    (docs / "self.md").symlink_to("self.md")  # a link to itself
    (docs / "gone.md").symlink_to("nowhere.md")
    run = medlint(project, "docs", "good.md")
    run.check_no_traceback()
    assert run.code == 2
    assert sorted(run.errors()) == [
        "docs/gone.md: broken symbolic link (its target does not exist); fix or remove the link",
        "docs/self.md: symbolic link loop; fix or remove the link",
    ]
    assert run.rules_in("docs/inner/page.md") == ["BAD001"]  # linted once, loop not followed
    assert_good_linted(run)


def test_walk_does_not_follow_links_to_files_outside_the_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "checkout")
    secret = tmp_path / "secret.md"
    secret.write_text("token=miracle\n", encoding="utf-8")
    (project / "docs").mkdir()
    (project / "docs" / "notes.md").symlink_to(secret)
    (project / "docs" / "alias.md").symlink_to(project / "good.md")  # inside: followed
    walked = medlint(project, ".")
    walked.check_no_traceback()
    assert walked.errors() == []
    assert sorted({item["path"] for item in walked.findings}) == ["docs/alias.md", "good.md"]
    named = medlint(project, "docs/notes.md")  # named explicitly: the user asked for it
    assert named.rules_in("docs/notes.md") == ["BAD001"]


def test_non_utf8_file_name_is_linted_and_printed_safely(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    raw_name = os.fsencode(project) + b"/caf\xe9.md"
    try:
        with open(raw_name, "wb") as stream:
            stream.write(CLAIM.encode())
    except OSError:
        pytest.skip("this file system refuses non-UTF-8 names")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}  # a strict terminal must not crash either
    proc = subprocess.run(
        [str(MEDLINT), "check", "--format", "json", ".", b"missing-\xe9.md"],
        cwd=project, capture_output=True, env=env, timeout=300,
    )  # fmt: skip
    run = Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))
    run.check_no_traceback()
    assert run.code == 2
    assert run.errors() == ["missing-\ufffd.md: no such file or folder; check the path"]
    assert run.rules_in("caf\ufffd.md") == ["BAD001"]
    assert_good_linted(run)


# --- line endings and characters ---------------------------------------------

COLUMN_CASES = {
    "crlf": ("Intro line.\r\nA miracle in a bottle.\r\n", 2, 3),
    "cr": ("Intro line.\rA miracle in a bottle.\r", 2, 3),
    "tabs": ("Intro line.\nItem\tA miracle in a bottle.\n", 2, 8),
    "rtl": ("שלום עולם. A miracle in a bottle.\n", 1, 14),
    "bidi-controls": ("\u202bמבצע\u202c! A miracle in a bottle.\n", 1, 11),
    "emoji": ("😀🧪 A miracle in a bottle.\n", 1, 6),
    "flag-and-zwj": ("🇺🇸 👩‍⚕️ A miracle in a bottle.\n", 1, 11),
    "combining": ("Cafe\u0301 news. A miracle in a bottle.\n", 1, 15),
    "late-nul": ("x" * 9000 + "\n\x00 A miracle in a bottle.\n", 2, 5),
}


@pytest.mark.parametrize("case", sorted(COLUMN_CASES))
@pytest.mark.parametrize("suffix", [".md", ".txt", ".html", ".mdx"])
def test_columns_count_code_points(tmp_path: Path, case: str, suffix: str) -> None:
    text, line, column = COLUMN_CASES[case]
    project = make_project(tmp_path)
    name = f"page{suffix}"
    (project / name).write_bytes(text.encode("utf-8"))
    run = medlint(project, name)
    run.check_no_traceback()
    assert run.errors() == []
    hit = finding(run, name)
    assert (hit["line"], hit["column"], hit["end_line"], hit["end_column"]) == (line, column, line, column + 7)
    assert hit["match"] == "miracle"


# --- --fix ---------------------------------------------------------------------


def test_fix_writes_atomically_keeps_mode_and_is_idempotent(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    page = project / "page.md"
    page.write_bytes(codecs.BOM_UTF8 + b"Intro.\r\nIt zaps pain. Zaps aches too.\r\n")
    page.chmod(0o640)
    first = medlint(project, "--fix", "page.md")
    first.check_no_traceback()
    assert first.errors() == []
    assert page.read_bytes() == codecs.BOM_UTF8 + b"Intro.\r\nIt eases pain. Eases aches too.\r\n"
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert [item.name for item in project.iterdir() if "medlint-fix" in item.name] == []  # no temp file left
    before = page.read_bytes()
    second = medlint(project, "--fix", "page.md")
    assert second.code == 0 and second.errors() == [] and page.read_bytes() == before


def test_fix_leaves_a_file_that_fails_mid_run_untouched(tmp_path: Path) -> None:
    prefix = without_file_permissions()
    project = make_project(tmp_path)
    folder = project / "locked"
    folder.mkdir()
    page = folder / "page.md"
    page.write_text("It zaps pain.\n", encoding="utf-8")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)  # readable, but no temporary file can be created here
    try:
        run = medlint(project, "--fix", "locked/page.md", "good.md", prefix=prefix)
    finally:
        folder.chmod(stat.S_IRWXU)
    run.check_no_traceback()
    assert run.code == 2
    [error] = run.errors()
    assert error.startswith("locked/page.md: cannot write the fix")
    assert page.read_text(encoding="utf-8") == "It zaps pain.\n"
    assert os.listdir(folder) == ["page.md"]
    assert_good_linted(run)


def test_fix_skips_a_file_that_changes_mid_run(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    shutil.copy(FIXTURES / "plugins" / "edit_during_fix.py", project)
    with (project / ".medlint.yml").open("a", encoding="utf-8") as config:
        config.write("plugins: [edit_during_fix]\n")
    page = project / "changing.md"
    page.write_text("It zaps pain.\n", encoding="utf-8")
    run = medlint(project, "--fix", "changing.md", "good.md")
    run.check_no_traceback()
    assert run.code == 2
    assert run.errors() == ["changing.md: changed since medlint read it; not fixed (run --fix again)"]
    text = page.read_text(encoding="utf-8")
    assert text.startswith("It zaps pain.\nEdited meanwhile.\n")  # the colleague's edits survive, unfixed
    assert_good_linted(run)


# --- cache -------------------------------------------------------------------


def cached_project(root: Path) -> Path:
    project = make_project(root)
    config = (project / ".medlint.yml").read_text(encoding="utf-8").replace("cache: false\n", "")
    (project / ".medlint.yml").write_text(config + "cache-dir: shared-cache\njobs: 1\n", encoding="utf-8")
    for index in range(40):
        (project / f"page{index:02}.md").write_text(f"Page {index}.\n\n{CLAIM}It zaps pain.\n", encoding="utf-8")
    return project


def test_two_runs_sharing_a_cache_at_once_agree(tmp_path: Path) -> None:
    project = cached_project(tmp_path)
    expected = medlint(project, "--no-cache", ".").findings
    command = [str(MEDLINT), "check", "--format", "json", "."]
    runs = [subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for (stdout, stderr), run in zip(outputs, runs, strict=True):
        assert run.returncode == 1, stderr
        assert b"Traceback" not in stderr
        assert json.loads(stdout)["findings"] == expected
    assert medlint(project, ".").findings == expected  # and the cache they left behind is sound


def test_corrupt_cache_entries_are_ignored_and_rebuilt(tmp_path: Path) -> None:
    project = cached_project(tmp_path)
    expected = medlint(project, ".").findings
    entries = sorted((project / "shared-cache").rglob("*.json"))
    assert len(entries) == 41
    garbage = [b"", b"{not json", b'{"format": "1", "findings": [{"rule": 1}]}', b"\xff\xfe\x00", b"[]"]
    for index, entry in enumerate(entries):
        entry.write_bytes(garbage[index % len(garbage)])
    run = medlint(project, ".")
    run.check_no_traceback()
    assert run.errors() == [] and run.findings == expected
    assert all(json.loads(entry.read_bytes())["format"] == "1" for entry in entries)  # rewritten
