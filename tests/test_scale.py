"""Scale: many files on all cores, JSONL exports, pickling, and the Dask example."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medlint.api import Linter
from medlint.cli import cli
from medlint.config import load_config

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "scale"
PHRASES = (
    "Our hydration drip cures tiredness for good.",
    "A nurse checks your blood pressure before every session.",
    "This balm eliminates scars in a week.",
    "Some readers feel calmer after a walk; results vary.",
    "We guarantee smoother skin after one visit.",
    "Parking is free after six in the evening.",
)


def page(number: int) -> str:
    """A small article whose claims differ from page to page."""
    lines = [f"# Notes {number}", ""]
    lines += [PHRASES[(number * 7 + step) % len(PHRASES)] for step in range(1 + number % 4)]
    if number % 3 == 0:
        lines += ["", "This page is not medical advice."]
    return "\n".join(lines) + "\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURE / "rules", tmp_path / "rules")
    (tmp_path / ".medlint.yml").write_text("rulesets: [./rules]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MEDLINT_CACHE_DIR", raising=False)
    return tmp_path


def write_pages(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"page-{number:03d}.md").write_text(page(number), encoding="utf-8")


def write_export(path: Path, count: int) -> Path:
    """A CMS export: some records with a path (one HTML), some without."""
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            record: dict[str, object] = {"id": f"post-{number}", "text": page(number)}
            if number % 5 == 1:
                record["path"] = f"blog/post-{number}.md"
            if number % 10 == 2:
                record = {"id": number, "text": f"<h1>Post</h1><p>{page(number)}</p>", "path": f"site/{number}.html"}
            out.write(json.dumps(record) + "\n")
    return path


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    return subprocess.run(
        [sys.executable, "-m", "medlint", "check", *args], input=stdin, capture_output=True, text=True, env=env,
        timeout=300, check=False,
    )  # fmt: skip


def test_jobs_do_not_change_the_report(project: Path) -> None:
    write_pages(project / "content", 80)
    outputs = []
    for jobs in ("1", "2", "0"):
        result = CliRunner().invoke(cli, ["check", "--no-cache", "-f", "json", "--jobs", jobs, "content"])
        assert result.exit_code == 1, result.output
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1] == outputs[2]
    assert len({finding["path"] for finding in outputs[0]["findings"]}) > 50


def test_a_linter_pickles_and_lints_the_same_after(project: Path) -> None:
    linter = Linter.create(load_config())
    copy = pickle.loads(pickle.dumps(linter))
    text = page(4)
    assert copy.lint_text(text, "a.md") == linter.lint_text(text, "a.md")
    assert copy.rules == linter.rules
    findings = linter.lint_text(text, "a.md")
    assert findings and pickle.loads(pickle.dumps(findings)) == findings


def test_jsonl_streams_one_line_per_finding_with_the_record_id(project: Path) -> None:
    export = write_export(project / "export.jsonl", 30)
    result = run_cli("--input-format", "jsonl", str(export))
    assert result.returncode == 1, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    records = [json.loads(line) for line in export.read_text().splitlines()]
    assert [line["id"] for line in lines] == sorted(
        (line["id"] for line in lines), key=[record["id"] for record in records].index
    )
    by_id = {record["id"]: record for record in records}
    for line in lines:
        record = by_id[line["id"]]
        assert line["path"] == record.get("path", f"{record['id']}.md")
        assert {"rule", "line", "column", "message", "severity"} <= set(line)
    assert {"site/2.html", "blog/post-1.md", "post-0.md"} <= {line["path"] for line in lines}


def test_jsonl_from_stdin_equals_jsonl_from_a_file_on_any_jobs(project: Path) -> None:
    export = write_export(project / "export.jsonl", 40)
    from_file = run_cli("--input-format", "jsonl", "--jobs", "1", str(export))
    from_stdin = run_cli("--input-format", "jsonl", "--jobs", "2", "-", stdin=export.read_text())
    assert from_file.stdout == from_stdin.stdout
    assert from_file.stdout.count("\n") > 40


def test_jsonl_matches_linting_the_same_texts_as_files(project: Path) -> None:
    export = write_export(project / "export.jsonl", 20)
    lines = [json.loads(line) for line in run_cli("--input-format", "jsonl", str(export)).stdout.splitlines()]
    linter = Linter.create(load_config())
    expected = []
    for raw in export.read_text().splitlines():
        record = json.loads(raw)
        path = record.get("path", f"{record['id']}.md")
        expected += [{"id": record["id"], **finding.to_dict()} for finding in linter.lint_text(record["text"], path)]
    assert lines == expected


def test_a_bad_record_names_file_and_line_and_the_rest_is_linted(project: Path) -> None:
    export = project / "export.jsonl"
    export.write_text(
        json.dumps({"id": "a", "text": PHRASES[0]}) + "\n" + "{not json\n" + json.dumps({"text": "no id"}) + "\n"
        + json.dumps({"id": "d", "text": PHRASES[2]}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    result = run_cli("--input-format", "jsonl", str(export))
    assert result.returncode == 2
    assert [json.loads(line)["id"] for line in result.stdout.splitlines() if '"SCL001"' in line] == ["a", "d"]
    errors = result.stderr.strip().splitlines()
    assert errors[0].startswith(f"medlint: error: {export}:2: not valid JSON")
    assert errors[1].startswith(f"medlint: error: {export}:3: 'id' is missing")
    assert "Traceback" not in result.stderr


def test_dask_example_gives_the_cli_results(project: Path) -> None:
    pytest.importorskip("dask.bag", reason="the 'dask' extra is not installed (pip install 'medlint[dask]')")
    export = write_export(project / "export.jsonl", 120)
    cli_result = run_cli("--input-format", "jsonl", str(export))
    env = {**os.environ, "MEDLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    example = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "dask_lint.py"), str(export), "--partitions", "4", "--workers", "2"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert example.returncode == 0, example.stderr
    assert example.stdout == cli_result.stdout
    assert example.stdout.count("\n") > 100


def rule_patterns(linter: Linter) -> list[tuple[str, object]]:
    """Every pattern the prefilter may gate, with its rule id."""
    found: list[tuple[str, object]] = []
    for rule in linter.rules:
        check = rule.check
        for name in ("pattern", "first", "second"):
            if hasattr(check, name):
                found.append((rule.id, getattr(check, name)))
        found += [(rule.id, pattern) for pattern, _rewrite in getattr(check, "swaps", ())]
    return found


def test_every_match_of_a_built_in_rule_contains_one_of_its_prefilter_words() -> None:
    """The prefilter skips text without these words, so a match without one would be lost."""
    from medlint.checks.prefilter import required_literals

    linter = Linter.create(load_config(ROOT / "pyproject.toml"))
    texts = [example for rule in linter.rules for example in (*rule.tests.fail, *rule.tests.passing, rule.docs.example)]
    texts += [page(number) for number in range(12)] + [text.upper() for text in texts]
    checked = 0
    for rule_id, pattern in rule_patterns(linter):
        literals = required_literals(pattern)  # type: ignore[arg-type]
        if literals is None:
            continue
        for text in texts:
            for match in pattern.finditer(text):  # type: ignore[attr-defined]
                assert any(literal in match.group().casefold() for literal in literals), (rule_id, match.group())
                checked += 1
    assert checked > 20


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"(?<![\w-])(?:cur(?:e|es|ed)|guarantee[ds]?)(?![\w-])", {"cure", "guarantee"}),
        (r"(?:helps?|helping) (?:people|you)", {"help"}),
        (r"fast(?:er)? relief", {" relief"}),
        (r"(?:miracle)?\s+cure", {"cure"}),
        (r"(?:miracle cure){e<=1}", None),
        (r"\L<words>", None),
        (r"(?:a|cure)", None),
        (r"\w+ly", None),
    ],
)
def test_prefilter_words_are_read_from_the_pattern(source: str, expected: set[str] | None) -> None:
    import regex

    from medlint.checks.prefilter import required_literals

    pattern = regex.compile(source, regex.IGNORECASE, words=["x"]) if "\\L" in source else regex.compile(source)
    found = required_literals(pattern)
    assert (set(found) if found is not None else None) == expected
